import { Testing } from 'cdk8s';
import { ClusterLifecycle } from '../src';
import { manifestOf } from './util';

test('renders the lifecycle image', () => {
  const chart = Testing.chart();
  new ClusterLifecycle(chart, 'lc', { metadata: { name: 'lifecycle-0-20' }, image: 'buildpacksio/lifecycle:0.20.5' });
  expect(manifestOf(chart, 'ClusterLifecycle').spec).toEqual({ image: 'buildpacksio/lifecycle:0.20.5' });
});

test('an empty image is refused at once', () => {
  const chart = Testing.chart();
  expect(() => new ClusterLifecycle(chart, 'lc', { image: '' })).toThrow(/^ClusterLifecycle "test\/lc": image must not be empty/);
});

test('the default lifecycle can be imported by its well-known name', () => {
  const chart = Testing.chart();
  expect(ClusterLifecycle.fromClusterLifecycleName(chart, 'lc', ClusterLifecycle.DEFAULT_NAME).name).toBe('default-lifecycle');
});
