import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  BuildServiceAccount, NamespacedBuilder, ClusterBuilder, ClusterStack, CosignCredential, GitCredential, GitSshCredential, Image, ImageSource,
  RegistryCredential, ServiceBinding, ServiceBindingSecret,
} from '../src';
import { manifestOf, synthError } from './util';

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----\n';

function setup(namespace = 'team-a') {
  const chart = new Chart(Testing.app(), 'test', { namespace });
  const stack = ClusterStack.fromClusterStackName(chart, 'stack', 'base');
  const builder = ClusterBuilder.fromClusterBuilderName(chart, 'cb', 'default');
  const sa = new BuildServiceAccount(chart, 'sa', { metadata: { name: 'builds' } });
  return { chart, stack, builder, sa };
}
const https = ImageSource.fromGit('https://github.com/org/app', 'main');

test('credentials go under secrets, registry credentials also under imagePullSecrets', () => {
  const { chart, sa } = setup();
  sa.addCredential(RegistryCredential.fromSecretName(chart, 'reg', 'ghcr', { registry: 'ghcr.io' }));
  sa.addCredential(GitCredential.fromSecretName(chart, 'git', 'github', { url: 'https://github.com' }));
  sa.addCredential(CosignCredential.fromSecretName(chart, 'cosign', 'cosign-key'));
  sa.addCredential(RegistryCredential.fromSecretName(chart, 'reg-again', 'ghcr', { registry: 'ghcr.io' })); // same Secret: once
  sa.addImagePullSecret(kplus.Secret.fromSecretName(chart, 'pull', 'builder-pull'));
  expect(manifestOf(chart, 'ServiceAccount')).toEqual({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'builds', namespace: 'team-a' },
    automountServiceAccountToken: false,
    secrets: [{ name: 'ghcr' }, { name: 'github' }, { name: 'cosign-key' }],
    imagePullSecrets: [{ name: 'ghcr' }, { name: 'builder-pull' }],
  });
  expect(sa.credentials.map(c => c.name)).toEqual(['ghcr', 'github', 'cosign-key']);
  expect(sa.imagePullSecrets.map(c => c.name)).toEqual(['ghcr', 'builder-pull']);
});

test('no imagePullSecrets field without pull secrets', () => {
  const { chart, sa } = setup();
  sa.addCredential(GitCredential.fromSecretName(chart, 'git', 'github', { url: 'https://github.com' }));
  expect(manifestOf(chart, 'ServiceAccount').imagePullSecrets).toBeUndefined();
});

test('is usable by Image, Builder and ClusterBuilder', () => {
  const { chart, stack, sa } = setup();
  sa.addCredential(RegistryCredential.fromSecretName(chart, 'reg', 'ghcr', { registry: 'ghcr.io' }));
  const builder = new NamespacedBuilder(chart, 'builder', { tag: 'ghcr.io/org/builder:1', stack, serviceAccount: sa });
  new ClusterBuilder(chart, 'cluster-builder', { tag: 'ghcr.io/org/cb:1', stack, serviceAccount: sa });
  new Image(chart, 'image', { tag: 'ghcr.io/org/app', builder, serviceAccount: sa, source: https });
  expect(manifestOf(chart, 'Builder').spec.serviceAccountName).toBe('builds');
  expect(manifestOf(chart, 'ClusterBuilder').spec.serviceAccountRef).toEqual({ name: 'builds', namespace: 'team-a' });
  expect(manifestOf(chart, 'Image').spec.serviceAccountName).toBe('builds');
});

test('a service-binding Secret is refused at once, and the engine still catches one added by hand', () => {
  const { chart, sa, builder } = setup();
  const binding = new ServiceBindingSecret(chart, 'maven', { metadata: { name: 'maven' }, bindingType: 'maven' });
  expect(() => sa.addCredential(binding)).toThrow(/BuildServiceAccount "test\/sa": Secret "maven" is a service-binding Secret .*forbidden secret/);
  sa.addSecret(binding); // through cdk8s-plus, past our check
  new Image(chart, 'image', { tag: 'ghcr.io/org/app', builder, serviceAccount: sa, source: https, services: [ServiceBinding.fromSecret(binding)] });
  expect(synthError(chart)).toMatch(/\[test\/image\] spec.build.services\[0\].name binds Secret "maven", which ServiceAccount "builds" lists under secrets/);
});

test('a credential of another namespace is refused', () => {
  const { chart, sa } = setup();
  const other = RegistryCredential.fromSecretName(chart, 'reg', 'ghcr', { registry: 'ghcr.io', namespaceName: 'kpack' });
  expect(() => sa.addCredential(other)).toThrow(/Secret "ghcr" is in namespace "kpack", the ServiceAccount in "team-a"/);
});

describe('checks at synth', () => {
  test('an Image whose service account has no credential for its registry fails synth', () => {
    const { chart, builder, sa } = setup();
    sa.addCredential(RegistryCredential.fromSecretName(chart, 'hub', 'hub', { registry: 'docker.io' }));
    new Image(chart, 'image', { tag: 'ghcr.io/org/app', builder, serviceAccount: sa, source: https });
    expect(synthError(chart)).toMatch(/\[test\/image\] spec.tag "ghcr.io\/org\/app" is on registry "ghcr.io", but ServiceAccount "builds" has registry credentials only for "index.docker.io"/);
    sa.addCredential(RegistryCredential.fromSecretName(chart, 'ghcr', 'ghcr', { registry: 'ghcr.io' }));
    expect(synthError(chart)).toBeUndefined();
  });

  test('a Builder whose service account cannot push its tag fails synth', () => {
    const { chart, stack, sa } = setup();
    sa.addCredential(RegistryCredential.fromSecretName(chart, 'hub', 'hub', { registry: 'docker.io' }));
    new NamespacedBuilder(chart, 'builder', { tag: 'registry.example.com/builder:1', stack, serviceAccount: sa });
    expect(synthError(chart)).toMatch(/\[test\/builder\] spec.tag "registry.example.com\/builder:1" is on registry "registry.example.com"/);
  });

  test('an imported Secret whose registry is not declared is unknown: no error', () => {
    const { chart, builder, sa } = setup();
    sa.addCredential(RegistryCredential.fromSecretName(chart, 'hub', 'hub', { registry: 'docker.io' }));
    sa.addSecret(kplus.Secret.fromSecretName(chart, 'unknown', 'something'));
    new Image(chart, 'image', { tag: 'ghcr.io/org/app', builder, serviceAccount: sa, source: https });
    expect(synthError(chart)).toBeUndefined();
  });

  test('a git source over ssh needs an ssh credential for its host', () => {
    const { chart, builder, sa } = setup();
    new Image(chart, 'image', { tag: 'ghcr.io/org/app', builder, serviceAccount: sa, source: ImageSource.fromGit('git@github.com:org/app.git', 'main') });
    expect(synthError(chart)).toMatch(/\[test\/image\] spec.source.git.url "git@github.com:org\/app.git" is an ssh URL, but ServiceAccount "builds" has no kubernetes.io\/ssh-auth Secret/);
    sa.addCredential(new GitSshCredential(chart, 'ssh', { url: 'git@github.com', sshPrivateKey: KEY }));
    expect(synthError(chart)).toBeUndefined();
  });

  test('a git Secret made by hand with a repository path fails synth, without echoing its data', () => {
    const { chart } = setup();
    new kplus.Secret(chart, 'git', {
      type: 'kubernetes.io/basic-auth',
      metadata: { annotations: { 'kpack.io/git': 'https://github.com/org/repo' } },
      stringData: { username: 'me', password: 'hunter2-secret' },
    });
    const error = synthError(chart)!;
    expect(error).toMatch(/metadata.annotations\["kpack.io\/git"\] "https:\/\/github.com\/org\/repo" does not name a host.*write "https:\/\/github.com"/);
    expect(error).not.toContain('hunter2-secret');
  });
});
