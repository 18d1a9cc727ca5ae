/**
 * Regression fixtures: manifests on which the engine and kpack once disagreed, with kpack's verdict as the oracle
 * gave it. test/oracle/fixtures.test.ts holds the engine to these verdicts even where Go is absent; the judge
 * (test/oracle/judge.ts) checks them against the live oracle too.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface OracleFixture {
  /** File name without `.json`. */
  readonly name: string;
  /** What the disagreement was and how it was settled. */
  readonly why: string;
  readonly version: string;
  readonly defaultStorageClass?: boolean;
  readonly manifest: unknown;
  /** kpack's verdict: admitted, or the paths of each error. */
  readonly kpack: { readonly admitted: boolean; readonly errorPaths: string[][] };
}

export const FIXTURES_DIR = path.join(__dirname, 'fixtures');

export function loadFixtures(): OracleFixture[] {
  if (!fs.existsSync(FIXTURES_DIR)) return [];
  return fs.readdirSync(FIXTURES_DIR).filter(f => f.endsWith('.json')).sort().map(file => ({
    name: file.replace(/\.json$/, ''),
    ...JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, file), 'utf-8')),
  }));
}
