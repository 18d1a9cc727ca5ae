/**
 * What Go's decoding makes of values the engine used to read otherwise (each found by kpack's own code, the oracle, on
 * new fuzz seeds; the cases are also regression fixtures in test/oracle/fixtures, judged by kpack when Go is present).
 */
import { baseline, validate } from './fixtures';

const rulesAt = (manifest: unknown, prefix: string) =>
  validate([manifest]).filter(f => f.path.startsWith(prefix)).map(f => `${f.rule} ${f.path}`);

test('a null quantity in a ResourceList is zero: a request above it makes the build Pod invalid', () => {
  const image = baseline('Image');
  image.spec.build.resources = { limits: { cpu: null, memory: '2Gi' }, requests: { cpu: '500m' } };
  expect(rulesAt(image, 'spec.build.resources')).toEqual(['pod-resources spec.build.resources.requests.cpu']);
});

test('a null item of a list of strings is the empty string: an In requirement with [null] has one value', () => {
  const image = baseline('Image');
  image.spec.build.affinity = {
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: [null] }] }] } },
  };
  expect(rulesAt(image, 'spec.build.affinity')).toEqual([]);
});

test('a null value of a map of strings is the empty string: its key is still validated', () => {
  const image = baseline('Image');
  image.spec.build.nodeSelector = { 'kubernetes.io/arch': 'amd64', '': null };
  expect(rulesAt(image, 'spec.build.nodeSelector').length).toBeGreaterThan(0);
});

test('finalizers must be qualified names (the API server\'s ValidateFinalizers), and orphan excludes foregroundDeletion', () => {
  const lifecycle = baseline('ClusterLifecycle');
  lifecycle.metadata.finalizers = [''];
  expect(rulesAt(lifecycle, 'metadata')).toEqual(['metadata-finalizers metadata.finalizers']);
  lifecycle.metadata.finalizers = ['example.com/cleanup'];
  expect(rulesAt(lifecycle, 'metadata')).toEqual([]);
  lifecycle.metadata.finalizers = ['orphan', 'foregroundDeletion'];
  expect(rulesAt(lifecycle, 'metadata')).toEqual(['metadata-finalizers metadata.finalizers']);
});

test('a top-level Metadata key is read by kpack\'s decoder only: its NAME is the name, the namespace is the request\'s', () => {
  const buildpack = baseline('Buildpack');
  delete buildpack.metadata;
  buildpack.Metadata = { NAME: 'nodejs', namespace: 'file:///etc/passwd' };
  const findings = validate([buildpack]);
  expect(findings.filter(f => f.stage === 'admission')).toEqual([]);
  expect(findings.map(f => f.rule)).toContain('field-case');
});

test('a map key __proto__ is a key like any other: stored as written', () => {
  const builder = baseline('Builder');
  builder.spec.additionalLabels = JSON.parse('{"team":"a","__proto__":"my-app"}');
  expect(validate([builder]).filter(f => f.rule === 'stored-differently')).toEqual([]);
});

test('generateName: the API server makes the name of it before validating the name, so a bad prefix is refused at both', () => {
  const store = baseline('ClusterStore');
  delete store.metadata.name;
  store.metadata.generateName = 'Store-';
  expect(rulesAt(store, 'metadata')).toEqual(['metadata-name metadata.generateName', 'metadata-name metadata.name']);
  store.metadata.generateName = `${'a'.repeat(250)}-`; // cut to 58 characters: a valid name
  expect(rulesAt(store, 'metadata')).toEqual([]);
});
