import { stringVectors } from './vectors';
import {
  isConfigMapKey, isDns1035Label, isDns1123Label, isDns1123Subdomain, isEnvVarName, isQualifiedName, isRelaxedEnvVarName,
  isValidLabelValue, NAMESPACE_NAME, SECRET_NAME, validateName, validateOptionalName,
} from '../../../src/validation/kubernetes';

describe.each([
  ['dns1123Label', isDns1123Label],
  ['dns1123Subdomain', isDns1123Subdomain],
  ['dns1035Label', isDns1035Label],
  ['qualifiedName', isQualifiedName],
  ['labelValue', isValidLabelValue],
  ['envVarName', isEnvVarName],
  ['relaxedEnvVarName', isRelaxedEnvVarName],
  ['configMapKey', isConfigMapKey],
])('%s gives the messages Kubernetes gives', (check, fn) => {
  const vectors = stringVectors(check);

  test(`${vectors.length} vectors, valid and invalid`, () => {
    expect(vectors.length).toBeGreaterThan(1000);
    expect(vectors.some(v => v.errors.length === 0)).toBe(true);
    expect(vectors.some(v => v.errors.length > 0)).toBe(true);
    const wrong = vectors.filter(v => JSON.stringify(fn(v.input)) !== JSON.stringify(v.errors));
    expect(wrong.map(v => ({ input: v.input, expected: v.errors, got: fn(v.input) }))).toEqual([]);
  });
});

describe('Kubernetes edge cases', () => {
  test('lengths are UTF-8 bytes, as Go counts them', () => {
    // 21 three-byte characters are 63 bytes: invalid by the regex, but not too long; 22 are too long
    expect(isValidLabelValue('é'.repeat(32))).toContain('must be no more than 63 characters');
    expect(isValidLabelValue('é'.repeat(31))).not.toContain('must be no more than 63 characters');
  });

  test('a label key: optional DNS subdomain prefix, name part of at most 63', () => {
    expect(isQualifiedName('example.com/MyName')).toEqual([]);
    expect(isQualifiedName(`${'a'.repeat(253)}/b`)).toEqual([]);
    expect(isQualifiedName(`${'a'.repeat(254)}/b`)[0]).toMatch(/^prefix part must be no more than 253 characters/);
    expect(isQualifiedName('a/b/c')[0]).toMatch(/^a qualified name must consist of/);
    expect(isQualifiedName('/a')).toEqual(['prefix part must be non-empty']);
  });

  test('the relaxed env var rule of Kubernetes 1.32+: printable ASCII except "="', () => {
    expect(isRelaxedEnvVarName('1-my var:x')).toEqual([]);
    expect(isRelaxedEnvVarName('a=b')).toHaveLength(1);
    expect(isRelaxedEnvVarName('a\tb')).toHaveLength(1);
    expect(isRelaxedEnvVarName('é')).toHaveLength(1);
    expect(isRelaxedEnvVarName('')).toEqual(['environment variable name must be non-empty']);
    // the strict rule of earlier versions refuses what the relaxed one allows
    expect(isEnvVarName('1-my var:x').length).toBeGreaterThan(0);
  });
});

describe('validateName', () => {
  test('a valid name has no problem', () => {
    expect(validateName('metadata.name', 'my-secret.v1', SECRET_NAME)).toEqual([]);
  });

  test('an invalid name names the field, shows the value and says what is allowed', () => {
    const [p] = validateName('spec.serviceAccountName', 'My_Account', SECRET_NAME);
    expect(p.type).toBe('invalid');
    expect(p.path).toBe('spec.serviceAccountName');
    expect(p.message).toMatch(/^spec\.serviceAccountName "My_Account" is not a valid Secret name: a lowercase RFC 1123 subdomain must consist of/);
  });

  test('a namespace name must not contain dots', () => {
    expect(validateName('metadata.namespace', 'team.a', NAMESPACE_NAME)[0].message).toMatch(/is not a valid namespace name: must not contain dots/);
  });

  test('missing, empty and wrong-typed names', () => {
    expect(validateName('name', undefined, SECRET_NAME)[0].type).toBe('required');
    expect(validateName('name', '', SECRET_NAME)[0].type).toBe('required');
    expect(validateName('name', 42, SECRET_NAME)[0]).toMatchObject({ type: 'wrong-type', message: 'name must be a Secret name (a string), got an integer 42' });
    expect(validateOptionalName('name', undefined, SECRET_NAME)).toEqual([]);
    expect(validateOptionalName('name', '', SECRET_NAME)).toEqual([]);
  });

  test('a long value is cut in the message', () => {
    const [p] = validateName('name', 'X'.repeat(300), SECRET_NAME);
    expect(p.message).toContain('... (300 characters)');
  });
});
