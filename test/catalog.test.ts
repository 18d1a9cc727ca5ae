import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  BuildpackRef, ClusterBuilder, KpackValidator, KpackVersion, PaketoBuildpack, PaketoClusterStack, PaketoClusterStore, PaketoStack,
} from '../src';
import { manifestOf, synthError } from './util';
import { parseReference } from '../src/validation/image-reference';

test('the catalog stacks: ids and images as Paketo publishes them', () => {
  expect(PaketoStack.all().map(s => [s.name, s.stackId, s.buildImage, s.runImage])).toEqual([
    ['jammy-base', 'io.buildpacks.stacks.jammy', 'paketobuildpacks/build-jammy-base', 'paketobuildpacks/run-jammy-base'],
    ['jammy-full', 'io.buildpacks.stacks.jammy', 'paketobuildpacks/build-jammy-full', 'paketobuildpacks/run-jammy-full'],
    ['jammy-tiny', 'io.buildpacks.stacks.jammy.tiny', 'paketobuildpacks/build-jammy-tiny', 'paketobuildpacks/run-jammy-tiny'],
    ['jammy-static', 'io.buildpacks.stacks.jammy.static', 'paketobuildpacks/build-jammy-static', 'paketobuildpacks/run-jammy-static'],
    ['noble-base', 'io.buildpacks.stacks.noble', 'paketobuildpacks/ubuntu-noble-build', 'paketobuildpacks/ubuntu-noble-run'],
  ]);
});

test('the catalog buildpacks: paketo-buildpacks/<name> in paketobuildpacks/<name>, every image a valid reference', () => {
  const all = PaketoBuildpack.all();
  expect(all).toHaveLength(10);
  expect(new Set(all.map(b => b.buildpackId)).size).toBe(10);
  for (const b of all) {
    expect(b.image).toBe(b.buildpackId.replace('paketo-buildpacks/', 'paketobuildpacks/'));
    expect(b.buildpackIds).toEqual([b.buildpackId]);
    expect(parseReference(b.image).ok).toBe(true);
  }
  for (const s of PaketoStack.all()) expect([parseReference(s.buildImage).ok, parseReference(s.runImage).ok]).toEqual([true, true]);
  expect(PaketoBuildpack.JAVA.buildpackId).toBe('paketo-buildpacks/java');
  expect(PaketoBuildpack.WEB_SERVERS.image).toBe('paketobuildpacks/web-servers');
});

test('fromBuildImage finds a stack by its build image in any spelling', () => {
  expect(PaketoStack.fromBuildImage('paketobuildpacks/build-jammy-base')).toBe(PaketoStack.JAMMY_BASE);
  expect(PaketoStack.fromBuildImage('docker.io/paketobuildpacks/build-jammy-full:0.1.109')).toBe(PaketoStack.JAMMY_FULL);
  expect(PaketoStack.fromBuildImage(`index.docker.io/paketobuildpacks/ubuntu-noble-build@sha256:${'a'.repeat(64)}`)).toBe(PaketoStack.NOBLE_BASE);
  expect(PaketoStack.fromBuildImage('paketobuildpacks/run-jammy-base')).toBeUndefined();
  expect(PaketoStack.fromBuildImage('registry.example.com/paketobuildpacks/build-jammy-base')).toBeUndefined();
  expect(PaketoStack.fromBuildImage('Not A Reference')).toBeUndefined();
});

test('withTag and atVersion pick a release', () => {
  const stack = PaketoStack.JAMMY_BASE.withTag('0.1.244');
  expect([stack.buildImage, stack.runImage, stack.stackId]).toEqual([
    'paketobuildpacks/build-jammy-base:0.1.244', 'paketobuildpacks/run-jammy-base:0.1.244', 'io.buildpacks.stacks.jammy',
  ]);
  expect(stack.withTag('0.1.245').buildImage).toBe('paketobuildpacks/build-jammy-base:0.1.245');
  const java = PaketoBuildpack.JAVA.atVersion('22.1.0');
  expect(java.image).toBe('paketobuildpacks/java:22.1.0');
  expect(java.toStoreSource()).toEqual({ image: 'paketobuildpacks/java:22.1.0', buildpackIds: ['paketo-buildpacks/java@22.1.0'] });
  expect(java.toRef()._toKube()).toEqual({ id: 'paketo-buildpacks/java', version: '22.1.0', kind: undefined, name: undefined, optional: undefined });
  expect(PaketoBuildpack.GO.toRef({ optional: true })._toKube().optional).toBe(true);
  expect(PaketoBuildpack.JAVA.version).toBeUndefined();
  expect(() => PaketoStack.JAMMY_BASE.withTag('bad tag')).toThrow(/withTag: "bad tag" gives the image "paketobuildpacks\/build-jammy-base:bad tag", which is not valid/);
  expect(() => PaketoBuildpack.JAVA.atVersion('')).toThrow(/atVersion: "" gives the image/);
});

test('PaketoClusterStack renders the catalog id and images', () => {
  const chart = Testing.chart();
  const stack = new PaketoClusterStack(chart, 'stack', { metadata: { name: 'noble' }, stack: PaketoStack.NOBLE_BASE });
  expect(stack.paketoStack).toBe(PaketoStack.NOBLE_BASE);
  expect(manifestOf(chart, 'ClusterStack').spec).toEqual({
    id: 'io.buildpacks.stacks.noble',
    buildImage: { image: 'paketobuildpacks/ubuntu-noble-build' },
    runImage: { image: 'paketobuildpacks/ubuntu-noble-run' },
  });
});

test('PaketoClusterStore declares the ids of its buildpacks', () => {
  const chart = Testing.chart();
  const store = new PaketoClusterStore(chart, 'store', { metadata: { name: 'paketo' }, buildpacks: [PaketoBuildpack.JAVA] });
  store.addBuildpack(PaketoBuildpack.NODEJS.atVersion('10.5.0'));
  const m = manifestOf(chart, 'ClusterStore');
  expect(m.spec.sources).toEqual([{ image: 'paketobuildpacks/java' }, { image: 'paketobuildpacks/nodejs:10.5.0' }]);
  expect(m.metadata.annotations[KpackValidator.BUILDPACK_IDS_ANNOTATION]).toBe('paketo-buildpacks/java,paketo-buildpacks/nodejs@10.5.0');
});

function builderOn(store: PaketoClusterStore, ...ids: string[]) {
  const chart = store.node.scope as any;
  const sa = kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'builder', { namespaceName: 'kpack' });
  const builder = new ClusterBuilder(chart, 'builder', {
    tag: 'registry.example.com/builders/paketo:v1',
    stack: new PaketoClusterStack(chart, 'stack', { stack: PaketoStack.JAMMY_BASE }),
    store,
    serviceAccount: sa,
  });
  for (const id of ids) builder.addGroup(BuildpackRef.fromId(id));
  return chart;
}

test.each(KpackVersion.all().map(v => [v.tag, v]))('the store\'s ids check builder order entries (%s)', (_, version) => {
  const ok = Testing.chart();
  version.useIn(ok);
  builderOn(new PaketoClusterStore(ok, 'store', { buildpacks: [PaketoBuildpack.JAVA, PaketoBuildpack.GO] }), 'paketo-buildpacks/java', 'paketo-buildpacks/go');
  expect(synthError(ok)).toBeUndefined();

  const missing = Testing.chart();
  version.useIn(missing);
  builderOn(new PaketoClusterStore(missing, 'store', { buildpacks: [PaketoBuildpack.JAVA] }), 'paketo-buildpacks/nodejs');
  expect(synthError(missing)).toMatch(/paketo-buildpacks\/nodejs/);
});

test('a pinned version in the store rejects an order entry for another version', () => {
  const chart = Testing.chart();
  const store = new PaketoClusterStore(chart, 'store', { buildpacks: [PaketoBuildpack.JAVA.atVersion('22.1.0')] });
  const c = builderOn(store);
  (c.node.findChild('builder') as ClusterBuilder).addGroup(PaketoBuildpack.JAVA.toRef({ version: '21.0.0' }));
  expect(synthError(c)).toMatch(/paketo-buildpacks\/java/);
});
