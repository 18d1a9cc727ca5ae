import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { NamespacedBuilder, Buildpack, BuildpackRef, ClusterBuildpack, ClusterLifecycle, ClusterStack, ClusterStore, KpackVersion } from '../src';
import { manifestOf, synthError } from './util';

function stack(chart: Chart) {
  return new ClusterStack(chart, 'stack', { metadata: { name: 'base' }, stackId: 'io.buildpacks.stacks.jammy', buildImage: 'a/build', runImage: 'a/run' });
}

test('writes every default kpack would fill in, so the webhook changes nothing', () => {
  const chart = Testing.chart();
  new NamespacedBuilder(chart, 'builder', { metadata: { name: 'my-builder' }, tag: 'registry.io/builder:v1', stack: stack(chart) });
  expect(manifestOf(chart, 'Builder')).toEqual({
    apiVersion: 'kpack.io/v1alpha2',
    kind: 'Builder',
    metadata: { name: 'my-builder', namespace: 'default' },
    spec: {
      tag: 'registry.io/builder:v1',
      stack: { kind: 'ClusterStack', name: 'base' },
      store: { kind: 'ClusterStore' },
      lifecycle: { kind: 'ClusterLifecycle', name: 'default-lifecycle' },
      serviceAccountName: 'default',
    },
  });
});

test('renders store, lifecycle, service account, labels and an order built lazily', () => {
  const chart = Testing.chart();
  const store = new ClusterStore(chart, 'store', { metadata: { name: 'default' }, sources: [{ image: 'a/java' }] });
  const lifecycle = new ClusterLifecycle(chart, 'lc', { metadata: { name: 'lc' }, image: 'buildpacksio/lifecycle:0.20.5' });
  const sa = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'builder-sa', namespace: 'default' } });
  const bp = new Buildpack(chart, 'bp', { metadata: { name: 'node' }, image: 'a/node' });
  const cbp = new ClusterBuildpack(chart, 'cbp', { metadata: { name: 'go' }, image: 'a/go' });
  const builder = new NamespacedBuilder(chart, 'builder', {
    tag: 'registry.io/builder:v1',
    stack: stack(chart),
    store,
    lifecycle,
    serviceAccount: sa,
    additionalLabels: { team: 'a' },
    order: [{ group: [BuildpackRef.fromId('paketo-buildpacks/java', { version: '1.2.3' })] }],
  });
  builder.addGroup(BuildpackRef.fromBuildpack(bp), BuildpackRef.fromClusterBuildpack(cbp, { buildpackId: 'paketo-buildpacks/go', optional: true }));
  const spec = manifestOf(chart, 'Builder').spec;
  expect(spec.store).toEqual({ kind: 'ClusterStore', name: 'default' });
  expect(spec.lifecycle).toEqual({ kind: 'ClusterLifecycle', name: 'lc' });
  expect(spec.serviceAccountName).toBe('builder-sa');
  expect(spec.additionalLabels).toEqual({ team: 'a' });
  expect(spec.order).toEqual([
    { group: [{ id: 'paketo-buildpacks/java', version: '1.2.3' }] },
    { group: [{ kind: 'Buildpack', name: 'node', id: '' }, { kind: 'ClusterBuildpack', name: 'go', id: 'paketo-buildpacks/go', optional: true }] },
  ]);
  expect(builder.order).toHaveLength(2);
});

test('rejects a tag with a digest at synth (B-1)', () => {
  const chart = Testing.chart();
  new NamespacedBuilder(chart, 'builder', { tag: `registry.io/builder@sha256:${'a'.repeat(64)}`, stack: stack(chart) });
  expect(synthError(chart)).toMatch(/\[test\/builder\] spec\.tag/);
});

test('rejects a namespaced Buildpack from another namespace', () => {
  const chart = Testing.chart();
  const bp = new Buildpack(chart, 'bp', { metadata: { name: 'node', namespace: 'team-b' }, image: 'a/node' });
  new NamespacedBuilder(chart, 'builder', { metadata: { namespace: 'team-a' }, tag: 'registry.io/builder:v1', stack: stack(chart), order: [{ group: [BuildpackRef.fromBuildpack(bp)] }] });
  expect(synthError(chart)).toMatch(/\[test\/builder\] .*team-b/);
});

test('rejects the same buildpack id twice in one group', () => {
  const chart = Testing.chart();
  new NamespacedBuilder(chart, 'builder', {
    tag: 'registry.io/builder:v1',
    stack: stack(chart),
    order: [{ group: [BuildpackRef.fromId('paketo-buildpacks/java'), BuildpackRef.fromId('paketo-buildpacks/java')] }],
  });
  expect(synthError(chart)).toMatch(/\[test\/builder\] .*paketo-buildpacks\/java/);
});

test('rejects an order id that no declared store provides, listing what is available', () => {
  const chart = Testing.chart();
  const store = new ClusterStore(chart, 'store', { sources: [{ image: 'a/java', buildpackIds: ['paketo-buildpacks/java'] }] });
  new NamespacedBuilder(chart, 'builder', { tag: 'registry.io/builder:v1', stack: stack(chart), store, order: [{ group: [BuildpackRef.fromId('paketo-buildpacks/ruby')] }] });
  const error = synthError(chart);
  expect(error).toMatch(/\[test\/builder\] .*paketo-buildpacks\/ruby/);
  expect(error).toMatch(/paketo-buildpacks\/java/);
});

test('an empty group is refused at once', () => {
  const chart = Testing.chart();
  const builder = new NamespacedBuilder(chart, 'builder', { tag: 'registry.io/builder:v1', stack: stack(chart) });
  expect(() => builder.addGroup()).toThrow(/at least one buildpack/);
});

test('a construct of the wrong kind is refused as the stack', () => {
  const chart = Testing.chart();
  const store = ClusterStore.fromClusterStoreName(chart, 'store', 'default');
  expect(() => new NamespacedBuilder(chart, 'builder', { tag: 'registry.io/builder:v1', stack: store })).toThrow(/stack must be a ClusterStack, got ClusterStore "default"/);
});

test('JSON patches on the L1 survive and are checked (unknown fields are errors)', () => {
  const chart = Testing.chart();
  const builder = new NamespacedBuilder(chart, 'builder', { tag: 'registry.io/builder:v1', stack: stack(chart) });
  ApiObject.of(builder).addJsonPatch(JsonPatch.add('/spec/additionalLabels', { patched: 'yes' }));
  expect(manifestOf(chart, 'Builder').spec.additionalLabels).toEqual({ patched: 'yes' });
  ApiObject.of(builder).addJsonPatch(JsonPatch.add('/spec/stak', { name: 'x' }));
  expect(synthError(chart)).toMatch(/spec\.stak.*stack/);
});

test('fromBuilderName', () => {
  const chart = Testing.chart();
  const b = NamespacedBuilder.fromBuilderName(chart, 'b', 'shared', { namespaceName: 'ci' });
  expect([b.kind, b.name, b.namespaceName]).toEqual(['Builder', 'shared', 'ci']);
});

test.each(KpackVersion.all())('the default lifecycle follows the app\'s kpack version (%s)', version => {
  const chart = Testing.chart();
  version.useIn(chart);
  new NamespacedBuilder(chart, 'builder', { tag: 'registry.io/builder:v1', stack: stack(chart) });
  expect(manifestOf(chart, 'Builder').spec.lifecycle).toEqual(version.hasClusterLifecycle
    ? { kind: 'ClusterLifecycle', name: 'default-lifecycle' } : undefined);
});

test('a ClusterLifecycle in an app that targets kpack v0.16.1 fails synth', () => {
  const chart = Testing.chart();
  KpackVersion.V0_16_1.useIn(chart);
  const lifecycle = new ClusterLifecycle(chart, 'lc', { image: 'buildpacksio/lifecycle:0.20.5' });
  new NamespacedBuilder(chart, 'builder', { tag: 'registry.io/builder:v1', stack: stack(chart), lifecycle });
  const error = synthError(chart);
  expect(error).toMatch(/\[test\/lc\] kind "ClusterLifecycle" does not exist in kpack v0\.16\.1/);
  expect(error).toMatch(/\[test\/builder\] kpack silently drops spec\.lifecycle/);
});
