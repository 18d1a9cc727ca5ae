/**
 * Kubernetes' resource.Quantity as Go parses it (k8s.io/apimachinery/pkg/api/resource, v0.34: ParseQuantity,
 * parseQuantityString, suffixHandler.interpret), so the engine accepts exactly what kpack and the API server accept:
 * a bare suffix is zero (`Ki`, `.`, `+`), `1.G` is allowed, and JSON numbers always parse.
 */

/** Go's three parse errors, by their messages. */
export const QUANTITY_FORMAT = 'quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'';
export const QUANTITY_SUFFIX = 'unable to parse quantity\'s suffix';
export const QUANTITY_NUMERIC = 'unable to parse numeric part of quantity';

const SUFFIX_CHARS = 'eEinumkKMGTP';
const BINARY: { readonly [suffix: string]: number } = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: { readonly [suffix: string]: number } = { 'n': -9, 'u': -6, 'm': -3, '': 0, 'k': 3, 'M': 6, 'G': 9, 'T': 12, 'P': 15, 'E': 18 };
const INT64_DIGITS = /^[+-]?[0-9]+$/;

/** A parsed quantity: its sign, digits and suffix (enough to compare with zero and order simple values). */
export interface ParsedQuantity {
  readonly negative: boolean;
  /** True when the value is zero. */
  readonly zero: boolean;
  /** The value as a JavaScript number (approximate for huge or tiny values). */
  readonly approximate: number;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/**
 * Parses a quantity as resource.ParseQuantity does (after UnmarshalJSON's TrimSpace); returns Go's error message when
 * it refuses it.
 */
export function parseQuantity(input: string): ParsedQuantity | { readonly error: string } {
  const str = input;
  if (str.length === 0) return { error: QUANTITY_FORMAT };
  if (str === '0') return { negative: false, zero: true, approximate: 0 };
  const end = str.length;
  let pos = 0;
  let positive = true;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') {
    pos++;
  }
  // leading zeros
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { negative: !positive, zero: true, approximate: 0 };
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  let denom = '';
  let suffix = '';
  let valueEnd: number;
  pos = i;
  if (num === '') num = '0';
  if (pos >= end) {
    valueEnd = end;
  } else {
    let done = false;
    if (str[pos] === '.') {
      pos++;
      let j = pos;
      while (j < end && isDigit(str[j])) j++;
      denom = str.slice(pos, j);
      if (j >= end) {
        valueEnd = end;
        done = true;
      }
      pos = j;
    }
    valueEnd = done ? end : pos;
    if (!done) {
      const suffixStart = pos;
      let k = pos;
      while (k < end && SUFFIX_CHARS.includes(str[k])) k++;
      if (k >= end) {
        suffix = str.slice(suffixStart, end);
      } else {
        pos = k;
        if (str[pos] === '-' || str[pos] === '+') pos++;
        let m = pos;
        while (m < end && isDigit(str[m])) m++;
        if (m < end) return { error: QUANTITY_FORMAT };
        suffix = str.slice(suffixStart, end);
      }
    }
  }

  // suffixHandler.interpret
  let base: number;
  let exponent: number;
  if (Object.prototype.hasOwnProperty.call(DECIMAL, suffix)) {
    base = 10;
    exponent = DECIMAL[suffix];
  } else if (Object.prototype.hasOwnProperty.call(BINARY, suffix)) {
    base = 2;
    exponent = BINARY[suffix];
  } else if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && INT64_DIGITS.test(suffix.slice(1))
    && fitsInt64(suffix.slice(1))) {
    base = 10;
    exponent = Number(suffix.slice(1));
  } else {
    return { error: QUANTITY_SUFFIX };
  }

  // The slow path parses the number with inf.Dec.SetString, which needs a digit somewhere; the fast path (short
  // numbers, binary suffixes without a fraction) never fails.
  const value = str.slice(0, valueEnd);
  const fast = base === 10 ? num.length + denom.length <= 18 : denom.length === 0;
  if (!fast && !/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(value)) return { error: QUANTITY_NUMERIC };

  const digits = Number(`${num}.${denom || '0'}`);
  const approximate = (positive ? 1 : -1) * digits * Math.pow(base, exponent);
  const zero = /^0*$/.test(num) && /^0*$/.test(denom);
  return { negative: !positive && !zero, zero, approximate: zero ? 0 : approximate };
}

function fitsInt64(s: string): boolean {
  try {
    const n = BigInt(s);
    return n >= -(2n ** 63n) && n < 2n ** 63n;
  } catch {
    return false;
  }
}

/** Go's unicode.IsSpace (the White_Space property), which strings.TrimSpace trims. */
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  return s.replace(GO_SPACE, '');
}

/** Whether a JSON value decodes into a resource.Quantity (numbers always do; strings are trimmed first). */
export function quantityError(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : QUANTITY_FORMAT;
  if (typeof value !== 'string') return 'a quantity must be a string or a number';
  const parsed = parseQuantity(goTrimSpace(value));
  return 'error' in parsed ? parsed.error : undefined;
}
