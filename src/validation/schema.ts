/**
 * Unknown-field and wrong-type detection, as kpack's validating webhook decodes objects: Go's JSON decoder with
 * unknown fields disallowed everywhere except under `metadata`, and field names matched case-insensitively.
 * The check also returns the object as Go would see it (case-mismatched keys renamed), so rules read exact names.
 */
import { child, compareCodePoints, isArray, isFiniteNumber, isInteger, isObj, item, jsonType, Obj, ownKeys, show } from './json';
import { parseQuantity } from './kubernetes/quantity';
import { kpack, Report } from './report';
import { kpackReleases } from './versions';
import { KPACK_SCHEMAS } from '../imports/kpack-schema';

/** A field type of the schema, resolved once per version. */
export type FieldType = (
  | { readonly tag: 'string' | 'integer' | 'number' | 'boolean' | 'quantity' | 'intOrString' | 'time' | 'any' }
  | { readonly tag: 'array' | 'map'; readonly elem: FieldType; readonly source: string }
  | { readonly tag: 'struct'; readonly struct: StructType }
) & {
  /** A Go pointer: JSON null sets it to nil; for a value, null has no effect. */
  readonly pointer?: boolean;
  /** `omitempty`: json.Marshal leaves the field out when it is empty. */
  readonly omitEmpty?: boolean;
  /** `omitzero`: json.Marshal leaves the field out when it is the zero value. */
  readonly omitZero?: boolean;
};

export interface StructType {
  readonly name: string;
  readonly fields: Map<string, FieldType>;
  /** Go's folded field name (encoding/json matches names case-insensitively, with Unicode folding) to field name. */
  readonly folded: Map<string, string>;
  /** Memo of unknown field name to its suggestion: the same typo tends to repeat over many objects. */
  readonly suggestions: Map<string, string | undefined>;
}

export interface CompiledSchema {
  readonly version: string;
  /** Spec type of each kind. */
  readonly kinds: Map<string, string>;
  /** The whole-object type of each kind (apiVersion, kind, metadata, spec, status). */
  readonly objects: Map<string, StructType>;
  readonly types: Map<string, StructType>;
}

const compiled = new Map<string, CompiledSchema>();

/** The version table's (src/imports/kpack-versions.ts), which the import task checks against the schemas. */
const VERSIONS: readonly string[] = kpackReleases().map(r => r.tag);

/** The kpack versions whose API is vendored, newest first. */
export function knownVersions(): readonly string[] {
  return VERSIONS;
}

export function schemaFor(version: string): CompiledSchema | undefined {
  if (!VERSIONS.includes(version)) return undefined;
  let schema = compiled.get(version);
  if (!schema) {
    schema = compile(version);
    compiled.set(version, schema);
  }
  return schema;
}

const ANY: FieldType = { tag: 'any' };
const PRIMITIVES = new Set(['string', 'integer', 'number', 'boolean', 'quantity', 'intOrString', 'time', 'any']);

/**
 * Go's encoding/json folding of a field name (foldName): ASCII letters upper-cased, other runes to the smallest
 * rune of their case-folding orbit. Only two non-ASCII runes fold to ASCII letters: ſ (U+017F) to S, K (U+212A) to K;
 * any other non-ASCII rune cannot match an (ASCII) field name, so it is kept as it is.
 */
export function goFold(key: string): string {
  let out = '';
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) out += String.fromCharCode(c - 32);
    else if (c === 0x17f) out += 'S';
    else if (c === 0x212a) out += 'K';
    else out += key[i];
  }
  return out;
}

/**
 * The two runes that Go folds to ASCII letters look like them: a key spelled with one is named with a note, since
 * `["Kind"]` with the Kelvin sign reads exactly like `Kind`.
 */
export function foldedRunesNote(key: string): string {
  const notes: string[] = [];
  if (key.includes('\u212a')) notes.push('its K is U+212A KELVIN SIGN');
  if (key.includes('\u017f')) notes.push('its ſ is U+017F LATIN SMALL LETTER LONG S');
  return notes.length === 0 ? '' : ` (${notes.join(', ')})`;
}

/**
 * The key of `doc` that Go decodes last into the struct field `field` (the API server hands kpack the keys sorted): the
 * exact name or a name Go folds to it, with a value; undefined when there is none.
 */
export function lastKeyFor(doc: Obj, field: string): string | undefined {
  const folded = goFold(field);
  let last: string | undefined;
  for (const key of Object.keys(doc)) {
    if (doc[key] !== undefined && goFold(key) === folded && (last === undefined || compareCodePoints(key, last) > 0)) last = key;
  }
  return last;
}

function compile(version: string): CompiledSchema {
  const source = KPACK_SCHEMAS[version];
  const types = new Map<string, StructType>();
  for (const name of Object.keys(source.types)) {
    types.set(name, { name, fields: new Map(), folded: new Map(), suggestions: new Map() });
  }
  const resolve = (t: string): FieldType => {
    if (t.startsWith('~')) return { ...resolve(t.slice(1)), omitEmpty: true };
    if (t.startsWith('!')) return { ...resolve(t.slice(1)), omitZero: true };
    if (t.startsWith('*')) return { ...resolve(t.slice(1)), pointer: true };
    if (PRIMITIVES.has(t)) return { tag: t as 'string' };
    if (t.startsWith('[') && t.endsWith(']')) return { tag: 'array', elem: resolve(t.slice(1, -1)), source: t };
    if (t.startsWith('{') && t.endsWith('}')) return { tag: 'map', elem: resolve(t.slice(1, -1)), source: t };
    const named = types.get(t);
    return named ? { tag: 'struct', struct: named } : ANY; // an unknown type name: accept anything
  };
  for (const [name, fields] of Object.entries(source.types)) {
    const target = types.get(name)!;
    for (const [field, t] of Object.entries(fields)) {
      target.fields.set(field, resolve(t));
      target.folded.set(goFold(field), field);
    }
  }
  const kinds = new Map<string, string>();
  const objects = new Map<string, StructType>();
  for (const [kind, specType] of Object.entries(source.kinds)) {
    kinds.set(kind, specType);
    const object = types.get(source.objects[kind]);
    if (object) objects.set(kind, object);
  }
  return { version, kinds, objects, types };
}

/** Where in the object a value is: each is decoded differently before kpack's webhooks see it. */
type Region =
  /** The object and its spec: decoded by kpack's webhooks with Go's encoding/json. */
  | 'kpack'
  /** metadata: decoded by the API server into ObjectMeta, case-sensitively; unknown fields are pruned. */
  | 'metadata'
  /** status: decoded by kpack's mutating webhook (types matter), then reset by the API server (the rest does not). */
  | 'status';

interface WalkContext {
  readonly schema: CompiledSchema;
  readonly report: Report;
  /** Decoded by kpack's webhooks (every kind but SourceResolver, which only kpack's controller reads). */
  readonly webhook: boolean;
  readonly region: Region;
}

/**
 * Checks a whole kpack object of `kind` (known to the schema) and returns it as kpack decodes it: for each field, the
 * value of the key Go assigns last (the API server hands kpack the object with its keys sorted), under its exact name.
 */
export function checkObject(doc: Obj, kind: string, schema: CompiledSchema, report: Report, webhook: boolean): Obj {
  const type = schema.objects.get(kind);
  if (!type) return doc;
  return walkStruct(doc, type, '', { schema, report, webhook, region: 'kpack' }) as Obj;
}

/**
 * Checks only the metadata of an object (of a version kpack's webhooks never see, which the API server still decodes)
 * and returns the object with its metadata as decoded.
 */
export function checkMetadataOnly(doc: Obj, kind: string, schema: CompiledSchema, report: Report): Obj {
  const metadataType = schema.objects.get(kind)?.fields.get('metadata');
  if (metadataType?.tag !== 'struct' || !('metadata' in doc)) return doc;
  const metadata = walk(doc.metadata, metadataType, 'metadata', { schema, report, webhook: true, region: 'metadata' });
  return metadata === doc.metadata ? doc : { ...doc, metadata };
}

const INT64_LIMIT = 2 ** 63;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

/** What resource.Quantity's UnmarshalJSON says of a value: undefined when it decodes, else Go's error message. */
function quantityError(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return 'a quantity must be a string or a number';
  const q = parseQuantity(value);
  return typeof q === 'string' ? q : undefined;
}

export function isQuantity(value: unknown): boolean {
  return quantityError(value) === undefined;
}

/** A time as metav1.Time decodes it: an RFC 3339 string (Go's time.Parse with time.RFC3339). */
function isTime(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = RFC3339.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (month < 1 || month > 12 || day < 1 || day > days[month - 1] || hour > 23 || minute > 59 || second > 59) return false;
  return m[9] === undefined || (Number(m[9]) <= 23 && Number(m[10]) <= 59);
}

/** Whether `walk` would accept `value` of a leaf type as it is, without a finding (false for other types). */
function isValidLeaf(value: unknown, type: FieldType): boolean {
  switch (type.tag) {
    case 'any': return true;
    case 'string': return typeof value === 'string';
    case 'boolean': return typeof value === 'boolean';
    // Not -2^63 either: the API server re-marshals it as -9223372036854776000 (the shortest float64 text), past int64.
    case 'integer': return typeof value === 'number' && isInteger(value) && value < INT64_LIMIT && value > -INT64_LIMIT;
    case 'number': return typeof value === 'number' && isFiniteNumber(value);
    case 'quantity': return isQuantity(value);
    case 'intOrString': return typeof value === 'string' || (typeof value === 'number' && isInteger(value));
    case 'time': return isTime(value);
    default: return false;
  }
}

function walk(value: unknown, type: FieldType, path: string, ctx: WalkContext): unknown {
  if (value === undefined || value === null) return value; // Go leaves the zero value
  switch (type.tag) {
    case 'any':
      return value;
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
    case 'intOrString':
    case 'time':
      if (!isValidLeaf(value, type)) wrongType(value, type, path, ctx);
      return value;
    case 'quantity':
      if (!isQuantity(value)) badQuantity(value, path, ctx);
      return value;
    case 'array':
      return walkArray(value, type.elem, type, path, ctx);
    case 'map':
      return walkMap(value, type.elem, type, path, ctx);
    case 'struct':
      return walkStruct(value, type.struct, path, ctx);
  }
}

function walkArray(value: unknown, elem: FieldType, type: FieldType, path: string, ctx: WalkContext): unknown {
  if (!isArray(value)) {
    wrongType(value, type, path, ctx);
    return value;
  }
  let out: unknown[] | undefined;
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    const nv = isValidLeaf(v, elem) ? v : walk(v, elem, item(path, i), ctx);
    if (nv !== v) {
      out ??= value.slice();
      out[i] = nv;
    }
  }
  return out ?? value;
}

function walkMap(value: unknown, elem: FieldType, type: FieldType, path: string, ctx: WalkContext): unknown {
  if (!isObj(value)) {
    wrongType(value, type, path, ctx);
    return value;
  }
  if (elem.tag === 'any') return value;
  let out: Record<string, unknown> | undefined;
  for (const key of ownKeys(value)) {
    const v = value[key];
    const nv = isValidLeaf(v, elem) ? v : walk(v, elem, child(path, key), ctx);
    if (nv !== v) {
      out ??= { ...value };
      out[key] = nv;
    }
  }
  return out ?? value;
}

function walkStruct(value: unknown, type: StructType, path: string, ctx: WalkContext): unknown {
  if (!isObj(value)) {
    wrongType(value, { tag: 'struct', struct: type }, path, ctx);
    return value;
  }
  const keys = ownKeys(value);
  if (namesFieldsExactly(value, keys, type)) return walkFields(value, keys, type, path, ctx);
  // The keys of each field: the exact name, or (outside metadata) any name Go folds to it.
  let groups: Map<string, string[]> | undefined;
  let changed = false;
  for (const key of keys) {
    if (value[key] === undefined) continue; // not serialized: kpack never sees it (JS objects from constructs)
    let target: string | undefined = type.fields.has(key) ? key : undefined;
    if (target === undefined && ctx.region !== 'metadata') {
      target = type.folded.get(goFold(key));
      if (target !== undefined) caseMismatch(key, target, path, ctx);
    }
    if (target === undefined) {
      if (ctx.region !== 'status') unknownField(key, type, path, ctx);
      changed = true;
      continue;
    }
    if (target !== key) changed = true;
    groups ??= new Map();
    const same = groups.get(target);
    if (same) {
      same.push(key);
      changed = true;
    } else {
      groups.set(target, [key]);
    }
  }
  if (!groups) return changed ? {} : value;
  let out: Record<string, unknown> | undefined = changed ? {} : undefined;
  for (const [target, fieldKeys] of groups) {
    const fieldType = type.fields.get(target)!;
    let decoded: unknown;
    if (fieldKeys.length === 1) {
      const v = value[fieldKeys[0]];
      decoded = isValidLeaf(v, fieldType) ? v : walk(v, fieldType, child(path, fieldKeys[0]), regionOf(fieldKeys[0], target, path, ctx));
      if (out === undefined && decoded !== v) out = { ...value };
    } else {
      // The API server hands kpack the keys sorted, and Go decodes each into the field in turn: every value must
      // decode, and later ones merge into (structs, maps) or replace (the rest) what is there.
      fieldKeys.sort(compareCodePoints);
      decoded = undefined;
      for (const key of fieldKeys) {
        decoded = goAssign(decoded, walk(value[key], fieldType, child(path, key), regionOf(key, target, path, ctx)), fieldType);
      }
    }
    if (out !== undefined) {
      if (decoded === undefined) delete out[target];
      else out[target] = decoded;
    }
  }
  return out ?? value;
}

/** Whether every key (with a value) is the exact name of a field: then no key is folded, dropped or merged. */
function namesFieldsExactly(value: Obj, keys: readonly string[], type: StructType): boolean {
  for (const key of keys) {
    if (value[key] !== undefined && !type.fields.has(key)) return false;
  }
  return true;
}

/**
 * `walkStruct` of an object whose keys are all exact field names (nearly every object): each field decoded in key
 * order, without grouping keys by field.
 */
function walkFields(value: Obj, keys: readonly string[], type: StructType, path: string, ctx: WalkContext): unknown {
  let out: Record<string, unknown> | undefined;
  for (const key of keys) {
    const v = value[key];
    if (v === undefined) continue; // not serialized: kpack never sees it (JS objects from constructs)
    const fieldType = type.fields.get(key)!;
    // Most fields are valid leaves: their path is built only to report one (it is most of the walk's garbage).
    if (isValidLeaf(v, fieldType)) continue;
    const decoded = walk(v, fieldType, child(path, key), regionOf(key, key, path, ctx));
    if (decoded === v) continue;
    out ??= { ...value };
    if (decoded === undefined) delete out[key];
    else out[key] = decoded;
  }
  return out ?? value;
}

/**
 * The context of a key written for `field`: `metadata` and `status` of the object are decoded differently from the
 * rest. The API server decodes the object's metadata from its exact key alone; another spelling (`Metadata`) reaches
 * kpack's webhook, whose Go decoder reads it as the metadata, case-insensitively, like any of kpack's fields.
 */
function regionOf(key: string, field: string, path: string, ctx: WalkContext): WalkContext {
  if (path !== '' || (field !== 'metadata' && field !== 'status') || (field === 'metadata' && key !== field)) return ctx;
  return { ...ctx, region: field };
}

/**
 * What a field holds after Go's encoding/json decodes `next` into it when it holds `current` (undefined: unset): null
 * clears a pointer, map or list and leaves any other value alone; an object merges into a struct or map that is there;
 * anything else replaces.
 */
function goAssign(current: unknown, next: unknown, type: FieldType): unknown {
  if (next === undefined) return current;
  if (next === null) {
    const clears = type.pointer || type.tag === 'map' || type.tag === 'array' || type.tag === 'any';
    return clears ? null : current;
  }
  if (isObj(current) && isObj(next)) {
    if (type.tag === 'map') return { ...current, ...next };
    if (type.tag === 'struct') {
      const merged: Record<string, unknown> = { ...current };
      for (const key of ownKeys(next)) {
        const fieldType = type.struct.fields.get(key);
        merged[key] = fieldType ? goAssign(current[key], next[key], fieldType) : next[key];
      }
      return merged;
    }
  }
  return next;
}

function suffix(ctx: WalkContext, kpackText: string): string {
  if (ctx.region === 'metadata') return ` (the API server cannot decode the metadata: ${kpackText})`;
  return ctx.webhook
    ? kpack(`cannot decode incoming new object: ${kpackText}`)
    : ' (kpack does not validate SourceResolvers: its controller cannot read the object)';
}

/** A type error in metadata is the API server's; elsewhere kpack's webhook's (or, for SourceResolvers, its controller's). */
function typeRule(ctx: WalkContext): 'wrong-type' | 'source-resolver-wrong-type' {
  return ctx.webhook || ctx.region === 'metadata' ? 'wrong-type' : 'source-resolver-wrong-type';
}

function unknownField(key: string, type: StructType, path: string, ctx: WalkContext): void {
  const at = child(path, key);
  const who = ctx.region === 'metadata' ? 'the API server' : 'kpack';
  let message = `${who} silently drops ${at}: it is not a field of ${type.name}`;
  const elsewhere = versionsWithField(type.name, key, ctx.schema.version);
  if (elsewhere.length > 0) message += ` in kpack ${ctx.schema.version} (it is in ${elsewhere.join(', ')})`;
  let suggestion = type.suggestions.get(key);
  if (suggestion === undefined && !type.suggestions.has(key)) {
    suggestion = nearest(key, [...type.fields.keys()]);
    if (type.suggestions.size < 1000) type.suggestions.set(key, suggestion);
  }
  message += suggestion !== undefined ? `; did you mean \`${suggestion}\`?` : `; known fields are ${[...type.fields.keys()].join(', ')}`;
  ctx.report.add('unknown-field', at, message);
}

function versionsWithField(typeName: string, key: string, current: string): string[] {
  return knownVersions().filter(v => {
    if (v === current) return false;
    const other = schemaFor(v)!;
    const type = other.types.get(typeName) ?? other.objects.get(typeName);
    return type !== undefined && type.fields.has(key);
  });
}

function caseMismatch(key: string, exact: string, path: string, ctx: WalkContext): void {
  if (ctx.region === 'status') return; // reset by the API server anyway
  ctx.report.add('field-case', child(path, key),
    `${child(path, key)}${foldedRunesNote(key)} is read by kpack as \`${exact}\` (Go matches field names case-insensitively), `
    + `but Kubernetes tools and kpack's documentation use \`${exact}\`: write the exact name`);
}

const EXPECTED: { readonly [tag: string]: string } = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  intOrString: 'an integer or a string',
  time: 'an RFC 3339 time such as 2026-01-02T15:04:05Z',
};
const GO_TYPE: { readonly [tag: string]: string } = {
  string: 'string',
  integer: 'int64',
  number: 'float64',
  boolean: 'bool',
  quantity: 'resource.Quantity',
  intOrString: 'intstr.IntOrString',
  time: 'metav1.Time',
};

function expected(type: FieldType): string {
  switch (type.tag) {
    case 'array': return `a list (${type.source})`;
    case 'map': return `an object mapping names to values (${type.source})`;
    case 'struct': return `an object (${type.struct.name})`;
    default: return EXPECTED[type.tag] ?? type.tag;
  }
}

function goType(type: FieldType): string {
  switch (type.tag) {
    case 'array': return `[]${goType(type.elem)}`;
    case 'map': return `map[string]${goType(type.elem)}`;
    case 'struct': return type.struct.name;
    default: return GO_TYPE[type.tag] ?? 'interface {}';
  }
}

function goJsonType(value: unknown): string {
  if (isArray(value)) return 'array';
  switch (typeof value) {
    case 'string': return 'string';
    case 'number': return `number ${String(value)}`;
    case 'boolean': return 'bool';
    default: return 'object';
  }
}

function wrongType(value: unknown, type: FieldType, path: string, ctx: WalkContext): void {
  const target = path === '' ? 'the object' : path;
  const shown = typeof value === 'object' ? '' : ` ${show(value)}`; // "spec.source must be an object, not a list"
  ctx.report.add(typeRule(ctx), path,
    `${target}${shown} must be ${expected(type)}, not ${jsonType(value)}`
    + suffix(ctx, `json: cannot unmarshal ${goJsonType(value)} into Go value of type ${goType(type)}`));
}

function badQuantity(value: unknown, path: string, ctx: WalkContext): void {
  ctx.report.add(typeRule(ctx), path,
    `${path} ${show(value)} is not a Kubernetes quantity: write a number with an optional suffix, e.g. 2G, 500Mi or 1.5Gi`
    + suffix(ctx, quantityError(value) ?? ''));
}

/** The known name closest to `key` by edit distance (case-insensitive), if close enough to be a likely typo. */
export function nearest(key: string, names: readonly string[]): string | undefined {
  const k = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of names) {
    const n = name.toLowerCase();
    let d = editDistance(k, n);
    if (n.startsWith(k) || k.startsWith(n)) d = Math.min(d, 2);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  if (a.length > 200 || b.length > 200) return Infinity; // not a typo of a field name
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}
