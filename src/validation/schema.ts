/**
 * Unknown-field and wrong-type detection, as kpack's validating webhook decodes objects: Go's JSON decoder with
 * unknown fields disallowed everywhere except under `metadata`, and field names matched case-insensitively.
 * The check also returns the object as Go would see it (case-mismatched keys renamed), so rules read exact names.
 */
import { child, isArray, isFiniteNumber, isInteger, isObj, item, jsonType, Obj, ownKeys, show } from './json';
import { kpack, Report } from './report';
import { KPACK_SCHEMAS } from '../imports/kpack-schema';

/** A field type of the schema, resolved once per version. */
type FieldType =
  | { readonly tag: 'string' | 'integer' | 'number' | 'boolean' | 'quantity' | 'intOrString' | 'any' }
  | { readonly tag: 'array' | 'map'; readonly elem: FieldType; readonly source: string }
  | { readonly tag: 'struct'; readonly struct: StructType };

interface StructType {
  readonly name: string;
  readonly fields: Map<string, FieldType>;
  /** Lower-cased field name to field name (Go's case-insensitive match). */
  readonly lower: Map<string, string>;
  /** Unknown fields tolerated (metadata). */
  readonly open: boolean;
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

const VERSIONS: readonly string[] = Object.keys(KPACK_SCHEMAS);

/** The kpack versions whose API is vendored. */
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
const PRIMITIVES = new Set(['string', 'integer', 'number', 'boolean', 'quantity', 'intOrString', 'any']);

function compile(version: string): CompiledSchema {
  const source = KPACK_SCHEMAS[version];
  const types = new Map<string, StructType>();
  const struct = (name: string, open: boolean): StructType =>
    ({ name, fields: new Map(), lower: new Map(), open, suggestions: new Map() });
  for (const name of Object.keys(source.types)) types.set(name, struct(name, false));

  const resolve = (t: string): FieldType => {
    if (PRIMITIVES.has(t)) return { tag: t as 'string' };
    if (t.startsWith('[') && t.endsWith(']')) return { tag: 'array', elem: resolve(t.slice(1, -1)), source: t };
    if (t.startsWith('{') && t.endsWith('}')) return { tag: 'map', elem: resolve(t.slice(1, -1)), source: t };
    const named = types.get(t);
    return named ? { tag: 'struct', struct: named } : ANY; // an unknown type name: accept anything
  };
  const define = (target: StructType, fields: { readonly [field: string]: string }) => {
    for (const [field, t] of Object.entries(fields)) {
      target.fields.set(field, resolve(t));
      target.lower.set(field.toLowerCase(), field);
    }
  };
  for (const [name, fields] of Object.entries(source.types)) define(types.get(name)!, fields);

  const metadata = struct('ObjectMeta', true);
  define(metadata, {
    name: 'string', generateName: 'string', namespace: 'string', labels: '{string}', annotations: '{string}',
  });
  const kinds = new Map<string, string>();
  const objects = new Map<string, StructType>();
  for (const [kind, specType] of Object.entries(source.kinds)) {
    kinds.set(kind, specType);
    const object = struct(kind, false);
    define(object, { apiVersion: 'string', kind: 'string', spec: specType, status: 'any' });
    object.fields.set('metadata', { tag: 'struct', struct: metadata });
    object.lower.set('metadata', 'metadata');
    objects.set(kind, object);
  }
  return { version, kinds, objects, types };
}

interface WalkContext {
  readonly schema: CompiledSchema;
  readonly report: Report;
  /** Decoded by kpack's webhooks (every kind but SourceResolver, which only kpack's controller reads). */
  readonly webhook: boolean;
}

/**
 * Checks a whole kpack object of `kind` (known to the schema) and returns it as kpack decodes it. `status` is not
 * looked into.
 */
export function checkObject(doc: Obj, kind: string, schema: CompiledSchema, report: Report, webhook: boolean): Obj {
  const type = schema.objects.get(kind);
  if (!type) return doc;
  return walkStruct(doc, type, '', { schema, report, webhook }) as Obj;
}

// The Kubernetes quantity grammar: signed decimal number, then a binary, decimal or exponent suffix.
const QUANTITY = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;
const INT64_LIMIT = 2 ** 63;

export function isQuantity(value: unknown): boolean {
  if (typeof value === 'number') return isFiniteNumber(value);
  return typeof value === 'string' && QUANTITY.test(value.trim());
}

/** Whether `walk` would accept `value` of a leaf type as it is, without a finding (false for other types). */
function isValidLeaf(value: unknown, type: FieldType): boolean {
  switch (type.tag) {
    case 'any': return true;
    case 'string': return typeof value === 'string';
    case 'boolean': return typeof value === 'boolean';
    case 'integer': return typeof value === 'number' && isInteger(value) && value < INT64_LIMIT && value >= -INT64_LIMIT;
    case 'number': return typeof value === 'number' && isFiniteNumber(value);
    case 'quantity': return isQuantity(value);
    case 'intOrString': return typeof value === 'string' || (typeof value === 'number' && isInteger(value));
    default: return false;
  }
}

function walk(value: unknown, type: FieldType, path: string, ctx: WalkContext): unknown {
  if (value === undefined || value === null) return value; // Go leaves the zero value
  switch (type.tag) {
    case 'any':
      return value;
    case 'string':
      if (typeof value !== 'string') wrongType(value, type, path, ctx);
      return value;
    case 'integer':
      if (typeof value !== 'number' || !isInteger(value) || value >= INT64_LIMIT || value < -INT64_LIMIT) wrongType(value, type, path, ctx);
      return value;
    case 'number':
      if (typeof value !== 'number' || !isFiniteNumber(value)) wrongType(value, type, path, ctx);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') wrongType(value, type, path, ctx);
      return value;
    case 'quantity':
      if (!isQuantity(value)) badQuantity(value, path, ctx);
      return value;
    case 'intOrString':
      if (!isValidLeaf(value, type)) wrongType(value, type, path, ctx);
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
  let out: Record<string, unknown> | undefined;
  for (const key of ownKeys(value)) {
    const v = value[key];
    if (v === undefined) continue; // not serialized: kpack never sees it (JS objects from constructs may have these)
    let target = key;
    let fieldType = type.fields.get(key);
    if (fieldType === undefined) {
      const exact = type.lower.get(key.toLowerCase());
      if (exact !== undefined) {
        caseMismatch(key, exact, path, ctx);
        target = exact;
        fieldType = type.fields.get(exact)!;
      } else {
        if (!type.open) unknownField(key, type, path, ctx);
        continue;
      }
    }
    if (path === '' && target === 'status') continue;
    // Most fields are valid leaves: their path is built only to report one (it is most of the walk's garbage).
    const nv = isValidLeaf(v, fieldType) ? v : walk(v, fieldType, child(path, key), ctx);
    if (out === undefined && (nv !== v || target !== key)) out = { ...value };
    if (out !== undefined) {
      // Go's decoder assigns every key in order, so with `tag` and `Tag` the later one wins.
      if (target !== key) delete out[key];
      out[target] = nv;
    }
  }
  return out ?? value;
}

function suffix(ctx: WalkContext, kpackText: string): string {
  return ctx.webhook
    ? kpack(`cannot decode incoming new object: ${kpackText}`)
    : ' (kpack does not validate SourceResolvers: its controller cannot read the object)';
}

function unknownField(key: string, type: StructType, path: string, ctx: WalkContext): void {
  const at = child(path, key);
  let message = `kpack silently drops ${at}: it is not a field of ${type.name}`;
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
  ctx.report.add('field-case', child(path, key),
    `${child(path, key)} is read by kpack as \`${exact}\` (Go matches field names case-insensitively), `
    + `but Kubernetes tools and kpack's documentation use \`${exact}\`: write the exact name`);
}

const EXPECTED: { readonly [tag: string]: string } = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  intOrString: 'an integer or a string',
};
const GO_TYPE: { readonly [tag: string]: string } = {
  string: 'string',
  integer: 'int64',
  number: 'float64',
  boolean: 'bool',
  quantity: 'resource.Quantity',
  intOrString: 'intstr.IntOrString',
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
  ctx.report.add(ctx.webhook ? 'wrong-type' : 'source-resolver-wrong-type', path,
    `${target}${shown} must be ${expected(type)}, not ${jsonType(value)}`
    + suffix(ctx, `json: cannot unmarshal ${goJsonType(value)} into Go value of type ${goType(type)}`));
}

function badQuantity(value: unknown, path: string, ctx: WalkContext): void {
  ctx.report.add(ctx.webhook ? 'wrong-type' : 'source-resolver-wrong-type', path,
    `${path} ${show(value)} is not a Kubernetes quantity: write a number with an optional suffix, e.g. 2G, 500Mi or 1.5Gi`
    + suffix(ctx, 'quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\''));
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
