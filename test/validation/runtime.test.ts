/** Runtime rules: kpack admits these, then Kubernetes refuses the build Pod or cache claim, or kpack its own Build. */
import { expectFinding, findingsAfter } from './fixtures';

type Row = [rule: string, kind: string, change: (o: any) => void, path: string, message: RegExp];

test.each<Row>([
  ['pod-env', 'Image', o => { o.spec.build.env = [{ name: 'A=B', value: 'x' }]; }, 'spec.build.env[0].name', /A=B/],
  ['pod-env', 'Build', o => { o.spec.env = [{ name: 'A\tB', value: 'x' }]; }, 'spec.env[0].name', /environment variable name/],
  ['build-env-file', 'Build', o => { o.spec.env = [{ name: 'a/b', value: 'x' }]; }, 'spec.env[0].name', /\/platform\/env\/a\/b, which is not a file in that folder/],
  ['build-env-file', 'Image', o => { o.spec.build.env = [{ value: 'x' }]; }, 'spec.build.env[0].name', /is required: kpack writes each build environment variable to a file/],
  ['build-env-file', 'Image', o => { o.spec.build.env = [{ name: '..', value: 'x' }]; }, 'spec.build.env[0].name', /\.\./],
  ['build-creation-time', 'Build', o => { o.spec.creationTime = '2026-01-01T00:00:00Z'; }, 'spec.creationTime', /must be "now" or a Unix time in seconds.*cannot make the build Pod/],
  ['build-creation-time', 'Build', o => { o.spec.creationTime = '9223372036854775808'; }, 'spec.creationTime', /9223372036854775808/],
  ['service-binding-volume', 'Image', o => { o.spec.build.services = [{ kind: 'Secret', apiVersion: 'v1', name: 'maven.settings' }]; },
    'spec.build.services[0].name', /volume named "binding-maven.settings".*lower case letters, digits and "-"/],
  ['service-binding-volume', 'Build', o => { o.spec.services = [{ kind: 'Secret', apiVersion: 'v1', name: 's'.repeat(56) }]; },
    'spec.services[0].name', /at most 55 characters/],
  ['source-pull-secret', 'Image', o => { o.spec.source = { registry: { image: 'registry.example.com/src:1', imagePullSecrets: [{}] } }; },
    'spec.source.registry.imagePullSecrets[0].name', /is required: kpack mounts the first pull secret/],
  ['source-pull-secret', 'Build', o => { o.spec.source = { registry: { image: 'registry.example.com/src:1', imagePullSecrets: [{ name: '' }, { name: 'pull' }] } }; },
    'spec.source.registry.imagePullSecrets[0].name', /is required/],
  ['pod-resources', 'Image', o => { o.spec.build.resources = { requests: { cpu: '2' }, limits: { cpu: '1' } }; }, 'spec.build.resources.requests.cpu', /less than or equal to the cpu limit/],
  ['pod-resources', 'Build', o => { o.spec.resources = { requests: { memory: '-1Gi' } }; }, 'spec.resources.requests.memory', /greater than or equal to 0/],
  ['pod-scheduling', 'Image', o => { o.spec.build.tolerations = [{ key: 'k', operator: 'Sometimes' }]; }, 'spec.build.tolerations[0].operator', /Sometimes/],
  ['pod-scheduling', 'Image', o => { o.spec.build.nodeSelector = { 'bad key!': 'x' }; }, 'spec.build.nodeSelector', /bad key!/],
  ['pod-scheduling', 'Build', o => { o.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'k', operator: 'Near' }] }] } } }; },
    'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator', /Near/],
  ['pod-class-names', 'Image', o => { o.spec.build.runtimeClassName = 'Not_Valid'; }, 'spec.build.runtimeClassName', /Not_Valid/],
  ['pod-class-names', 'Build', o => { o.spec.priorityClassName = 'Bad Class'; }, 'spec.priorityClassName', /Bad Class/],
  ['pod-timeout', 'Image', o => { o.spec.build.buildTimeout = 0; }, 'spec.build.buildTimeout', /0/],
  ['pod-service-account', 'Image', o => { o.spec.serviceAccountName = 'Builder SA'; }, 'spec.serviceAccountName', /Builder SA/],
  ['cache-volume', 'Image', o => { o.spec.cache = { volume: { size: '0Ki', storageClassName: 'fast' } }; }, 'spec.cache.volume.size', /greater than zero/],
  ['cache-volume', 'Image', o => { o.spec.cache = { volume: { size: '2G', storageClassName: 'Fast_SSD' } }; }, 'spec.cache.volume.storageClassName', /Fast_SSD/],
  ['image-build-number-tag', 'Image', o => { o.spec.tag = `registry.example.com/apps/app:${'t'.repeat(110)}`; }, 'spec.tag', /128/],
  // found by the construct fuzz: kpack admits the Image (its repository is 252 characters as written), but the Build's
  // tag names it index.docker.io/library/a.b...: 260 characters
  ['image-build-number-tag', 'Image', o => { o.spec.tag = `a.${'b'.repeat(250)}`; }, 'spec.tag', /library\/", has 260 characters, but a repository may have at most 255/],
  ['image-cache-tag', 'Image', o => { o.spec.cache = { registry: { tag: 'Registry/Cache' } }; }, 'spec.cache.registry.tag', /not an image tag/],
  ['build-run-image', 'Build', o => { o.spec.runImage = { image: 'Run Image' }; }, 'spec.runImage.image', /not an image reference/],
  // found by the construct fuzz: a Build's name may have 253 characters, the label kpack puts on its Pod 63
  ['build-name-label', 'Build', o => { o.metadata.name = `a.${'b'.repeat(62)}`; }, 'metadata.name', /has 64 characters: kpack labels the build Pod kpack.io\/build/],
])('%s: %s %s', (rule, kind, change, path, message) => {
  expectFinding(findingsAfter(kind, change), { rule, path, message });
});

test('a build-number tag within 128 characters, or no build-number tag at all, is fine', () => {
  expect(findingsAfter('Image', o => { o.spec.tag = `registry.example.com/apps/app:${'t'.repeat(109)}`; })).toEqual([]);
  expect(findingsAfter('Image', o => { o.spec.tag = `registry.example.com/apps/app:${'t'.repeat(128)}`; o.spec.imageTaggingStrategy = 'None'; })).toEqual([]);
});

test('what kpack\'s build pod generator and prepare step accept is fine', () => {
  for (const creationTime of ['', 'now', '0', '-1700000000', '+1700000000', '9223372036854775807']) {
    expect(findingsAfter('Build', o => { o.spec.creationTime = creationTime; }).filter(f => f.severity === 'error')).toEqual([]);
  }
  // path.Join cleans a name to a file in /platform/env: the variable is written as "b"
  expect(findingsAfter('Build', o => { o.spec.env = [{ name: 'a/../b', value: 'x' }, { name: 'trailing/', value: 'y' }]; })).toEqual([]);
  expect(findingsAfter('Image', o => { o.spec.build.services = [{ kind: 'Secret', apiVersion: 'v1', name: 's'.repeat(55) }]; }).filter(f => f.severity === 'error')).toEqual([]);
  // only the first pull secret becomes a volume
  expect(findingsAfter('Image', o => {
    o.spec.source = { registry: { image: 'registry.example.com/src:1', imagePullSecrets: [{ name: 'pull' }, { name: '' }] } };
  }).filter(f => f.severity === 'error')).toEqual([]);
});

test('a cache volume without a size makes no claim: its StorageClass name never reaches Kubernetes (found by the oracle)', () => {
  const rulesOf = (volume: unknown) => findingsAfter('Image', o => { o.spec.cache = { volume }; }).filter(f => f.rule === 'cache-volume').map(f => f.path);
  expect(rulesOf({ storageClassName: 'NotIn' })).toEqual([]);
  expect(rulesOf({ size: null, storageClassName: 'NotIn' })).toEqual([]);
  expect(rulesOf({ size: '2G', storageClassName: 'NotIn' })).toEqual(['spec.cache.volume.storageClassName']);
});

test('a source subPath is the subPath of the build Pod\'s source mounts: relative, without .. (found by the oracle)', () => {
  const subPathRules = (kind: string, subPath: unknown) => findingsAfter(kind, o => { o.spec.source.subPath = subPath; })
    .filter(f => f.rule === 'source-sub-path').map(f => `${f.stage} ${f.path}`);
  for (const kind of ['Image', 'Build']) {
    expect(subPathRules(kind, '/x')).toEqual(['runtime spec.source.subPath']);
    expect(subPathRules(kind, 'a/../b')).toEqual(['runtime spec.source.subPath']);
    expect(subPathRules(kind, '/..')).toEqual(['runtime spec.source.subPath', 'runtime spec.source.subPath']);
    for (const fine of ['service', 'a/b/', './a', 'a/..b', '...', '']) expect(subPathRules(kind, fine)).toEqual([]);
  }
});

test('the build Pod\'s resources are what kpack stores: 1000E is stored as 1 (found by the oracle)', () => {
  const podResources = (resources: unknown) => findingsAfter('Image', o => { o.spec.build.resources = resources; })
    .filter(f => f.rule === 'pod-resources').map(f => f.path);
  expect(podResources({ limits: { cpu: '2' }, requests: { cpu: '1000E' } })).toEqual([]);
  expect(podResources({ limits: { cpu: '1000E' }, requests: { cpu: '2' } })).toEqual(['spec.build.resources.requests.cpu']);
  expect(podResources({ limits: { cpu: '1000P' }, requests: { cpu: '2' } })).toEqual([]);
});

test('the API server drops an env fileKeyRef before it validates the Pod (EnvFiles is off by default in 1.34): only the other sources count', () => {
  const podEnv = (valueFrom: unknown) => findingsAfter('Image', o => { o.spec.build.env = [{ name: 'FROM', valueFrom }]; })
    .filter(f => f.rule === 'pod-env').map(f => `${f.path} ${/fileKeyRef is dropped/.test(f.message)}`);
  expect(podEnv({ configMapKeyRef: { name: 'cm', key: 'k' }, fileKeyRef: {} })).toEqual([]);
  expect(podEnv({ fileKeyRef: { path: 'x.env', volumeName: 'v', key: 'K' } })).toEqual(['spec.build.env[0].valueFrom true']);
});
