/**
 * Regression fixtures: manifests on which the engine and kpack once disagreed, with kpack's verdict as the oracle
 * gave it. test/oracle/fixtures.test.ts holds the engine to these verdicts even where Go is absent; the judge
 * (test/oracle/judge.ts) checks them against the live oracle too, and `new-fixture.ts --refresh` records them again.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { OracleLine } from './oracle-client';

export interface OracleFixture {
  /** File name without `.json`. */
  readonly name: string;
  /** What the disagreement was and how it was settled. */
  readonly why: string;
  readonly version: string;
  readonly defaultStorageClass?: boolean;
  readonly manifest: unknown;
  /**
   * kpack's verdict: admitted, or the paths of each error; for an Image or Build kpack admits, also Kubernetes'
   * verdict on the build Pod, cache PVC and Build kpack's controllers make of it (`runtime`).
   */
  readonly kpack: {
    readonly admitted: boolean;
    readonly errorPaths: string[][];
    readonly runtime?: { readonly admitted: boolean; readonly errorPaths: string[][] };
  };
}

/** The verdict a fixture records, from the oracle's line for its manifest. */
export function recordedVerdict(line: OracleLine): OracleFixture['kpack'] {
  return {
    admitted: line.admitted,
    errorPaths: line.errors.map(e => e.paths),
    ...line.runtime ? { runtime: { admitted: line.runtime.admitted, errorPaths: line.runtime.errors.map(e => e.paths) } } : {},
  };
}

export const FIXTURES_DIR = path.join(__dirname, 'fixtures');

export function loadFixtures(): OracleFixture[] {
  if (!fs.existsSync(FIXTURES_DIR)) return [];
  return fs.readdirSync(FIXTURES_DIR).filter(f => f.endsWith('.json')).sort().map(file => ({
    name: file.replace(/\.json$/, ''),
    ...JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, file), 'utf-8')),
  }));
}
