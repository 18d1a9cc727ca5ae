/** `spec.serviceAccountRef` of the cluster-scoped kinds (CS-1/2, ST-1/2, CBP-1/2, CL-1/2, CB-1/2). */
import { RuleId } from '../catalogue';
import { obj, Obj, str } from '../json';
import { missing } from './common';
import { RuleContext } from './context';

/**
 * kpack returns these errors alone (the object's other rules are then not run); we report the others as well,
 * since they are real problems too. `required` is the ClusterBuilder's case (its ref is a value, not a pointer).
 */
export function checkServiceAccountRef(
  spec: Obj, ctx: RuleContext, rules: readonly [RuleId, RuleId], required: boolean, purpose: string,
): void {
  let ref = obj(spec, 'serviceAccountRef');
  if (ref === undefined) return;
  if (ref === null) {
    if (!required) return;
    ref = {};
  }
  const when = required ? '' : ' when serviceAccountRef is given';
  if (str(ref, 'name') === '') {
    missing(ctx, rules[0], 'spec.serviceAccountRef.name', `the name of the ServiceAccount ${purpose}${when}`);
  }
  if (str(ref, 'namespace') === '') {
    missing(ctx, rules[1], 'spec.serviceAccountRef.namespace', `the namespace of that ServiceAccount${when}`);
  }
}
