import { App } from 'cdk8s';
import { airGapped } from './air-gapped';
import { fromDescriptor } from './from-descriptor';
import { gettingStarted } from './getting-started';
import { multiTeam } from './multi-team';
import { paketoCatalog } from './paketo-catalog';

/** Every example app, by the folder name it is synthesized to. */
export const EXAMPLES: { [name: string]: (app: App) => void } = {
  'getting-started': gettingStarted,
  'air-gapped': airGapped,
  'from-descriptor': fromDescriptor,
  'paketo-catalog': paketoCatalog,
  'multi-team': multiTeam,
};
