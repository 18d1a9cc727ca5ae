import { App } from 'cdk8s';
import { fromDescriptor } from './from-descriptor';
import { gettingStarted } from './getting-started';
import { paketoCatalog } from './paketo-catalog';

/** Every example app, by the folder name it is synthesized to. */
export const EXAMPLES: { [name: string]: (app: App) => void } = {
  'getting-started': gettingStarted,
  'from-descriptor': fromDescriptor,
  'paketo-catalog': paketoCatalog,
};
