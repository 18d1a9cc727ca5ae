import { App } from 'cdk8s';
import { gettingStarted } from './getting-started';
import { multiTeam } from './multi-team';

/** Every example app, by the folder name it is synthesized to. */
export const EXAMPLES: { [name: string]: (app: App) => void } = {
  'getting-started': gettingStarted,
  'multi-team': multiTeam,
};
