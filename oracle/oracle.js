/**
 * Builds and runs the kpack oracle (oracle/*.go): kpack's own admission code, as a test-only referee of the rule
 * engine. One Go source tree, one go.mod per kpack version (a module cannot require two versions of kpack):
 * `go.mod` for v0.17.2, `kpack-v0.16.1.mod` (with build tag `kpack_v0_16`) for v0.16.1. Binaries go to
 * `.tmp/oracle/<version>/`; Go's build cache makes a rebuild of unchanged sources quick.
 *
 * Used by `npm run kpack-admit` (below, as a command) and by the test suites (require('../oracle/oracle')).
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ORACLE_DIR = __dirname;
const ROOT = path.dirname(ORACLE_DIR);

/** The kpack versions the oracle is built for, with the Go flags of each. */
const VERSIONS = {
  'v0.17.2': [],
  'v0.16.1': ['-modfile=kpack-v0.16.1.mod', '-tags=kpack_v0_16'],
};

/** Whether a Go toolchain is on the PATH. */
function goAvailable() {
  const r = spawnSync('go', ['version'], { encoding: 'utf8' });
  return r.status === 0;
}

/** The binaries this process has built or found current, by version. */
const built = new Map();

/** The newest modification time of the oracle's sources (Go files and module files). */
function sourcesTime() {
  let newest = 0;
  for (const f of fs.readdirSync(ORACLE_DIR)) {
    if (/\.(go|mod|sum)$/.test(f)) newest = Math.max(newest, fs.statSync(path.join(ORACLE_DIR, f)).mtimeMs);
  }
  return newest;
}

/**
 * Path of the oracle binary for a kpack version, built if it is missing or older than a source (once per process:
 * linking the binary takes seconds even when Go's build cache has everything); throws with Go's output when the
 * build fails.
 */
function oracleBinary(version) {
  const flags = VERSIONS[version];
  if (!flags) throw new Error(`the oracle knows kpack ${Object.keys(VERSIONS).join(', ')}, not ${version}`);
  const out = path.join(ROOT, '.tmp', 'oracle', version, 'kpack-admit');
  if (built.get(version) === out && fs.existsSync(out)) return out;
  try {
    if (fs.statSync(out).mtimeMs >= sourcesTime()) {
      built.set(version, out);
      return out;
    }
  } catch { /* no binary yet */ }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  // Build to a temporary name and rename: concurrent builds (test workers) never see a half-written binary.
  const tmp = `${out}.${process.pid}.tmp`;
  const r = spawnSync('go', ['build', ...flags, '-o', tmp, '.'], { cwd: ORACLE_DIR, encoding: 'utf8', env: { ...process.env, GOFLAGS: '' } });
  if (r.status !== 0) {
    try { fs.unlinkSync(tmp); } catch { /* nothing to remove */ }
    throw new Error(`building the kpack ${version} oracle failed:\n${r.stderr || r.error}`);
  }
  fs.renameSync(tmp, out);
  built.set(version, out);
  return out;
}

/**
 * Judges YAML or JSON documents (a string) with kpack's admission chain; returns one parsed line per document.
 * options: { defaultStorageClass (default true), expandable (default false), previous (text of existing objects) }.
 */
function judge(version, input, options = {}) {
  const binary = oracleBinary(version);
  const args = [`--default-storage-class=${options.defaultStorageClass === false ? 'false' : 'true'}`];
  if (options.expandable) args.push('--expandable');
  let previousFile;
  if (options.previous !== undefined) {
    previousFile = path.join(ROOT, '.tmp', 'oracle', `previous.${process.pid}.${Date.now()}.yaml`);
    fs.writeFileSync(previousFile, options.previous);
    args.push('--previous', previousFile);
  }
  args.push('-');
  try {
    const r = spawnSync(binary, args, { input, encoding: 'utf8', maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error(`the kpack ${version} oracle failed: ${r.stderr || r.error}`);
    return r.stdout.split('\n').filter(line => line !== '').map(line => JSON.parse(line));
  } finally {
    if (previousFile) fs.unlinkSync(previousFile);
  }
}

module.exports = { VERSIONS, goAvailable, oracleBinary, judge };

// `npm run kpack-admit -- --kpack-version v0.17.2 [--default-storage-class=false] [--expandable] [--previous FILE] FILE|-`
if (require.main === module) {
  const args = process.argv.slice(2);
  let version = 'v0.17.2';
  const rest = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--kpack-version') version = args[++i];
    else if (args[i].startsWith('--kpack-version=')) version = args[i].slice('--kpack-version='.length);
    else rest.push(args[i]);
  }
  if (!goAvailable()) {
    process.stderr.write('kpack-admit: needs Go (https://go.dev/dl/) to build kpack\'s admission code\n');
    process.exit(2);
  }
  let binary;
  try {
    binary = oracleBinary(version);
  } catch (e) {
    process.stderr.write(`kpack-admit: ${e.message}\n`);
    process.exit(2);
  }
  const r = spawnSync(binary, [`--kpack-version=${version}`, ...(rest.length ? rest : ['-'])], { stdio: 'inherit' });
  process.exit(r.status ?? 2);
}
