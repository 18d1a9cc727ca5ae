import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { EXAMPLES } from '../examples';
import { ImageLock } from '../src';
import { lockCommand } from '../src/cli/lock-command';
import { imageFields } from '../src/lock/references';

const LOCK = ImageLock.fromFile(path.join(__dirname, '..', 'examples', 'images.lock.yaml'));

function synthExample(name: string): { manifests: any[]; stderr: string } {
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const app = Testing.app();
    EXAMPLES[name](app);
    const manifests = app.charts.flatMap(c => Testing.synth(c));
    return { manifests, stderr: spy.mock.calls.map(c => String(c[0])).join('') };
  } finally {
    spy.mockRestore();
  }
}

test.each(['from-descriptor', 'paketo-catalog'])('the lock pins every image example %s uses, and no warning is left', name => {
  const { manifests, stderr } = synthExample(name);
  const images = manifests.flatMap(m => imageFields(m).map(f => f.value));
  expect(images.length).toBeGreaterThan(4);
  for (const image of images) {
    const [reference, digest] = image.split('@');
    expect(digest).toBe(LOCK.digestOf(reference));
  }
  expect(stderr).not.toMatch(/mutable/);
});

test('the lock lists exactly the images of the two examples (what `cdk8s-kpack lock` writes for them)', () => {
  const dirs = ['from-descriptor', 'paketo-catalog'].map(name => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-ex-'));
    const app = new App({ outdir });
    EXAMPLES[name](app);
    app.synth();
    return outdir;
  });
  let out = '';
  expect(lockCommand(dirs, { out: t => { out += t; }, err: () => undefined })).toBe(0);
  const images = YAML.parse(out).images;
  expect(Object.keys(images).sort()).toEqual(LOCK.references);
  for (const [reference, digest] of Object.entries(images)) expect(digest).toBe(LOCK.digestOf(reference));
});

test('from-descriptor: the descriptor\'s objects, kp-config and an Image on kp\'s default builder', () => {
  const { manifests } = synthExample('from-descriptor');
  expect(manifests.map(m => `${m.kind}/${m.metadata.name}`).sort()).toEqual([
    'ClusterBuilder/default', 'ClusterBuilder/polyglot', 'ClusterBuildpack/java', 'ClusterLifecycle/lifecycle-0-21',
    'ClusterStack/default', 'ClusterStack/jammy', 'ClusterStore/paketo', 'ConfigMap/kp-config', 'Image/petclinic',
    'ServiceAccount/kp-default-repository-serviceaccount', 'ServiceAccount/petclinic-builds',
  ]);
  const image = manifests.find(m => m.kind === 'Image');
  expect(image.spec.builder).toEqual({ kind: 'ClusterBuilder', name: 'default' });
  const builder = manifests.find(m => m.kind === 'ClusterBuilder' && m.metadata.name === 'default');
  expect(builder.spec.tag).toBe('registry.example.com/kpack:clusterbuilder-default');
  expect(builder.spec.serviceAccountRef).toEqual({ name: 'kp-default-repository-serviceaccount', namespace: 'kpack' });
});

test('paketo-catalog: both stacks from the catalog, the store declares the ids the builders order', () => {
  const { manifests } = synthExample('paketo-catalog');
  const stacks = manifests.filter(m => m.kind === 'ClusterStack').map(m => m.spec.id);
  expect(stacks).toEqual(['io.buildpacks.stacks.jammy', 'io.buildpacks.stacks.noble']);
  const store = manifests.find(m => m.kind === 'ClusterStore');
  expect(store.metadata.annotations['kpack.cdk8s.io/buildpack-ids'])
    .toBe('paketo-buildpacks/java,paketo-buildpacks/nodejs,paketo-buildpacks/go,paketo-buildpacks/procfile');
});
