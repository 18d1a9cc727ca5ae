/**
 * What kpack stores for an object: its mutating webhook decodes the object into kpack's Go types, applies
 * `SetDefaults` and answers with the round-trip patch, so the stored spec is Go's `json.Marshal` of the defaulted
 * value. Computed here from the field tree of kpack's Go types (src/imports/kpack-schema.ts: which fields are
 * pointers, which are omitted when empty), to compare a spec with what kpack will store (drift, for GitOps tools)
 * and two specs as kpack compares them (kmp.ShortDiff, for the update rules).
 *
 * A quantity is written as Go's `MarshalJSON` writes it (src/validation/kubernetes/quantity.ts `storedQuantity`:
 * as written when Go keeps the text, else in its canonical form, `1024Mi` as `1Gi`); kmp compares them by value.
 */
import { get, isAbsent, isArray, isObj, Obj, ownKeys } from './json';
import { DEFAULT_LIFECYCLE, DEFAULT_SERVICE_ACCOUNT } from './kinds';
import { compareQuantities, parseQuantity, storedQuantity } from './kubernetes/quantity';
import { FieldType, StructType } from './schema';
import { KpackFeatures } from './versions';

/**
 * kpack's `SetDefaults` of each kind (pkg/apis/build/v1alpha2/*_validation.go), on a decoded spec: the spec itself
 * when kpack sets nothing, else a copy with the values kpack sets. (Callers only read it.)
 */
export function withKpackDefaults(kind: string, spec: Record<string, unknown>, features: KpackFeatures,
  defaultStorageClass: boolean): Record<string, unknown> {
  const set = new Map<string, unknown>(); // the fields kpack sets, in the order it sets them
  switch (kind) {
    case 'Image':
      setIfEmpty(set, spec, 'serviceAccountName', DEFAULT_SERVICE_ACCOUNT);
      setIfEmpty(set, spec, 'imageTaggingStrategy', 'BuildNumber');
      if (isAbsent(get(spec, 'failedBuildHistoryLimit'))) set.set('failedBuildHistoryLimit', 10);
      if (isAbsent(get(spec, 'successBuildHistoryLimit'))) set.set('successBuildHistoryLimit', 10);
      if (isAbsent(get(spec, 'cache')) && defaultStorageClass) set.set('cache', { volume: { size: '2G' } });
      break;
    case 'Build':
    case 'Buildpack':
      setIfEmpty(set, spec, 'serviceAccountName', DEFAULT_SERVICE_ACCOUNT);
      break;
    case 'Builder':
      if (emptyString(get(spec, 'serviceAccount'))) setIfEmpty(set, spec, 'serviceAccountName', DEFAULT_SERVICE_ACCOUNT);
      setRefDefaults(set, spec, 'stack', STACK_DEFAULTS);
      setRefDefaults(set, spec, 'store', STORE_DEFAULTS);
      if (features.clusterLifecycle) setRefDefaults(set, spec, 'lifecycle', LIFECYCLE_DEFAULTS);
      break;
    case 'ClusterBuilder':
      if (features.clusterLifecycle) setRefDefaults(set, spec, 'lifecycle', LIFECYCLE_DEFAULTS);
      break;
    default:
      break;
  }
  return set.size === 0 ? spec : withValues(spec, set);
}

const STACK_DEFAULTS: ReadonlyArray<readonly [string, string]> = [['kind', 'ClusterStack']];
const STORE_DEFAULTS: ReadonlyArray<readonly [string, string]> = [['kind', 'ClusterStore']];
const LIFECYCLE_DEFAULTS: ReadonlyArray<readonly [string, string]> = [['name', DEFAULT_LIFECYCLE], ['kind', 'ClusterLifecycle']];

function setIfEmpty(set: Map<string, unknown>, spec: Obj, field: string, value: unknown): void {
  if (emptyString(get(spec, field))) set.set(field, value);
}

/** A reference (`stack`, `store`, `lifecycle`) with kpack's defaults for its empty fields; always an object. */
function setRefDefaults(set: Map<string, unknown>, spec: Obj, field: string, defaults: ReadonlyArray<readonly [string, string]>): void {
  const was = get(spec, field);
  let ref = was;
  for (const [key, value] of defaults) ref = withField(ref, key, value);
  if (ref !== was) set.set(field, ref);
}

function emptyString(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/** `value` with `field` set to `to` when empty; a value that is not an object becomes `{ field: to }`. */
function withField(value: unknown, field: string, to: string): unknown {
  if (!isObj(value)) return { [field]: to };
  return emptyString(get(value, field)) ? withValues(value, new Map([[field, to]])) : value;
}

/**
 * A copy of `value` with the values of `set` (existing fields in place, new ones after), each field written once:
 * a copy shares its hidden class with the parsed manifests, and writing over one of its fields would make V8 drop
 * the code it optimized for all of them.
 */
function withValues(value: Obj, set: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = ownKeys(value);
  for (const key of keys) defineField(out, key, set.has(key) ? set.get(key) : value[key]);
  for (const [key, v] of set) if (!keys.includes(key)) defineField(out, key, v);
  return out;
}

/** `out[key] = value` as an own field, also for the key `__proto__`. */
function defineField(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
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
      for (const k of ownKeys(value)) defineField(out, k, goMarshal(value[k], type.elem));
      return out;
    }
    case 'quantity': {
      const q = typeof value === 'string' || typeof value === 'number' ? parseQuantity(value) : undefined;
      return q === undefined || typeof q === 'string' ? value : storedQuantity(q); // one that does not decode: kpack refuses it
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
