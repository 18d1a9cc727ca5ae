/**
 * Safe reading of untrusted, already parsed YAML/JSON. Nothing here throws: manifests may be anything, and a
 * `constructor` or `__proto__` key must never be mistaken for data, so every read is an own-property read.
 */

/** A JSON object (never an array, never null). */
export type Obj = { readonly [key: string]: unknown };

const hasOwn = Object.prototype.hasOwnProperty;

// Built-ins captured once: a global lookup per call is slow where globals are intercepted (jest's vm contexts),
// and these run for every field of every object.
export const isArray: (value: unknown) => value is unknown[] = Array.isArray;
export const ownKeys: (value: object) => string[] = Object.keys;
export const isInteger: (value: unknown) => boolean = Number.isInteger;
export const isFiniteNumber: (value: unknown) => boolean = Number.isFinite;
export const quote: (value: string) => string = JSON.stringify;

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !isArray(value);
}

/**
 * The own property `key` of `value`, or undefined. (Here and in the readers below, `isObj` and `isAbsent` are written
 * out: every field read comes here, mostly before the JIT has inlined anything, when each call counts.)
 */
export function get(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && hasOwn.call(value, key) && !isArray(value) ? (value as Obj)[key] : undefined;
}

/** Absent: not given, or `null` (Go's decoder treats both as the zero value). */
export function isAbsent(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

/**
 * A string field: the string, `''` when absent, or `undefined` when it has another type (already reported as
 * `wrong-type`, so rules skip it instead of adding a second, misleading finding).
 */
export function str(value: unknown, key: string): string | undefined {
  const v = get(value, key);
  if (typeof v === 'string') return v;
  return v === undefined || v === null ? '' : undefined;
}

/**
 * An item of a list of strings as Go decodes it: `null` is the zero value `''`; another type (already reported as
 * `wrong-type`) gives undefined.
 */
export function strItem(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return isAbsent(value) ? '' : undefined;
}

/** An object field: the object, `null` when absent, `undefined` when it has another type. */
export function obj(value: unknown, key: string): Obj | null | undefined {
  const v = get(value, key);
  if (v === undefined || v === null) return null;
  return typeof v === 'object' && !isArray(v) ? v as Obj : undefined;
}

/** An array field: the array, `null` when absent, `undefined` when it has another type. */
export function arr(value: unknown, key: string): readonly unknown[] | null | undefined {
  const v = get(value, key);
  if (isArray(v)) return v;
  return v === undefined || v === null ? null : undefined;
}

/** A number field: the number, `null` when absent, `undefined` when it has another type. */
export function num(value: unknown, key: string): number | null | undefined {
  const v = get(value, key);
  if (typeof v === 'number') return v;
  return v === undefined || v === null ? null : undefined;
}

/** Whether a field is set to something (Go: a non-nil pointer / non-empty value after decoding). */
export function isSet(value: unknown, key: string): boolean {
  const v = get(value, key);
  return v !== undefined && v !== null;
}

const MAX_SHOWN = 100;

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;
const BARE_USERINFO = /^[^/@\s:]+:[^/@\s]*@/;
const DIGEST_AFTER = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;

/**
 * A string with any credentials a URL may carry replaced by `***`: the userinfo of `scheme://user:password@host`
 * (or `scheme://token@host`; the ssh user `git` is kept) and `user:password@host` without a scheme. Messages never
 * echo a password a user put in a git, blob or proxy URL.
 */
export function redactUserinfo(value: string): string {
  if (!value.includes('@')) return value; // no userinfo (nearly every value shown)
  const scheme = SCHEME.exec(value);
  if (scheme) {
    // The userinfo ends at the last `@` that does not start a digest: a password may hold `@`, `/` or `:`.
    let at = value.lastIndexOf('@');
    while (at > 0 && DIGEST_AFTER.test(value.slice(at + 1))) at = value.lastIndexOf('@', at - 1);
    if (at < scheme[0].length) return value;
    const userinfo = value.slice(scheme[0].length, at);
    return userinfo === 'git' ? value : `${scheme[0]}***${value.slice(at)}`;
  }
  const bare = BARE_USERINFO.exec(value);
  return bare ? `***@${value.slice(bare[0].length)}` : value;
}

/** `scheme://userinfo@` anywhere in a text (the userinfo up to the last `@` of the word that does not start a digest). */
const USERINFO_IN_TEXT = /\b([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)([^\s"'<>]+)@(?![a-z0-9]+:[0-9a-fA-F]{32,})/g;

/**
 * A message with the userinfo of every URL in it replaced by `***`, however the URL got there (a value quoted by
 * `show`, a path, kpack's own words): the last line of defence at the places messages leave the package (findings,
 * construct errors), behind `show` and `redactUserinfo` where values are quoted.
 */
export function redactText(text: string): string {
  return text.replace(USERINFO_IN_TEXT, (whole, scheme: string, userinfo: string) => userinfo === 'git' || userinfo === '***' ? whole : `${scheme}***@`);
}

/** A value as shown in messages: strings JSON-quoted (credentials in URLs hidden) and cut at ~100 characters, objects by their type. */
export function show(value: unknown): string {
  switch (typeof value) {
    case 'string': {
      const text = redactUserinfo(value);
      return text.length > MAX_SHOWN
        ? `${quote(text.slice(0, MAX_SHOWN))}... (${text.length} characters)`
        : quote(text);
    }
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'undefined':
      return 'nothing';
    case 'object':
      return value === null ? 'null' : isArray(value) ? 'a list' : 'an object';
    default:
      return `a ${typeof value}`;
  }
}

/** A value as Go's `fmt.Sprint` prints it in kpack's `invalid value: <v>` (raw, but cut like `show`). */
export function raw(value: unknown): string {
  if (typeof value === 'string') {
    const text = redactUserinfo(value);
    return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}...` : text;
  }
  return show(value);
}

/** The JSON type of a value, as named in messages. */
export function jsonType(value: unknown): string {
  if (isArray(value)) return 'a list';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string': return 'a string';
    case 'number': return isInteger(value) ? 'an integer' : 'a number';
    case 'boolean': return 'a boolean';
    case 'object': return 'an object';
    default: return `a ${typeof value}`;
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/**
 * `path.key`, or `path["key"]` when the key is not a plain name (map keys such as `kubernetes.io/os`). Absurdly long
 * keys are cut, so paths and messages stay readable.
 */
export function child(path: string, key: string): string {
  if (key.length > MAX_SHOWN) key = `${key.slice(0, MAX_SHOWN)}...`;
  if (!IDENTIFIER.test(key)) return `${path}[${quote(redactUserinfo(key))}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** `path[index]`. */
export function item(path: string, index: number): string {
  return `${path}[${index}]`;
}

const GO_INT = /^[+-]?[0-9]+$/;
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/** Whether Go's `strconv.ParseInt(s, 10, 64)` parses `s`: an optional sign and decimal digits, within int64. */
export function isGoInt64(s: string): boolean {
  if (!GO_INT.test(s)) return false;
  const n = BigInt(s);
  return n >= INT64_MIN && n <= INT64_MAX;
}

/** Code point order, which is UTF-8 byte order: Go's string order (how it sorts the keys of a map it marshals). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}
