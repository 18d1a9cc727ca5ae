import * as path from 'path';
import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  ClusterBuildpack, ClusterStack, ClusterStore, KpackValidator, KpackVersion, KpDescriptor, PaketoStack, Severity,
} from '../src';
import { synthError } from './util';

const FIXTURES = path.join(__dirname, 'fixtures', 'kp');
const REPO = 'registry.example.com/kpack';

function synthFixture(file: string, options = {}) {
  const chart = Testing.chart();
  const descriptor = KpDescriptor.fromFile(chart, 'deps', path.join(FIXTURES, file), { defaultRepository: REPO, ...options });
  return { chart, descriptor, manifests: Testing.synth(chart) };
}

const names = (manifests: any[]) => manifests.map(m => `${m.kind}/${m.metadata.name}`);
const byName = (manifests: any[], kind: string, name: string) => manifests.find(m => m.kind === kind && m.metadata.name === name);
const KP_SA = { name: 'default', namespace: 'kpack' };

test.each([
  ['v1.yaml', 'kp.kpack.io/v1'],
  ['v1alpha3.yaml', 'kp.kpack.io/v1alpha3'],
  ['v1alpha1.yaml', 'kp.kpack.io/v1alpha1'],
])('%s converts to manifests the rule engine admits (every vendored kpack version with lifecycles)', (file, apiVersion) => {
  const { descriptor, manifests } = synthFixture(file, { stackIds: file === 'v1alpha3.yaml' ? { base: 'io.buildpacks.stacks.jammy' } : undefined });
  expect(descriptor.apiVersion).toBe(apiVersion);
  for (const version of KpackVersion.all().filter(v => v.hasClusterLifecycle)) {
    const errors = KpackValidator.validateManifests(manifests, {
      kpackVersion: version.tag,
      strictReferences: true,
      externalObjects: [{ kind: 'ServiceAccount', name: 'default', namespaceName: 'kpack' }],
    })
      .filter(f => f.severity === Severity.ERROR);
    expect(errors).toEqual([]);
  }
});

test('v1: every list, the default copies (default, default-lifecycle), kp\'s order of objects', () => {
  const { manifests } = synthFixture('v1.yaml');
  expect(names(manifests)).toEqual([
    'ClusterLifecycle/lifecycle-a', 'ClusterLifecycle/default-lifecycle',
    'ClusterBuildpack/java',
    'ClusterStore/default',
    'ClusterStack/base', 'ClusterStack/tiny', 'ClusterStack/default',
    'ClusterBuilder/base', 'ClusterBuilder/tiny', 'ClusterBuilder/default',
  ]);
  expect(byName(manifests, 'ClusterLifecycle', 'default-lifecycle').spec).toEqual({ image: 'buildpacksio/lifecycle:0.20.5', serviceAccountRef: KP_SA });
  expect(byName(manifests, 'ClusterStack', 'default').spec).toEqual(byName(manifests, 'ClusterStack', 'base').spec);
  expect(byName(manifests, 'ClusterStack', 'base').spec).toEqual({
    id: 'io.buildpacks.stacks.jammy',
    buildImage: { image: 'paketobuildpacks/build-jammy-base:0.1.244' },
    runImage: { image: 'paketobuildpacks/run-jammy-base:0.1.244' },
    serviceAccountRef: KP_SA,
  });
  expect(byName(manifests, 'ClusterStack', 'tiny').spec.id).toBe('io.buildpacks.stacks.jammy.tiny');
  expect(byName(manifests, 'ClusterStore', 'default').spec.sources).toEqual([
    { image: 'paketobuildpacks/nodejs:10.5.0' }, { image: 'paketobuildpacks/go:4.19.19' },
  ]);
  const base = byName(manifests, 'ClusterBuilder', 'base').spec;
  expect(base).toEqual({
    tag: `${REPO}:clusterbuilder-base`,
    stack: { kind: 'ClusterStack', name: 'base' },
    store: { kind: 'ClusterStore', name: 'default' },
    lifecycle: { kind: 'ClusterLifecycle', name: 'default-lifecycle' },
    serviceAccountRef: KP_SA,
    order: [
      { group: [{ kind: 'ClusterBuildpack', name: 'java', id: '' }] },
      { group: [{ id: 'paketo-buildpacks/nodejs' }] },
      { group: [{ id: 'paketo-buildpacks/go', version: '4.19.19', optional: true }] },
    ],
  });
  const copy = byName(manifests, 'ClusterBuilder', 'default').spec;
  expect(copy.tag).toBe(`${REPO}:clusterbuilder-default`);
  expect({ ...copy, tag: base.tag }).toEqual(base);
  const tiny = byName(manifests, 'ClusterBuilder', 'tiny').spec;
  expect(tiny.store).toEqual({}); // as kpack stores a ClusterBuilder without a store
  expect(tiny.order).toEqual([{ group: [{ kind: 'ClusterBuildpack', name: 'java', id: 'paketo-buildpacks/java' }] }]);
  for (const m of manifests) expect(m.metadata.namespace).toBeUndefined();
});

test('v1alpha3: lifecycle.image becomes default-lifecycle; stack ids from the option and from the catalog', () => {
  const { manifests } = synthFixture('v1alpha3.yaml', { stackIds: { base: 'io.buildpacks.stacks.jammy' } });
  expect(names(manifests)).toEqual([
    'ClusterLifecycle/default-lifecycle', 'ClusterStore/default',
    'ClusterStack/base', 'ClusterStack/full', 'ClusterStack/default',
    'ClusterBuilder/base', 'ClusterBuilder/full', 'ClusterBuilder/default',
  ]);
  expect(byName(manifests, 'ClusterLifecycle', 'default-lifecycle').spec.image).toMatch(/^registry\.example\.com\/tbs-dependencies\/lifecycle@sha256:/);
  expect(byName(manifests, 'ClusterStack', 'full').spec.id).toBe(PaketoStack.JAMMY_FULL.stackId);
  expect(byName(manifests, 'ClusterStack', 'default').spec.id).toBe('io.buildpacks.stacks.jammy');
});

test('v1alpha1: defaultStack, stores and stacks, builders with stack/store; a default already named default is not copied', () => {
  const { manifests } = synthFixture('v1alpha1.yaml');
  expect(names(manifests)).toEqual(['ClusterStore/default', 'ClusterStack/bionic', 'ClusterStack/default', 'ClusterBuilder/default']);
  expect(byName(manifests, 'ClusterBuilder', 'default').spec).toMatchObject({
    tag: `${REPO}:clusterbuilder-default`,
    stack: { kind: 'ClusterStack', name: 'bionic' },
    store: { kind: 'ClusterStore', name: 'default' },
    order: [{ group: [{ id: 'paketo-buildpacks/java', version: '5.0.0' }] }, { group: [{ id: 'paketo-buildpacks/nodejs' }] }],
  });
});

test('options: kp-config service account, trailing slash of the repository, objects that exist elsewhere', () => {
  const chart = Testing.chart();
  const sa = kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'kp-default-repository-serviceaccount', { namespaceName: 'kpack' });
  const stack = ClusterStack.fromClusterStackName(chart, 'stack', 'existing-stack');
  const store = new ClusterStore(chart, 'store', { metadata: { name: 'existing-store' }, sources: [{ image: 'a/b' }] });
  const buildpack = ClusterBuildpack.fromClusterBuildpackName(chart, 'bp', 'existing-bp');
  const d = KpDescriptor.fromString(chart, 'deps', [
    'apiVersion: kp.kpack.io/v1',
    'clusterBuilders:',
    '- name: b',
    '  clusterStack: existing-stack',
    '  clusterStore: existing-store',
    '  order: [{group: [{kind: ClusterBuildpack, name: existing-bp}]}]',
  ].join('\n'), { defaultRepository: 'registry.example.com/kp/', serviceAccount: sa, clusterStacks: [stack], clusterStores: [store], clusterBuildpacks: [buildpack] });
  expect(d.serviceAccount).toBe(sa);
  expect(d.findClusterBuilder('b').name).toBe('b');
  const builder = Testing.synth(chart).find(m => m.kind === 'ClusterBuilder').spec;
  expect(builder.tag).toBe('registry.example.com/kp:clusterbuilder-b');
  expect(builder.serviceAccountRef).toEqual({ name: 'kp-default-repository-serviceaccount', namespace: 'kpack' });
  expect(builder.stack.name).toBe('existing-stack');
  expect(synthError(chart)).toBeUndefined();
});

test('accessors: lists and lookups by name, with an error naming what exists', () => {
  const { descriptor } = synthFixture('v1.yaml');
  expect(descriptor.clusterStacks.map(s => s.name)).toEqual(['base', 'tiny', 'default']);
  expect(descriptor.clusterBuilders.map(s => s.name)).toEqual(['base', 'tiny', 'default']);
  expect(descriptor.clusterStores.map(s => s.name)).toEqual(['default']);
  expect(descriptor.clusterLifecycles.map(s => s.name)).toEqual(['lifecycle-a', 'default-lifecycle']);
  expect(descriptor.clusterBuildpacks.map(s => s.name)).toEqual(['java']);
  expect(descriptor.findClusterStack('default').stackId).toBe('io.buildpacks.stacks.jammy');
  expect(descriptor.findClusterStore('default').sources).toHaveLength(2);
  expect(descriptor.findClusterLifecycle('default-lifecycle').image).toBe('buildpacksio/lifecycle:0.20.5');
  expect(descriptor.findClusterBuildpack('java').image).toBe('paketobuildpacks/java:22.1.0');
  expect(() => descriptor.findClusterBuilder('nope')).toThrow(/v1\.yaml has no ClusterBuilder "nope" \(it has: "base", "tiny", "default"\)/);
});

const V1 = 'apiVersion: kp.kpack.io/v1\n';
const STACK = 'clusterStacks:\n- name: base\n  buildImage: {image: paketobuildpacks/build-jammy-base}\n  runImage: {image: paketobuildpacks/run-jammy-base}\n';

test.each([
  ['unknown apiVersion', 'apiVersion: kp.kpack.io/v2\n', /kp descriptor f\.yaml: apiVersion \(line 1\): apiVersion "kp\.kpack\.io\/v2" is not one kp accepts: kp\.kpack\.io\/v1alpha1, kp\.kpack\.io\/v1alpha3, kp\.kpack\.io\/v1/],
  ['v1alpha2', 'apiVersion: kp.kpack.io/v1alpha2\n', /kp no longer reads v1alpha2.*change the apiVersion to kp\.kpack\.io\/v1alpha3/],
  ['no apiVersion', 'kind: DependencyDescriptor\n', /apiVersion nothing is not one kp accepts/],
  ['not a map', '- a\n', /kp descriptor f\.yaml: must be a map/],
  ['bad YAML', 'apiVersion: [\n', /kp descriptor f\.yaml \(line \d\): not valid YAML/],
  ['unknown field of the version', `${V1}stacks: []\n`, /stacks \(line 2\): unknown field "stacks"; the fields in kp\.kpack\.io\/v1 are apiVersion, kind, defaultClusterLifecycle/],
  ['duplicate names', `${V1}${STACK}- name: base\n  buildImage: {image: a/b}\n  runImage: {image: a/c}\n`, /clusterStacks\[1\] "base" \(line 6\): duplicate name "base": clusterStacks\[0\] has it too/],
  ['empty name', `${V1}clusterLifecycles:\n- name: ""\n  image: a/b\n`, /clusterLifecycles\[0\] \(line 3\): name must not be empty/],
  ['default naming nothing', `${V1}${STACK}defaultClusterStack: jammy\n`, /defaultClusterStack \(line 6\): defaultClusterStack "jammy" names no entry of clusterStacks \(there: "base"\)/],
  ['default builder naming nothing', `${V1}defaultClusterBuilder: x\n`, /defaultClusterBuilder "x" names no entry of clusterBuilders \(there: none\)/],
  ['v1alpha1 defaultStack', 'apiVersion: kp.kpack.io/v1alpha1\ndefaultStack: x\n', /defaultStack "x" names no entry of stacks/],
  ['image that does not parse', `${V1}clusterBuildpacks:\n- name: java\n  image: Paketo/Java\n`, /clusterBuildpacks\[0\] "java" \(line 4\): image "Paketo\/Java" is not a valid image reference: repository must be lower case/],
  ['store source that does not parse', `${V1}clusterStores:\n- name: s\n  sources:\n  - image: ok/one\n  - image: "bad image"\n`, /clusterStores\[0\] "s" \(line 6\): sources\[1\]\.image "bad image" is not a valid image reference/],
  ['stack image missing', `${V1}clusterStacks:\n- name: s\n  buildImage: {image: a/b}\n  runImage: {}\n`, /clusterStacks\[0\] "s" \(line \d\): runImage\.image must be given/],
  ['v1alpha3 lifecycle image', 'apiVersion: kp.kpack.io/v1alpha3\nlifecycle:\n  image: "x y"\n', /lifecycle\.image \(line 3\): lifecycle\.image "x y" is not a valid image reference/],
  ['alias clash', `${V1}${STACK}- name: default\n  buildImage: {image: a/b}\n  runImage: {image: a/c}\ndefaultClusterStack: base\n`, /clusterStacks\[1\] "default" \(line 6\): the name "default" is taken by the copy kp makes of defaultClusterStack "base"/],
  ['builder without stack', `${V1}clusterBuilders:\n- name: b\n  order: []\n`, /clusterBuilders\[0\] "b" \(line 3\): clusterStack must name the ClusterStack/],
  ['empty group', `${V1}clusterBuilders:\n- name: b\n  clusterStack: s\n  order:\n  - group: []\n`, /clusterBuilders\[0\] "b" \(line 6\): group must list at least one buildpack/],
  ['namespaced Buildpack in order', `${V1}clusterBuilders:\n- name: b\n  clusterStack: s\n  order:\n  - group:\n    - {kind: Buildpack, name: x}\n`, /kind "Buildpack" is not allowed in a ClusterBuilder/],
  ['v1alpha1 order with a resource', 'apiVersion: kp.kpack.io/v1alpha1\nclusterBuilders:\n- name: b\n  stack: s\n  order:\n  - group:\n    - {kind: ClusterBuildpack, name: x}\n', /unknown field "kind"; the fields here are id, version, optional/],
  ['order entry without id', `${V1}clusterBuilders:\n- name: b\n  clusterStack: s\n  order:\n  - group:\n    - {version: 1.0.0}\n`, /an order entry needs an id, or kind: ClusterBuildpack and a name/],
  ['optional not a boolean', `${V1}clusterBuilders:\n- name: b\n  clusterStack: s\n  order:\n  - group:\n    - {id: x, optional: "yes"}\n`, /optional must be true or false, got "yes"/],
  ['a list that is not', `${V1}clusterStores: {name: s}\n`, /clusterStores must be a list/],
])('a descriptor with %s fails with the file, entry and value', (_, text, message) => {
  expect(() => KpDescriptor.fromString(Testing.chart(), 'd', text, { defaultRepository: REPO }))
    .toThrow(new RegExp(message.source.replace('f\\.yaml', 'descriptor')));
  const withFile = () => new KpDescriptor(Testing.chart(), 'd', { content: text, fileName: 'f.yaml', defaultRepository: REPO });
  expect(withFile).toThrow(message);
});

test.each([
  ['a stack neither in the descriptor nor given',
    `${V1}${STACK}clusterBuilders:\n- name: b\n  clusterStack: jammy\n`,
    /clusterBuilders\[0\] "b" \(line 7\): clusterStack names ClusterStack "jammy", which is neither in the descriptor nor given in the clusterStacks option \(known: "base"\)/],
  ['a store neither in the descriptor nor given',
    `${V1}${STACK}clusterBuilders:\n- name: b\n  clusterStack: base\n  clusterStore: paketo\n`,
    /clusterStore names ClusterStore "paketo", which is neither in the descriptor nor given in the clusterStores option \(known: none\)/],
  ['a v1alpha1 store',
    'apiVersion: kp.kpack.io/v1alpha1\nstacks:\n- name: base\n  buildImage: {image: paketobuildpacks/build-jammy-base}\n  runImage: {image: paketobuildpacks/run-jammy-base}\nclusterBuilders:\n- name: b\n  stack: base\n  store: x\n',
    /store names ClusterStore "x"/],
  ['a cluster buildpack neither in the descriptor nor given',
    `${V1}${STACK}clusterBuilders:\n- name: b\n  clusterStack: base\n  order: [{group: [{kind: ClusterBuildpack, name: java}]}]\n`,
    /order names ClusterBuildpack "java", which is neither in the descriptor nor given in the clusterBuildpacks option/],
  ['a stack whose id is unknown',
    `${V1}clusterStacks:\n- name: custom\n  buildImage: {image: registry.example.com/build:1}\n  runImage: {image: registry.example.com/run:1}\n`,
    /clusterStacks\[0\] "custom" \(line 3\): the stack id of buildImage "registry\.example\.com\/build:1" cannot be read offline .* stackIds: \{ "custom": .*--stack-id custom=<id>/],
])('a builder or stack that references %s fails', (_, text, message) => {
  expect(() => KpDescriptor.fromString(Testing.chart(), 'd', text, { defaultRepository: REPO })).toThrow(message);
});

test('builders need a default repository, which must be a repository', () => {
  const text = `${V1}${STACK}clusterBuilders:\n- name: b\n  clusterStack: base\n`;
  expect(() => KpDescriptor.fromString(Testing.chart(), 'd', text)).toThrow(/clusterBuilders\[0\] "b" \(line 7\): kp tags builders <default repository>:clusterbuilder-<name>; give the defaultRepository option/);
  expect(() => KpDescriptor.fromString(Testing.chart(), 'd', text, { defaultRepository: 'registry.example.com/kp:v1' })).toThrow(/defaultRepository "registry\.example\.com\/kp:v1" is not a valid image repository: it has a tag/);
  expect(() => KpDescriptor.fromString(Testing.chart(), 'd', text, { defaultRepository: 'Registry/KP' })).toThrow(/defaultRepository "Registry\/KP" is not a valid image repository: repository must be lower case/);
  // No builders: no repository needed.
  expect(() => KpDescriptor.fromString(Testing.chart(), 'd', `${V1}${STACK}`)).not.toThrow();
});

test('stackIds must name descriptor stacks and not be empty', () => {
  expect(() => KpDescriptor.fromString(Testing.chart(), 'd', `${V1}${STACK}`, { stackIds: { jammy: 'x' } }))
    .toThrow(/the stackIds option names the stack "jammy", which the descriptor does not list \(its stacks: "base"\)/);
  expect(() => KpDescriptor.fromString(Testing.chart(), 'd', `${V1}${STACK}`, { stackIds: { base: '' } })).toThrow(/empty id/);
  const chart = Testing.chart();
  KpDescriptor.fromString(chart, 'd', `${V1}${STACK}`, { stackIds: { base: 'com.example.stack' } });
  expect(Testing.synth(chart)[0].spec.id).toBe('com.example.stack');
});

test('fromFile names a missing file', () => {
  expect(() => KpDescriptor.fromFile(Testing.chart(), 'd', '/nonexistent/deps.yaml')).toThrow(/kp descriptor \/nonexistent\/deps\.yaml: cannot read the file/);
});
