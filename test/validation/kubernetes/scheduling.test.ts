import { validateAffinity, validateLabelSelector, validateNodeSelector, validateTolerations } from '../../../src/validation/kubernetes';

const tolerations = (...t: unknown[]) => validateTolerations('tolerations', t).map(p => p.message);

describe('tolerations (ValidateTolerations)', () => {
  test('the valid cases of Kubernetes\' tests', () => {
    expect(tolerations(
      { key: 'foo', operator: 'Exists', value: '', effect: 'NoExecute', tolerationSeconds: 60 },
      { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoExecute', tolerationSeconds: 60 },
      { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' },
      { operator: 'Exists', effect: 'NoSchedule' },
      { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      { key: 'foo', operator: 'Equal', value: 'bar' },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: -2 },
      { operator: 'Exists' },
    )).toEqual([]);
  });

  test('the invalid cases of Kubernetes\' tests', () => {
    expect(tolerations({ key: 'nospecialchars^=@', operator: 'Equal', value: 'bar', effect: 'NoSchedule' })[0])
      .toMatch(/^tolerations\[0\]\.key "nospecialchars\^=@" is not a valid toleration key/);
    expect(tolerations({ key: 'foo', operator: 'In', value: 'bar', effect: 'NoSchedule' }))
      .toEqual(['tolerations[0].operator "In" is not supported: use "Equal" or "Exists" (or leave it out for "Equal")']);
    expect(tolerations({ key: 'foo', operator: 'Exists', value: 'bar', effect: 'NoSchedule' }))
      .toEqual(['tolerations[0].value "bar" must be empty when operator is "Exists"']);
    expect(tolerations({ operator: 'Equal', value: 'bar', effect: 'NoSchedule' }))
      .toEqual(['tolerations[0].operator "Equal" must be "Exists" when key is empty, which means "match all values and all keys"']);
    expect(tolerations({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 20 }))
      .toEqual(['tolerations[0].effect "NoSchedule" must be "NoExecute" when tolerationSeconds is set']);
  });

  test('effects, values and types', () => {
    expect(tolerations({ key: 'k', operator: 'Exists', effect: 'NoScheduleNoAdmit' }))
      .toEqual(['tolerations[0].effect "NoScheduleNoAdmit" is not supported: use "NoSchedule", "PreferNoSchedule" or "NoExecute" (or leave it out for all effects)']);
    expect(tolerations({ key: 'k', value: 'a b' })[0]).toMatch(/^tolerations\[0\]\.value "a b" is not a valid toleration value/);
    expect(tolerations({ key: 'k', tolerationSeconds: '60' })[0]).toMatch(/tolerationSeconds must be a whole number of seconds, got a string "60"/);
    expect(tolerations({ key: 'k', Operator: 'Exists' })[0]).toMatch(/^tolerations\[0\]\.Operator is not a field of Toleration/);
    expect(validateTolerations('t', { key: 'k' })[0].type).toBe('wrong-type');
    // Go decodes null in a list of structs to the zero value: a toleration with no key must have operator Exists
    expect(validateTolerations('t', [null]).map(p => p.path)).toEqual(['t[0].operator']);
    expect(validateTolerations('t', [null, { operator: 'Exists' }])).toHaveLength(1);
  });
});

describe('node selector', () => {
  test('keys are label keys, values label values', () => {
    expect(validateNodeSelector('nodeSelector', { 'disktype': 'ssd', 'kubernetes.io/arch': 'amd64' })).toEqual([]);
    expect(validateNodeSelector('nodeSelector', { 'disk type': 'ssd', 'zone': 'eu west' }).map(p => p.message)).toEqual([
      expect.stringMatching(/^nodeSelector "disk type" is not a valid node selector key/),
      expect.stringMatching(/^nodeSelector\.zone "eu west" is not a valid node selector value/),
    ]);
  });
});

const node = (term: unknown) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } } });
const affinity = (value: unknown) => validateAffinity('affinity', value).map(p => p.message);
const REQ = 'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution';

describe('affinity (validateAffinity)', () => {
  test('a valid node, pod and anti affinity', () => {
    expect(affinity({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }], matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }] },
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'b', operator: 'In', values: ['Not a label value'] }] } }],
      },
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname', matchLabelKeys: ['tier'] }] },
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: 'zone', namespaces: ['ns'] } }] },
    })).toEqual([]);
  });

  test('node selector requirements: operators and their values', () => {
    expect(affinity(node({ matchExpressions: [{ key: 'key1' }] }))).toEqual([`${REQ}.nodeSelectorTerms[0].matchExpressions[0].operator "" is not a valid selector operator: use "In", "NotIn", "Exists", "DoesNotExist", "Gt" or "Lt"`]);
    expect(affinity(node({ matchExpressions: [{ key: 'k', operator: 'In' }] }))[0]).toMatch(/values is required: must be specified when operator is "In" or "NotIn"/);
    expect(affinity(node({ matchExpressions: [{ key: 'k', operator: 'Exists', values: ['x'] }] }))[0]).toMatch(/values may not be specified when operator is "Exists"/);
    expect(affinity(node({ matchExpressions: [{ key: 'k', operator: 'Lt', values: ['1', '2'] }] }))[0]).toMatch(/must be a single value when operator is "Gt" or "Lt"/);
    expect(affinity(node({ matchExpressions: [{ key: 'invalid key ___@#', operator: 'Exists' }] }))[0]).toMatch(/matchExpressions\[0\]\.key "invalid key ___@#" is not a valid label key/);
    expect(affinity(node({ matchExpressions: [{ key: 'k', operator: 'In', values: ['a b'] }] }))[0]).toMatch(/values\[0\] "a b" is not a valid label value/);
    // null is Go's zero requirement: no operator, no key
    expect(affinity(node({ matchExpressions: [null] })).map(m => m.split(' ')[0])).toEqual([
      `${REQ}.nodeSelectorTerms[0].matchExpressions[0].operator`, `${REQ}.nodeSelectorTerms[0].matchExpressions[0].key`,
    ]);
  });

  test('node field selectors: metadata.name only, In/NotIn with one value', () => {
    expect(affinity(node({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['host_1', 'host_2'] }] }))[0]).toMatch(/must be only one value/);
    expect(affinity(node({ matchFields: [{ key: 'metadata.name', operator: 'Exists' }] }))[0]).toMatch(/is not a valid selector operator for a node field selector/);
    expect(affinity(node({ matchFields: [{ key: 'metadata.namespace', operator: 'In', values: ['ns1'] }] }))[0]).toMatch(/is not a valid field selector key/);
  });

  test('node selector terms: at least one', () => {
    expect(affinity({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } })).toEqual([`${REQ}.nodeSelectorTerms is required: must have at least one node selector term`]);
    expect(affinity({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {} } })).toHaveLength(1);
  });

  test('weights 1-100', () => {
    expect(affinity({ nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 199, preference: {} }] } }))
      .toEqual(['affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight 199 must be in the range 1-100']);
    expect(affinity({ podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ podAffinityTerm: { topologyKey: 'zone' } }] } }))
      .toEqual(['affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight 0 must be in the range 1-100']);
  });

  test('pod affinity terms: topologyKey, selectors, namespaces', () => {
    expect(affinity({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: {} }] } })[0])
      .toMatch(/^affinity\.podAntiAffinity\.requiredDuringSchedulingIgnoredDuringExecution\[0\]\.topologyKey is required: can not be empty/);
    expect(affinity({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'z', namespaces: ['INVALID'] }] } })[0]).toMatch(/namespaces\[0\] "INVALID" is not a valid namespace name/);
    expect(affinity({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'z', namespaceSelector: { matchExpressions: [{ key: 'k', operator: 'In' }] } }] } })[0]).toMatch(/namespaceSelector\.matchExpressions\[0\]\.values is required/);
  });

  test('matchLabelKeys and mismatchLabelKeys', () => {
    const term = (extra: object) => ({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'z', ...extra }] } });
    expect(affinity(term({ labelSelector: {}, matchLabelKeys: ['/simple'] }))[0]).toMatch(/matchLabelKeys\[0\] "\/simple" is not a valid label key: prefix part must be non-empty/);
    expect(affinity(term({ matchLabelKeys: ['a'] }))[0]).toMatch(/matchLabelKeys must not be specified when labelSelector is not set/);
    expect(affinity(term({ labelSelector: { matchLabels: { a: 'b' } }, matchLabelKeys: ['a'] }))[0]).toMatch(/"a" exists in both matchLabelKeys and labelSelector/);
    expect(affinity(term({ labelSelector: {}, matchLabelKeys: ['a'], mismatchLabelKeys: ['a'] }))[0]).toMatch(/"a" exists in both matchLabelKeys and mismatchLabelKeys/);
  });

  test('unknown fields (a typo kpack would drop) and wrong types', () => {
    expect(affinity({ nodeAfinity: {} })[0]).toMatch(/^affinity\.nodeAfinity is not a field of Affinity: the fields are nodeAffinity, podAffinity, podAntiAffinity/);
    expect(affinity({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {} } })[0]).toMatch(/must be a list, got an object/);
  });
});

describe('label selectors (meta/v1 ValidateLabelSelector)', () => {
  test('operators and values', () => {
    expect(validateLabelSelector('s', { matchExpressions: [{ key: 'k', operator: 'Gt', values: ['1'] }] })[0].message)
      .toBe('s.matchExpressions[0].operator "Gt" is not a valid selector operator: use "In", "NotIn", "Exists" or "DoesNotExist"');
    expect(validateLabelSelector('s', { matchExpressions: [{ key: 'k', operator: 'NotIn', values: ['a', 'b'] }] })).toEqual([]);
  });
});
