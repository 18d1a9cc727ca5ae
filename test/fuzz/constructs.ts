/**
 * The construct fuzz harness, shared by the bounded jest run (test/properties-constructs.test.ts) and the standalone
 * runner (test/fuzz/run.ts, `npm run fuzz`): plain functions, no jest globals.
 *
 * JavaScript-style wrong input, found systematically: each subject (a construct, a static factory, an import, a
 * mutator, KpackPlatform) starts from valid arguments, and fast-check mutates them: a prop or a nested field replaced
 * by a value of another type or a bad value (nothing, null, numbers, odd strings, lists, objects, functions, a Size, a
 * Duration, a construct of another kind, a URL with a password...), removed, or a map entry added. Every outcome must
 * be either our clear error (an Error, not a TypeError/RangeError/ReferenceError, whose message starts with the
 * construct or factory and names a prop, without stack frames, never echoing a secret) or an app that synthesizes;
 * what it synthesizes is then judged by the oracle (run.ts; in `npm test`, by test/oracle/judge.ts from the records).
 *
 * To add a subject, add one entry to SUBJECTS: valid arguments and how to make it, e.g.
 *   { name: 'Image', args: c => [{ tag: 'registry.io/app', builder: c.builder, source }], make: (c, [p]) => new Image(c.chart, 'subject', p) },
 */
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as fc from 'fast-check';
import {
  BlobAuth, BlobAuthorization, BlobCredential, Build, BuildBuilder, BuildCache, NamespacedBuilder, Buildpack, BuildpackRef, BuildServiceAccount,
  ClusterBuilder, ClusterBuildpack, CloudIdentity,
  ClusterLifecycle, ClusterStack, ClusterStore, CosignCredential, GitCredential, GitSshCredential, Image, ImageCache, ImageSource,
  ImageTaggingStrategy, KpackPlatform, KpackVersion, LogLevel, RegistryCredential, RegistryCredentialFormat, ServiceBinding, ServiceBindingSecret,
  Tenant, TenantBuilder,
} from '../../src';
import { KpackCluster } from '../../src/kpack-cluster';
import { everyPlatformOption } from '../platform-util';

/** cdk8s needs an output directory; nothing is written to it (the harness never calls App.synth). */
const OUTDIR = path.join(os.tmpdir(), 'cdk8s-kpack-fuzz');
const FIXTURES = path.join(__dirname, '..', 'fixtures');

export const SECRET = 'S3CRET-value';
const KEY = `-----BEGIN OPENSSH PRIVATE KEY-----\n${SECRET}\n-----END OPENSSH PRIVATE KEY-----\n`;

/** What the valid arguments are built from: a fresh app per run. */
export interface Ctx {
  readonly app: App;
  readonly chart: Chart;
  readonly stack: ClusterStack;
  readonly store: ClusterStore;
  /** Made on first use: an app on kpack v0.16.1 must not have one. */
  readonly lifecycle: ClusterLifecycle;
  readonly builder: NamespacedBuilder;
  readonly clusterBuilder: ClusterBuilder;
  readonly buildpack: Buildpack;
  readonly clusterBuildpack: ClusterBuildpack;
  readonly sa: BuildServiceAccount;
  readonly secret: kplus.ISecret;
  readonly credential: RegistryCredential;
  readonly pvc: kplus.PersistentVolumeClaim;
}

/** A fresh app with valid objects to build arguments from. */
export function context(): Ctx {
  const app = new App({ outdir: OUTDIR });
  const chart = new Chart(app, 'test', { namespace: 'apps' });
  const stack = new ClusterStack(chart, 'stack', { stackId: 'io.buildpacks.stacks.jammy', buildImage: 'registry.io/build', runImage: 'registry.io/run' });
  const store = new ClusterStore(chart, 'store', { sources: [{ image: 'registry.io/store' }] });
  const sa = new BuildServiceAccount(chart, 'sa', { metadata: { name: 'builds' } });
  const credential = new RegistryCredential(chart, 'registry', { registry: 'registry.io', username: 'u', password: SECRET });
  sa.addCredential(credential);
  const builder = new NamespacedBuilder(chart, 'builder', { tag: 'registry.io/builder:1', stack, store, serviceAccount: sa });
  builder.addGroup(BuildpackRef.fromId('paketo-buildpacks/java'));
  let lifecycle: ClusterLifecycle | undefined;
  return {
    app,
    chart,
    stack,
    store,
    get lifecycle() {
      lifecycle ??= new ClusterLifecycle(chart, 'lifecycle', { image: 'registry.io/lifecycle:1' });
      return lifecycle;
    },
    builder,
    sa,
    credential,
    clusterBuilder: new ClusterBuilder(chart, 'cluster-builder', { tag: 'registry.io/cb:1', stack, store, serviceAccount: sa }),
    buildpack: new Buildpack(chart, 'buildpack', { image: 'registry.io/bp:1' }),
    clusterBuildpack: new ClusterBuildpack(chart, 'cluster-buildpack', { image: 'registry.io/cbp:1' }),
    secret: kplus.Secret.fromSecretName(chart, 'binding', 'maven-settings'),
    pvc: new kplus.PersistentVolumeClaim(chart, 'pvc', { storage: Size.gibibytes(1), accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE] }),
  };
}

/** Something to make from arguments the harness mutates. */
export interface Subject {
  readonly name: string;
  /** Valid arguments. */
  readonly args: (c: Ctx) => unknown[];
  /** Makes it (and uses what it returns, where it is not a construct of the app). */
  readonly make: (c: Ctx, args: any[]) => unknown;
  /** Argument paths (`0.password`) that hold secrets: a secret placed there must never be echoed. */
  readonly secrets?: readonly string[];
  /** Argument paths that are construct ids, shown as given in every message's construct path (whatever is in them). */
  readonly ids?: readonly string[];
}

const buildSettings = (c: Ctx) => ({
  env: { BP_JVM_VERSION: kplus.EnvValue.fromValue('17') },
  resources: { cpu: { request: kplus.Cpu.millis(500), limit: kplus.Cpu.units(1) }, memory: { request: Size.gibibytes(1), limit: Size.gibibytes(2) } },
  tolerations: [{ key: 'dedicated', matchOperator: 'Equal', value: 'builds', effect: 'NoSchedule' }],
  nodeSelector: { disktype: 'ssd' },
  affinity: {
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', matchOperator: 'In', values: ['a'] }] }] } },
    podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'x' } } } }] },
  },
  runtimeClassName: 'gvisor',
  schedulerName: 'default-scheduler',
  services: [ServiceBinding.fromSecret(c.secret)],
  buildTimeout: Duration.minutes(30),
  creationTime: 'now',
});

const metadata = (name: string) => ({ name, labels: { team: 'a' }, annotations: { 'example.com/owner': 'team-a' } });

/** An Image that uses what a factory made. */
const imageWith = (c: Ctx, extra: object) => new Image(c.chart, 'consumer', {
  tag: 'registry.io/consumer', builder: c.builder, source: ImageSource.fromGit('https://github.com/o/a', 'main'), ...extra,
});

export const SUBJECTS: readonly Subject[] = [
  {
    name: 'Image',
    args: c => [{
      metadata: metadata('app'),
      tag: 'registry.io/app',
      builder: c.builder,
      source: ImageSource.fromGit('https://github.com/o/a', 'main'),
      serviceAccount: c.sa,
      additionalTags: ['registry.io/app:latest'],
      cache: ImageCache.volume({ size: Size.gibibytes(2), storageClassName: 'fast' }),
      failedBuildHistoryLimit: 5,
      successBuildHistoryLimit: 5,
      imageTaggingStrategy: ImageTaggingStrategy.NONE,
      projectDescriptorPath: 'project.toml',
      defaultProcess: 'web',
      cosignAnnotations: { team: 'a' },
      ...buildSettings(c),
    }],
    make: (c, [p]) => new Image(c.chart, 'subject', p),
  },
  {
    name: 'Build',
    args: c => [{
      metadata: metadata('build-1'),
      tags: ['registry.io/app:1'],
      builder: BuildBuilder.fromBuilder(c.clusterBuilder),
      source: ImageSource.fromBlob('https://example.com/app.zip'),
      serviceAccount: c.sa,
      cache: BuildCache.registry('registry.io/cache'),
      runImage: 'registry.io/run@sha256:' + 'a'.repeat(64),
      lastBuild: { image: 'registry.io/app@sha256:' + 'b'.repeat(64), stackId: 'io.buildpacks.stacks.jammy' },
      priorityClassName: 'builds',
      projectDescriptorPath: 'project.toml',
      defaultProcess: 'web',
      cosignAnnotations: { a: 'b' },
      ...buildSettings(c),
    }],
    make: (c, [p]) => new Build(c.chart, 'subject', p),
  },
  {
    name: 'Builder',
    args: c => [{
      metadata: metadata('java'),
      tag: 'registry.io/java:1',
      stack: c.stack,
      store: c.store,
      lifecycle: c.lifecycle,
      serviceAccount: c.sa,
      order: [{ group: [BuildpackRef.fromId('paketo-buildpacks/java', { version: '1.0.0', optional: false })] }],
      additionalLabels: { team: 'a' },
    }],
    make: (c, [p]) => new NamespacedBuilder(c.chart, 'subject', p),
  },
  {
    name: 'ClusterBuilder',
    args: c => [{
      metadata: metadata('base'),
      tag: 'registry.io/base:1',
      stack: c.stack,
      store: c.store,
      serviceAccount: c.sa,
      order: [{ group: [BuildpackRef.fromClusterBuildpack(c.clusterBuildpack)] }],
    }],
    make: (c, [p]) => new ClusterBuilder(c.chart, 'subject', p),
  },
  {
    name: 'ClusterStack',
    args: c => [{ metadata: metadata('base'), stackId: 'io.buildpacks.stacks.jammy', buildImage: 'registry.io/builder-image', runImage: 'registry.io/run-image', serviceAccount: c.sa }],
    make: (c, [p]) => new ClusterStack(c.chart, 'subject', p),
  },
  {
    name: 'ClusterStore',
    args: c => [{ metadata: metadata('default'), sources: [{ image: 'registry.io/java', buildpackIds: ['paketo-buildpacks/java'] }], serviceAccount: c.sa }],
    make: (c, [p]) => new ClusterStore(c.chart, 'subject', p),
  },
  {
    name: 'ClusterBuildpack',
    args: c => [{ metadata: metadata('java'), image: 'registry.io/java:1', buildpackIds: ['paketo-buildpacks/java'], serviceAccount: c.sa }],
    make: (c, [p]) => new ClusterBuildpack(c.chart, 'subject', p),
  },
  {
    name: 'Buildpack',
    args: c => [{ metadata: metadata('java'), image: 'registry.io/java:1', buildpackIds: ['paketo-buildpacks/java'], serviceAccount: c.sa }],
    make: (c, [p]) => new Buildpack(c.chart, 'subject', p),
  },
  {
    name: 'ClusterLifecycle',
    args: c => [{ metadata: metadata('lifecycle'), image: 'registry.io/lifecycle:1', serviceAccount: c.sa }],
    make: (c, [p]) => new ClusterLifecycle(c.chart, 'subject', p),
  },
  {
    name: 'Tenant',
    args: c => [{
      name: 'team-a',
      builder: TenantBuilder.fromBuilder(c.clusterBuilder),
      groups: ['team-a-devs'],
      credentials: [GitCredential.fromSecretName(c.app, 'tenant-git', 'git-creds', { url: 'https://github.com', namespaceName: 'team-a' })],
      builderPullSecrets: [RegistryCredential.fromSecretName(c.app, 'tenant-pull', 'builder-pull', { registry: 'registry.io', namespaceName: 'team-a' })],
      serviceAccountName: 'builds',
      namespaceLabels: { team: 'a' },
      quota: {
        requestsCpu: kplus.Cpu.units(4),
        requestsMemory: Size.gibibytes(8),
        limitsCpu: kplus.Cpu.units(8),
        limitsMemory: Size.gibibytes(16),
        pods: 4,
        persistentVolumeClaims: 10,
        requestsStorage: Size.gibibytes(100),
      },
      buildContainerDefaults: {
        cpuRequest: kplus.Cpu.millis(250), memoryRequest: Size.mebibytes(512), cpuLimit: kplus.Cpu.units(2), memoryLimit: Size.gibibytes(2),
      },
    }],
    make: (c, [p]) => new Tenant(c.app, 'subject', p),
  },
  {
    name: 'Tenant with its own Builder',
    args: c => [{ name: 'java', tag: 'registry.io/team-b/java:1', stack: c.stack, store: c.store, order: [{ group: [BuildpackRef.fromId('paketo-buildpacks/java')] }] }],
    make: (c, [options]) => new Tenant(c.app, 'subject', { name: 'team-b', builder: TenantBuilder.ownBuilder(options) }),
  },
  {
    name: 'Tenant.addImage',
    args: () => ['web', { tag: 'registry.io/team-c/web', source: ImageSource.fromRegistry('registry.io/src:1'), nodeSelector: { disk: 'ssd' } }],
    make: (c, [id, options]) => new Tenant(c.app, 'team', { name: 'team-c', builder: TenantBuilder.fromBuilder(c.clusterBuilder) }).addImage(id, options),
    ids: ['0'],
  },
  {
    name: 'BuildServiceAccount',
    args: c => [{ metadata: { name: 'bots', annotations: { a: 'b' } }, credentials: [c.credential], imagePullSecrets: [c.secret], automountToken: false }],
    make: (c, [p]) => new BuildServiceAccount(c.chart, 'subject', p),
  },
  {
    name: 'BuildServiceAccount.addCredential',
    args: c => [c.credential],
    make: (c, [credential]) => new BuildServiceAccount(c.chart, 'subject').addCredential(credential),
  },
  {
    name: 'RegistryCredential',
    args: () => [{ metadata: { name: 'ghcr' }, registry: 'ghcr.io', username: 'bot', password: SECRET, format: RegistryCredentialFormat.BASIC_AUTH, immutable: true }],
    make: (c, [p]) => new RegistryCredential(c.chart, 'subject', p),
    secrets: ['0.password'],
  },
  {
    name: 'GitCredential',
    args: () => [{ url: 'https://github.com', username: 'bot', password: SECRET }],
    make: (c, [p]) => new GitCredential(c.chart, 'subject', p),
    secrets: ['0.password'],
  },
  {
    name: 'GitSshCredential',
    args: () => [{ url: 'git@github.com', sshPrivateKey: KEY, knownHosts: 'github.com ssh-ed25519 AAAA' }],
    make: (c, [p]) => new GitSshCredential(c.chart, 'subject', p),
    secrets: ['0.sshPrivateKey', '0.knownHosts'],
  },
  {
    name: 'BlobCredential',
    args: () => [{ host: 'storage.example.com', authorization: BlobAuthorization.bearer(SECRET) }],
    make: (c, [p]) => new BlobCredential(c.chart, 'subject', p),

    secrets: ['0.authorization'],
  },
  {
    name: 'BlobAuthorization factories',
    args: () => ['bot', SECRET, `Custom ${SECRET}`],
    make: (c, [username, password, header]) => [BlobAuthorization.basic(username, password), BlobAuthorization.bearer(password),
      BlobAuthorization.fromHeader(header)].forEach((authorization, i) => new BlobCredential(c.chart, `b${i}`, { host: 'storage.example.com', authorization })),
    secrets: ['1', '2'],
  },
  {
    name: 'BuildBuilder factories',
    args: c => [c.clusterBuilder, 'registry.io/builder@sha256:' + 'c'.repeat(64)],
    make: (c, [builder, image]) => [BuildBuilder.fromBuilder(builder), BuildBuilder.fromImage(image)].forEach((b, i) =>
      new Build(c.chart, `b${i}`, { tags: ['registry.io/app:1'], builder: b, source: ImageSource.fromGit('https://github.com/o/a', 'main') })),
  },
  {
    name: 'CosignCredential',
    args: () => [{ privateKey: KEY, password: SECRET, repository: 'registry.io/signatures', dockerMediaTypes: true }],
    make: (c, [p]) => new CosignCredential(c.chart, 'subject', p),
    secrets: ['0.privateKey', '0.password'],
  },
  {
    name: 'ServiceBindingSecret',
    args: () => [{ bindingType: 'maven', provider: 'acme', entries: { 'settings.xml': SECRET } }],
    make: (c, [p]) => new ServiceBindingSecret(c.chart, 'subject', p),
    secrets: ['0.entries.settings.xml'],
  },
  {
    name: 'fromSecretName (every credential)',
    args: () => ['existing', { registry: 'ghcr.io', url: 'https://github.com', host: 'storage.example.com', namespaceName: 'apps' }],
    make: (c, [name, options]) => [
      RegistryCredential.fromSecretName(c.chart, 'r', name, options), GitCredential.fromSecretName(c.chart, 'g', name, options),
      GitSshCredential.fromSecretName(c.chart, 's', name, { ...options, url: 'git@github.com' }), BlobCredential.fromSecretName(c.chart, 'b', name, options),
      CosignCredential.fromSecretName(c.chart, 'c', name, options), ServiceBindingSecret.fromSecretName(c.chart, 'sb', name, options),
    ].forEach((cred, i) => new BuildServiceAccount(c.chart, `sa-${i}`).addImagePullSecret(cred)),
  },
  {
    name: 'fromXxxName (every kpack kind)',
    args: () => ['existing', { namespaceName: 'apps' }],
    make: (c, [name, options]) => {
      const stack = ClusterStack.fromClusterStackName(c.chart, 'i1', name);
      ClusterStore.fromClusterStoreName(c.chart, 'i2', name);
      ClusterLifecycle.fromClusterLifecycleName(c.chart, 'i3', name);
      ClusterBuildpack.fromClusterBuildpackName(c.chart, 'i4', name);
      Buildpack.fromBuildpackName(c.chart, 'i5', name, options);
      Image.fromImageName(c.chart, 'i6', name, options);
      const builder = NamespacedBuilder.fromBuilderName(c.chart, 'i7', name, options);
      ClusterBuilder.fromClusterBuilderName(c.chart, 'i8', name);
      new NamespacedBuilder(c.chart, 'uses-stack', { tag: 'registry.io/uses-stack:1', stack });
      imageWith(c, { builder });
    },
  },
  {
    name: 'ImageSource factories',
    args: c => ['https://github.com/o/a', 'main', { subPath: 'app', initializeSubmodules: true, auth: BlobAuth.SECRET, stripComponents: 1, imagePullSecrets: [c.secret] }],
    make: (c, [url, revision, options]) => {
      imageWith(c, { source: ImageSource.fromGit(url, revision, options) });
      new Build(c.chart, 'b1', { tags: ['registry.io/app:1'], builder: BuildBuilder.fromImage('registry.io/builder-image'), source: ImageSource.fromBlob(url, options) });
      new Build(c.chart, 'b2', { tags: ['registry.io/app:1'], builder: BuildBuilder.fromImage('registry.io/builder-image'), source: ImageSource.fromRegistry(revision, options) });
    },
  },
  {
    name: 'cache factories',
    args: c => [{ size: Size.gibibytes(5), storageClassName: 'standard' }, 'registry.io/cache', c.pvc],
    make: (c, [options, tag, pvc]) => {
      imageWith(c, { cache: ImageCache.volume(options) });
      new Image(c.chart, 'second', { tag: 'registry.io/second', builder: c.builder, source: ImageSource.fromGit('https://github.com/o/b', 'main'), cache: ImageCache.registry(tag) });
      const source = ImageSource.fromGit('https://github.com/o/a', 'main');
      new Build(c.chart, 'b', { tags: ['registry.io/app:1'], builder: BuildBuilder.fromImage('registry.io/builder-image'), source, cache: BuildCache.fromPersistentVolumeClaim(pvc) });
    },
  },
  {
    name: 'ServiceBinding factories',
    args: c => [c.secret, 'example.com/v1', 'Database', 'db'],
    make: (c, [secret, apiVersion, kind, name]) => imageWith(c, {
      services: [ServiceBinding.fromSecret(secret), ServiceBinding.fromProvisionedService(apiVersion, kind, name)],
    }),
  },
  {
    name: 'BuildpackRef factories and Builder.addGroup',
    args: c => ['paketo-buildpacks/java', { version: '1.0.0', optional: true, buildpackId: 'paketo-buildpacks/java' }, c.buildpack, c.clusterBuildpack],
    make: (c, [id, options, buildpack, clusterBuildpack]) => {
      // one group each: a buildpack id repeated within a group is refused
      const builder = new NamespacedBuilder(c.chart, 'subject', { tag: 'registry.io/builder-b:1', stack: c.stack });
      builder.addGroup(BuildpackRef.fromId(id, options));
      builder.addGroup(BuildpackRef.fromBuildpack(buildpack, options));
      builder.addGroup(BuildpackRef.fromClusterBuildpack(clusterBuildpack, options));
    },
  },
  {
    name: 'Image mutators',
    args: c => ['BP_LOG_LEVEL', kplus.EnvValue.fromValue('DEBUG'), 'registry.io/consumer:extra', ServiceBinding.fromSecret(c.secret)],
    make: (c, [name, value, tag, binding]) => {
      const image = imageWith(c, {});
      image.addEnv(name, value);
      image.addAdditionalTag(tag);
      image.addServiceBinding(binding);
    },
  },
  {
    name: 'ClusterStore.addSource',
    args: () => [{ image: 'registry.io/go', buildpackIds: ['paketo-buildpacks/go'] }],
    make: (c, [source]) => new ClusterStore(c.chart, 'subject').addSource(source),
  },
  {
    name: 'KpackPlatform',
    args: c => [everyPlatformOption(c.chart, KpackVersion.V0_17_2)],
    make: (c, [p]) => {
      // in a chart of its own, as an app would: the app's kpack objects follow it, through the ordering relay chart
      new KpackPlatform(new Chart(c.app, 'platform'), 'subject', p);
      // an Image, which proxyBuilds reaches
      imageWith(c, {});
    },
  },
  {
    name: 'KpackPlatform on kpack v0.16.1 (release file, proxy credentials, kp-config)',
    args: c => [{
      version: KpackVersion.V0_16_1,
      releaseFile: path.join(FIXTURES, 'release-0.16.1.yaml'),
      imageRegistry: 'registry.internal/kpack',
      images: { lifecycle: 'registry.internal/lifecycle:0.17.0', completion: 'registry.internal/completion@sha256:' + 'd'.repeat(64) },
      httpProxy: 'http://proxy.internal:3128',
      httpsProxy: 'http://proxy.internal:3128',
      proxyCredentials: kplus.Secret.fromSecretName(c.chart, 'proxy', 'proxy-credentials'),
      noProxy: ['.internal', '10.0.0.0/8'],
      logLevel: LogLevel.WARN,
      controller: { nodeSelector: { pool: 'system' }, podLabels: { team: 'platform' } },
      webhook: { replicas: 3, resources: { memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) } } },
      kpConfig: { defaultRepository: 'registry.io/kp', serviceAccount: c.sa },
    }],
    make: (c, [p]) => {
      new KpackPlatform(c.chart, 'subject', p);
      imageWith(c, {});
    },
  },
];

/** Wrong and edge values a JavaScript caller might pass anywhere. */
export function pool(c: Ctx): unknown[] {
  return [
    undefined, null, 0, -1, 1.5, Number.NaN, 2 ** 53, '', ' ', 'x', 'Bad Name!', '2 GB', 'a'.repeat(300), SECRET, 'kubernetes.io/os', 'A=B',
    '-1', '0Ki', true, false, [], [null], ['x'], [1], {}, { a: 1 }, { name: 'x' }, { kind: 'Secret', name: 'Not A Name' }, () => 1,
    Size.gibibytes(1), Duration.minutes(1), Duration.millis(1500), kplus.Cpu.millis(100), kplus.Cpu.units(-1), kplus.EnvValue.fromValue('v'),
    c.stack, c.store, c.builder, c.sa, c.secret, c.credential, c.clusterBuildpack, c.pvc,
    ImageSource.fromGit('https://github.com/o/other', 'main'), ImageCache.none(), BuildpackRef.fromId('x'), BuildCache.registry('registry.io/cache-c'),
    // for KpackPlatform (and anywhere else): versions, a log level, a cloud identity, URLs with a password in them
    KpackVersion.V0_16_1, KpackVersion.V0_17_2, LogLevel.ERROR, CloudIdentity.gcpServiceAccount('builds@project.iam.gserviceaccount.com'),
    `http://bot:${SECRET}@proxy.internal:3128`, `https://bot:${SECRET}@github.com/o/a`,
    // edges of what is valid: the longest names and label values and one past them, registries with ports and
    // digests, git URLs in ssh form, zero and tiny amounts, long durations, dots, upper case, numbers as strings
    'a'.repeat(63), 'a'.repeat(64), `a.${'b'.repeat(250)}`, 'registry.io:5000/team/app:v1', `registry.io/app@sha256:${'e'.repeat(64)}`,
    'git@github.com:o/a.git', 'ssh://git@github.com/o/a', 'UPPER', 'a.b', '0', 'a/b', '*', 'example.com/key',
    Size.mebibytes(0), Size.kibibytes(1), kplus.Cpu.millis(0), kplus.Cpu.millis(1), Duration.seconds(0), Duration.seconds(1), Duration.days(365),
    [''], ['a', 'a'], { '': 'x' }, { 'example.com/k': '' },
  ];
}

/**
 * Values that are valid in many places (names, image references, amounts, maps, lists, the context's objects): apps
 * mutated with these alone end more often in output, so they test what the referees accept rather than our errors.
 */
export function plausiblePool(c: Ctx): unknown[] {
  return [
    'a', 'team-a', 'x.y', 'registry.io/team/app', 'registry.io:5000/app:v2', `registry.io/app@sha256:${'f'.repeat(64)}`, 'main', 'web',
    'https://github.com/o/b', 'example.com/owner', 'BP_X', 'Z', '1', 'a'.repeat(63), true, false, 0, 1, 3, 100,
    { a: 'b' }, { 'example.com/k': 'v' }, ['a'], ['registry.io/extra:1'], [],
    Size.mebibytes(1), Size.gibibytes(10), Size.mebibytes(0), Size.kibibytes(0.5), Duration.minutes(5), Duration.hours(2), kplus.Cpu.millis(250),
    kplus.Cpu.units(2), kplus.Cpu.millis(1000), kplus.Cpu.units(0.5), kplus.Cpu.millis(0),
    kplus.EnvValue.fromValue('1'), c.stack, c.store, c.builder, c.clusterBuilder, c.sa, c.secret, c.credential, c.buildpack, c.clusterBuildpack,
    ImageSource.fromRegistry('registry.io/src:1'), ImageCache.registry('registry.io/cache-p'), ImageCache.none(), BuildpackRef.fromId('paketo-buildpacks/go'),
  ];
}

/** Which values mutations draw from: every wrong and edge value, or plausible ones of the sort they replace. */
export type ValuePool = 'wrong' | 'plausible';

const KEYS = ['', 'a', 'A=B', 'Bad Key', 'kubernetes.io/os', '__proto__', 'constructor', 'x'.repeat(70), 'example.com/k'];

/** A mutation, as numbers: resolved against the arguments it meets. */
export interface Mutation {
  readonly op: 'replace' | 'remove' | 'add';
  readonly path: number[];
  readonly value: number;
}

export const mutation = fc.record({
  op: fc.constantFrom<'replace' | 'remove' | 'add'>('replace', 'replace', 'remove', 'add'),
  path: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  value: fc.nat(),
});

const isPlain = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null
  && (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype);

/** What a value is, for a replacement of the same sort: a JSON type, a list, a plain map, or an instance of a class. */
function sortOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v !== 'object') return typeof v;
  return Object.getPrototypeOf(v) === Object.prototype ? 'map' : (v as object).constructor?.name ?? 'object';
}

/**
 * Applies a mutation; returns the path it touched (`0.resources.cpu`) and the value put there. With `sameSort`, a
 * replaced value is one of the values of its own sort (a string for a string, a Size for a Size), when there is one.
 */
export function apply(args: unknown[], m: Mutation, values: unknown[], sameSort = false): { path: string; value: unknown } {
  let parent: any = args;
  const names: string[] = [];
  let value = values[m.value % values.length];
  for (let i = 0; i < m.path.length; i++) {
    const keys = Array.isArray(parent) ? parent.map((_: unknown, j: number) => j) : Object.keys(parent);
    const last = i === m.path.length - 1;
    if (keys.length === 0 || (last && m.op === 'add')) {
      // an empty object (or an add): a new entry, whatever the operation
      if (Array.isArray(parent)) return { path: names.join('.'), value: undefined };
      const key = KEYS[m.value % KEYS.length];
      Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
      names.push(key);
      return { path: names.join('.'), value };
    }
    const key = keys[m.path[i] % keys.length];
    names.push(String(key));
    if (last || !isPlain(parent[key])) {
      const sort = sortOf(parent[key]);
      const sameSorts = sameSort ? values.filter(v => sortOf(v) === sort) : [];
      if (sameSorts.length > 0) value = sameSorts[m.value % sameSorts.length];
      if (m.op === 'remove' && !Array.isArray(parent)) delete parent[key];
      else parent[key] = m.op === 'remove' ? undefined : value;
      break;
    }
    parent = parent[key];
  }
  return { path: names.join('.'), value: m.op === 'remove' ? undefined : value };
}

const TYPE_ERRORS = [TypeError, RangeError, ReferenceError, SyntaxError];
const OWNER = /^([A-Z]\w*(\.\w+\(\))? ?("[^"]*")?: \S|[A-Z]\w*\.\w+\(\): \S|Validation failed with the following errors:\n {2}\[[^\]]+\] \S)/;

/**
 * Why a thrown value is not our clear error (the right class, starts with who, no stack frames, no secret unless it was
 * put somewhere shown), or undefined when it is one.
 */
export function unclear(e: unknown, secretShownOk: boolean): string | undefined {
  if (!(e instanceof Error) || TYPE_ERRORS.some(t => e instanceof t) || !OWNER.test(e.message) || /\n\s+at /.test(e.message)) {
    return `not a clear error: ${e instanceof Error ? `${e.constructor.name}: ${e.message}\n${e.stack}` : String(e)}`;
  }
  if (!secretShownOk && e.message.includes(SECRET)) return `the message shows a secret: ${e.message}`;
  return undefined;
}

/** The objects of one chart of a synthesized app, with the kpack version and cluster the chart targets. */
export interface SynthesizedChart {
  readonly chart: string;
  readonly kpackVersion: string;
  readonly defaultStorageClass: boolean;
  readonly manifests: unknown[];
}

/** How one generated app ended. */
export type AppOutcome =
  /** Our clear error, at construction or at synth. */
  | { readonly kind: 'error'; readonly where: string; readonly message: string }
  /** Synthesized: to be judged by the oracle. */
  | { readonly kind: 'synthesized'; readonly where: string; readonly charts: SynthesizedChart[] }
  /** Not a clear error (a TypeError, a stack trace, a secret in the message...). */
  | { readonly kind: 'failure'; readonly where: string; readonly message: string };

/** A value as the saved failures describe it (functions and constructs by their kind, cycles cut). */
export function describeValue(v: unknown): unknown {
  if (v === undefined) return '(undefined)';
  if (typeof v === 'function') return '(a function)';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(describeValue);
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype) {
    const name = proto?.constructor?.name ?? 'object';
    const node = (v as any).node;
    return `(${name}${node?.path ? ` ${node.path}` : ''})`;
  }
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, describeValue(x)]));
}

/**
 * Makes one app: the subject from its valid arguments with the mutations applied, then synth of every chart (and of
 * the app, when it has several). Never throws.
 */
export function runApp(subject: Subject, mutations: readonly Mutation[], valuePool: ValuePool = 'wrong')
  : AppOutcome & { readonly touched: { path: string; value: unknown }[] } {
  const c = context();
  const args = subject.args(c);
  const values = valuePool === 'plausible' ? plausiblePool(c) : pool(c);
  const touched = mutations.map(m => apply(args, m, values, valuePool === 'plausible'));
  const isSecret = (p: string) => (subject.secrets ?? []).some(s => p.startsWith(s));
  // the secret marker put where a non-secret value is shown may be echoed, as any value there is
  const secretShownOk = touched.some(t => (t.value === SECRET && !isSecret(t.path))
    || (typeof t.value === 'string' && t.value.includes(SECRET) && (subject.ids ?? []).includes(t.path)));
  const where = touched.length === 0 ? `${subject.name} with valid arguments` : `${subject.name} with ${touched.map(t => t.path).join(', ')} changed`;
  const ended = (e: unknown, at: string) => {
    const problem = unclear(e, secretShownOk);
    return problem === undefined
      ? { kind: 'error' as const, where: `${where}${at}`, message: (e as Error).message, touched }
      : { kind: 'failure' as const, where: `${where}${at}`, message: problem, touched };
  };
  try {
    subject.make(c, args);
  } catch (e) {
    return ended(e, '');
  }
  try {
    const charts: SynthesizedChart[] = [];
    if (c.app.charts.length > 1) c.app.synthYaml();
    for (const chart of c.app.charts) {
      const manifests = chart.toJson();
      const cluster = KpackCluster.of(chart);
      charts.push({ chart: chart.node.path, kpackVersion: cluster.kpackVersion.tag, defaultStorageClass: cluster.defaultStorageClass, manifests });
    }
    return { kind: 'synthesized', where, charts, touched };
  } catch (e) {
    return ended(e, ', at synth');
  }
}
