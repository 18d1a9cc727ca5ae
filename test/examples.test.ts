import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdk8s';
import { EXAMPLES } from '../examples';
import { KpackValidator, KpackVersion, Severity } from '../src';

function synthExample(name: string): any[] {
  const app = Testing.app();
  EXAMPLES[name](app);
  return app.charts.flatMap(c => Testing.synth(c));
}

test.each(Object.keys(EXAMPLES))('example %s synthesizes to manifests the rule engine admits', name => {
  const manifests = synthExample(name);
  expect(manifests.length).toBeGreaterThan(0);
  const errors = KpackValidator.validateManifests(manifests).filter(f => f.severity === Severity.ERROR);
  expect(errors).toEqual([]);
});

test('getting-started reproduces the kpack tutorial setup', () => {
  const manifests = synthExample('getting-started');
  const byKind = (kind: string) => manifests.filter(m => m.kind === kind);
  expect(manifests.map(m => `${m.kind}/${m.metadata.name}`).sort()).toEqual([
    'Builder/my-builder', 'ClusterStack/base', 'ClusterStore/default', 'Image/sample-image', 'ServiceAccount/kpack-service-account',
  ]);
  expect(byKind('ClusterStack')[0].spec).toEqual({
    id: 'io.buildpacks.stacks.jammy',
    buildImage: { image: 'paketobuildpacks/build-jammy-base' },
    runImage: { image: 'paketobuildpacks/run-jammy-base' },
  });
  expect(byKind('ClusterStore')[0].spec.sources.map((s: any) => s.image)).toEqual([
    'paketobuildpacks/dotnet-core', 'paketobuildpacks/java', 'paketobuildpacks/nodejs',
  ]);
  const builder = byKind('Builder')[0];
  expect(builder.metadata.namespace).toBe('default');
  expect(builder.spec.serviceAccountName).toBe('kpack-service-account');
  expect(builder.spec.order.map((g: any) => g.group[0].id)).toEqual([
    'paketo-buildpacks/dotnet-core', 'paketo-buildpacks/java', 'paketo-buildpacks/nodejs',
  ]);
  const image = byKind('Image')[0];
  expect(image.spec.builder).toEqual({ kind: 'Builder', name: 'my-builder' });
  expect(image.spec.serviceAccountName).toBe('kpack-service-account');
  expect(image.spec.source.git).toEqual({
    url: 'https://github.com/PradeepLoganathan/AccuWeather', revision: '96976f0f4d9b5fceda838fb55c3235961dae4e6c',
  });
  expect(byKind('ServiceAccount')[0].secrets).toEqual([{ name: 'registry-credentials' }]);
});

test.each(Object.keys(EXAMPLES))('example %s synthesizes byte-identical output across runs', name => {
  const outputs = [0, 1].map(() => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpack-det-'));
    const app = new App({ outdir });
    EXAMPLES[name](app);
    app.synth();
    return fs.readdirSync(outdir).sort().map(f => f + '\n' + fs.readFileSync(path.join(outdir, f), 'utf-8')).join('\n');
  });
  expect(outputs[0].length).toBeGreaterThan(0);
  expect(outputs[0]).toEqual(outputs[1]);
});

test.each(Object.keys(EXAMPLES))('example %s gives every build a credential kpack finds (no credential warnings at synth)', name => {
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const app = Testing.app();
    EXAMPLES[name](app);
    app.synth();
    const warnings = spy.mock.calls.map(c => String(c[0])).filter(line => /credential|ServiceAccount/.test(line));
    expect(warnings).toEqual([]);
  } finally {
    spy.mockRestore();
  }
});

/**
 * The examples on the other kpack release too: each targets v0.17.2. On v0.16.1 an example synthesizes output the
 * engine admits (kpack's v0.16.1 code judges it in the oracle step of npm test), or fails with a clear error naming
 * what v0.16.1 lacks.
 */
const ON_V0_16_1: Record<string, RegExp | 'synthesizes'> = {
  'getting-started': 'synthesizes',
  'air-gapped': /KpackPlatform "kpack\/kpack": it installs kpack v0\.17\.2, but KpackVersion\.useIn made the app target v0\.16\.1/,
  'from-descriptor': /kind "ClusterLifecycle" does not exist in kpack v0\.16\.1 \(it is in kpack v0\.17\.2\)/,
  'paketo-catalog': 'synthesizes',
  'multi-team': 'synthesizes',
};

test.each(Object.keys(EXAMPLES))('example %s on kpack v0.16.1: synthesizes, or a clear error naming what v0.16.1 lacks', name => {
  expect(Object.keys(ON_V0_16_1).sort()).toEqual(Object.keys(EXAMPLES).sort());
  const expected = ON_V0_16_1[name];
  const app = Testing.app();
  KpackVersion.V0_16_1.useIn(app);
  const synth = () => {
    EXAMPLES[name](app);
    return app.charts.flatMap(c => Testing.synth(c));
  };
  if (expected !== 'synthesizes') {
    expect(synth).toThrow(expected);
    return;
  }
  const errors = KpackValidator.validateManifests(synth(), { kpackVersion: 'v0.16.1' }).filter(f => f.severity === Severity.ERROR);
  expect(errors).toEqual([]);
});
