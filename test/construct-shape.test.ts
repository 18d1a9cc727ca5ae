/**
 * The L2 constructs are their kpack object (one construct per object): what users reach through that shape, and the
 * names of objects given none, which stay those of cdk8s-plus's shape (an ApiObject child `Resource`).
 */
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ClusterStack, Image, ImageSource, NamespacedBuilder } from '../src';
import { PEERS, withPeer } from './cdk8s-peers';
import { manifestsOf } from './util';
import { constructAddress } from '../src/private/names';

const stackProps = {
  stackId: 'io.buildpacks.stacks.jammy',
  buildImage: 'paketobuildpacks/build-jammy-base',
  runImage: 'paketobuildpacks/run-jammy-base',
};

test('constructAddress is constructs\' own node.addr, Default ids left out', () => {
  for (const path of [['a'], ['a', 'Default', 'b'], ['Default'], ['x'.repeat(80), 'ü', '']]) {
    let scope: Construct = new Chart(new App(), 'chart');
    for (const id of path) scope = new Construct(scope, id || 'empty');
    const ids = scope.node.scopes.map(s => s.node.id);
    expect(constructAddress(ids)).toBe(scope.node.addr);
  }
});

// Over the oldest and newest cdk8s of the peer range: the names come from cdk8s's own naming, given the old path.
describe.each(PEERS)('an object given no name keeps the name of cdk8s-plus\'s shape, with $module ($version)', peer => {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded in this module registry, after the mapping */
  const { cdk8s, lib } = withPeer(peer, () => ({ cdk8s: require('cdk8s') as typeof import('cdk8s'), lib: require('../src') as typeof import('../src') }));
  /* eslint-enable @typescript-eslint/no-require-imports */

  /** The name cdk8s gives an ApiObject `Resource` of `kind` under a construct at `ids` (below the chart) of `chart`. */
  function childName(chart: Chart, ids: string[], kind: string): string {
    let scope: Construct = chart;
    for (const id of ids) scope = new Construct(scope, id);
    return new cdk8s.ApiObject(scope, 'Resource', { apiVersion: 'kpack.io/v1alpha2', kind }).name;
  }

  test('the module is the cdk8s version it stands for', () => {
    expect((cdk8s.App as any)[Symbol.for('jsii.rtti')]).toEqual({ fqn: 'cdk8s.App', version: peer.version });
  });

  test.each([
    ['a chart with hashes', (app: App) => new cdk8s.Chart(app, 'builds')],
    ['a chart without hashes', (app: App) => new cdk8s.Chart(app, 'builds', { disableResourceNameHashes: true })],
    ['a nested chart with a namespace', (app: App) => new cdk8s.Chart(new cdk8s.Chart(app, 'outer'), 'inner', { namespace: 'team-a' })],
    ['a chart that names objects itself', (app: App) => new (class extends cdk8s.Chart {
      public generateObjectName(o: ApiObject): string {
        return `${o.kind.toLowerCase()}-${cdk8s.Names.toDnsLabel(o, { includeHash: false })}`;
      }
    })(app, 'custom')],
  ])('%s', (_, makeChart) => {
    const chart = makeChart(new cdk8s.App());
    const stack = new lib.ClusterStack(chart, 'stack', stackProps);
    const store = new lib.ClusterStore(new Construct(chart, 'Default'), 'store', { sources: [{ image: 'paketobuildpacks/java' }] });
    const builder = new lib.ClusterBuilder(new Construct(chart, 'group'), 'builder', {
      tag: 'registry.example.com/builders/java',
      stack,
      store,
      serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'builder'),
      order: [{ group: [lib.BuildpackRef.fromId('paketo-buildpacks/java')] }],
    });
    const reference = makeChart(new cdk8s.App());
    expect(stack.name).toBe(childName(reference, ['stack'], 'ClusterStack'));
    expect(store.name).toBe(childName(reference, ['Default', 'store'], 'ClusterStore'));
    expect(builder.name).toBe(childName(reference, ['group', 'builder'], 'ClusterBuilder'));
    expect(new Set([stack.name, store.name, builder.name]).size).toBe(3);
  });

  test('a chart whose namer reads more of the object than a name needs gets a clear error, not a TypeError', () => {
    const chart = new (class extends cdk8s.Chart {
      public generateObjectName(o: ApiObject): string {
        return `${o.metadata.namespace}-${o.kind.toLowerCase()}`;
      }
    })(new cdk8s.App(), 'custom');
    expect(() => new lib.ClusterStack(chart, 'stack', stackProps)).toThrow(
      /^ClusterStack "custom\/stack": the chart's generateObjectName read "metadata" of the object it names; .* give the object a name in metadata/);
    expect(new lib.ClusterStack(chart, 'named', { ...stackProps, metadata: { name: 'base' } }).name).toBe('base');
  });
});

test('an unnamed object\'s generated name is the one written', () => {
  const chart = Testing.chart();
  const stack = new ClusterStack(chart, 'stack', stackProps);
  expect(manifestsOf(chart, 'ClusterStack').map(m => m.metadata.name)).toEqual([stack.name]);
  expect(stack.name).toMatch(/^test-stack-c8[0-9a-f]{6}$/);
});

test('one construct per object: no Resource child, escape hatches on the construct itself', () => {
  const chart = new Chart(Testing.app(), 'c', { namespace: 'team-a' });
  const stack = ClusterStack.fromClusterStackName(chart, 'stack', 'base');
  const builder = new NamespacedBuilder(chart, 'builder', { metadata: { name: 'b' }, tag: 'registry.example.com/builders/b', stack });
  const image = new Image(chart, 'image', { metadata: { name: 'app' }, tag: 'registry.example.com/app', builder, source: ImageSource.fromGit('https://github.com/example/app', 'main') });
  expect(image.node.tryFindChild('Resource')).toBeUndefined();
  expect(ApiObject.of(image)).toBe(image);
  image.addJsonPatch({ _toJson: () => ({ op: 'add', path: '/metadata/labels', value: { patched: 'yes' } }) } as any);
  expect(manifestsOf(chart, 'Image')[0].metadata.labels).toEqual({ patched: 'yes' });
  expect(image.namespaceName).toBe('team-a');
  expect(image.resourceType).toBe('images');
  expect(image.resourceName).toBe('app');
  expect(image.asApiResource()).toBe(image);
  expect(image.asNonApiResource()).toBeUndefined();
});

test('permissions grant a Role on the object and bind it', () => {
  const chart = new Chart(Testing.app(), 'c', { namespace: 'team-a' });
  const stack = ClusterStack.fromClusterStackName(chart, 'stack', 'base');
  const builder = new NamespacedBuilder(chart, 'builder', { metadata: { name: 'b' }, tag: 'registry.example.com/builders/b', stack });
  const reader = new kplus.ServiceAccount(chart, 'reader', { metadata: { name: 'reader' } });
  builder.permissions.grantRead(reader);
  const role = Testing.synth(chart).find(m => m.kind === 'Role');
  expect(role.metadata.namespace).toBe('team-a');
  expect(role.rules).toEqual([expect.objectContaining({ apiGroups: ['kpack.io'], resources: ['builders'], resourceNames: ['b'] })]);
  expect(Testing.synth(chart).find(m => m.kind === 'RoleBinding').subjects).toEqual([expect.objectContaining({ kind: 'ServiceAccount', name: 'reader' })]);
});
