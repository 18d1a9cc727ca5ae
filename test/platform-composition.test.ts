import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { parseAllDocuments } from 'yaml';
import { Build, BuildBuilder, NamespacedBuilder, BuildpackRef, ClusterBuildpack, ClusterLifecycle, ClusterStack, Image, ImageSource, KpackPlatform, KpackVersion } from '../src';
import { synthError } from './util';

function builds(chart: Chart, lifecycle?: ClusterLifecycle) {
  const stack = new ClusterStack(chart, 'stack', { metadata: { name: 'base' }, stackId: 'io.buildpacks.stacks.jammy', buildImage: 'paketobuildpacks/build-jammy-base', runImage: 'paketobuildpacks/run-jammy-base' });
  const java = new ClusterBuildpack(chart, 'java', { metadata: { name: 'java' }, image: 'paketobuildpacks/java' });
  const builder = new NamespacedBuilder(chart, 'builder', {
    metadata: { name: 'java', namespace: 'apps' },
    tag: 'registry.internal/builders/java:v1',
    stack,
    lifecycle,
    order: [{ group: [BuildpackRef.fromClusterBuildpack(java)] }],
  });
  const image = new Image(chart, 'image', { metadata: { name: 'app', namespace: 'apps' }, tag: 'registry.internal/apps/app', builder, source: ImageSource.fromGit('https://git.internal/app', 'main') });
  return { stack, builder, image };
}

const kpackKinds = ['ClusterStack', 'ClusterBuildpack', 'Builder', 'Image'];

test('in one chart, the platform\'s objects come first, whatever the construct order', () => {
  const chart = Testing.chart();
  new kplus.ConfigMap(chart, 'settings', { metadata: { name: 'settings', namespace: 'apps' } });
  builds(chart);
  new KpackPlatform(chart, 'kpack', { kpConfig: { defaultRepository: 'registry.internal/kpack' } });
  const manifests = Testing.synth(chart);
  const kinds = manifests.map(m => m.kind);
  expect(kinds.slice(0, 11).sort()).toEqual(['Namespace', ...Array(10).fill('CustomResourceDefinition')].sort());
  // the 38 objects of the release and kp-config, then the app's objects in construct order
  expect(manifests.findIndex(m => m.metadata.name === 'kp-config')).toBe(38);
  expect(kinds.slice(39)).toEqual(['ConfigMap', ...kpackKinds]);
});

/** Every dependency the constructs of an app hold, by kind of construct. */
function dependencyCounts(app: App): { apiObjects: number; others: number } {
  let apiObjects = 0;
  let others = 0;
  for (const c of app.node.findAll()) {
    if (ApiObject.isApiObject(c)) apiObjects += c.node.dependencies.length;
    else others += c.node.dependencies.length;
  }
  return { apiObjects, others };
}

function manyImages(chart: Chart, count: number): void {
  const { builder } = builds(chart);
  for (let i = 0; i < count; i++) {
    new Image(chart, `image-${i}`, { metadata: { name: `app-${i}`, namespace: 'apps' }, tag: `registry.internal/apps/app-${i}`, builder, source: ImageSource.fromGit('https://git.internal/app', 'main') });
  }
}

test.each([10, 100])('in one chart, ordering costs the same with %i Images: no kpack object depends on the platform', count => {
  const app = Testing.app();
  const chart = new Chart(app, 'apps');
  manyImages(chart, count);
  new KpackPlatform(chart, 'kpack');
  const manifests = Testing.synth(chart);
  expect(manifests.slice(38).every(m => m.apiVersion === 'kpack.io/v1alpha2')).toBe(true);
  expect(manifests).toHaveLength(38 + 4 + count);
  // the platform's own: 27 objects after the namespace and 10 CRDs, and one anchor after its 38 objects; the chart on
  // the anchor
  expect(dependencyCounts(app)).toEqual({ apiObjects: 27 * 11, others: 38 + 1 });
});

test.each([10, 100])('across charts, ordering costs the same with %i Images: the charts are ordered through an empty relay chart', count => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpack-order-'));
  const app = new App({ outdir });
  const apps = new Chart(app, 'apps');
  manyImages(apps, count);
  const kpackChart = new Chart(app, 'kpack');
  const platform = new KpackPlatform(kpackChart, 'kpack');
  expect(platform.node.validate()).toEqual([]); // the platform orders the other charts when the app is validated
  expect(apps.node.dependencies.map(d => d.node.path)).toEqual(['kpack-ordering']);
  expect(app.node.findChild('kpack-ordering').node.dependencies.map(d => d.node.path)).toEqual(['kpack']);
  expect(dependencyCounts(app)).toEqual({ apiObjects: 27 * 11, others: 38 + 1 + 2 });
  // cdk8s expands a dependency between charts into one between each pair of their own ApiObjects: the relay has none
  app.synth();
  expect(dependencyCounts(app)).toEqual({ apiObjects: 27 * 11, others: 38 + 1 + 2 });
  expect(app.charts.map(c => c.node.id)).toEqual(['kpack', 'kpack-ordering', 'apps']);
  fs.rmSync(outdir, { recursive: true, force: true });
});

test('without another chart of kpack objects to order, there is no relay chart and the files are written as before', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpack-order-'));
  const app = new App({ outdir });
  const chart = new Chart(app, 'apps');
  builds(chart);
  new KpackPlatform(chart, 'kpack');
  new kplus.ConfigMap(new Chart(app, 'settings'), 'settings', { metadata: { name: 'settings', namespace: 'apps' } });
  app.synth();
  expect(app.charts.map(c => c.node.id)).toEqual(['apps', 'settings']);
  expect(fs.readdirSync(outdir).sort()).toEqual(['apps.k8s.yaml', 'settings.k8s.yaml']);
  fs.rmSync(outdir, { recursive: true, force: true });
});

test('kpack objects in a chart nested in the platform\'s chart are an error: cdk8s writes them first', () => {
  const app = Testing.app();
  const kpackChart = new Chart(app, 'kpack');
  new KpackPlatform(kpackChart, 'kpack');
  builds(new Chart(kpackChart, 'nested'));
  expect(() => app.synth()).toThrow(/\[kpack\/kpack\] chart "kpack\/nested" holds kpack objects and is nested in the platform's chart "kpack": cdk8s writes a nested chart before its parent/);
});

test('a chart the platform\'s chart is nested in comes after it, without a dependency of ours', () => {
  const app = Testing.app();
  const outer = new Chart(app, 'outer');
  builds(outer);
  expect(new KpackPlatform(new Chart(outer, 'kpack'), 'kpack').node.validate()).toEqual([]);
  expect(outer.node.dependencies.map(d => d.node.path)).toEqual([]);
  Testing.synth(outer);
  expect(app.charts.map(c => c.node.id)).toEqual(['kpack', 'outer']);
});

test('across charts, the platform\'s chart comes first and the files apply in order, the same in every synth', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpack-order-'));
  const app = new App({ outdir });
  builds(new Chart(app, 'builds'));
  new KpackPlatform(new Chart(app, 'kpack'), 'kpack');
  app.synth();
  expect(app.charts.map(c => c.node.id)).toEqual(['kpack', 'kpack-ordering', 'builds']);
  const files = fs.readdirSync(outdir).sort();
  const texts = files.map(f => fs.readFileSync(path.join(outdir, f), 'utf-8'));
  fs.rmSync(outdir, { recursive: true, force: true });
  expect(files).toEqual(['0000-kpack.k8s.yaml', '0001-kpack-ordering.k8s.yaml', '0002-builds.k8s.yaml']);
  expect(texts[1]).toBe(''); // the relay: an empty file
  const first = parseAllDocuments(texts[0]).map(d => d.toJS());
  expect(first[0].kind === 'Namespace' || first[0].kind === 'CustomResourceDefinition').toBe(true);
  expect(first.slice(0, 11).map(o => o.kind).sort()).toEqual(['Namespace', ...Array(10).fill('CustomResourceDefinition')].sort());
  expect(parseAllDocuments(texts[2]).map(d => d.toJS().kind)).toEqual(kpackKinds);

  // the same app synthesized again, now that the relay exists before cdk8s lists the app's constructs
  app.synth();
  expect(fs.readdirSync(outdir).sort()).toEqual(files);
  expect(files.map(f => fs.readFileSync(path.join(outdir, f), 'utf-8'))).toEqual(texts);
  fs.rmSync(outdir, { recursive: true, force: true });
});

test('the platform\'s version decides the app\'s builder defaults', () => {
  const chart = Testing.chart();
  new KpackPlatform(chart, 'kpack', { version: KpackVersion.V0_16_1 });
  builds(chart);
  const builder = Testing.synth(chart).find(m => m.kind === 'Builder');
  expect(builder.spec.lifecycle).toBeUndefined();

  const chart17 = Testing.chart();
  new KpackPlatform(chart17, 'kpack');
  builds(chart17);
  expect(Testing.synth(chart17).find(m => m.kind === 'Builder').spec.lifecycle).toEqual({ kind: 'ClusterLifecycle', name: 'default-lifecycle' });
});

test('with kpack v0.16.1, a ClusterLifecycle is a synth error', () => {
  const chart = Testing.chart();
  new KpackPlatform(chart, 'kpack', { version: KpackVersion.V0_16_1 });
  new ClusterLifecycle(chart, 'lifecycle', { metadata: { name: 'lifecycle-0-20' }, image: 'buildpacksio/lifecycle:0.20.5' });
  expect(synthError(chart)).toMatch(/\[test\/lifecycle\] kind "ClusterLifecycle" does not exist in kpack v0.16.1 \(it is in kpack v0.17.2\)/);
});

test('with kpack v0.16.1, a builder\'s lifecycle is a synth error', () => {
  const chart = Testing.chart();
  new KpackPlatform(chart, 'kpack', { version: KpackVersion.V0_16_1 });
  builds(chart, ClusterLifecycle.fromClusterLifecycleName(chart, 'lc', 'default-lifecycle') as ClusterLifecycle);
  expect(synthError(chart)).toMatch(/\[test\/builder\] .*spec\.lifecycle.*v0\.16\.1/);
});

test('the default ClusterLifecycle is checked like any kpack object and builders may name it', () => {
  const chart = Testing.chart();
  new KpackPlatform(chart, 'kpack', { images: { lifecycle: 'buildpacksio/lifecycle:0.20.5' } });
  builds(chart, ClusterLifecycle.fromClusterLifecycleName(chart, 'lc', ClusterLifecycle.DEFAULT_NAME) as ClusterLifecycle);
  expect(synthError(chart)).toBeUndefined();
});

describe('proxyBuilds', () => {
  const proxy = { httpsProxy: 'http://proxy.internal:3128', noProxy: ['.internal'] };

  test('every Image and Build gets the proxy in its build env; their own env wins', () => {
    const app = Testing.app();
    const platformChart = new Chart(app, 'kpack');
    const chart = new Chart(app, 'apps');
    const { builder, image } = builds(chart);
    image.addEnv('NO_PROXY', kplus.EnvValue.fromValue('*'));
    new Build(chart, 'build', { metadata: { name: 'once', namespace: 'apps' }, tags: ['registry.internal/apps/once'], builder: BuildBuilder.fromBuilder(builder), source: ImageSource.fromGit('https://git.internal/app', 'abc') });
    new KpackPlatform(platformChart, 'kpack', { ...proxy, proxyBuilds: true });
    const manifests = Testing.synth(chart);
    const env = (kind: string) => {
      const m = manifests.find(o => o.kind === kind);
      return Object.fromEntries((kind === 'Image' ? m.spec.build.env : m.spec.env).map((e: any) => [e.name, e.value]));
    };
    expect(env('Image')).toEqual({ HTTPS_PROXY: 'http://proxy.internal:3128', https_proxy: 'http://proxy.internal:3128', NO_PROXY: '*', no_proxy: '.internal' });
    expect(env('Build')).toEqual({ HTTPS_PROXY: 'http://proxy.internal:3128', https_proxy: 'http://proxy.internal:3128', NO_PROXY: '.internal', no_proxy: '.internal' });
  });

  test('without proxyBuilds, builds get nothing and proxyEnv is there to use per Image', () => {
    const chart = Testing.chart();
    const platform = new KpackPlatform(chart, 'kpack', proxy);
    const { image } = builds(chart);
    expect(Testing.synth(chart).find(m => m.kind === 'Image').spec.build).toBeUndefined();
    for (const [name, value] of Object.entries(platform.proxyEnv)) image.addEnv(name, kplus.EnvValue.fromValue(value));
    expect(Testing.synth(chart).find(m => m.kind === 'Image').spec.build.env).toHaveLength(4);
  });
});
