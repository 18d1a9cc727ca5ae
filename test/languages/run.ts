/**
 * `npm run test:languages`: the getting-started example in Python, Java and Go (examples/python, examples/java,
 * examples/go), each built against the package `npm run package-all` wrote to dist/<language>, must synthesize
 * the YAML of the TypeScript example (examples/getting-started.ts), byte for byte: under this machine's node, and
 * again under each Node.js release pinned in test/node-versions/package.json (the jsii runtime of each language
 * starts the `node` on the PATH; a wrapper there records that it was the pinned one).
 *
 * Ends with one line, `languages: python ok, java ok, go ok (node 20.x, 22.y, 24.z)`, or names what failed (and
 * exits 1). Each language's output goes to .tmp/languages/<language>.log; a failure prints its end, or the diff of
 * the YAML. The pinned releases are skipped, with the reason, off linux-x64 or when the registry cannot be reached,
 * unless NODE_VERSIONS=required.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { installPins, machineProblem, Pin, PinProblem, readPins } from '../node-versions/pins';

const ROOT = path.join(__dirname, '..', '..');
const OUT = path.join(ROOT, '.tmp', 'languages');
const CHART_FILE = 'getting-started.k8s.yaml';
const VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;

/** The environment of every app: cdk8s writes to CDK8S_OUTDIR; the jsii runtime's Node 20 banner is silenced. */
const ENV = { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20', JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1' };

/** A language that failed: `message` says what happened in full, `short` in a few words for the final line. */
class Failure extends Error {
  constructor(message: string, public readonly short: string) {
    super(message);
  }
}

/** Runs a command, appending its output to `log`; throws a Failure naming the step when it fails. */
function run(log: string, step: string, command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  fs.appendFileSync(log, `$ ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? ENV, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  fs.appendFileSync(log, `${result.stdout ?? ''}${result.stderr ?? ''}`);
  if (result.error || result.status !== 0) {
    const tail = fs.readFileSync(log, 'utf8').trimEnd().split('\n').slice(-25).join('\n');
    throw new Failure(`${step} failed (${result.error?.message ?? `exit ${result.status}`}); end of ${path.relative(ROOT, log)}:\n${tail}`, `${step} failed`);
  }
}

function need(file: string, what: string) {
  if (!fs.existsSync(file)) throw new Failure(`${what} is missing (${path.relative(ROOT, file)}): run \`npm run package-all\` first`, `${what} is missing`);
}

/** The version of an npm package the TypeScript example runs with. */
function npmVersion(name: string): string {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/** Each language app pins the peers; they must be the versions the TypeScript example runs with. */
function checkPeerVersions(file: string, pins: { [npm: string]: RegExp }) {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  for (const [npm, pattern] of Object.entries(pins)) {
    const pinned = pattern.exec(text)?.[1];
    if (pinned !== npmVersion(npm)) {
      throw new Failure(`${file} pins ${npm} ${pinned ?? '(nothing)'}, the TypeScript example runs ${npmVersion(npm)}: make them the same`,
        `${npm} version differs from TypeScript's`);
    }
  }
}

/** Compares the YAML an app wrote to `outdir` with the TypeScript example's. */
function compare(outdir: string) {
  const expected = path.join(OUT, 'typescript', CHART_FILE);
  const actual = path.join(outdir, CHART_FILE);
  if (!fs.existsSync(actual)) throw new Failure(`the app wrote no ${path.relative(ROOT, actual)}`, 'no YAML written');
  if (!fs.readFileSync(actual).equals(fs.readFileSync(expected))) {
    const diff = spawnSync('diff', ['-u', expected, actual], { encoding: 'utf8' }).stdout.split('\n').slice(0, 40).join('\n');
    throw new Failure(`its YAML differs from the TypeScript example's:\n${diff}`, 'YAML differs');
  }
}

/** How to start a language's app (built and installed by its `prepare`). */
interface AppCommand {
  readonly step: string;
  readonly command: string;
  readonly args: string[];
  readonly cwd: string;
}

/** Each language: builds or installs what its app needs (output to `log`), and says how to start the app. */
const LANGUAGES: { [language: string]: (log: string) => AppCommand } = {
  python: log => {
    const wheel = path.join(ROOT, 'dist', 'python', `cdk8s_kpack-${VERSION}-py3-none-any.whl`);
    need(wheel, 'the Python wheel');
    checkPeerVersions('examples/python/requirements.txt', {
      'cdk8s': /^cdk8s==(\S+)$/m,
      'cdk8s-plus-27': /^cdk8s-plus-27==(\S+)$/m,
      'constructs': /^constructs==(\S+)$/m,
    });
    const venv = path.join(OUT, 'python-venv');
    fs.rmSync(venv, { recursive: true, force: true });
    run(log, 'python3 -m venv', 'python3', ['-m', 'venv', venv]);
    const python = path.join(venv, 'bin', 'python');
    run(log, 'pip install', python, ['-m', 'pip', 'install', '--no-input', '-r', 'examples/python/requirements.txt', wheel]);
    return { step: 'python main.py', command: python, args: ['main.py'], cwd: path.join(ROOT, 'examples', 'python') };
  },
  java: log => {
    need(path.join(ROOT, 'dist', 'java', 'io', 'github', 'cdk8skpack', 'cdk8s-kpack', VERSION), 'the Maven artifact');
    checkPeerVersions('examples/java/pom.xml', {
      'cdk8s': /<artifactId>cdk8s<\/artifactId>\s*<version>([^<]+)</,
      'cdk8s-plus-27': /<artifactId>cdk8s-plus-27<\/artifactId>\s*<version>([^<]+)</,
      'constructs': /<artifactId>constructs<\/artifactId>\s*<version>([^<]+)</,
    });
    // Maven never fetches a release again once it is in the local repository: drop the copy of the previous build
    // (under Java's user.home, the account's home directory, which may differ from $HOME).
    for (const home of new Set([os.userInfo().homedir, os.homedir()])) {
      fs.rmSync(path.join(home, '.m2', 'repository', 'io', 'github', 'cdk8skpack', 'cdk8s-kpack', VERSION), { recursive: true, force: true });
    }
    const cwd = path.join(ROOT, 'examples', 'java');
    run(log, 'mvn compile', 'mvn', ['-B', '-q', `-Dcdk8s-kpack.version=${VERSION}`, 'compile'], { cwd });
    return { step: 'mvn exec:java', command: 'mvn', args: ['-B', '-q', `-Dcdk8s-kpack.version=${VERSION}`, 'exec:java'], cwd };
  },
  go: log => {
    need(path.join(ROOT, 'dist', 'go', 'cdk8skpack', 'go.mod'), 'the Go module');
    checkPeerVersions('examples/go/go.mod', {
      'cdk8s': /cdk8s-core-go\/cdk8s\/v2 v(\S+)/,
      'cdk8s-plus-27': /cdk8splus27\/v2 v(\S+)/,
      'constructs': /constructs-go\/constructs\/v10 v(\S+)/,
    });
    const cwd = path.join(ROOT, 'examples', 'go');
    const binary = path.join(OUT, 'go-app');
    run(log, 'go build', 'go', ['build', '-o', binary, '.'], { cwd });
    return { step: 'the Go app', command: binary, args: [], cwd };
  },
};

/** A Node.js the apps run on: this machine's, or a pinned release (started through a wrapper first on the PATH). */
interface NodeRuntime {
  readonly version: string;
  readonly env: NodeJS.ProcessEnv;
  /** A file the wrapper appends a line to each time it starts node (pinned releases only). */
  readonly marker?: string;
}

/**
 * The pinned releases as runtimes: for each, a directory holding `node`, a wrapper that notes each start in a marker
 * file and runs the pinned binary, put first on the PATH (JSII_NODE unset: every jsii runtime then starts `node`).
 */
function pinnedRuntimes(pins: readonly Pin[]): NodeRuntime[] {
  return pins.map(pin => {
    const dir = path.join(OUT, `node-${pin.version}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const marker = path.join(dir, 'started');
    const wrapper = path.join(dir, 'node');
    fs.writeFileSync(wrapper, `#!/bin/sh\necho started >> ${shellQuoted(marker)}\nexec ${shellQuoted(pin.binary)} "$@"\n`, { mode: 0o755 });
    return { version: pin.version, env: firstOnPath(dir), marker };
  });
}

/** The apps' environment with the `node` of `dir` first on the PATH (JSII_NODE unset: every jsii runtime starts `node`). */
function firstOnPath(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...ENV, PATH: `${dir}${path.delimiter}${process.env.PATH ?? ''}` };
  delete env.JSII_NODE;
  return env;
}

/** `s` as one word of a POSIX shell command. */
function shellQuoted(s: string): string {
  return `'${s.replace(/'/g, '\'\\\'\'')}'`;
}

/** This machine's node: the one running this script, put first on the PATH for the apps' jsii runtimes too. */
function thisNode(): NodeRuntime {
  return { version: process.versions.node, env: firstOnPath(path.dirname(process.execPath)) };
}

/** The pinned releases to run the apps on too: none, with a note, where they cannot be had (unless required). */
function pinnedReleases(): NodeRuntime[] {
  const required = process.env.NODE_VERSIONS === 'required';
  try {
    const unfit = machineProblem();
    if (unfit) throw new PinProblem(unfit, true);
    const pins = readPins();
    installPins(pins, path.join(OUT, 'node-install.log'), ENV);
    return pinnedRuntimes(pins);
  } catch (e) {
    if (!(e instanceof PinProblem)) throw e;
    if (!e.skippable || required) {
      console.error(`languages: the pinned Node.js releases: ${e.message}${e.skippable ? ', and NODE_VERSIONS=required' : ''}`);
      console.log('languages: FAILED (the pinned Node.js releases cannot be used)');
      process.exit(1);
    }
    console.error(`languages: the apps run on this machine's node only, not on the pinned releases (test/node-versions/package.json): ${e.message}`);
    return [];
  }
}

/** Starts the app on `node`; it must write the TypeScript example's YAML (and, on a pinned release, start that node). */
function runOn(language: string, app: AppCommand, node: NodeRuntime, log: string): void {
  const outdir = path.join(OUT, node.marker ? `${language}-node-${node.version}` : language);
  fs.rmSync(outdir, { recursive: true, force: true });
  if (node.marker) fs.rmSync(node.marker, { force: true });
  const step = `${app.step} (node ${node.version})`;
  run(log, step, app.command, app.args, { cwd: app.cwd, env: { ...node.env, CDK8S_OUTDIR: outdir } });
  if (node.marker && !fs.existsSync(node.marker)) {
    throw new Failure(`${step} never started the pinned node through ${path.relative(ROOT, path.dirname(node.marker))}/node (JSII_NODE set elsewhere?)`,
      `node ${node.version} not used`);
  }
  try {
    compare(outdir);
  } catch (e) {
    if (e instanceof Failure) throw new Failure(`on node ${node.version}, ${e.message}`, `node ${node.version}: ${e.short}`);
    throw e;
  }
}

function main() {
  fs.mkdirSync(OUT, { recursive: true });
  // The reference: the TypeScript example, from the sources.
  const tsLog = path.join(OUT, 'typescript.log');
  fs.writeFileSync(tsLog, '');
  const tsOut = path.join(OUT, 'typescript');
  fs.rmSync(tsOut, { recursive: true, force: true });
  try {
    run(tsLog, 'the TypeScript example', 'ts-node', ['--transpile-only', '--project', 'tsconfig.dev.json', '-e',
      'const { App } = require("cdk8s"); const { gettingStarted } = require("./examples/getting-started");'
      + ` const app = new App({ outdir: ${JSON.stringify(tsOut)} }); gettingStarted(app); app.synth();`]);
  } catch (e) {
    console.error((e as Error).message);
    console.log('languages: typescript reference FAILED');
    process.exit(1);
  }

  const nodes: NodeRuntime[] = [thisNode(), ...pinnedReleases()];
  const results: string[] = [];
  let failed = false;
  for (const [language, prepare] of Object.entries(LANGUAGES)) {
    const started = Date.now();
    const log = path.join(OUT, `${language}.log`);
    fs.writeFileSync(log, '');
    try {
      const app = prepare(log);
      for (const node of nodes) runOn(language, app, node, log);
      console.error(`${language}: same YAML as the TypeScript example on node ${nodes.map(n => n.version).join(', ')} `
        + `(${((Date.now() - started) / 1000).toFixed(0)}s)`);
      results.push(`${language} ok`);
    } catch (e) {
      if (!(e instanceof Failure)) throw e;
      console.error(`${language}: ${e.message}`);
      results.push(`${language} FAILED (${e.short})`);
      failed = true;
    }
  }
  console.log(`languages: ${results.join(', ')} (node ${nodes.map(n => n.version).join(', ')})`);
  process.exit(failed ? 1 : 0);
}

main();
