/**
 * `npm test`'s referee step: kpack's own admission code judges what the test suite produced and a seeded fuzz run,
 * and the rule engine must agree.
 *
 * - every manifest the engine judged in the tests (test/oracle/record.ts recorded them): the engine's admission
 *   verdict equals kpack's, and each kpack error is named by an admission finding at its path (or finer);
 * - every chart the tests synthesized without an error: kpack admits each kpack object and stores it unchanged
 *   (its defaulting adds nothing, nothing is dropped: GitOps tools see no drift);
 * - the regression fixtures (test/oracle/fixtures: disagreements found earlier) and the fuzz cases
 *   (test/oracle/fuzz.ts): the same verdict and paths;
 * - runtime (kind `runtime`): for every Image and Build both kpack and the engine admit, the build Pod, the cache
 *   PersistentVolumeClaim and (for an Image) the Build that kpack's own code makes of it, judged by Kubernetes' own
 *   validation (oracle/runtime.go): the engine has no `runtime` finding exactly when Kubernetes accepts them all
 *   (rules the oracle cannot referee aside: compare.ts ORACLE_BLIND_RUNTIME_RULES). Counted in the
 *   failures unless KPACK_ORACLE_RUNTIME=report (the default is `enforce`), for the oracles that link the
 *   Kubernetes the engine ports (RUNTIME_COUNTED_VERSIONS); reported by class either way;
 * - Kubernetes (kind `kubernetes`): every built-in object (platform, Tenant, credentials) of every chart the tests
 *   synthesized, of a kind the oracle validates, is accepted by Kubernetes' own API validation (oracle/kubernetes.go),
 *   and every pod template in the platform's namespace passes Pod Security "restricted" by Kubernetes' own evaluator
 *   (oracle/podsecurity.go; compare.ts podSecurityProblem).
 *
 * Prints `kpack-oracle: N manifests judged, D disagreements, X outputs changed by kpack` (with the runtime and
 * Kubernetes counts) and exits non-zero when any counted one is not 0. Without Go it says so and passes, unless
 * KPACK_ORACLE=required (as .ci/run sets it).
 *
 *   ts-node test/oracle/judge.ts [--records DIR] [--fuzz-runs N] [--seed S] [--save DIR]
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import {
  engineAdmits, engineRuntimeAdmits, isJudgeable, isKubernetesObject, persistedChanges, podSecurityProblem, RecordedFinding, runtimeClasses,
  RESTRICTED_NAMESPACE, RUNTIME_COUNTED_VERSIONS, specDropsOrChanges, unnamedErrors,
} from './compare';
import { loadFixtures, recordedVerdict } from './fixtures';
import { fuzzCases, fuzzUpdates } from './fuzz';
import { buildOracle, goAvailable, judge, OracleLine, ORACLE_VERSIONS } from './oracle-client';
import { validatePositioned } from '../../src/validation/validator';

/** One manifest to referee, with where it comes from and what the engine said of it. */
interface Case {
  readonly origin: string;
  readonly version: string;
  /** Undefined: the engine assumed one (the oracle's default is a cluster with a default StorageClass). */
  readonly defaultStorageClass: boolean | undefined;
  readonly manifest: unknown;
  /** The engine's findings about this object. */
  readonly findings: readonly RecordedFinding[];
  /** Synthesized by the library: kpack must admit it and store it unchanged. */
  readonly synthesized: boolean;
}

/** A built-in object a chart of the tests synthesized: Kubernetes must accept it. */
interface KubeCase {
  readonly origin: string;
  readonly version: string;
  readonly manifest: unknown;
}

interface Disagreement {
  readonly kind: 'verdict' | 'path' | 'changed' | 'drift' | 'runtime' | 'kubernetes';
  readonly origin: string;
  readonly version: string;
  readonly defaultStorageClass: boolean | undefined;
  readonly manifest: unknown;
  readonly engine: readonly RecordedFinding[];
  readonly kpack: OracleLine;
  readonly detail: string;
  /** Runtime only: the classes it counts in (compare.ts runtimeClasses, or the engine's rules). */
  readonly classes?: readonly string[];
  /** Runtime only: a chart of the tests synthesized it. */
  readonly synthesized?: boolean;
}

const ROOT = path.join(__dirname, '..', '..');

function main(): number {
  const { values } = parseArgs({
    options: {
      'records': { type: 'string', default: process.env.KPACK_ORACLE_RECORD ?? path.join(ROOT, '.tmp', 'oracle', 'records') },
      'fuzz-runs': { type: 'string', default: process.env.KPACK_FUZZ_RUNS ?? '20000' },
      'runs': { type: 'string' },
      'update-runs': { type: 'string', default: process.env.KPACK_UPDATE_RUNS ?? '4000' },
      'seed': { type: 'string', default: process.env.KPACK_FUZZ_SEED ?? '20261130' },
      'save': { type: 'string', default: path.join(ROOT, '.tmp', 'oracle', 'disagreements') },
    },
  });
  if (!goAvailable()) {
    if (process.env.KPACK_ORACLE === 'required') {
      process.stdout.write('kpack-oracle: FAILED: Go is not installed, and KPACK_ORACLE=required\n');
      return 1;
    }
    process.stdout.write('kpack-oracle: SKIPPED: Go is not installed, so kpack\'s own admission code (oracle/) did not referee '
      + 'the rule engine; install Go (https://go.dev/dl/) to run it\n');
    return 0;
  }
  const runtimeMode = process.env.KPACK_ORACLE_RUNTIME ?? 'enforce';
  if (runtimeMode !== 'enforce' && runtimeMode !== 'report') {
    process.stdout.write(`kpack-oracle: FAILED: KPACK_ORACLE_RUNTIME is "${runtimeMode}"; it is "enforce" (the default) or "report"\n`);
    return 1;
  }
  for (const version of ORACLE_VERSIONS) buildOracle(version);

  const cases: Case[] = [];
  const records = readRecords(values.records!);
  cases.push(...casesFromRecords(records));
  const fromTests = cases.length;
  const fixtures = loadFixtures();
  for (const f of fixtures) cases.push(...engineCases(`fixture ${f.name}`, f.version, f.defaultStorageClass, [f.manifest]));
  const runs = Number(values.runs ?? values['fuzz-runs']);
  const seed = Number(values.seed);
  for (const version of ORACLE_VERSIONS) {
    const manifests = fuzzCases(seed, Math.ceil(runs / ORACLE_VERSIONS.length), version);
    cases.push(...engineCases(`fuzz seed ${seed} ${version}`, version, undefined, manifests));
  }

  // Updates: mutated forms of existing objects, judged as updates by both (kpack's update rules).
  const updateRuns = Math.ceil(Number(values['update-runs']) / ORACLE_VERSIONS.length);
  const updateDisagreements: Disagreement[] = [];
  let updatesJudged = 0;
  for (const version of ORACLE_VERSIONS) {
    const { previous, updates } = fuzzUpdates(seed, updateRuns, version);
    const engine = validatePositioned(updates, { kpackVersion: version, previousManifests: previous });
    const lines = judge(version, updates, { previous: previous.map(p => JSON.stringify(p)).join('\n---\n') });
    updates.forEach((m, i) => {
      if (!isJudgeable(m) || !lines[i].judged) return;
      updatesJudged++;
      const findings = engine.findings.filter(p => p.position === i)
        .map(p => ({ position: i, stage: p.finding.stage, path: p.finding.path, rule: p.finding.rule }));
      const c: Case = { origin: `update fuzz seed ${seed} ${version} #${i}`, version, defaultStorageClass: undefined, manifest: m, findings, synthesized: false };
      updateDisagreements.push(...compare(c, lines[i]).filter(d => d.kind !== 'drift'));
    });
  }

  const unique = dedupe(cases);
  const disagreements: Disagreement[] = [];
  let judged = 0;
  let runtimeJudged = 0;
  for (const [group, list] of groupBy(unique, c => `${c.version} ${c.defaultStorageClass ?? ''}`)) {
    const [version] = group.split(' ');
    const lines = judge(version, list.map(c => c.manifest), { defaultStorageClass: list[0].defaultStorageClass });
    list.forEach((c, i) => {
      const line = lines[i];
      if (!line.judged) return;
      judged++;
      disagreements.push(...compare(c, line));
      // The runtime stage, where kpack and the engine both admit the object.
      if (line.admitted && line.runtime && (c.synthesized || engineAdmits(c.findings))) {
        runtimeJudged++;
        disagreements.push(...compareRuntime(c, line));
      }
    });
  }

  // Built-in objects of the synthesized charts: Kubernetes' own validation must accept them.
  const kubeCases = dedupeKube(kubeCasesFromRecords(records));
  let kubeJudged = 0;
  let podSecurityJudged = 0;
  let podSecurityRefused = 0;
  const unjudgedKinds = new Set<string>();
  for (const [version, list] of groupBy(kubeCases, c => c.version)) {
    const lines = judge(version, list.map(c => c.manifest));
    list.forEach((c, i) => {
      const line = lines[i];
      if (!line.judged) {
        unjudgedKinds.add(`${(c.manifest as any).apiVersion}/${line.kind}`);
        return;
      }
      kubeJudged++;
      // The platform's pods: Pod Security "restricted" (Kubernetes' own evaluator), counted as a Kubernetes refusal.
      const psa = podSecurityProblem(c.manifest, line);
      if (psa) {
        podSecurityRefused++;
        disagreements.push({
          kind: 'kubernetes', origin: c.origin, version: c.version, defaultStorageClass: undefined, manifest: c.manifest, engine: [], kpack: line, detail: psa,
        });
      }
      if (line.podSecurity && (c.manifest as any).metadata?.namespace === RESTRICTED_NAMESPACE) podSecurityJudged++;
      if (!line.admitted) {
        disagreements.push({
          kind: 'kubernetes',
          origin: c.origin,
          version: c.version,
          defaultStorageClass: undefined,
          manifest: c.manifest,
          engine: [],
          kpack: line,
          detail: `Kubernetes refuses the ${line.kind} "${line.name}" the library synthesized: `
            + line.errors.map(e => `${e.paths.join(', ') || '(no path)'}: ${e.message}`).join('; '),
        });
      }
    });
  }

  // The fixtures' recorded verdicts (which hold the engine where there is no Go) must still be kpack's and
  // Kubernetes': admission, each error's paths, and the runtime verdict.
  for (const f of fixtures) {
    const [line] = judge(f.version, [f.manifest], { defaultStorageClass: f.defaultStorageClass });
    const now = recordedVerdict(line);
    if (JSON.stringify(now) !== JSON.stringify(f.kpack)) {
      disagreements.push({
        kind: 'verdict',
        origin: `fixture ${f.name}`,
        version: f.version,
        defaultStorageClass: f.defaultStorageClass,
        manifest: f.manifest,
        engine: [],
        kpack: line,
        detail: `the fixture records ${JSON.stringify(f.kpack)}, the oracle now says ${JSON.stringify(now)}: `
          + 'record it again (ts-node test/oracle/new-fixture.ts --refresh) once the engine agrees',
      });
    }
  }

  disagreements.push(...updateDisagreements);
  const counts = { verdict: 0, path: 0, changed: 0, drift: 0, runtime: 0, kubernetes: 0 };
  for (const d of disagreements) counts[d.kind]++;
  report(disagreements, values.save!);
  reportRuntimeClasses(disagreements.filter(x => x.kind === 'runtime'), values.save!);
  const d = counts.verdict + counts.path + counts.drift;
  const runtimeSynth = disagreements.filter(x => x.kind === 'runtime' && x.synthesized).length;
  const runtimeDisagreements = disagreements.filter(x => x.kind === 'runtime');
  const runtimeCounted = runtimeDisagreements.filter(x => RUNTIME_COUNTED_VERSIONS.has(x.version)).length;
  const uncountedVersions = [...new Set(runtimeDisagreements.filter(x => !RUNTIME_COUNTED_VERSIONS.has(x.version)).map(x => x.version))];
  const uncounted = uncountedVersions.length === 0 ? ''
    : `; ${counts.runtime - runtimeCounted} on kpack ${uncountedVersions.join(', ')}, whose oracle links an older Kubernetes: reported, not counted`;
  process.stdout.write(`kpack-oracle: ${judged} manifests judged (${unique.filter(c => c.origin.startsWith('fuzz')).length} fuzz cases, `
    + `${fromTests} from the tests' ${records.length} records; ${updatesJudged} updates), ${d} disagreements (${counts.verdict} verdicts, ${counts.path} paths, ${counts.drift} stored forms), `
    + `${counts.changed} outputs changed by kpack\n`);
  process.stdout.write(`kpack-oracle: runtime: ${runtimeJudged} admitted Images and Builds made into build Pods and cache PVCs, `
    + `${counts.runtime} runtime disagreements (${runtimeSynth} of synthesized output${uncounted})`
    + `${runtimeMode === 'report' ? ', reported, not counted (KPACK_ORACLE_RUNTIME=report)' : ''}\n`);
  process.stdout.write(`kpack-oracle: kubernetes: ${kubeJudged} built-in objects of synthesized charts validated by Kubernetes, `
    + `${counts.kubernetes} refused (${podSecurityRefused} of ${podSecurityJudged} pod templates in namespace ${RESTRICTED_NAMESPACE} by Pod Security "restricted")`
    + `${unjudgedKinds.size > 0 ? ` (not validated, no judge for: ${[...unjudgedKinds].sort().join(', ')})` : ''}\n`);
  const failing = d + counts.changed + counts.kubernetes + (runtimeMode === 'enforce' ? runtimeCounted : 0);
  return failing > 0 ? 1 : 0;
}

interface RecordLine {
  readonly source: 'engine' | 'synth';
  readonly test: string;
  readonly kpackVersion: string;
  readonly defaultStorageClass?: boolean;
  readonly manifests: unknown[];
  readonly findings?: RecordedFinding[];
}

function readRecords(dir: string): RecordLine[] {
  if (!fs.existsSync(dir)) return [];
  const out: RecordLine[] = [];
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith('.jsonl')) continue;
    for (const line of fs.readFileSync(path.join(dir, file), 'utf-8').split('\n')) {
      if (line !== '') out.push(JSON.parse(line));
    }
  }
  return out;
}

/**
 * The recorded manifests, judged by the engine as it is now (with the kpack version and cluster each call used:
 * admission does not depend on the other options), and the synthesized ones.
 */
function casesFromRecords(records: readonly RecordLine[]): Case[] {
  const out: Case[] = [];
  for (const r of records) {
    if (!ORACLE_VERSIONS.includes(r.kpackVersion)) continue;
    if (r.source === 'engine') {
      out.push(...engineCases(`engine in ${r.test}`, r.kpackVersion, r.defaultStorageClass, r.manifests));
      continue;
    }
    for (const manifest of r.manifests) {
      if (!isJudgeable(manifest)) continue;
      out.push({
        origin: `synth in ${r.test}`, version: r.kpackVersion, defaultStorageClass: r.defaultStorageClass, manifest, findings: [], synthesized: true,
      });
    }
  }
  return out;
}

function kubeCasesFromRecords(records: readonly RecordLine[]): KubeCase[] {
  const out: KubeCase[] = [];
  for (const r of records) {
    if (r.source !== 'synth' || !ORACLE_VERSIONS.includes(r.kpackVersion)) continue;
    for (const manifest of r.manifests) {
      if (isKubernetesObject(manifest)) out.push({ origin: `synth in ${r.test}`, version: r.kpackVersion, manifest });
    }
  }
  return out;
}

function dedupeKube(cases: readonly KubeCase[]): KubeCase[] {
  const seen = new Map<string, KubeCase>();
  for (const c of cases) {
    const key = `${c.version}\u0000${JSON.stringify(c.manifest)}`;
    if (!seen.has(key)) seen.set(key, c);
  }
  return [...seen.values()];
}

/** Runs the engine over manifests (each on its own: admission does not depend on other objects). */
function engineCases(origin: string, version: string, defaultStorageClass: boolean | undefined, manifests: readonly unknown[]): Case[] {
  const result = validatePositioned(manifests, { kpackVersion: version, defaultStorageClass });
  const byPosition = new Map<number, RecordedFinding[]>();
  for (const p of result.findings) {
    const list = byPosition.get(p.position) ?? [];
    list.push({ position: p.position, stage: p.finding.stage, path: p.finding.path, rule: p.finding.rule });
    byPosition.set(p.position, list);
  }
  const out: Case[] = [];
  manifests.forEach((manifest, i) => {
    if (isJudgeable(manifest)) {
      out.push({ origin: `${origin} #${i}`, version, defaultStorageClass, manifest, findings: byPosition.get(i) ?? [], synthesized: false });
    }
  });
  return out;
}

/** One case per distinct manifest and setting; a synthesized one keeps its stricter expectation. */
function dedupe(cases: readonly Case[]): Case[] {
  const seen = new Map<string, Case>();
  for (const c of cases) {
    const key = `${c.version}\u0000${c.defaultStorageClass}\u0000${JSON.stringify(c.manifest)}`;
    const earlier = seen.get(key);
    if (!earlier || (c.synthesized && !earlier.synthesized)) seen.set(key, c);
  }
  return [...seen.values()];
}

function groupBy<T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of list) {
    const k = key(t);
    const l = out.get(k);
    if (l) l.push(t);
    else out.set(k, [t]);
  }
  return out;
}

function compare(c: Case, line: OracleLine): Disagreement[] {
  const base = {
    origin: c.origin, version: c.version, defaultStorageClass: c.defaultStorageClass, manifest: c.manifest, engine: c.findings, kpack: line,
  };
  const engine = c.synthesized ? true : engineAdmits(c.findings);
  if (engine !== line.admitted) {
    const detail = line.admitted
      ? `the engine refuses what kpack admits: ${c.findings.filter(f => f.stage === 'admission').map(f => `${f.rule} at ${f.path}`).join(', ')}`
      : `kpack refuses what the engine admits: ${line.message ?? line.errors.map(e => e.message).join('; ')}`;
    return [{ ...base, kind: 'verdict', detail }];
  }
  if (!line.admitted) {
    const unnamed = unnamedErrors(c.findings, line.errors);
    if (unnamed.length > 0) {
      return [{
        ...base,
        kind: 'path',
        detail: `kpack's ${unnamed.map(e => `"${e.message}" at ${e.paths.join(', ') || '(no path)'}`).join('; ')} `
          + `is named by no admission finding (the engine's: ${c.findings.filter(f => f.stage === 'admission').map(f => f.path).join(', ')})`,
      }];
    }
    return [];
  }
  if (c.synthesized) {
    const changes = persistedChanges(c.manifest, line.persisted);
    if (changes.length > 0) return [{ ...base, kind: 'changed', detail: changes.join('; ') }];
    return [];
  }
  // What the engine says kpack drops or changes (fields it does not know, other spellings, values Go omits), against
  // what kpack stored.
  // Only for objects kpack's webhooks store (v1alpha2, not SourceResolver) and whose fields the engine knows (unknown
  // fields and other spellings are advice of their own).
  const m = c.manifest as Record<string, unknown>;
  if (m.apiVersion !== 'kpack.io/v1alpha2' || m.kind === 'SourceResolver'
    || c.findings.some(f => f.rule === 'unknown-field' || f.rule === 'field-case')) return [];
  const engineDrift = c.findings.some(f => f.rule === 'stored-differently');
  const kpackDrift = specDropsOrChanges(c.manifest, line.persisted);
  if (engineDrift !== kpackDrift) {
    return [{
      ...base,
      kind: 'drift',
      detail: kpackDrift ? `kpack stores the spec differently (${persistedChanges(c.manifest, line.persisted).join('; ')}), the engine says nothing`
        : 'the engine says kpack stores the spec differently, it does not',
    }];
  }
  return [];
}

/**
 * The runtime comparison, for an Image or Build kpack admits and the engine admits: the engine's "no runtime finding"
 * must be Kubernetes' acceptance of what kpack makes of it; a synthesized object must be accepted.
 */
function compareRuntime(c: Case, line: OracleLine): Disagreement[] {
  const runtime = line.runtime!;
  const engine = c.synthesized ? true : engineRuntimeAdmits(c.findings);
  if (engine === runtime.admitted) return [];
  const base = {
    kind: 'runtime' as const,
    origin: c.origin,
    version: c.version,
    defaultStorageClass: c.defaultStorageClass,
    manifest: c.manifest,
    engine: c.findings,
    kpack: line,
    synthesized: c.synthesized,
  };
  if (!runtime.admitted) {
    const errors = runtime.errors.map(e => `${e.object}: ${e.message}${e.paths.length ? ` (from ${e.paths.join(', ')})` : ` (at ${e.objectPaths.join(', ')})`}`);
    return [{
      ...base,
      classes: runtimeClasses(runtime),
      detail: `${c.synthesized ? 'the library synthesized an object' : 'the engine has no runtime finding about an object'} `
        + `whose ${[...new Set(runtime.errors.map(e => e.object))].join(', ')} Kubernetes refuses: ${errors.join('; ')}`,
    }];
  }
  const rules = c.findings.filter(f => f.stage === 'runtime');
  return [{
    ...base,
    classes: [...new Set(rules.map(f => `engine ${f.rule}`))].sort(),
    detail: `the engine has runtime findings (${rules.map(f => `${f.rule} at ${f.path}`).join(', ')}), `
      + 'but Kubernetes accepts the build Pod, cache PVC and Build kpack makes of it',
  }];
}

/** Runtime disagreements counted by class, printed and saved (runtime-classes.json), for whoever closes them. */
function reportRuntimeClasses(runtime: readonly Disagreement[], saveDir: string): void {
  if (runtime.length === 0) return;
  const byClass = new Map<string, { count: number; synthesized: number; versions: Set<string>; example: string }>();
  for (const d of runtime) {
    for (const cls of d.classes ?? ['(none)']) {
      const entry = byClass.get(cls) ?? { count: 0, synthesized: 0, versions: new Set<string>(), example: d.origin };
      entry.count++;
      if (d.synthesized) entry.synthesized++;
      entry.versions.add(d.version);
      byClass.set(cls, entry);
    }
  }
  const rows = [...byClass.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
  process.stdout.write('\nkpack-oracle: runtime disagreements by class (a case counts in each class of its errors):\n');
  for (const [cls, e] of rows) {
    process.stdout.write(`  ${String(e.count).padStart(6)}  ${cls}${e.synthesized ? `  [${e.synthesized} synthesized]` : ''}\n`);
  }
  fs.mkdirSync(saveDir, { recursive: true });
  fs.writeFileSync(path.join(saveDir, 'runtime-classes.json'), JSON.stringify(rows.map(([cls, e]) => ({
    class: cls, count: e.count, synthesized: e.synthesized, versions: [...e.versions].sort(), example: e.example,
  })), undefined, 2));
}

function report(disagreements: readonly Disagreement[], saveDir: string): void {
  fs.rmSync(saveDir, { recursive: true, force: true });
  if (disagreements.length === 0) return;
  fs.mkdirSync(saveDir, { recursive: true });
  const byKind = groupBy(disagreements, d => d.kind);
  for (const [kind, list] of byKind) {
    process.stdout.write(`\nkpack-oracle: ${list.length} ${kind} disagreement(s); the first ones:\n`);
    for (const d of list.slice(0, 8)) {
      process.stdout.write(`- ${d.origin} (kpack ${d.version}${d.defaultStorageClass === false ? ', no default StorageClass' : ''}): ${d.detail}\n`
        + `  manifest: ${JSON.stringify(d.manifest).slice(0, 600)}\n`);
    }
  }
  disagreements.forEach((d, i) => {
    fs.writeFileSync(path.join(saveDir, `${String(i).padStart(4, '0')}-${d.kind}.json`), JSON.stringify({
      origin: d.origin,
      version: d.version,
      defaultStorageClass: d.defaultStorageClass,
      detail: d.detail,
      manifest: d.manifest,
      engine: d.engine,
      classes: d.classes,
      kpack: { ...d.kpack, persisted: undefined },
    }, undefined, 2));
  });
  process.stdout.write(`kpack-oracle: every disagreement is in ${path.relative(ROOT, saveDir)}/ (add it to test/oracle/fixtures once fixed)\n`);
}


process.exitCode = main();
