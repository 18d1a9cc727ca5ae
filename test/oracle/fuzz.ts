/**
 * Differential fuzz cases: valid manifests of all nine kinds, each mutated at one to three places (any field at any
 * depth, or a new one): wrong JSON types, unknown and wrongly cased field names, edge strings for image references,
 * quantities, names, labels, URLs and times, empty and huge values. Seeded: the same seed gives the same cases.
 */
import * as fc from 'fast-check';
import { baseline, DIGEST, KPACK_KINDS, NS } from '../validation/fixtures';

const HEX = 'a'.repeat(64);

/** Extra valid starting points beside the baseline of each kind (other sources, caches, builder forms). */
function variants(version: string): any[] {
  const out: any[] = KPACK_KINDS.map(kind => baseline(kind));
  const image = baseline('Image');
  image.spec.source = { registry: { image: `registry.example.com/src@${DIGEST}`, imagePullSecrets: [{ name: 'pull' }] } };
  image.spec.cache = { registry: { tag: 'registry.example.com/apps/app-cache' } };
  image.spec.builder = { kind: 'ClusterBuilder', name: 'cluster-builder' };
  image.spec.imageTaggingStrategy = 'None';
  out.push(image);
  const blob = baseline('Image');
  blob.metadata.name = 'blob-app';
  blob.spec.source = { blob: { url: 'https://example.com/app.tgz', stripComponents: 1 } };
  delete blob.spec.cache;
  delete blob.spec.build;
  out.push(blob);
  const build = baseline('Build');
  if (version !== 'v0.16.1') build.spec.builder = { ref: { kind: 'Builder', name: 'builder', namespace: NS } };
  build.spec.source = { git: { url: 'git@github.com:example/app.git', revision: 'v1.0.0', initializeSubmodules: true } };
  build.spec.services = [{ kind: 'Secret', name: 'binding', apiVersion: 'v1' }];
  build.spec.tolerations = [{ key: 'builds', operator: 'Exists', effect: 'NoSchedule' }];
  build.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['builds'] }] }] } } };
  build.spec.activeDeadlineSeconds = 600;
  build.spec.runImage = { image: 'paketobuildpacks/run-jammy-base' };
  // A creation time kpack's build pod code can parse (the baseline's is refused when kpack makes the pod), so that
  // mutations of this Build reach Kubernetes' validation of its build Pod.
  build.spec.creationTime = '1700000000';
  out.push(build);
  const clusterBuilder = baseline('ClusterBuilder');
  clusterBuilder.spec.order = [{ group: [{ id: 'paketo-buildpacks/java', version: '1.0.0' }, { kind: 'ClusterBuildpack', name: 'java', optional: true }] }];
  clusterBuilder.spec.additionalLabels = { 'org.example/team': 'a' };
  out.push(clusterBuilder);
  // As `kubectl get -o yaml` shows an Image: with kubectl's managed fields entry (one it claims is not set here).
  const managed = baseline('Image');
  managed.metadata.name = 'managed-app';
  managed.metadata.managedFields = [structuredClone(KUBECTL_ENTRY)];
  managed.metadata.ownerReferences = [structuredClone(OWNER)];
  managed.metadata.finalizers = ['example.com/x'];
  out.push(managed);
  const stack = baseline('ClusterStack');
  stack.spec.serviceAccountRef = { name: 'puller', namespace: 'kpack' };
  out.push(stack);
  return out;
}

/** Field names kpack knows somewhere, typos and case variants of them, and strangers. */
const KEYS = [
  'tag', 'tags', 'additionalTags', 'builder', 'kind', 'name', 'namespace', 'source', 'git', 'url', 'revision', 'blob', 'auth',
  'stripComponents', 'registry', 'image', 'imagePullSecrets', 'subPath', 'cache', 'volume', 'size', 'storageClassName',
  'persistentVolumeClaimName', 'serviceAccountName', 'serviceAccount', 'serviceAccountRef', 'build', 'env', 'value', 'valueFrom',
  'secretKeyRef', 'configMapKeyRef', 'fileKeyRef', 'fieldRef', 'key', 'resources', 'limits', 'requests', 'claims', 'tolerations',
  'operator', 'effect', 'tolerationSeconds', 'nodeSelector', 'affinity', 'nodeAffinity', 'podAffinity', 'podAntiAffinity',
  'requiredDuringSchedulingIgnoredDuringExecution', 'preferredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms',
  'matchExpressions', 'matchFields', 'values', 'weight', 'preference', 'labelSelector', 'topologyKey', 'matchLabelKeys',
  'mismatchLabelKeys', 'runtimeClassName', 'schedulerName', 'priorityClassName', 'services', 'apiVersion', 'cnbBindings',
  'notary', 'cosign', 'annotations', 'labels', 'creationTime', 'buildTimeout', 'activeDeadlineSeconds', 'failedBuildHistoryLimit',
  'successBuildHistoryLimit', 'imageTaggingStrategy', 'projectDescriptorPath', 'defaultProcess', 'lastBuild', 'stackId',
  'runImage', 'stack', 'store', 'lifecycle', 'order', 'group', 'id', 'version', 'optional', 'additionalLabels', 'sources',
  'buildImage', 'ref', 'initializeSubmodules', 'status', 'spec', 'metadata', 'generateName', 'uid', 'finalizers',
  'syncPeriod', 'Tag', 'TAG', 'serviceaccountname', 'Spec', 'SPEC', 'Kind', 'sourCe', 'revison', 'imag', 'buildpack',
  '\u017Fource', '\u212Aind', 'apiVer\u017Fion', 'tag ', '', 'x'.repeat(300), '__proto__', 'constructor', 'ta\u0000g',
  // metadata the API server owns or checks
  'managedFields', 'manager', 'operation', 'fieldsType', 'fieldsV1', 'subresource', 'ownerReferences', 'controller', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp',
  'deletionGracePeriodSeconds',
];

const IMAGES = [
  'registry.example.com/apps/app', 'registry.example.com/apps/app:v1', 'Registry.example.com/app', 'registry.example.com/App',
  'app', 'a', 'gcr.io/a', 'gcr.io/ab', `gcr.io/${'a'.repeat(255)}`, `gcr.io/${'a'.repeat(254)}`, `${'a'.repeat(253)}/b`,
  `x@sha256:${HEX}`, `registry.example.com/x:1@sha256:${HEX}`, `x@sha256:${HEX.toUpperCase()}`, `x@sha512:${HEX}${HEX}`,
  `x@sha256:${HEX.slice(1)}`, 'docker.io/library/ubuntu', 'index.docker.io/ubuntu', 'docker.io/ubuntu:22.04', 'ubuntu:',
  ':tag', 'host:99999/x', 'host:port/x', 'host:5000/x', 'localhost/x', 'localhost:5000/x', 'ex ample.com/x', '/x', 'x/',
  'x//y', 'x/.y', 'x/y-', 'x/_y', 'x/y__z', `x:${'t'.repeat(128)}`, `x:${'t'.repeat(129)}`, 'x:-tag', 'x:.tag', 'x:t@g',
  'r\u00e9gistry.example.com/x', 'registry.example.com/x\u00e9', 'user@registry.example.com/x', 'https://registry.example.com/x',
  '[::1]:5000/x', '127.0.0.1:5000/x', 'registry.example.com:/x', `${'a'.repeat(64)}.example.com/x`, `docker.io/${'a'.repeat(250)}`,
  `${'a'.repeat(246)}@sha256:${HEX}`, `docker.io/${'a'.repeat(240)}@sha256:${HEX}`, `${'a'.repeat(247)}@sha256:${HEX}`,
  `${'a'.repeat(248)}@sha256:${HEX}`, `docker.io/${'a'.repeat(248)}:1@sha256:${HEX}`, `${'a'.repeat(248)}`, `library/${'a'.repeat(248)}`,
];

const QUANTITIES = ['2G', '0', '0Ki', '-1', '-1Gi', '1.5Gi', '1e3', '1E3', '2 GB', '', '1Ei', '9223372036854775807',
  '9223372036854775808', '.5', '+1', '1m', 'Gi', '1.', '0.0001', '1e-3', '1Gb', ' 1Gi', '1Gi ', '10000000000000000000000Ei', '1n', 'abc',
  // stored in another form than written, or refused for white space the JSON encoder escapes
  '1024Mi', '1000m', '2000M', '10e2', '01Ki', '1000E', '\t1Gi', '1Gi\n', '\u00a01Gi', '\u20281Gi'];

const NAMES = ['my-app', 'My_App', 'a'.repeat(63), 'a'.repeat(64), 'a'.repeat(253), 'a'.repeat(254), '-x', 'x-', 'a.b', 'a..b',
  '.a', '', '1', 'kubernetes.io/os', 'kubernetes.io/arch', 'a/b/c', 'app.kubernetes.io/name', 'example.com/', '/x', 'x_y', 'X',
  'a b', 'ü', 'x'.repeat(300), 'default', 'kube-system'];

const URLS = ['https://github.com/example/app.git', 'git@github.com:example/app.git', 'ssh://git@github.com/example/app',
  'http://user:pass@example.com/x', '', 'not a url', 'file:///etc/passwd', 'https://', 'github.com/example/app'];

const STRINGS = ['now', '1700000000', '12345', '-1', '+5', '9223372036854775808', '1.5', 'yes', 'Secret', 'Builder', 'ClusterBuilder',
  'ClusterStack', 'ClusterStore', 'Buildpack', 'ClusterBuildpack', 'ClusterLifecycle', 'builder', 'None', 'BuildNumber', 'helper',
  'secret', 'In', 'NotIn', 'Exists', 'Equal', 'Gt', 'DoesNotExist', 'NoSchedule', 'NoExecute', '\u0000', '\u{1F600}', ' ',
  'x'.repeat(70000)];

/** A valid owner reference (a ConfigMap), for mutations of metadata.ownerReferences. */
const OWNER = { apiVersion: 'v1', kind: 'ConfigMap', name: 'x', uid: '1' };

const edgeString = fc.constantFrom(...IMAGES, ...QUANTITIES, ...NAMES, ...URLS, ...STRINGS);

/** A value of any JSON type, biased to edge cases. */
const edgeValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: edgeString },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom(0, -1, 1, 2, 1.5, -0.5, 100, 2 ** 31, 2 ** 53, -(2 ** 63), 1e20) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom([], [''], [{}], ['x', 'x'], [1], {}, { name: '' }, { name: 'x' }, { kind: 'Secret', name: 'x' }) },
  // owner references: valid, two controllers, an Event owner, no version
  {
    weight: 1,
    arbitrary: fc.constantFrom([OWNER], [OWNER, { ...OWNER, name: 'y', uid: '2' }], [{ ...OWNER, controller: true }, { ...OWNER, name: 'y', controller: true }],
      [{ ...OWNER, kind: 'Event' }], [{ ...OWNER, apiVersion: 'apps/' }], [{ ...OWNER, apiVersion: 'a/b/c' }]),
  },
  // maps: label and annotation keys and values, node selectors, resources
  {
    weight: 1,
    arbitrary: fc.constantFrom({ 'My Key': 'v' }, { k: 'bad value!' }, { 'a/b/c': 'x' }, { 'kubernetes.io/os': 'linux' },
      { k: 'a'.repeat(64) }, { [`${'a'.repeat(254)}/k`]: 'v' }, { 'example.com/team': 'a' }, { cpu: '-1' }, { memory: '1Gi', cpu: '2' }),
  },
);

/**
 * metadata.managedFields as kubectl writes an entry (`kubectl get -o yaml`), and entries the API server's field
 * manager cannot read (another operation, no or another fieldsType, a fieldsV1 that is no field set) or reads and
 * then refuses (a manager over 128 bytes or not printable, a subresource over 256 bytes): fieldsV1 claims fields
 * the objects set (taken from their manager on create), fields they do not set (kept), and list items.
 */
const KUBECTL_ENTRY = {
  manager: 'kubectl-client-side-apply',
  operation: 'Update',
  apiVersion: 'kpack.io/v1alpha2',
  time: '2024-05-01T10:00:00Z',
  fieldsType: 'FieldsV1',
  fieldsV1: { 'f:metadata': { 'f:annotations': { '.': {}, 'f:kubectl.kubernetes.io/last-applied-configuration': {} } }, 'f:spec': { '.': {}, 'f:tag': {} } },
};
const OMIT = Symbol('omit');
/** Values of each field of an entry, to replace kubectl's with (OMIT: the field left out). */
const ENTRY_VALUES: Record<string, readonly unknown[]> = {
  manager: [OMIT, 'kubectl', '', 'm'.repeat(128), 'm'.repeat(129), '\u00e9'.repeat(64), '\u00e9'.repeat(65), 'a\u0007b', 'a\tb', 'a b',
    'a\u00a0b', '\u{1F600}', 'a\u200bb', 'x'.repeat(300)],
  operation: ['Apply', 'Patch', '', 'update', OMIT],
  apiVersion: ['kpack.io/v1alpha1', 'v1', '', 'kpack.io/v9', 'a/b/c', OMIT],
  time: [OMIT, '2023-01-01T00:00:00Z'],
  fieldsType: [OMIT, 'FieldsV2', ''],
  fieldsV1: [
    // field sets: of fields the objects set, of fields they do not, of the status, of list items, empty
    { 'f:spec': {} }, { 'f:metadata': { 'f:labels': { '.': {}, 'f:team': {} } } }, { 'f:spec': { 'f:notThere': {} } }, { 'f:spec': { '.': {} } },
    { 'f:status': {} }, { 'f:metadata': { 'f:name': {} } }, { 'f:kind': {} }, {}, null, OMIT,
    { 'k:{"name":"x"}': {} }, { 'i:0': {} }, { 'v:"x"': {} }, { 'x:unknown': {} }, { 'f:spec': { 'f:tag': null } }, { 'f:spec': { 'i:+1': {} } },
    { 'v:1x': {} }, { 'k:{"a":1}junk': {} }, // jsoniter reads one value and ignores the rest
    // items of ObjectMeta's associative lists: an owner reference by uid, a finalizer
    { 'f:metadata': { 'f:ownerReferences': { 'k:{"uid":"1"}': {} } } }, { 'f:metadata': { 'f:ownerReferences': { 'k:{"uid": "1"}': { 'f:name': {} } } } },
    { 'f:metadata': { 'f:ownerReferences': { 'k:{"uid":"2"}': {} } } }, { 'f:metadata': { 'f:finalizers': { 'v:"example.com/x"': {} } } },
    // not field sets
    'x', 5, [], { f: {} }, { fx: {} }, { 'i:x': {} }, { 'i:': {} }, { 'v:': {} }, { 'k:[1]': {} }, { 'f:a': 5 }, { 'f:a': [] },
    { 'f:a': { 'i:1.5': {} } }, { 'f:spec': { 'k:x': {} } },
  ],
  subresource: ['', 'status', 's'.repeat(256), 's'.repeat(257)],
};
/** kubectl's entry with one or two fields replaced (or left out). */
const managedFieldsEntry = fc.array(
  fc.constantFrom(...Object.keys(ENTRY_VALUES)).chain(field => fc.constantFrom(...ENTRY_VALUES[field]).map(value => [field, value] as const)),
  { minLength: 1, maxLength: 2 },
).map(changes => {
  const entry: Record<string, unknown> = structuredClone(KUBECTL_ENTRY);
  for (const [field, value] of changes) {
    if (value === OMIT) delete entry[field];
    else entry[field] = structuredClone(value);
  }
  return entry;
});

/** A value for metadata.managedFields: a list of entries, mostly; kubectl's own entry often among them. */
const managedFieldsValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.array(fc.oneof({ weight: 3, arbitrary: managedFieldsEntry }, { weight: 1, arbitrary: fc.constant(KUBECTL_ENTRY) }),
      { minLength: 1, maxLength: 3 }),
  },
  { weight: 1, arbitrary: fc.constantFrom<unknown>([], null, 'x', {}, 5, [5], ['x'], [null], [{}], [{ manager: 5 }], [{ time: 'yesterday' }]) },
);

type Path = Array<string | number>;

/** Every place in a value: object keys and list items, at any depth. */
function places(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => { out.push([...at, i]); places(v, [...at, i], out); });
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) { out.push([...at, k]); places(v, [...at, k], out); }
  }
  return out;
}

/** Objects (not lists) in a value, where a new field can go. */
function objects(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => objects(v, [...at, i], out));
  } else if (value !== null && typeof value === 'object') {
    out.push(at);
    for (const [k, v] of Object.entries(value)) objects(v, [...at, k], out);
  }
  return out;
}

function parentOf(root: any, path: Path): any {
  let node = root;
  for (const p of path.slice(0, -1)) node = node[p];
  return node;
}

function setOwn(target: any, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The same key with other cases, a typo, or the key Go would also match (Unicode folding). */
function renamed(key: string, pick: number): string {
  const forms = [
    key.charAt(0).toUpperCase() + key.slice(1), key.toUpperCase(), key.toLowerCase(), key.slice(0, -1), `${key}s`,
    key.replace('s', '\u017F'), key.replace('k', '\u212A'), key.replace('K', '\u212A'), `${key}_`, key.split('').reverse().join(''),
  ];
  return forms[pick % forms.length] || 'x';
}

type Mutation = (m: any) => void;

type MutationSpec = { op: number; pick: number; key: string; value: unknown; managedFields: unknown };

const mutation: fc.Arbitrary<MutationSpec> = fc.record({
  op: fc.nat({ max: 6 }),
  pick: fc.nat(),
  key: fc.constantFrom(...KEYS),
  value: edgeValue,
  managedFields: managedFieldsValue,
});

function apply(m: any, { op, pick, key, value, managedFields }: MutationSpec): void {
  const all = places(m);
  const place = all.length > 0 ? all[pick % all.length] : undefined;
  switch (op) {
    case 0: // replace a value
    case 1:
      if (place) setOwn(parentOf(m, place), place[place.length - 1], structuredClone(value));
      return;
    case 2: { // delete a field or list item
      if (!place) return;
      const parent = parentOf(m, place);
      const last = place[place.length - 1];
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
      return;
    }
    case 3: { // rename a field
      if (!place || typeof place[place.length - 1] !== 'string') return;
      const parent = parentOf(m, place);
      const last = place[place.length - 1] as string;
      const v = parent[last];
      delete parent[last];
      setOwn(parent, renamed(last, pick), v);
      return;
    }
    case 4: { // add a field
      const targets = objects(m);
      const at = targets[pick % targets.length];
      let target = m;
      for (const p of at) target = target[p];
      setOwn(target, key, structuredClone(value));
      return;
    }
    case 6: // write metadata.managedFields
      if (m.metadata !== null && typeof m.metadata === 'object' && !Array.isArray(m.metadata)) setOwn(m.metadata, 'managedFields', structuredClone(managedFields));
      return;
    default: { // repeat a list item, or empty a list
      const lists = all.filter(p => Array.isArray(parentOf(m, p)));
      if (lists.length === 0) return;
      const p = lists[pick % lists.length];
      const parent = parentOf(m, p);
      if (pick % 3 === 0) parent.length = 0;
      else parent.push(structuredClone(parent[p[p.length - 1] as number]));
    }
  }
}

/** `runs` distinct fuzz manifests for a kpack version, the same for the same seed. */
export function fuzzCases(seed: number, runs: number, version: string): any[] {
  const bases = variants(version);
  const arbitrary = fc.tuple(fc.nat({ max: bases.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }));
  const seen = new Set<string>();
  const out: any[] = [];
  for (let round = 0; out.length < runs && round < 20; round++) {
    for (const [base, mutations] of fc.sample(arbitrary, { seed: seed + round, numRuns: runs })) {
      const m = structuredClone(bases[base]);
      for (const mu of mutations) apply(m, mu);
      const key = JSON.stringify(m);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(m);
      if (out.length === runs) break;
    }
  }
  return out;
}

/**
 * Update cases: each base manifest as it exists, and `runs` mutated forms of the bases that keep the kind, namespace
 * and name (so they are updates of their base), with the bases themselves (an unchanged re-apply) among them.
 */
export function fuzzUpdates(seed: number, runs: number, version: string): { previous: any[]; updates: any[] } {
  const bases = variants(version).filter((b, i, all) => all.findIndex(o => identity(o) === identity(b)) === i);
  const byIdentity = new Set(bases.map(identity));
  const updates = [...bases.map(b => structuredClone(b))];
  const arbitrary = fc.tuple(fc.nat({ max: bases.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 2 }));
  for (const [base, mutations] of fc.sample(arbitrary, { seed, numRuns: runs * 3 })) {
    if (updates.length >= runs + bases.length) break;
    const m = structuredClone(bases[base]);
    for (const mu of mutations) apply(m, mu);
    if (identity(m) === identity(bases[base]) && byIdentity.has(identity(m))) updates.push(m);
  }
  return { previous: bases, updates };
}

function identity(m: any): string {
  const meta = m && typeof m === 'object' ? m.metadata : undefined;
  return JSON.stringify([m?.apiVersion, m?.kind, meta?.namespace ?? '', meta?.name ?? '']);
}

export type { Mutation };
