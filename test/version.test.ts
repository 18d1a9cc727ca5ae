/**
 * The kpack versions: the one table the import task generates (src/imports/kpack-versions.ts), `KpackVersion`
 * (shipped versions, and patch releases with their release file), and `useIn` against the app's platform.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { byKey, platformManifests } from './platform-util';
import { ClusterLifecycle, KpackCluster, KpackPlatform, KpackValidator, KpackVersion, NamespacedBuilder, ClusterStack } from '../src';
import { KPACK_SCHEMAS } from '../src/imports/kpack-schema';
import { DEFAULT_KPACK_VERSION, KPACK_RELEASES } from '../src/imports/kpack-versions';
import { knownVersions } from '../src/validation/schema';
import { featuresOf } from '../src/validation/versions';

const RELEASE_0_17_2 = path.join(__dirname, 'fixtures', 'release-0.17.2.yaml');

/** A stand-in for kpack's release-0.17.3.yaml: the 0.17.2 stand-in with the version changed. */
function release0173(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kpack-release-')), 'release-0.17.3.yaml');
  fs.writeFileSync(file, fs.readFileSync(RELEASE_0_17_2, 'utf-8').replace(/0\.17\.2/g, '0.17.3'));
  return file;
}

describe('the version table', () => {
  test('every vendored release, newest first; the default is the newest', () => {
    const vendored = fs.readdirSync(path.join(__dirname, '..', 'imports', 'kpack')).filter(d => /^v\d/.test(d));
    expect(KPACK_RELEASES.map(r => r.tag).sort()).toEqual(vendored.sort());
    expect(DEFAULT_KPACK_VERSION).toBe(KPACK_RELEASES[0].tag);
    expect(knownVersions()).toEqual(KPACK_RELEASES.map(r => r.tag));
    expect(Object.keys(KPACK_SCHEMAS).sort()).toEqual([...knownVersions()].sort());
  });

  test('KpackVersion has a V<x>_<y>_<z> constant for each, and nothing else', () => {
    const constants = Object.entries(KpackVersion).filter(([name]) => /^V\d+_\d+_\d+$/.test(name));
    expect(constants.map(([name, v]) => [name, (v as KpackVersion).tag])).toEqual(
      KPACK_RELEASES.map(r => [`V${r.version.replace(/\./g, '_')}`, r.tag]));
    expect(KpackVersion.all()).toEqual(constants.map(([, v]) => v));
  });

  test('the features the constructs and the engine read are the table\'s', () => {
    for (const version of KpackVersion.all()) {
      expect(version.hasClusterLifecycle).toBe(featuresOf(version.tag).clusterLifecycle);
    }
    expect(featuresOf('v0.17.2')).toEqual({ clusterLifecycle: true, buildBuilderRef: true, buildEnvSecretRefused: true, emptyTagIsLatest: false });
    expect(featuresOf('v0.16.1')).toEqual({ clusterLifecycle: false, buildBuilderRef: false, buildEnvSecretRefused: false, emptyTagIsLatest: true });
  });

  test('an app, the engine and a platform target the default unless told otherwise', () => {
    expect(KpackCluster.of(Testing.app()).kpackVersion.tag).toBe(DEFAULT_KPACK_VERSION);
    const chart = Testing.chart();
    expect(new KpackPlatform(chart, 'kpack').version.tag).toBe(DEFAULT_KPACK_VERSION);
    // A ClusterLifecycle is refused only where the default version lacks it.
    const lifecycle = { apiVersion: 'kpack.io/v1alpha2', kind: 'ClusterLifecycle', metadata: { name: 'l' }, spec: { image: 'a/b:1' } };
    expect(KpackValidator.validateManifests([lifecycle]).filter(f => f.rule === 'unknown-kind')).toHaveLength(featuresOf(DEFAULT_KPACK_VERSION).clusterLifecycle ? 0 : 1);
  });
});

describe('KpackVersion.of', () => {
  test('a shipped version by number, with or without v', () => {
    expect(KpackVersion.of('0.17.2')).toBe(KpackVersion.V0_17_2);
    expect(KpackVersion.of('v0.16.1')).toBe(KpackVersion.V0_16_1);
  });

  test('a patch release of a shipped version, with its release file: the shipped version\'s features and rules', () => {
    const file = release0173();
    const v = KpackVersion.of('0.17.3', { releaseFile: file });
    expect([v.tag, v.version, v.releaseFile, v.hasClusterLifecycle]).toEqual(['v0.17.3', '0.17.3', file, true]);
    expect(v._rulesTag).toBe('v0.17.2');
  });

  test.each([
    ['0.17.3', undefined, /^kpack version "0.17.3" is not shipped with cdk8s-kpack: use one of v0.17.2, v0.16.1, or give the release file of this patch release: KpackVersion.of\("0.17.3", \{ releaseFile: 'release-0.17.3.yaml' \}\)$/],
    ['0.18.0', undefined, /^kpack version "0.18.0" is not shipped with cdk8s-kpack: use one of v0.17.2, v0.16.1$/],
    ['0.18.0', { releaseFile: 'release-0.18.0.yaml' }, /only a patch release newer than a shipped version can be given with its release file/],
    ['0.17.1', { releaseFile: 'release-0.17.1.yaml' }, /only a patch release newer than a shipped version/],
    ['0.17.2', { releaseFile: 'release-0.17.2.yaml' }, /kpack v0.17.2 is shipped with cdk8s-kpack: use KpackVersion.V0_17_2 \(KpackPlatform's releaseFile pins its images by digest\)/],
    ['latest', undefined, /^kpack version "latest" is not a version number: give <major>.<minor>.<patch>, e.g. one of v0.17.2, v0.16.1$/],
    ['0.17.3', { releaseFile: '' }, /^KpackVersion.of\("0.17.3"\): releaseFile must be the path of kpack's release-0.17.3.yaml$/],
  ])('%s with %j: a clear error', (version, options, message) => {
    expect(() => KpackVersion.of(version, options as any)).toThrow(message);
  });

  test('a KpackPlatform installs a patch release from its release file, and the app is checked with the rules it patches', () => {
    const file = release0173();
    const version = KpackVersion.of('0.17.3', { releaseFile: file });
    const patched = byKey(platformManifests({ version }));
    // Object for object the shipped release pinned by its own file, with the other version.
    const shipped = byKey(platformManifests({ version: KpackVersion.V0_17_2, releaseFile: RELEASE_0_17_2 }));
    expect(Object.keys(patched)).toEqual(Object.keys(shipped));
    expect(JSON.stringify(patched)).toBe(JSON.stringify(shipped).replace(/0\.17\.2/g, '0.17.3'));

    const app = Testing.app();
    const chart = new Chart(app, 'kpack');
    new KpackPlatform(chart, 'kpack', { version, imageRegistry: 'registry.internal/kpack' });
    expect(KpackCluster.of(app).kpackVersion).toBe(version);
    const stack = new ClusterStack(chart, 'stack', { stackId: 'io.buildpacks.stacks.jammy', buildImage: 'a/build', runImage: 'a/run' });
    const lifecycle = new ClusterLifecycle(chart, 'lifecycle', { image: 'a/lifecycle:1' });
    new NamespacedBuilder(chart, 'builder', { tag: 'registry.io/builders/java:1', stack, lifecycle });
    const manifests = Testing.synth(chart);
    expect(manifests.find(m => m.kind === 'Deployment' && m.metadata.name === 'kpack-controller').spec.template.spec.containers[0].image)
      .toMatch(/^registry\.internal\/kpack\/controller@sha256:[0-9a-f]{64}$/);
    expect(manifests.find(m => m.kind === 'Builder').spec.lifecycle).toEqual({ kind: 'ClusterLifecycle', name: lifecycle.name });
  });

  test('the release file must be that release\'s, and given once', () => {
    const version = KpackVersion.of('0.17.3', { releaseFile: RELEASE_0_17_2 });
    expect(() => platformManifests({ version })).toThrow(/releaseFile ".*release-0.17.2.yaml" is the release of kpack "0.17.2": version is v0.17.3, so give release-0.17.3.yaml/);
    const file = release0173();
    expect(() => platformManifests({ version: KpackVersion.of('0.17.3', { releaseFile: file }), releaseFile: RELEASE_0_17_2 }))
      .toThrow(/releaseFile ".*release-0.17.2.yaml" is not the release file of version v0.17.3 .*: give it once, to KpackVersion.of/);
    expect(() => platformManifests({ version: 'v0.17.2' as any })).toThrow(/^KpackPlatform "[^"]+": version must be a KpackVersion \(KpackVersion.V0_17_2, KpackVersion.V0_16_1 or KpackVersion.of\(version, \{ releaseFile \}\)\), got a string "v0.17.2"$/);
  });
});

describe('useIn and the app\'s KpackPlatform', () => {
  test('useIn cannot contradict the platform, before or after it is made', () => {
    const after = new App();
    new KpackPlatform(new Chart(after, 'kpack'), 'kpack', { version: KpackVersion.V0_17_2 });
    expect(() => KpackVersion.V0_16_1.useIn(after)).toThrow(
      /^KpackVersion.V0_16_1.useIn\(\): the app installs kpack v0.17.2 with the KpackPlatform at "kpack\/kpack", and its objects are checked against that version: give the platform version KpackVersion.V0_16_1 instead, or do not call useIn$/);
    KpackVersion.V0_17_2.useIn(after); // agrees: fine
    expect(KpackCluster.of(after).kpackVersion).toBe(KpackVersion.V0_17_2);

    const before = new App();
    KpackVersion.V0_16_1.useIn(before);
    expect(() => new KpackPlatform(new Chart(before, 'kpack'), 'kpack'))
      .toThrow(/^KpackPlatform "kpack\/kpack": it installs kpack v0.17.2, but KpackVersion.useIn made the app target v0.16.1: an app targets the version its platform installs/);
    const agreeing = new App();
    KpackVersion.V0_16_1.useIn(agreeing);
    new KpackPlatform(new Chart(agreeing, 'kpack'), 'kpack', { version: KpackVersion.V0_16_1 });
    expect(KpackCluster.of(agreeing).kpackVersion).toBe(KpackVersion.V0_16_1);
  });
});
