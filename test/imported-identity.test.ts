/**
 * Objects imported by name keep their identity (issue 11 item 4): an import defaults to the chart's namespace for every
 * kind, and an object in another namespace is never confused with the app's own object of the same name.
 */
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  Build, BuildBuilder, NamespacedBuilder, Buildpack, ClusterBuilder, ClusterStack, CosignCredential, Image, ImageSource, RegistryCredential,
  Tenant, TenantBuilder,
} from '../src';
import { manifestOf } from './util';

const source = ImageSource.fromGit('https://github.com/example/app', 'main');

function apps() {
  const chart = new Chart(Testing.app(), 'apps', { namespace: 'apps' });
  const stack = ClusterStack.fromClusterStackName(chart, 'stack', 'base');
  return { chart, stack };
}

describe('imports default to the chart\'s namespace, for every kind', () => {
  test.each([
    ['Builder', (c: Chart) => NamespacedBuilder.fromBuilderName(c, 'x', 'shared').namespaceName],
    ['Buildpack', (c: Chart) => Buildpack.fromBuildpackName(c, 'x', 'java').namespaceName],
    ['Image', (c: Chart) => Image.fromImageName(c, 'x', 'web').namespaceName],
    ['RegistryCredential', (c: Chart) => RegistryCredential.fromSecretName(c, 'x', 'regcred', { registry: 'ghcr.io' }).namespaceName],
    ['CosignCredential', (c: Chart) => CosignCredential.fromSecretName(c, 'x', 'cosign').namespaceName],
  ])('%s', (_kind, namespaceOf) => {
    expect(namespaceOf(apps().chart)).toBe('apps');
    expect(namespaceOf(Testing.chart())).toBe('default');
  });

  test('an Image in a namespaced chart builds with an imported Builder of its namespace', () => {
    const { chart } = apps();
    new Image(chart, 'web', { tag: 'registry.io/apps/web', builder: NamespacedBuilder.fromBuilderName(chart, 'b', 'shared'), source });
    expect(manifestOf(chart, 'Image').spec.builder).toEqual({ kind: 'Builder', name: 'shared' });
  });
});

describe('an object in another namespace is not confused with the app\'s own of the same name', () => {
  test('an Image given a Builder imported from another namespace, with a Builder of the same name in its own', () => {
    const { chart, stack } = apps();
    new NamespacedBuilder(chart, 'own', { metadata: { name: 'shared' }, tag: 'registry.io/apps/builder:1', stack });
    const other = NamespacedBuilder.fromBuilderName(chart, 'other', 'shared', { namespaceName: 'ci' });
    expect(() => new Image(chart, 'web', { tag: 'registry.io/apps/web', builder: other, source }))
      .toThrow(/^Image "apps\/web": builder: Builder "shared" is in namespace "ci", the Image in "apps": kpack looks it up by name in the Image's namespace only, so it would use a Builder "shared" of namespace "apps" instead; use one in namespace "apps", or a ClusterBuilder$/);
  });

  test('a ClusterBuilder of the same name is a different object, and fine', () => {
    const { chart } = apps();
    new Image(chart, 'web', { tag: 'registry.io/apps/web', builder: ClusterBuilder.fromClusterBuilderName(chart, 'cb', 'shared'), source });
    expect(manifestOf(chart, 'Image').spec.builder).toEqual({ kind: 'ClusterBuilder', name: 'shared' });
  });

  test('a ServiceAccount from another namespace, for an Image, a Build, a Builder and a Buildpack', () => {
    const { chart, stack } = apps();
    new kplus.ServiceAccount(chart, 'own', { metadata: { name: 'builds' } });
    const sa = kplus.ServiceAccount.fromServiceAccountName(chart, 'other', 'builds', { namespaceName: 'ci' });
    const builder = ClusterBuilder.fromClusterBuilderName(chart, 'cb', 'base');
    const message = (kind: string, path: string) => new RegExp(`^${kind} "apps/${path}": serviceAccount: ServiceAccount "builds" is in namespace "ci", the ${kind} in "apps"`);
    expect(() => new Image(chart, 'i', { tag: 'registry.io/apps/web', builder, source, serviceAccount: sa })).toThrow(message('Image', 'i'));
    expect(() => new Build(chart, 'b', { tags: ['registry.io/apps/web:1'], builder: BuildBuilder.fromBuilder(builder), source, serviceAccount: sa })).toThrow(message('Build', 'b'));
    expect(() => new NamespacedBuilder(chart, 'bl', { tag: 'registry.io/apps/b:1', stack, serviceAccount: sa })).toThrow(message('Builder', 'bl'));
    expect(() => new Buildpack(chart, 'bp', { image: 'registry.io/bp:1', serviceAccount: sa })).toThrow(message('Buildpack', 'bp'));
  });

  test('a Tenant given a Builder of another namespace', () => {
    const app = Testing.app();
    const builder = NamespacedBuilder.fromBuilderName(app, 'b', 'shared', { namespaceName: 'team-b' });
    expect(() => new Tenant(app, 'team-a', { name: 'team-a', builder: TenantBuilder.fromBuilder(builder) }))
      .toThrow(/^Tenant "team-a": builder: Builder "shared" is in namespace "team-b", the Tenant in "team-a"/);
  });
});
