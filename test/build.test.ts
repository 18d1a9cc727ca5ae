import { Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Build, BuildBuilder, BuildCache, ClusterBuilder, ImageSource } from '../src';
import { manifestOf } from './util';

const source = ImageSource.fromGit('https://github.com/example/app', 'abc123');

test('renders a build from a builder image with kpack\'s default service account', () => {
  const chart = Testing.chart();
  new Build(chart, 'build', { metadata: { name: 'b1' }, tags: ['registry.io/app:1'], builder: BuildBuilder.fromImage('registry.io/builder:v1'), source });
  expect(manifestOf(chart, 'Build')).toEqual({
    apiVersion: 'kpack.io/v1alpha2',
    kind: 'Build',
    metadata: { name: 'b1', namespace: 'default' },
    spec: {
      tags: ['registry.io/app:1'],
      builder: { image: 'registry.io/builder:v1' },
      serviceAccountName: 'default',
      source: { git: { url: 'https://github.com/example/app', revision: 'abc123' } },
      runImage: {},
      resources: {},
    },
  });
});

test('renders a builder reference, cache, run image, timeout and priority class', () => {
  const chart = Testing.chart();
  const pvc = kplus.PersistentVolumeClaim.fromClaimName(chart, 'pvc', 'cache');
  new Build(chart, 'build', {
    tags: ['registry.io/app:1'],
    builder: BuildBuilder.fromBuilder(ClusterBuilder.fromClusterBuilderName(chart, 'cb', 'default')),
    source,
    cache: BuildCache.fromPersistentVolumeClaim(pvc),
    runImage: 'registry.io/run:1',
    buildTimeout: Duration.hours(1),
    priorityClassName: 'kpack-build-high-priority',
  });
  const spec = manifestOf(chart, 'Build').spec;
  expect(spec.builder).toEqual({ ref: { kind: 'ClusterBuilder', name: 'default' } });
  expect(spec.cache).toEqual({ volume: { persistentVolumeClaimName: 'cache' } });
  expect(spec.runImage).toEqual({ image: 'registry.io/run:1' });
  expect(spec.activeDeadlineSeconds).toBe(3600);
  expect(spec.priorityClassName).toBe('kpack-build-high-priority');
});

test('needs a builder: a BuildBuilder, of a Builder or ClusterBuilder or of an image (BB-1, BB-2)', () => {
  const chart = Testing.chart();
  expect(() => new Build(chart, 'neither', { tags: ['registry.io/app:1'], source } as any))
    .toThrow(/^Build "test\/neither": builder is required: give a BuildBuilder \(BuildBuilder\.fromBuilder\(builder\) or BuildBuilder\.fromImage\(image\)\)/);
  const builder = ClusterBuilder.fromClusterBuilderName(chart, 'cb', 'x');
  // JavaScript callers of the former props: the builder itself, or a builder image as a string.
  expect(() => new Build(chart, 'plain', { tags: ['registry.io/app:1'], source, builder } as any))
    .toThrow(/^Build "test\/plain": builder must be a BuildBuilder \(BuildBuilder\.fromBuilder\(builder\) or BuildBuilder\.fromImage\(image\)\), got ClusterBuilder "x"/);
  expect(() => new Build(chart, 'image', { tags: ['registry.io/app:1'], source, builder: 'registry.io/builder' } as any))
    .toThrow(/^Build "test\/image": builder must be a BuildBuilder .*, got a string "registry.io\/builder"/);
  expect(() => BuildBuilder.fromBuilder(kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'x') as any))
    .toThrow(/^BuildBuilder\.fromBuilder\(\): builder must be a Builder or ClusterBuilder, got ServiceAccount "x"/);
  expect(() => BuildBuilder.fromImage('')).toThrow(/^BuildBuilder\.fromImage\(\): image must not be empty/);
});

test('needs at least one tag (BD-1)', () => {
  const chart = Testing.chart();
  expect(() => new Build(chart, 'build', { tags: [], builder: BuildBuilder.fromImage('registry.io/builder:v1'), source })).toThrow(/^Build "test\/build": tags must list at least one tag/);
});

describe('a cache claim the app makes must be one the API server accepts', () => {
  test('without access modes or storage, each is named, with the claim', () => {
    const chart = Testing.chart();
    const bare = new kplus.PersistentVolumeClaim(chart, 'bare');
    expect(() => BuildCache.fromPersistentVolumeClaim(bare)).toThrow(
      /^BuildCache\.fromPersistentVolumeClaim\(\): claim "test\/bare" has no access mode: the API server refuses .*; claim "test\/bare" has no storage size: .*e\.g\. Size\.gibibytes\(2\)$/);
    const noStorage = new kplus.PersistentVolumeClaim(chart, 'modes', { accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE] });
    expect(() => BuildCache.fromPersistentVolumeClaim(noStorage)).toThrow(/claim "test\/modes" has no storage size/);
    expect(() => BuildCache.fromPersistentVolumeClaim(noStorage)).not.toThrow(/access mode/);
  });

  test('with both it renders; a claim imported by name is not checked (it exists)', () => {
    const chart = Testing.chart();
    const claim = new kplus.PersistentVolumeClaim(chart, 'cache', { accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE], storage: Size.gibibytes(2) });
    new Build(chart, 'build', { tags: ['registry.io/app:1'], builder: BuildBuilder.fromImage('registry.io/builder-image'), source, cache: BuildCache.fromPersistentVolumeClaim(claim) });
    expect(manifestOf(chart, 'Build').spec.cache).toEqual({ volume: { persistentVolumeClaimName: claim.name } });
    expect(() => BuildCache.fromPersistentVolumeClaim(kplus.PersistentVolumeClaim.fromClaimName(chart, 'existing', 'cache'))).not.toThrow();
  });
});
