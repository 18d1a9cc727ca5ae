import { App } from 'cdk8s';
import { airGapped } from './air-gapped';
import { gettingStarted } from './getting-started';

/** Every example app, by the folder name it is synthesized to. */
export const EXAMPLES: { [name: string]: (app: App) => void } = {
  'getting-started': gettingStarted,
  'air-gapped': airGapped,
};
