/** Whatever it is given, the engine does not throw and returns well-formed, deterministic findings. */
import * as fc from 'fast-check';
import { baselineSet, DIGEST } from './fixtures';
import { KPACK_SCHEMAS } from '../../src/imports/kpack-schema';
import { Finding, KpackValidator, Severity } from '../../src/validation';

const SEVERITIES = new Set<string>([Severity.ERROR, Severity.WARNING]);
const NUM_RUNS = 300;

function expectWellFormed(findings: Finding[]): void {
  expect(Array.isArray(findings)).toBe(true);
  for (const f of findings) {
    expect(SEVERITIES.has(f.severity)).toBe(true);
    expect(typeof f.kind).toBe('string');
    expect(typeof f.name).toBe('string');
    expect(f.namespaceName === undefined || (typeof f.namespaceName === 'string' && f.namespaceName !== '')).toBe(true);
    expect(typeof f.path).toBe('string');
    expect(typeof f.message).toBe('string');
    expect(f.message.length).toBeGreaterThan(0);
    expect(f.message.length).toBeLessThan(2000);
    expect(typeof f.rule).toBe('string');
    expect(f.rule).not.toBe('internal-error');
  }
}

function check(manifests: unknown, options?: object): void {
  const findings = KpackValidator.validateManifests(manifests as any[], options as any);
  expectWellFormed(findings);
}

const FIELD_NAMES = [...new Set(Object.values(KPACK_SCHEMAS).flatMap(v => Object.values(v.types).flatMap(t => Object.keys(t))))];
const KINDS = [...Object.keys(KPACK_SCHEMAS['v0.17.2'].kinds), 'ServiceAccount', 'Secret', 'Pipeline'];
const STRINGS = ['', 'Builder', 'ClusterBuilder', 'Buildpack', 'ClusterBuildpack', 'ClusterStack', 'ClusterStore', 'Secret',
  'default', 'default-lifecycle', 'builder', 'base', 'gcr.io/app:1', `gcr.io/app@${DIGEST}`, 'Bad Tag', 'gcr.io/a', 'now', '-1',
  '2G', '1.5Gi', 'kubernetes.io/os', 'secret', 'helper', 'a@1.0.0, b', '__proto__', 'constructor'];

/** JSON-ish values whose object keys are mostly real field names, so the rules get exercised. */
const { value: specValue } = fc.letrec<{ value: unknown }>(tie => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...STRINGS),
    fc.string(),
    fc.integer({ min: -3, max: 3 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 6 })), tie('value'), { maxKeys: 6 }),
  ),
}));

const manifest = fc.record({
  apiVersion: fc.constantFrom('kpack.io/v1alpha2', 'kpack.io/v1alpha2', 'kpack.io/v1alpha1', 'kpack.io/v9', 'v1'),
  kind: fc.constantFrom(...KINDS),
  metadata: fc.oneof(
    fc.record({
      name: fc.constantFrom('builder', 'base', 'default', 'app', 'sa', '', 'Bad_Name', 'x'.repeat(70)),
      namespace: fc.option(fc.constantFrom('team-a', 'team-b', 'default', ''), { nil: undefined }),
      annotations: fc.option(
        fc.record({ [KpackValidator.BUILDPACK_IDS_ANNOTATION]: fc.oneof(fc.constantFrom(...STRINGS), fc.string()) }),
        { nil: undefined },
      ),
    }, { requiredKeys: ['name'] }),
    fc.anything(),
  ),
  spec: specValue,
  secrets: fc.option(specValue, { nil: undefined }),
}, { requiredKeys: ['apiVersion', 'kind', 'metadata', 'spec'] });

test('fc.anything() as the list, as a manifest, as a spec: never throws', () => {
  fc.assert(fc.property(fc.anything(), value => {
    check(value);
    check([value]);
    check([{ apiVersion: 'kpack.io/v1alpha2', kind: 'Image', metadata: { name: 'x' }, spec: value }]);
  }), { numRuns: NUM_RUNS });
});

test('exotic values (bigint, Date, Map, typed arrays, null prototypes, sparse arrays): never throws', () => {
  const exotic = fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withNullPrototype: true,
    withSparseArray: true,
    withBoxedValues: true,
    withObjectString: true,
    maxDepth: 4,
  });
  fc.assert(fc.property(fc.constantFrom(...KINDS), exotic, exotic, (kind, spec, metadata) => {
    check([{ apiVersion: 'kpack.io/v1alpha2', kind, metadata, spec }]);
    check([{ apiVersion: 'kpack.io/v1alpha2', kind, metadata: { name: 'x' }, spec: { tag: spec, source: { git: spec }, order: [{ group: [spec] }] } }]);
  }), { numRuns: NUM_RUNS });
});

test('random kpack objects with schema field names, for both versions: never throws, deterministic', () => {
  fc.assert(fc.property(fc.array(manifest, { maxLength: 8 }), fc.boolean(), fc.constantFrom('v0.17.2', 'v0.16.1'), (manifests, strict, kpackVersion) => {
    const options = { kpackVersion, strictReferences: strict, externalObjects: [{ kind: 'ClusterStack', name: 'base' }] };
    const first = KpackValidator.validateManifests(manifests, options);
    expectWellFormed(first);
    expect(KpackValidator.validateManifests(manifests, options)).toEqual(first);
  }), { numRuns: NUM_RUNS });
});

test('random changes to the valid baseline set: never throws', () => {
  const paths = fc.array(fc.constantFrom(...FIELD_NAMES, 'spec', 'metadata', '0', '1'), { minLength: 1, maxLength: 5 });
  fc.assert(fc.property(fc.nat({ max: 11 }), paths, specValue, (index, path, value) => {
    const set = baselineSet();
    let target: any = set[index % set.length];
    for (const key of path.slice(0, -1)) {
      if (target === null || typeof target !== 'object') break;
      target = target[key] ??= {};
    }
    if (target !== null && typeof target === 'object') target[path[path.length - 1]] = value;
    check(set);
  }), { numRuns: NUM_RUNS });
});

describe('deep and odd structures', () => {
  function nest(depth: number, leaf: unknown, wrap: (inner: unknown) => unknown): unknown {
    let value = leaf;
    for (let i = 0; i < depth; i++) value = wrap(value);
    return value;
  }

  test('100,000 levels of nesting under schema fields, unknown fields, status and metadata', () => {
    const deepObject = nest(100_000, 'x', inner => ({ a: inner }));
    const deepArray = nest(100_000, 1, inner => [inner]);
    const image = {
      apiVersion: 'kpack.io/v1alpha2',
      kind: 'Image',
      metadata: { name: 'x', labels: deepObject, extra: deepArray },
      spec: {
        tag: deepArray,
        unknown: deepObject,
        source: deepObject,
        additionalTags: deepArray,
        build: { env: [deepObject, { valueFrom: deepObject }], nodeSelector: deepObject, services: deepArray },
      },
      status: deepObject,
    };
    check([image, deepObject, deepArray]);
  });

  test('shared and cyclic references (YAML aliases) are not followed outside the schema', () => {
    const cyclic: any = { name: 'loop' };
    cyclic.self = cyclic;
    const shared = { url: 'https://x/y', revision: 'main' };
    const image = {
      apiVersion: 'kpack.io/v1alpha2',
      kind: 'Image',
      metadata: { name: 'x', annotations: { a: 'b' }, self: cyclic },
      spec: { tag: 'gcr.io/app/x', builder: { kind: 'Builder', name: 'b' }, source: { git: shared }, extra: cyclic },
      status: cyclic,
    };
    const findings = KpackValidator.validateManifests([image, { ...image, metadata: { name: 'y' }, spec: { ...image.spec, source: { git: shared } } }]);
    expectWellFormed(findings);
    // metadata.self: the API server drops unknown metadata fields (advice); status is not ours to check.
    expect(findings.map(f => `${f.rule} ${f.path}`)).toEqual([
      'unknown-field metadata.self', 'ref-missing spec.builder.name', 'unknown-field spec.extra', 'default-service-account spec.serviceAccountName',
      'ref-missing spec.builder.name', 'unknown-field spec.extra', 'default-service-account spec.serviceAccountName',
    ]);
  });

  test('very long values are cut in messages', () => {
    const long = 'A'.repeat(100_000);
    const findings = KpackValidator.validateManifests([{ apiVersion: 'kpack.io/v1alpha2', kind: 'ClusterBuildpack', metadata: { name: 'x' }, spec: { image: long, [long]: 1 } }]);
    expectWellFormed(findings);
    expect(findings.map(f => f.rule)).toEqual(['CBP-3', 'unknown-field']);
  });
});
