/** Unknown fields, wrong JSON types and case-insensitive field names, as kpack's webhook decodes objects. */
import { baseline, expectFinding, findingsAfter, validate } from './fixtures';
import { Severity } from '../../src/validation';

describe('unknown fields', () => {
  test.each([
    ['Image', 'spec.tags', (o: any) => { o.spec.tags = ['x']; }, /^kpack silently drops spec.tags: it is not a field of ImageSpec; did you mean `tag`\?$/],
    ['Image', 'spec.serviceAccount', (o: any) => { o.spec.serviceAccount = 'sa'; }, /did you mean `serviceAccountName`\?/],
    ['Image', 'spec.source.git.branch', (o: any) => { o.spec.source.git.branch = 'main'; }, /not a field of Git; known fields are initializeSubmodules, revision, url/],
    ['Image', 'specs', (o: any) => { o.specs = {}; }, /is not a field of Image; did you mean `spec`\?/],
    ['ClusterBuilder', 'spec.serviceAccountName', (o: any) => { o.spec.serviceAccountName = 'sa'; }, /not a field of ClusterBuilderSpec; did you mean `serviceAccountRef`\?/],
    ['Builder', 'spec.order[0].group[0].buildpack', (o: any) => { o.spec.order[0].group[0].buildpack = 'x'; }, /not a field of BuilderBuildpackRef/],
    ['Build', 'spec.resources.request', (o: any) => { o.spec.resources = { limits: {}, request: {} }; }, /did you mean `requests`\?/],
  ])('%s %s', (kind, path, change, message) => {
    expectFinding(findingsAfter(kind, change), { rule: 'unknown-field', path, message });
  });

  test('metadata may carry any field, status is not looked into', () => {
    expect(findingsAfter('Image', o => {
      o.metadata.labels = { app: 'x' };
      o.metadata.uid = '1';
      o.metadata.managedFields = [];
      o.status = { whatever: [1, { x: 2 }] };
    })).toEqual([]);
  });

  test('a field of another kpack version says so', () => {
    const findings = findingsAfter('ClusterBuilder', o => { o.spec.lifecycle = { name: 'x' }; }, { kpackVersion: 'v0.16.1' });
    expectFinding(findings, {
      rule: 'unknown-field', path: 'spec.lifecycle', message: /not a field of ClusterBuilderSpec in kpack v0.16.1 \(it is in v0.17.2\)/,
    });
  });
});

describe('case-only mismatches', () => {
  test('are accepted by Go\'s decoder: a warning, and the rules see the exact field', () => {
    const findings = findingsAfter('Image', o => {
      o.spec.Tag = o.spec.tag;
      delete o.spec.tag;
      o.spec.source.Git = o.spec.source.git;
      delete o.spec.source.git;
    });
    expect(findings.map(f => `${f.severity} ${f.rule} ${f.path}`)).toEqual([
      'warning field-case spec.Tag',
      'warning field-case spec.source.Git',
    ]);
    expect(findings[0].message).toMatch(/spec.Tag is read by kpack as `tag` .*write the exact name/);
  });

  test('of two spellings, the one that sorts last wins: the API server hands kpack the keys sorted, Go assigns each', () => {
    // "TAG" < "tag": the lower-case spelling is assigned last, whatever the order written.
    expect(findingsAfter('Image', o => { o.spec.TAG = 'Bad Tag'; }).map(f => f.rule)).toEqual(['field-case']);
    const upperFirst = findingsAfter('Image', o => { const tag = o.spec.tag; delete o.spec.tag; o.spec.tag = 'Bad Tag'; o.spec.TAG = tag; });
    expectFinding(upperFirst, { rule: 'I-1', path: 'spec.tag', message: /"Bad Tag"/ });
    // Go folds ſ (U+017F) to s: "ſource" is `source` too, sorts after it, and merges into it.
    const merged = findingsAfter('Image', o => { o.spec['\u017Fource'] = { blob: { url: 'https://example.com/app.zip' } }; });
    expectFinding(merged, { rule: 'SRC-2', path: 'spec.source', message: /sets git and blob/ });
    expectFinding(merged, { rule: 'field-case', path: 'spec["\u017Fource"]', message: /read by kpack as `source`/ });
    // null clears a pointer (git), and leaves a value alone (the string subPath).
    const cleared = findingsAfter('Image', o => { o.spec['\u017Fource'] = { git: null, subPath: null, blob: { url: 'https://example.com/app.zip' } }; });
    expect(cleared.map(f => f.rule)).toEqual(['field-case']);
  });

  test('apply at the top level too', () => {
    const o = baseline('ClusterLifecycle');
    o.Spec = o.spec;
    delete o.spec;
    expect(validate([o]).map(f => f.rule)).toEqual(['field-case']);
  });
});

describe('wrong JSON types', () => {
  test.each([
    ['Image', 'spec.tag', (o: any) => { o.spec.tag = 5; }, /^spec.tag 5 must be a string, not an integer \(kpack: cannot decode incoming new object: json: cannot unmarshal number 5 into Go value of type string\)$/],
    ['Image', 'spec.additionalTags', (o: any) => { o.spec.additionalTags = 'registry.example.com/apps/app:v2'; }, /must be a list \(\[string\]\), not a string/],
    ['Image', 'spec.source', (o: any) => { o.spec.source = [{ git: {} }]; }, /^spec.source must be an object \(SourceConfig\), not a list/],
    ['Image', 'spec.failedBuildHistoryLimit', (o: any) => { o.spec.failedBuildHistoryLimit = '10'; }, /"10" must be an integer, not a string.*of type int64/],
    ['Image', 'spec.successBuildHistoryLimit', (o: any) => { o.spec.successBuildHistoryLimit = 2.5; }, /2.5 must be an integer, not a number/],
    ['Image', 'spec.source.git.initializeSubmodules', (o: any) => { o.spec.source.git.initializeSubmodules = 'true'; }, /must be true or false/],
    ['Image', 'spec.build.nodeSelector.disk', (o: any) => { o.spec.build.nodeSelector.disk = 1; }, /must be a string/],
    ['Image', 'spec.build.nodeSelector', (o: any) => { o.spec.build.nodeSelector = ['a']; }, /must be an object mapping names to values \(\{string\}\)/],
    ['Image', 'spec.build.resources.limits.cpu', (o: any) => { o.spec.build.resources.limits.cpu = '2 cores'; }, /"2 cores" is not a Kubernetes quantity/],
    ['Image', 'spec.cache.volume.size', (o: any) => { o.spec.cache.volume.size = true; }, /is not a Kubernetes quantity/],
    ['Image', 'spec', (o: any) => { o.spec = 'app'; }, /must be an object \(ImageSpec\), not a string/],
    ['Image', 'metadata.labels.a', (o: any) => { o.metadata.labels = { a: 1 }; }, /must be a string/],
    ['Build', 'spec.activeDeadlineSeconds', (o: any) => { o.spec.activeDeadlineSeconds = 2 ** 64; }, /must be an integer/],
  ])('%s %s', (kind, path, change, message) => {
    expectFinding(findingsAfter(kind, change), { rule: 'wrong-type', path, message });
  });

  test('a wrongly typed field is reported once, not also as missing', () => {
    expect(findingsAfter('Image', o => { o.spec.tag = ['x']; }).map(f => f.rule)).toEqual(['wrong-type']);
  });

  // Accepted as Go's resource.ParseQuantity parses them (a bare suffix or sign is zero, a trailing dot is allowed, spaces
  // around are trimmed), and stored as MarshalJSON writes them: as written when Go keeps the text, else in its
  // canonical form, which the engine names (advice: GitOps tools see the difference). A number is stored as a string.
  test.each([
    ['2G', undefined], ['500Mi', undefined], ['100m', undefined], ['1e3', undefined], ['1E', undefined], ['1.', undefined],
    ['1.5Gi', '1536Mi'], ['+1E-2', '10e-3'], [' 2Gi ', '2Gi'], ['\u00a02Gi', '2Gi'], ['.5', '500m'], ['0.5', '500m'], ['1024Mi', '1Gi'],
    ['1000m', '1'], ['Ki', '0'], ['.', '0'], ['+', '0'], [2, '2'], [0.5, '500m'], [1.5, '1500m'],
  ] as Array<[string | number, string | undefined]>)('quantity %j is accepted; kpack stores it as %j', (size, stored) => {
    const findings = findingsAfter('Image', o => { o.spec.cache.volume.size = size; });
    expect(findings.map(f => f.rule)).toEqual(stored === undefined ? [] : ['stored-differently']);
    if (stored !== undefined) expect(findings[0].message).toMatch(new RegExp(`^spec\\.cache\\.volume\\.size .* (is stored by kpack as|write) ${JSON.stringify(stored)}`));
  });

  // Also white space the JSON encoder escapes, which the decoder's trimming then keeps (kpack's own code refuses them).
  test.each(['', '2GB', '1ki', '1e', '--1', '1.2.3', '1 Gi', '1Kii', '\t2Gi', '2Gi\n', '\u20282Gi'])('quantity %j is rejected', size => {
    expect(findingsAfter('Image', o => { o.spec.cache.volume.size = size; }).map(f => f.rule)).toEqual(['wrong-type']);
  });

  test('null is the zero value for any field', () => {
    expect(findingsAfter('Image', o => { o.spec.cache = null; o.spec.build.env = null; o.spec.notary = null; })).toEqual([]);
  });
});

describe('SourceResolver', () => {
  const resolver = () => ({
    apiVersion: 'kpack.io/v1alpha2',
    kind: 'SourceResolver',
    metadata: { name: 'app-source', namespace: 'x' },
    spec: { serviceAccount: 'sa', source: { git: { url: 'https://x/y' } } }, // no revision: kpack does not validate it
  });

  test('is not validated by kpack: no admission finding', () => {
    expect(validate([resolver()])).toEqual([]);
  });

  test('fields kpack cannot read are warnings', () => {
    const o: any = resolver();
    o.spec.serviceAccountName = 'sa';
    const findings = validate([o]);
    expect(findings.map(f => `${f.severity} ${f.rule} ${f.path}`)).toEqual([`${Severity.WARNING} unknown-field spec.serviceAccountName`]);
    expect(findings[0].message).toMatch(/kpack silently drops spec.serviceAccountName.*did you mean `serviceAccount`\?/);
  });
});

test('keys with an undefined value are not serialized, so they are not fields (objects built in code have them)', () => {
  expect(findingsAfter('Image', o => { o.spec.notAField = undefined; o.spec.tag = o.spec.tag ?? undefined; })).toEqual([]);
});
