/**
 * The contract between cdk8s and src/private/checks.ts (the one module that hooks the synth-time checks into cdk8s),
 * over the peer range: the oldest cdk8s 2.x we support (our devDependency `cdk8s`) and the newest on npm (the
 * devDependency `cdk8s-newest`, an npm alias). Each run loads cdk8s, cdk8s-plus-27 and this library afresh with
 * `cdk8s` mapped to that module, and checks what checks.ts relies on:
 *
 * - validations run in pre-order: the root's before its descendants', and a validation added to a descendant during
 *   the root's validation runs in the same pass;
 * - `app.synth()` and `app.synthYaml()` validate the whole app once, then once more per chart they render
 *   (`Chart.toJson` validates); `Testing.synth(chart)` is `chart.toJson()`, which validates;
 * - the app's `synth` and `synthYaml` can be wrapped on the instance, and cdk8s renders charts without calling them
 *   again;
 * and, on top of it, the library's behaviour: the engine runs and every kpack object is rendered once per synth,
 * errors are reported on the L2 construct, warnings printed once by `app.synth()` only.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Peer, PEERS, withPeer } from './cdk8s-peers';

interface Loaded {
  readonly cdk8s: typeof import('cdk8s');
  readonly lib: typeof import('../src');
  readonly validator: typeof import('../src/validation/validator');
}

/** cdk8s, cdk8s-plus-27 and this library, loaded afresh with `cdk8s` mapped to `peer.module`. */
function load(peer: Peer): Loaded {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded in this module registry, after the mapping */
  return withPeer(peer, () => ({
    cdk8s: require('cdk8s'),
    lib: require('../src'),
    // The engine is loaded on first use (src/validation/engine.ts): loaded here, it is this registry's module.
    validator: require('../src/validation/engine').engine(),
  }));
  /* eslint-enable @typescript-eslint/no-require-imports */
}

function outdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kpack-contract-'));
}

describe.each(PEERS)('with $module ($version)', peer => {
  const { cdk8s, lib, validator } = load(peer);
  const { ApiObject, App, Chart, Testing } = cdk8s;

  afterEach(() => jest.restoreAllMocks());

  test('the module is the cdk8s version of the peer range it stands for', () => {
    expect(jest.requireActual(`${peer.module}/package.json`).version).toBe(peer.version);
    // The classes loaded here are that module's (jsii records the version in every class).
    expect((App as any)[Symbol.for('jsii.rtti')]).toEqual({ fqn: 'cdk8s.App', version: peer.version });
    // The library's objects and cdk8s-plus-27's are made with this module's classes (the mapping reaches node_modules).
    const chart = new Chart(new App({ outdir: outdir() }), 'c');
    // (isPrototypeOf, not instanceof: cdk8s's instanceof accepts any cdk8s's objects.)
    const stack = new lib.ClusterStack(chart, 's', stackProps());
    expect(ApiObject.prototype.isPrototypeOf(stack)).toBe(true);
    const sa = new lib.BuildServiceAccount(chart, 'sa', {});
    expect(ApiObject.prototype.isPrototypeOf(ApiObject.of(sa))).toBe(true);
  });

  test('validations run in pre-order, and one added to a descendant by the root\'s validation runs in the same pass', () => {
    const app = new App({ outdir: outdir() });
    const chart = new Chart(app, 'chart');
    const object = new ApiObject(chart, 'object', { apiVersion: 'v1', kind: 'ConfigMap' });
    const order: string[] = [];
    let added = false;
    app.node.addValidation({
      validate: () => {
        order.push('root');
        if (!added) {
          added = true;
          object.node.addValidation({ validate: () => ['added by the root'] });
        }
        return [];
      },
    });
    chart.node.addValidation({ validate: () => { order.push('chart'); return []; } });
    object.node.addValidation({ validate: () => { order.push('object'); return []; } });
    expect(() => app.synthYaml()).toThrow(/\[chart\/object\] added by the root/);
    expect(order.slice(0, 3)).toEqual(['root', 'chart', 'object']);
  });

  test.each(['synth', 'synthYaml'] as const)('app.%s() validates the app once, then once per chart', method => {
    const app = new App({ outdir: outdir() });
    for (const id of ['a', 'b', 'c']) new ApiObject(new Chart(app, id), 'object', { apiVersion: 'v1', kind: 'ConfigMap' });
    let count = 0;
    app.node.addValidation({ validate: () => { count++; return []; } });
    app[method]();
    expect(count).toBe(1 + 3);
  });

  test('Testing.synth(chart) is chart.toJson(), which validates the app', () => {
    const chart = Testing.chart();
    new ApiObject(chart, 'object', { apiVersion: 'v1', kind: 'ConfigMap' });
    const root = chart.node.root;
    let count = 0;
    let refuse = false;
    root.node.addValidation({ validate: () => { count++; return refuse ? ['refused'] : []; } });
    const synthesized = Testing.synth(chart);
    expect(count).toBe(1);
    expect(synthesized).toEqual(chart.toJson());
    expect(count).toBe(2);
    refuse = true;
    expect(() => Testing.synth(chart)).toThrow(/\[\] refused/);
  });

  test('synth and synthYaml can be wrapped on the instance; rendering the charts calls neither again', () => {
    const app = new App({ outdir: outdir() });
    new ApiObject(new Chart(app, 'a'), 'object', { apiVersion: 'v1', kind: 'ConfigMap' });
    const calls: string[] = [];
    for (const method of ['synth', 'synthYaml'] as const) {
      const original = (app as any)[method];
      Object.defineProperty(app, method, {
        configurable: true,
        writable: true,
        value: (...args: unknown[]) => {
          calls.push(method);
          return original.apply(app, args);
        },
      });
    }
    app.synth();
    expect(calls).toEqual(['synth']);
    expect(app.synthYaml()).toContain('kind: ConfigMap');
    expect(calls).toEqual(['synth', 'synthYaml']);
  });

  test.each(['synth', 'synthYaml'] as const)('the library: app.%s() runs the engine once and renders each kpack object once', method => {
    const app = new App({ outdir: outdir() });
    const stacks = ['a', 'b', 'c'].map(id => new lib.ClusterStack(new Chart(app, id), 'stack', stackProps()));
    const engine = jest.spyOn(validator, 'validatePositioned');
    const render = jest.spyOn(lib.ClusterStack.prototype, '_toKube');
    app[method]();
    expect(engine).toHaveBeenCalledTimes(1);
    expect(render).toHaveBeenCalledTimes(stacks.length);
  });

  test('the library: an error is reported on the L2 construct, by app.synth() and Testing.synth alike', () => {
    const chart = Testing.chart();
    new lib.ClusterStack(chart, 'stack', stackProps());
    const stack = chart.node.findChild('stack');
    ApiObject.of(stack).addJsonPatch(cdk8s.JsonPatch.replace('/spec/buildImage/image', 'Bad Image'));
    const error = /\[test\/stack\] spec\.buildImage\.image "Bad Image" is not a valid image reference/;
    expect(() => Testing.synth(chart)).toThrow(error);
    expect(() => (chart.node.root as InstanceType<typeof App>).synth()).toThrow(error);
  });

  test('the library: app.synth() prints each warning once; synthYaml and Testing.synth print none', () => {
    const app = new App({ outdir: outdir() });
    const chart = new Chart(app, 'c');
    // A Secret from literal values: a warning of the catalogue's that synth keeps a warning.
    new lib.RegistryCredential(chart, 'registry', { registry: 'registry.io', username: 'u', password: 'p' });
    const warnings = lib.KpackCluster.warningsOf(app);
    expect(warnings.length).toBeGreaterThan(0);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const previous = process.env.CDK8S_KPACK_WARNINGS;
    delete process.env.CDK8S_KPACK_WARNINGS;
    try {
      app.synthYaml();
      Testing.synth(chart);
      expect(stderr).not.toHaveBeenCalled();
      app.synth();
      const printed = stderr.mock.calls.map(c => String(c[0]));
      expect(printed).toEqual(warnings.map(w => `cdk8s-kpack warning: [${w.path}] ${w.message} [${w.rule}]\n`));
    } finally {
      if (previous !== undefined) process.env.CDK8S_KPACK_WARNINGS = previous;
    }
  });
});

function stackProps() {
  return {
    stackId: 'io.buildpacks.stacks.jammy',
    buildImage: 'paketobuildpacks/build-jammy-base',
    runImage: 'paketobuildpacks/run-jammy-base',
  };
}
