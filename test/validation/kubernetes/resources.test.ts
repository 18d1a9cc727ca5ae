import { validateContainerResources, validateResourceQuantityValue, validateResourceQuotaHard, validateStorageRequest } from '../../../src/validation/kubernetes';

const messages = (value: unknown) => validateContainerResources('resources', value).map(p => p.message);

describe('container resources (validateResourceRequirements)', () => {
  test('valid requirements, requests equal to or below limits in other units', () => {
    expect(messages({ requests: { 'cpu': '500m', 'memory': '1Gi', 'ephemeral-storage': '1G' }, limits: { cpu: '1', memory: '1024Mi' } })).toEqual([]);
    expect(messages({ requests: { 'example.com/gpu': '1' }, limits: { 'example.com/gpu': '1' } })).toEqual([]);
  });

  test('a request above its limit', () => {
    expect(messages({ requests: { memory: '2Gi' }, limits: { memory: '2G' } })).toEqual([
      'resources.requests.memory "2Gi" must be less than or equal to the memory limit "2G"',
    ]);
  });

  test('negative quantities and non-quantities', () => {
    expect(messages({ requests: { cpu: '-1' } })).toEqual(['resources.requests.cpu "-1" must be greater than or equal to 0']);
    expect(messages({ limits: { cpu: '1 core' } })[0]).toMatch(/^resources\.limits\.cpu "1 core" is not a quantity/);
  });

  test('resource names: standard for containers, or fully qualified extended resources', () => {
    expect(messages({ requests: { pods: '1' } })).toEqual(['resources.requests.pods "pods" must be a standard resource for containers: "cpu", "memory", "ephemeral-storage" or "hugepages-<size>"']);
    expect(messages({ requests: { gpu: '1' } })[0]).toMatch(/must be a standard resource type or fully qualified/);
  });

  test('extended resources: whole numbers, not overcommitted, limit required', () => {
    expect(messages({ requests: { 'example.com/gpu': '500m' }, limits: { 'example.com/gpu': '500m' } })).toEqual([
      'resources.limits["example.com/gpu"] "500m" must be an integer',
      'resources.requests["example.com/gpu"] "500m" must be an integer',
    ]);
    expect(messages({ requests: { 'example.com/gpu': '1' }, limits: { 'example.com/gpu': '2' } })[0]).toMatch(/must be equal to the example.com\/gpu limit "2"/);
    expect(messages({ requests: { 'example.com/gpu': '1' } })[0]).toMatch(/^resources\.limits\["example.com\/gpu"\] is required/);
  });

  test('huge pages: multiples of the page size, with cpu or memory', () => {
    expect(messages({ requests: { 'hugepages-2Mi': '4Mi', 'memory': '1Gi' }, limits: { 'hugepages-2Mi': '4Mi' } })).toEqual([]);
    expect(messages({ requests: { 'hugepages-2Mi': '3Mi', 'memory': '1Gi' }, limits: { 'hugepages-2Mi': '3Mi' } })).toContain(
      'resources.limits.hugepages-2Mi "3Mi" is not a positive integer multiple of hugepages-2Mi');
    expect(messages({ limits: { 'hugepages-2Mi': '2Mi' }, requests: { 'hugepages-2Mi': '2Mi' } })).toContain(
      'resources sets huge pages without cpu or memory: HugePages require cpu or memory');
  });

  test('claims: build pods have no resource claims', () => {
    expect(messages({ claims: [{ name: 'gpu' }] })).toHaveLength(1);
  });

  test('unknown fields and wrong types', () => {
    expect(validateContainerResources('r', { request: { cpu: '1' } })[0]).toMatchObject({ type: 'unknown-field', path: 'r.request' });
    expect(validateContainerResources('r', 'big')[0].type).toBe('wrong-type');
    expect(validateContainerResources('r', { limits: { cpu: {} } })[0].type).toBe('wrong-type');
  });
});

describe('quota and storage', () => {
  test('ResourceQuota hard limits: quota resource names, whole numbers for counts', () => {
    expect(validateResourceQuotaHard('spec.hard', { 'requests.cpu': '2', 'pods': '10', 'requests.storage': '10Gi' })).toEqual([]);
    expect(validateResourceQuotaHard('spec.hard', { pods: '1.5' }).map(p => p.message)).toEqual(['spec.hard.pods "1.5" must be an integer']);
    expect(validateResourceQuotaHard('spec.hard', { storage: '1Gi' })[0].message).toMatch(/must be a standard resource for quota/);
  });

  test('a PersistentVolumeClaim storage request: given and greater than zero', () => {
    expect(validateStorageRequest('size', '2G')).toEqual([]);
    expect(validateStorageRequest('size', '0Ki').map(p => p.message)).toEqual(['size "0Ki" must be greater than zero']);
    expect(validateStorageRequest('size', '-1Gi')[0].message).toMatch(/greater than zero/);
    expect(validateStorageRequest('size', undefined)[0].type).toBe('required');
  });

  test('validateResourceQuantityValue', () => {
    expect(validateResourceQuantityValue('x', 'pods', '1000m')).toEqual([]);
    expect(validateResourceQuantityValue('x', 'cpu', '1500m')).toEqual([]);
  });
});
