import { Testing } from 'cdk8s';
import { ClusterStore, KpackValidator } from '../src';
import { manifestOf, synthError } from './util';

test('renders sources in order and no namespace', () => {
  const chart = Testing.chart();
  const store = new ClusterStore(chart, 'store', { metadata: { name: 'default' }, sources: [{ image: 'paketobuildpacks/java' }] });
  store.addSource({ image: 'paketobuildpacks/nodejs' });
  const m = manifestOf(chart, 'ClusterStore');
  expect(m.metadata).toEqual({ name: 'default' });
  expect(m.spec).toEqual({ sources: [{ image: 'paketobuildpacks/java' }, { image: 'paketobuildpacks/nodejs' }] });
  expect(store.sources).toHaveLength(2);
});

test('declares its buildpack ids only when every source declares them', () => {
  const chart = Testing.chart();
  const full = new ClusterStore(chart, 'full', { sources: [{ image: 'a/java', buildpackIds: ['paketo-buildpacks/java'] }] });
  const partial = new ClusterStore(chart, 'partial', { sources: [{ image: 'a/java', buildpackIds: ['x'] }, { image: 'a/node' }] });
  expect(full.buildpackIds).toEqual(['paketo-buildpacks/java']);
  expect(partial.buildpackIds).toBeUndefined();
  const stores = Testing.synth(chart).filter(m => m.kind === 'ClusterStore');
  expect(stores[0].metadata.annotations).toEqual({ [KpackValidator.BUILDPACK_IDS_ANNOTATION]: 'paketo-buildpacks/java' });
  expect(stores[1].metadata.annotations).toBeUndefined();
});

test('a store without sources fails synth (kpack requires one)', () => {
  const chart = Testing.chart();
  new ClusterStore(chart, 'store');
  expect(synthError(chart)).toMatch(/\[test\/store\] spec\.sources/);
});

test('an invalid source image fails synth with its index', () => {
  const chart = Testing.chart();
  new ClusterStore(chart, 'store', { sources: [{ image: 'ok/image' }, { image: 'NOT VALID' }] });
  expect(synthError(chart)).toMatch(/spec\.sources\[1\]/);
});
