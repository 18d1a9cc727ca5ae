/**
 * What ordering an app's kpack objects after a KpackPlatform costs: one cold synth per process, as `cdk8s synth`
 * runs.
 *
 *   platform-order.js <mode> <images> [outdir]
 *
 * mode: `none` (the Images alone), `alone` (the platform alone), `same` (the platform in the Images' chart), `own`
 * (the platform in a chart of its own, before the Images' chart in the file order). The app is built and
 * synthesized with `app.synth()` into `outdir` (a fresh temporary directory by default); one JSON line gives the
 * time from the first construct to the files written, the number of ApiObject dependencies cdk8s holds after the
 * synth, and the process's peak RSS.
 *
 * Run compiled (e.g. `tsc` into a directory next to `imports/` and `node_modules/`) and time whole processes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { ApiObject, App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { NamespacedBuilder, BuildpackRef, BuildServiceAccount, ClusterStack, ClusterStore, Image, ImageSource, KpackPlatform, RegistryCredential } from '../src';

const IMAGES_PER_BUILDER = 10;
const BUILDERS_PER_NAMESPACE = 10;

function images(chart: Chart, count: number): void {
  const stack = new ClusterStack(chart, 'stack', { metadata: { name: 'base' }, stackId: 'io.buildpacks.stacks.jammy', buildImage: 'paketobuildpacks/build-jammy-base', runImage: 'paketobuildpacks/run-jammy-base' });
  const store = new ClusterStore(chart, 'store', { metadata: { name: 'default' }, sources: [{ image: 'paketobuildpacks/java', buildpackIds: ['paketo-buildpacks/java'] }] });
  const accounts = new Map<string, kplus.ServiceAccount>();
  let builder: NamespacedBuilder | undefined;
  let account: kplus.ServiceAccount | undefined;
  for (let i = 0; i < count; i++) {
    const b = Math.floor(i / IMAGES_PER_BUILDER);
    const namespace = `team-${Math.floor(b / BUILDERS_PER_NAMESPACE)}`;
    if (i % IMAGES_PER_BUILDER === 0) {
      account = accounts.get(namespace);
      if (!account) {
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
      source: ImageSource.fromGit('https://git.example.com/app.git', 'main'),
    });
  }
}

function main(): void {
  const [mode, countText, outdirArg] = process.argv.slice(2);
  const count = Number(countText);
  if (!['none', 'alone', 'same', 'own'].includes(mode) || !Number.isInteger(count) || count < 0) {
    throw new Error('usage: platform-order.js none|alone|same|own <images> [outdir]');
  }
  const outdir = outdirArg ?? fs.mkdtempSync(path.join(os.tmpdir(), 'platform-order-'));
  const start = performance.now();
  const app = new App({ outdir });
  if (mode === 'own') new KpackPlatform(new Chart(app, 'kpack'), 'kpack');
  if (mode !== 'alone') {
    const chart = new Chart(app, 'builds', { disableResourceNameHashes: true });
    images(chart, count);
    if (mode === 'same') new KpackPlatform(chart, 'kpack');
  } else {
    new KpackPlatform(new Chart(app, 'kpack'), 'kpack');
  }
  app.synth();
  const ms = performance.now() - start;
  let dependencies = 0;
  for (const c of app.node.findAll()) if (ApiObject.isApiObject(c)) dependencies += c.node.dependencies.length;
  const files = fs.readdirSync(outdir).sort();
  if (outdirArg === undefined) fs.rmSync(outdir, { recursive: true, force: true });
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const figures = { mode, images: count, synth_ms: Math.round(ms), api_object_dependencies: dependencies, files, peak_rss_mb: peakRssMb };
  console.log(JSON.stringify(figures));
}

main();
