import { Testing } from 'cdk8s';
import { ClusterLifecycle } from '../src';
import { manifestOf, synthError } from './util';

test('renders the lifecycle image', () => {
  const chart = Testing.chart();
  new ClusterLifecycle(chart, 'lc', { metadata: { name: 'lifecycle-0-20' }, image: 'buildpacksio/lifecycle:0.20.5' });
  expect(manifestOf(chart, 'ClusterLifecycle').spec).toEqual({ image: 'buildpacksio/lifecycle:0.20.5' });
});

test('an empty image fails synth', () => {
  const chart = Testing.chart();
  new ClusterLifecycle(chart, 'lc', { image: '' });
  expect(synthError(chart)).toMatch(/\[test\/lc\] spec\.image/);
});

test('the default lifecycle can be imported by its well-known name', () => {
  const chart = Testing.chart();
  expect(ClusterLifecycle.fromClusterLifecycleName(chart, 'lc', ClusterLifecycle.DEFAULT_NAME).name).toBe('default-lifecycle');
});
