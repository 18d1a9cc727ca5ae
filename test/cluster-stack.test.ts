import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { ClusterStack, kpack, KpackCluster } from '../src';
import { manifestOf, synthError } from './util';
import { KIND_INFO } from '../src/validation/kinds';

const props = {
  stackId: 'io.buildpacks.stacks.jammy',
  buildImage: 'paketobuildpacks/build-jammy-base',
  runImage: 'paketobuildpacks/run-jammy-base',
};

test('renders the stack with no namespace, even in a chart that has one', () => {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'team-a' });
  new ClusterStack(chart, 'stack', { ...props, metadata: { name: 'base' } });
  expect(manifestOf(chart, 'ClusterStack')).toEqual({
    apiVersion: 'kpack.io/v1alpha2',
    kind: 'ClusterStack',
    metadata: { name: 'base' },
    spec: {
      id: 'io.buildpacks.stacks.jammy',
      buildImage: { image: 'paketobuildpacks/build-jammy-base' },
      runImage: { image: 'paketobuildpacks/run-jammy-base' },
    },
  });
});

test('the construct is its kpack object', () => {
  const chart = Testing.chart();
  const stack = new ClusterStack(chart, 'stack', props);
  expect(ApiObject.of(stack)).toBe(stack);
  expect(stack.kind).toBe('ClusterStack');
});

test('serviceAccountRef carries name and namespace of the service account', () => {
  const chart = Testing.chart();
  const sa = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'pull', namespace: 'kpack' } });
  new ClusterStack(chart, 'stack', { ...props, serviceAccount: sa });
  expect(manifestOf(chart, 'ClusterStack').spec.serviceAccountRef).toEqual({ name: 'pull', namespace: 'kpack' });
});

test('a build image that is not an image reference fails synth naming the field and value', () => {
  const chart = Testing.chart();
  new ClusterStack(chart, 'stack', { ...props, buildImage: 'Paketo Build' });
  expect(synthError(chart)).toMatch(/\[test\/stack\] spec\.buildImage\.image "Paketo Build"/);
});

test('an empty stack id is refused at once', () => {
  const chart = Testing.chart();
  expect(() => new ClusterStack(chart, 'stack', { ...props, stackId: '' })).toThrow(/^ClusterStack "test\/stack": stackId must not be empty/);
});

test('fromClusterStackName refers to a stack by name', () => {
  const chart = Testing.chart();
  const stack = ClusterStack.fromClusterStackName(chart, 'imported', 'base');
  expect(stack.name).toBe('base');
  expect(stack.kind).toBe('ClusterStack');
  expect(stack.namespaceName).toBeUndefined();
});

test('plain L1 objects (no L2 construct) are checked too, and report on their own path', () => {
  const chart = Testing.chart();
  new kpack.KpackClusterStack(chart, 'l1', { metadata: { name: 'raw' }, spec: { id: 'x', buildImage: { image: 'a/build' }, runImage: { image: 'Not Valid' } } });
  expect(synthError(chart)).toMatch(/\[test\/l1\] spec\.runImage\.image "Not Valid"/);
});

describe('the L1 class of every kind follows the kind table (src/validation/kinds.ts)', () => {
  test('a plain L1 ClusterStack in a namespaced chart is admitted without a warning', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'team', { namespace: 'team-a' });
    new kpack.KpackClusterStack(chart, 'l1', { metadata: { name: 'raw' }, spec: { id: 'x', buildImage: { image: 'a/build' }, runImage: { image: 'a/run' } } });
    expect(manifestOf(chart, 'ClusterStack').metadata).toEqual({ name: 'raw' });
    expect(KpackCluster.warningsOf(app)).toEqual([]);
  });

  test.each(Object.entries(KIND_INFO))('%s', (kind, info) => {
    const chart = new Chart(Testing.app(), 'team', { namespace: 'team-a' });
    const L1 = (kpack as any)[`Kpack${kind}`];
    expect(L1.GVK).toEqual({ apiVersion: 'kpack.io/v1alpha2', kind });
    // A cluster-scoped kind never carries the chart's namespace (the API server would refuse it).
    const l1: ApiObject = new L1(chart, 'l1', { metadata: { name: 'raw' } });
    expect(l1.toJson().metadata.namespace).toBe(info.clusterScoped ? undefined : 'team-a');
    const metadata = { name: 'raw', namespace: 'given' };
    expect(L1.manifest({ metadata }).metadata).toEqual(info.clusterScoped ? { name: 'raw' } : metadata);
    expect(metadata).toEqual({ name: 'raw', namespace: 'given' }); // the props are not changed
  });
});
