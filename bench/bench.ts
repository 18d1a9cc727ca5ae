/**
 * `npm run bench`: the cost of the L2 constructs and of the rule engine.
 *
 * For each size (100, 1,000 and 10,000 Images, one Builder per 10 Images, a ServiceAccount per namespace, one
 * ClusterStack and ClusterStore) a fresh child process:
 *   (a) builds and synthesizes the app with the L2 constructs (`app.synthYaml()`, which runs the synth-time
 *       checks), then the same manifests as plain cdk8s `ApiObject`s (L1), each timed from the first construct to
 *       the YAML string;
 *   (b) runs the rule engine alone over the synthesized manifests;
 *   (c) reports its peak RSS.
 * One child per size keeps the peak RSS of each size its own. Each child first warms up the JIT on a small app.
 * The last line printed is one JSON object with the figures of the largest size.
 */
import { execFileSync } from 'child_process';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { ApiObject, App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { NamespacedBuilder, BuildpackRef, BuildServiceAccount, ClusterStack, ClusterStore, Image, ImageSource, KpackValidator, RegistryCredential, Severity } from '../src';

const SIZES = [100, 1_000, 10_000];
const IMAGES_PER_BUILDER = 10;
const BUILDERS_PER_NAMESPACE = 10;
const REPEATS = 5;

interface Figures {
  readonly images: number;
  readonly objects: number;
  readonly l2_ms: number;
  readonly l1_ms: number;
  readonly l2_over_l1: number;
  readonly validate_ms: number;
  readonly peak_rss_mb: number;
}

/** The L2 app: `images` Images with their Builders. */
function l2App(images: number): App {
  const app = new App({ outdir: 'unused' });
  const chart = new Chart(app, 'builds', { disableResourceNameHashes: true });
  const stack = new ClusterStack(chart, 'stack', {
    metadata: { name: 'base' },
    stackId: 'io.buildpacks.stacks.jammy',
    buildImage: 'paketobuildpacks/build-jammy-base',
    runImage: 'paketobuildpacks/run-jammy-base',
  });
  const store = new ClusterStore(chart, 'store', {
    metadata: { name: 'default' },
    sources: [{ image: 'paketobuildpacks/java', buildpackIds: ['paketo-buildpacks/java'] }],
  });
  const accounts = new Map<string, kplus.ServiceAccount>();
  let builder: NamespacedBuilder | undefined;
  let account: kplus.ServiceAccount | undefined;
  for (let i = 0; i < images; i++) {
    const b = Math.floor(i / IMAGES_PER_BUILDER);
    const namespace = `team-${Math.floor(b / BUILDERS_PER_NAMESPACE)}`;
    if (i % IMAGES_PER_BUILDER === 0) {
      account = accounts.get(namespace);
      if (!account) {
        // With a registry credential for the tags, as a real app has (an existing Secret: no data in the output).
        account = new BuildServiceAccount(chart, `sa-${namespace}`, {
          metadata: { name: 'builds', namespace },
          credentials: [RegistryCredential.fromSecretName(chart, `creds-${namespace}`, 'registry-credentials', { registry: 'registry.example.com', namespaceName: namespace })],
        });
        accounts.set(namespace, account);
      }
      builder = new NamespacedBuilder(chart, `builder-${b}`, {
        metadata: { name: `builder-${b}`, namespace },
        tag: `registry.example.com/builders/builder-${b}:v1`,
        stack,
        store,
        serviceAccount: account,
        order: [{ group: [BuildpackRef.fromId('paketo-buildpacks/java')] }],
      });
    }
    new Image(chart, `image-${i}`, {
      metadata: { name: `app-${i}`, namespace },
      tag: `registry.example.com/apps/app-${i}`,
      builder: builder!,
      serviceAccount: account,
      source: ImageSource.fromGit(`https://github.com/example/app-${i}`, 'main'),
    });
  }
  return app;
}

/** The L1 app: the same manifests as plain ApiObjects. */
function l1App(manifests: readonly any[]): App {
  const app = new App({ outdir: 'unused' });
  const chart = new Chart(app, 'builds', { disableResourceNameHashes: true });
  manifests.forEach((m, i) => new ApiObject(chart, `o${i}`, m));
  return app;
}

/** Between runs, so the peak RSS is that of one app, not of the garbage of earlier runs (node --expose-gc). */
function collectGarbage(): void {
  (global as any).gc?.();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time<T>(f: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = f();
  return { ms: performance.now() - start, value };
}

function parseAll(yaml: string): any[] {
  // The YAML cdk8s wrote, read back with the yaml package cdk8s itself uses.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml').parseAllDocuments(yaml).map((d: any) => d.toJS());
}

function measure(images: number): Figures {
  // Warm-up: the same code paths on a small app, so the JIT state is comparable for both variants.
  for (let w = 0; w < 3; w++) {
    const warm = l2App(200).synthYaml();
    l1App(parseAll(warm)).synthYaml();
    KpackValidator.validateManifests(parseAll(warm));
  }
  // The machines are shared: each variant runs REPEATS times, alternating, and the median counts.
  const l2Runs: number[] = [];
  const l1Runs: number[] = [];
  const validateRuns: number[] = [];
  let manifests: any[] = [];
  for (let r = 0; r < REPEATS; r++) {
    collectGarbage();
    const l2 = time(() => l2App(images).synthYaml());
    l2Runs.push(l2.ms);
    manifests = parseAll(l2.value);
    collectGarbage();
    const l1 = time(() => l1App(manifests).synthYaml());
    l1Runs.push(l1.ms);
    if (l1.value !== l2.value) throw new Error('the L1 app does not synthesize to the same YAML as the L2 app');
    const validation = time(() => KpackValidator.validateManifests(manifests));
    validateRuns.push(validation.ms);
    const errors = validation.value.filter(f => f.severity === Severity.ERROR);
    if (errors.length > 0) throw new Error(`the benchmark app has errors: ${errors[0].message}`);
  }
  const l2Ms = median(l2Runs);
  const l1Ms = median(l1Runs);
  return {
    images,
    objects: manifests.length,
    l2_ms: Math.round(l2Ms),
    l1_ms: Math.round(l1Ms),
    l2_over_l1: Math.round((l2Ms / l1Ms) * 100) / 100,
    validate_ms: Math.round(median(validateRuns)),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

function main(): void {
  const at = process.argv.indexOf('--size');
  if (at >= 0) {
    process.stdout.write(JSON.stringify(measure(Number(process.argv[at + 1]))) + '\n');
    return;
  }
  const results: Figures[] = [];
  for (const size of SIZES) {
    const out = execFileSync(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', __filename, '--size', String(size)], {
      encoding: 'utf-8',
      maxBuffer: 1024 * 1024,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', 'tsconfig.dev.json') },
    });
    results.push(JSON.parse(out.trim().split('\n').pop()!));
  }
  const header = ['images', 'objects', 'l2_ms', 'l1_ms', 'l2_over_l1', 'validate_ms', 'peak_rss_mb'] as const;
  console.log(`node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'})`);
  console.log(header.map(h => h.padStart(12)).join(''));
  for (const r of results) console.log(header.map(h => String(r[h]).padStart(12)).join(''));
  console.log(JSON.stringify(results[results.length - 1]));
}

main();
