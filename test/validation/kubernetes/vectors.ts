/**
 * What Kubernetes' own code says about a set of inputs: vectors/vectors.json, written by vectors/main.go with
 * k8s.io/apimachinery v0.34.3 (`cd test/validation/kubernetes/vectors && go run . > vectors.json`).
 */
import * as fs from 'fs';
import * as path from 'path';

export interface StringVector {
  readonly input: string;
  readonly errors: string[];
}

export interface QuantityVector {
  readonly input: string;
  readonly error?: string;
  readonly value?: string;
  readonly milli?: string;
  /** What MarshalJSON writes of it (kept as written, or canonical). */
  readonly stored?: string;
}

interface Raw {
  readonly messages: string[];
  readonly [check: string]: any;
}

const raw: Raw = JSON.parse(fs.readFileSync(path.join(__dirname, 'vectors', 'vectors.json'), 'utf-8'));

/** The vectors of one `Is...` check, with messages resolved. */
export function stringVectors(check: string): StringVector[] {
  return (raw[check] as Array<{ input: string; errors: number[] }>).map(v => ({ input: v.input, errors: v.errors.map(i => raw.messages[i]) }));
}

export const quantityVectors: QuantityVector[] = raw.quantities;
