/** The engine as a whole: what it reads, api versions, kinds, metadata, options, ordering. */
import { baseline, NS, V2, validate } from './fixtures';
import { KpackValidator, Severity } from '../../src/validation';
import { BUILDPACK_IDS_ANNOTATION } from '../../src/validation/kinds';

describe('what is read', () => {
  test.each([
    ['nothing', []],
    ['empty YAML documents and stray values', [null, undefined, 5, 'text', [], true]],
    ['other kinds and groups', [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: {}, spec: { anything: 1 } },
      { apiVersion: 'example.com/v1', kind: 'Image', spec: 42 },
      { kind: 'Image', spec: { tag: 'Bad' } }, // no apiVersion: not a kpack object
    ]],
  ])('%s: no finding', (_, manifests) => {
    expect(validate(manifests as any[])).toEqual([]);
  });

  test('a non-array input is one manifest, null none', () => {
    expect(KpackValidator.validateManifests(null as any)).toEqual([]);
    expect(KpackValidator.validateManifests({ apiVersion: V2, kind: 'Nope', metadata: { name: 'x' } } as any).map(f => f.rule)).toEqual(['unknown-kind']);
  });

  test('kpack.io/v1alpha1 objects bypass the webhooks: a warning, no check', () => {
    const image = { ...baseline('Image'), apiVersion: 'kpack.io/v1alpha1', spec: { tag: 'Not Valid', bogus: true } };
    expect(validate([image])).toEqual([{
      severity: Severity.WARNING,
      stage: 'advice',
      kind: 'Image',
      name: 'app',
      namespaceName: NS,
      path: 'apiVersion',
      rule: 'unchecked-version',
      message: 'apiVersion "kpack.io/v1alpha1" bypasses kpack\'s admission webhooks, so this Image is not checked (by kpack or here): use kpack.io/v1alpha2',
    }]);
  });

  test.each([
    ['kpack.io/v1alpha1', 'ClusterBuildpack', /"kpack.io\/v1alpha1" is not served for ClusterBuildpack: use kpack.io\/v1alpha2$/],
    ['kpack.io/v1', 'Image', /"kpack.io\/v1" is not served for Image: use kpack.io\/v1alpha2 or kpack.io\/v1alpha1/],
  ])('%s %s is not served', (apiVersion, kind, message) => {
    const findings = validate([{ ...baseline(kind), apiVersion }]);
    expect(findings.map(f => `${f.severity} ${f.rule} ${f.path}`)).toEqual(['error api-version apiVersion']);
    expect(findings[0].message).toMatch(message);
  });
});

describe('kinds', () => {
  test.each([
    ['Imag', /kind "Imag" is not a kpack.io\/v1alpha2 kind: did you mean `Image`\?/],
    ['Pipeline', /is not a kpack.io\/v1alpha2 kind: use one of Build, Builder, Buildpack, ClusterBuilder/],
    [7, /kind 7 is not a kpack kind/],
  ])('%s is unknown', (kind, message) => {
    const findings = validate([{ apiVersion: V2, kind, metadata: { name: 'x' }, spec: {} }]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'unknown-kind', severity: Severity.ERROR, path: 'kind' });
    expect(findings[0].message).toMatch(message);
  });

  test('ClusterLifecycle does not exist in v0.16.1', () => {
    const findings = validate([baseline('ClusterLifecycle')], { kpackVersion: 'v0.16.1' });
    expect(findings).toEqual([expect.objectContaining({ rule: 'unknown-kind', severity: Severity.ERROR, kind: 'ClusterLifecycle' })]);
    expect(findings[0].message).toMatch(/does not exist in kpack v0.16.1 \(it is in kpack v0.17.2\)/);
  });

  test('v0.16.1 rejects Builder spec.lifecycle and accepts the same Builder without it', () => {
    const builder = baseline('Builder');
    const options = {
      kpackVersion: 'v0.16.1',
      externalObjects: [{ kind: 'ClusterStack', name: 'base' }, { kind: 'ClusterStore', name: 'default' },
        { kind: 'Buildpack', name: 'nodejs', namespaceName: NS }, { kind: 'ClusterBuildpack', name: 'java' }, { kind: 'ServiceAccount', name: 'builder-sa', namespaceName: NS }],
    };
    expect(validate([builder], options).map(f => `${f.rule} ${f.path}`)).toEqual(['unknown-field spec.lifecycle']);
    delete builder.spec.lifecycle;
    expect(validate([builder], options)).toEqual([]);
  });
});

describe('metadata', () => {
  test.each([
    ['Image', (o: any) => { delete o.metadata; }, 'error metadata-name metadata.name', /metadata.name is required/],
    ['Image', (o: any) => { o.metadata.name = ''; }, 'error metadata-name metadata.name', /is required: every Image needs a name/],
    ['Builder', (o: any) => { o.metadata.name = 'My_Builder'; }, 'error metadata-name metadata.name', /"My_Builder" is not a valid object name/],
    ['Builder', (o: any) => { o.metadata.namespace = 'Team A'; }, 'error metadata-namespace metadata.namespace', /"Team A" is not a valid namespace name/],
    ['ClusterStack', (o: any) => { o.metadata.namespace = 'kpack'; }, 'warning cluster-scoped-namespace metadata.namespace', /"kpack" is ignored: ClusterStack is cluster-scoped/],
  ])('%s: %s', (kind, change, finding, message) => {
    const o = baseline(kind);
    change(o);
    const findings = validate([o]).filter(f => !f.rule.startsWith('ref-'));
    expect(findings.map(f => `${f.severity} ${f.rule} ${f.path}`)).toEqual([finding]);
    expect(findings[0].message).toMatch(message);
  });

  test('generateName stands in for a name', () => {
    const build = baseline('Build');
    build.metadata = { generateName: 'app-build-', namespace: NS };
    expect(validate([build]).filter(f => !f.rule.startsWith('ref-'))).toEqual([]);
  });

  test('findings carry kind, name and namespace; no namespace key when none is given', () => {
    const stack = baseline('ClusterStack');
    delete stack.spec.id;
    const [finding] = validate([stack]);
    expect(finding).toEqual({ severity: 'error', stage: 'admission', kind: 'ClusterStack', name: 'base', path: 'spec.id', rule: 'CS-3', message: expect.any(String) });
    expect(Object.keys(finding)).not.toContain('namespace');
  });
});

describe('options', () => {
  test('an unknown kpackVersion is a programming error: it throws', () => {
    expect(() => validate([], { kpackVersion: 'v0.99.0' })).toThrow(/unknown kpackVersion "v0.99.0": the rule engine knows kpack v0.17.2, v0.16.1/);
  });

  test('the default version is v0.17.2', () => {
    expect(validate([baseline('ClusterLifecycle')])).toEqual([]);
  });

  test('bad externalObjects entries are ignored', () => {
    expect(() => validate([baseline('Image')], { externalObjects: [null, 5, { kind: 1 }, { kind: 'Builder' }] as any })).not.toThrow();
  });
});

test('findings are ordered by input order, then by path (numbers compared as numbers)', () => {
  const builder = baseline('Builder');
  builder.spec.order = Array.from({ length: 11 }, () => ({ group: [{}] }));
  builder.spec.tag = '';
  const stack = baseline('ClusterStack');
  stack.spec = {};
  const findings = validate([stack, builder], {
    externalObjects: [{ kind: 'ClusterStack', name: 'base' }, { kind: 'ClusterStore', name: 'default' }, { kind: 'ServiceAccount', name: 'builder-sa', namespaceName: NS }],
  });
  expect(findings.map(f => `${f.kind} ${f.path}`)).toEqual([
    'ClusterStack spec.buildImage.image', 'ClusterStack spec.id', 'ClusterStack spec.runImage.image',
    'Builder spec.lifecycle.name',
    ...Array.from({ length: 11 }, (_, i) => `Builder spec.order[${i}].group[0]`),
    'Builder spec.tag',
  ]);
});

test('the annotation constant is the one the engine reads', () => {
  expect(KpackValidator.BUILDPACK_IDS_ANNOTATION).toBe(BUILDPACK_IDS_ANNOTATION);
});
