/**
 * Kubernetes resource quantities (`2Gi`, `500m`, `1e3`), decoded exactly as k8s.io/apimachinery v0.34.3
 * `pkg/api/resource/quantity.go` `UnmarshalJSON` decodes a quantity the API server or kpack's webhooks receive
 * (`TrimSpace` of its JSON text, then `ParseQuantity`), with exact arithmetic: the same inputs are accepted, the same
 * value results (rounded up to nano units; binary-suffixed values capped at 2^63-1), so comparisons such as
 * requests <= limits agree with the API server's; and written back as `MarshalJSON` writes it (`storedQuantity`),
 * which is what kpack stores.
 *
 * Tested against vectors produced by Kubernetes' own code (test/validation/kubernetes/vectors).
 */
import { invalid, Problem, required, wrongType } from './problem';

/** A parsed quantity: `(negative ? -1 : 1) * mantissa * 10^exponent`, exactly. */
export interface Quantity {
  readonly negative: boolean;
  readonly mantissa: bigint;
  readonly exponent: number;
  /** The text it was parsed from (as written, before trimming). */
  readonly text: string;
  /** How Go writes it back: the format of its suffix (quantity.go `Format`). */
  readonly format: Format;
  /**
   * The trimmed text, when `ParseQuantity` keeps it as the quantity's string (already in canonical form, by its
   * checks): `MarshalJSON` then writes it as it was written (`+1Ki` and `01Ki` too).
   */
  readonly kept?: string;
}

/** quantity.go's parse errors, word for word. */
export const QUANTITY_FORMAT_ERROR = 'quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'';
export const QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity';
export const QUANTITY_SUFFIX_ERROR = 'unable to parse quantity\'s suffix';

const MAX_INT64 = 2n ** 63n - 1n;
const NANO = -9;
const MAX_INT64_FACTORS = 18;

export type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

interface Scanned {
  readonly positive: boolean;
  readonly value: string;
  readonly num: string;
  readonly denom: string;
  readonly suffix: string;
}

const isDigit = (c: string) => c >= '0' && c <= '9';
const SUFFIX_CHARS = 'eEinumkKMGTP';

/** quantity.go `parseQuantityString`, step for step. */
function scan(str: string): Scanned | undefined {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end) {
    if (str[0] === '-') {
      positive = false;
      pos++;
    } else if (str[0] === '+') {
      pos++;
    }
  }
  // strip leading zeros
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
    if (str[i] !== '0') break;
    pos++;
  }
  // the numerator
  let num = '';
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: str.slice(0, end), num: str.slice(pos, end), denom: '', suffix: '' };
    if (!isDigit(str[i])) {
      num = str.slice(pos, i);
      pos = i;
      break;
    }
  }
  if (num.length === 0) num = '0';
  // the denominator
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    for (let i = pos; ; i++) {
      if (i >= end) return { positive, value: str.slice(0, end), num, denom: str.slice(pos, end), suffix: '' };
      if (!isDigit(str[i])) {
        denom = str.slice(pos, i);
        pos = i;
        break;
      }
    }
  }
  const value = str.slice(0, pos);
  // the suffix: letters, then an optional sign and digits
  const suffixStart = pos;
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart, end) };
    if (!SUFFIX_CHARS.includes(str[i])) {
      pos = i;
      break;
    }
  }
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart, end) };
    if (!isDigit(str[i])) break;
  }
  // a non-digit after the exponent: not a quantity
  return undefined;
}

const DECIMAL_SUFFIXES: { [suffix: string]: number } = { '': 0, 'n': -9, 'u': -6, 'm': -3, 'k': 3, 'M': 6, 'G': 9, 'T': 12, 'P': 15, 'E': 18 };
const BINARY_SUFFIXES: { [suffix: string]: number } = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** suffix.go `interpret`: base, exponent and format of a suffix, or undefined. */
function interpret(suffix: string): { base: 2 | 10; exponent: number; format: Format } | undefined {
  if (hasOwn(DECIMAL_SUFFIXES, suffix)) return { base: 10, exponent: DECIMAL_SUFFIXES[suffix], format: 'DecimalSI' };
  if (hasOwn(BINARY_SUFFIXES, suffix)) return { base: 2, exponent: BINARY_SUFFIXES[suffix], format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'E' || suffix[0] === 'e')) {
    // strconv.ParseInt(suffix[1:], 10, 64), then int32(): Go truncates to 32 bits
    const digits = suffix.slice(1);
    if (!/^[+-]?[0-9]+$/.test(digits)) return undefined;
    const parsed = BigInt(digits);
    if (parsed > MAX_INT64 || parsed < -MAX_INT64 - 1n) return undefined;
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
  }
  return undefined;
}

/** Number of decimal digits of a non-negative bigint. */
function digitCount(n: bigint): number {
  return n === 0n ? 1 : n.toString().length;
}

const pow10 = (n: number) => 10n ** BigInt(n);

/** `ceil(m / 10^k)` for m >= 0, k >= 0, without building 10^k when m is far smaller. */
function ceilDivPow10(m: bigint, k: number): bigint {
  if (m === 0n) return 0n;
  if (digitCount(m) <= k) return 1n;
  const d = pow10(k);
  return (m + d - 1n) / d;
}

/** An exact value `m * 10^e` (m >= 0) rounded up (away from zero) to nano units, as `inf.RoundUp` to scale 9. */
function roundUpToNano(m: bigint, e: number): { mantissa: bigint; exponent: number } {
  if (e >= NANO || m === 0n) return { mantissa: m, exponent: e };
  return { mantissa: ceilDivPow10(m, NANO - e), exponent: NANO };
}

/** Go's unicode.IsSpace (the White_Space property), which strings.TrimSpace trims; JavaScript's trim differs (U+0085, U+FEFF). */
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  return s.replace(GO_SPACE, '');
}

/**
 * Quantities parsed so far, by text: the same few sizes repeat over many objects (every Image's cache), each read by
 * several checks, and parsing (bigints) is slow before the JIT has warmed up. Results are immutable and depend on the
 * text alone; short texts only, and at most MEMO_SIZE of them.
 */
const MEMO = new Map<string, Quantity | string>();
const MEMO_SIZE = 1000;
const MEMO_TEXT = 64;

/**
 * Parses a quantity as the API server decodes one: a JSON string (its JSON text trimmed of white space) or a JSON
 * number. Returns the quantity, or Kubernetes' error message.
 */
export function parseQuantity(input: string | number): Quantity | string {
  if (typeof input !== 'string' || input.length > MEMO_TEXT) return parse(input);
  let q = MEMO.get(input);
  if (q === undefined) {
    q = parse(input);
    if (MEMO.size >= MEMO_SIZE) MEMO.clear();
    MEMO.set(input, q);
  }
  return q;
}

/**
 * Characters Go's JSON encoder writes as escapes (encoding/json with HTML escaping, as the API server encodes the
 * objects it hands on): control characters, `"`, `\`, `<`, `>`, `&`, U+2028 and U+2029. `UnmarshalJSON` reads a
 * string's JSON text without unescaping it, so such a character leaves a backslash that no quantity has and that
 * `TrimSpace` keeps: a tab or newline around `2Gi` is refused, where a space is trimmed.
 */
const JSON_ESCAPED = /[\u0000-\u001f"\\<>&\u2028\u2029]/;

function parse(input: string | number): Quantity | string {
  const text = typeof input === 'number' ? numberText(input) : input;
  if (text === undefined || JSON_ESCAPED.test(text)) return QUANTITY_FORMAT_ERROR;
  const str = goTrimSpace(text);
  if (str.length === 0) return QUANTITY_FORMAT_ERROR;
  if (str === '0') return { negative: false, mantissa: 0n, exponent: 0, text: String(input), format: 'DecimalSI', kept: str };

  const s = scan(str);
  if (!s) return QUANTITY_FORMAT_ERROR;
  const suffix = interpret(s.suffix);
  if (!suffix) return QUANTITY_SUFFIX_ERROR;
  const { base, exponent } = suffix;
  let format = suffix.format;
  const make = (mantissa: bigint, exp: number, kept?: string): Quantity =>
    ({ negative: !s.positive && mantissa !== 0n, mantissa, exponent: exp, text: String(input), format, kept });

  // The fast path (int64 arithmetic) and the slow one (inf.Dec) give the same value when both apply, except that
  // the slow one rounds to nano units and caps binary values; the fast path applies only where neither matters.
  let precision = 0;
  let scale = 0;
  let multiplier = 1n;
  if (format === 'BinarySI') {
    if (exponent >= 0 && s.denom.length === 0) {
      multiplier = 2n ** BigInt(exponent);
      // Go: 15 - int32(len(num)) - int32(float32(exponent)*3/10) - 1
      precision = 15 - s.num.length - Math.trunc(Math.fround(Math.fround(Math.fround(exponent) * 3) / 10)) - 1;
    } else {
      precision = -1;
    }
  } else {
    scale = exponent;
    precision = MAX_INT64_FACTORS - (s.num.length + s.denom.length);
  }
  if (precision >= 0) {
    scale -= s.denom.length;
    if (scale >= NANO) {
      const shifted = s.num + s.denom;
      const value = BigInt(shifted); // at most 18 digits here
      const result = value * multiplier;
      if (result <= MAX_INT64) {
        // quantity.go: "if the number is in canonical form, reuse the string"
        const canonical = format === 'BinarySI'
          ? exponent % 10 === 0 && value % 8n !== 0n // Go: value&0x07 != 0
          : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        return make(result, scale, canonical ? str : undefined);
      }
    }
  }

  // The slow path: inf.Dec.SetString(value): an optional sign, digits with at most one '.', at least one digit.
  const m = /^[+-]?([0-9]*)(?:\.([0-9]*))?$/.exec(s.value);
  if (!m || (m[1] + (m[2] ?? '')).length === 0) return QUANTITY_NUMERIC_ERROR;
  const digits = m[1] + (m[2] ?? '');
  let mantissa = BigInt(digits);
  let exp = -(m[2] ?? '').length;
  if (base === 10) {
    exp += exponent;
    const rounded = roundUpToNano(mantissa, exp);
    return make(rounded.mantissa, rounded.exponent);
  }
  // binary: m * 10^exp * 2^exponent, rounded up to nano units, capped at 2^63-1; below 1, written as DecimalSI
  mantissa = mantissa * 2n ** BigInt(exponent);
  const rounded = roundUpToNano(mantissa, exp);
  if (compareMagnitude(rounded.mantissa, rounded.exponent, MAX_INT64, 0) > 0) return make(MAX_INT64, 0);
  if (rounded.mantissa !== 0n && compareMagnitude(rounded.mantissa, rounded.exponent, 1n, 0) < 0) format = 'DecimalSI';
  return make(rounded.mantissa, rounded.exponent);
}

/** Decimal suffixes by power of ten (suffix.go `decSuffixes`); any other power is written without a suffix (sic). */
const DECIMAL_SUFFIX_OF = new Map(Object.entries(DECIMAL_SUFFIXES).map(([suffix, power]) => [power, suffix]));
/** Binary suffixes by power of 1024 (`binSuffixes`); a power of 0 has none. */
const BINARY_SUFFIX_OF = new Map(Object.entries(BINARY_SUFFIXES).map(([suffix, bits]) => [bits / 10, suffix]));

/**
 * What `MarshalJSON` writes of a decoded quantity, and so what kpack and the API server store: the text as written
 * when `ParseQuantity` kept it, else `CanonicalizeBytes`: zero is `0`; a BinarySI value is written in powers of 1024
 * (`1024Mi` is `1Gi`) unless it is under 1024 in magnitude or not whole, then as DecimalSI; a decimal one with its
 * factors of ten moved into an exponent that is a multiple of three (`1000m` is `1`, `0.0001` is `100u`, `10e2` is
 * `1e3`), with that format's suffix. As in Go, a DecimalSI exponent past 18 gets no suffix: `1000E` is stored as `1`.
 */
export function storedQuantity(q: Quantity): string {
  if (q.kept !== undefined) return q.kept;
  if (q.mantissa === 0n) return '0';
  const minus = q.negative ? '-' : '';
  if (q.format === 'BinarySI' && compareMagnitude(q.mantissa, q.exponent, 1024n, 0) >= 0 && isWhole(q)) {
    let value = q.exponent >= 0 ? q.mantissa * pow10(q.exponent) : q.mantissa / pow10(-q.exponent);
    let power = 0;
    while (value >= 1024n && value % 1024n === 0n) {
      value /= 1024n;
      power++;
    }
    return `${minus}${value}${BINARY_SUFFIX_OF.get(power) ?? ''}`;
  }
  let mantissa = q.mantissa;
  let exponent = q.exponent;
  while (mantissa >= 10n && mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  const shift = ((exponent % 3) + 3) % 3; // down to a multiple of three
  mantissa *= pow10(shift);
  exponent -= shift;
  const suffix = q.format === 'DecimalExponent' ? (exponent === 0 ? '' : `e${exponent}`) : DECIMAL_SUFFIX_OF.get(exponent) ?? '';
  return `${minus}${mantissa}${suffix}`;
}

/**
 * The text kpack stores for a quantity when that text has another value than `q` (Go's quirk for a DecimalSI exponent
 * past 18: `1000E` is stored as `1`), else undefined. kpack's validating webhook, its controllers and the objects they
 * create read the stored text, so that value is the one they check and use.
 */
function storedWithAnotherValue(q: Quantity): string | undefined {
  if (q.kept !== undefined) return undefined;
  const stored = storedQuantity(q);
  const s = parseQuantity(stored);
  return typeof s !== 'string' && compareQuantities(s, q) !== 0 ? stored : undefined;
}

/**
 * A written quantity as kpack stores it: its value, and the stored text where that has another value than written
 * (storedWithAnotherValue); undefined when it does not parse.
 */
export function quantityAsStored(written: unknown): { readonly quantity: Quantity; readonly storedText?: string } | undefined {
  if (typeof written !== 'string' && typeof written !== 'number') return undefined;
  const q = parseQuantity(written);
  if (typeof q === 'string') return undefined;
  const storedText = storedWithAnotherValue(q);
  if (storedText === undefined) return { quantity: q };
  const stored = parseQuantity(storedText);
  return typeof stored === 'string' ? undefined : { quantity: stored, storedText };
}

/** Whether Go stores the quantity `text` exactly as written (its `ParseQuantity` keeps the text, untrimmed). */
export function isKeptAsWritten(text: string): boolean {
  const q = parseQuantity(text);
  return typeof q !== 'string' && q.kept === text;
}

/** Whether the value is a whole number. */
function isWhole(q: Quantity): boolean {
  return q.exponent >= 0 || q.mantissa % pow10(-q.exponent) === 0n;
}

/** A JSON number as its text (what Go's decoder hands to `UnmarshalJSON`); undefined for NaN and infinities. */
function numberText(n: number): string | undefined {
  return Number.isFinite(n) ? JSON.stringify(n) : undefined;
}

/** Compares `a * 10^ea` with `b * 10^eb` (a, b >= 0). */
function compareMagnitude(a: bigint, ea: number, b: bigint, eb: number): number {
  if (a === 0n || b === 0n) return a === b ? 0 : a === 0n ? -1 : 1;
  const ma = digitCount(a) + ea;
  const mb = digitCount(b) + eb;
  if (ma !== mb) return ma < mb ? -1 : 1;
  // same order of magnitude: the exponents differ by less than the digit counts, so scaling is cheap
  const e = Math.min(ea, eb);
  const x = a * pow10(ea - e);
  const y = b * pow10(eb - e);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** Compares two quantities (quantity.go `Cmp`): -1, 0 or 1. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const sa = sign(a);
  const sb = sign(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  const c = compareMagnitude(a.mantissa, a.exponent, b.mantissa, b.exponent);
  return sa < 0 ? -c : c;
}

/** -1, 0 or 1. */
export function sign(q: Quantity): number {
  return q.mantissa === 0n ? 0 : q.negative ? -1 : 1;
}

/**
 * `MilliValue()` as a bigint: the value in thousandths, rounded up (away from zero). Kubernetes' int64 result
 * wraps or saturates beyond 2^63; this one does not (only the integer check below uses it).
 */
export function milliValue(q: Quantity): bigint {
  const e = q.exponent + 3;
  const magnitude = e >= 0 ? q.mantissa * pow10(e) : ceilDivPow10(q.mantissa, -e);
  return q.negative ? -magnitude : magnitude;
}

/** The exact value as a decimal string without trailing zeros (`1536`, `0.5`, `-2`), for tests and messages. */
export function exactDecimal(q: Quantity): string {
  if (q.mantissa === 0n) return '0';
  let digits = q.mantissa.toString();
  let exp = q.exponent;
  while (exp < 0 && digits.length > 1 && digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    exp++;
  }
  let out: string;
  if (exp >= 0) {
    out = digits + '0'.repeat(exp);
  } else {
    const padded = digits.padStart(-exp + 1, '0');
    out = `${padded.slice(0, exp)}.${padded.slice(exp)}`;
  }
  return q.negative ? `-${out}` : out;
}

/** `q` if the value is a quantity, otherwise a problem (pushed to `out`) and undefined. */
export function quantityAt(path: string, value: unknown, out: Problem[]): Quantity | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') {
    if (value !== undefined && value !== null) out.push(wrongType(path, value, 'a quantity (a string such as "500m" or "2Gi")'));
    return undefined;
  }
  const q = parseQuantity(value);
  if (typeof q === 'string') {
    out.push(invalid(path, value, `is not a quantity: ${QUANTITY_HELP} (Kubernetes: ${q})`));
    return undefined;
  }
  return q;
}

/** What a quantity looks like, for messages. */
export const QUANTITY_HELP = 'write a number with an optional suffix: Ki, Mi, Gi, Ti, Pi, Ei (powers of 1024), '
  + 'n, u, m, k, M, G, T, P, E (powers of 1000) or an exponent such as e3, e.g. "500m", "2Gi" or "1.5"';

/** A quantity that must be given (core validation.go `ValidateResourceQuantityValue` etc. start from a parsed one). */
export function validateQuantity(path: string, value: unknown): Problem[] {
  const out: Problem[] = [];
  if (value === undefined || value === null) return [required(path, 'give a quantity, e.g. "2Gi"')];
  quantityAt(path, value, out);
  return out;
}

/** core validation.go `ValidateNonnegativeQuantity`: `must be greater than or equal to 0`. */
export function validateNonNegativeQuantity(path: string, value: unknown): Problem[] {
  const out: Problem[] = [];
  const q = quantityAt(path, value, out);
  if (q && sign(q) < 0) out.push(invalid(path, value, 'must be greater than or equal to 0'));
  return out;
}

/** core validation.go `ValidatePositiveQuantityValue`: `must be greater than zero`. */
export function validatePositiveQuantity(path: string, value: unknown): Problem[] {
  const out: Problem[] = [];
  const q = quantityAt(path, value, out);
  if (q && sign(q) <= 0) out.push(invalid(path, value, 'must be greater than zero'));
  return out;
}
