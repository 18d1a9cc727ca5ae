import { quantityVectors } from './vectors';
import {
  compareQuantities, exactDecimal, milliValue, parseQuantity, Quantity, QUANTITY_FORMAT_ERROR, sign, storedQuantity, validateNonNegativeQuantity,
  validatePositiveQuantity, validateQuantity,
} from '../../../src/validation/kubernetes';

const q = (text: string) => {
  const parsed = parseQuantity(text);
  if (typeof parsed === 'string') throw new Error(`${text}: ${parsed}`);
  return parsed;
};

describe('parseQuantity agrees with Kubernetes', () => {
  test(`${quantityVectors.length} vectors: the same inputs accepted, with the same exact value`, () => {
    expect(quantityVectors.length).toBeGreaterThan(2000);
    const wrong: unknown[] = [];
    for (const v of quantityVectors) {
      const parsed = parseQuantity(v.input);
      const got = typeof parsed === 'string' ? { error: parsed } : { value: exactDecimal(parsed) };
      const expected = v.error !== undefined ? { error: v.error } : { value: v.value };
      if (JSON.stringify(got) !== JSON.stringify(expected)) wrong.push({ input: v.input, expected, got });
    }
    expect(wrong).toEqual([]);
  });

  test('the stored form (MarshalJSON after UnmarshalJSON) of every vector that decodes', () => {
    const decoded = quantityVectors.filter(v => v.stored !== undefined);
    expect(decoded.length).toBeGreaterThan(1400);
    // Most are not kept as written: the comparison says something about the canonical form.
    expect(decoded.filter(v => v.stored !== v.input.trim()).length).toBeGreaterThan(700);
    const wrong = decoded.filter(v => storedQuantity(q(v.input)) !== v.stored)
      .map(v => ({ input: v.input, stored: v.stored, got: storedQuantity(q(v.input)) }));
    expect(wrong).toEqual([]);
  });

  test('MilliValue agrees where Kubernetes computes it without overflow (non-negative values)', () => {
    const limit = 2n ** 63n;
    const compared = quantityVectors.filter(v => v.milli !== undefined && !v.value!.startsWith('-') && milliValue(q(v.input)) < limit);
    expect(compared.length).toBeGreaterThan(500);
    const wrong = compared.filter(v => milliValue(q(v.input)).toString() !== v.milli);
    expect(wrong).toEqual([]);
  });
});

describe('quantities', () => {
  test('the grammar: suffixes, exponents, signs; white space around is trimmed as the JSON decoder does', () => {
    expect(exactDecimal(q('1.5Gi'))).toBe('1610612736');
    expect(exactDecimal(q('500m'))).toBe('0.5');
    expect(exactDecimal(q('1e3'))).toBe('1000');
    expect(exactDecimal(q(' 2Gi '))).toBe('2147483648');
    expect(exactDecimal(q('\u00a02Gi'))).toBe('2147483648');
    // white space the JSON encoder escapes stays in the text the decoder trims: refused
    expect(parseQuantity('\t2Gi')).toBe(QUANTITY_FORMAT_ERROR);
    expect(parseQuantity('2Gi\n')).toBe(QUANTITY_FORMAT_ERROR);
    expect(parseQuantity('\u20282Gi')).toBe(QUANTITY_FORMAT_ERROR);
    expect(exactDecimal(q('0.1n'))).toBe('0.000000001'); // rounded up to nano units
    expect(exactDecimal(q('10Ei'))).toBe('9223372036854775807'); // binary values are capped
    expect(exactDecimal(q('1e30'))).toBe(`1${'0'.repeat(30)}`); // decimal ones are not
    expect(parseQuantity('2 GB')).toBe(QUANTITY_FORMAT_ERROR);
    expect(parseQuantity('')).toBe(QUANTITY_FORMAT_ERROR);
    expect(parseQuantity(1.5)).toMatchObject({ mantissa: 15n, exponent: -1 });
    expect(parseQuantity(Number.NaN)).toBe(QUANTITY_FORMAT_ERROR);
  });

  test('the stored form: kept as written when Go keeps it, else canonical', () => {
    const stored = (text: string | number) => storedQuantity(q(text as string));
    expect(stored('2Gi')).toBe('2Gi');
    expect(stored(' 2Gi ')).toBe('2Gi');
    expect(stored('1024Mi')).toBe('1Gi');
    expect(stored('1536Mi')).toBe('1536Mi');
    expect(stored('1.5Gi')).toBe('1536Mi');
    expect(stored('0.5Ki')).toBe('512');
    expect(stored('1000m')).toBe('1');
    expect(stored('0.5')).toBe('500m');
    expect(stored('0.0001')).toBe('100u');
    expect(stored('2000M')).toBe('2G');
    expect(stored('10e2')).toBe('1e3');
    expect(stored('1E3')).toBe('1E3');
    expect(stored('+1Ki')).toBe('+1Ki');
    expect(stored('0.0Gi')).toBe('0');
    expect(stored('1000E')).toBe('1'); // Go writes no suffix for 10^21
    expect(stored('9Ei')).toBe('9223372036854775807');
    expect(stored(2)).toBe('2');
    expect(stored(1.5)).toBe('1500m');
  });

  test('comparison is exact across suffixes', () => {
    const cmp = (a: string, b: string) => compareQuantities(q(a), q(b));
    expect(cmp('1Gi', '1024Mi')).toBe(0);
    expect(cmp('1G', '1Gi')).toBe(-1);
    expect(cmp('2', '1500m')).toBe(1);
    expect(cmp('-1', '0')).toBe(-1);
    expect(cmp('-2', '-1')).toBe(-1);
    expect(cmp('1e1000', '1e999')).toBe(1);
    expect(cmp('0.000000001', '1n')).toBe(0);
    expect(cmp('-0', '0')).toBe(0);
  });

  test('sign', () => {
    expect([q('-1m'), q('0Ki'), q('-0'), q('1n')].map((x: Quantity) => sign(x))).toEqual([-1, 0, 0, 1]);
  });

  test('validators', () => {
    expect(validateQuantity('size', undefined)[0].type).toBe('required');
    expect(validateQuantity('size', '2 GB')[0].message).toMatch(/^size "2 GB" is not a quantity: write a number with an optional suffix/);
    expect(validateQuantity('size', { amount: 2 })[0]).toMatchObject({ type: 'wrong-type' });
    expect(validateNonNegativeQuantity('cpu', '-1')[0].message).toBe('cpu "-1" must be greater than or equal to 0');
    expect(validateNonNegativeQuantity('cpu', '0')).toEqual([]);
    expect(validatePositiveQuantity('size', '0Ki')[0].message).toBe('size "0Ki" must be greater than zero');
    expect(validatePositiveQuantity('size', '1Ki')).toEqual([]);
  });
});
