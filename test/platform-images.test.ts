import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { KpackPlatform, KpackVersion } from '../src';
import { find, platformManifests } from './platform-util';

const fixture = (version: KpackVersion) => path.join(__dirname, 'fixtures', `release-${version.version}.yaml`);

/** Every image reference of an installation, by where it sits. */
function imagesOf(manifests: any[]): { [where: string]: string } {
  const images: { [where: string]: string } = {};
  for (const m of manifests) {
    if (m.kind === 'Deployment') images[m.metadata.name] = m.spec.template.spec.containers[0].image;
    if (m.kind === 'ConfigMap' && m.data?.image) images[m.metadata.name] = m.data.image;
    if (m.kind === 'ClusterLifecycle') images[m.metadata.name] = m.spec.image;
  }
  return images;
}

/** The same, from a release file. */
function imagesOfFile(file: string): { [where: string]: string } {
  return imagesOf(parseAllDocuments(fs.readFileSync(file, 'utf-8')).map(d => d.toJS()).filter(Boolean));
}

test.each(KpackVersion.all())('$tag: kpack\'s registry by version tag, by default', version => {
  const images = imagesOf(platformManifests({ version }));
  expect(Object.keys(images)).toHaveLength(version.hasClusterLifecycle ? 7 : 9);
  for (const image of Object.values(images)) {
    expect(image).toMatch(new RegExp(`^ghcr\\.io/buildpacks-community/kpack/[a-z-]+:${version.version.replace(/\./g, '\\.')}$`));
  }
  expect(images['kpack-controller']).toBe(`ghcr.io/buildpacks-community/kpack/controller:${version.version}`);
});

test.each(KpackVersion.all())('$tag: imageRegistry relocates every component', version => {
  const images = imagesOf(platformManifests({ version, imageRegistry: 'registry.internal:5000/mirror/kpack/' }));
  expect(images['build-init-image']).toBe(`registry.internal:5000/mirror/kpack/build-init:${version.version}`);
  for (const image of Object.values(images)) expect(image.startsWith('registry.internal:5000/mirror/kpack/')).toBe(true);
});

test.each(KpackVersion.all())('$tag: releaseFile pins every image by the digest the release records', version => {
  const pinned = imagesOf(platformManifests({ version, releaseFile: fixture(version) }));
  expect(pinned).toEqual(imagesOfFile(fixture(version)));
  for (const image of Object.values(pinned)) expect(image).toMatch(/^ghcr\.io\/buildpacks-community\/kpack\/[a-z-]+@sha256:[0-9a-f]{64}$/);
});

test.each(KpackVersion.all())('$tag: releaseFile with imageRegistry keeps the digests and moves the registry', version => {
  const upstream = imagesOfFile(fixture(version));
  const relocated = imagesOf(platformManifests({ version, releaseFile: fixture(version), imageRegistry: 'registry.internal/kpack' }));
  expect(Object.keys(relocated).sort()).toEqual(Object.keys(upstream).sort());
  for (const [where, image] of Object.entries(relocated)) {
    expect(image).toBe(upstream[where].replace('ghcr.io/buildpacks-community/kpack/', 'registry.internal/kpack/'));
  }
});

test('per-component images win over imageRegistry and releaseFile', () => {
  const version = KpackVersion.V0_17_2;
  const images = imagesOf(platformManifests({
    imageRegistry: 'registry.internal/kpack',
    releaseFile: fixture(version),
    images: { lifecycle: 'buildpacksio/lifecycle:0.20.5', controller: 'registry.internal/patched/controller:0.17.2-fix1' },
  }));
  expect(images['default-lifecycle']).toBe('buildpacksio/lifecycle:0.20.5');
  expect(images['kpack-controller']).toBe('registry.internal/patched/controller:0.17.2-fix1');
  expect(images['kpack-webhook']).toMatch(/^registry\.internal\/kpack\/webhook@sha256:/);
});

describe('bad input', () => {
  test.each([
    [{ images: { controller: 'Registry.io/Controller' } }, /images.controller "Registry.io\/Controller" is not a valid image reference \(registry\/repository\[:tag\]\[@sha256:digest\]\): repository must be lower case/],
    [{ images: { buildInitWindows: 'x/build-init-windows:1' } }, /images.buildInitWindows is not an image of kpack v0.17.2: its images are controller, webhook, buildInit, buildWaiter, rebase, completion, lifecycle/],
    [{ imageRegistry: 'registry.internal/kpack:1.0' }, /imageRegistry "registry.internal\/kpack:1.0" is not a registry host with an optional path, such as "registry.internal:5000\/kpack"/],
    [{ imageRegistry: '' }, /imageRegistry "" is not a registry host with an optional path.*: it is empty/],
    [{ releaseFile: '/nonexistent/release-0.17.2.yaml' }, /releaseFile "\/nonexistent\/release-0.17.2.yaml" cannot be read \(ENOENT\): download release-0.17.2.yaml from https:\/\/github.com\/buildpacks-community\/kpack\/releases\/tag\/v0.17.2/],
    [{ releaseFile: fixture(KpackVersion.V0_16_1) }, /releaseFile ".*release-0.16.1.yaml" is the release of kpack "0.16.1": version is v0.17.2, so give release-0.17.2.yaml/],
  ])('rejects %j', (props, message) => {
    expect(() => new KpackPlatform(Testing.chart(), 'kpack', props)).toThrow(message);
  });

  test('a release file with an image by tag, or not a release at all, is refused', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpack-release-'));
    const tagged = path.join(dir, 'tagged.yaml');
    fs.writeFileSync(tagged, fs.readFileSync(fixture(KpackVersion.V0_17_2), 'utf-8')
      .replace(/rebase@sha256:[0-9a-f]{64}/, 'rebase:0.17.2'));
    expect(() => new KpackPlatform(Testing.chart(), 'kpack', { releaseFile: tagged }))
      .toThrow(/the rebase image of ConfigMap rebase-image is "ghcr.io\/buildpacks-community\/kpack\/rebase:0.17.2", not a reference pinned by digest/);
    const other = path.join(dir, 'other.yaml');
    fs.writeFileSync(other, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    expect(() => new KpackPlatform(Testing.chart(), 'kpack', { releaseFile: other }))
      .toThrow(/is not a kpack release manifest \(it has no kpack-controller Deployment\)/);
  });
});

test('the installed images are exposed', () => {
  const platform = new KpackPlatform(Testing.chart(), 'kpack', { imageRegistry: 'mirror.internal/kpack' });
  expect(platform.images.rebase).toBe('mirror.internal/kpack/rebase:0.17.2');
  expect(find(Testing.synth(platform.node.scope as any), 'ConfigMap', 'rebase-image').data.image).toBe(platform.images.rebase);
});
