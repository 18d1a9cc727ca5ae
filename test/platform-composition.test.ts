import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { parseAllDocuments } from 'yaml';
import { Build, NamespacedBuilder, BuildpackRef, ClusterBuildpack, ClusterLifecycle, ClusterStack, Image, ImageSource, KpackPlatform, KpackVersion } from '../src';
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

test('in one chart, the platform\'s objects come before the app\'s kpack objects, whatever the construct order', () => {
  const chart = Testing.chart();
  const { image } = builds(chart);
  const platform = new KpackPlatform(chart, 'kpack');
  const kinds = Testing.synth(chart).map(m => m.kind);
  expect(image.node.dependencies).toContain(platform);
  expect(kinds[0] === 'Namespace' || kinds[0] === 'CustomResourceDefinition').toBe(true);
  const lastPlatform = kinds.findIndex(k => kpackKinds.includes(k)) - 1;
  expect(lastPlatform).toBe(38 - 1);
  expect(kinds.slice(38).sort()).toEqual([...kpackKinds].sort());
});

test('across charts, the platform\'s chart comes first and the files apply in order', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpack-order-'));
  const app = new App({ outdir });
  builds(new Chart(app, 'builds'));
  new KpackPlatform(new Chart(app, 'kpack'), 'kpack');
  app.synth();
  expect(app.charts.map(c => c.node.id)).toEqual(['kpack', 'builds']);
  const files = fs.readdirSync(outdir).sort();
  expect(files).toEqual(['0000-kpack.k8s.yaml', '0001-builds.k8s.yaml']);
  const first = parseAllDocuments(fs.readFileSync(path.join(outdir, files[0]), 'utf-8')).map(d => d.toJS());
  expect(first[0].kind === 'Namespace' || first[0].kind === 'CustomResourceDefinition').toBe(true);
  expect(first.slice(0, 11).map(o => o.kind).sort()).toEqual(['Namespace', ...Array(10).fill('CustomResourceDefinition')].sort());
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
    new Build(chart, 'build', { metadata: { name: 'once', namespace: 'apps' }, tags: ['registry.internal/apps/once'], builder, source: ImageSource.fromGit('https://git.internal/app', 'abc') });
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
