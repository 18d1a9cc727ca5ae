/**
 * src/private/fast-json.ts renders the package's objects in one pass where that gives what cdk8s's
 * `ApiObject.toJson()` gives, and leaves the rest to cdk8s. Here both render the same objects, over the oldest cdk8s
 * of the peer range and the newest (as test/checks-contract.test.ts loads them), and must agree key for key and in
 * key order: for every case where the two could part (resolvers, Lazy, implicit tokens, patches, null and undefined,
 * empty lists and maps, key order, CDK8S_DISABLE_SORT, the metadata's own rules, errors), and for random data. A cdk8s
 * that renders otherwise fails here.
 */
import * as fc from 'fast-check';
import { Peer, PEERS, withPeer } from './cdk8s-peers';
import { kpackKind } from '../src/validation/kinds';

interface Loaded {
  readonly cdk8s: typeof import('cdk8s');
  readonly fast: typeof import('../src/private/fast-json');
  readonly imported: typeof import('../src/private/imported');
  readonly lib: typeof import('../src');
}

function load(peer: Peer): Loaded {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded in this module registry, after the mapping */
  return withPeer(peer, () => ({
    cdk8s: require('cdk8s'),
    fast: require('../src/private/fast-json'),
    imported: require('../src/private/imported'),
    lib: require('../src'),
  }));
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** What a rendering gives: its JSON with key order, or its error's message. */
function outcome(render: () => unknown): string {
  try {
    return `ok ${JSON.stringify(render())}`;
  } catch (e) {
    return `error ${(e as Error).message}`;
  }
}

describe.each(PEERS)('with $module ($version)', peer => {
  const { cdk8s, fast, imported, lib } = load(peer);
  const { ApiObject, App, Chart, JsonPatch, Lazy } = cdk8s;

  test('the module is the cdk8s version it stands for', () => {
    expect(jest.requireActual(`${peer.module}/package.json`).version).toBe(peer.version);
    expect((App as any)[Symbol.for('jsii.rtti')]).toEqual({ fqn: 'cdk8s.App', version: peer.version });
  });

  /** A SpecToken of `owner` whose spec is its `_toKube()` as is. */
  function specToken(owner: { _toKube(): any }): any {
    const token = new fast.SpecToken();
    token.owner = { _toKube: () => owner._toKube(), _toJsonSpec: (x: any) => x };
    return token;
  }

  let count = 0;
  /** A KpackApiObject in a fresh app (chart with a namespace and labels unless said otherwise). */
  function object(props: any, options: { app?: any; chart?: any; metadata?: boolean } = {}): any {
    const app = options.app ?? new App();
    const chart = new Chart(app, `chart${count++}`, options.chart ?? { namespace: 'team', labels: { team: 'a', app: 'b' } });
    const metadata = options.metadata === false ? undefined : { name: 'x', ...props.metadata };
    return new imported.KpackApiObject(chart, 'o', { apiVersion: 'kpack.io/v1alpha2', kind: 'Image', ...props, metadata });
  }

  /** The three renderings agree: cdk8s's own, the fast path (when it takes the object) and the object's toJson. */
  function expectSame(o: any, fastPath: 'fast' | 'cdk8s'): string {
    // A cluster-scoped kind's object drops the namespace from either rendering (isPrototypeOf: cdk8s's instanceof takes any ApiObject).
    // The L2 constructs are their object (KpackResource), and drop it by their kind.
    const clusterScoped = imported.ClusterScopedApiObject.prototype.isPrototypeOf(o)
      || (lib.KpackResource.prototype.isPrototypeOf(o) && kpackKind(o.kind).clusterScoped);
    const scoped = clusterScoped ? imported.ClusterScopedApiObject._withoutNamespace : (x: any) => x;
    const cdk8sOwn = outcome(() => scoped(ApiObject.prototype.toJson.call(o)));
    const fastOne = fast.renderFast(o, o.props);
    if (fastPath === 'fast') {
      expect(fastOne).toBeDefined();
      expect(outcome(() => scoped(fastOne))).toBe(cdk8sOwn);
    } else {
      expect(fastOne).toBeUndefined();
    }
    expect(outcome(() => o.toJson())).toBe(cdk8sOwn);
    return cdk8sOwn;
  }

  test('plain data: keys sorted, null and undefined dropped (kept as holes-free nulls in lists), empty lists and maps kept', () => {
    const o = object({
      spec: {
        'z': 1,
        'a': 'x',
        'm': { c: null, b: undefined, a: [], d: {}, e: [null, undefined, 0, '', false, { y: 2, x: 1 }] },
        '10': 'ten',
        '2': 'two',
        'é': true,
        'B': false,
        '': 'empty key',
        'nested': [[], [{}], [[1, { k: null }]]],
      },
      status: undefined,
      zeta: null,
      alpha: 'first',
    });
    const rendered = expectSame(o, 'fast');
    expect(rendered).toContain('"apiVersion":"kpack.io/v1alpha2","kind":"Image","metadata"');
  });

  test('Lazy and SpecToken anywhere, producing data, null, undefined or another Lazy', () => {
    const inner = Lazy.any({ produce: () => ({ d: undefined, c: [Lazy.any({ produce: () => null })] }) });
    const o = object({
      spec: specToken({ _toKube: () => ({ b: 2, a: inner }) }),
      lazyTop: Lazy.any({ produce: () => Lazy.any({ produce: () => ({ y: 1, x: 0 }) }) }),
      gone: Lazy.any({ produce: () => undefined }),
      metadata: { labels: { l: Lazy.any({ produce: () => 'v' }) as any }, annotations: { empty: Lazy.any({ produce: () => undefined }) as any } },
    });
    expectSame(o, 'fast');
  });

  test('the metadata: labels of the chart and the object, annotations, finalizers, owner references, added attributes, empties dropped at every depth', () => {
    const o = object({ metadata: { labels: { z: '1', a: '2' }, annotations: {}, finalizers: [], ownerReferences: [{ kind: 'X', name: 'n', uid: 'u', apiVersion: 'v1', blockOwnerDeletion: undefined } as any] } });
    o.metadata.addAnnotation('b', 'x');
    o.metadata.addAnnotation('a', 'y');
    o.metadata.addFinalizers('f2', 'f1');
    o.metadata.add('generateName', 'gen-');
    o.metadata.add('managedFields', [{}, { manager: 'm', fieldsV1: {} }]);
    o.metadata.add('emptyThing', { a: {}, b: [] });
    o.metadata.add('nothing', null);
    expectSame(o, 'fast');
    // No metadata fields at all beyond the name; a chart without a namespace or labels.
    expectSame(object({ spec: { a: 1 } }, { chart: {} }), 'fast');
  });

  test('the metadata given only the fields cdk8s writes itself: those set after the object is made render, attributes of the same names do not', () => {
    // cdk8s writes its own name, namespace, labels, annotations, finalizers and owner references over the options
    // (and over attributes added under those names), so the fast path reads them from the metadata alone.
    const o = object({}, { chart: {} });
    o.metadata.addLabel('b', '1');
    o.metadata.addLabel('a', '2');
    o.metadata.addAnnotation('note', 'y');
    o.metadata.addFinalizers('f');
    o.metadata.addOwnerReference({ apiVersion: 'v1', kind: 'X', name: 'n', uid: 'u' });
    o.metadata.add('name', 'not-the-name');
    o.metadata.add('namespace', 'not-the-namespace');
    const rendered = JSON.parse(expectSame(o, 'fast').replace(/^ok /, ''));
    expect(rendered.metadata).toEqual({
      name: 'x',
      labels: { a: '2', b: '1' },
      annotations: { note: 'y' },
      finalizers: ['f'],
      ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'n', uid: 'u' }],
    });
  });

  test('CDK8S_DISABLE_SORT keeps the order given (the metadata is sorted regardless)', () => {
    const before = process.env.CDK8S_DISABLE_SORT;
    process.env.CDK8S_DISABLE_SORT = '1';
    try {
      const o = object({ zeta: 1, spec: { z: 1, a: { y: 2, b: 1 }, 3: 'three', 1: 'one' }, alpha: [{ d: 1, c: 2 }], metadata: { labels: { z: '1', a: '2' } } });
      const rendered = expectSame(o, 'fast');
      expect(rendered.indexOf('"z":1')).toBeLessThan(rendered.indexOf('"a":{'));
    } finally {
      if (before === undefined) delete process.env.CDK8S_DISABLE_SORT;
      else process.env.CDK8S_DISABLE_SORT = before;
    }
  });

  test('JSON patches: cdk8s renders', () => {
    const o = object({ spec: { a: 1 } });
    o.addJsonPatch(JsonPatch.add('/spec/b', 2), JsonPatch.remove('/metadata/labels'));
    expect(expectSame(o, 'cdk8s')).toContain('"b":2');
  });

  test('an app with resolvers of its own (ImageLock.applyTo among them): cdk8s renders', () => {
    const upper = { resolve: (c: any) => { if (typeof c.value === 'string' && c.value.startsWith('up:')) c.replaceValue(c.value.slice(3).toUpperCase()); } };
    const o = object({ spec: { a: 'up:x', b: Lazy.any({ produce: () => 'up:y' }) } }, { app: new App({ resolvers: [upper] }) });
    expect(expectSame(o, 'cdk8s')).toContain('"a":"X","b":"Y"');
    const app = new App();
    const locked = object({ spec: { image: 'registry.example.com/app:1' } }, { app });
    lib.ImageLock.fromDigests({ 'registry.example.com/app:1': `sha256:${'a'.repeat(64)}` }).applyTo(app);
    expect(expectSame(locked, 'cdk8s')).toContain('@sha256:');
  });

  test('implicit tokens and number-or-string unions other than SpecToken: cdk8s renders', () => {
    class Quantity { public constructor(public readonly value: string) {} }
    class Token { public resolve() { return { z: 1, a: null }; } }
    expect(expectSame(object({ spec: { q: new Quantity('1Gi') } }), 'cdk8s')).toContain('"q":{"value":"1Gi"}');
    expect(expectSame(object({ spec: { t: new Token() } }), 'cdk8s')).toContain('"t":{"z":1}');
    expectSame(object({ spec: { plainToken: { resolve: () => 'resolved' } } }), 'cdk8s');
    expectSame(object({ spec: { list: Object.assign([1], { value: 'v' }) } }), 'cdk8s');
    expectSame(object({ spec: { fn: Object.assign(() => 1, { value: 'v' }) } }), 'cdk8s');
    expectSame(object({ resolve: () => ({ whole: true }) } as any), 'cdk8s');
  });

  test('what cdk8s refuses or keeps oddly: cdk8s renders, and the errors read the same', () => {
    // eslint-disable-next-line no-sparse-arrays
    expectSame(object({ spec: { holes: [1, , 3] } }), 'cdk8s');
    expect(expectSame(object({ spec: { when: new Date(0) } }), 'cdk8s')).toMatch(/^error .*non-simple object/);
    expectSame(object({ spec: { map: new Map([['a', 1]]) } }), 'cdk8s');
    expectSame(object({ spec: JSON.parse('{"__proto__": {"a": 1}, "b": 2}') }), 'cdk8s');
    expectSame(object({ spec: Object.create(null) }), 'cdk8s');
    expectSame(object({ spec: { constructor: 'not Object' } }), 'cdk8s');
    const throwing = object({ spec: Lazy.any({ produce: () => { throw new Error('no spec'); } }) });
    expect(expectSame(throwing, 'cdk8s')).toMatch(/^error Failed serializing construct at path '.*' with name 'x': Error: no spec$/);
  });

  test('a generated name (no metadata given) renders as cdk8s renders it', () => {
    expectSame(object({ spec: { a: 1 } }, { metadata: false }), 'fast');
  });

  test('the constructs render through the fast path, as cdk8s would', () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'team' });
    const stack = new lib.ClusterStack(chart, 'stack', { stackId: 'io.buildpacks.stacks.jammy', buildImage: 'b', runImage: 'r' });
    const store = new lib.ClusterStore(chart, 'store', { sources: [{ image: 'paketobuildpacks/java' }] });
    const builder = new lib.NamespacedBuilder(chart, 'builder', {
      tag: 'registry.example.com/b', stack, store, order: [{ group: [lib.BuildpackRef.fromId('paketo-buildpacks/java')] }],
    });
    const image = new lib.Image(chart, 'image', {
      tag: 'registry.example.com/app',
      builder,
      source: lib.ImageSource.fromGit('https://github.com/example/app', 'main'),
      env: { B: { value: 'b' } as any, A: { value: 'a' } as any },
      additionalTags: ['registry.example.com/app:extra'],
    });
    for (const c of [stack, store, builder, image]) expectSame(cdk8s.ApiObject.of(c), 'fast');
  });

  // Random data: JSON values with null, undefined, empty lists and maps, and Lazy wrappers anywhere.
  const key = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('0', '10', '2', 'a', 'B', 'é', '-1', '01')).filter(k => k !== 'kind');
  const { value } = fc.letrec<{ value: unknown }>(tie => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), fc.constant(undefined)),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(key, tie('value'), { maxKeys: 5, noNullPrototype: true }).filter(d => !Object.prototype.hasOwnProperty.call(d, '__proto__')),
      tie('value').map(v => Lazy.any({ produce: () => v })),
    ),
  }));
  const labels = fc.dictionary(fc.stringMatching(/^[a-z]{1,5}$/), fc.oneof(fc.stringMatching(/^[a-z0-9]{0,5}$/), fc.constant(undefined)), { maxKeys: 4, noNullPrototype: true });

  test.each([false, true])('random data renders alike (CDK8S_DISABLE_SORT set: %s)', noSort => {
    const before = process.env.CDK8S_DISABLE_SORT;
    if (noSort) process.env.CDK8S_DISABLE_SORT = 'yes';
    else delete process.env.CDK8S_DISABLE_SORT;
    try {
      fc.assert(fc.property(fc.dictionary(key, value, { maxKeys: 5, noNullPrototype: true }), labels, value, (props, objectLabels, extra) => {
        if (Object.prototype.hasOwnProperty.call(props, '__proto__')) return;
        const o = object({ ...props, metadata: { labels: objectLabels } });
        o.metadata.add('extra', extra);
        expectSame(o, 'fast');
      }), { numRuns: 300 });
    } finally {
      if (before === undefined) delete process.env.CDK8S_DISABLE_SORT;
      else process.env.CDK8S_DISABLE_SORT = before;
    }
  });
});
