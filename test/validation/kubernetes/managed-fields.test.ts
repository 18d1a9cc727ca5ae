import { firstNonPrintable, parseFieldSet, validateManagedFields } from '../../../src/validation/kubernetes';
import { baseline, validate } from '../fixtures';

/** An entry as kubectl writes one; `fieldsV1` claims a label the objects below do not set (so it is kept). */
const entry = (extra: Record<string, unknown> = {}) => ({
  manager: 'kubectl-client-side-apply',
  operation: 'Update',
  apiVersion: 'kpack.io/v1alpha2',
  time: '2024-05-01T10:00:00Z',
  fieldsType: 'FieldsV1',
  fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:team': {} } } },
  ...extra,
});

const object = { apiVersion: 'kpack.io/v1alpha2', kind: 'ClusterStack', metadata: { name: 'base' }, spec: { id: 'io.buildpacks.stacks.jammy' } };
const check = (list: unknown, live?: Record<string, unknown>) =>
  validateManagedFields('metadata.managedFields', list, { object, apiVersion: 'kpack.io/v1alpha2', otherServedVersions: ['kpack.io/v1alpha1'], live })
    .map(p => `${p.path}: ${p.message}`);

describe('fieldsV1 as structured-merge-diff reads a field set (fieldpath Set.FromJSON)', () => {
  test('members: `{}` and null leaves, `.` on a node, a node with no child', () => {
    expect(parseFieldSet({ 'f:spec': { '.': {}, 'f:tag': {}, 'f:x': null } })).toEqual([['f:spec', 'f:tag'], ['f:spec', 'f:x'], ['f:spec']]);
    expect(parseFieldSet({ 'f:spec': { 'f:a': { 'f:b': {} } } })).toEqual([['f:spec', 'f:a', 'f:b']]);
    // a key of an unknown element type is skipped, with any value: its node has no child, so it is a member
    expect(parseFieldSet({ 'f:spec': { 'x:y': 5 } })).toEqual([['f:spec']]);
    expect(parseFieldSet({ 'x:y': {} })).toEqual([]);
    expect(parseFieldSet({ 'k:{"name":"x"}': {}, 'v:"a"': {}, 'i:-1': {}, 'i:+007': {} })).toHaveLength(4);
    expect(parseFieldSet(null)).toEqual([]);
    expect(parseFieldSet(undefined)).toEqual([]);
  });

  test('what does not parse: a key shorter than 2 bytes or without the colon, a bad index, value or key, a value that is not an object', () => {
    for (const bad of ['x', 5, [], true, { f: {} }, { fx: {} }, { 'é:': {} }, { 'i:x': {} }, { 'i:': {} }, { 'i:1.5': {} }, { 'i:9223372036854775808': {} },
      { 'v:': {} }, { 'v:nope': {} }, { 'k:[1]': {} }, { 'k:x': {} }, { 'f:a': 5 }, { 'f:a': [] }, { 'f:a': 'x' }, { 'f:a': { 'f:b': true } }]) {
      expect(parseFieldSet(bad)).toBeUndefined();
    }
    expect(parseFieldSet({ 'i:9223372036854775807': {} })).toHaveLength(1);
    // jsoniter reads one value and ignores what follows it (checked with structured-merge-diff v6.3.0)
    for (const lenient of ['v:1x', 'k:{"a":1}junk', 'v:"a" b', 'v: 1', 'k:null', 'k:{}']) expect(parseFieldSet({ [lenient]: {} })).toHaveLength(1);
    for (const strict of ['v:tru', 'k:{"a":}', 'i:1_0']) expect(parseFieldSet({ [strict]: {} })).toBeUndefined();
  });
});

describe('validateManagedFields: what the API server refuses after its field manager', () => {
  test('a kept entry: a manager over 128 bytes, one not printable, a subresource over 256 bytes; each named as written, with what is allowed', () => {
    expect(check([entry(), entry({ manager: 'm'.repeat(129) })])).toEqual([
      expect.stringMatching(/^metadata\.managedFields\[1\]\.manager: metadata\.managedFields\[1\]\.manager "m{100}"\.\.\. \(129 characters\) is too long: 129 bytes, at most 128 are allowed: the API server reads and keeps this entry/),
    ]);
    expect(check([entry({ manager: '\u00e9'.repeat(65) })])).toEqual([expect.stringContaining('is too long: 130 bytes, at most 128 are allowed')]);
    expect(check([entry({ manager: '\u00e9'.repeat(64) })])).toEqual([]);
    expect(check([entry({ manager: 'a\u0007b' })])).toEqual([expect.stringContaining('has a character that is not printable (U+0007 at byte 1), a manager is printable text')]);
    expect(check([entry({ manager: 'caf\u00e9\u00a0x' })])).toEqual([expect.stringContaining('(U+00A0 at byte 5)')]);
    for (const printable of ['a b', '\u{1F600}', 'caf\u00e9', '']) expect(check([entry({ manager: printable })])).toEqual([]);
    expect(check([entry({ subresource: 's'.repeat(257) })])).toEqual([expect.stringMatching(/^metadata\.managedFields\[0\]\.subresource: .* is too long: 257 bytes, at most 256 are allowed/)]);
    expect(check([entry({ subresource: 's'.repeat(256) })])).toEqual([]);
  });

  test('a list the field manager cannot decode is replaced: nothing to refuse, whatever else it holds', () => {
    const bad = { manager: 'm'.repeat(129) };
    for (const undecodable of [{ operation: 'Patch' }, { operation: '' }, { apiVersion: '' }, { fieldsType: 'FieldsV2' }, { fieldsType: undefined },
      { fieldsV1: 'x' }, { fieldsV1: { 'f:a': 5 } }]) {
      expect(check([entry(bad), entry(undecodable)])).toEqual([]);
    }
    expect(check([])).toEqual([]);
    expect(check(null)).toEqual([]);
    expect(check('x')).toEqual([]);
  });

  test('an entry of another group or an unserved version makes the update fail: every entry is dropped', () => {
    for (const apiVersion of ['v1', 'kpack.io/v9', 'a/b/c', 'apps/v1']) {
      expect(check([entry({ manager: 'm'.repeat(129) }), entry({ manager: 'x', apiVersion })])).toEqual([]);
    }
    // another served version goes through kpack's conversion webhook: checked as kept
    expect(check([entry({ manager: 'm'.repeat(129), apiVersion: 'kpack.io/v1alpha1' })])).toHaveLength(1);
    // ... unless the object, typed again for that version without duplicates allowed, has a finalizer twice
    const twice = { ...object, metadata: { name: 'base', finalizers: ['example.com/x', 'example.com/x'] } };
    expect(validateManagedFields('metadata.managedFields', [entry({ manager: 'm'.repeat(129) }), entry({ manager: 'x', apiVersion: 'kpack.io/v1alpha1' })],
      { object: twice, apiVersion: 'kpack.io/v1alpha2', otherServedVersions: ['kpack.io/v1alpha1'] })).toEqual([]);
    expect(validateManagedFields('metadata.managedFields', [entry({ manager: 'm'.repeat(129) })],
      { object: twice, apiVersion: 'kpack.io/v1alpha2', otherServedVersions: ['kpack.io/v1alpha1'] })).toHaveLength(1);
  });

  test('an entry loses the fields the request sets; one left with none is dropped (on create: every field written)', () => {
    const long = 'm'.repeat(129);
    expect(check([entry({ manager: long, fieldsV1: { 'f:spec': { '.': {}, 'f:id': {} } } })])).toEqual([]);
    expect(check([entry({ manager: long, fieldsV1: { 'f:metadata': { 'f:name': {} }, 'f:kind': {} } })])).toHaveLength(1); // kind is the live's
    expect(check([entry({ manager: long, fieldsV1: { 'f:spec': { 'f:other': {} } } })])).toHaveLength(1);
    expect(check([entry({ manager: long, fieldsV1: { 'f:status': {} } })])).toHaveLength(1); // the status is reset, not compared
    expect(check([entry({ manager: long, fieldsV1: {} })])).toEqual([]);
    expect(check([entry({ manager: long, fieldsV1: null })])).toEqual([]);
    expect(check([entry({ manager: long, fieldsV1: { 'f:spec': { 'k:{"a":1}': {} } } })])).toHaveLength(1);
    // on update, only what changes against the stored object is taken
    const stored = { ...object, metadata: { name: 'base', managedFields: [{}] } };
    expect(check([entry({ manager: long, fieldsV1: { 'f:spec': { 'f:id': {} } } })], stored)).toHaveLength(1);
    expect(check([entry({ manager: long, fieldsV1: { 'f:spec': { 'f:id': {} } } })], { ...stored, spec: { id: 'other' } })).toEqual([]);
  });

  test('ObjectMeta\'s lists are typed: owner references by uid (atomic items), finalizers as a set', () => {
    const long = 'm'.repeat(129);
    const withLists = { ...object, metadata: { name: 'base', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'x', uid: '1' }], finalizers: ['example.com/x'] } };
    const claim = (fieldsV1: unknown) => validateManagedFields('metadata.managedFields', [entry({ manager: long, fieldsV1 })],
      { object: withLists, apiVersion: 'kpack.io/v1alpha2' }).length;
    expect(claim({ 'f:metadata': { 'f:ownerReferences': { 'k:{"uid":"1"}': {} } } })).toBe(0);
    expect(claim({ 'f:metadata': { 'f:ownerReferences': { 'k:{ "uid" : "1" }': {} } } })).toBe(0); // compared by value
    expect(claim({ 'f:metadata': { 'f:ownerReferences': { 'k:{"uid":"1"}': { 'f:blockOwnerDeletion': {} } } } })).toBe(0); // the item is atomic
    expect(claim({ 'f:metadata': { 'f:ownerReferences': { 'k:{"uid":"2"}': {} } } })).toBe(1);
    expect(claim({ 'f:metadata': { 'f:finalizers': { 'v:"example.com/x"': {} } } })).toBe(0);
    expect(claim({ 'f:metadata': { 'f:finalizers': { 'v:"example.com/y"': {} } } })).toBe(1);
  });

  test('entries of one manager merge, the last standing; more than 10 Update managers merge the oldest', () => {
    expect(check([entry({ manager: 'a\u0007', time: '2020-01-01T00:00:00Z' }), entry({ manager: 'a\u0007', fieldsV1: { 'f:spec': { 'f:id': {} } } })])).toEqual([]);
    const many = Array.from({ length: 10 }, (_, i) => entry({ manager: `m${i}`, time: `2024-01-0${(i % 9) + 1}T00:00:00Z` }));
    // the oldest of 11 Update managers (with the request's own) go into `ancient-changes`
    expect(check([entry({ manager: 'a\u0007', time: '2000-01-01T00:00:00Z' }), ...many])).toEqual([]);
    expect(check([entry({ manager: 'a\u0007', time: '2025-01-01T00:00:00Z' }), ...many])).toHaveLength(1);
  });

  test('unicode.IsPrint', () => {
    expect(firstNonPrintable('kubectl-client-side-apply')).toBeUndefined();
    expect(firstNonPrintable('a\tb')).toBe('U+0009 at byte 1');
    expect(firstNonPrintable('\u200b')).toBe('U+200B at byte 0');
    expect(firstNonPrintable('\u2028')).toBe('U+2028 at byte 0');
  });
});

describe('the engine\'s metadata-managed-fields rule', () => {
  const rules = (managedFields: unknown, previous?: unknown[]) => {
    const stack = baseline('ClusterStack');
    stack.metadata.managedFields = managedFields;
    return validate([stack], previous ? { previousManifests: previous } : {}).filter(f => f.path.startsWith('metadata')).map(f => `${f.stage} ${f.rule} ${f.path}`);
  };

  test('kept entries with a bad manager or subresource are refused; replaced or dropped ones are not', () => {
    expect(rules([entry({ manager: 'm'.repeat(129) }), entry({ manager: 'ok', subresource: 's'.repeat(300) })])).toEqual([
      'admission metadata-managed-fields metadata.managedFields[0].manager',
      'admission metadata-managed-fields metadata.managedFields[1].subresource',
    ]);
    expect(rules([entry({ manager: 'm'.repeat(129), operation: 'Patch' })])).toEqual([]);
    expect(rules([entry({ manager: 'm'.repeat(129), fieldsV1: { 'f:spec': {} } })])).toEqual([]);
    expect(rules([entry()])).toEqual([]);
  });

  test('on update the stored object stands in as the previous manifest: unchanged fields stay with their manager', () => {
    const claim = [entry({ manager: 'm'.repeat(129), fieldsV1: { 'f:spec': { 'f:id': {} } } })];
    expect(rules(claim)).toEqual([]);
    expect(rules(claim, [baseline('ClusterStack')])).toEqual(['admission metadata-managed-fields metadata.managedFields[0].manager']);
  });

  test('metadata under another spelling reaches kpack\'s webhook, which decodes the field manager\'s list into it (Go reuses list elements)', () => {
    const stack = (key: string, managedFields: unknown) => {
      const s = baseline('ClusterStack');
      const { metadata, ...rest } = s;
      return { ...rest, [key]: { ...metadata, managedFields } };
    };
    const managedRules = (doc: unknown) => validate([doc]).filter(f => f.rule === 'metadata-managed-fields').map(f => `${f.path}: ${f.message}`);
    // the field manager sees no metadata and adds its own entry, whose manager replaces the written one
    expect(managedRules(stack('Metadata', [entry({ manager: 'x'.repeat(300) })]))).toEqual([]);
    // its own entry has no subresource: the written one's stays, and the API server refuses it
    expect(managedRules(stack('METADATA', [entry({ operation: undefined, subresource: 's'.repeat(257) })]))).toEqual([
      expect.stringMatching(/^METADATA\.managedFields\[0\]\.subresource: METADATA\.managedFields\[0\]\.subresource "s+"\.\.\. \(257 characters\) is too long: 257 bytes, at most 256 are allowed: the API server stores managedFields as kpack's webhook decodes them/),
    ]);
    // a second element has nothing decoded into it: the list is as long as the field manager's
    expect(managedRules(stack('Metadata', [entry(), entry({ subresource: 's'.repeat(257) })]))).toEqual([]);
  });
});
