import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { NamespacedBuilder, ClusterBuilder, ClusterStack, Image, ImageCache, ImageSource, ImageTaggingStrategy, ServiceBinding } from '../src';
import { manifestOf, synthError } from './util';
import * as kpack from '../src/imports/kpack';

function setup(namespace?: string) {
  const chart = new Chart(Testing.app(), 'test', { namespace });
  const stack = ClusterStack.fromClusterStackName(chart, 'stack', 'base');
  const builder = new NamespacedBuilder(chart, 'builder', { metadata: { name: 'my-builder' }, tag: 'registry.io/builder:v1', stack });
  return { chart, builder };
}
const git = ImageSource.fromGit('https://github.com/example/app', 'main');

test('writes every default kpack would fill in', () => {
  const { chart, builder } = setup();
  new Image(chart, 'image', { metadata: { name: 'app' }, tag: 'registry.io/app', builder, source: git });
  expect(manifestOf(chart, 'Image')).toEqual({
    apiVersion: 'kpack.io/v1alpha2',
    kind: 'Image',
    metadata: { name: 'app', namespace: 'default' },
    spec: {
      tag: 'registry.io/app',
      builder: { kind: 'Builder', name: 'my-builder' },
      serviceAccountName: 'default',
      source: { git: { url: 'https://github.com/example/app', revision: 'main' } },
      cache: { volume: { size: '2G' } },
      failedBuildHistoryLimit: 10,
      successBuildHistoryLimit: 10,
      imageTaggingStrategy: 'BuildNumber',
    },
  });
});

test('renders every optional field', () => {
  const { chart, builder } = setup('team-a');
  const sa = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'build-sa' } });
  const bindingSecret = kplus.Secret.fromSecretName(chart, 'binding', 'maven-settings');
  const image = new Image(chart, 'image', {
    tag: 'registry.io/app:1',
    builder,
    serviceAccount: sa,
    source: ImageSource.fromGit('https://github.com/example/app', 'main', { initializeSubmodules: true, subPath: 'web' }),
    additionalTags: ['registry.io/app:latest'],
    cache: ImageCache.volume({ size: Size.gibibytes(5), storageClassName: 'fast' }),
    failedBuildHistoryLimit: 3,
    successBuildHistoryLimit: 4,
    imageTaggingStrategy: ImageTaggingStrategy.NONE,
    projectDescriptorPath: 'web/project.toml',
    defaultProcess: 'worker',
    cosignAnnotations: { team: 'a' },
    env: { BP_JVM_VERSION: kplus.EnvValue.fromValue('21') },
    resources: { cpu: { request: kplus.Cpu.millis(500), limit: kplus.Cpu.units(2) }, memory: { limit: Size.gibibytes(4) } },
    tolerations: [{ key: 'builds', matchOperator: 'Exists', effect: 'NoSchedule' }],
    nodeSelector: { 'kubernetes.io/arch': 'amd64' },
    runtimeClassName: 'gvisor',
    schedulerName: 'batch',
    services: [ServiceBinding.fromSecret(bindingSecret)],
    buildTimeout: Duration.minutes(30),
    creationTime: 'now',
  });
  image.addAdditionalTag('registry.io/app:stable');
  image.addEnv('BP_NODE_VERSION', kplus.EnvValue.fromValue('20'));
  const spec = manifestOf(chart, 'Image').spec;
  expect(manifestOf(chart, 'Image').metadata.namespace).toBe('team-a');
  expect(spec.serviceAccountName).toBe('build-sa');
  expect(spec.source).toEqual({ git: { url: 'https://github.com/example/app', revision: 'main', initializeSubmodules: true }, subPath: 'web' });
  expect(spec.additionalTags).toEqual(['registry.io/app:latest', 'registry.io/app:stable']);
  expect(spec.cache).toEqual({ volume: { size: '5Gi', storageClassName: 'fast' } });
  expect([spec.failedBuildHistoryLimit, spec.successBuildHistoryLimit, spec.imageTaggingStrategy]).toEqual([3, 4, 'None']);
  expect([spec.projectDescriptorPath, spec.defaultProcess]).toEqual(['web/project.toml', 'worker']);
  expect(spec.cosign).toEqual({ annotations: [{ name: 'team', value: 'a' }] });
  expect(spec.build).toEqual({
    env: [{ name: 'BP_JVM_VERSION', value: '21' }, { name: 'BP_NODE_VERSION', value: '20' }],
    resources: { requests: { cpu: '500m' }, limits: { cpu: '2', memory: '4Gi' } },
    tolerations: [{ key: 'builds', operator: 'Exists', effect: 'NoSchedule' }],
    nodeSelector: { 'kubernetes.io/arch': 'amd64' },
    runtimeClassName: 'gvisor',
    schedulerName: 'batch',
    services: [{ apiVersion: 'v1', kind: 'Secret', name: 'maven-settings' }],
    buildTimeout: 1800,
    creationTime: 'now',
  });
});

test.each([
  ['blob', ImageSource.fromBlob('https://example.com/app.zip', { stripComponents: 1 }), { blob: { url: 'https://example.com/app.zip', stripComponents: 1 } }],
  ['registry', ImageSource.fromRegistry('registry.io/source:1'), { registry: { image: 'registry.io/source:1' } }],
])('%s source', (_name, source, expected) => {
  const { chart, builder } = setup();
  new Image(chart, 'image', { tag: 'registry.io/app', builder, source });
  expect(manifestOf(chart, 'Image').spec.source).toEqual(expected);
});

test.each([
  ['registry', ImageCache.registry('registry.io/app-cache'), { registry: { tag: 'registry.io/app-cache' } }],
  ['none', ImageCache.none(), {}],
])('%s cache', (_name, cache, expected) => {
  const { chart, builder } = setup();
  new Image(chart, 'image', { tag: 'registry.io/app', builder, source: git, cache });
  expect(manifestOf(chart, 'Image').spec.cache).toEqual(expected);
});

test('uses a ClusterBuilder by kind', () => {
  const chart = Testing.chart();
  new Image(chart, 'image', { tag: 'registry.io/app', builder: ClusterBuilder.fromClusterBuilderName(chart, 'b', 'default'), source: git });
  expect(manifestOf(chart, 'Image').spec.builder).toEqual({ kind: 'ClusterBuilder', name: 'default' });
});

test.each([
  ['tag', { tag: 'registry.io/My App' }, /spec\.tag "registry\.io\/My App"/],
  ['additional tag on another registry', { additionalTags: ['other.io/app'] }, /spec\.additionalTags/],
  ['secret env', { env: { TOKEN: kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(new Chart(Testing.app(), 'x'), 's', 's'), key: 'k' }) } }, /secretKeyRef/],
  ['creation time', { creationTime: 'yesterday' }, /spec\.build\.creationTime "yesterday"/],
])('rejects a bad %s at synth', (_name, extra, error) => {
  const { chart, builder } = setup();
  new Image(chart, 'image', { tag: 'registry.io/app', builder, source: git, ...extra });
  expect(synthError(chart)).toMatch(error);
});

test.each([
  ['history limit', { failedBuildHistoryLimit: 0 }, /^Image "test\/image": failedBuildHistoryLimit 0 is too small: give a whole number, at least 1$/],
  ['os node selector', { nodeSelector: { 'kubernetes.io/os': 'linux' } }, /^Image "test\/image": nodeSelector must not use the key "kubernetes\.io\/os": kpack sets/],
])('rejects a bad %s at once', (_name, extra, error) => {
  const { chart, builder } = setup();
  expect(() => new Image(chart, 'image', { tag: 'registry.io/app', builder, source: git, ...extra })).toThrow(error);
});

test('rejects a Builder from another namespace, saying where it is', () => {
  const { chart, builder } = setup();
  expect(() => new Image(chart, 'image', { metadata: { namespace: 'team-b' }, tag: 'registry.io/app', builder, source: git }))
    .toThrow(/^Image "test\/image": builder: Builder "my-builder" is in namespace "default", the Image in "team-b": kpack looks it up by name/);
});

test('a fractional build timeout is refused at once', () => {
  const { chart, builder } = setup();
  expect(() => new Image(chart, 'image', { tag: 'registry.io/app', builder, source: git, buildTimeout: Duration.millis(1500) }))
    .toThrow(/buildTimeout must be a whole number of seconds/);
});

test('two Images with the same name in one namespace fail synth', () => {
  const { chart, builder } = setup();
  new Image(chart, 'a', { metadata: { name: 'app' }, tag: 'registry.io/app', builder, source: git });
  new Image(chart, 'b', { metadata: { name: 'app' }, tag: 'registry.io/app2', builder, source: git });
  expect(synthError(chart)).toMatch(/\[test\/b\]/);
});

test('fromImageName', () => {
  const chart = Testing.chart();
  expect(Image.fromImageName(chart, 'i', 'app', { namespaceName: 'x' }).namespaceName).toBe('x');
});

test('the generated spec converter keeps set fields in order, under kpack\'s names, and drops unset ones', () => {
  // The converters of src/imports filter undefined fields in one pass (projenrc/gen-kpack-api.ts rewrites
  // json2jsii's quadratic filter): same keys, same order as before.
  const json = kpack.toJson_ImageSpec({
    tag: 'registry.io/app',
    additionalTags: undefined,
    imageBuild: { nodeSelector: { 'kubernetes.io/os': 'linux', 'zone': undefined as any, 'arch': 'amd64' }, env: undefined },
    builder: { kind: 'Builder', name: 'b' },
    source: { git: { url: 'https://github.com/example/app', revision: 'main' } },
  })!;
  expect(Object.keys(json)).toEqual(['build', 'builder', 'source', 'tag']);
  expect(Object.keys(json.build)).toEqual(['nodeSelector']);
  expect(Object.keys(json.build.nodeSelector)).toEqual(['kubernetes.io/os', 'arch']);
});

test('the generated converters keep a `__proto__` map key as an own field, as json2jsii\'s filter did', () => {
  const json = kpack.toJson_ImageBuild({ nodeSelector: JSON.parse('{"__proto__": "x", "zone": "a"}') })!;
  expect(Object.keys(json.nodeSelector)).toEqual(['__proto__', 'zone']);
  expect(Object.getPrototypeOf(json.nodeSelector)).toBe(Object.prototype);
});

// Found by the construct fuzz: a null in a typed struct (JavaScript's "not set") ended in a TypeError of the generated
// converter at synth.
test('null fields of affinity and tolerations are "not set"', () => {
  const { chart, builder } = setup();
  new Image(chart, 'image', {
    tag: 'registry.io/app',
    builder,
    source: git,
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: null as any }, podAffinity: null as any },
    tolerations: [{ key: 'dedicated', matchOperator: 'Exists', effect: null as any }],
  });
  const build = manifestOf(chart, 'Image').spec.build;
  expect(build.affinity).toEqual({ nodeAffinity: {} });
  expect(build.tolerations).toEqual([{ key: 'dedicated', operator: 'Exists' }]);
});

// Found by the construct fuzz: kpack stores quantities in Go's canonical form, so Cpu.millis(0) written "0m" was
// stored "0" (drift for GitOps tools). The oracle step of npm test checks that kpack stores these as written.
test.each([
  [kplus.Cpu.millis(0), '0'], [kplus.Cpu.millis(1000), '1'], [kplus.Cpu.millis(1500), '1500m'], [kplus.Cpu.units(0.5), '500m'],
  [kplus.Cpu.units(1.1), '1100m'], [kplus.Cpu.units(0.001), '1m'], [kplus.Cpu.units(2), '2'], [kplus.Cpu.millis(250), '250m'],
  // finer than a millicore: written "0.0001" before, which kpack stores as "100u"
  [kplus.Cpu.units(0.0001), '100u'], [kplus.Cpu.units(1.0005), '1000500u'],
])('a Cpu of %j is written as kpack stores it, %s', (cpu, written) => {
  const { chart, builder } = setup();
  new Image(chart, 'image', { tag: 'registry.io/app', builder, source: git, resources: { cpu: { request: cpu, limit: kplus.Cpu.units(4) } } });
  expect(manifestOf(chart, 'Image').spec.build.resources.requests.cpu).toBe(written);
});

// Found with the oracle after the Cpu drift: Size.mebibytes(0) was written "0Ki", which kpack stores as "0".
test.each([
  [Size.mebibytes(0), '0'], [Size.kibibytes(0.5), '512'], [Size.kibibytes(1), '1Ki'], [Size.mebibytes(1536), '1536Mi'], [Size.gibibytes(2), '2Gi'],
])('a memory Size of %j is written as kpack stores it, %s', (size, written) => {
  const { chart, builder } = setup();
  new Image(chart, 'image', { tag: 'registry.io/app', builder, source: git, resources: { memory: { request: size, limit: Size.gibibytes(4) } } });
  expect(manifestOf(chart, 'Image').spec.build.resources.requests.memory).toBe(written);
});

test('a source subPath must be a relative path without ..: it becomes the subPath of the build Pod\'s source mounts', () => {
  expect(() => ImageSource.fromGit('https://github.com/example/app', 'main', { subPath: '/web' }))
    .toThrow(/options\.subPath "\/web" must be a relative path/);
  expect(() => ImageSource.fromBlob('https://example.com/app.tgz', { subPath: 'a/../../b' })).toThrow(/must not contain '\.\.'/);
  expect(ImageSource.fromGit('https://github.com/example/app', 'main', { subPath: 'services/web' })).toBeDefined();
});
