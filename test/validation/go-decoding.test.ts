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

describe('a top-level key Go folds to kind or apiVersion and decodes last replaces what the API server routed by', () => {
  const KELVIN_KIND = '\u212aind'; // sorts after `kind`: decoded last
  const LONG_S_API_VERSION = 'apiVer\u017fion'; // sorts after `apiVersion`
  const typeMeta = (manifest: unknown) => validate([manifest])
    .filter(f => f.rule === 'type-meta-replaced' || f.rule === 'unchecked-version').map(f => `${f.stage} ${f.rule} ${f.path}`);

  test('an empty kind (the API server cannot decode the patched object), another kind (ValidateTypeMeta refuses it)', () => {
    for (const value of ['', 'Image', 'clusterlifecycle']) {
      const lifecycle = { ...baseline('ClusterLifecycle'), [KELVIN_KIND]: value };
      expect(typeMeta(lifecycle)).toEqual([`admission type-meta-replaced ["${KELVIN_KIND}"]`]);
    }
    const other = validate([{ ...baseline('ClusterLifecycle'), [KELVIN_KIND]: 'Image' }]).find(f => f.rule === 'type-meta-replaced');
    expect(other?.message).toContain('kpack stores kind "Image", and the API server refuses it: kind must be ClusterLifecycle');
    // the Kelvin sign looks like K: the message says which rune it is
    expect(other?.message).toMatch(/^\["\u212aind"\] \(its K is U\+212A KELVIN SIGN\) is decoded/);
  });

  test('another group or an unserved version: the API server cannot convert it', () => {
    for (const value of ['', 'foo.io/v1', 'kpack.io/v1alpha1']) {
      const lifecycle = { ...baseline('ClusterLifecycle'), [LONG_S_API_VERSION]: value };
      expect(typeMeta(lifecycle)).toEqual([`admission type-meta-replaced ["${LONG_S_API_VERSION}"]`]);
    }
  });

  test('v1alpha1 where the CRD serves it: converted by kpack\'s conversion webhook, unchecked', () => {
    const stack = { ...baseline('ClusterStack'), [LONG_S_API_VERSION]: 'kpack.io/v1alpha1' };
    expect(typeMeta(stack)).toEqual([`advice unchecked-version ["${LONG_S_API_VERSION}"]`]);
  });

  test('kept: the same value, null (Go leaves the field), or an ASCII spelling (it sorts before the exact key)', () => {
    for (const extra of [{ [KELVIN_KIND]: 'ClusterLifecycle' }, { [KELVIN_KIND]: null }, { Kind: '' }, { KIND: 'Image' }, { APIVERSION: '' }]) {
      expect(typeMeta({ ...baseline('ClusterLifecycle'), ...extra })).toEqual([]);
    }
  });
});

describe('metadata the API server checks or owns (found with the oracle once it ran the API server\'s create path)', () => {
  const metadataRules = (extra: Record<string, unknown>) => {
    const lifecycle = baseline('ClusterLifecycle');
    Object.assign(lifecycle.metadata, extra);
    return validate([lifecycle]).filter(f => f.path.startsWith('metadata')).map(f => `${f.rule} ${f.path}`);
  };
  const OWNER = { apiVersion: 'v1', kind: 'ConfigMap', name: 'x', uid: '1' };

  test('owner references: apiVersion with a version, kind, name and uid; no Event owner; one controller', () => {
    expect(metadataRules({ ownerReferences: [OWNER, { ...OWNER, name: 'y', controller: true }, { ...OWNER, apiVersion: 'events.k8s.io/v1', kind: 'Event' }] })).toEqual([]);
    expect(metadataRules({ ownerReferences: [{}] })).toEqual(['apiVersion', 'kind', 'name', 'uid'].map(f => `metadata-owner-references metadata.ownerReferences[0].${f}`));
    for (const apiVersion of ['apps/', 'a/b/c', '/']) {
      expect(metadataRules({ ownerReferences: [{ ...OWNER, apiVersion }] })).toEqual(['metadata-owner-references metadata.ownerReferences[0].apiVersion']);
    }
    expect(metadataRules({ ownerReferences: [{ ...OWNER, apiVersion: '/v1', kind: 'Event' }] })).toEqual(['metadata-owner-references metadata.ownerReferences[0]']);
    expect(metadataRules({ ownerReferences: [{ ...OWNER, controller: true }, { ...OWNER, name: 'y', controller: true }] }))
      .toEqual(['metadata-owner-references metadata.ownerReferences']);
  });

  test('a numeric resourceVersion is refused on create; other text is cleared; the server sets generation and deletion', () => {
    expect(metadataRules({ resourceVersion: '12345' })).toEqual(['metadata-resource-version metadata.resourceVersion']);
    expect(metadataRules({ resourceVersion: '18446744073709551615' })).toEqual(['metadata-resource-version metadata.resourceVersion']);
    for (const resourceVersion of ['', '0', '000', 'abc', '+1', '18446744073709551616']) expect(metadataRules({ resourceVersion })).toEqual([]);
    expect(metadataRules({ generation: -5, deletionGracePeriodSeconds: -1, deletionTimestamp: '2020-01-01T00:00:00Z', uid: 'x' })).toEqual([]);
    // an update (the object exists): not a create, so not this refusal
    const lifecycle = baseline('ClusterLifecycle');
    lifecycle.metadata.resourceVersion = '12345';
    expect(validate([lifecycle], { previousManifests: [baseline('ClusterLifecycle')] }).map(f => f.rule)).not.toContain('metadata-resource-version');
    // nor a generation: the API server keeps the stored one (rest.BeforeUpdate)
    lifecycle.metadata.generation = -1;
    expect(validate([lifecycle], { previousManifests: [baseline('ClusterLifecycle')] })).toEqual([]);
  });
});
