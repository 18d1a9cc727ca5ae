import {
  validateActiveDeadlineSeconds, validateEnv, validatePriorityClassName, validateRuntimeClassName, validateSchedulerName, validateServiceAccountName,
} from '../../../src/validation/kubernetes';

const env = (list: unknown, options = {}) => validateEnv('env', list, options).map(p => p.message);

describe('environment variables (ValidateEnv)', () => {
  test('names: relaxed in Kubernetes 1.34, strict before 1.32', () => {
    expect(env([{ name: 'A_B' }, { name: 'my.var-1' }, { name: '1st var:x' }])).toEqual([]);
    expect(env([{ name: 'A=B' }])[0]).toMatch(/^env\[0\]\.name "A=B" is not a valid environment variable name: a valid environment variable name must consist only of printable ASCII characters other than '='/);
    expect(env([{ name: '1st var:x' }], { relaxed: false })[0]).toMatch(/must not start with a digit/);
    expect(env([{ name: '' }])).toEqual(['env[0].name is required: every environment variable needs a name']);
  });

  test('a prefix is checked with the name, messages show the name as written', () => {
    expect(env([{ name: '1abc' }], { relaxed: false, namePrefix: 'PLATFORM_ENV_' })).toEqual([]);
    expect(env([{ name: 'a=b' }], { namePrefix: 'P_' })[0]).toMatch(/^env\[0\]\.name "a=b"/);
  });

  test('valueFrom: exactly one source, not with a value', () => {
    expect(env([{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }])).toEqual([]);
    expect(env([{ name: 'A', valueFrom: {} }])).toEqual(['env[0].valueFrom must specify one of: fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef']);
    expect(env([{ name: 'A', value: 'x', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }])).toEqual(['env[0].valueFrom may not be specified when value is not empty']);
    expect(env([{ name: 'A', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' }, secretKeyRef: { name: 's', key: 'k' } } }]))
      .toEqual(['env[0].valueFrom may not have more than one field specified at a time']);
  });

  test('fieldRef paths', () => {
    expect(env([{ name: 'A', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } }])).toEqual([]);
    expect(env([{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'status.phase' } } }])[0]).toMatch(/"status.phase" is not supported for environment variables/);
    expect(env([{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'spec.foo' } } }])[0]).toMatch(/cannot be converted: field label not supported: spec.foo/);
    expect(env([{ name: 'A', valueFrom: { fieldRef: { fieldPath: "metadata.name['x']" } } }])[0]).toMatch(/does not support subscript/);
    expect(env([{ name: 'A', valueFrom: { fieldRef: { apiVersion: 'v2', fieldPath: 'metadata.name' } } }])[0]).toMatch(/unsupported pod version: v2/);
  });

  test('resourceFieldRef and key selectors', () => {
    expect(env([{ name: 'A', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } }])).toEqual([]);
    expect(env([{ name: 'A', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1Mi' } } }])[0]).toMatch(/divisor "1Mi" is not supported with limits.cpu: use "1m" or "1"/);
    expect(env([{ name: 'A', valueFrom: { resourceFieldRef: { resource: 'limits.gpu' } } }])[0]).toMatch(/"limits.gpu" is not supported/);
    expect(env([{ name: 'A', valueFrom: { configMapKeyRef: { name: 'Bad Name', key: 'a/b' } } }])).toEqual([
      expect.stringMatching(/configMapKeyRef\.name "Bad Name" is not a valid Secret name/),
      expect.stringMatching(/configMapKeyRef\.key "a\/b" is not a valid key: a valid config key must consist of/),
    ]);
  });
});

describe('pod spec fields', () => {
  test('activeDeadlineSeconds: 1 to 2^31-1', () => {
    expect(validateActiveDeadlineSeconds('d', 1)).toEqual([]);
    expect(validateActiveDeadlineSeconds('d', 0)[0].message).toBe('d 0 must be between 1 and 2147483647, inclusive');
    expect(validateActiveDeadlineSeconds('d', 2 ** 31)[0].type).toBe('invalid');
    expect(validateActiveDeadlineSeconds('d', 1.5)[0].type).toBe('wrong-type');
  });

  test('class and account names are DNS subdomains', () => {
    expect(validatePriorityClassName('p', 'high-priority')).toEqual([]);
    expect(validatePriorityClassName('p', 'High')[0].message).toMatch(/^p "High" is not a valid PriorityClass name/);
    expect(validateRuntimeClassName('r', 'gvisor')).toEqual([]);
    expect(validateRuntimeClassName('r', '')[0].type).toBe('required'); // a given runtimeClassName is checked even empty
    expect(validateServiceAccountName('s', 'builds_sa')[0].message).toMatch(/is not a valid ServiceAccount name/);
  });

  test('schedulerName: any string (Kubernetes checks no format)', () => {
    expect(validateSchedulerName('s', 'My Scheduler')).toEqual([]);
    expect(validateSchedulerName('s', 3)[0].type).toBe('wrong-type');
  });
});
