import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { EXAMPLES } from '../examples';
import { BuildpackRef, ClusterBuilder, ClusterStack, Image, ImageSource, KpackValidator, ObjectKey, RegistryCredential, Severity, Tenant, TenantBuilder } from '../src';

function setup() {
  const app = Testing.app();
  const shared = new Chart(app, 'shared');
  const stack = ClusterStack.fromClusterStackName(shared, 'stack', 'base');
  const clusterBuilder = ClusterBuilder.fromClusterBuilderName(shared, 'cb', 'default');
  return { app, stack, clusterBuilder };
}
const source = ImageSource.fromGit('https://github.com/org/app', 'main');
const byKind = (manifests: any[], kind: string) => manifests.filter(m => m.kind === kind);

test('a tenant on a shared ClusterBuilder: namespace first, service account, RBAC, Images in the namespace', () => {
  const { app, clusterBuilder } = setup();
  const tenant = new Tenant(app, 'team-a', { name: 'team-a', builder: TenantBuilder.fromBuilder(clusterBuilder), groups: ['team-a-devs'] });
  tenant.addCredential(RegistryCredential.fromSecretName(tenant, 'ghcr', 'ghcr', { registry: 'ghcr.io' }));
  const image = tenant.addImage('app', { metadata: { name: 'app' }, tag: 'ghcr.io/team-a/app', source });
  const manifests = Testing.synth(tenant);

  expect(manifests[0]).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' }, spec: {} });
  expect(manifests.slice(1).every(m => m.metadata.namespace === 'team-a')).toBe(true);
  expect(byKind(manifests, 'ServiceAccount')[0]).toMatchObject({ metadata: { name: 'kpack-builds' }, secrets: [{ name: 'ghcr' }], imagePullSecrets: [{ name: 'ghcr' }] });
  expect(byKind(manifests, 'Image')[0].spec).toMatchObject({ builder: { kind: 'ClusterBuilder', name: 'default' }, serviceAccountName: 'kpack-builds' });
  expect(image).toBeInstanceOf(Image);
  expect(tenant.builder).toBe(clusterBuilder);

  const rules = byKind(manifests, 'Role')[0].rules;
  const verbs = (group: string, resource: string) => rules.find((r: any) => r.apiGroups[0] === group && r.resources[0] === resource)?.verbs;
  expect(verbs('kpack.io', 'images')).toEqual(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']);
  expect(verbs('kpack.io', 'builds')).toEqual(['get', 'list', 'watch']);
  expect(verbs('kpack.io', 'builders')).toEqual(['get', 'list', 'watch']);
  expect(verbs('', 'pods/log')).toEqual(['get', 'list', 'watch']);
  expect(byKind(manifests, 'RoleBinding')[0]).toMatchObject({
    roleRef: { kind: 'Role', name: 'kpack-images' },
    subjects: [{ kind: 'Group', name: 'team-a-devs', apiGroup: 'rbac.authorization.k8s.io' }],
  });
  expect(byKind(manifests, 'ResourceQuota')).toEqual([]);
  expect(byKind(manifests, 'LimitRange')).toEqual([]);
});

test('a tenant with its own Builder, built with the tenant service account, and builder pull secrets', () => {
  const { app, stack } = setup();
  const tenant = new Tenant(app, 'team-b', {
    name: 'team-b',
    builder: TenantBuilder.ownBuilder({ tag: 'ghcr.io/team-b/builder:1', stack, order: [{ group: [BuildpackRef.fromId('paketo-buildpacks/java')] }] }),
    builderPullSecrets: [RegistryCredential.fromSecretName(app, 'pull', 'builder-pull', { registry: 'ghcr.io', namespaceName: 'team-b' })],
  });
  tenant.addImage('app', { tag: 'ghcr.io/team-b/app', source });
  const manifests = Testing.synth(tenant);
  const builder = byKind(manifests, 'Builder')[0];
  expect(builder.metadata).toEqual({ name: 'builder', namespace: 'team-b' });
  expect(builder.spec.serviceAccountName).toBe('kpack-builds');
  expect(byKind(manifests, 'Image')[0].spec.builder).toEqual({ kind: 'Builder', name: 'builder' });
  expect(byKind(manifests, 'ServiceAccount')[0].imagePullSecrets).toEqual([{ name: 'builder-pull' }]);
  expect(byKind(manifests, 'RoleBinding')).toEqual([]);
});

test('the tenant checks its own Builder\'s credentials at synth', () => {
  const { app, stack } = setup();
  const tenant = new Tenant(app, 'team-b', { name: 'team-b', builder: TenantBuilder.ownBuilder({ tag: 'ghcr.io/team-b/builder:1', stack }) });
  tenant.addCredential(RegistryCredential.fromSecretName(tenant, 'hub', 'hub', { registry: 'docker.io' }));
  expect(() => Testing.synth(tenant)).toThrow(/\[team-b\/Builder\] spec.tag "ghcr.io\/team-b\/builder:1" is on registry "ghcr.io"/);
});

test.each(['Team_A', '', '-team', 'a'.repeat(64), 'team.a'])('name %j is not a valid namespace', name => {
  const { app, clusterBuilder } = setup();
  expect(() => new Tenant(app, 'tenant', { name, builder: TenantBuilder.fromBuilder(clusterBuilder) })).toThrow(/^Tenant "tenant": name (.* is not a valid namespace name|is required: a namespace name must not be empty)/);
});

test('a builder: a TenantBuilder of a builder made elsewhere, or of the tenant\'s own', () => {
  const { app, stack, clusterBuilder } = setup();
  const expected = 'a TenantBuilder \\(TenantBuilder\\.fromBuilder\\(clusterBuilder\\) or TenantBuilder\\.ownBuilder\\(\\{ tag, stack, \\.\\.\\. \\}\\)\\)';
  expect(() => new Tenant(app, 't1', { name: 't1' } as any)).toThrow(new RegExp(`^Tenant "t1": builder is required: give ${expected}`));
  // JavaScript callers of the former props: a ClusterBuilder, or the options of a Builder, as they are.
  expect(() => new Tenant(app, 't2', { name: 't2', builder: clusterBuilder } as any))
    .toThrow(new RegExp(`^Tenant "t2": builder must be ${expected}, got ClusterBuilder "default"`));
  expect(() => new Tenant(app, 't3', { name: 't3', builder: { tag: 'ghcr.io/x/b:1', stack } } as any))
    .toThrow(new RegExp(`^Tenant "t3": builder must be ${expected}, got an object`));
  expect(() => TenantBuilder.fromBuilder(stack as any))
    .toThrow(/^TenantBuilder\.fromBuilder\(\): builder must be a ClusterBuilder \(or a Builder in the tenant's namespace\), got ClusterStack "base"/);
  expect(() => TenantBuilder.ownBuilder({ tag: '', stack })).toThrow(/^TenantBuilder\.ownBuilder\(\): tag must not be empty/);
});

test('credentials and Images must be in the tenant namespace', () => {
  const { app, clusterBuilder } = setup();
  const tenant = new Tenant(app, 'team-a', { name: 'team-a', builder: TenantBuilder.fromBuilder(clusterBuilder) });
  expect(() => tenant.addCredential(RegistryCredential.fromSecretName(app, 'x', 'x', { registry: 'ghcr.io' }))).toThrow(/in namespace "default"/);
  expect(() => tenant.addImage('app', { metadata: { namespace: 'other' }, tag: 'ghcr.io/a/app', source })).toThrow(/must be in the tenant's namespace "team-a"/);
});

describe('quota and LimitRange', () => {
  test('a quota on compute gets a LimitRange whose defaults let build pods in', () => {
    const { app, clusterBuilder } = setup();
    const tenant = new Tenant(app, 'team-a', {
      name: 'team-a',
      builder: TenantBuilder.fromBuilder(clusterBuilder),
      quota: {
        requestsCpu: kplus.Cpu.units(4),
        requestsMemory: Size.gibibytes(8),
        limitsMemory: Size.gibibytes(16),
        pods: 6,
        persistentVolumeClaims: 10,
        requestsStorage: Size.gibibytes(40),
      },
    });
    const manifests = Testing.synth(tenant);
    expect(byKind(manifests, 'ResourceQuota')[0].spec.hard).toEqual({
      'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.memory': '16Gi', 'pods': '6', 'persistentvolumeclaims': '10', 'requests.storage': '40Gi',
    });
    expect(byKind(manifests, 'LimitRange')[0].spec.limits).toEqual([{
      type: 'Container', defaultRequest: { cpu: '250m', memory: '512Mi' }, default: { memory: '2Gi' },
    }]);
  });

  test('a quota without compute limits needs no LimitRange; explicit defaults make one', () => {
    const { app, clusterBuilder } = setup();
    const a = new Tenant(app, 'a', { name: 'a', builder: TenantBuilder.fromBuilder(clusterBuilder), quota: { pods: 3 } });
    expect(byKind(Testing.synth(a), 'LimitRange')).toEqual([]);
    const b = new Tenant(app, 'b', { name: 'b', builder: TenantBuilder.fromBuilder(clusterBuilder), buildContainerDefaults: { cpuRequest: kplus.Cpu.millis(500), cpuLimit: kplus.Cpu.units(1) } });
    expect(byKind(Testing.synth(b), 'LimitRange')[0].spec.limits[0]).toEqual({
      type: 'Container', defaultRequest: { cpu: '500m', memory: '512Mi' }, default: { cpu: '1' },
    });
  });

  test.each([
    [{ requestsCpu: kplus.Cpu.millis(100) }, {}, /quota.requestsCpu is less than one build container's cpuRequest/],
    [{ limitsMemory: Size.gibibytes(1) }, {}, /quota.limitsMemory is less than one build container's memoryLimit/],
    [{}, { memoryRequest: Size.gibibytes(2), memoryLimit: Size.gibibytes(1) }, /memoryLimit 1Gi is below memoryRequest 2Gi/],
    [{ pods: 0 }, {}, /quota.pods 0 is too small: give a whole number, at least 1/],
  ])('quota %j with defaults %j is rejected', (quota, defaults, message) => {
    const { app, clusterBuilder } = setup();
    expect(() => new Tenant(app, 't', { name: 't', builder: TenantBuilder.fromBuilder(clusterBuilder), quota, buildContainerDefaults: defaults })).toThrow(message);
  });
});

describe('the multi-team example', () => {
  // The existing Secrets the example's header lists, as the cluster would have them.
  const dockerConfig = (namespaceName: string, name: string, registry: string): ObjectKey => ({ kind: 'Secret', name, namespaceName, annotations: { 'kpack.io/docker': registry } });
  const existing: ObjectKey[] = [
    dockerConfig('kpack', 'platform-registry', 'registry.example.com'),
    dockerConfig('team-a', 'registry', 'ghcr.io'),
    dockerConfig('team-a', 'platform-pull', 'registry.example.com'),
    { kind: 'Secret', name: 'github-ssh', namespaceName: 'team-a', secretType: 'kubernetes.io/ssh-auth', annotations: { 'kpack.io/git': 'git@github.com' } },
    dockerConfig('team-b', 'registry', 'registry.example.com'),
    { kind: 'Secret', name: 'gitlab', namespaceName: 'team-b', secretType: 'kubernetes.io/basic-auth', annotations: { 'kpack.io/git': 'https://gitlab.example.com' } },
  ];
  function synthExample(): any[] {
    const app = Testing.app();
    EXAMPLES['multi-team'](app);
    return app.charts.flatMap(c => Testing.synth(c));
  }

  test('two tenants share the ClusterBuilder or have their own Builder', () => {
    const manifests = synthExample();
    const images = manifests.filter(m => m.kind === 'Image').map(m => `${m.metadata.namespace}/${m.metadata.name} ${m.spec.builder.kind}/${m.spec.builder.name}`);
    expect(images).toEqual(['team-a/web ClusterBuilder/default', 'team-a/api ClusterBuilder/default', 'team-b/service Builder/builder']);
    expect(manifests.filter(m => m.kind === 'Secret')).toEqual([]); // no secret material in the output
  });

  test('kpack finds a credential for every push and every ssh clone', () => {
    const manifests = synthExample();
    const findings = KpackValidator.validateManifests(manifests, { externalObjects: existing, strictReferences: true });
    expect(findings.filter(f => f.severity === Severity.ERROR || f.rule.startsWith('credential-'))).toEqual([]);
    // The check is not vacuous: declare team A's registry credential for another registry, drop its ssh key.
    const wrong = existing.map(e => (e.name === 'registry' && e.namespaceName === 'team-a' ? dockerConfig('team-a', 'registry', 'quay.io') : e))
      .filter(e => e.name !== 'github-ssh');
    const broken = KpackValidator.validateManifests(manifests, { externalObjects: [...wrong, { kind: 'Secret', name: 'github-ssh', namespaceName: 'team-a', secretType: 'kubernetes.io/basic-auth' }] });
    expect(broken.filter(f => f.rule.startsWith('credential-')).map(f => `${f.name} ${f.rule}`).sort()).toEqual([
      'api credential-git-ssh', 'api credential-registry', 'web credential-git-ssh', 'web credential-registry',
    ]);
  });
});

test('a default build memory limit below 1Gi warns at synth, 1Gi and above does not', () => {
  const warningsFor = (memoryLimit: Size) => {
    const { app, clusterBuilder } = setup();
    new Tenant(app, 't', { name: 't', builder: TenantBuilder.fromBuilder(clusterBuilder), buildContainerDefaults: { memoryRequest: Size.mebibytes(256), memoryLimit } });
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      app.synth();
      return spy.mock.calls.map(c => String(c[0])).join('');
    } finally {
      spy.mockRestore();
    }
  };
  expect(warningsFor(Size.mebibytes(768))).toMatch(/\[t\] buildContainerDefaults\.memoryLimit 768Mi is below 1Gi/);
  expect(warningsFor(Size.gibibytes(1))).not.toMatch(/below 1Gi/);
});
