/**
 * What kpack stores for an object: its mutating webhook decodes the object into kpack's Go types, applies
 * `SetDefaults` and answers with the round-trip patch, so the stored spec is Go's `json.Marshal` of the defaulted
 * value. Computed here from the field tree of kpack's Go types (src/imports/kpack-schema.ts: which fields are
 * pointers, which are omitted when empty), to compare a spec with what kpack will store (drift, for GitOps tools)
 * and two specs as kpack compares them (kmp.ShortDiff, for the update rules).
 *
 * Quantities are kept as written: Go writes them in a canonical form (`1024Mi` becomes `1Gi`), which is not
 * computed here; they are compared by value.
 */
import { isArray, isObj, ownKeys } from './json';
import { DEFAULT_LIFECYCLE, DEFAULT_SERVICE_ACCOUNT } from './kinds';
import { compareQuantities, parseQuantity } from './kubernetes/quantity';
import { FieldType, StructType } from './schema';
import { KpackFeatures } from './versions';

/** kpack's `SetDefaults` of each kind (pkg/apis/build/v1alpha2/*_validation.go), on a decoded spec. */
export function withKpackDefaults(kind: string, spec: Record<string, unknown>, features: KpackFeatures,
  defaultStorageClass: boolean): Record<string, unknown> {
  const s: Record<string, any> = { ...spec };
  switch (kind) {
    case 'Image':
      if (emptyString(s.serviceAccountName)) s.serviceAccountName = DEFAULT_SERVICE_ACCOUNT;
      if (emptyString(s.imageTaggingStrategy)) s.imageTaggingStrategy = 'BuildNumber';
      if (s.failedBuildHistoryLimit === undefined || s.failedBuildHistoryLimit === null) s.failedBuildHistoryLimit = 10;
      if (s.successBuildHistoryLimit === undefined || s.successBuildHistoryLimit === null) s.successBuildHistoryLimit = 10;
      if ((s.cache === undefined || s.cache === null) && defaultStorageClass) s.cache = { volume: { size: '2G' } };
      break;
    case 'Build':
    case 'Buildpack':
      if (emptyString(s.serviceAccountName)) s.serviceAccountName = DEFAULT_SERVICE_ACCOUNT;
      break;
    case 'Builder':
      if (emptyString(s.serviceAccountName) && emptyString(s.serviceAccount)) s.serviceAccountName = DEFAULT_SERVICE_ACCOUNT;
      setIn(s, 'stack', 'kind', 'ClusterStack');
      setIn(s, 'store', 'kind', 'ClusterStore');
      if (features.clusterLifecycle) {
        setIn(s, 'lifecycle', 'name', DEFAULT_LIFECYCLE);
        setIn(s, 'lifecycle', 'kind', 'ClusterLifecycle');
      }
      break;
    case 'ClusterBuilder':
      if (features.clusterLifecycle) {
        setIn(s, 'lifecycle', 'name', DEFAULT_LIFECYCLE);
        setIn(s, 'lifecycle', 'kind', 'ClusterLifecycle');
      }
      break;
    default:
      break;
  }
  return s;
}

function emptyString(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/** `s[key][field] = value` unless set, in a copy of `s[key]` (a new object when it is not one). */
function setIn(s: Record<string, any>, key: string, field: string, value: string): void {
  const o = isObj(s[key]) ? { ...s[key] } : {};
  if (emptyString(o[field])) o[field] = value;
  s[key] = o;
}

/** Go's "empty" for omitempty: false, 0, "", nil, or a list, map or string of length 0 (never a struct). */
function isEmpty(value: unknown, type: FieldType): boolean {
  if (value === undefined || value === null) {
    return type.pointer === true || type.tag === 'array' || type.tag === 'map' || type.tag === 'any'
    || (type.tag !== 'struct' && type.tag !== 'quantity' && type.tag !== 'time');
  }
  if (type.pointer) return false;
  if (typeof value === 'string') return value === '' && (type.tag === 'string');
  if (typeof value === 'number') return value === 0 && (type.tag === 'integer' || type.tag === 'number');
  if (typeof value === 'boolean') return !value && type.tag === 'boolean';
  if (isArray(value)) return value.length === 0;
  if (isObj(value) && type.tag === 'map') return ownKeys(value).length === 0;
  return false;
}

/** The zero value Go writes for a field that holds nothing (a value, not a pointer). */
function zeroValue(type: FieldType): unknown {
  if (type.pointer) return null;
  switch (type.tag) {
    case 'string': return '';
    case 'integer':
    case 'number':
    case 'intOrString': return 0;
    case 'boolean': return false;
    case 'quantity': return '0';
    case 'struct': return marshalStruct({}, type.struct);
    default: return null; // slices, maps, interfaces, times
  }
}

/** Go's json.Marshal of a decoded value of `type`. */
export function goMarshal(value: unknown, type: FieldType): unknown {
  if (value === undefined || value === null) return zeroValue(type);
  switch (type.tag) {
    case 'struct': return isObj(value) ? marshalStruct(value, type.struct) : value;
    case 'array': return isArray(value) ? value.map(v => goMarshal(v, type.elem)) : value;
    case 'map': {
      if (!isObj(value)) return value;
      const out: Record<string, unknown> = {};
      for (const k of ownKeys(value)) out[k] = goMarshal(value[k], type.elem);
      return out;
    }
    default: return value;
  }
}

/** Whether json.Marshal leaves out a struct field of `type` that holds `value` (`omitempty`, `omitzero`). */
export function isOmitted(value: unknown, type: FieldType): boolean {
  return (type.omitEmpty === true && isEmpty(value, type)) || (type.omitZero === true && (value === undefined || value === null));
}

function marshalStruct(value: Record<string, unknown>, type: StructType): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, fieldType] of type.fields) {
    const v = value[field];
    if (isOmitted(v, fieldType)) continue;
    out[field] = goMarshal(v, fieldType);
  }
  return out;
}

/** The first place where two marshaled values differ (quantities compared by value, as kmp does), or undefined. */
export function firstDifference(a: unknown, b: unknown, type: FieldType | undefined, path: string): string | undefined {
  if (type?.tag === 'quantity' && (typeof a === 'string' || typeof a === 'number') && (typeof b === 'string' || typeof b === 'number')) {
    const x = parseQuantity(a);
    const y = parseQuantity(b);
    if (typeof x !== 'string' && typeof y !== 'string') return compareQuantities(x, y) === 0 ? undefined : path;
  }
  if (a === b) return undefined;
  if (isArray(a) && isArray(b)) {
    if (a.length !== b.length) return path;
    const elem = type?.tag === 'array' ? type.elem : undefined;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], elem, `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (isObj(a) && isObj(b)) {
    for (const k of new Set([...ownKeys(a), ...ownKeys(b)])) {
      const fieldType = type?.tag === 'struct' ? type.struct.fields.get(k) : type?.tag === 'map' ? type.elem : undefined;
      const d = firstDifference(a[k], b[k], fieldType, path === '' ? k : `${path}.${k}`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  return path;
}
