/** One test per kpack admission rule ID (kpack-api.md), each against an otherwise valid baseline. */
import { baseline, baselineSet, DIGEST, expectFinding, findingsAfter, KPACK_KINDS, NS, validate } from './fixtures';
import { Severity } from '../../src/validation';
import { validatePositioned } from '../../src/validation/validator';

type Row = [rule: string, kind: string, change: (o: any) => void, path: string, message: RegExp];

test('the baseline set produces no finding', () => {
  expect(validate(baselineSet())).toEqual([]);
});

test.each(KPACK_KINDS)('the %s baseline alone has no admission finding', kind => {
  const findings = validate([baseline(kind)], { externalObjects: [] });
  expect(findings.filter(f => f.severity === Severity.ERROR)).toEqual([]);
  expect(findings.filter(f => !f.rule.startsWith('ref-'))).toEqual([]);
});

describe('SourceConfig (SRC)', () => {
  test.each<Row>([
    ['SRC-1', 'Image', o => { o.spec.source = { subPath: 'x' }; }, 'spec.source', /sets none \(kpack: expected exactly one, got neither\)/],
    ['SRC-1', 'Build', o => { delete o.spec.source; }, 'spec.source', /must set one of git, blob or registry/],
    ['SRC-2', 'Image', o => { o.spec.source.blob = { url: 'https://x/y.zip' }; }, 'spec.source', /sets git and blob: .*got both/],
    ['SRC-3', 'Image', o => { delete o.spec.source.git.url; }, 'spec.source.git.url', /is required: .*URL.*\(kpack: missing field\(s\)\)/],
    ['SRC-4', 'Image', o => { o.spec.source.git.revision = ''; }, 'spec.source.git.revision', /is required: a branch, tag or commit SHA/],
    ['SRC-5', 'Build', o => { o.spec.source.blob.auth = 'token'; }, 'spec.source.blob.auth', /"token" must be "" .*"secret" or "helper" \(kpack: invalid value: token\)/],
    ['SRC-6', 'Build', o => { delete o.spec.source.blob.url; }, 'spec.source.blob.url', /is required/],
    ['SRC-7', 'Build', o => { o.spec.source.blob.stripComponents = -1; }, 'spec.source.blob.stripComponents', /-1 must be 0 or more \(kpack: expected positive integer got -1\)/],
    ['SRC-8', 'Image', o => { o.spec.source = { registry: { image: 'Example/Source' } }; }, 'spec.source.registry.image', /"Example\/Source" is not a valid image reference: repository must be lower case/],
    ['SRC-8', 'Image', o => { o.spec.source = { registry: { imagePullSecrets: [] } }; }, 'spec.source.registry.image', /is required/],
  ])('%s (%s)', (rule, kind, change, path, message) => {
    expectFinding(findingsAfter(kind, change), { rule, path, message });
  });

  test('a registry source may use a digest', () => {
    expect(findingsAfter('Image', o => { o.spec.source = { registry: { image: `gcr.io/src/app@${DIGEST}` } }; })).toEqual([]);
  });
});

describe('Build builder (BB)', () => {
  test.each<Row>([
    ['BB-1', 'Build', o => { o.spec.builder = {}; }, 'spec.builder', /must give image .* or ref .*\(kpack: missing field\(s\)\)/],
    ['BB-2', 'Build', o => { o.spec.builder.ref = { kind: 'Builder', name: 'builder', namespace: NS }; }, 'spec.builder', /both image and ref.*got both/],
    ['BB-3', 'Build', o => { o.spec.builder = { ref: { kind: 'ClusterBuilder' } }; }, 'spec.builder.ref.name', /is required/],
    ['BB-4', 'Build', o => { o.spec.builder = { ref: { name: 'cluster-builder' } }; }, 'spec.builder.ref.kind', /is required: "Builder" or "ClusterBuilder"/],
    ['BB-5', 'Build', o => { o.spec.builder.image = 'builder@sha256:abc'; }, 'spec.builder.image', /sha256 digest must have 64 hex characters.*invalid value: builder@sha256:abc/],
  ])('%s', (rule, kind, change, path, message) => {
    expectFinding(findingsAfter(kind, change), { rule, path, message });
  });

  test('a ref to a ClusterBuilder is valid', () => {
    expect(findingsAfter('Build', o => { o.spec.builder = { ref: { kind: 'ClusterBuilder', name: 'cluster-builder' } }; })).toEqual([]);
  });

  test('another ref kind is admitted but cannot be resolved (ref-kind)', () => {
    expectFinding(findingsAfter('Build', o => { o.spec.builder = { ref: { kind: 'Image', name: 'app' } }; }),
      { rule: 'ref-kind', path: 'spec.builder.ref.kind', message: /"Image" must be "Builder" or "ClusterBuilder"/ });
  });

  test('v0.16.1 has no ref: the image is required', () => {
    const findings = findingsAfter('Build', o => { o.spec.builder = {}; }, { kpackVersion: 'v0.16.1' });
    expectFinding(findings, { rule: 'BB-1', path: 'spec.builder.image', message: /is required: the builder image/ });
    const withRef = findingsAfter('Build', o => { o.spec.builder = { ref: { kind: 'ClusterBuilder', name: 'x' } }; }, { kpackVersion: 'v0.16.1' });
    expectFinding(withRef, { rule: 'unknown-field', path: 'spec.builder.ref', message: /in kpack v0.16.1 \(it is in v0.17.2\)/ });
  });
});

describe('services (S), bindings (CNB), notary (NOT), cosign (CO), env (ENV), node selector (NS)', () => {
  const service = (s: any) => (o: any) => { o.spec.build.services = s; };
  test.each<Row>([
    ['S-1', 'Image', service([{ kind: 'Secret', name: 'a' }, { kind: 'Secret', name: 'a' }]), 'spec.build.services[1].name', /"a" is already the name of spec.build.services\[0\].*duplicate service name "a"/],
    ['S-2', 'Image', service([{ kind: 'Secret' }]), 'spec.build.services[0].name', /is required/],
    ['S-3', 'Image', service([{ kind: 'Secret', name: 'My_Secret' }]), 'spec.build.services[0].name', /"My_Secret" must be 1 to 253 lower case .*invalid value: My_Secret/],
    ['S-4', 'Build', o => { o.spec.services = [{ name: 'db' }]; }, 'spec.services[0].kind', /is required: "Secret", or the kind of a ProvisionedService/],
    ['CNB-0', 'Image', o => { o.spec.build.cnbBindings = [{ name: 'x', metadataRef: { name: 'm' } }]; }, 'spec.build.cnbBindings', /reserved to kpack's controller.*please use v1alpha1 for CNB bindings/],
    ['CNB-0', 'Build', o => { o.spec.cnbBindings = [{ name: 'x' }]; }, 'spec.cnbBindings', /deprecated/],
    ['NOT-0', 'Image', o => { o.spec.notary = { v1: { url: 'https://notary' } }; }, 'spec.notary', /cosign.*please use v1alpha1 for notary image signing/],
    ['NOT-0', 'Build', o => { o.spec.notary = {}; }, 'spec.notary', /deprecated/],
    ['CO-1', 'Image', o => { o.spec.cosign.annotations.push({ value: 'x' }); }, 'spec.cosign.annotations[1].name', /is required/],
    ['CO-2', 'Image', o => { o.spec.cosign.annotations[0].value = ''; }, 'spec.cosign.annotations[0].value', /is required/],
    ['ENV-1', 'Image', o => { o.spec.build.env.push({ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }); }, 'spec.build.env[2].valueFrom.secretKeyRef', /not allowed.*secretKeyRef is not supported for build environment variables/],
    ['ENV-1', 'Build', o => { o.spec.env = [{ name: 'T', valueFrom: { secretKeyRef: { name: 's' } } }]; }, 'spec.env[0].valueFrom.secretKeyRef', /not allowed/],
    ['NS-1', 'Image', o => { o.spec.build.nodeSelector['kubernetes.io/os'] = 'linux'; }, 'spec.build.nodeSelector["kubernetes.io/os"]', /os is determined automatically/],
    ['NS-1', 'Build', o => { o.spec.nodeSelector = { 'kubernetes.io/os': 'linux' }; }, 'spec.nodeSelector["kubernetes.io/os"]', /must not use the key "kubernetes.io\/os"/],
  ])('%s (%s)', (rule, kind, change, path, message) => {
    expectFinding(findingsAfter(kind, change), { rule, path, message });
  });

  test('empty bindings and an empty cosign list are fine; cosign is not checked on Build', () => {
    // Admitted; kpack drops the empty lists when it stores the Image (advice for GitOps tools).
    expect(findingsAfter('Image', o => { o.spec.build.cnbBindings = []; o.spec.cosign = { annotations: [] }; }).map(f => `${f.rule} ${f.path}`))
      .toEqual(['stored-differently spec.build.cnbBindings', 'stored-differently spec.cosign.annotations']);
    expect(findingsAfter('Build', o => { o.spec.cosign = { annotations: [{ name: '' }] }; }).map(f => f.rule)).toEqual(['stored-differently']);
  });

  test('ENV-1 is new in v0.17.2: v0.16.1 admits secretKeyRef', () => {
    const change = (o: any) => { o.spec.env = [{ name: 'T', valueFrom: { secretKeyRef: { name: 's' } } }]; };
    expect(findingsAfter('Build', change, { kpackVersion: 'v0.16.1' }).filter(f => f.rule === 'ENV-1')).toEqual([]);
  });
});

describe('cluster-scoped sources of images (CS, ST, CBP, BP, CL)', () => {
  test.each<Row>([
    ['CS-1', 'ClusterStack', o => { o.spec.serviceAccountRef = { namespace: NS }; }, 'spec.serviceAccountRef.name', /is required: .*when serviceAccountRef is given/],
    ['CS-2', 'ClusterStack', o => { o.spec.serviceAccountRef = { name: 'builder-sa' }; }, 'spec.serviceAccountRef.namespace', /is required/],
    ['CS-3', 'ClusterStack', o => { delete o.spec.id; }, 'spec.id', /is required: the stack id/],
    ['CS-4', 'ClusterStack', o => { o.spec.buildImage.image = 'gcr.io/x/build:'; }, 'spec.buildImage.image', /a tag name must follow the colon/],
    ['CS-4', 'ClusterStack', o => { delete o.spec.buildImage; }, 'spec.buildImage.image', /is required/],
    ['CS-5', 'ClusterStack', o => { o.spec.runImage.image = 'run@sha512:' + 'a'.repeat(128); }, 'spec.runImage.image', /"sha512" is not supported/],
    ['ST-1', 'ClusterStore', o => { o.spec.serviceAccountRef = {}; }, 'spec.serviceAccountRef.name', /is required/],
    ['ST-2', 'ClusterStore', o => { o.spec.serviceAccountRef = { name: 'builder-sa' }; }, 'spec.serviceAccountRef.namespace', /is required/],
    ['ST-3', 'ClusterStore', o => { o.spec.sources = []; }, 'spec.sources', /is required: at least one buildpackage image/],
    ['ST-4', 'ClusterStore', o => { o.spec.sources[1] = { image: 'invalid image' }; }, 'spec.sources[1].image', /may only contain .*\(kpack: invalid value: \{invalid image\}\)/],
    ['ST-4', 'ClusterStore', o => { o.spec.sources.push({}); }, 'spec.sources[2].image', /must not be empty \(kpack: invalid value: \{\}\)/],
    ['CBP-1', 'ClusterBuildpack', o => { delete o.spec.serviceAccountRef.name; }, 'spec.serviceAccountRef.name', /is required/],
    ['CBP-2', 'ClusterBuildpack', o => { delete o.spec.serviceAccountRef.namespace; }, 'spec.serviceAccountRef.namespace', /is required/],
    ['CBP-3', 'ClusterBuildpack', o => { o.spec.image = ''; }, 'spec.image', /is required: a buildpackage image/],
    ['BP-1', 'Buildpack', o => { o.spec.image = 'Paketo/NodeJS'; }, 'spec.image', /repository must be lower case/],
    ['CL-1', 'ClusterLifecycle', o => { o.spec.serviceAccountRef = { namespace: NS }; }, 'spec.serviceAccountRef.name', /is required/],
    ['CL-2', 'ClusterLifecycle', o => { o.spec.serviceAccountRef = { name: 'builder-sa' }; }, 'spec.serviceAccountRef.namespace', /is required/],
    ['CL-3', 'ClusterLifecycle', o => { delete o.spec.image; }, 'spec.image', /is required: the CNB lifecycle image/],
  ])('%s', (rule, kind, change, path, message) => {
    expectFinding(findingsAfter(kind, change), { rule, path, message });
  });

  test('serviceAccountRef errors do not hide the other problems', () => {
    const findings = findingsAfter('ClusterStack', o => { o.spec.serviceAccountRef = {}; delete o.spec.id; });
    expect(findings.map(f => f.rule)).toEqual(['CS-3', 'CS-1', 'CS-2']);
  });

  test('the ClusterLifecycle image is only checked for presence (kpack does not parse it)', () => {
    expect(findingsAfter('ClusterLifecycle', o => { o.spec.image = 'Not A Reference'; })).toEqual([]);
  });
});

describe('Builder and ClusterBuilder (B, CB)', () => {
  const entry = (e: any) => (o: any) => { o.spec.order = [{ group: [e] }]; };
  test.each<Row>([
    ['B-1', 'Builder', o => { delete o.spec.tag; }, 'spec.tag', /is required: where kpack writes the builder image/],
    ['B-1', 'ClusterBuilder', o => { o.spec.tag = `registry.example.com/b@${DIGEST}`; }, 'spec.tag', /a digest reference .* is not allowed here/],
    ['B-2', 'Builder', o => { o.spec.stack = { kind: 'ClusterStack' }; }, 'spec.stack.name', /is required: the ClusterStack/],
    ['B-3', 'Builder', o => { o.spec.stack.kind = 'Stack'; }, 'spec.stack.kind', /"Stack" must be "ClusterStack" \(kpack: invalid value: Stack\)/],
    ['B-3', 'ClusterBuilder', o => { delete o.spec.stack.kind; }, 'spec.stack.kind', /required on a ClusterBuilder: set it to "ClusterStack" \(kpack defaults it only on Builders\)/],
    ['B-4', 'Builder', o => { o.spec.store.kind = 'Store'; }, 'spec.store.kind', /"Store" must be "ClusterStore".*must be one of ClusterStore/],
    ['B-4', 'Builder', o => { o.spec.store = { kind: 'Store' }; }, 'spec.store.name', /is required/],
    ['B-4', 'ClusterBuilder', o => { delete o.spec.store.kind; }, 'spec.store.kind', /required on a ClusterBuilder that names a store/],
    ['B-5', 'Builder', entry({ kind: 'Stack', name: 'x' }), 'spec.order[0].group[0].kind', /"Stack" must be "Buildpack" or "ClusterBuildpack"/],
    ['B-5', 'Builder', entry({ name: 'java' }), 'spec.order[0].group[0].kind', /is required with a name/],
    ['B-5', 'ClusterBuilder', entry({ kind: 'Buildpacks' }), 'spec.order[0].group[0].name', /is required/],
    ['B-6', 'Builder', entry({ image: 'gcr.io/paketo-buildpacks/java' }), 'spec.order[0].group[0].image', /is not supported.*reference currently not supported/],
    ['B-7', 'ClusterBuilder', entry({ version: '1.0.0', optional: true }), 'spec.order[0].group[0]', /must give a buildpack id, or the kind and name.*got neither/],
    ['CB-1', 'ClusterBuilder', o => { delete o.spec.serviceAccountRef; }, 'spec.serviceAccountRef.name', /is required: the name of the ServiceAccount with push access/],
    ['CB-2', 'ClusterBuilder', o => { delete o.spec.serviceAccountRef.namespace; }, 'spec.serviceAccountRef.namespace', /is required/],
  ])('%s (%s)', (rule, kind, change, path, message) => {
    expectFinding(findingsAfter(kind, change), { rule, path, message });
  });

  test('defaults are taken into account: a Builder may leave out stack.kind and store.kind, a ClusterBuilder store may be just a kind', () => {
    expect(findingsAfter('Builder', o => { o.spec.stack = { name: 'base' }; o.spec.store = { name: 'default' }; })).toEqual([]);
    expect(findingsAfter('ClusterBuilder', o => { o.spec.store = { kind: 'ClusterStore' }; })).toEqual([]);
    expect(findingsAfter('Builder', o => { delete o.spec.store; delete o.spec.lifecycle; delete o.spec.order; })).toEqual([]);
  });

  test('a valid order kind without a name passes admission (kpack-api.md §16.3) but cannot be resolved', () => {
    const findings = findingsAfter('Builder', entry({ kind: 'ClusterBuildpack' }));
    expect(findings.filter(f => f.rule.startsWith('B-'))).toEqual([]);
    expectFinding(findings, { rule: 'ref-name', path: 'spec.order[0].group[0].name', message: /cannot resolve it/ });
  });
});

describe('Image (I)', () => {
  test.each<Row>([
    ['I-1', 'Image', o => { o.spec.tag = 'My App'; }, 'spec.tag',
      /^spec.tag "My App" is not a valid image reference: repository must be lower case \(a-z 0-9 _ . \/ -\) \(kpack: invalid value: My App\)$/],
    ['I-1', 'Image', o => { delete o.spec.tag; }, 'spec.tag', /is required/],
    ['I-3', 'Image', o => { o.spec.additionalTags[1] = 'registry.example.com/apps/app:v1.0+build'; }, 'spec.additionalTags[1]', /tag may only contain .* \(found "\+"\)/],
    ['I-4', 'Image', o => { o.spec.additionalTags.push('docker.io/example/app:v1'); }, 'spec.additionalTags[2]',
      /is in registry "index.docker.io", but spec.tag is in "registry.example.com".*all additionalTags must have the same registry as tag/],
    ['I-5', 'Image', o => { o.spec.builder = { kind: 'Builder' }; }, 'spec.builder.name', /is required/],
    ['I-6', 'Image', o => { o.spec.builder.kind = 'Builders'; }, 'spec.builder.kind', /"Builders" must be "Builder" or "ClusterBuilder"/],
    ['I-6', 'Image', o => { delete o.spec.builder.kind; }, 'spec.builder.kind', /is required: "Builder" \(in the Image's namespace\) or "ClusterBuilder"/],
    ['I-9', 'Image', o => { o.spec.build.creationTime = '2024-01-01'; }, 'spec.build.creationTime', /must be "now" or a Unix time in seconds.*invalid value: 2024-01-01/],
    ['I-9', 'Image', o => { o.spec.build.creationTime = '9223372036854775808'; }, 'spec.build.creationTime', /invalid value/],
    ['I-13', 'Image', o => { o.spec.cache.registry = { tag: 'registry.example.com/cache/app' }; }, 'spec.cache', /both volume and registry.*only one type of cache/],
    ['I-20', 'Image', o => { o.spec.failedBuildHistoryLimit = 0; }, 'spec.failedBuildHistoryLimit', /0 must be 1 or more.*build history limit must be greater than 0/],
    ['I-21', 'Image', o => { o.spec.successBuildHistoryLimit = -3; }, 'spec.successBuildHistoryLimit', /-3 must be 1 or more/],
    ['I-22', 'Image', o => { o.metadata.name = 'a'.repeat(64); }, 'metadata.name', /must be no more than 63 characters \(it has 64\).*invalid image name/],
  ])('%s: %#', (rule, kind, change, path, message) => {
    expectFinding(findingsAfter(kind, change), { rule, path, message });
  });

  test('I-14 depends on the cluster: refused without a default StorageClass, admitted with one, assumed once when unknown', () => {
    const noClass = (o: any) => { o.spec.cache = { volume: { size: '2G' } }; };
    expectFinding(findingsAfter('Image', noClass, { defaultStorageClass: false }), {
      rule: 'I-14',
      path: 'spec.cache.volume.storageClassName',
      message: /is required: the cluster has no default StorageClass.*cannot be set without spec.cache.volume.storageClassName/,
    });
    expect(findingsAfter('Image', noClass, { defaultStorageClass: true })).toEqual([]);
    expect(findingsAfter('Image', noClass)).toEqual([]);
    const images = [1, 2, 3].map(i => ({ ...baseline('Image'), metadata: { name: `app-${i}`, namespace: NS }, spec: { ...baseline('Image').spec, cache: { volume: {} } } }));
    const result = validatePositioned(images, {});
    expect(result.assumptions).toEqual([expect.stringMatching(/^assumed the cluster has a default StorageClass, which 3 Images need/)]);
    expect(validatePositioned(images, { defaultStorageClass: true }).assumptions).toEqual([]);
    const named = (o: any) => { o.spec.cache = { volume: { storageClassName: 'fast' } }; };
    expect(findingsAfter('Image', named, { defaultStorageClass: false })).toEqual([]);
  });

  test('not validated by kpack: serviceAccountName, imageTaggingStrategy, an empty registry cache tag, signed creationTime', () => {
    expect(findingsAfter('Image', o => {
      delete o.spec.serviceAccountName;
      o.spec.imageTaggingStrategy = 'Anything';
      o.spec.cache = { registry: { tag: '' } };
      o.spec.build.creationTime = '-1700000000';
      delete o.spec.failedBuildHistoryLimit;
    }).filter(f => f.stage !== 'advice')).toEqual([]);
  });

  test('I-4 is skipped when the tag itself is invalid; every mismatching tag is reported', () => {
    expect(findingsAfter('Image', o => { o.spec.tag = 'A'; o.spec.additionalTags = ['gcr.io/x/y']; }).map(f => f.rule)).toEqual(['I-1']);
    const findings = findingsAfter('Image', o => { o.spec.additionalTags = ['gcr.io/x/y', 'registry.example.com/a/b', 'quay.io/x/y']; });
    expect(findings.map(f => `${f.rule} ${f.path}`)).toEqual(['I-4 spec.additionalTags[0]', 'I-4 spec.additionalTags[2]']);
  });
});

describe('Build (BD)', () => {
  test.each<Row>([
    ['BD-1', 'Build', o => { o.spec.tags = []; }, 'spec.tags', /is required: at least one tag/],
    ['BD-1', 'Build', o => { delete o.spec.tags; }, 'spec.tags', /missing field/],
    ['BD-2', 'Build', o => { o.spec.tags.push(`registry.example.com/apps/app@${DIGEST}`); }, 'spec.tags[1]', /a digest reference/],
    ['BD-3', 'Build', o => { o.spec.cache.registry = { tag: 'x/y' }; }, 'spec.cache', /only one type of cache can be specified/],
    ['BD-7', 'Build', o => { o.spec.lastBuild.image = 'last:'; }, 'spec.lastBuild.image', /a tag name must follow the colon/],
  ])('%s: %#', (rule, kind, change, path, message) => {
    expectFinding(findingsAfter(kind, change), { rule, path, message });
  });

  test('Build tags need no common registry', () => {
    // (The service account's credentials are for registry.example.com only: a credential rule, not admission.)
    expect(findingsAfter('Build', o => { o.spec.tags.push('gcr.io/other/app:1'); }).filter(f => !f.rule.startsWith('credential-'))).toEqual([]);
  });
});
