/** The rule catalogue is complete: every rule the engine emits, or the code names, is in it, with a stage. */
import * as fs from 'fs';
import * as path from 'path';
import { baselineSet } from './fixtures';
import { Stage } from '../../src/validation';
import { RULES, ruleInfo } from '../../src/validation/catalogue';
import { validatePositioned } from '../../src/validation/validator';
import { fuzzCases } from '../oracle/fuzz';

test('every finding of 2,000 fuzz manifests (both versions) and the baseline has a rule of the catalogue', () => {
  for (const version of ['v0.17.2', 'v0.16.1']) {
    const manifests = [...baselineSet(), ...fuzzCases(7, 1000, version)];
    for (const strict of [false, true]) {
      const { findings } = validatePositioned(manifests, { kpackVersion: version, strict, defaultStorageClass: false });
      const unknown = findings.filter(p => ruleInfo(p.finding.rule) === undefined).map(p => p.finding.rule);
      expect(unknown).toEqual([]);
      for (const { finding } of findings) expect(finding.stage).toBe(ruleInfo(finding.rule)!.stage);
    }
  }
});

test('every rule id the source code names is in the catalogue', () => {
  const ids = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {walk(file);} else if (file.endsWith('.ts')) {
        for (const m of fs.readFileSync(file, 'utf-8').matchAll(/(?:report\.add|missing|invalid|checkImage)\((?:ctx, )?'([A-Za-z0-9-]+)'/g)) ids.add(m[1]);
      }
    }
  };
  walk(path.join(__dirname, '..', '..', 'src', 'validation'));
  expect(ids.size).toBeGreaterThan(40);
  expect([...ids].filter(id => ruleInfo(id) === undefined)).toEqual([]);
});

test('advice may be kept a warning at synth only with a reason; admission and runtime rules are always errors', () => {
  for (const [id, info] of Object.entries(RULES)) {
    if (info.stage !== Stage.ADVICE) expect([id, info.atSynth]).toEqual([id, undefined]);
    expect(info.kpack.length).toBeGreaterThan(20);
    expect(info.source.length).toBeGreaterThan(5);
  }
});
