/**
 * Modules of this package loaded when first used rather than by `require('cdk8s-kpack')` (issue 14: `npm run bench`
 * measures the require time), for what only some apps need; test/require.test.ts lists what must stay unloaded.
 * A module used from one place declares its own loader there with `onFirstUse`; the loaders several places share are here.
 */
/* eslint-disable @typescript-eslint/no-require-imports */

/** `load` (a `() => require('./module')` written where the path is its own) run once, on the first call. */
export function onFirstUse<T>(load: () => T): () => T {
  let loaded: T | undefined;
  return () => loaded ??= load();
}

/** The credentials' checks: with the first credential of an app. */
export const credentials = onFirstUse(() => require('./credentials') as typeof import('./credentials'));
/** The hosts and annotations kpack's credential helpers read: with the first credential or cloud identity. */
export const credentialHosts = onFirstUse(() => require('../validation/credential-hosts') as typeof import('../validation/credential-hosts'));
/** The image reference parser: with the first lock, cosign repository or Paketo catalogue change. */
export const imageReference = onFirstUse(() => require('../validation/image-reference') as typeof import('../validation/image-reference'));
/** Kubernetes' rules beyond names and metadata (pods, scheduling, resources): with the first props that need them. */
export const kubernetesRules = onFirstUse(() => require('../validation/kubernetes') as typeof import('../validation/kubernetes'));
/** kp's descriptor format (its parser and repository check): with the first KpConfig or KpDescriptor. */
export const kpDescriptor = onFirstUse(() => require('../kp/descriptor') as typeof import('../kp/descriptor'));
