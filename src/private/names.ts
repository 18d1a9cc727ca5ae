/**
 * The name cdk8s gives an object that was given none, for the L2 constructs, which are their kpack object: the name
 * it had when it was the `Resource` child of its construct (cdk8s-plus's shape, which this package used before), so
 * that apps keep their object names.
 */
import { createHash } from 'crypto';
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';

/** The id of the child ApiObject in cdk8s-plus's shape. */
const CHILD_ID = 'Resource';

/**
 * `chart.generateObjectName` of an ApiObject `Resource` under a construct `id` in `scope`. The chart's method (its
 * own, or one an app overrides) is given a stand-in with that path, address and kind.
 */
export function resourceChildName(scope: Construct, id: string, kind: string): string {
  // As constructs does: the address hashes the ids of all scopes (the root's empty one too), the path joins the non-empty ones.
  const ids = [...scope.node.scopes.map(s => s.node.id), id, CHILD_ID];
  const standIn = { node: { id: CHILD_ID, path: ids.filter(i => i).join('/'), addr: constructAddress(ids) }, kind };
  return Chart.of(scope).generateObjectName(standIn as unknown as ApiObject);
}

/**
 * The address `constructs` gives the construct whose scopes (root first, itself last) have the ids `ids` (`node.addr`;
 * cdk8s hashes it into names): SHA-1 of the ids, each followed by a newline, `Default` left out, prefixed with `c8`.
 * test/construct-shape.test.ts compares it with constructs' own.
 */
export function constructAddress(ids: readonly string[]): string {
  const hash = createHash('sha1');
  for (const c of ids) {
    if (c === 'Default') continue;
    hash.update(c);
    hash.update('\n');
  }
  return 'c8' + hash.digest('hex');
}
