/**
 * The regression fixtures (test/oracle/fixtures: cases where the engine and kpack once disagreed) against kpack's
 * verdict as the oracle recorded it: this holds the engine to kpack's behaviour even where Go is not installed.
 * The judge (test/oracle/judge.ts) checks the recorded verdicts against the live oracle.
 */
import { covers } from './compare';
import { loadFixtures } from './fixtures';
import { validatePositioned } from '../../src/validation/validator';

const fixtures = loadFixtures();

test('there are fixtures', () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(18);
});

describe.each(fixtures.map(f => [f.name, f] as const))('%s', (_, f) => {
  const findings = validatePositioned([f.manifest], { kpackVersion: f.version, defaultStorageClass: f.defaultStorageClass })
    .findings.map(p => p.finding).filter(x => x.stage === 'admission');

  test(f.kpack.admitted ? 'kpack admits it: no admission finding' : 'kpack refuses it: an admission finding at each of its paths', () => {
    if (f.kpack.admitted) {
      expect(findings.map(x => `${x.rule} ${x.path}`)).toEqual([]);
    } else {
      expect(findings.length).toBeGreaterThan(0);
      for (const paths of f.kpack.errorPaths) expect(findings.some(x => covers(x.path, paths))).toBe(true);
    }
  });
});
