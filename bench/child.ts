/**
 * One measurement of `npm run bench` (bench/bench.ts), in a fresh process: what a user pays when `cdk8s synth` runs
 * an app once, or when the command runs once.
 *
 *   child.js <mode> <args...>
 *
 * The library is required from the directory in KPACK_BENCH_LIB (the compiled `lib/` of the package, or `src/` when
 * the benchmark's smoke test runs the children with ts-node). Every mode prints one JSON line on stdout.
 *
 * Modes that synthesize (each times the require of the libraries, then the app from its first construct to its
 * files written by `app.synth()`, and reports the process's peak RSS):
 *   l2 IMAGES OUTDIR        the app with the L2 constructs: IMAGES Images, a NamespacedBuilder per 10 Images, per 100
 *                           Images a namespace with a BuildServiceAccount and its registry credential, one
 *                           ClusterStack and one ClusterStore, in the chart `builds`
 *   l1 NDJSON OUTDIR        the same manifests as plain cdk8s ApiObjects in the chart `builds`, read (untimed) from
 *                           NDJSON written by `dump`; only `cdk8s` is required
 *   l1code IMAGES OUTDIR    the same manifests as plain cdk8s ApiObjects, built by the app's code in the timed span
 *                           as a user writes them (object literals in a loop; `l1` has them built before the clock
 *                           starts); only `cdk8s` is required
 *   own IMAGES OUTDIR       the L2 app and a KpackPlatform in a chart `kpack` of its own, created after `builds`
 *   same IMAGES OUTDIR      the L2 app and a KpackPlatform in the chart `builds`, created after the Images
 *   alone OUTDIR            a KpackPlatform alone in the chart `kpack`
 *   l2warm IMAGES OUTDIR    `l2` three times in one process (each a new App), reporting the third: the app once the
 *                           JIT has compiled its code (informational: `cdk8s synth` runs an app once per process)
 *   l1warm NDJSON OUTDIR    `l1` three times in one process, reporting the third
 * Other modes:
 *   dump IMAGES NDJSON      the L2 app's manifests, one JSON document a line (untimed preparation for `l1`, `engine`)
 *   engine NDJSON           the rule engine alone (KpackValidator.validateManifests) over the manifests
 *   require kpack|cdk8s     the time of `require('cdk8s-kpack')`, or of `require('cdk8s')` + `require('cdk8s-plus-27')`
 *   require-parts           `require('cdk8s-kpack')` with each file's own load time (without the files it loads)
 *                           summed by package, and by folder for the package's own (the hook adds its own overhead;
 *                           the modules of lib/index.modules.js count in its time)
 *   parse FILE              `yaml`'s parseAllDocuments of FILE (the floor the command is compared with)
 *   read FILE               the package's own manifest reader alone (src/manifests' readManifests)
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';

const IMAGES_PER_BUILDER = 10;
const BUILDERS_PER_NAMESPACE = 10;

function lib(): string {
  const dir = process.env.KPACK_BENCH_LIB;
  if (!dir) throw new Error('KPACK_BENCH_LIB is not set: the directory of the compiled library (lib/)');
  return dir;
}

function peakRssMb(): number {
  // ru_maxrss: the peak resident set of this process, in KiB on Linux
  return process.resourceUsage().maxRSS / 1024;
}

function print(figures: object): void {
  process.stdout.write(JSON.stringify(figures) + '\n');
}

/** The benchmark app's objects: `count` Images with what they need, in `chart`. */
function images(kpack: any, chart: any, count: number): void {
  const { NamespacedBuilder, BuildpackRef, BuildServiceAccount, ClusterStack, ClusterStore, Image, ImageSource, RegistryCredential } = kpack;
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
  const accounts = new Map<string, any>();
  let builder: any;
  let account: any;
  for (let i = 0; i < count; i++) {
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
      builder,
      serviceAccount: account,
      source: ImageSource.fromGit(`https://github.com/example/app-${i}`, 'main'),
    });
  }
}

/**
 * The benchmark app's manifests written as plain ApiObjects by hand, as a user of plain cdk8s writes them: the same
 * objects in the same order as `images` makes (the benchmark checks the YAML is byte-identical to the L2 app's).
 */
function manifestsInCode(cdk8s: any, chart: any, count: number): void {
  const group = 'kpack.io/v1alpha2';
  new cdk8s.ApiObject(chart, 'stack', {
    apiVersion: group,
    kind: 'ClusterStack',
    metadata: { name: 'base' },
    spec: { id: 'io.buildpacks.stacks.jammy', buildImage: { image: 'paketobuildpacks/build-jammy-base' }, runImage: { image: 'paketobuildpacks/run-jammy-base' } },
  });
  new cdk8s.ApiObject(chart, 'store', {
    apiVersion: group,
    kind: 'ClusterStore',
    metadata: { name: 'default', annotations: { 'kpack.cdk8s.io/buildpack-ids': 'paketo-buildpacks/java' } },
    spec: { sources: [{ image: 'paketobuildpacks/java' }] },
  });
  let builder = '';
  for (let i = 0; i < count; i++) {
    const b = Math.floor(i / IMAGES_PER_BUILDER);
    const namespace = `team-${Math.floor(b / BUILDERS_PER_NAMESPACE)}`;
    if (i % IMAGES_PER_BUILDER === 0) {
      if (b % BUILDERS_PER_NAMESPACE === 0) {
        new cdk8s.ApiObject(chart, `sa-${namespace}`, {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: { name: 'builds', namespace },
          automountServiceAccountToken: false,
          imagePullSecrets: [{ name: 'registry-credentials' }],
          secrets: [{ name: 'registry-credentials' }],
        });
      }
      builder = `builder-${b}`;
      new cdk8s.ApiObject(chart, builder, {
        apiVersion: group,
        kind: 'Builder',
        metadata: { name: builder, namespace },
        spec: {
          tag: `registry.example.com/builders/builder-${b}:v1`,
          stack: { kind: 'ClusterStack', name: 'base' },
          store: { kind: 'ClusterStore', name: 'default' },
          lifecycle: { kind: 'ClusterLifecycle', name: 'default-lifecycle' },
          serviceAccountName: 'builds',
          order: [{ group: [{ id: 'paketo-buildpacks/java' }] }],
        },
      });
    }
    new cdk8s.ApiObject(chart, `image-${i}`, {
      apiVersion: group,
      kind: 'Image',
      metadata: { name: `app-${i}`, namespace },
      spec: {
        tag: `registry.example.com/apps/app-${i}`,
        builder: { kind: 'Builder', name: builder },
        serviceAccountName: 'builds',
        source: { git: { url: `https://github.com/example/app-${i}`, revision: 'main' } },
        cache: { volume: { size: '2G' } },
        failedBuildHistoryLimit: 10,
        successBuildHistoryLimit: 10,
        imageTaggingStrategy: 'BuildNumber',
      },
    });
  }
}

/** Reads NDJSON a chunk at a time, so the file's text is never held whole (it would count in the peak RSS). */
function readNdjson(file: string): any[] {
  const out: any[] = [];
  const fd = fs.openSync(file, 'r');
  const buffer = Buffer.alloc(1024 * 1024);
  let rest = '';
  try {
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      const lines = (rest + buffer.toString('utf-8', 0, n)).split('\n');
      rest = lines.pop()!;
      for (const line of lines) if (line) out.push(JSON.parse(line));
    }
  } finally {
    fs.closeSync(fd);
  }
  if (rest) out.push(JSON.parse(rest));
  return out;
}

function synthesize(mode: string, args: string[]): void {
  const outdir = args[mode === 'alone' ? 0 : 1];
  const manifests = mode === 'l1' || mode === 'l1warm' ? readNdjson(args[0]) : undefined;
  const count = Number(args[0]);
  if (!manifests && mode !== 'alone' && !(Number.isInteger(count) && count >= 0)) throw new Error(`${mode}: the number of Images must be a whole number, got "${args[0]}"`);
  if (!outdir) throw new Error(`${mode}: missing the output directory`);
  const app = mode.endsWith('warm') ? mode.slice(0, -'warm'.length) : mode;
  const repeats = app === mode ? 1 : WARM_REPEATS;

  const t0 = performance.now();
  /* eslint-disable @typescript-eslint/no-require-imports */
  const kpack = app === 'l1' || app === 'l1code' ? undefined : require(lib());
  const cdk8s = require('cdk8s');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const t1 = performance.now();
  let times: AppTimes | undefined;
  const each: number[] = [];
  for (let i = 0; i < repeats; i++) {
    times = synthesizeApp(app, cdk8s, kpack, count, manifests, outdir);
    each.push(times.appMs);
  }
  let dependencies = 0;
  for (const c of times!.app.node.findAll()) if (cdk8s.ApiObject.isApiObject(c)) dependencies += c.node.dependencies.length;
  print({
    mode,
    require_ms: t1 - t0,
    construct_ms: times!.constructMs,
    synth_ms: times!.synthMs,
    app_ms: times!.appMs,
    // CPU time of the same span (all threads of the process: the garbage collector's too), less sensitive than the
    // wall time to other processes on a shared machine
    app_cpu_ms: times!.appCpuMs,
    ...repeats > 1 ? { app_ms_each: each } : {},
    api_object_dependencies: dependencies,
    files: fs.readdirSync(outdir).sort(),
    peak_rss_mb: peakRssMb(),
  });
}

/** How many apps the warm modes synthesize in one process (the figure is the last one's). */
const WARM_REPEATS = 3;

interface AppTimes {
  readonly app: any;
  readonly constructMs: number;
  readonly synthMs: number;
  readonly appMs: number;
  readonly appCpuMs: number;
}

/** One app of `mode` (l2, l1, l1code, own, same or alone), from its first construct to its files written. */
function synthesizeApp(mode: string, cdk8s: any, kpack: any, count: number, manifests: any[] | undefined, outdir: string): AppTimes {
  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  const app = new cdk8s.App({ outdir });
  if (mode === 'alone') {
    new kpack.KpackPlatform(new cdk8s.Chart(app, 'kpack'), 'kpack');
  } else {
    const chart = new cdk8s.Chart(app, 'builds', { disableResourceNameHashes: true });
    if (mode === 'l1code') {
      manifestsInCode(cdk8s, chart, count);
    } else if (mode === 'l1') {
      manifests!.forEach((m, i) => new cdk8s.ApiObject(chart, `o${i}`, m));
    } else {
      images(kpack, chart, count);
    }
    if (mode === 'own') new kpack.KpackPlatform(new cdk8s.Chart(app, 'kpack'), 'kpack');
    if (mode === 'same') new kpack.KpackPlatform(chart, 'kpack');
  }
  const t2 = performance.now();
  app.synth();
  const t3 = performance.now();
  const cpu = process.cpuUsage(cpu1);
  return { app, constructMs: t2 - t1, synthMs: t3 - t2, appMs: t3 - t1, appCpuMs: (cpu.user + cpu.system) / 1000 };
}

function main(): void {
  const [mode, ...args] = process.argv.slice(2);
  /* eslint-disable @typescript-eslint/no-require-imports */
  switch (mode) {
    case 'l2': case 'l1': case 'l1code': case 'own': case 'same': case 'alone': case 'l2warm': case 'l1warm':
      synthesize(mode, args);
      return;
    case 'dump': {
      const kpack = require(lib());
      const cdk8s = require('cdk8s');
      const app = new cdk8s.App({ outdir: path.dirname(args[1]) });
      const chart = new cdk8s.Chart(app, 'builds', { disableResourceNameHashes: true });
      images(kpack, chart, Number(args[0]));
      const objects: any[] = chart.toJson();
      fs.writeFileSync(args[1], objects.map(o => JSON.stringify(o)).join('\n') + '\n');
      print({ mode, objects: objects.length });
      return;
    }
    case 'engine': {
      const manifests = readNdjson(args[0]);
      const { KpackValidator, Severity } = require(lib());
      const t0 = performance.now();
      const findings: any[] = KpackValidator.validateManifests(manifests);
      const ms = performance.now() - t0;
      const errors = findings.filter(f => f.severity === Severity.ERROR);
      if (errors.length > 0) throw new Error(`the benchmark app has errors: ${errors[0].message}`);
      print({ mode, engine_ms: ms, objects: manifests.length, findings: findings.length, peak_rss_mb: peakRssMb() });
      return;
    }
    case 'require': {
      const t0 = performance.now();
      if (args[0] === 'kpack') {
        require(lib());
      } else if (args[0] === 'cdk8s') {
        require('cdk8s');
        require('cdk8s-plus-27');
      } else {
        throw new Error(`require: kpack or cdk8s, got "${args[0]}"`);
      }
      print({ mode, what: args[0], require_ms: performance.now() - t0 });
      return;
    }
    case 'require-parts': {
      const Module = require('module');
      const load = Module._load;
      const own: number[] = [];
      const parts: { [part: string]: number } = {};
      const modules = new Set<string>();
      const root = lib() + path.sep;
      Module._load = function (request: string, parent: any, isMain: boolean) {
        let file: string = request;
        try {
          file = Module._resolveFilename(request, parent, isMain);
        } catch {
          // builtins and failures: counted under their request
        }
        const t0 = performance.now();
        own.push(0);
        try {
          return load.apply(this, arguments);
        } finally {
          const ms = performance.now() - t0;
          const inner = own.pop()!;
          if (own.length > 0) own[own.length - 1] += ms;
          const pkg = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(file)?.[1];
          let part = pkg ?? (Module.isBuiltin(request) ? 'node builtins' : 'other');
          if (!pkg && file.startsWith(root)) {
            part = `cdk8s-kpack ${file.slice(root.length).split(/[\\/]/).slice(0, -1).join('/') || '.'}`;
            modules.add(file);
          }
          parts[part] = (parts[part] ?? 0) + ms - inner;
        }
      };
      const t0 = performance.now();
      require(lib());
      const ms = performance.now() - t0;
      // The package's modules now loaded (not counting the bundle's file of modules, lib/index.modules.js), and the
      // files Node loaded them from (the bundle runs most from lib/index.modules.js: only the files Node reads itself
      // pass the hook, so each bundled module's time counts in that file's).
      const loaded = Object.keys(require.cache).filter(f => f.startsWith(root) && !f.endsWith('.modules.js')).length;
      print({ mode, require_ms: ms, modules: loaded, files: modules.size, parts });
      return;
    }
    case 'parse': {
      const docs = require('yaml').parseAllDocuments(fs.readFileSync(args[0], 'utf-8'));
      print({ mode, documents: docs.length, peak_rss_mb: peakRssMb() });
      return;
    }
    case 'read': {
      const result = require(path.join(lib(), 'manifests')).readManifests([args[0]]);
      if (result.errors.length > 0) throw new Error(`read ${args[0]}: ${result.errors[0].message ?? result.errors[0]}`);
      print({ mode, documents: result.documents.length, peak_rss_mb: peakRssMb() });
      return;
    }
    default:
      throw new Error(`unknown mode "${mode}": l2, l1, l1code, l2warm, l1warm, own, same, alone, dump, engine, require, require-parts, parse or read`);
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
}

main();
