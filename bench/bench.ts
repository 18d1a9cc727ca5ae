/**
 * `npm run bench`: what cdk8s-kpack costs its users, measured as they pay it (issue 14). Not part of `npm test`.
 *
 * Every figure is a fresh `node` process (cold: one synth per process, as `cdk8s synth` runs an app), repeated
 * RUNS times (9 by default); a round runs every case once, so the machine's load falls alike on the cases
 * compared. Figures are the median and the spread (min-max) over the runs; a ratio is taken within each round and
 * its median and spread reported. The children run the compiled package, `lib/` as jsii writes it (`npm run bench`
 * compiles first), with `node`, no ts-node. Times are wall-clock; the synth cases also report the CPU time of the
 * same span, less sensitive to other processes on a shared machine.
 *
 * 1. Synth (bench/child.ts): the app of IMAGES Images (a NamespacedBuilder per 10, per 100 a namespace with a
 *    BuildServiceAccount and its registry credential, one ClusterStack and ClusterStore), at 1,000, 10,000 and
 *    50,000 Images:
 *      L2     the constructs, `app.synth()` into a directory
 *      L1     the same manifests as plain cdk8s ApiObjects, built before the clock starts (read from NDJSON); the
 *             YAML must be byte-identical to L2's
 *      L1 as code (middle size only, informational) the same, built by the app's own code in the timed span, as a
 *             user of plain cdk8s writes them
 *      warm   (middle size only, informational) L2 and L1 each synthesized three times in one process, the third
 *             timed: what the apps cost once V8 has compiled their code, which a cold process has not
 *    timed in the child from the first construct to the files written (the require is timed apart), with the
 *    process's wall time and peak RSS (ru_maxrss). Memory per 1,000 Images is the slope of the peak RSS from the
 *    smallest to the largest size.
 * 2. The platform, at 10,000 Images: the L2 app (`none`), KpackPlatform alone (`alone`), the app with the platform
 *    in a chart of its own created after the app's (`own`) and in the app's chart (`same`). The output is checked:
 *    `own` writes the platform's file first and the app's file identical to `none`'s, `same` writes the platform's
 *    objects first, then the app's.
 * 3. The rule engine alone (KpackValidator.validateManifests) over the 10,000 Images' manifests.
 * 4. require: `require('cdk8s-kpack')` against `require('cdk8s')` + `require('cdk8s-plus-27')`.
 * 5. The command: `cdk8s-kpack validate FILE` on the L2 output of 10,000 and 50,000 Images, against the floor of
 *    parsing the same file with `yaml`'s parseAllDocuments (what cdk8s and most tools use) and the package's reader
 *    alone (src/manifests); wall time of the whole process and its peak RSS (/usr/bin/time when present).
 * 6. Bounded input (issue 11 item 6): a map of 500,000 keys, an endless standard input, /dev/zero and a FIFO given
 *    to `validate`; each must end within its bound, or the benchmark fails.
 *
 * The human table comes first; the last line is one JSON object (see `summary`).
 *
 *   npm run bench                      the full run (about 6 minutes on 2 cores, more on a loaded machine)
 *   npm run bench -- --quick           a sanity run: 100 and 1,000 Images, 2 runs
 *   bench.ts --runs N --sizes A,B,C    other runs or sizes (the platform and the engine at the middle size)
 *   bench.ts --from-source             children run src/ transpiled without type checks (the smoke test), not lib/
 *   bench.ts --work DIR                the working directory (default .tmp/bench)
 *   bench.ts --node PATH               the node binary the children run (default: the one running the bench), e.g.
 *                                      test/node-versions/node_modules/node24/bin/node (`npm run test:node-versions`
 *                                      installs the pinned releases)
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

interface Options {
  readonly runs: number;
  /** Images of the synth cases; the platform and the engine run at the middle one (`middle`). */
  readonly sizes: readonly number[];
  /** Images of the command's cases (each one of `sizes`: its L2 output is the input). */
  readonly cliSizes: readonly number[];
  /** Keys of the map of the bounded-input case. */
  readonly keys: number;
  readonly fromSource: boolean;
  readonly work: string;
  /** The node binary of the children. */
  readonly node: string;
}

/** The size the platform, the engine and the JSON summary use: the middle of three sizes, else the largest. */
function middle(sizes: readonly number[]): number {
  return sizes.length > 2 ? sizes[1] : sizes[sizes.length - 1];
}

function parseOptions(argv: readonly string[]): Options {
  const quick = argv.includes('--quick');
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    if (at < 0) return undefined;
    const v = argv[at + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
    return v;
  };
  const withValue = ['--runs', '--sizes', '--work', '--node'];
  const known = new Set(['--quick', '--from-source', ...withValue]);
  for (let i = 0; i < argv.length; i++) {
    if (!known.has(argv[i])) throw new Error(`unknown option "${argv[i]}": --quick, --runs N, --sizes A,B,C, --from-source, --work DIR, --node PATH`);
    if (withValue.includes(argv[i])) i++;
  }
  const runs = Number(value('--runs') ?? (quick ? 2 : 9));
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: a whole number of at least 1, got "${value('--runs')}"`);
  const sizes = (value('--sizes')?.split(',').map(Number)) ?? (quick ? [100, 1_000] : [1_000, 10_000, 50_000]);
  if (sizes.some(s => !Number.isInteger(s) || s < 1)) throw new Error(`--sizes: whole numbers of at least 1, got "${value('--sizes')}"`);
  sizes.sort((a, b) => a - b);
  const cliSizes = sizes.length > 2 ? sizes.slice(1) : sizes;
  return {
    runs,
    sizes,
    cliSizes,
    keys: quick || value('--sizes') ? 50_000 : 500_000,
    fromSource: argv.includes('--from-source'),
    work: path.resolve(value('--work') ?? path.join(ROOT, '.tmp', 'bench')),
    node: value('--node') === undefined ? process.execPath : path.resolve(value('--node')!),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Children

interface Children {
  /** The argv (after node) of a child mode. */
  readonly child: (args: string[]) => string[];
  /** The argv (after node) of `cdk8s-kpack ARGS`. */
  readonly cli: (args: string[]) => string[];
  readonly env: NodeJS.ProcessEnv;
  /** What the children run, for the report. */
  readonly what: string;
  /** The node binary they run on, and its version (without the `v`). */
  readonly node: string;
  readonly nodeVersion: string;
}

/** Transpiles one TypeScript file to CommonJS as the package's tsconfig compiles it (ES2022), without type checks. */
function transpile(ts: typeof import('typescript'), from: string, to: string): void {
  const out = ts.transpileModule(fs.readFileSync(from, 'utf-8'), {
    fileName: from,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: false, experimentalDecorators: true },
  });
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.writeFileSync(to, out.outputText);
}

function filesBelow(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesBelow(p, ext));
    else if (entry.name.endsWith(ext) && !entry.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function prepareChildren(options: Options): Children {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts: typeof import('typescript') = require('typescript');
  fs.mkdirSync(options.work, { recursive: true });
  const childJs = path.join(options.work, 'child.js');
  transpile(ts, path.join(__dirname, 'child.ts'), childJs);
  let lib = path.join(ROOT, 'lib');
  let what = 'compiled lib/ (jsii output) with node';
  if (options.fromSource) {
    // src/ transpiled file by file into WORK/source/lib, next to links to imports/ and package.json, as lib/ sits.
    const source = path.join(options.work, 'source');
    fs.rmSync(source, { recursive: true, force: true });
    for (const file of filesBelow(path.join(ROOT, 'src'), '.ts')) {
      transpile(ts, file, path.join(source, 'lib', path.relative(path.join(ROOT, 'src'), file)).replace(/\.ts$/, '.js'));
    }
    fs.symlinkSync(path.join(ROOT, 'imports'), path.join(source, 'imports'));
    fs.symlinkSync(path.join(ROOT, 'package.json'), path.join(source, 'package.json'));
    lib = path.join(source, 'lib');
    what = 'src/ transpiled without type checks (--from-source: not the figures of the package)';
  } else {
    const built = path.join(lib, 'index.js');
    if (!fs.existsSync(built)) throw new Error('lib/index.js is missing: run `npx projen compile` first (`npm run bench` does)');
    const newest = Math.max(...filesBelow(path.join(ROOT, 'src'), '.ts').map(f => fs.statSync(f).mtimeMs));
    if (fs.statSync(built).mtimeMs < newest) throw new Error('lib/ is older than src/: run `npx projen compile` first (`npm run bench` does)');
  }
  const env = { ...process.env, KPACK_BENCH_LIB: lib, NODE_PATH: path.join(ROOT, 'node_modules'), NODE_OPTIONS: '' };
  const version = spawnSync(options.node, ['-p', 'process.versions.node'], { encoding: 'utf-8', env });
  if (version.error || version.status !== 0) throw new Error(`--node ${options.node} does not run (${version.error?.message ?? `exit ${version.status}`})`);
  return {
    child: args => [childJs, ...args],
    cli: args => [path.join(lib, 'cli', 'main.js'), ...args],
    env,
    what,
    node: options.node,
    nodeVersion: version.stdout.trim(),
  };
}

interface Run {
  /** The child's JSON line, if it printed one. */
  readonly json: any;
  readonly wallMs: number;
  /** Peak RSS: the child's own report, or /usr/bin/time's. */
  readonly rssMb?: number;
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Runs `node ARGS` as a fresh process and waits for it. */
function runNode(children: Children, args: string[], options: { timeoutMs?: number; measureRss?: boolean; stdin?: string } = {}): Run {
  const useTime = options.measureRss && TIME !== undefined;
  const [command, argv] = useTime ? [TIME!, ['-f', '%M', children.node, ...args]] : [children.node, args];
  const start = process.hrtime.bigint();
  const result = spawnSync(command, argv, {
    cwd: ROOT,
    env: children.env,
    encoding: 'utf-8',
    stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    input: options.stdin,
    maxBuffer: 256 * 1024 * 1024,
    timeout: options.timeoutMs,
    killSignal: 'SIGKILL',
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = result.stderr ?? '';
  let json: any;
  const last = (result.stdout ?? '').trim().split('\n').pop();
  if (last?.startsWith('{')) {
    try {
      json = JSON.parse(last);
    } catch {
      json = undefined;
    }
  }
  let rssMb: number | undefined = typeof json?.peak_rss_mb === 'number' ? json.peak_rss_mb : undefined;
  if (useTime) {
    const kb = Number(stderr.trim().split('\n').pop());
    if (Number.isFinite(kb)) rssMb = kb / 1024;
  }
  return { json, wallMs, rssMb, status: result.status, signal: result.signal, stderr };
}

/** Runs a child mode; it must succeed and print its JSON line. */
function runChild(children: Children, args: string[]): Run {
  const run = runNode(children, children.child(args));
  if (run.status !== 0 || run.json === undefined) {
    throw new Error(`child ${args.join(' ')} failed (${run.status ?? run.signal}): ${run.stderr.trim().split('\n').slice(-5).join('\n')}`);
  }
  return run;
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics

interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error('no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** `median (min-max)` with `digits` decimals. */
function show(s: Spread, digits = 0): string {
  return `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}-${s.max.toFixed(digits)})`;
}

/** `n thing` or `n things`. */
function plural(n: number, thing: string): string {
  return `${n} ${thing}${n === 1 ? '' : 's'}`;
}

/** The spread of a ratio taken within each round. */
function ratio(a: readonly number[], b: readonly number[]): Spread {
  return spread(a.map((x, i) => x / b[i]));
}

// ---------------------------------------------------------------------------------------------------------------
// Checks of the output

function read(file: string): Buffer {
  return fs.readFileSync(file);
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`benchmark check failed: ${message}`);
}

// ---------------------------------------------------------------------------------------------------------------
// The cases

interface SynthFigures {
  readonly appMs: number[];
  readonly appCpuMs: number[];
  readonly wallMs: number[];
  readonly requireMs: number[];
  readonly rssMb: number[];
  dependencies?: number;
  files?: string[];
}

function synthFigures(): SynthFigures {
  return { appMs: [], appCpuMs: [], wallMs: [], requireMs: [], rssMb: [] };
}

function record(f: SynthFigures, run: Run): void {
  f.appMs.push(run.json.app_ms);
  f.appCpuMs.push(run.json.app_cpu_ms);
  f.wallMs.push(run.wallMs);
  f.requireMs.push(run.json.require_ms);
  f.rssMb.push(run.rssMb!);
  f.dependencies = run.json.api_object_dependencies;
  f.files = run.json.files;
}

interface Results {
  readonly l2: Map<number, SynthFigures>;
  readonly l1: Map<number, SynthFigures>;
  readonly objects: Map<number, number>;
  readonly platform: { readonly own: SynthFigures; readonly same: SynthFigures; readonly alone: SynthFigures };
  /** At the middle size: the L1 app with its manifests built by its own code in the timed span (child mode l1code). */
  readonly l1code: SynthFigures;
  /** At the middle size: the third app of one process (child modes l2warm, l1warm). */
  readonly warm: { readonly l2: SynthFigures; readonly l1: SynthFigures };
  readonly engineMs: number[];
  readonly requireKpack: number[];
  readonly requireCdk8s: number[];
  /** `require('cdk8s-kpack')` in parts (child mode require-parts), one per run. */
  readonly requireParts: Array<{ modules: number; files: number; parts: { [part: string]: number } }>;
  readonly cli: Map<number, { parse: Run[]; read: Run[]; validate: Run[]; documents: number; mb: number }>;
  readonly bounds: Array<{ name: string; ms: number; boundMs: number; outcome: string; ok: boolean }>;
}

function synthCases(options: Options, children: Children, results: Results, log: (line: string) => void): void {
  const platformSize = middle(options.sizes);
  const out = (name: string) => path.join(options.work, 'out', name);
  // The L1 app's input: the L2 app's manifests (untimed, once per size).
  for (const size of options.sizes) {
    const dump = runChild(children, ['dump', String(size), path.join(options.work, `manifests-${size}.ndjson`)]);
    results.objects.set(size, dump.json.objects);
    results.l2.set(size, synthFigures());
    results.l1.set(size, synthFigures());
  }
  for (let r = 0; r < options.runs; r++) {
    log(`  round ${r + 1}/${options.runs}`);
    for (const size of options.sizes) {
      fs.rmSync(path.join(options.work, 'out'), { recursive: true, force: true });
      record(results.l2.get(size)!, runChild(children, ['l2', String(size), out('l2')]));
      record(results.l1.get(size)!, runChild(children, ['l1', path.join(options.work, `manifests-${size}.ndjson`), out('l1')]));
      const l2Yaml = read(path.join(out('l2'), 'builds.k8s.yaml'));
      check(l2Yaml.equals(read(path.join(out('l1'), 'builds.k8s.yaml'))), `the L1 app's YAML differs from the L2 app's at ${size} Images`);
      if (options.cliSizes.includes(size) && r === options.runs - 1) {
        fs.copyFileSync(path.join(out('l2'), 'builds.k8s.yaml'), path.join(options.work, `images-${size}.yaml`));
      }
      if (size === platformSize) {
        record(results.l1code, runChild(children, ['l1code', String(size), out('l1code')]));
        check(l2Yaml.equals(read(path.join(out('l1code'), 'builds.k8s.yaml'))), `the L1 app written as code gives other YAML than the L2 app at ${size} Images`);
        record(results.platform.alone, runChild(children, ['alone', out('alone')]));
        record(results.platform.own, runChild(children, ['own', String(size), out('own')]));
        record(results.platform.same, runChild(children, ['same', String(size), out('same')]));
        checkPlatformOutput(out, l2Yaml);
        record(results.warm.l2, runChild(children, ['l2warm', String(size), out('l2warm')]));
        record(results.warm.l1, runChild(children, ['l1warm', path.join(options.work, `manifests-${size}.ndjson`), out('l1warm')]));
        check(l2Yaml.equals(read(path.join(out('l2warm'), 'builds.k8s.yaml'))) && l2Yaml.equals(read(path.join(out('l1warm'), 'builds.k8s.yaml'))),
          `the apps synthesized a third time in one process give other YAML than the L2 app at ${size} Images`);
      }
      fs.rmSync(path.join(options.work, 'out'), { recursive: true, force: true });
    }
  }
  for (let r = 0; r < options.runs; r++) {
    results.engineMs.push(runChild(children, ['engine', path.join(options.work, `manifests-${platformSize}.ndjson`)]).json.engine_ms);
  }
}

/**
 * The ordering guarantees in the output: with the platform in its own chart, its file comes first and the app's file
 * is the app's alone; in one chart, the platform's objects come first.
 */
function checkPlatformOutput(out: (name: string) => string, l2Yaml: Buffer): void {
  const alone = read(path.join(out('alone'), 'kpack.k8s.yaml'));
  const own = fs.readdirSync(out('own')).sort();
  check(/^\d{4}-kpack\.k8s\.yaml$/.test(own[0]) && /^\d{4}-builds\.k8s\.yaml$/.test(own[own.length - 1]),
    `with the platform in its own chart, the files are ${own.join(', ')}: the platform's first, the app's last expected`);
  check(read(path.join(out('own'), own[0])).equals(alone), 'the platform\'s own chart differs from the platform alone');
  check(read(path.join(out('own'), own[own.length - 1])).equals(l2Yaml), 'the app\'s chart, with the platform in its own chart, differs from the app alone');
  for (const extra of own.slice(1, -1)) {
    check(fs.statSync(path.join(out('own'), extra)).size === 0, `with the platform in its own chart, ${extra} is not empty`);
  }
  const same = read(path.join(out('same'), 'builds.k8s.yaml'));
  check(same.equals(Buffer.concat([alone, Buffer.from('---\n'), l2Yaml])), 'with the platform in the app\'s chart, the file is not the platform\'s objects, then the app\'s');
}

function requireCases(options: Options, children: Children, results: Results): void {
  for (let r = 0; r < options.runs * 2; r++) {
    results.requireKpack.push(runChild(children, ['require', 'kpack']).json.require_ms);
    results.requireCdk8s.push(runChild(children, ['require', 'cdk8s']).json.require_ms);
  }
  for (let r = 0; r < options.runs; r++) results.requireParts.push(runChild(children, ['require-parts']).json);
}

function cliCases(options: Options, children: Children, results: Results, log: (line: string) => void): void {
  for (const size of options.cliSizes) {
    const file = path.join(options.work, `images-${size}.yaml`);
    const text = fs.readFileSync(file, 'utf-8');
    const entry = { parse: [] as Run[], read: [] as Run[], validate: [] as Run[], documents: text.split('\n---\n').length, mb: Buffer.byteLength(text) / 1e6 };
    results.cli.set(size, entry);
    log(`  the command on ${size} Images (${entry.documents} documents, ${entry.mb.toFixed(1)} MB)`);
    runChild(children, ['parse', file]); // the file in the page cache
    for (let r = 0; r < options.runs; r++) {
      entry.parse.push(runChild(children, ['parse', file]));
      entry.read.push(runChild(children, ['read', file]));
      const validate = runNode(children, children.cli(['validate', file]), { measureRss: true });
      if (validate.status !== 0) throw new Error(`cdk8s-kpack validate ${file} exited with ${validate.status ?? validate.signal}: ${validate.stderr.slice(0, 500)}`);
      entry.validate.push(validate);
    }
  }
}

/** Runs `cdk8s-kpack validate -` with an endless standard input; resolves with the wall time and exit status. */
function endlessStdin(children: Children, timeoutMs: number): Promise<{ ms: number; status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const proc = spawn(children.node, children.cli(['validate', '-']), { cwd: ROOT, env: children.env, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', d => { stderr += d; });
    const chunk = Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: endless\ndata:\n'.padEnd(64 * 1024, '#'));
    let open = true;
    const write = () => {
      while (open && proc.stdin.write(chunk)) { /* until the pipe is full */ }
    };
    proc.stdin.on('drain', write);
    proc.stdin.on('error', () => { open = false; }); // EPIPE once the command stops reading
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.on('error', reject);
    proc.on('close', status => {
      open = false;
      clearTimeout(timer);
      resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, status, stderr });
    });
    write();
  });
}

async function boundCases(options: Options, children: Children, results: Results): Promise<void> {
  const bound = (name: string, ms: number, boundMs: number, outcome: string, ok: boolean) => {
    results.bounds.push({ name, ms, boundMs, outcome, ok: ok && ms <= boundMs });
  };
  const keysFile = path.join(options.work, `keys-${options.keys}.yaml`);
  fs.writeFileSync(keysFile, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: many\ndata:\n${Array.from({ length: options.keys }, (_, i) => `  k${i}: "${i}"\n`).join('')}`);
  const keys = runNode(children, children.cli(['validate', keysFile]), { timeoutMs: 60_000 });
  bound(`a map of ${options.keys.toLocaleString('en-US')} keys`, keys.wallMs, 10_000, `exit ${keys.status ?? keys.signal}`, keys.status === 0);

  // Refused with exit 2 and the reason expected: the size cap while reading, the file's type.
  const refused = (status: number | null, stderr: string, reason: RegExp) => ({
    outcome: `exit ${status}: ${stderr.trim().split('\n')[0].replace(/^.*?: /, '').slice(0, 60)}`,
    ok: status === 2 && reason.test(stderr),
  });
  const endless = await endlessStdin(children, 60_000);
  const e = refused(endless.status, endless.stderr, /more than the \d+ bytes/);
  bound('an endless standard input', endless.ms, 10_000, e.outcome, e.ok);

  if (fs.existsSync('/dev/zero')) {
    const zero = runNode(children, children.cli(['validate', '/dev/zero']), { timeoutMs: 60_000 });
    const z = refused(zero.status, zero.stderr, /character device/);
    bound('/dev/zero', zero.wallMs, 5_000, z.outcome, z.ok);
  }
  const fifo = path.join(options.work, 'fifo');
  fs.rmSync(fifo, { force: true });
  const mkfifo = spawnSync('mkfifo', [fifo]);
  if (mkfifo.status === 0) {
    // Opening a FIFO without a writer blocks forever: the command must refuse it by its type, without opening it.
    const run = runNode(children, children.cli(['validate', fifo]), { timeoutMs: 30_000 });
    const f = refused(run.status, run.stderr, /FIFO/);
    bound('a FIFO', run.wallMs, 5_000, f.outcome, f.ok);
    fs.rmSync(fifo, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Report

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)));
  return rows.map(r => '  ' + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

/** The slope of the peak RSS (MB per 1,000 Images) from the smallest to the largest size, one per round. */
function rssSlope(figures: Map<number, SynthFigures>, sizes: readonly number[]): number[] {
  const lo = figures.get(sizes[0])!;
  const hi = figures.get(sizes[sizes.length - 1])!;
  const per = (sizes[sizes.length - 1] - sizes[0]) / 1000;
  return hi.rssMb.map((x, i) => (x - lo.rssMb[i]) / per);
}

function report(options: Options, children: Children, results: Results, loads: { start: number[]; end: number[] }):
{ text: string; summary: object } {
  const lines: string[] = [];
  const sizes = options.sizes;
  const platformSize = middle(sizes);
  lines.push(`node v${children.nodeVersion} (the children's), ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), load average ${loads.start.map(l => l.toFixed(1)).join(' ')} at the start, `
    + `${loads.end.map(l => l.toFixed(1)).join(' ')} at the end`);
  lines.push(`children: ${children.what}; ${options.runs} cold processes per figure, median (min-max)`);

  lines.push('', 'Synth: `app.synth()` from the first construct to the files written, require apart (ms); process wall time (ms); peak RSS (MB)');
  const rows = [['Images', 'objects', 'L2 app', 'L1 app', 'L2 / L1', 'L2 / L1 CPU', 'L2 process', 'L1 process', 'L2 RSS', 'L1 RSS', 'L2 ms per 1,000']];
  for (const size of sizes) {
    const l2 = results.l2.get(size)!;
    const l1 = results.l1.get(size)!;
    rows.push([size.toLocaleString('en-US'), String(results.objects.get(size)), show(spread(l2.appMs)), show(spread(l1.appMs)),
      show(ratio(l2.appMs, l1.appMs), 2), show(ratio(l2.appCpuMs, l1.appCpuMs), 2),
      show(spread(l2.wallMs)), show(spread(l1.wallMs)), show(spread(l2.rssMb)), show(spread(l1.rssMb)),
      spread(l2.appMs.map(x => x / size * 1000)).median.toFixed(0)]);
  }
  lines.push(table(rows));
  // The memory slope and the linearity compare two sizes: with one (`--sizes 10000`) they are left out.
  const twoSizes = sizes.length >= 2;
  const slopeL2 = rssSlope(results.l2, sizes);
  const slopeL1 = rssSlope(results.l1, sizes);
  const biggest = sizes[sizes.length - 1];
  const next = sizes[Math.max(0, sizes.length - 2)];
  const perImage = (f: SynthFigures, size: number) => f.appMs.map(x => x / size);
  const scaling = ratio(perImage(results.l2.get(biggest)!, biggest), perImage(results.l2.get(next)!, next));
  const scalingL1 = ratio(perImage(results.l1.get(biggest)!, biggest), perImage(results.l1.get(next)!, next));
  if (twoSizes) {
    lines.push(`  memory, the slope of the peak RSS from ${sizes[0].toLocaleString('en-US')} to ${biggest.toLocaleString('en-US')} Images: `
      + `L2 ${show(spread(slopeL2), 1)} MB per 1,000 Images, L1 ${show(spread(slopeL1), 1)}, L2 / L1 ${show(ratio(slopeL2, slopeL1), 2)}`);
    lines.push(`  linearity, the app's time per Image at ${biggest.toLocaleString('en-US')} over that at ${next.toLocaleString('en-US')}: L2 ${show(scaling, 2)}, `
      + `L1 ${show(scalingL1, 2)}`);
  } else {
    lines.push('  memory slope and linearity: not measured (they compare two sizes or more; this run has one)');
  }
  // The goal's L1 gets its manifests built before the clock starts; an L1 app builds them itself, as this one does.
  const l1Code = results.l1code;
  lines.push(`  L1 written as code at ${platformSize.toLocaleString('en-US')} Images (the same manifests built by the app in the timed span, as a user `
    + `writes them; \`L1 app\` above has them built before the clock starts): ${show(spread(l1Code.appMs))} ms, L2 / that ${show(ratio(results.l2.get(platformSize)!.appMs, l1Code.appMs), 2)}, `
    + `CPU ${show(ratio(results.l2.get(platformSize)!.appCpuMs, l1Code.appCpuMs), 2)}`);
  // Where the cold ratio comes from: the same apps once the JIT has compiled their code.
  const warm = results.warm;
  lines.push(`  warm at ${platformSize.toLocaleString('en-US')} Images (the third app synthesized in one process, informational): L2 ${show(spread(warm.l2.appMs))} ms, `
    + `L1 ${show(spread(warm.l1.appMs))} ms, L2 / L1 ${show(ratio(warm.l2.appMs, warm.l1.appMs), 2)}, CPU ${show(ratio(warm.l2.appCpuMs, warm.l1.appCpuMs), 2)}`);

  const p = results.platform;
  const none = results.l2.get(platformSize)!;
  const overNone = (f: SynthFigures) => spread(f.appMs.map((x, i) => x / (none.appMs[i] + p.alone.appMs[i])));
  const overNoneWall = (f: SynthFigures) => spread(f.wallMs.map((x, i) => x / (none.wallMs[i] + p.alone.wallMs[i])));
  const overNoneCpu = (f: SynthFigures) => spread(f.appCpuMs.map((x, i) => x / (none.appCpuMs[i] + p.alone.appCpuMs[i])));
  lines.push('', `KpackPlatform with ${platformSize.toLocaleString('en-US')} Images (app ms, process ms, RSS MB, ApiObject dependencies after the synth, files)`);
  const prow = (name: string, f: SynthFigures) => [name, show(spread(f.appMs)), show(spread(f.wallMs)), show(spread(f.rssMb)), String(f.dependencies), (f.files ?? []).join(' ')];
  lines.push(table([['case', 'app', 'process', 'RSS', 'deps', 'files'], prow('none', none), prow('alone', p.alone), prow('own chart', p.own), prow('same chart', p.same)]));
  lines.push(`  with / (none + alone): own chart ${show(overNone(p.own), 3)}, same chart ${show(overNone(p.same), 3)} (app time); `
    + `process time: own ${show(overNoneWall(p.own), 3)}, same ${show(overNoneWall(p.same), 3)}; `
    + `app CPU time: own ${show(overNoneCpu(p.own), 3)}, same ${show(overNoneCpu(p.same), 3)}`);
  lines.push('', `Rule engine alone over ${results.objects.get(platformSize)} objects (${platformSize.toLocaleString('en-US')} Images): ${show(spread(results.engineMs))} ms`);

  const req = ratio(results.requireKpack, results.requireCdk8s);
  lines.push('', `require: cdk8s-kpack ${show(spread(results.requireKpack))} ms, cdk8s + cdk8s-plus-27 ${show(spread(results.requireCdk8s))} ms, ratio ${show(req, 2)} `
    + `(${results.requireKpack.length} runs each)`);

  const parts = new Map<string, number[]>();
  for (const run of results.requireParts) for (const [part, ms] of Object.entries(run.parts)) parts.set(part, [...(parts.get(part) ?? []), ms]);
  const partRows = [...parts].map(([part, ms]) => [part, spread(ms).median] as const).sort((a, b) => b[1] - a[1]);
  const own = partRows.filter(([part]) => part.startsWith('cdk8s-kpack')).reduce((sum, [, ms]) => sum + ms, 0);
  lines.push(`  by part (each file's own load time, median of ${results.requireParts.length}; the hook adds its overhead): `
    + `${partRows.filter(([part]) => !part.startsWith('cdk8s-kpack')).slice(0, 6).map(([part, ms]) => `${part} ${ms.toFixed(1)}`).join(', ')}; `
    + `cdk8s-kpack's own ${spread(results.requireParts.map(r => r.modules)).median} modules from `
    + `${plural(spread(results.requireParts.map(r => r.files)).median, 'file')} ${own.toFixed(1)}: `
    + partRows.filter(([part]) => part.startsWith('cdk8s-kpack')).slice(0, 6).map(([part, ms]) => `${part.slice('cdk8s-kpack '.length)} ${ms.toFixed(1)}`).join(', '));

  lines.push('', 'The command: process wall time (ms) and peak RSS (MB) of each, on the L2 output');
  const crows = [['Images', 'documents', 'MB', 'parseAllDocuments', 'our reader', 'validate', 'validate / parse', 'parse RSS', 'validate RSS']];
  for (const [size, c] of results.cli) {
    crows.push([size.toLocaleString('en-US'), String(c.documents), c.mb.toFixed(1), show(spread(c.parse.map(r => r.wallMs))), show(spread(c.read.map(r => r.wallMs))),
      show(spread(c.validate.map(r => r.wallMs))), show(ratio(c.validate.map(r => r.wallMs), c.parse.map(r => r.wallMs)), 2),
      show(spread(c.parse.map(r => r.rssMb!))), c.validate[0].rssMb === undefined ? '-' : show(spread(c.validate.map(r => r.rssMb!)))]);
  }
  lines.push(table(crows));

  lines.push('', 'Bounded input (issue 11 item 6): `cdk8s-kpack validate` on');
  lines.push(table([['input', 'ms', 'bound', 'outcome', ''], ...results.bounds.map(b => [b.name, b.ms.toFixed(0), String(b.boundMs), b.outcome, b.ok ? 'ok' : 'FAILED'])]));

  const cliBig = results.cli.get(options.cliSizes[options.cliSizes.length - 1])!;
  const cliSmall = results.cli.get(options.cliSizes[0])!;
  const entry = (name: string, s: Spread, digits: number) => ({ [name]: round(s.median, digits), [`${name}_min`]: round(s.min, digits), [`${name}_max`]: round(s.max, digits) });
  const l2Mid = results.l2.get(platformSize)!;
  const l1Mid = results.l1.get(platformSize)!;
  const summary = {
    node: children.nodeVersion,
    images: platformSize,
    runs: options.runs,
    ...entry('l2_over_l1', ratio(l2Mid.appMs, l1Mid.appMs), 2),
    ...entry('l2_over_l1_cpu', ratio(l2Mid.appCpuMs, l1Mid.appCpuMs), 2),
    ...entry('l2_over_l1_process', ratio(l2Mid.wallMs, l1Mid.wallMs), 2),
    // informational, not a goal: against the L1 app that builds its manifests in its own code (child mode l1code)
    ...entry('l2_over_l1_code', ratio(l2Mid.appMs, results.l1code.appMs), 2),
    // informational, not a goal: the third app of one process, L2 over L1 (child modes l2warm, l1warm)
    ...entry('l2_over_l1_warm', ratio(results.warm.l2.appMs, results.warm.l1.appMs), 2),
    ...entry('platform_over_none', overNone(p.own), 3),
    ...entry('platform_over_none_same_chart', overNone(p.same), 3),
    ...entry('platform_over_none_cpu', overNoneCpu(p.own), 3),
    ...entry('platform_over_none_same_chart_cpu', overNoneCpu(p.same), 3),
    ...(twoSizes ? {
      ...entry('rss_l2_over_l1', ratio(slopeL2, slopeL1), 2),
      ...entry('rss_l2_mb_per_1k', spread(slopeL2), 1),
      ...entry('rss_l1_mb_per_1k', spread(slopeL1), 1),
    } : {}),
    ...entry('cli_over_parse', ratio(cliBig.validate.map(r => r.wallMs), cliBig.parse.map(r => r.wallMs)), 2),
    ...entry('require_over_cdk8s', req, 2),
    ...entry('validate_ms', spread(cliSmall.validate.map(r => r.wallMs)), 0),
    validate_images: options.cliSizes[0],
    cli_images: options.cliSizes[options.cliSizes.length - 1],
    ...entry('engine_ms', spread(results.engineMs), 0),
    ...entry('l2_app_ms', spread(l2Mid.appMs), 0),
    ...entry('l1_app_ms', spread(l1Mid.appMs), 0),
    ...(twoSizes ? { ...entry('linearity', scaling, 2), ...entry('linearity_l1', scalingL1, 2) } : {}),
    bounds_ok: results.bounds.every(b => b.ok),
  };
  return { text: lines.join('\n'), summary };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(line + '\n');
  const children = prepareChildren(options);
  const loads = { start: os.loadavg(), end: [] as number[] };
  const results: Results = {
    l2: new Map(),
    l1: new Map(),
    objects: new Map(),
    platform: { own: synthFigures(), same: synthFigures(), alone: synthFigures() },
    l1code: synthFigures(),
    warm: { l2: synthFigures(), l1: synthFigures() },
    engineMs: [],
    requireKpack: [],
    requireCdk8s: [],
    requireParts: [],
    cli: new Map(),
    bounds: [],
  };
  const started = Date.now();
  log(`synth at ${options.sizes.join(', ')} Images, ${options.runs} rounds`);
  synthCases(options, children, results, log);
  log('require');
  requireCases(options, children, results);
  log('the command');
  cliCases(options, children, results, log);
  log('bounded input');
  await boundCases(options, children, results);
  loads.end = os.loadavg();
  const { text, summary } = report(options, children, results, loads);
  console.log(text);
  console.log(`\n(${((Date.now() - started) / 60000).toFixed(1)} minutes)`);
  console.log(JSON.stringify(summary));
  const failed = results.bounds.filter(b => !b.ok);
  if (failed.length > 0) {
    log(`bounded input: ${failed.map(b => `${b.name} (${b.ms.toFixed(0)} ms, bound ${b.boundMs} ms, ${b.outcome})`).join('; ')}`);
    process.exitCode = 1;
  }
}

main().catch(e => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
