/**
 * A module of this package loaded when first used rather than by `require('cdk8s-kpack')` (issue 14: `npm run bench`
 * measures the require time): for modules that only some apps need, such as the platform's rendering, kp's
 * descriptor, the lock file or the credentials' checks. `load` is `() => require('./module')`, written in the module
 * that uses it (so the path is its own), with the module's type from `typeof import('./module')`.
 */
export function onFirstUse<T>(load: () => T): () => T {
  let loaded: T | undefined;
  return () => loaded ??= load();
}
