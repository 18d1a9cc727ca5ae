/**
 * Every construct prop that ends up in a Kubernetes field is checked at once with Kubernetes' own rules
 * (src/validation/kubernetes): the error names the construct path, the prop, the value and what is allowed. Each
 * case here was admitted (or ended in a TypeError) before the checks.
 */
import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  Build, BuildBuilder, BuildCache, NamespacedBuilder, BuildpackRef, BuildServiceAccount, ClusterBuilder, ClusterStack, ClusterStore, CosignCredential,
  GitCredential, Image, ImageCache, ImageSource, RegistryCredential, ServiceBinding, ServiceBindingSecret, Tenant, TenantBuilder,
} from '../src';

const PRIVATE_KEY = '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n';

function setup() {
  const chart = Testing.chart();
  const builder = ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default');
  return { chart, builder };
}
const source = ImageSource.fromGit('https://github.com/org/app', 'main');

/** An Image with `extra` props; returns the error message, or undefined when it was created. */
function imageError(extra: object): string | undefined {
  const { chart, builder } = setup();
  try {
    new Image(chart, 'image', { tag: 'registry.io/app', builder, source, ...extra });
    return undefined;
  } catch (e) {
    expect(e).not.toBeInstanceOf(TypeError);
    return (e as Error).message;
  }
}

describe('build pod settings (Image and Build)', () => {
  test.each([
    ['nodeSelector key', { nodeSelector: { 'disk type': 'ssd' } }, /^Image "test\/image": nodeSelector "disk type" is not a valid node selector key: name part must consist of/],
    ['nodeSelector value', { nodeSelector: { zone: 'eu west' } }, /^Image "test\/image": nodeSelector\.zone "eu west" is not a valid node selector value/],
    ['toleration operator', { tolerations: [{ key: 'gpu', matchOperator: 'Equals', value: 'true' }] }, /tolerations\[0\]\.matchOperator "Equals" is not supported: use "Equal" or "Exists"/],
    ['toleration with kpack\'s JSON name', { tolerations: [{ key: 'gpu', operator: 'Exists' } as any] },
      /tolerations\[0\]\.operator is not a field of Toleration: the fields are key, matchOperator, value, effect, tolerationSeconds/],
    ['toleration effect', { tolerations: [{ key: 'gpu', matchOperator: 'Exists', effect: 'NoExec' }] }, /tolerations\[0\]\.effect "NoExec" is not supported: use "NoSchedule", "PreferNoSchedule" or "NoExecute"/],
    ['toleration seconds without NoExecute', { tolerations: [{ key: 'gpu', matchOperator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 }] }, /effect "NoSchedule" must be "NoExecute" when tolerationSeconds is set/],
    ['affinity operator', {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', matchOperator: 'Equals', values: ['a'] }] }] } } },
    }, /affinity\.nodeAffinity\.requiredDuringSchedulingIgnoredDuringExecution\.nodeSelectorTerms\[0\]\.matchExpressions\[0\]\.matchOperator "Equals" is not a valid selector operator/],
    ['pod affinity without topologyKey', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: {} }] } } }, /topologyKey is required/],
    ['affinity weight', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: {} }] } } }, /weight 0 must be in the range 1-100/],
    ['runtimeClassName', { runtimeClassName: 'Kata Containers' }, /runtimeClassName "Kata Containers" is not a valid RuntimeClass name: a lowercase RFC 1123 subdomain/],
    ['env name with =', { env: { 'A=B': kplus.EnvValue.fromValue('x') } }, /env "A=B" is not a valid environment variable name: a valid environment variable name must consist only of printable ASCII characters other than '='/],
    ['env name kpack cannot write as a file', { env: { 'a/b': kplus.EnvValue.fromValue('x') } }, /env "a\/b" cannot be a build environment variable name: kpack writes each variable to the file \/platform\/env\/<name>/],
    ['request above limit', { resources: { memory: { request: Size.gibibytes(2), limit: Size.gibibytes(1) } } }, /resources\.requests\.memory "2Gi" must be less than or equal to the memory limit "1Gi"/],
    ['negative CPU', { resources: { cpu: { request: kplus.Cpu.units(-1) } } }, /resources\.requests\.cpu "-1" must be greater than or equal to 0/],
    ['timeout beyond Kubernetes\' limit', { buildTimeout: { toMilliseconds: () => 2 ** 31 * 1000, toHumanString: () => '68 years' } }, /buildTimeout 68 years is too long/],
  ])('Image %s', (_name, extra, message) => {
    expect(imageError(extra)).toMatch(message);
  });

  test('every problem in one error', () => {
    const message = imageError({ nodeSelector: { 'a b': 'c' }, runtimeClassName: 'X', schedulerName: 3 });
    expect(message!.split('; ')).toHaveLength(3);
  });

  test('a Build: priorityClassName and the same build pod settings', () => {
    const { chart } = setup();
    const props = { tags: ['registry.io/app:1'], builder: BuildBuilder.fromImage('registry.io/builder'), source };
    expect(() => new Build(chart, 'b1', { ...props, priorityClassName: 'High_Priority' }))
      .toThrow(/^Build "test\/b1": priorityClassName "High_Priority" is not a valid PriorityClass name/);
    expect(() => new Build(chart, 'b2', { ...props, tolerations: [{ matchOperator: 'Equal', value: 'x' }] }))
      .toThrow(/^Build "test\/b2": tolerations\[0\]\.matchOperator "Equal" must be "Exists" when key is empty/);
  });

  test('Image.addEnv is checked like the env prop', () => {
    const { chart, builder } = setup();
    const image = new Image(chart, 'image', { tag: 'registry.io/app', builder, source });
    expect(() => image.addEnv('X=1', kplus.EnvValue.fromValue('1'))).toThrow(/^Image "test\/image": env "X=1" is not a valid environment variable name/);
    expect(() => image.addEnv('X', 'plain string' as any)).toThrow(/^Image "test\/image": env\.X must be an EnvValue, e\.g\. EnvValue\.fromValue\("17"\), got a string "plain string"/);
  });

  test('valid settings pass, and the output is unchanged', () => {
    const { chart, builder } = setup();
    new Image(chart, 'image', {
      tag: 'registry.io/app',
      builder,
      source,
      nodeSelector: { 'disktype': 'ssd', 'example.com/pool': 'builds' },
      tolerations: [{ key: 'dedicated', matchOperator: 'Equal', value: 'builds', effect: 'NoExecute', tolerationSeconds: 60 }, { matchOperator: 'Exists' }],
      affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname' } }] } },
      env: { BP_JVM_VERSION: kplus.EnvValue.fromValue('17') },
      resources: {
        cpu: { request: kplus.Cpu.millis(500), limit: kplus.Cpu.units(2) },
        memory: { request: Size.gibibytes(1), limit: Size.mebibytes(1024) },
      },
      runtimeClassName: 'gvisor',
      schedulerName: 'my-scheduler',
    });
    expect(() => Testing.synth(chart)).not.toThrow();
  });
});

describe('names of objects referred to', () => {
  test('a ServiceAccount that is not a valid name', () => {
    const { chart, builder } = setup();
    const sa = kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'Build Bot');
    expect(() => new Image(chart, 'image', { tag: 'registry.io/app', builder, source, serviceAccount: sa }))
      .toThrow(/^Image "test\/image": serviceAccount name "Build Bot" is not a valid object name: a lowercase RFC 1123 subdomain/);
  });

  test('a Secret that is not a valid name', () => {
    const { chart } = setup();
    expect(() => ServiceBinding.fromSecret(kplus.Secret.fromSecretName(chart, 's', 'maven_settings')))
      .toThrow(/^ServiceBinding\.fromSecret\(\): secret name "maven_settings" is not a valid object name/);
    expect(() => RegistryCredential.fromSecretName(chart, 'r', 'Registry', { registry: 'ghcr.io' }))
      .toThrow(/^RegistryCredential "test\/r": name "Registry" is not a valid Secret name/);
  });

  test.each([
    ['NamespacedBuilder.fromBuilderName', (c: any) => NamespacedBuilder.fromBuilderName(c, 'x', 'My Builder'), /^Builder "test\/x": name "My Builder" is not a valid object name/],
    ['NamespacedBuilder.fromBuilderName namespace', (c: any) => NamespacedBuilder.fromBuilderName(c, 'x', 'b', { namespaceName: 'team.a' }), /^Builder "test\/x": namespaceName "team\.a" is not a valid namespace name: must not contain dots/],
    ['ClusterStack.fromClusterStackName', (c: any) => ClusterStack.fromClusterStackName(c, 'x', ''), /^ClusterStack "test\/x": name is required/],
    ['Image.fromImageName', (c: any) => Image.fromImageName(c, 'x', 42 as any), /^Image "test\/x": name must be a object name \(a string\), got an integer 42/],
  ])('%s', (_name, make, message) => {
    expect(() => make(Testing.chart())).toThrow(message);
  });
});

describe('caches', () => {
  test('a zero cache size is refused', () => {
    expect(() => ImageCache.volume({ size: Size.kibibytes(0) })).toThrow(/^ImageCache\.volume\(\): size "0" must be greater than zero$/);
  });

  test('a StorageClass name that is not a DNS subdomain', () => {
    expect(() => ImageCache.volume({ storageClassName: 'Fast SSD' })).toThrow(/^ImageCache\.volume\(\): storageClassName "Fast SSD" is not a valid StorageClass name/);
  });

  test('a string where a Size is expected gives a clear error, not "size.toPebibytes is not a function"', () => {
    expect(() => ImageCache.volume({ size: '2 GB' as any })).toThrow(/^ImageCache\.volume\(\): size must be a Size, e\.g\. Size\.gibibytes\(2\), got a string "2 GB"$/);
  });

  test('registry caches and Build caches need what they name', () => {
    expect(() => ImageCache.registry('' as any)).toThrow(/^ImageCache\.registry\(\): tag must not be empty/);
    expect(() => BuildCache.fromPersistentVolumeClaim(undefined as any)).toThrow(/^BuildCache\.fromPersistentVolumeClaim\(\): claim is required/);
  });
});

describe('metadata of every construct', () => {
  test.each([
    ['label key', { labels: { 'team/a/b': 'x' } }, /metadata\.labels "team\/a\/b" is not a valid label key/],
    ['label value', { labels: { team: 'a b' } }, /metadata\.labels\.team "a b" is not a valid label value/],
    ['annotation key', { annotations: { 'example.com/a b': 'x' } }, /metadata\.annotations "example\.com\/a b" is not a valid annotation key/],
    ['annotations too long', { annotations: { big: 'x'.repeat(256 * 1024) } }, /metadata\.annotations are too long: keys and values take 262147 bytes together, at most 262144/],
    ['name', { name: 'My Image' }, /metadata\.name "My Image" is not a valid Image name/],
    ['Image name over 63 characters', { name: 'a'.repeat(64) }, /must be no more than 63 characters: kpack writes it as the value of the label "image\.kpack\.io\/image" on every Build/],
    ['namespace', { namespace: 'Team-A' }, /metadata\.namespace "Team-A" is not a valid namespace name/],
  ])('Image %s', (_name, metadata, message) => {
    expect(imageError({ metadata })).toMatch(message);
  });

  test('cluster-scoped kinds, credentials and service accounts', () => {
    const chart = Testing.chart();
    expect(() => new ClusterStore(chart, 'store', { metadata: { labels: { 'a b': 'c' } } })).toThrow(/^ClusterStore "test\/store": metadata\.labels "a b"/);
    expect(() => new GitCredential(chart, 'git', { metadata: { name: 'Git' }, url: 'https://github.com', username: 'u', password: 'p' }))
      .toThrow(/^GitCredential "test\/git": metadata\.name "Git" is not a valid Secret name/);
    expect(() => new BuildServiceAccount(chart, 'sa', { metadata: { annotations: { 'a b': 'secret-value' } } }))
      .toThrow(/^BuildServiceAccount "test\/sa": metadata\.annotations "a b" is not a valid annotation key/);
  });

  test('annotation values are never shown', () => {
    const secret = 's3cr3t-token';
    const message = imageError({ metadata: { annotations: { 'a b': secret, 'big': 'x'.repeat(256 * 1024) } } });
    expect(message).toBeDefined();
    expect(message).not.toContain(secret);
  });
});

describe('builders', () => {
  test('additionalLabels: OCI image labels, except the ones kpack writes on the builder image itself', () => {
    const chart = Testing.chart();
    const stack = ClusterStack.fromClusterStackName(chart, 'stack', 'base');
    new NamespacedBuilder(chart, 'ok', { tag: 'registry.io/b:1', stack, additionalLabels: { 'Any Key Is Fine': 'any value', 'org.opencontainers.image.source': 'x' } });
    expect(() => new NamespacedBuilder(chart, 'b', { tag: 'registry.io/b:1', stack, additionalLabels: { 'io.buildpacks.builder.metadata': '{}' } }))
      .toThrow(/^Builder "test\/b": additionalLabels "io\.buildpacks\.builder\.metadata" is a label kpack writes on the builder image itself/);
  });

  test('order groups hold BuildpackRefs', () => {
    const chart = Testing.chart();
    const stack = ClusterStack.fromClusterStackName(chart, 'stack', 'base');
    expect(() => new NamespacedBuilder(chart, 'b', { tag: 'registry.io/b:1', stack, order: [{ group: ['paketo-buildpacks/java' as any] }] }))
      .toThrow(/^Builder "test\/b": order\[0\]\.group\[0\] must be a BuildpackRef \(BuildpackRef\.fromId, \.fromBuildpack or \.fromClusterBuildpack\), got a string "paketo-buildpacks\/java"/);
    expect(() => BuildpackRef.fromId('')).toThrow(/^BuildpackRef\.fromId\(\): id must not be empty/);
  });
});

describe('credentials and Tenant', () => {
  test('credential props of the wrong type never show the secret', () => {
    const chart = Testing.chart();
    expect(() => new RegistryCredential(chart, 'r', { registry: 'ghcr.io', username: 'u', password: 12345678 as any }))
      .toThrow(/^RegistryCredential "test\/r": password must be a string, got a number \(its value is not shown\)$/);
    expect(() => new CosignCredential(chart, 'c', { privateKey: PRIVATE_KEY, dockerMediaTypes: 'yes' as any })).toThrow(/dockerMediaTypes must be true or false, got a string "yes"/);
    expect(() => new ServiceBindingSecret(chart, 's', { bindingType: 'maven', entries: { '..': 'x' } })).toThrow(/entry "\.\." must be a file name/);
  });

  test('Tenant: groups, service account name, quota quantities, namespace labels, its own Builder', () => {
    const app = Testing.app();
    const clusterBuilder = ClusterBuilder.fromClusterBuilderName(app, 'cb', 'default');
    const make = (extra: object) => () => new Tenant(app, `t${Math.random().toString(36).slice(2, 8)}`, { name: 'team-a', builder: TenantBuilder.fromBuilder(clusterBuilder), ...extra });
    expect(make({ groups: ['devs', ''] })).toThrow(/groups\[1\] must not be empty/);
    expect(make({ serviceAccountName: 'Builds' })).toThrow(/serviceAccountName "Builds" is not a valid ServiceAccount name/);
    expect(make({ quota: { requestsCpu: kplus.Cpu.units(-2) } })).toThrow(/quota\.requestsCpu "-2" must be greater than or equal to 0/);
    expect(make({ quota: { requestsMemory: '4Gi' } })).toThrow(/quota\.requestsMemory must be a Size, e\.g\. Size\.gibibytes\(2\), got a string "4Gi"/);
    expect(make({ namespaceLabels: { 'pod-security.kubernetes.io/enforce': 'restricted', 'bad key!': 'x' } })).toThrow(/namespaceLabels "bad key!" is not a valid label key/);
    const stack = ClusterStack.fromClusterStackName(app, 'stack', 'base');
    expect(() => TenantBuilder.ownBuilder({ name: 'Builder', tag: 'registry.io/b:1', stack }))
      .toThrow(/^TenantBuilder\.ownBuilder\(\): name "Builder" is not a valid object name/);
  });
});
