import { Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Build, BuildCache, ClusterBuilder, ImageSource } from '../src';
import { manifestOf } from './util';

const source = ImageSource.fromGit('https://github.com/example/app', 'abc123');

test('renders a build from a builder image with kpack\'s default service account', () => {
  const chart = Testing.chart();
  new Build(chart, 'build', { metadata: { name: 'b1' }, tags: ['registry.io/app:1'], builderImage: 'registry.io/builder:v1', source });
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
    builder: ClusterBuilder.fromClusterBuilderName(chart, 'cb', 'default'),
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

test('needs exactly one of builder and builderImage (BB-1, BB-2)', () => {
  const chart = Testing.chart();
  expect(() => new Build(chart, 'neither', { tags: ['registry.io/app:1'], source }))
    .toThrow(/^Build "test\/neither": give exactly one of builder \(a Builder or ClusterBuilder\) or builderImage/);
  const builder = ClusterBuilder.fromClusterBuilderName(chart, 'cb', 'x');
  expect(() => new Build(chart, 'both', { tags: ['registry.io/app:1'], source, builderImage: 'a/b', builder })).toThrow(/^Build "test\/both": give exactly one/);
});

test('needs at least one tag (BD-1)', () => {
  const chart = Testing.chart();
  expect(() => new Build(chart, 'build', { tags: [], builderImage: 'registry.io/builder:v1', source })).toThrow(/^Build "test\/build": tags must list at least one tag/);
});
