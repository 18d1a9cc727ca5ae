/**
 * What the Kubernetes rules of this directory return: a list of problems, in the style of Kubernetes' own
 * `field.ErrorList` (k8s.io/apimachinery/pkg/util/validation/field): the path of the field, what kind of error,
 * and a message that names the field, shows the value (never a secret: annotation values and env values are
 * never shown) and says what is allowed.
 *
 * The functions here are pure and work on plain JSON values (what a manifest holds, or what a construct prop
 * renders to); they never throw, and a value of the wrong JSON type is reported, never read.
 */
import { child, isArray, isObj, item, jsonType, show, strItem } from '../json';

/**
 * The kind of a problem, as Kubernetes' `field.ErrorType`, plus the two kinds a JSON decoder reports before
 * validation runs (`wrong-type`, `unknown-field`).
 */
export type ProblemType =
  | 'invalid'
  | 'required'
  | 'forbidden'
  | 'not-supported'
  | 'too-long'
  | 'duplicate'
  | 'wrong-type'
  | 'unknown-field';

/** One problem: the field's path (e.g. `spec.build.tolerations[0].operator`) and a message that starts with it. */
export interface Problem {
  readonly type: ProblemType;
  readonly path: string;
  readonly message: string;
}

/** A problem. `message` is written after the path. */
export function problem(type: ProblemType, path: string, message: string): Problem {
  return { type, path, message: path === '' ? message : `${path} ${message}` };
}

/** `<path> <value> <what>`: the value is shown (quoted, cut) before the explanation. */
export function invalid(path: string, value: unknown, what: string): Problem {
  return problem('invalid', path, `${show(value)} ${what}`);
}

export function required(path: string, what: string): Problem {
  return problem('required', path, `is required: ${what}`);
}

/** The value has another JSON type than the field's. */
export function wrongType(path: string, value: unknown, expected: string): Problem {
  return problem('wrong-type', path, `must be ${expected}, got ${typeOf(value)}`);
}

/** A value's type as messages name it: its JSON type (with the value, for strings and numbers), or its class. */
export function typeOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'function') return 'a function';
  if (isPlainObject(value) || value === null || typeof value !== 'object' || isArray(value)) {
    return typeof value === 'string' || typeof value === 'number' ? `${jsonType(value)} ${show(value)}` : jsonType(value);
  }
  const name = Object.getPrototypeOf(value)?.constructor?.name;
  return typeof name === 'string' && name !== '' ? `a ${name}` : 'an object';
}

/** An object made by `{}` or JSON (not an instance of a class). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isObj(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `"a", "b" or "c"`. */
export function oneOf(values: readonly string[]): string {
  const quoted = values.map(v => show(v));
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** The messages of a Kubernetes `Is...` check, joined as Kubernetes joins them. */
export function joined(messages: readonly string[]): string {
  return messages.join('; ');
}

/** Path helpers (re-exported so callers build paths the way the rule engine does). */
export { child, item };

/**
 * The object at `value`, reporting a wrong type or unknown fields. Returns undefined when `value` is not an object
 * (absent values, `undefined` or `null`, return undefined without a problem).
 */
export function struct(value: unknown, path: string, typeName: string, fields: readonly string[],
  out: Problem[]): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) {
    out.push(wrongType(path, value, `an object (${typeName})`));
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!fields.includes(key)) {
      out.push(problem('unknown-field', child(path, key), `is not a field of ${typeName}: the fields are ${fields.join(', ')}`));
    }
  }
  return value as Record<string, unknown>;
}

/**
 * The elements of a list of structs as Go decodes them: `null` is the zero value, an empty struct (and so is
 * `undefined`, which a list of the props becomes in JSON: `[undefined]` is written `[null]`).
 */
export function structs(value: unknown, path: string, out: Problem[]): readonly unknown[] {
  return (list(value, path, out) ?? []).map(element => element === null || element === undefined ? {} : element);
}

/** The list at `value`, or undefined (absent, or reported as the wrong type). */
export function list(value: unknown, path: string, out: Problem[]): readonly unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isArray(value)) {
    out.push(wrongType(path, value, 'a list'));
    return undefined;
  }
  return value;
}

/** A string field: the string, `''` when absent, or undefined when it has another type (reported). */
export function text(value: unknown, path: string, out: Problem[]): string | undefined {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') {
    out.push(wrongType(path, value, 'a string'));
    return undefined;
  }
  return value;
}

/** A list of strings as Go decodes one (`strItem`: a null item is `''`); items of another type reported. */
export function strings(value: unknown, path: string, out: Problem[]): string[] {
  const items = list(value, path, out) ?? [];
  const result: string[] = [];
  items.forEach((v, i) => {
    const s = strItem(v);
    if (s !== undefined) result.push(s);
    else out.push(wrongType(item(path, i), v, 'a string'));
  });
  return result;
}

/** A map of strings to strings as Go decodes one (`strItem`: a null value is `''`); values of another type reported, and left out. */
export function stringMap(value: unknown, path: string, out: Problem[]): Array<[string, string]> {
  if (value === undefined || value === null) return [];
  if (!isPlainObject(value)) {
    out.push(wrongType(path, value, 'a map of strings'));
    return [];
  }
  const entries: Array<[string, string]> = [];
  for (const key of Object.keys(value)) {
    const v = strItem((value as Record<string, unknown>)[key]);
    if (v !== undefined) entries.push([key, v]);
    else out.push(wrongType(child(path, key), (value as Record<string, unknown>)[key], 'a string'));
  }
  return entries;
}

/** The length of a string in UTF-8 bytes, as Go's `len()` counts it (a lone surrogate is written as U+FFFD). */
export function byteLength(value: string): number {
  return Buffer.byteLength(value, 'utf-8');
}

/**
 * Whether `value` has more than `max` UTF-8 bytes. A UTF-16 unit is at most 3 bytes, so only strings longer than a
 * third of the limit are counted: names are short, and counting (a call into Node) is not free.
 */
export function exceedsBytes(value: string, max: number): boolean {
  return value.length * 3 > max && byteLength(value) > max;
}
