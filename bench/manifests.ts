/**
 * `npm run bench:manifests`: what `cdk8s-kpack validate` costs against the floor of parsing its input.
 *
 * For 10,000 and 50,000 Image documents (as cdk8s writes them, with the ClusterBuilder, stack, store and service
 * accounts they name), each figure a fresh process (cold, as a user runs the command), RUNS times, alternating:
 *   parse      `yaml`'s parseAllDocuments of the file, alone (what the command's reading cost before src/manifests)
 *   read       src/manifests' readManifests of the file, alone (kubectl's reading, fast reader first)
 *   validate   the whole command, `cdk8s-kpack validate FILE` (compiled JS, output to /dev/null)
 * and, for 50,000: `validate` on Images that have no findings (no line positions needed) and a map of 500,000 keys.
 * Prints median (min-max) wall time and peak RSS (with /usr/bin/time), then one JSON line:
 * `cli_over_parse` = validate / parse at 50,000 (issue 14's goal: <= 0.6).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';

const ROOT = path.join(__dirname, '..');
const WORK = path.join(ROOT, '.tmp', 'bench-manifests');
const LIB = path.join(WORK, 'lib');
const RUNS = Number(process.env.RUNS ?? 5);
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

interface Run {
  readonly ms: number;
  readonly rssMb?: number;
}

/** The manifests of `images` Images with what they name; with `findings`, as the L2 constructs write them today. */
function manifests(images: number, findings: boolean): any[] {
  const out: any[] = [
    { apiVersion: 'kpack.io/v1alpha2', kind: 'ClusterStack', metadata: { name: 'base' }, spec: { id: 'io.buildpacks.stacks.jammy', buildImage: { image: 'paketobuildpacks/build-jammy-base' }, runImage: { image: 'paketobuildpacks/run-jammy-base' } } },
    { apiVersion: 'kpack.io/v1alpha2', kind: 'ClusterStore', metadata: { name: 'default' }, spec: { sources: [{ image: 'paketobuildpacks/java' }] } },
  ];
  const namespaces = Math.ceil(images / 100);
  for (let n = 0; n < namespaces; n++) {
    out.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builds', namespace: `team-${n}` }, secrets: [{ name: 'registry-credentials' }], imagePullSecrets: [{ name: 'registry-credentials' }] });
    out.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'registry-credentials', namespace: `team-${n}`, annotations: { 'kpack.io/docker': 'registry.example.com' } }, type: 'kubernetes.io/basic-auth', stringData: { username: 'u', password: 'p' } });
    out.push({
      apiVersion: 'kpack.io/v1alpha2',
      kind: 'Builder',
      metadata: { name: 'builder', namespace: `team-${n}` },
      spec: { tag: `registry.example.com/builders/team-${n}`, serviceAccountName: 'builds', stack: { kind: 'ClusterStack', name: 'base' }, store: { kind: 'ClusterStore', name: 'default' }, order: [{ group: [{ id: 'paketo-buildpacks/java' }] }] },
    });
  }
  for (let i = 0; i < images; i++) {
    const namespace = `team-${Math.floor(i / 100)}`;
    out.push({
      apiVersion: 'kpack.io/v1alpha2',
      kind: 'Image',
      metadata: { name: `app-${i}`, namespace },
      spec: {
        builder: { kind: 'Builder', name: 'builder' },
        cache: { volume: findings ? { size: '2G' } : { size: '2G', storageClassName: 'standard' } },
        failedBuildHistoryLimit: 10,
        imageTaggingStrategy: 'BuildNumber',
        serviceAccountName: 'builds',
        source: { git: { revision: 'main', url: `https://github.com/example/app-${i}` } },
        successBuildHistoryLimit: 10,
        tag: `registry.example.com/apps/app-${i}`,
      },
    });
  }
  return out;
}

function write(name: string, text: string): string {
  const file = path.join(WORK, name);
  fs.writeFileSync(file, text);
  return file;
}

/** Runs `node ARGS` as a fresh process; wall time in ms, and peak RSS when /usr/bin/time is there. */
function run(args: string[]): Run {
  const start = process.hrtime.bigint();
  const result = TIME
    ? spawnSync(TIME, ['-f', '%M', process.execPath, ...args], { cwd: WORK, encoding: 'utf-8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 })
    : spawnSync(process.execPath, args, { cwd: WORK, encoding: 'utf-8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`node ${args.join(' ')} failed (${result.status}): ${result.stderr.slice(0, 500)}`);
  const rss = TIME ? Number(result.stderr.trim().split('\n').pop()) : NaN;
  return { ms, rssMb: Number.isFinite(rss) ? rss / 1024 : undefined };
}

interface Figure {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly rssMb?: number;
}

function figure(runs: Run[]): Figure {
  const ms = runs.map(r => r.ms).sort((a, b) => a - b);
  const rss = runs.map(r => r.rssMb).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
  const rssMb = rss.length ? rss[Math.floor(rss.length / 2)] : undefined;
  return { median: ms[Math.floor(ms.length / 2)], min: ms[0], max: ms[ms.length - 1], rssMb };
}

function show(name: string, f: Figure): string {
  return `${name.padEnd(28)} ${Math.round(f.median).toString().padStart(7)} ms (${Math.round(f.min)}-${Math.round(f.max)})`
    + (f.rssMb !== undefined ? `  ${Math.round(f.rssMb).toString().padStart(5)} MB` : '');
}

function main(): void {
  fs.mkdirSync(WORK, { recursive: true });
  // The command as users run it: compiled JS (tsc, the same sources jsii compiles).
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.json'), '--outDir', LIB,
    '--declaration', 'false', '--inlineSourceMap', 'false', '--inlineSources', 'false'], { stdio: 'inherit' });
  fs.writeFileSync(path.join(WORK, 'parse.js'), "require('yaml').parseAllDocuments(require('fs').readFileSync(process.argv[2], 'utf-8'));\n");
  fs.writeFileSync(path.join(WORK, 'read.js'), `const r = require(${JSON.stringify(path.join(LIB, 'manifests'))}).readManifests([process.argv[2]]);\n`
    + 'if (r.errors.length > 0 || r.fastDocuments === 0) { console.error(r.errors[0]); process.exit(2); }\n');
  process.env.NODE_PATH = path.join(ROOT, 'node_modules');

  const cases: Array<{ name: string; file: string; commands: { [name: string]: string[] } }> = [];
  for (const size of [10_000, 50_000]) {
    const file = write(`images-${size}.yaml`, Yaml.stringify(...manifests(size, true)));
    cases.push({ name: `${size} Images`, file, commands: { parse: ['parse.js', file], read: ['read.js', file], validate: [path.join(LIB, 'cli', 'main.js'), 'validate', file] } });
  }
  const clean = write('images-50000-clean.yaml', Yaml.stringify(...manifests(50_000, false)));
  cases.push({ name: '50000 Images, no findings', file: clean, commands: { parse: ['parse.js', clean], validate: [path.join(LIB, 'cli', 'main.js'), 'validate', clean] } });
  const keys = write('keys-500000.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: many\ndata:\n${Array.from({ length: 500_000 }, (_, i) => `  k${i}: "${i}"\n`).join('')}`);
  cases.push({ name: 'a map of 500,000 keys', file: keys, commands: { read: ['read.js', keys], validate: [path.join(LIB, 'cli', 'main.js'), 'validate', keys] } });

  console.log(`node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ${RUNS} cold runs each, median (min-max)`);
  const results: { [key: string]: Figure } = {};
  for (const c of cases) {
    console.log(`\n${c.name}: ${(fs.statSync(c.file).size / 1e6).toFixed(1)} MB, ${fs.readFileSync(c.file, 'utf-8').split('\n---\n').length} documents`);
    const runs: { [name: string]: Run[] } = {};
    run(Object.values(c.commands)[0]); // warm the file cache
    for (let r = 0; r < RUNS; r++) {
      for (const [name, args] of Object.entries(c.commands)) (runs[name] ??= []).push(run(args));
    }
    for (const name of Object.keys(c.commands)) {
      results[`${c.name}/${name}`] = figure(runs[name]);
      console.log(`  ${show(name, results[`${c.name}/${name}`])}`);
    }
  }
  const ratio = (a: string, b: string) => Math.round((results[a].median / results[b].median) * 100) / 100;
  console.log(JSON.stringify({
    cli_over_parse: ratio('50000 Images/validate', '50000 Images/parse'),
    cli_over_parse_10k: ratio('10000 Images/validate', '10000 Images/parse'),
    cli_over_parse_no_findings: ratio('50000 Images, no findings/validate', '50000 Images, no findings/parse'),
    read_over_parse: ratio('50000 Images/read', '50000 Images/parse'),
    validate_ms_10k: Math.round(results['10000 Images/validate'].median),
    validate_ms_50k: Math.round(results['50000 Images/validate'].median),
    parse_ms_50k: Math.round(results['50000 Images/parse'].median),
    read_ms_50k: Math.round(results['50000 Images/read'].median),
    keys_500k_validate_ms: Math.round(results['a map of 500,000 keys/validate'].median),
  }));
}

main();
