/**
 * Advice: what kpack will store differently from what was written. kpack's mutating webhook answers with the
 * round-trip patch of its Go types plus its defaults (src/validation/canonical.ts), so a value Go omits when empty
 * (`optional: false`, `version: ""`) is dropped and a null may become a value. GitOps tools (Argo CD, Flux, kapp)
 * then show the object as changed for ever. Fields kpack only adds (its defaults) are not reported: those tools
 * leave fields alone that the manifest does not set.
 */
import { goMarshal, isOmitted, withKpackDefaults } from '../canonical';
import { isArray, isObj, Obj, ownKeys, show } from '../json';
import { isKeptAsWritten } from '../kubernetes/quantity';
import { Report } from '../report';
import { CompiledSchema, FieldType } from '../schema';
import { KpackFeatures } from '../versions';

const MAX_REPORTED = 5;

export function checkStoredAsWritten(doc: Obj, kind: string, schema: CompiledSchema, features: KpackFeatures,
  defaultStorageClass: boolean, report: Report): void {
  const spec = doc.spec;
  const specTypeName = schema.kinds.get(kind);
  const specType = specTypeName === undefined ? undefined : schema.types.get(specTypeName);
  if (!isObj(spec) || !specType) return;
  const type: FieldType = { tag: 'struct', struct: specType };
  const changes: Array<[string, string]> = [];
  compareStored(spec, withKpackDefaults(kind, spec, features, defaultStorageClass), type, ['spec'], changes);
  if (changes.length === 0) return;
  for (const [path, what] of changes.slice(0, MAX_REPORTED)) {
    report.add('stored-differently', path, `${path} ${what}: GitOps tools will show the object as changed after every sync; `
      + 'write it as kpack stores it');
  }
}

/**
 * `compare(written, goMarshal(source, type), ...)`, marshalling only what it compares: a struct or list is walked
 * along the written keys and items, so the many fields a manifest leaves unset (each of which json.Marshal writes,
 * down to zero structs) are never marshalled. That copy of every spec was most of this check's time.
 */
function compareStored(written: unknown, source: unknown, type: FieldType, at: Array<string | number>, out: Array<[string, string]>): void {
  if (out.length >= MAX_REPORTED || written === undefined || written === null) return;
  // json.Marshal writes a string, number or boolean as it is (nearly every leaf), but not a quantity (its own form).
  if (written === source && typeof written !== 'object' && type.tag !== 'quantity') return;
  if (type.tag === 'struct' && isObj(written) && isObj(source)) {
    for (const key of ownKeys(written)) {
      const w = written[key];
      if (w === undefined || w === null) continue; // not set: never a difference
      // json.Marshal writes fields only, and no kpack field is named like an Object.prototype member: an absent
      // field reads as undefined. (A decoded spec holds fields only anyway.)
      const fieldType = type.struct.fields.get(key);
      const value = source[key];
      // Nearly every field: written as stored, a value json.Marshal neither omits nor changes.
      if (w === value && fieldType !== undefined && isKeptAsIs(w, fieldType)) continue;
      at.push(key);
      if (fieldType === undefined || isOmitted(value, fieldType)) compare(w, undefined, fieldType, at, out);
      else compareStored(w, value, fieldType, at, out);
      at.pop();
    }
    return;
  }
  if (type.tag === 'array' && isArray(written) && isArray(source) && written.length === source.length) {
    for (let i = 0; i < written.length; i++) {
      at.push(i);
      compareStored(written[i], source[i], type.elem, at, out);
      at.pop();
    }
    return;
  }
  compare(written, goMarshal(source, type), type, at, out);
}

/**
 * A non-empty string, number or boolean: never omitted as empty, and written by json.Marshal as it is (a quantity
 * only when Go keeps its text: nearly every one, which is then not marshalled to be compared).
 */
function isKeptAsIs(value: unknown, type: FieldType): boolean {
  if (type.tag === 'quantity') return typeof value === 'string' && isKeptAsWritten(value);
  if (typeof value === 'string') return value !== '';
  if (typeof value === 'number') return value !== 0;
  return value === true;
}

/**
 * Compares what was written with what kpack stores. `at` is the path as segments (`spec`, then keys and list
 * indexes), made into text only for a difference: most objects have none, and building every field's path was most
 * of this check's garbage.
 */
function compare(written: unknown, stored: unknown, type: FieldType | undefined, at: Array<string | number>, out: Array<[string, string]>): void {
  // null is how a manifest says "not set" (kubectl apply removes the field): never a difference.
  if (out.length >= MAX_REPORTED || written === undefined || written === null) return;
  if (typeof written === 'string' && written === stored) return; // the common case
  if (type?.tag === 'quantity' && typeof written === 'number' && typeof stored === 'string') {
    out.push([pathOf(at), `${written} is a number, but kpack stores quantities as strings: write ${show(stored)}`]);
    return;
  }
  if (written === stored) return;
  if (stored === undefined) {
    out.push([pathOf(at), `${show(written)} is dropped by kpack (its Go type omits it when empty)`]);
    return;
  }
  if (isArray(written) && isArray(stored) && written.length === stored.length) {
    const elem = type?.tag === 'array' ? type.elem : undefined;
    for (let i = 0; i < written.length; i++) {
      at.push(i);
      compare(written[i], stored[i], elem, at, out);
      at.pop();
    }
    return;
  }
  if (isObj(written) && isObj(stored)) {
    for (const key of ownKeys(written)) {
      const fieldType = type?.tag === 'struct' ? type.struct.fields.get(key) : type?.tag === 'map' ? type.elem : undefined;
      at.push(key);
      compare(written[key], stored[key], fieldType, at, out);
      at.pop();
    }
    return;
  }
  out.push([pathOf(at), `${show(written)} is stored by kpack as ${show(stored)}`]);
}

/** `spec.key[0].other` from its segments. */
function pathOf(at: ReadonlyArray<string | number>): string {
  return at.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');
}
