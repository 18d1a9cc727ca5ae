/**
 * The regression fixtures (test/oracle/fixtures: cases where the engine and kpack once disagreed) against kpack's
 * verdict as the oracle recorded it: this holds the engine to kpack's behaviour even where Go is not installed.
 * The judge (test/oracle/judge.ts) checks the recorded verdicts against the live oracle.
 */
import { RUNTIME_COUNTED_VERSIONS, covers, engineRuntimeAdmits } from './compare';
import { loadFixtures } from './fixtures';
import { validatePositioned } from '../../src/validation/validator';

const fixtures = loadFixtures();

test('there are fixtures', () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(18);
});

test('the runtime verdict is recorded for the fixtures kpack admits and makes build objects of', () => {
  // Without it, the runtime fixtures hold nothing where Go is absent (they are admitted, so only admission is checked).
  expect(fixtures.filter(f => f.kpack.runtime).length).toBeGreaterThanOrEqual(10);
});

describe.each(fixtures.map(f => [f.name, f] as const))('%s', (_, f) => {
  const all = validatePositioned([f.manifest], { kpackVersion: f.version, defaultStorageClass: f.defaultStorageClass })
    .findings.map(p => ({ position: p.position, stage: p.finding.stage, path: p.finding.path, rule: p.finding.rule }));
  const findings = all.filter(x => x.stage === 'admission');

  test(f.kpack.admitted ? 'kpack admits it: no admission finding' : 'kpack refuses it: an admission finding at each of its paths', () => {
    if (f.kpack.admitted) {
      expect(findings.map(x => `${x.rule} ${x.path}`)).toEqual([]);
    } else {
      expect(findings.length).toBeGreaterThan(0);
      for (const paths of f.kpack.errorPaths) expect(findings.some(x => covers(x.path, paths))).toBe(true);
    }
  });

  // As the judge compares it (compare.ts): the engine has no runtime finding exactly when Kubernetes accepts what
  // kpack makes of the object (runtime rules the oracle cannot referee aside), on the oracles whose runtime counts.
  const runtime = f.kpack.runtime;
  if (runtime && f.kpack.admitted && RUNTIME_COUNTED_VERSIONS.has(f.version)) {
    test(runtime.admitted ? 'Kubernetes accepts what kpack makes of it: no runtime finding' : 'Kubernetes refuses what kpack makes of it: a runtime finding', () => {
      expect({ runtimeFindings: all.filter(x => x.stage === 'runtime').map(x => `${x.rule} ${x.path}`), engineAdmits: engineRuntimeAdmits(all) })
        .toEqual(expect.objectContaining({ engineAdmits: runtime.admitted }));
    });
  }
});
