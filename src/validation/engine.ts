/**
 * The rule engine (validator.ts, and the rules, schemas and reference checks it loads), loaded when first used:
 * `require('cdk8s-kpack')` does not load it (issue 14, `npm run bench` measures the require time). An app loads it at
 * its first synth, the command and the plugin when they check their first files; constructs check their props
 * with the Kubernetes rules (validation/kubernetes), which stay loaded up front.
 */
import type * as Validator from './validator';

let loaded: typeof Validator | undefined;

/** validator.ts, required on the first call. */
export function engine(): typeof Validator {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return loaded ??= require('./validator');
}
