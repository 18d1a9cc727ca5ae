/**
 * The name cdk8s gives an object that was given none, for the L2 constructs, which are their kpack object: the name
 * it had when it was the `Resource` child of its construct (cdk8s-plus's shape, which this package used before), so
 * that apps keep their object names.
 */
import { createHash } from 'crypto';
import { ApiObject, Chart, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';

/** The id of the child ApiObject in cdk8s-plus's shape. */
const CHILD_ID = 'Resource';

/**
 * `chart.generateObjectName` of an ApiObject `Resource` of `gvk` under a construct `id` in `scope`. The chart's method
 * (its own, or one an app overrides) is given a stand-in with that node (id, path, address), kind, apiVersion and
 * chart. An override that reads anything else of it gets an error saying so, not a TypeError from inside it.
 */
export function resourceChildName(scope: Construct, id: string, gvk: GroupVersionKind): string {
  // As constructs does: the address hashes the ids of all scopes (the root's empty one too), the path joins the non-empty ones.
  const ids = [...scope.node.scopes.map(s => s.node.id), id, CHILD_ID];
  const path = ids.filter(i => i).join('/');
  const chart = Chart.of(scope);
  const known: { [key: string]: unknown } = {
    node: { id: CHILD_ID, path, addr: constructAddress(ids) },
    kind: gvk.kind,
    apiVersion: gvk.apiVersion,
    apiGroup: gvk.apiVersion.includes('/') ? gvk.apiVersion.split('/')[0] : '',
    chart,
  };
  const standIn = new Proxy(known, {
    get(target, property) {
      if (typeof property === 'string' && !(property in target)) {
        throw new Error(`${gvk.kind} "${ids.slice(0, -1).filter(i => i).join('/')}": the chart's generateObjectName read "${property}" `
          + 'of the object it names; for an object given no name it gets only node (id, path, addr), kind, apiVersion, apiGroup '
          + 'and chart: give the object a name in metadata, or name objects from those');
      }
      return target[property as string];
    },
  });
  return chart.generateObjectName(standIn as unknown as ApiObject);
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
