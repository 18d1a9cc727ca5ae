/**
 * The oracle's second judge (oracle/kubernetes.go, oracle/runtime.go): Kubernetes' own API validation of built-in
 * objects, and of the build Pod, cache PVC and Build kpack's own code makes of an admitted Image or Build, with the
 * errors mapped back to the manifest's fields. Needs Go (the oracle is built from kpack's and Kubernetes' Go modules);
 * without Go the tests are skipped with a note (CI requires Go).
 */
import { ApiObject, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { isKubernetesObject, podSecurityProblem } from './compare';
import { buildOracle, goAvailable, judge, ORACLE_VERSIONS, OracleLine } from './oracle-client';
import { EXAMPLES } from '../../examples';
import { BuildCache, KpackPlatform } from '../../src';
import { baseline, DIGEST } from '../validation/fixtures';

const GO = goAvailable();
if (!GO) {
  // eslint-disable-next-line no-console
  console.warn('kubernetes-oracle: Go is not installed, so the oracle\'s Kubernetes validation is not tested');
}
const describeWithGo = GO ? describe : describe.skip;

/** An Image as a new user writes it, valid for kpack and Kubernetes alike, with a build config of every kind. */
function image(): any {
  const im = baseline('Image');
  im.spec.build.tolerations = [{ key: 'builds', operator: 'Equal', value: 'yes', effect: 'NoSchedule' }];
  im.spec.build.affinity = {
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['builds'] }] }] } },
  };
  im.spec.build.runtimeClassName = 'gvisor';
  im.spec.build.schedulerName = 'builds-scheduler';
  im.metadata.labels = { 'app.kubernetes.io/name': 'app' };
  im.metadata.annotations = { 'example.com/owner': 'team-a' };
  return im;
}

/** A Build as a new user writes it (a creation time kpack's pod code can parse). */
function build(): any {
  const b = baseline('Build');
  b.spec.creationTime = '1700000000';
  b.spec.services = [{ kind: 'Secret', name: 'maven-settings', apiVersion: 'v1' }];
  b.spec.builder.imagePullSecrets = [{ name: 'builder-pull' }];
  return b;
}

function errorsOf(line: OracleLine): Array<[string, string[]]> {
  return (line.runtime?.errors ?? []).map(e => [e.object, e.paths]);
}

describeWithGo.each(ORACLE_VERSIONS.map(v => [v]))('kpack %s', version => {
  beforeAll(() => buildOracle(version), 600_000);

  const one = (manifest: unknown, options = {}) => {
    const [line] = judge(version, [manifest], options);
    return line;
  };

  describe('stand-ins create no error of their own', () => {
    test.each([
      ['an Image with a volume cache and every build setting', image()],
      ['an Image with a registry source, a registry cache and a ClusterBuilder', (() => {
        const im = image();
        im.spec.source = { registry: { image: `registry.example.com/src@${DIGEST}`, imagePullSecrets: [{ name: 'pull' }] }, subPath: 'app' };
        im.spec.cache = { registry: { tag: 'registry.example.com/apps/app-cache' } };
        im.spec.builder = { kind: 'ClusterBuilder', name: 'default' };
        return im;
      })()],
      ['an Image with a blob source, no cache, no build settings', (() => {
        const im = baseline('Image');
        im.spec.source = { blob: { url: 'https://example.com/app.tgz', auth: 'secret' } };
        delete im.spec.cache;
        delete im.spec.build;
        return im;
      })()],
      ['a Build with a service binding and builder pull secrets', build()],
    ])('%s: kpack admits it and Kubernetes accepts its Pod, PVC and Build', (_, manifest) => {
      const line = one(manifest);
      expect(line.admitted).toBe(true);
      expect(line.runtime).toEqual({ admitted: true, errors: [] });
    });

    test('without a default StorageClass an Image has no cache, and still a valid pod', () => {
      const im = image();
      delete im.spec.cache;
      const line = one(im, { defaultStorageClass: false });
      expect(line.admitted).toBe(true);
      expect(line.runtime).toEqual({ admitted: true, errors: [] });
    });
  });

  // rest.BeforeCreate and BeforeUpdate: the API server owns generation (1 on create, the stored one on update).
  test.each([
    ['create', undefined],
    ['update', baseline('ClusterStack')],
  ])('a negative generation is replaced by the API server on %s: admitted', (_, previous) => {
    const stack = baseline('ClusterStack');
    stack.metadata.generation = -1;
    const line = one(stack, previous ? { previous: JSON.stringify(previous) } : {});
    expect(line.update ?? false).toBe(previous !== undefined);
    expect(line.admitted).toBe(true);
  });

  describe('what kpack admits and Kubernetes refuses, named by the manifest field', () => {
    test.each([
      ['a toleration operator', (m: any) => { m.spec.build.tolerations[0].operator = 'Maybe'; }, 'Pod', 'spec.build.tolerations[0].operator'],
      ['a toleration effect', (m: any) => { m.spec.build.tolerations[0].effect = 'Never'; }, 'Pod', 'spec.build.tolerations[0].effect'],
      ['a nodeSelector key', (m: any) => { m.spec.build.nodeSelector = { 'bad key!': 'x' }; }, 'Pod', 'spec.build.nodeSelector'],
      ['a nodeSelector value', (m: any) => { m.spec.build.nodeSelector = { pool: 'not a value' }; }, 'Pod', 'spec.build.nodeSelector'],
      ['an affinity operator', (m: any) => {
        m.spec.build.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator = 'Near';
      }, 'Pod', 'spec.build.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator'],
      ['a runtimeClassName', (m: any) => { m.spec.build.runtimeClassName = 'Not_A_Name'; }, 'Pod', 'spec.build.runtimeClassName'],
      ['a serviceAccountName', (m: any) => { m.spec.serviceAccountName = 'Not_A_Name'; }, 'Pod', 'spec.serviceAccountName'],
      ['an env name with =', (m: any) => { m.spec.build.env.push({ name: 'A=B', value: 'x' }); }, 'Pod', 'spec.build.env[2].name'],
      ['requests above limits', (m: any) => { m.spec.build.resources = { limits: { cpu: '1' }, requests: { cpu: '2' } }; }, 'Pod', 'spec.build.resources.requests'],
      ['a negative cpu request', (m: any) => { m.spec.build.resources = { requests: { cpu: '-1' } }; }, 'Pod', 'spec.build.resources.requests["cpu"]'],
      ['a zero build timeout', (m: any) => { m.spec.build.buildTimeout = 0; }, 'Pod', 'spec.build.buildTimeout'],
      ['a source subPath out of the workspace', (m: any) => { m.spec.source.subPath = '../etc'; }, 'Pod', 'spec.source.subPath'],
      ['a service whose volume name is too long', (m: any) => { m.spec.build.services[0].name = 's'.repeat(60); }, 'Pod', 'spec.build.services[0]'],
      ['a zero cache size', (m: any) => { m.spec.cache.volume.size = '0Ki'; }, 'PersistentVolumeClaim', 'spec.cache.volume.size'],
      ['a storage class that is not a name', (m: any) => { m.spec.cache.volume.storageClassName = 'Fast_SSD'; }, 'PersistentVolumeClaim', 'spec.cache.volume.storageClassName'],
      ['a tag whose build-number tag passes 128 characters', (m: any) => { m.spec.tag = `registry.example.com/apps/app:${'t'.repeat(120)}`; }, 'Build', 'spec.tag'],
    ])('Image: %s', (_, mutate, object, path) => {
      const im = image();
      mutate(im);
      const line = one(im);
      expect(line.admitted).toBe(true);
      expect(line.runtime?.admitted).toBe(false);
      expect(errorsOf(line)).toContainEqual([object, [path]]);
    });

    test.each([
      ['a name longer than a label value (kpack labels its pod with it)', (b: any) => { b.metadata.name = 'b'.repeat(70); }, 'Pod', 'metadata.name'],
      ['a priorityClassName', (b: any) => { b.spec.priorityClassName = 'Not_A_Name'; }, 'Pod', 'spec.priorityClassName'],
      ['a creation time kpack cannot parse', (b: any) => { b.spec.creationTime = 'yesterday'; }, 'Build', 'spec.creationTime'],
      ['a toleration operator', (b: any) => { b.spec.tolerations = [{ key: 'a', operator: 'Maybe' }]; }, 'Pod', 'spec.tolerations[0].operator'],
    ])('Build: %s', (_, mutate, object, path) => {
      const b = build();
      mutate(b);
      const line = one(b);
      expect(line.admitted).toBe(true);
      expect(line.runtime?.admitted).toBe(false);
      expect(errorsOf(line)).toContainEqual([object, [path]]);
    });

    test('Image labels and annotations reach the build pod unchanged (valid ones pass, every error is mapped)', () => {
      const im = image();
      im.spec.build.env.push({ name: 'A=B', value: 'x' });
      const line = one(im);
      for (const e of line.runtime!.errors) expect(e.paths.length).toBeGreaterThan(0);
    });
  });

  describe('built-in objects', () => {
    test('a Build cache claim the app makes: BuildCache.fromPersistentVolumeClaim refuses exactly the claims Kubernetes refuses', () => {
      const cases: Array<[string, kplus.PersistentVolumeClaimProps]> = [
        ['bare', {}],
        ['modes', { accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE] }],
        ['storage', { storage: Size.gibibytes(1) }],
        ['both', { accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_MANY], storage: Size.gibibytes(1), storageClassName: 'standard' }],
      ];
      for (const [name, props] of cases) {
        const chart = Testing.chart();
        const claim = new kplus.PersistentVolumeClaim(chart, name, props);
        let ours: string | undefined;
        try {
          BuildCache.fromPersistentVolumeClaim(claim);
        } catch (e) {
          ours = (e as Error).message;
        }
        // The claim alone, not the chart: the oracle step holds every chart the tests synthesize to Kubernetes' verdict.
        const [line] = judge(version, [ApiObject.of(claim).toJson()]);
        expect([name, line.judged, line.admitted]).toEqual([name, true, ours === undefined]);
        const paths = (line.errors ?? []).flatMap(e => e.paths);
        expect([name, /no access mode/.test(ours ?? ''), /no storage size/.test(ours ?? '')])
          .toEqual([name, paths.includes('spec.accessModes'), paths.includes('spec.resources[storage]')]);
      }
    });

    test('a valid Deployment, ConfigMap and Service are accepted; an unknown kind is not judged', () => {
      const lines = judge(version, [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace: 'team-a' },
          spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
        },
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { 'key.name': 'v' } },
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } },
        { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } },
      ]);
      expect(lines.map(l => [l.kind, l.judged, l.admitted])).toEqual([
        ['Deployment', true, true], ['ConfigMap', true, true], ['Service', true, true], ['Widget', false, true],
      ]);
    });

    test.each([
      ['a ConfigMap name', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' } }, 'metadata.name'],
      ['a ConfigMap key', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'a/b': 'x' } }, 'data[a/b]'],
      ['an unknown field (kubectl apply is strict)', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' }, secret: [] }, 'secret'],
      ['a field of the wrong type', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns', labels: { a: 1 } } }, 'metadata.labels'],
      ['a RoleBinding subject', {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'rb', namespace: 'team-a' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
        subjects: [{ kind: 'ServiceAccount', name: '' }],
      }, 'subjects[0].name'],
      ['a basic-auth Secret without a username', {
        apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'kubernetes.io/basic-auth', stringData: { user: 'x' },
      }, 'data[username]'],
    ])('Kubernetes refuses %s', (_, manifest, path) => {
      const line = one(manifest);
      expect(line.judged).toBe(true);
      expect(line.admitted).toBe(false);
      expect(line.refusedBy).toBe('kubernetes');
      expect(line.errors.some(e => e.paths.includes(path))).toBe(true);
    });
  });
});

describeWithGo('Pod Security "restricted" (k8s.io/pod-security-admission\'s evaluator)', () => {
  const version = 'v0.17.2';
  beforeAll(() => buildOracle(version), 600_000);

  test('every pod of the platform passes it, a pod that runs as root or unconfined does not, and objects without pods are not evaluated', () => {
    const chart = Testing.chart();
    new KpackPlatform(chart, 'kpack', { controller: { podAnnotations: { 'example.com/note': 'x' } } });
    const platform = Testing.synth(chart).filter(isKubernetesObject);
    const lines = judge(version, platform);
    const withPods = lines.filter(l => l.podSecurity !== undefined);
    expect(withPods.map(l => `${l.kind}/${l.name}`).sort()).toEqual(['Deployment/kpack-controller', 'Deployment/kpack-webhook']);
    for (const l of withPods) expect(l.podSecurity).toEqual({ level: 'restricted', version: 'latest', violations: [] });
    expect(lines.filter(l => l.kind === 'ConfigMap').every(l => l.podSecurity === undefined)).toBe(true);

    const weakened = JSON.parse(JSON.stringify(platform.find(m => m.kind === 'Deployment' && m.metadata.name === 'kpack-controller')));
    weakened.spec.template.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/controller': 'unconfined' };
    delete weakened.spec.template.spec.securityContext.runAsNonRoot;
    weakened.spec.template.spec.containers[0].securityContext = { ...weakened.spec.template.spec.containers[0].securityContext, runAsNonRoot: false };
    const [line] = judge(version, [weakened]);
    expect(line.admitted).toBe(true);
    expect(line.podSecurity!.violations.map(v => v.reason).sort()).toEqual(['forbidden AppArmor profile', 'runAsNonRoot != true']);
    const problem = podSecurityProblem(weakened, line);
    expect(problem).toMatch(/^Pod Security "restricted" \(latest\), enforced on namespace kpack, refuses the pods of Deployment "kpack-controller": /);
  });
});

describeWithGo('the example apps', () => {
  const version = 'v0.17.2';
  beforeAll(() => buildOracle(version), 600_000);

  test.each(Object.keys(EXAMPLES))('%s: Kubernetes accepts every built-in object, and every Image\'s build Pod and cache', name => {
    const app = Testing.app();
    EXAMPLES[name](app);
    const manifests = app.charts.flatMap(c => Testing.synth(c));
    const lines = judge(version, manifests.filter(m => isKubernetesObject(m) || m.apiVersion === 'kpack.io/v1alpha2'));
    const refused = lines.filter(l => l.judged && !l.admitted).map(l => `${l.kind}/${l.name}: ${l.message}`);
    expect(refused).toEqual([]);
    const images = lines.filter(l => l.kind === 'Image');
    for (const l of images) expect(l.runtime).toEqual({ admitted: true, errors: [] });
  });
});
