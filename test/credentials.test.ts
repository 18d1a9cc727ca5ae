import { Chart, Testing } from 'cdk8s';
import {
  BlobAuthorization, BlobCredential, BuildServiceAccount, CosignCredential, CredentialType, GitCredential, GitSshCredential, RegistryCredential,
  RegistryCredentialFormat, ServiceBindingSecret,
  KpackCluster,
} from '../src';
import { manifestOf, manifestsOf } from './util';

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----\n';
const PASSWORD = 's3cr3t-Passw0rd';

function chart(namespace?: string) {
  return new Chart(Testing.app(), 'test', { namespace });
}

/** The message of the error `fn` throws; fails the test when it does not throw. */
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('RegistryCredential', () => {
  test('writes a dockerconfigjson Secret, Docker Hub under https://index.docker.io/v1/', () => {
    const c = chart('team-a');
    const cred = new RegistryCredential(c, 'hub', { metadata: { name: 'hub' }, registry: 'docker.io', username: 'me', password: PASSWORD });
    const secret = manifestOf(c, 'Secret');
    expect(secret.type).toBe('kubernetes.io/dockerconfigjson');
    expect(secret.metadata).toEqual({ name: 'hub', namespace: 'team-a' });
    expect(JSON.parse(secret.stringData['.dockerconfigjson'])).toEqual({
      auths: { 'https://index.docker.io/v1/': { username: 'me', password: PASSWORD, auth: Buffer.from(`me:${PASSWORD}`).toString('base64') } },
    });
    expect([cred.credentialType, cred.registry, cred.hosts, cred.namespaceName]).toEqual([CredentialType.REGISTRY, 'index.docker.io', ['index.docker.io'], 'team-a']);
  });

  test('a registry with a scheme is refused with the host to give', () => {
    expect(errorOf(() => new RegistryCredential(chart(), 'r', { registry: 'https://ghcr.io', username: 'me', password: PASSWORD })))
      .toMatch(/registry "https:\/\/ghcr.io" has a scheme: give the host alone, "ghcr.io"/);
  });

  test('the basic-auth format carries the kpack.io/docker annotation', () => {
    const c = chart();
    new RegistryCredential(c, 'ghcr', { registry: 'ghcr.io', username: 'me', password: PASSWORD, format: RegistryCredentialFormat.BASIC_AUTH });
    const secret = manifestOf(c, 'Secret');
    expect(secret.type).toBe('kubernetes.io/basic-auth');
    expect(secret.metadata.annotations).toEqual({ 'kpack.io/docker': 'ghcr.io' });
    expect(secret.stringData).toEqual({ username: 'me', password: PASSWORD });
  });

  test.each([
    ['', /registry must be given/],
    ['ghcr.io/org/repo', /registry "ghcr.io\/org\/repo" is not a registry host: give host\[:port\] only/],
    ['not a host', /registry "not a host" is not a registry host/],
  ])('registry %j is rejected, naming the construct', (registry, message) => {
    const c = chart();
    const error = errorOf(() => new RegistryCredential(c, 'cred', { registry, username: 'me', password: PASSWORD }));
    expect(error).toMatch(/^RegistryCredential "test\/cred": /);
    expect(error).toMatch(message);
    expect(errorOf(() => RegistryCredential.fromSecretName(c, 'imported', 'x', { registry }))).toMatch(message);
  });

  test('an empty password is rejected without showing values', () => {
    const error = errorOf(() => new RegistryCredential(chart(), 'cred', { registry: 'ghcr.io', username: 'me', password: ' ' }));
    expect(error).toMatch(/RegistryCredential "test\/cred": password must not be empty/);
  });

  test('fromSecretName creates nothing and declares the registry', () => {
    const c = chart('team-a');
    const cred = RegistryCredential.fromSecretName(c, 'hub', 'hub-creds', { registry: 'https://index.docker.io/v1/' });
    expect([cred.name, cred.kind, cred.namespaceName, cred.hosts, cred.credentialType]).toEqual(['hub-creds', 'Secret', 'team-a', ['index.docker.io'], CredentialType.REGISTRY]);
    expect(Testing.synth(c)).toEqual([]);
  });
});

describe('git credentials', () => {
  test('GitCredential: basic-auth annotated kpack.io/git', () => {
    const c = chart();
    const cred = new GitCredential(c, 'git', { url: 'https://github.com', username: 'me', password: PASSWORD });
    const secret = manifestOf(c, 'Secret');
    expect(secret.type).toBe('kubernetes.io/basic-auth');
    expect(secret.metadata.annotations).toEqual({ 'kpack.io/git': 'https://github.com' });
    expect(cred.hosts).toEqual(['github.com']);
  });

  test('GitSshCredential: ssh-auth with known_hosts', () => {
    const c = chart();
    new GitSshCredential(c, 'ssh', { url: 'git@github.com', sshPrivateKey: KEY, knownHosts: 'github.com ssh-ed25519 AAAA' });
    const secret = manifestOf(c, 'Secret');
    expect(secret.type).toBe('kubernetes.io/ssh-auth');
    expect(secret.metadata.annotations).toEqual({ 'kpack.io/git': 'git@github.com' });
    expect(secret.stringData).toEqual({ 'ssh-privatekey': KEY, 'known_hosts': 'github.com ssh-ed25519 AAAA' });
  });

  test.each([
    ['https://github.com/org/repo', false, /url "https:\/\/github.com\/org\/repo" does not name a host.*use "https:\/\/github.com"/],
    ['git@github.com:org/repo.git', true, /does not name a host.*use "git@github.com"/],
    ['ssh://git@github.com', true, /does not name a host/],
  ])('url %j is rejected with the host to use', (url, ssh, message) => {
    const c = chart();
    const error = errorOf(() => (ssh
      ? new GitSshCredential(c, 'cred', { url, sshPrivateKey: KEY })
      : new GitCredential(c, 'cred', { url, username: 'me', password: PASSWORD })));
    expect(error).toMatch(message);
    expect(error).toMatch(/"test\/cred"/);
    expect(errorOf(() => GitCredential.fromSecretName(c, 'imported', 'x', { url }))).toMatch(/does not name a host/);
  });

  test.each([
    ['not a key', /sshPrivateKey is not a private key/],
    ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 me@host', /sshPrivateKey is a public key/],
    ['-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nabc\n-----END RSA PRIVATE KEY-----', /protected by a passphrase/],
  ])('an ssh key that is not a usable key is rejected without echoing it', (key, message) => {
    const error = errorOf(() => new GitSshCredential(chart(), 'cred', { url: 'git@github.com', sshPrivateKey: key }));
    expect(error).toMatch(message);
    expect(error).toMatch(/its value is not shown/);
    expect(error).not.toContain(key);
    expect(error).not.toContain('AAAAC3NzaC1lZDI1NTE5');
  });
});

describe('BlobCredential', () => {
  test.each([
    ['basic', BlobAuthorization.basic('me', PASSWORD), { username: 'me', password: PASSWORD }],
    ['bearer', BlobAuthorization.bearer('tok'), { bearer: 'tok' }],
    ['fromHeader', BlobAuthorization.fromHeader('Custom abc'), { authorization: 'Custom abc' }],
  ])('BlobAuthorization.%s: its keys, with the kpack.io/blob annotation', (_, authorization, data) => {
    const c = chart();
    new BlobCredential(c, 'blob', { host: 'storage.example.com', authorization });
    const secret = manifestOf(c, 'Secret');
    expect(secret.type).toBeUndefined();
    expect(secret.metadata.annotations).toEqual({ 'kpack.io/blob': 'storage.example.com' });
    expect(secret.stringData).toEqual(data);
  });

  test('one way to authenticate, given whole; a host without scheme', () => {
    expect(errorOf(() => BlobAuthorization.basic('me', undefined as any))).toMatch(/^BlobAuthorization\.basic\(\): password must not be empty \(its value is not shown\)$/);
    expect(errorOf(() => BlobAuthorization.bearer(7 as any))).toMatch(/^BlobAuthorization\.bearer\(\): token must be a string, got a number \(its value is not shown\)$/);
    const bearer = BlobAuthorization.bearer('a');
    expect(errorOf(() => new BlobCredential(chart(), 'b', { host: 'https://x.io/a', authorization: bearer }))).toMatch(/host "https:\/\/x.io\/a" is not a host/);
    // JavaScript callers of the former props: a token as a string, or the fields themselves; the value is never shown.
    const former = errorOf(() => new BlobCredential(chart(), 'b', { host: 'x.io', authorization: `Bearer ${PASSWORD}` } as any));
    expect(former).toMatch(/^BlobCredential "test\/b": authorization must be a BlobAuthorization \(BlobAuthorization\.basic\(username, password\), \.bearer\(token\) or \.fromHeader\(value\)\), got a string \(its value is not shown\)$/);
    expect(former).not.toContain(PASSWORD);
    expect(errorOf(() => new BlobCredential(chart(), 'b', { host: 'x.io', bearer: PASSWORD } as any))).toMatch(/authorization must be a BlobAuthorization .*, got nothing/);
  });
});

describe('CosignCredential and ServiceBindingSecret', () => {
  const COSIGN = '-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nabc\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n';

  test('cosign.key, cosign.password and the cosign annotations', () => {
    const c = chart();
    new CosignCredential(c, 'cosign', { privateKey: COSIGN, password: PASSWORD, repository: 'registry.example.com/signatures', dockerMediaTypes: true });
    const secret = manifestOf(c, 'Secret');
    expect(secret.stringData).toEqual({ 'cosign.key': COSIGN, 'cosign.password': PASSWORD });
    expect(secret.metadata.annotations).toEqual({ 'kpack.io/cosign.repository': 'registry.example.com/signatures', 'kpack.io/cosign.docker-media-types': '1' });
    expect(errorOf(() => new CosignCredential(chart(), 'x', { privateKey: 'nope' }))).toMatch(/privateKey is not a private key/);
  });

  test('a service binding Secret in the binding layout', () => {
    const c = chart();
    new ServiceBindingSecret(c, 'maven', { bindingType: 'maven', provider: 'acme', entries: { 'settings.xml': '<settings/>' } });
    expect(manifestOf(c, 'Secret').stringData).toEqual({ 'type': 'maven', 'provider': 'acme', 'settings.xml': '<settings/>' });
    expect(errorOf(() => new ServiceBindingSecret(chart(), 'x', { bindingType: 'maven', entries: { type: 'x' } }))).toMatch(/entry "type"/);
  });
});

describe('literal values', () => {
  test('a credential from literal values warns at synth, recommending an existing Secret; an imported one does not', () => {
    const c = chart();
    new RegistryCredential(c, 'literal', { registry: 'ghcr.io', username: 'me', password: PASSWORD });
    RegistryCredential.fromSecretName(c, 'existing', 'ghcr', { registry: 'ghcr.io' });
    const warnings = KpackCluster.warningsOf(c).filter(w => w.rule === 'credential-literal');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].path).toBe('test/literal');
    expect(warnings[0].message).toMatch(/^this Secret holds credentials given as literal values .*External Secrets or Sealed Secrets.*RegistryCredential.fromSecretName\(\)/);
    expect(JSON.stringify(warnings)).not.toContain(PASSWORD);
  });

  test('app.synth() prints each warning once on stderr; Testing.synth does not print', () => {
    const writes: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s: any) => { writes.push(String(s)); return true; });
    try {
      const app = Testing.app();
      const c = new Chart(app, 'test');
      new RegistryCredential(c, 'literal', { registry: 'ghcr.io', username: 'me', password: PASSWORD });
      Testing.synth(c);
      expect(writes.filter(w => w.startsWith('cdk8s-kpack warning:'))).toEqual([]);
      app.synth();
      app.synth();
    } finally {
      spy.mockRestore();
    }
    const warnings = writes.filter(w => w.startsWith('cdk8s-kpack warning:'));
    expect(warnings).toEqual([expect.stringMatching(/^cdk8s-kpack warning: \[test\/literal\] this Secret holds credentials .* \[credential-literal\]\n$/)]);
    expect(writes.join('')).not.toContain(PASSWORD);
  });
});

test('secret material appears only in the Secrets the user created', () => {
  const c = chart();
  const sa = new BuildServiceAccount(c, 'sa', { metadata: { name: 'builds' } });
  sa.addCredential(new RegistryCredential(c, 'reg', { registry: 'ghcr.io', username: 'me', password: PASSWORD }));
  const others = Testing.synth(c).filter(m => m.kind !== 'Secret');
  expect(JSON.stringify(others)).not.toContain(PASSWORD);
  expect(manifestsOf(c, 'Secret')).toHaveLength(1);
});

// Found by the construct fuzz: cdk8s spreads the given metadata over the name it generates, so a name set to
// undefined (JavaScript's "not set") left the Secret, ServiceAccount or kpack object without a name.
test('metadata fields set to undefined are "not set": the object keeps its generated name', () => {
  const c = chart('team-a');
  new RegistryCredential(c, 'registry', { metadata: { name: undefined }, registry: 'ghcr.io', username: 'me', password: PASSWORD });
  new GitCredential(c, 'git', { metadata: { name: undefined, labels: undefined }, url: 'https://github.com', username: 'me', password: PASSWORD });
  new BuildServiceAccount(c, 'sa', { metadata: { name: undefined } });
  const names = Testing.synth(c).map(m => m.metadata.name);
  expect(names).toHaveLength(3);
  expect(names.every(n => typeof n === 'string' && n.startsWith('test-'))).toBe(true);
});
