import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ClusterBuilder, ClusterLifecycle, ClusterStack, ClusterStore, ImageLock, KpackCluster, KpackPlatform, KpackVersion } from '../src';
import { synthError } from './util';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const D3 = `sha256:${'3'.repeat(64)}`;

function kpackObjects(chart: Chart) {
  new ClusterStack(chart, 'stack', {
    metadata: { name: 'base' },
    stackId: 'io.buildpacks.stacks.jammy',
    buildImage: 'paketobuildpacks/build-jammy-base',
    runImage: 'docker.io/paketobuildpacks/run-jammy-base:latest',
  });
  new ClusterStore(chart, 'store', { metadata: { name: 'default' }, sources: [{ image: 'paketobuildpacks/java:18.0.0' }] });
  new ClusterLifecycle(chart, 'lifecycle', { metadata: { name: 'lc' }, image: 'buildpacksio/lifecycle:0.20.5' });
}

/** Captures what is written to stderr while `fn` runs. */
function stderrOf(fn: () => void): string {
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    fn();
    return spy.mock.calls.map(c => String(c[0])).join('');
  } finally {
    spy.mockRestore();
  }
}

test('pins the images of ClusterStack, ClusterStore and ClusterLifecycle, whatever the spelling', () => {
  const chart = Testing.chart();
  kpackObjects(chart);
  ImageLock.fromDigests({
    'index.docker.io/paketobuildpacks/build-jammy-base:latest': D1,
    'paketobuildpacks/run-jammy-base': D2,
    'paketobuildpacks/java:18.0.0': D3,
    'buildpacksio/lifecycle:0.20.5': D1,
  }).applyTo(chart);
  const out = Testing.synth(chart);
  const spec = (kind: string) => out.find(m => m.kind === kind).spec;
  expect(spec('ClusterStack').buildImage.image).toBe(`paketobuildpacks/build-jammy-base@${D1}`);
  expect(spec('ClusterStack').runImage.image).toBe(`docker.io/paketobuildpacks/run-jammy-base:latest@${D2}`);
  expect(spec('ClusterStore').sources[0].image).toBe(`paketobuildpacks/java:18.0.0@${D3}`);
  expect(spec('ClusterLifecycle').image).toBe(`buildpacksio/lifecycle:0.20.5@${D1}`);
});

test('pins plain ApiObjects: Deployment containers, ConfigMap data.image and env values, never tags', () => {
  const chart = Testing.chart();
  new ApiObject(chart, 'deployment', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'kpack-controller', namespace: 'kpack' },
    spec: {
      template: {
        spec: {
          initContainers: [{ name: 'init', image: 'ghcr.io/kpack/init:0.17.2' }],
          containers: [{
            name: 'controller',
            image: 'ghcr.io/kpack/controller:0.17.2',
            env: [{ name: 'BUILD_INIT_IMAGE', value: 'ghcr.io/kpack/init:0.17.2' }, { name: 'OTHER', value: 'init' }],
          }],
        },
      },
    },
  });
  new kplus.ConfigMap(chart, 'cm', { metadata: { name: 'rebase-image', namespace: 'kpack' }, data: { image: 'ghcr.io/kpack/rebase:0.17.2' } });
  new ApiObject(chart, 'image', {
    apiVersion: 'example.com/v1',
    kind: 'Thing',
    metadata: { name: 't' },
    spec: { tag: 'ghcr.io/kpack/init:0.17.2', additionalTags: ['ghcr.io/kpack/init:0.17.2'] },
  });
  ImageLock.fromDigests({
    'ghcr.io/kpack/controller:0.17.2': D1,
    'ghcr.io/kpack/init:0.17.2': D2,
    'ghcr.io/kpack/rebase:0.17.2': D3,
  }).applyTo(chart);
  const out = Testing.synth(chart);
  const pod = out.find(m => m.kind === 'Deployment').spec.template.spec;
  expect(pod.containers[0].image).toBe(`ghcr.io/kpack/controller:0.17.2@${D1}`);
  expect(pod.initContainers[0].image).toBe(`ghcr.io/kpack/init:0.17.2@${D2}`);
  expect(pod.containers[0].env).toEqual([
    { name: 'BUILD_INIT_IMAGE', value: `ghcr.io/kpack/init:0.17.2@${D2}` },
    { name: 'OTHER', value: 'init' },
  ]);
  expect(out.find(m => m.kind === 'ConfigMap').data.image).toBe(`ghcr.io/kpack/rebase:0.17.2@${D3}`);
  expect(out.find(m => m.kind === 'Thing').spec).toEqual({ tag: 'ghcr.io/kpack/init:0.17.2', additionalTags: ['ghcr.io/kpack/init:0.17.2'] });
});

test('the pinned objects still pass the rule engine, including a builder on a pinned stack', () => {
  const chart = Testing.chart();
  kpackObjects(chart);
  const sa = kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'builder', { namespaceName: 'kpack' });
  new ClusterBuilder(chart, 'builder', {
    tag: 'registry.example.com/builders/base:v1',
    stack: ClusterStack.fromClusterStackName(chart, 'other', 'other'),
    serviceAccount: sa,
  });
  ImageLock.fromDigests({ 'paketobuildpacks/build-jammy-base': D1, 'registry.example.com/builders/base:v1': D2 }).applyTo(chart);
  expect(synthError(chart)).toBeUndefined();
  const builder = Testing.synth(chart).find(m => m.kind === 'ClusterBuilder');
  expect(builder.spec.tag).toBe('registry.example.com/builders/base:v1');
});

test('warns once, listing every image reference that stays a mutable tag', () => {
  const chart = Testing.chart();
  kpackObjects(chart);
  const lock = ImageLock.fromDigests({ 'paketobuildpacks/build-jammy-base': D1 });
  lock.applyTo(chart);
  lock.applyTo(chart);
  Testing.synth(chart);
  const warnings = KpackCluster.warningsOf(chart).filter(w => w.rule === 'lock-mutable-tag');
  expect(warnings.map(w => w.message)).toEqual([
    '3 image reference(s) are not in the image lock and stay mutable tags (kpack follows them when they move): '
    + 'buildpacksio/lifecycle:0.20.5, docker.io/paketobuildpacks/run-jammy-base:latest, paketobuildpacks/java:18.0.0',
  ]);
});

test('no warning when every image is pinned', () => {
  const chart = Testing.chart();
  new ClusterLifecycle(chart, 'lifecycle', { image: 'buildpacksio/lifecycle:0.20.5' });
  ImageLock.fromDigests({ 'buildpacksio/lifecycle:0.20.5': D1 }).applyTo(chart);
  Testing.synth(chart);
  expect(KpackCluster.warningsOf(chart).filter(w => w.rule === 'lock-mutable-tag')).toEqual([]);
});

test('reads a lock file (YAML or JSON) and answers digestOf / pin / references', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-'));
  const file = path.join(dir, 'images.lock.yaml');
  fs.writeFileSync(file, `# comment\nimages:\n  paketobuildpacks/java: ${D1}\n  gcr.io/x/y:1: "${D2}"\n`);
  const lock = ImageLock.fromFile(file);
  expect(lock.references).toEqual(['gcr.io/x/y:1', 'paketobuildpacks/java']);
  expect(lock.digestOf('docker.io/paketobuildpacks/java:latest')).toBe(D1);
  expect(lock.digestOf('paketobuildpacks/java:17')).toBeUndefined();
  expect(lock.pin('gcr.io/x/y:1')).toBe(`gcr.io/x/y:1@${D2}`);
  expect(lock.pin(`gcr.io/x/y@${D3}`)).toBe(`gcr.io/x/y@${D3}`);
  expect(ImageLock.fromString(JSON.stringify({ images: { 'a/b': D3 } })).digestOf('a/b')).toBe(D3);
  expect(ImageLock.fromString('').references).toEqual([]);
});

test.each([
  ['images:\n  a/b: sha256:abc\n', /image lock f\.yaml: images\["a\/b"\]: "sha256:abc" is not a sha256 digest .*crane digest a\/b/],
  [`images:\n  a/b: sha256:${'A'.repeat(64)}\n`, /is not a sha256 digest/],
  [`images:\n  a/b: md5:${'a'.repeat(32)}\n`, /"md5:a+" is not a sha256 digest/],
  ['images:\n  a/b: ""\n', /images\["a\/b"\]: no digest is not a sha256 digest/],
  [`images:\n  "Bad Ref": ${D1}\n`, /images\["Bad Ref"\]: "Bad Ref" is not a valid image reference/],
  [`images:\n  a/b@${D1}: ${D1}\n`, /already has a digest/],
  [`images:\n  a/b: ${D1}\n  docker.io/a/b:latest: ${D2}\n`, /"docker\.io\/a\/b:latest" is the same image as "a\/b", with another digest/],
  [`image:\n  a/b: ${D1}\n`, /unknown key "image", the only key is "images"/],
  ['images: [a]\n', /"images" must be a map/],
  ['images: {\n', /not valid YAML/],
])('rejects a bad lock file %#', (text, message) => {
  expect(() => ImageLock.fromString(text, 'f.yaml')).toThrow(message);
});

test('fromFile names a missing file', () => {
  expect(() => ImageLock.fromFile('/nonexistent/images.lock.yaml')).toThrow(/image lock \/nonexistent\/images\.lock\.yaml: cannot read/);
});

test('applyTo needs a cdk8s App', () => {
  const root = new Construct(undefined as any, '');
  expect(() => ImageLock.fromDigests({}).applyTo(root)).toThrow(/inside a cdk8s App/);
});

test.each(KpackVersion.all())('pins every image of a KpackPlatform of $tag (Deployments, image ConfigMaps, lifecycle)', version => {
  const app = Testing.app();
  const chart = new Chart(app, 'kpack');
  const platform = new KpackPlatform(chart, 'kpack', { version });
  const digests: { [reference: string]: string } = {};
  Object.values(platform.images).forEach((ref, i) => { digests[ref] = `sha256:${String(i).repeat(64)}`; });
  ImageLock.fromDigests(digests).applyTo(app);
  const warnings = stderrOf(() => app.synth());
  expect(warnings).not.toMatch(/mutable tags/);
  const text = JSON.stringify(Testing.synth(chart));
  for (const [ref, digest] of Object.entries(digests)) {
    expect(text).not.toContain(`"${ref}"`);
    expect(text).toContain(`@${digest}`);
  }
});
