/**
 * What the API server checks in `metadata` (before kpack sees the object: apiextensions-apiserver validates every
 * custom resource's metadata with ValidateObjectMetaAccessor), with Kubernetes' own rules (src/validation/kubernetes),
 * and scope mistakes.
 */
import { child, compareCodePoints, get, isObj, item, Obj, show, str } from '../json';
import { CHECKED_API_VERSION, kindInfo, LEGACY_API_VERSION } from '../kinds';
import {
  decodesAsManagedFieldsEntry, fieldManagerResult, KEPT_AS_WRITTEN, managedFieldsEntryProblems, StoredManagedFieldsEntry, validateManagedFields,
} from '../kubernetes/managed-fields';
import { validateObjectMeta } from '../kubernetes/metadata';
import { Report } from '../report';
import { goFold } from '../schema';

/**
 * `doc`: the object as decoded; `raw`: as written (the API server's field manager reads its exact `metadata`);
 * `previous`: the object this one updates, as applied before (undefined: `kubectl apply` creates it); `webhook`:
 * kpack's webhooks check the kind.
 */
export function checkMetadata(doc: Obj, raw: Obj, kind: string, clusterScoped: boolean, report: Report, previous: Obj | undefined,
  webhook: boolean): void {
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
  checkManagedFields(raw, kind, clusterScoped, report, previous, webhook);
  if (previous === undefined) checkResourceVersionOnCreate(metadata, report);
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
 * metadata.managedFields after the API server's field manager (kubernetes/managed-fields.ts), over the object as the
 * API server decodes it (`raw`: the exact key `metadata`, with the request's namespace). On update the previous
 * manifest stands in for the stored object, with the managed fields the API server stored for it.
 *
 * `webhook`: kpack's mutating webhook decodes the object with Go, case-insensitively, and stores what it decoded:
 * managedFields written under another spelling (`Metadata`, `ManagedFields`) reach it, sorted before the exact
 * key, so the list the field manager left is decoded into theirs (Go reuses a list's elements: a field the left
 * list leaves out, such as an empty subresource, keeps the written one's value). The API server keeps the result
 * when it decodes (else resets it to the field manager's: fieldmanager.NewManagedFieldsValidatingAdmissionController)
 * and validates it as it is.
 */
function checkManagedFields(raw: Obj, kind: string, clusterScoped: boolean, report: Report, previous: Obj | undefined, webhook: boolean): void {
  const exact = isObj(raw.metadata) ? raw.metadata as Obj : undefined;
  const shadows = webhook ? shadowedManagedFields(raw) : [];
  const written = exact?.managedFields;
  if (!(Array.isArray(written) && written.length > 0) && !shadows.some(s => Array.isArray(s.value))) return;
  const apiVersion = str(raw, 'apiVersion') ?? '';
  const otherServedVersions = kindInfo(kind)?.servedAsV1alpha1 ? [CHECKED_API_VERSION, LEGACY_API_VERSION].filter(v => v !== apiVersion) : [];
  const live = previous === undefined ? undefined : apiServerView(previous, clusterScoped, [{}]);
  const request = { object: apiServerView(raw, clusterScoped, written), apiVersion, otherServedVersions, live };
  const add = (problems: readonly { path: string; message: string }[]) => {
    for (const p of problems) report.add('metadata-managed-fields', p.path, p.message);
  };
  if (!shadows.some(s => Array.isArray(s.value))) {
    add(validateManagedFields('metadata.managedFields', written, request));
    return;
  }
  const left = fieldManagerResult(written, request);
  const merged = goDecodedManagedFields(shadows, left);
  if (merged.length === 0 || !merged.every(e => decodesAsManagedFieldsEntry(e.value))) {
    // Reset to the field manager's list.
    for (const e of left) {
      if (e.written !== undefined) add(managedFieldsEntryProblems(item('metadata.managedFields', e.written), e.manager, e.subresource, KEPT_AS_WRITTEN));
    }
    return;
  }
  for (const e of merged) {
    const manager = typeof e.value.manager === 'string' ? e.value.manager : '';
    const subresource = typeof e.value.subresource === 'string' ? e.value.subresource : '';
    add(managedFieldsEntryProblems('', manager, subresource,
      'stores managedFields as kpack\'s webhook decodes them (with Go, which also reads other spellings of metadata and managedFields, before the exact ones)',
      e.from.manager ?? 'metadata.managedFields[0].manager', e.from.subresource ?? 'metadata.managedFields[0].subresource'));
  }
}

/** The fields of a ManagedFieldsEntry (Go matches keys to them case-insensitively). */
const ENTRY_FIELDS = ['manager', 'operation', 'apiVersion', 'time', 'fieldsType', 'fieldsV1', 'subresource'];

/** managedFields written under other spellings of `metadata` or `managedFields`, in the order Go decodes them. */
function shadowedManagedFields(raw: Obj): Array<{ path: string; value: unknown }> {
  const out: Array<{ path: string; value: unknown }> = [];
  // Nearly every object has only the exact key: found without sorting or folding its keys. (A spelling Go folds to
  // `metadata` has its 8 UTF-16 units: of the letters whose folds leave ASCII, K and S, `metadata` has none.)
  if (!Object.keys(raw).some(key => key.length === 8 && key !== 'metadata')) return out;
  const byKey = (o: Obj) => Object.keys(o).sort(compareCodePoints);
  for (const key of byKey(raw)) {
    if (goFold(key) !== goFold('metadata') || !isObj(raw[key])) continue;
    const meta = raw[key] as Obj;
    for (const k of byKey(meta)) {
      if (goFold(k) !== goFold('managedFields')) continue;
      // The exact metadata's managedFields are the field manager's (decoded last); other spellings in it are pruned.
      if (key === 'metadata') continue;
      out.push({ path: child(key, k), value: meta[k] });
    }
  }
  return out;
}

/** One element of the list Go decodes, and where each of its manager and subresource came from. */
interface DecodedEntry {
  value: Record<string, unknown>;
  from: { manager?: string; subresource?: string };
}

/**
 * encoding/json decoding each list into the same []ManagedFieldsEntry in turn, then the field manager's: a list's
 * length is its last decoded one's, and its elements are decoded into those already there (kept in the backing
 * array even past a shorter list), so a key an element leaves out keeps the earlier value; null leaves a string.
 */
function goDecodedManagedFields(shadows: ReadonlyArray<{ path: string; value: unknown }>, left: readonly StoredManagedFieldsEntry[]): DecodedEntry[] {
  const backing: DecodedEntry[] = [];
  let length = 0;
  const decode = (list: readonly unknown[], path: (i: number, field: string) => string) => {
    list.forEach((element, i) => {
      backing[i] ??= { value: {}, from: {} };
      if (!isObj(element)) return;
      for (const key of Object.keys(element).sort(compareCodePoints)) {
        const field = ENTRY_FIELDS.includes(key) ? key : ENTRY_FIELDS.find(f => goFold(f) === goFold(key));
        const v = (element as Obj)[key];
        if (field === undefined || (v === null && field !== 'time')) continue;
        backing[i].value[field] = v === null ? undefined : v;
        if (field === 'manager' || field === 'subresource') backing[i].from[field] = path(i, key);
      }
    });
    length = list.length;
  };
  for (const s of shadows) {
    if (Array.isArray(s.value)) {
      decode(s.value, (i, key) => child(item(s.path, i), key));
    } else if (s.value === null) {
      // null makes the list nil: nothing of it is reused
      backing.length = 0;
      length = 0;
    }
  }
  if (left.length > 0) {
    decode(left.map(e => ({
      ...e.manager ? { manager: e.manager } : {},
      operation: e.operation,
      apiVersion: e.apiVersion,
      ...e.time ? { time: e.time } : {},
      fieldsType: 'FieldsV1',
      fieldsV1: {},
      ...e.subresource ? { subresource: e.subresource } : {},
    })), (i, key) => child(item('metadata.managedFields', left[i].written ?? i), key));
  }
  return backing.slice(0, length);
}

/**
 * The object as the API server decodes it for the field manager: the exact `metadata` key (ObjectMeta's fields,
 * empty ones left out), the request's namespace (kubectl's `default` for a namespaced kind, none for a
 * cluster-scoped one), and `managedFields`.
 */
function apiServerView(doc: Obj, clusterScoped: boolean, managedFields: unknown): Obj {
  const written = isObj(doc.metadata) ? doc.metadata as Obj : {};
  const metadata: Record<string, unknown> = {};
  for (const key of OBJECT_META_FIELDS) {
    const v = written[key];
    const empty = v === undefined || v === null || v === '' || v === 0 || (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0);
    if (!empty) metadata[key] = v;
  }
  if (clusterScoped) delete metadata.namespace;
  else if (typeof metadata.namespace !== 'string') metadata.namespace = 'default';
  // Go's zero values: an owner reference always has apiVersion, kind, name and uid; a null finalizer is "".
  if (Array.isArray(metadata.ownerReferences)) {
    metadata.ownerReferences = metadata.ownerReferences.map(r => (isObj(r) ? { apiVersion: '', kind: '', name: '', uid: '', ...withoutNulls(r as Obj) } : r));
  }
  if (Array.isArray(metadata.finalizers)) metadata.finalizers = metadata.finalizers.map(f => f ?? '');
  if (managedFields !== undefined) metadata.managedFields = managedFields;
  return { ...doc, metadata };
}

function withoutNulls(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));
}

/** ObjectMeta's fields as the API server decodes them (case-sensitively; other keys are pruned). */
const OBJECT_META_FIELDS = ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'];
