import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Buildpack, BuildpackRef, ClusterBuilder, ClusterStack, ClusterStore } from '../src';
import { manifestOf, synthError } from './util';

function setup() {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'kpack' });
  const stack = new ClusterStack(chart, 'stack', { metadata: { name: 'base' }, stackId: 'io.buildpacks.stacks.jammy', buildImage: 'a/build', runImage: 'a/run' });
  const sa = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'builder-sa' } });
  return { chart, stack, sa };
}

test('renders stack and store kinds (kpack does not default them here) and serviceAccountRef; no namespace', () => {
  const { chart, stack, sa } = setup();
  const store = new ClusterStore(chart, 'store', { metadata: { name: 'default' }, sources: [{ image: 'a/java' }] });
  new ClusterBuilder(chart, 'builder', {
    metadata: { name: 'base' },
    tag: 'registry.io/builder:v1',
    stack,
    store,
    serviceAccount: sa,
    order: [{ group: [BuildpackRef.fromId('paketo-buildpacks/java')] }],
  });
  expect(manifestOf(chart, 'ClusterBuilder')).toEqual({
    apiVersion: 'kpack.io/v1alpha2',
    kind: 'ClusterBuilder',
    metadata: { name: 'base' },
    spec: {
      tag: 'registry.io/builder:v1',
      stack: { kind: 'ClusterStack', name: 'base' },
      store: { kind: 'ClusterStore', name: 'default' },
      lifecycle: { kind: 'ClusterLifecycle', name: 'default-lifecycle' },
      order: [{ group: [{ id: 'paketo-buildpacks/java' }] }],
      serviceAccountRef: { name: 'builder-sa', namespace: 'kpack' },
    },
  });
});

test('no store: an empty store, as kpack stores it (a value, not a pointer)', () => {
  const { chart, stack, sa } = setup();
  new ClusterBuilder(chart, 'builder', { tag: 'registry.io/builder:v1', stack, serviceAccount: sa });
  expect(manifestOf(chart, 'ClusterBuilder').spec.store).toEqual({});
});

test('a namespaced Buildpack in a ClusterBuilder order fails synth', () => {
  const { chart, stack, sa } = setup();
  const bp = new Buildpack(chart, 'bp', { metadata: { name: 'node' }, image: 'a/node' });
  new ClusterBuilder(chart, 'builder', { tag: 'registry.io/builder:v1', stack, serviceAccount: sa, order: [{ group: [BuildpackRef.fromBuildpack(bp)] }] });
  expect(synthError(chart)).toMatch(/\[test\/builder\] spec\.order\[0\]\.group\[0\]/);
});

test('fromClusterBuilderName', () => {
  const { chart } = setup();
  expect(ClusterBuilder.fromClusterBuilderName(chart, 'd', 'default').kind).toBe('ClusterBuilder');
});
