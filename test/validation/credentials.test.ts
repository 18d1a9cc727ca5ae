/** Credential rules of the engine: registry credentials per tag, git over ssh, blob secrets, unmatched kpack.io annotations. */
import { KpackValidator, Severity } from '../../src/validation';

const NS = 'team-a';
const V2 = 'kpack.io/v1alpha2';

function secret(name: string, type: string, annotations?: any, extra: any = {}): any {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: NS, ...(annotations ? { annotations } : {}) }, type, ...extra };
}
function dockerConfig(name: string, registries: string[], encoded = true): any {
  const json = JSON.stringify({ auths: Object.fromEntries(registries.map(r => [r, { username: 'u', password: 'p' }])) });
  return encoded
    ? secret(name, 'kubernetes.io/dockerconfigjson', undefined, { data: { '.dockerconfigjson': Buffer.from(json).toString('base64') } })
    : secret(name, 'kubernetes.io/dockerconfigjson', undefined, { stringData: { '.dockerconfigjson': json } });
}
function account(secrets: string[], extra: any = {}): any {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builds', namespace: NS, ...extra.metadata }, secrets: secrets.map(name => ({ name })), ...extra.body };
}
function image(tag: string, source: any = { git: { url: 'https://github.com/org/app', revision: 'main' } }): any {
  return {
    apiVersion: V2,
    kind: 'Image',
    metadata: { name: 'app', namespace: NS },
    spec: { tag, builder: { kind: 'ClusterBuilder', name: 'default' }, serviceAccountName: 'builds', source },
  };
}
const externalObjects = [{ kind: 'ClusterBuilder', name: 'default' }];

function allCredentialFindings(manifests: any[], extraExternal: any[] = []) {
  return KpackValidator.validateManifests(manifests, { externalObjects: [...externalObjects, ...extraExternal] })
    .filter(f => f.rule.startsWith('credential-'));
}
/** The credential findings, except "no registry credential at all" (tested on its own below). */
function credentialFindings(manifests: any[], extraExternal: any[] = []) {
  return allCredentialFindings(manifests, extraExternal).filter(f => f.rule !== 'credential-registry-missing');
}

describe('registry credential for the tag', () => {
  test('a tag on a registry none of the known credentials is for: a warning naming both', () => {
    const findings = credentialFindings([dockerConfig('hub', ['https://index.docker.io/v1/']), account(['hub']), image('ghcr.io/org/app')]);
    expect(findings).toEqual([expect.objectContaining({
      rule: 'credential-registry',
      severity: Severity.WARNING,
      kind: 'Image',
      path: 'spec.tag',
      message: expect.stringMatching(/spec.tag "ghcr.io\/org\/app" is on registry "ghcr.io", but ServiceAccount "builds" has registry credentials only for "index.docker.io"/),
    })]);
  });

  test.each([
    ['docker.io alias key', ['docker.io'], 'my-user/app'],
    ['registry-1 alias key', ['registry-1.docker.io'], 'index.docker.io/my-user/app'],
    ['https key with /v1/', ['https://index.docker.io/v1/'], 'docker.io/my-user/app:1'],
    ['port', ['registry.local:5000'], 'registry.local:5000/app'],
  ])('a matching credential (%s) gives no finding', (_, keys, tag) => {
    expect(credentialFindings([dockerConfig('reg', keys), account(['reg']), image(tag)])).toEqual([]);
  });

  test('stringData and basic-auth with kpack.io/docker count; imagePullSecrets count', () => {
    const basic = secret('basic', 'kubernetes.io/basic-auth', { 'kpack.io/docker': 'gcr.io' });
    const sa = account([], { body: { imagePullSecrets: [{ name: 'string' }, { name: 'basic' }] } });
    expect(credentialFindings([dockerConfig('string', ['ghcr.io'], false), basic, sa, image('ghcr.io/org/app'), image('gcr.io/org/app')].map((m, i) => (
      m.kind === 'Image' ? { ...m, metadata: { ...m.metadata, name: `app-${i}` } } : m)))).toEqual([]);
  });

  test('nothing is reported when a secret is unknown, or the SA uses workload identity or is not in the manifests', () => {
    // an unknown (imported) secret
    expect(credentialFindings([dockerConfig('hub', ['docker.io']), account(['hub', 'elsewhere']), image('ghcr.io/org/app')])).toEqual([]);
    // workload identity
    const irsa = account(['hub'], { metadata: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/x' } } });
    expect(credentialFindings([dockerConfig('hub', ['docker.io']), irsa, image('ghcr.io/org/app')])).toEqual([]);
    // the ServiceAccount is not in the manifests
    expect(credentialFindings([image('ghcr.io/org/app')])).toEqual([]);
  });

  test('a known SA with no registry credential at all: a warning (a registry may take anonymous pushes), none for cloud registries', () => {
    const git = secret('git', 'kubernetes.io/basic-auth', { 'kpack.io/git': 'https://github.com' });
    const findings = allCredentialFindings([git, account(['git']), image('ghcr.io/org/app')]);
    expect(findings).toEqual([expect.objectContaining({
      rule: 'credential-registry-missing',
      severity: Severity.WARNING,
      path: 'spec.tag',
      message: expect.stringMatching(/spec.tag "ghcr.io\/org\/app" is on registry "ghcr.io", but ServiceAccount "builds" has no registry credential/),
    })]);
    expect(allCredentialFindings([git, account(['git']), image('123.dkr.ecr.eu-west-1.amazonaws.com/app')])).toEqual([]);
    expect(allCredentialFindings([dockerConfig('reg', ['ghcr.io']), account(['reg']), image('ghcr.io/org/app')])).toEqual([]);
  });

  test('an external Secret declares its registry with a kpack.io/docker annotation', () => {
    const manifests = [account(['imported']), image('ghcr.io/org/app')];
    const declared = (registry: string) => [{ kind: 'Secret', name: 'imported', namespace: NS, annotations: { 'kpack.io/docker': registry } }];
    expect(credentialFindings(manifests, declared('ghcr.io'))).toEqual([]);
    expect(credentialFindings(manifests, declared('quay.io')).map(f => f.rule)).toEqual(['credential-registry']);
  });

  test('cloud registries get their own rule (their credentials may come from the cloud)', () => {
    const findings = credentialFindings([dockerConfig('hub', ['docker.io']), account(['hub']), image('123.dkr.ecr.eu-west-1.amazonaws.com/app')]);
    expect(findings.map(f => [f.rule, f.severity])).toEqual([['credential-registry-helper', Severity.WARNING]]);
    expect(findings[0].message).toMatch(/unless workload identity or the nodes' credentials give access/);
  });

  test('Builder and ClusterBuilder tags are checked with their service accounts', () => {
    const builder = {
      apiVersion: V2,
      kind: 'Builder',
      metadata: { name: 'b', namespace: NS },
      spec: { tag: 'ghcr.io/org/builder', serviceAccountName: 'builds', stack: { kind: 'ClusterStack', name: 'base' } },
    };
    const clusterBuilder = {
      apiVersion: V2,
      kind: 'ClusterBuilder',
      metadata: { name: 'cb' },
      spec: { tag: 'ghcr.io/org/cb', serviceAccountRef: { name: 'builds', namespace: NS }, stack: { kind: 'ClusterStack', name: 'base' } },
    };
    const findings = credentialFindings([dockerConfig('hub', ['docker.io']), account(['hub']), builder, clusterBuilder], [{ kind: 'ClusterStack', name: 'base' }]);
    expect(findings.map(f => `${f.kind} ${f.rule}`)).toEqual(['Builder credential-registry', 'ClusterBuilder credential-registry']);
  });
});

describe('git source over ssh', () => {
  const ssh = { git: { url: 'git@github.com:org/app.git', revision: 'main' } };

  test('needs an ssh-auth Secret for its host', () => {
    const findings = credentialFindings([secret('basic', 'kubernetes.io/basic-auth', { 'kpack.io/git': 'https://github.com' }), account(['basic']), image('ghcr.io/org/app', ssh)]);
    expect(findings).toEqual([expect.objectContaining({
      rule: 'credential-git-ssh',
      path: 'spec.source.git.url',
      severity: Severity.WARNING,
      message: expect.stringMatching(/is an ssh URL, but ServiceAccount "builds" has no kubernetes.io\/ssh-auth Secret .* for host "github.com"/),
    })]);
  });

  test.each([
    ['git@github.com:org/app.git', 'git@github.com'],
    ['ssh://git@github.com/org/app.git', 'github.com'],
    ['ssh://git@git.internal:2222/org/app.git', 'git@git.internal:2222'],
  ])('%s is served by an ssh key annotated %s', (url, annotation) => {
    const manifests = [secret('key', 'kubernetes.io/ssh-auth', { 'kpack.io/git': annotation }), account(['key']), image('ghcr.io/org/app', { git: { url, revision: 'main' } })];
    expect(credentialFindings(manifests)).toEqual([]);
  });

  test('an ssh key for another host does not count; https sources need nothing', () => {
    const other = secret('key', 'kubernetes.io/ssh-auth', { 'kpack.io/git': 'git@gitlab.com' });
    expect(credentialFindings([other, account(['key']), image('ghcr.io/org/app', ssh)]).map(f => f.rule)).toEqual(['credential-git-ssh']);
    expect(credentialFindings([other, account(['key']), image('ghcr.io/org/app')])).toEqual([]);
  });
});

describe('blob source with auth: secret', () => {
  test('blob credentials, none for the host: a warning; one for the host, or none at all: nothing', () => {
    const source = { blob: { url: 'https://storage.example.com/app.zip', auth: 'secret' } };
    const other = secret('other', 'Opaque', { 'kpack.io/blob': 'files.example.org' });
    expect(credentialFindings([other, account(['other']), image('ghcr.io/org/app', source)])).toEqual([expect.objectContaining({
      rule: 'credential-blob', message: expect.stringMatching(/only for "files.example.org", none for host "storage.example.com"/),
    })]);
    const blob = secret('blob', 'Opaque', { 'kpack.io/blob': 'storage.example.com' });
    expect(credentialFindings([blob, other, account(['blob', 'other']), image('ghcr.io/org/app', source)])).toEqual([]);
    expect(credentialFindings([account([]), image('ghcr.io/org/app', source)])).toEqual([]);
  });
});

describe('Secrets kpack can never match', () => {
  test.each([
    ['kubernetes.io/basic-auth', 'https://github.com/org/repo', 'https://github.com'],
    ['kubernetes.io/ssh-auth', 'ssh://git@github.com', 'git@github.com'],
    ['kubernetes.io/basic-auth', 'https://github.com/', 'https://github.com'],
  ])('a %s git credential annotated %j: warning with the host to write', (type, annotation, suggestion) => {
    const findings = credentialFindings([secret('git', type, { 'kpack.io/git': annotation })]);
    expect(findings).toEqual([expect.objectContaining({
      rule: 'credential-git-url',
      kind: 'Secret',
      path: 'metadata.annotations["kpack.io/git"]',
      severity: Severity.WARNING,
      message: expect.stringContaining('does not name a host: kpack matches git credentials by host only'),
    })]);
    expect(findings[0].message).toContain(`write "${suggestion}"`);
  });

  test('a registry annotation with a repository path, and an unreadable docker config', () => {
    const bad = secret('reg', 'kubernetes.io/basic-auth', { 'kpack.io/docker': 'ghcr.io/org' });
    const broken = secret('cfg', 'kubernetes.io/dockerconfigjson', undefined, { data: { '.dockerconfigjson': Buffer.from('{nope').toString('base64') } });
    expect(credentialFindings([bad, broken]).map(f => f.rule)).toEqual(['credential-registry-host', 'credential-docker-config']);
  });

  test('well-formed credentials give no finding', () => {
    expect(credentialFindings([
      secret('a', 'kubernetes.io/basic-auth', { 'kpack.io/git': 'https://github.com' }),
      secret('b', 'kubernetes.io/ssh-auth', { 'kpack.io/git': 'git@github.com' }),
      secret('c', 'kubernetes.io/basic-auth', { 'kpack.io/docker': 'https://index.docker.io/v1/' }),
      dockerConfig('d', ['gcr.io']),
    ])).toEqual([]);
  });
});
