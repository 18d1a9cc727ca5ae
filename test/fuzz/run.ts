/**
 * `npm run fuzz -- --runs N [--seed S]`: the construct fuzz run, judged by kpack's and Kubernetes' own code.
 *
 * Generates N apps across the subjects of test/fuzz/constructs.ts (in turn; the first app of each subject with its
 * valid arguments, then one to three fast-check mutations each, seeded: the same seed gives the same apps; every
 * other round of the subjects draws only plausible values, the others every wrong and edge value). Each app
 * ends in one of:
 * - E, our clear error (construct path, field, value; no TypeError, no stack frames, no secret);
 * - A, synthesized output that the oracle (oracle/, built from kpack's and Kubernetes' Go modules) accepts: kpack
 *   admits every kpack object and stores it unchanged, Kubernetes accepts the build Pod, cache PVC and Build kpack
 *   makes of every Image and Build (test/oracle/compare.ts RUNTIME_COUNTED_VERSIONS), Kubernetes' API validation
 *   accepts every built-in object, and every pod of the platform passes Pod Security "restricted";
 * - F, a failure: anything else (an unclear error, or output the library should have refused at synth).
 *
 * Synthesized output is judged in batches (one oracle process per batch and kpack version; identical objects are
 * judged once, through a bounded cache), so memory stays bounded whatever N. Every failure is saved under
 * .tmp/fuzz/failures/ (subject, mutations, message, manifests); `--replay FILE` runs a saved one again. Prints
 * progress sparingly and ends with the line
 *
 *   fuzz: N apps, E clear errors, A accepted by kpack and Kubernetes, F failures
 *
 * and exits 1 when F > 0. Without Go the oracle cannot be built: the run stops with a message (exit 2), unless
 * `--no-oracle` asks for the clear-error part alone (synthesized apps are then counted as not judged, not as A).
 *
 *   ts-node test/fuzz/run.ts [--runs N] [--seed S] [--batch APPS] [--save DIR] [--no-oracle] [--replay FILE]
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import * as fc from 'fast-check';
import { AppOutcome, describeValue, Mutation, mutation, runApp, Subject, SUBJECTS, SynthesizedChart, ValuePool } from './constructs';
import { isJudgeable, isKubernetesObject, SynthesizedProblem, synthesizedProblems } from '../oracle/compare';
import { buildOracle, goAvailable, judge, ORACLE_VERSIONS } from '../oracle/oracle-client';

const ROOT = path.join(__dirname, '..', '..');
/** Apps generated from one fast-check sample (a chunk has its own seed, derived from the run's). */
const CHUNK = 1000;
/** Judged objects remembered (by hash of version, cluster and JSON): the context's objects recur in every app. */
const CACHE_LIMIT = 50_000;
/** Failures saved in full; the rest are counted. */
const SAVE_LIMIT = 500;

interface Options {
  readonly runs: number;
  readonly seed: number;
  readonly batch: number;
  readonly save: string;
  readonly oracle: boolean;
}

/** A synthesized app waiting for the oracle. */
interface Pending {
  readonly index: number;
  readonly subject: Subject;
  readonly mutations: readonly Mutation[];
  readonly outcome: Extract<AppOutcome, { kind: 'synthesized' }> & { touched: { path: string; value: unknown }[] };
}

/** One document to judge, and where its verdict goes. */
interface Doc {
  readonly key: string;
  readonly manifest: unknown;
}

/**
 * The values the mutations of app `index` draw from: every other round of the subjects takes plausible values only
 * (they end in output more often, for the referees to judge), the others every wrong and edge value.
 */
function valuePoolOf(index: number): ValuePool {
  return Math.floor(index / SUBJECTS.length) % 2 === 1 ? 'plausible' : 'wrong';
}

/** The subject and mutations of app `index` (the mutations of a chunk of apps are sampled at once, from its own seed). */
function appAt(seed: number, index: number, chunkCache: { chunk: number; samples: Mutation[][] }): { subject: Subject; mutations: Mutation[] } {
  const subject = SUBJECTS[index % SUBJECTS.length];
  if (index < SUBJECTS.length) return { subject, mutations: [] };
  const chunk = Math.floor(index / CHUNK);
  if (chunkCache.chunk !== chunk) {
    chunkCache.chunk = chunk;
    chunkCache.samples = fc.sample(fc.array(mutation, { minLength: 1, maxLength: 3 }), { seed: (seed + chunk * 7919) % 2147483647, numRuns: CHUNK });
  }
  return { subject, mutations: chunkCache.samples[index % CHUNK] };
}

class Runner {
  public apps = 0;
  public errors = 0;
  public accepted = 0;
  public failures = 0;
  public notJudged = 0;
  public saved = 0;
  public oracleCalls = 0;
  public oracleMs = 0;
  public readonly unjudgedKinds = new Set<string>();
  public readonly failureClasses = new Map<string, number>();
  private readonly cache = new Map<string, SynthesizedProblem[]>();
  private pending: Pending[] = [];

  public constructor(private readonly options: Options) {
    fs.rmSync(options.save, { recursive: true, force: true });
  }

  public run(index: number, subject: Subject, mutations: Mutation[]): void {
    this.apps++;
    const outcome = runApp(subject, mutations, valuePoolOf(index));
    switch (outcome.kind) {
      case 'error':
        this.errors++;
        return;
      case 'failure':
        this.fail({ index, subject, mutations, touched: outcome.touched, where: outcome.where, kind: 'unclear', problems: [outcome.message] });
        return;
      case 'synthesized':
        if (!this.options.oracle) {
          this.notJudged++;
          return;
        }
        this.pending.push({ index, subject, mutations, outcome });
        if (this.pending.length >= this.options.batch) this.flush();
    }
  }

  /** Judges the pending apps: one oracle call per kpack version and cluster, for the objects not judged before. */
  public flush(): void {
    const pending = this.pending;
    this.pending = [];
    if (pending.length === 0) return;
    const groups = new Map<string, { version: string; defaultStorageClass: boolean; docs: Map<string, Doc> }>();
    const appDocs: { p: Pending; keys: string[]; unknownVersions: string[] }[] = [];
    for (const p of pending) {
      const keys: string[] = [];
      const unknownVersions: string[] = [];
      for (const chart of p.outcome.charts) {
        if (!ORACLE_VERSIONS.includes(chart.kpackVersion)) {
          unknownVersions.push(chart.kpackVersion);
          continue;
        }
        const group = `${chart.kpackVersion} ${chart.defaultStorageClass}`;
        for (const manifest of chart.manifests) {
          if (!isJudgeable(manifest) && !isKubernetesObject(manifest)) continue;
          const key = createHash('sha1').update(`${group}\u0000${JSON.stringify(manifest)}`).digest('hex');
          keys.push(key);
          if (this.cache.has(key)) continue;
          let g = groups.get(group);
          if (!g) groups.set(group, g = { version: chart.kpackVersion, defaultStorageClass: chart.defaultStorageClass, docs: new Map() });
          g.docs.set(key, { key, manifest });
        }
      }
      appDocs.push({ p, keys, unknownVersions });
    }
    const verdicts = new Map<string, SynthesizedProblem[]>();
    for (const g of groups.values()) {
      const docs = [...g.docs.values()];
      const started = Date.now();
      const lines = judge(g.version, docs.map(d => d.manifest), { defaultStorageClass: g.defaultStorageClass });
      this.oracleCalls++;
      this.oracleMs += Date.now() - started;
      docs.forEach((d, i) => {
        if (!lines[i].judged) this.unjudgedKinds.add(`${(d.manifest as any).apiVersion}/${lines[i].kind}`);
        verdicts.set(d.key, synthesizedProblems(d.manifest, lines[i], g.version));
      });
    }
    if (this.cache.size + verdicts.size > CACHE_LIMIT) this.cache.clear();
    for (const [k, v] of verdicts) this.cache.set(k, v);
    for (const { p, keys, unknownVersions } of appDocs) {
      const problems = keys.flatMap(k => verdicts.get(k) ?? this.cache.get(k) ?? []);
      const described = problems.map(x => `${x.kind}: ${x.detail}`);
      if (unknownVersions.length > 0) described.push(`no oracle for kpack ${unknownVersions.join(', ')} (the oracle knows ${ORACLE_VERSIONS.join(', ')})`);
      if (described.length === 0) {
        this.accepted++;
        continue;
      }
      this.fail({
        index: p.index,
        subject: p.subject,
        mutations: p.mutations,
        touched: p.outcome.touched,
        where: p.outcome.where,
        kind: problems[0]?.kind ?? 'no-oracle',
        problems: described,
        charts: p.outcome.charts,
      });
    }
  }

  private fail(f: {
    index: number;
    subject: Subject;
    mutations: readonly Mutation[];
    touched: { path: string; value: unknown }[];
    where: string;
    kind: string;
    problems: string[];
    charts?: SynthesizedChart[];
  }): void {
    this.failures++;
    const cls = `${f.subject.name}: ${f.kind} at ${f.touched.map(t => t.path).join(', ') || '(valid arguments)'}`;
    this.failureClasses.set(cls, (this.failureClasses.get(cls) ?? 0) + 1);
    if (this.saved >= SAVE_LIMIT) return;
    this.saved++;
    fs.mkdirSync(this.options.save, { recursive: true });
    const slug = f.subject.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '');
    fs.writeFileSync(path.join(this.options.save, `${String(f.index).padStart(6, '0')}-${slug}.json`), JSON.stringify({
      index: f.index,
      seed: this.options.seed,
      subject: f.subject.name,
      valuePool: valuePoolOf(f.index),
      mutations: f.mutations,
      touched: f.touched.map(t => ({ path: t.path, value: describeValue(t.value) })),
      where: f.where,
      kind: f.kind,
      problems: f.problems,
      charts: f.charts,
    }, undefined, 2));
  }
}

function parseOptions(): Options & { replay?: string } {
  const { values } = parseArgs({
    options: {
      'runs': { type: 'string', default: '1000' },
      'seed': { type: 'string', default: '20261201' },
      'batch': { type: 'string', default: '250' },
      'save': { type: 'string', default: path.join(ROOT, '.tmp', 'fuzz', 'failures') },
      'no-oracle': { type: 'boolean', default: false },
      'replay': { type: 'string' },
    },
  });
  const int = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min}, got ${JSON.stringify(v)}`);
    return n;
  };
  return {
    runs: int('runs', values.runs!, 0),
    seed: int('seed', values.seed!, -(2 ** 31)),
    batch: int('batch', values.batch!, 1),
    save: values.save!,
    oracle: !values['no-oracle'],
    replay: values.replay,
  };
}

/** Runs one saved failure again and prints what happens now. */
function replay(file: string, opts: Options): number {
  const saved = JSON.parse(fs.readFileSync(file, 'utf-8'));
  const subject = SUBJECTS.find(s => s.name === saved.subject);
  if (!subject) throw new Error(`${file}: no subject ${JSON.stringify(saved.subject)} (the subjects: ${SUBJECTS.map(s => s.name).join(', ')})`);
  const runner = new Runner({ ...opts, save: path.join(path.dirname(file), 'replay') });
  runner.run(saved.index, subject, saved.mutations);
  runner.flush();
  const outcome = runner.failures > 0 ? 'fails' : runner.errors > 0 ? 'ends in a clear error' : runner.accepted > 0 ? 'is accepted' : 'synthesizes (not judged)';
  const again = fs.existsSync(path.join(path.dirname(file), 'replay')) ? fs.readdirSync(path.join(path.dirname(file), 'replay')) : [];
  for (const f of again) process.stdout.write(fs.readFileSync(path.join(path.dirname(file), 'replay', f), 'utf-8').split('"charts"')[0] + '\n');
  process.stdout.write(`fuzz: ${saved.subject} #${saved.index} ${outcome}\n`);
  return runner.failures > 0 ? 1 : 0;
}

function main(): number {
  let opts: ReturnType<typeof parseOptions>;
  try {
    opts = parseOptions();
  } catch (e) {
    process.stderr.write(`fuzz: ${(e as Error).message}\n`);
    return 2;
  }
  if (opts.oracle) {
    if (!goAvailable()) {
      process.stderr.write('fuzz: Go is not installed, so kpack\'s and Kubernetes\' own code (oracle/) cannot judge the synthesized apps; '
        + 'install Go (https://go.dev/dl/), or run `npm run fuzz -- --no-oracle` for the clear-error part alone\n');
      return 2;
    }
    for (const version of ORACLE_VERSIONS) buildOracle(version);
  }
  if (opts.replay) return replay(opts.replay, opts);

  const runner = new Runner(opts);
  const started = Date.now();
  const every = Math.max(1000, Math.ceil(opts.runs / 20));
  const chunkCache = { chunk: -1, samples: [] as Mutation[][] };
  const progress = (i: number) => `fuzz: ${i}/${opts.runs} apps, ${runner.errors} clear errors, ${runner.accepted} accepted, ${runner.failures} failures, `
    + `${Math.round((Date.now() - started) / 1000)} s`;
  for (let i = 0; i < opts.runs; i++) {
    const { subject, mutations } = appAt(opts.seed, i, chunkCache);
    runner.run(i, subject, mutations);
    if ((i + 1) % every === 0 && i + 1 < opts.runs) {
      runner.flush();
      process.stdout.write(`${progress(i + 1)}\n`);
    }
  }
  runner.flush();
  const seconds = (Date.now() - started) / 1000;

  if (runner.failureClasses.size > 0) {
    process.stdout.write(`\nfuzz: failures by subject, class and the argument paths changed (${runner.saved} saved in ${path.relative(ROOT, opts.save)}/):\n`);
    const rows = [...runner.failureClasses.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    for (const [cls, n] of rows.slice(0, 40)) process.stdout.write(`  ${String(n).padStart(6)}  ${cls}\n`);
    if (rows.length > 40) process.stdout.write(`  ... and ${rows.length - 40} more classes\n`);
  }
  if (runner.unjudgedKinds.size > 0) {
    process.stdout.write(`fuzz: not judged (the oracle has no judge for them): ${[...runner.unjudgedKinds].sort().join(', ')}\n`);
  }
  if (!opts.oracle) {
    process.stdout.write(`fuzz: ${runner.notJudged} apps synthesized, not judged by kpack and Kubernetes (--no-oracle)\n`);
  }
  process.stdout.write(`fuzz: seed ${opts.seed}, ${seconds.toFixed(1)} s (${(seconds * 1000 / Math.max(1, opts.runs)).toFixed(1)} ms per app; `
    + `${runner.oracleCalls} oracle calls, ${(runner.oracleMs / 1000).toFixed(1)} s)\n`);
  process.stdout.write(`fuzz: ${runner.apps} apps, ${runner.errors} clear errors, ${runner.accepted} accepted by kpack and Kubernetes, ${runner.failures} failures\n`);
  return runner.failures > 0 ? 1 : 0;
}

process.exitCode = main();
