/**
 * What the API server checks in `metadata` (before kpack sees the object: apiextensions-apiserver validates every
 * custom resource's metadata with ValidateObjectMetaAccessor), with Kubernetes' own rules (src/validation/kubernetes),
 * and scope mistakes.
 */
import { get, isObj, Obj, show, str } from '../json';
import { CHECKED_API_VERSION, kindInfo, LEGACY_API_VERSION } from '../kinds';
import { validateManagedFields } from '../kubernetes/managed-fields';
import { validateObjectMeta } from '../kubernetes/metadata';
import { Report } from '../report';

/**
 * `creating`: the object does not exist yet (nothing in `previous` of the same kind, namespace and name), so
 * `kubectl apply` creates it; `previous`: the object it updates, as applied before.
 */
export function checkMetadata(doc: Obj, kind: string, clusterScoped: boolean, report: Report, creating: boolean, previous?: Obj): void {
  const metadata = get(doc, 'metadata');
  const name = str(metadata, 'name');
  if (name === '' && !str(metadata, 'generateName')) {
    // generateName works with `kubectl create` (Builds often use it); the API server then picks the name.
    report.add('metadata-name', 'metadata.name', `metadata.name is required: every ${kind} needs a name`);
  }
  // Types are the schema walk's to report; the rest is the API server's (a cluster-scoped object's namespace is
  // dropped, not validated).
  let meta = metadata;
  if (typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata)) {
    // No namespace (or an empty one) is the request's (kubectl's default); a cluster-scoped object's is dropped.
    const namespace = (metadata as Obj).namespace;
    const dropNamespace = namespace !== undefined && (clusterScoped || namespace === '' || namespace === null);
    const dropName = name === '' && (metadata as Obj).name !== undefined;
    // A copy only when something is left out (nearly never): validateObjectMeta reads no other fields.
    if (dropNamespace || dropName) {
      meta = { ...metadata, ...dropNamespace ? { namespace: undefined } : {}, ...dropName ? { name: undefined } : {} };
    }
  }
  for (const p of validateObjectMeta('metadata', meta)) {
    if (p.type === 'wrong-type' || p.type === 'unknown-field') continue;
    const rule = p.path.startsWith('metadata.labels') ? 'metadata-labels'
      : p.path.startsWith('metadata.annotations') ? 'metadata-annotations'
        : p.path.startsWith('metadata.namespace') ? 'metadata-namespace'
          : p.path.startsWith('metadata.finalizers') ? 'metadata-finalizers'
            : p.path.startsWith('metadata.ownerReferences') ? 'metadata-owner-references' : 'metadata-name';
    report.add(rule, p.path, `${p.message} (the API server refuses the object)`);
  }
  checkManagedFields(doc, kind, clusterScoped, report, creating ? undefined : previous);
  if (creating) checkResourceVersionOnCreate(metadata, report);
  const namespace = str(metadata, 'namespace');
  if (namespace && clusterScoped) {
    report.add('cluster-scoped-namespace', 'metadata.namespace', `metadata.namespace ${show(namespace)} is ignored: `
      + `${kind} is cluster-scoped, remove the namespace`);
  }
}

/**
 * The API server's storage refuses to create an object whose resourceVersion reads as a number other than 0
 * (etcd3 store.go Create: ErrResourceVersionSetOnCreate); any other text it clears. Objects copied from
 * `kubectl get -o yaml` carry one.
 */
function checkResourceVersionOnCreate(metadata: unknown, report: Report): void {
  const version = get(metadata, 'resourceVersion');
  const number = typeof version === 'string' && /^\d+$/.test(version) ? BigInt(version) : undefined; // strconv.ParseUint
  if (number === undefined || number === 0n || number > MAX_UINT64) return;
  report.add('metadata-resource-version', 'metadata.resourceVersion', `metadata.resourceVersion ${show(version)} is set: the API server `
    + 'refuses to create an object with one (resourceVersion should not be set on objects to be created); remove it (it is the '
    + 'version of an object that was stored, as `kubectl get` shows it)');
}

/** strconv.ParseUint(s, 10, 64)'s largest value. */
const MAX_UINT64 = 2n ** 64n - 1n;

/**
 * metadata.managedFields after the API server's field manager (kubernetes/managed-fields.ts): the object it sees
 * has the request's namespace (kubectl's `default` for a namespaced kind, none for a cluster-scoped one). On update
 * the stored object stands in as the previous manifest, with the managed fields the API server stored for it.
 */
function checkManagedFields(doc: Obj, kind: string, clusterScoped: boolean, report: Report, previous: Obj | undefined): void {
  const metadata = get(doc, 'metadata');
  const managedFields = get(metadata, 'managedFields');
  if (!Array.isArray(managedFields) || managedFields.length === 0) return;
  const apiVersion = str(doc, 'apiVersion') ?? '';
  const otherServedVersions = kindInfo(kind)?.servedAsV1alpha1 ? [CHECKED_API_VERSION, LEGACY_API_VERSION].filter(v => v !== apiVersion) : [];
  const live = previous === undefined ? undefined : withRequestNamespace(previous, clusterScoped, [{}]);
  const problems = validateManagedFields('metadata.managedFields', managedFields, {
    object: withRequestNamespace(doc, clusterScoped, managedFields), apiVersion, otherServedVersions, live,
  });
  for (const p of problems) report.add('metadata-managed-fields', p.path, p.message);
}

function withRequestNamespace(doc: Obj, clusterScoped: boolean, managedFields: unknown): Obj {
  const metadata: Record<string, unknown> = isObj(get(doc, 'metadata')) ? { ...get(doc, 'metadata') as Obj } : {};
  const namespace = metadata.namespace;
  if (clusterScoped) delete metadata.namespace;
  else if (typeof namespace !== 'string' || namespace === '') metadata.namespace = 'default';
  metadata.managedFields = managedFields;
  return { ...doc, metadata };
}
