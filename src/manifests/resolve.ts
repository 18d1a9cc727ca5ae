/**
 * Scalars and keys as kubectl reads them: sigs.k8s.io/yaml decodes YAML with go-yaml v2 (YAML 1.1 resolution) into
 * Go values, turns map keys into strings and marshals the result as JSON.
 *
 * Followed: go.yaml.in/yaml/v2 v2.4.2 (the go-yaml v2 that sigs.k8s.io/yaml v1.6.0 uses) `resolve.go` (`resolve`,
 * `resolveMapList`, `yamlStyleFloat`, `parseTimestamp`) and `decode.go` (`scalar`: a timestamp decoded into
 * `interface{}` stays the original text; `!!binary` is base64-decoded), sigs.k8s.io/yaml v1.6.0 `yaml.go`
 * (`convertToJSONableObject`: int, float and bool keys become strings, other keys are errors) and Go's
 * `encoding/json` (NaN and infinities cannot be marshalled). Checked against the real code by
 * test/manifests-oracle.test.ts (oracle/yaml) when Go is present.
 */

/** A value that go-yaml decodes but JSON cannot hold (`.inf`, `-.inf`, `.nan`): kubectl fails on it. */
export class NonFinite {
  constructor(public readonly text: string) {}
}

/** A scalar go-yaml refuses (a tag that does not fit the value, bad base64, ...): the message says why. */
export class ScalarError {
  constructor(public readonly message: string) {}
}

/** What a scalar decodes to: a JSON value, a non-finite number, or an error. */
export type Resolved = string | number | boolean | null | NonFinite | ScalarError;

/** The values go-yaml v2 looks up in a table (`resolveMapList`), exactly as written there. */
const TABLE = new Map<string, boolean | null | number>();
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) TABLE.set(s, true);
for (const s of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) TABLE.set(s, false);
for (const s of ['', '~', 'null', 'Null', 'NULL']) TABLE.set(s, null);
for (const s of ['.nan', '.NaN', '.NAN']) TABLE.set(s, NaN);
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) TABLE.set(s, Infinity);
for (const s of ['-.inf', '-.Inf', '-.INF']) TABLE.set(s, -Infinity);

/** go-yaml's `yamlStyleFloat`. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** What Go's strconv.ParseFloat accepts of a text that starts with `.` (decimal only: no base prefix is possible). */
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
/** Go's strconv.ParseInt(s, 0, 64) syntax: sign, base prefix, digits (underscores are removed before). */
const GO_INT = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** An integer go-yaml resolved: `int` (int64) or `uint64` (keys of that type are refused by sigs.k8s.io/yaml). */
interface GoInt {
  readonly value: bigint;
  readonly unsigned: boolean;
}

const TAG_PREFIX = 'tag:yaml.org,2002:';
const STR = `${TAG_PREFIX}str`;
const INT = `${TAG_PREFIX}int`;
const FLOAT = `${TAG_PREFIX}float`;
const BOOL = `${TAG_PREFIX}bool`;
const NULL = `${TAG_PREFIX}null`;
const TIMESTAMP = `${TAG_PREFIX}timestamp`;
const BINARY = `${TAG_PREFIX}binary`;
const MERGE = `${TAG_PREFIX}merge`;

/** The Go-side type of a resolved scalar, before it becomes JSON (keys need it). */
type GoValue =
  | { readonly tag: 'str'; readonly value: string }
  | { readonly tag: 'timestamp'; readonly value: string }
  | { readonly tag: 'bool'; readonly value: boolean }
  | { readonly tag: 'null' }
  | { readonly tag: 'int'; readonly value: GoInt }
  | { readonly tag: 'float'; readonly value: number; readonly text: string }
  | { readonly tag: 'merge' };

/** go-yaml v2 `resolve(tag, in)` for an untagged plain scalar (tag ""). */
function resolveUntagged(text: string): GoValue {
  if (text === '') return { tag: 'null' };
  const c = text.charCodeAt(0);
  const digit = c >= 48 && c <= 57;
  const sign = c === 43 || c === 45; // + -
  // The resolve table's hints: y Y n N t T f F o O ~ (in the table) . (float) digits and signs; others are strings.
  if (!digit && !sign && c !== 46 && !isTableHint(c)) return { tag: 'str', value: text };
  const known = TABLE.get(text);
  if (known !== undefined || text === '<<') {
    if (text === '<<') return { tag: 'merge' };
    if (known === null) return { tag: 'null' };
    if (typeof known === 'boolean') return { tag: 'bool', value: known };
    return { tag: 'float', value: known as number, text };
  }
  if (c === 46) { // '.'
    if (DOT_FLOAT.test(text)) {
      const f = Number(text);
      if (Number.isFinite(f)) return { tag: 'float', value: f, text };
    }
    return { tag: 'str', value: text };
  }
  if (!digit && !sign) return { tag: 'str', value: text };
  if (isTimestamp(text)) return { tag: 'timestamp', value: text };
  return resolveNumber(text) ?? { tag: 'str', value: text };
}

function isTableHint(c: number): boolean {
  // y Y n N t T f F o O ~
  return c === 121 || c === 89 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70 || c === 111 || c === 79 || c === 126;
}

/** The number part of go-yaml's `resolve` for a text starting with a digit or a sign. */
function resolveNumber(text: string): GoValue | undefined {
  const plain = text.indexOf('_') >= 0 ? text.replace(/_/g, '') : text;
  const int = parseGoInt(plain);
  if (int) return { tag: 'int', value: int };
  if (YAML_STYLE_FLOAT.test(plain)) {
    const f = Number(plain);
    if (Number.isFinite(f)) return { tag: 'float', value: f, text };
  }
  // go-yaml's own `0b`/`-0b` fallback covers nothing ParseInt(s, 0, 64) and ParseUint did not (overflow aside).
  return undefined;
}

/** Go's strconv.ParseInt(s, 0, 64), then ParseUint(s, 0, 64), as go-yaml tries them. */
function parseGoInt(s: string): GoInt | undefined {
  const m = GO_INT.exec(s);
  if (!m) return undefined;
  const [, sign, body] = m;
  let magnitude: bigint;
  if (body.length > 1 && body[0] === '0') {
    const p = body[1];
    if (p === 'x' || p === 'X') magnitude = BigInt(`0x${body.slice(2)}`);
    else if (p === 'o' || p === 'O') magnitude = BigInt(`0o${body.slice(2)}`);
    else if (p === 'b' || p === 'B') magnitude = BigInt(`0b${body.slice(2)}`);
    else magnitude = BigInt(`0o${body.slice(1)}`); // a leading 0: octal
  } else {
    magnitude = body.length < 16 ? BigInt(Number(body)) : BigInt(body);
  }
  const value = sign === '-' ? -magnitude : magnitude;
  if (value >= INT64_MIN && value <= INT64_MAX) return { value, unsigned: false };
  // ParseUint takes no sign at all.
  if (sign === '' && value <= UINT64_MAX) return { value, unsigned: true };
  return undefined;
}

/** go-yaml's `parseTimestamp`: the formats it tries with Go's time.Parse. */
const TIMESTAMP_FORMATS = [
  // 2006-1-2T15:4:5.999999999Z07:00 (and a lower-case t)
  /^\d{4}-\d{1,2}-\d{1,2}[Tt]\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  // 2006-1-2 15:4:5.999999999
  /^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?$/,
  // 2006-1-2
  /^\d{4}-\d{1,2}-\d{1,2}$/,
];

function isTimestamp(text: string): boolean {
  if (text.length < 8 || text.charCodeAt(4) !== 45) return false; // YYYY-
  for (let i = 0; i < 4; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  for (const format of TIMESTAMP_FORMATS) {
    if (format.test(text) && validDate(text)) return true;
  }
  return false;
}

/** Go's time.Parse also checks the ranges: month 1-12, a day that exists, hour < 24, minute and second < 60. */
function validDate(text: string): boolean {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ](\d{1,2}):(\d{1,2}):(\d{1,2}))?/.exec(text)!;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (day > days) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59)) return false;
  const zone = /([+-])(\d{2}):(\d{2})$/.exec(text);
  if (zone && m[4] !== undefined && (Number(zone[2]) > 24 || Number(zone[3]) > 59)) return false; // Go: hour <= 24
  return true;
}

/**
 * go-yaml v2 `resolve(tag, in)` followed by what `decode.go` does for an `interface{}` target.
 * @param tag the explicit tag in full form (`tag:yaml.org,2002:int`, `!`, `!custom`), or undefined
 * @param plain whether the scalar is plain (unquoted, not a block scalar): only untagged plain scalars are resolved
 */
function goScalar(text: string, tag: string | undefined, plain: boolean): GoValue | ScalarError {
  if (tag === undefined) return plain ? resolveUntagged(text) : { tag: 'str', value: text };
  if (tag === '!') return { tag: 'str', value: text }; // the non-specific tag: go-yaml does not resolve it
  if (tag === BINARY) return decodeBinary(text);
  if (tag === MERGE) return text === '<<' ? { tag: 'merge' } : { tag: 'str', value: text };
  if (tag === STR) return { tag: 'str', value: text };
  if (![INT, FLOAT, BOOL, NULL, TIMESTAMP].includes(tag)) return { tag: 'str', value: text }; // a tag go-yaml does not know
  // An explicit !!int, !!float, !!bool, !!null or !!timestamp resolves the text (quoted or not) and must fit.
  const resolved = resolveUntagged(text);
  const want = tag.slice(TAG_PREFIX.length);
  if (resolved.tag === want) return resolved;
  if (want === 'float' && resolved.tag === 'int') {
    return { tag: 'float', value: Number(resolved.value.value), text };
  }
  const got = resolved.tag === 'merge' ? 'merge' : resolved.tag;
  return new ScalarError(`cannot decode !!${got} \`${text}\` as a !!${want}`);
}

function decodeBinary(source: string): GoValue | ScalarError {
  // Go's base64.StdEncoding: the padded standard alphabet; it skips line breaks (a block scalar has them).
  const text = source.replace(/[\r\n]/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) {
    return new ScalarError('!!binary value contains invalid base64 data');
  }
  return { tag: 'str', value: Buffer.from(text, 'base64').toString('utf-8') };
}

/** The JSON value of a scalar, as kubectl gets it. */
export function resolveScalar(text: string, tag: string | undefined, plain: boolean): Resolved {
  const v = goScalar(text, tag, plain);
  if (v instanceof ScalarError) return v;
  switch (v.tag) {
    case 'str':
    case 'timestamp': return v.value;
    case 'merge': return '<<';
    case 'bool': return v.value;
    case 'null': return null;
    case 'int': return Number(v.value.value);
    case 'float': return Number.isFinite(v.value) ? (v.value === 0 ? 0 : v.value) : new NonFinite(v.text);
  }
}

/** The fast path's resolution of an untagged plain scalar (the common case, kept cheap). */
export function resolvePlain(text: string): Resolved {
  const c = text.charCodeAt(0);
  // Most values start with a letter that is not a table hint: a string at once.
  if (c >= 97 && c <= 122 && c !== 121 && c !== 110 && c !== 116 && c !== 102 && c !== 111) return text;
  return resolveScalar(text, undefined, true);
}

/** A map key as sigs.k8s.io/yaml writes it into JSON, or the error it gives for a key it cannot convert. */
export function resolveKey(text: string, tag: string | undefined, plain: boolean): string | ScalarError {
  const v = goScalar(text, tag, plain);
  if (v instanceof ScalarError) return v;
  switch (v.tag) {
    case 'str':
    case 'timestamp': return v.value;
    case 'merge': return '<<';
    case 'bool': return v.value ? 'true' : 'false';
    case 'null': return new ScalarError(`the key ${text === '' ? '(empty)' : JSON.stringify(text)} is null, which kubectl cannot use as a map key (unsupported map key of type <nil>)`);
    case 'int':
      if (v.value.unsigned) return new ScalarError(`the key ${text} is an unsigned 64-bit integer, which kubectl cannot use as a map key`);
      return v.value.value.toString();
    case 'float': return formatFloat32(v.value);
  }
}

/** The fast path's key resolution: plain keys that are ordinary words are themselves. */
export function resolvePlainKey(text: string): string | ScalarError {
  const c = text.charCodeAt(0);
  if (c >= 97 && c <= 122 && c !== 121 && c !== 110 && c !== 116 && c !== 102 && c !== 111) return text;
  return resolveKey(text, undefined, true);
}

/** Go's strconv.FormatFloat(f, 'g', -1, 32), with sigs.k8s.io/yaml's `.inf`, `-.inf` and `.nan`. */
export function formatFloat32(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  const x = Math.fround(f);
  if (x === Infinity) return '.inf';
  if (x === -Infinity) return '-.inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  // The shortest decimal that reads back as the same float32.
  let digits = '';
  let exponent = 0;
  for (let precision = 1; precision <= 9; precision++) {
    const s = Math.abs(x).toExponential(precision - 1);
    if (Math.fround(Number(s)) === Math.abs(x)) {
      const [mantissa, e] = s.split('e');
      digits = mantissa.replace('.', '');
      exponent = Number(e);
      break;
    }
  }
  digits = digits.replace(/0+$/, '') || '0';
  const sign = x < 0 ? '-' : '';
  // %e when the exponent is < -4 or >= 6 (the shortest format's precision), else %f.
  if (exponent < -4 || exponent >= 6) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exponent);
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  const point = exponent + 1;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
