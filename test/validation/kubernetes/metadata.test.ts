import { TOTAL_ANNOTATION_SIZE_LIMIT, validateAnnotations, validateLabels, validateObjectMeta } from '../../../src/validation/kubernetes';

describe('labels (meta/v1 ValidateLabels)', () => {
  test('valid labels', () => {
    expect(validateLabels('metadata.labels', { 'app': 'web', 'example.com/Team_1': 'a.b-c', 'empty': '' })).toEqual([]);
  });

  test('a bad key and a bad value, each with its path, the value and what is allowed', () => {
    const problems = validateLabels('metadata.labels', { 'NoUppercaseOrSpecialCharsLike=Equals': 'bar', 'tier': 'front end' });
    expect(problems.map(p => p.message)).toEqual([
      expect.stringMatching(/^metadata\.labels "NoUppercaseOrSpecialCharsLike=Equals" is not a valid label key: name part must consist of alphanumeric characters/),
      expect.stringMatching(/^metadata\.labels\.tier "front end" is not a valid label value: a valid label must be an empty string or consist of/),
    ]);
  });

  test('a value of 64 characters is too long', () => {
    expect(validateLabels('l', { a: 'x'.repeat(64) })[0].message).toMatch(/must be no more than 63 characters/);
  });

  test('wrong types', () => {
    expect(validateLabels('l', ['a'])[0].type).toBe('wrong-type');
    expect(validateLabels('l', { a: 1 })[0]).toMatchObject({ type: 'wrong-type', path: 'l.a' });
  });
});

describe('annotations (objectmeta.go ValidateAnnotations)', () => {
  test('keys are checked lower-cased: upper case is fine', () => {
    expect(validateAnnotations('a', { 'Example.COM/Key': 'v' })).toEqual([]);
    expect(validateAnnotations('a', { 'a b': 'v' })[0].message).toMatch(/^a "a b" is not a valid annotation key/);
  });

  test('256 KiB of keys and values together, counted in bytes; values are never shown', () => {
    const secret = 's3cr3t-' + 'x'.repeat(TOTAL_ANNOTATION_SIZE_LIMIT - 10);
    expect(validateAnnotations('a', { k: 'x'.repeat(TOTAL_ANNOTATION_SIZE_LIMIT - 1) })).toEqual([]);
    const problems = validateAnnotations('metadata.annotations', { k: secret, l: 'é'.repeat(10) });
    expect(problems).toHaveLength(1);
    expect(problems[0].type).toBe('too-long');
    expect(problems[0].message).toBe(`metadata.annotations are too long: keys and values take ${TOTAL_ANNOTATION_SIZE_LIMIT + 1 + 1 + 20 - 3} bytes together, at most 262144 (256 KiB) are allowed`);
    expect(JSON.stringify(validateAnnotations('a', { k: 42 as any, s: secret }))).not.toContain('s3cr3t');
  });
});

describe('object metadata', () => {
  test('name, generateName, namespace, labels and annotations', () => {
    const problems = validateObjectMeta('metadata', {
      name: 'My App', generateName: 'web-', namespace: 'team.a', labels: { 'a/b/c': 'x' }, annotations: { '': 'x' },
    });
    expect(problems.map(p => p.path)).toEqual(['metadata.name', 'metadata.namespace', 'metadata.labels', 'metadata.annotations']);
  });

  test('a namespace is not checked for cluster-scoped kinds; a name only when required or given', () => {
    expect(validateObjectMeta('metadata', { namespace: 'Bad Namespace' }, { namespaced: false })).toEqual([]);
    expect(validateObjectMeta('metadata', {})).toEqual([]);
    expect(validateObjectMeta('metadata', {}, { nameRequired: true })[0].type).toBe('required');
    expect(validateObjectMeta('metadata', undefined, { nameRequired: true })[0].type).toBe('required');
    expect(validateObjectMeta('metadata', 'x')[0].type).toBe('wrong-type');
  });

  test('generateName may end with a dash', () => {
    expect(validateObjectMeta('m', { generateName: 'build-' })).toEqual([]);
    expect(validateObjectMeta('m', { generateName: 'Build-' })[0].path).toBe('m.generateName');
  });
});
