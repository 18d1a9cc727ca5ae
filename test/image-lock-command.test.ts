import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as YAML from 'yaml';
import { ClusterLifecycle, ImageLock, PaketoBuildpack, PaketoClusterStack, PaketoClusterStore, PaketoStack } from '../src';
import { lockCommand } from '../src/cli/lock-command';

function run(...args: string[]) {
  const io = { stdout: '', stderr: '', out(t: string) { io.stdout += t; }, err(t: string) { io.stderr += t; } };
  const code = lockCommand(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** Synthesizes a small catalog app to a temporary dist/ (optionally pinned by `lock`). */
function synthApp(lock?: ImageLock): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-cmd-'));
  const app = new App({ outdir });
  const chart = new Chart(app, 'deps');
  new PaketoClusterStack(chart, 'stack', { metadata: { name: 'base' }, stack: PaketoStack.JAMMY_BASE });
  new PaketoClusterStore(chart, 'store', { metadata: { name: 'paketo' }, buildpacks: [PaketoBuildpack.JAVA, PaketoBuildpack.NODEJS.atVersion('10.5.0')] });
  new ClusterLifecycle(chart, 'lifecycle', { metadata: { name: 'lc' }, image: 'buildpacksio/lifecycle:0.20.5' });
  lock?.applyTo(app);
  app.synth();
  return outdir;
}

const digestOf = (i: number) => `sha256:${String(i).repeat(64)}`;
const EXPECTED = [
  'buildpacksio/lifecycle:0.20.5', 'paketobuildpacks/build-jammy-base', 'paketobuildpacks/java',
  'paketobuildpacks/nodejs:10.5.0', 'paketobuildpacks/run-jammy-base',
];

test('writes a skeleton with every image of the manifests, empty digests, and says how to fill them', () => {
  const r = run(synthApp());
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^# Image lock for cdk8s-kpack/);
  expect(r.stdout).toContain('crane digest <reference>');
  expect(YAML.parse(r.stdout)).toEqual({ images: Object.fromEntries(EXPECTED.map(ref => [ref, ''])) });
  expect(r.stderr).toBe('cdk8s-kpack lock: 5 image reference(s), 5 without a digest: fill them with `crane digest <reference>`\n');
});

test('filled, the lock pins every image of the app; locking the pinned output gives the lock back', () => {
  const filled = { images: Object.fromEntries(EXPECTED.map((ref, i) => [ref, digestOf(i + 1)])) };
  const lockFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lock-')), 'images.lock.yaml');
  fs.writeFileSync(lockFile, YAML.stringify(filled));
  const pinned = synthApp(ImageLock.fromFile(lockFile));
  const text = fs.readdirSync(pinned).map(f => fs.readFileSync(path.join(pinned, f), 'utf-8')).join('\n');
  for (const [ref, digest] of Object.entries(filled.images)) expect(text).toContain(`image: ${ref}@${digest}`);
  const r = run(pinned);
  expect(YAML.parse(r.stdout)).toEqual(filled);
  expect(r.stderr).toBe('cdk8s-kpack lock: 5 image reference(s)\n');
});

test('--out keeps the digests the file already records and drops references no longer used', () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lock-')), 'images.lock.yaml');
  fs.writeFileSync(out, `images:\n  paketobuildpacks/java: ${digestOf(7)}\n  old/image: ${digestOf(8)}\n  buildpacksio/lifecycle:0.20.5: ""\n`);
  const r = run(synthApp(), '--out', out);
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('');
  const written = YAML.parse(fs.readFileSync(out, 'utf-8')).images;
  expect(Object.keys(written)).toEqual(EXPECTED);
  expect(written['paketobuildpacks/java']).toBe(digestOf(7));
  expect(written['buildpacksio/lifecycle:0.20.5']).toBe('');
  expect(r.stderr).toContain(`written to ${out}, 4 without a digest`);
});

test('reads single files, skips non-references, reports bad YAML and missing paths', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-'));
  const file = path.join(dir, 'a.k8s.yaml');
  fs.writeFileSync(file, 'kind: Pod\nspec:\n  containers:\n  - {name: a, image: nginx:1.27}\n  - {name: b, image: "NOT A REF"}\n');
  expect(YAML.parse(run(file).stdout)).toEqual({ images: { 'nginx:1.27': '' } });
  const empty = path.join(dir, 'empty.yaml');
  fs.writeFileSync(empty, 'kind: ConfigMap\n');
  expect(run(empty).stdout).toContain('images: {}');
  fs.writeFileSync(file, 'a: [\n');
  expect(run(file)).toMatchObject({ code: 2, stderr: expect.stringMatching(/a\.k8s\.yaml:\d+: YAML syntax error/) });
  expect(run(path.join(dir, 'nope'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/nope: no such file or folder/) });
});

test.each([
  [[], /give the synthesized manifests/],
  [['--out'], /option --out needs a value/],
  [['--x'], /unknown option "--x"/],
])('usage errors exit 2 (%j)', (args, message) => {
  const r = run(...args);
  expect([r.code, message.test(r.stderr), r.stderr.includes('usage: cdk8s-kpack lock PATH')]).toEqual([2, true, true]);
});

test('--help', () => {
  expect(run('-h')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^usage: cdk8s-kpack lock/) });
});

describe('--from: digests from kbld\'s lock output or imgpkg\'s ImagesLock', () => {
  const kbldLock = (entries: Array<[string, string, number]>) => 'apiVersion: kbld.k14s.io/v1alpha1\nkind: Config\nminimumRequiredVersion: 0.45.0\noverrides:\n'
    + entries.map(([image, repository, i]) => `- image: ${image}\n  newImage: ${repository}@${digestOf(i)}\n  preresolved: true\n`).join('');

  test('fills the skeleton from `kbld -f dist/ --lock-output`, still written in cdk8s-kpack\'s format', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-'));
    const from = path.join(dir, 'images.kbld.lock.yml');
    // kbld writes the image as the manifests spell it, and newImage fully qualified.
    fs.writeFileSync(from, kbldLock([
      ['paketobuildpacks/build-jammy-base', 'index.docker.io/paketobuildpacks/build-jammy-base', 1],
      ['paketobuildpacks/java', 'index.docker.io/paketobuildpacks/java', 2],
      ['buildpacksio/lifecycle:0.20.5', 'index.docker.io/buildpacksio/lifecycle', 3],
      ['unrelated/image:1', 'index.docker.io/unrelated/image', 4],
    ]));
    const out = path.join(dir, 'images.lock.yaml');
    const r = run(synthApp(), '--from', from, '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`cdk8s-kpack lock: 5 image reference(s) written to ${out}, 2 without a digest: fill them with \`crane digest <reference>\`\n`);
    const written = fs.readFileSync(out, 'utf-8');
    expect(written).toMatch(/^# Image lock for cdk8s-kpack/);
    expect(YAML.parse(written)).toEqual({
      images: {
        'buildpacksio/lifecycle:0.20.5': digestOf(3),
        'paketobuildpacks/build-jammy-base': digestOf(1),
        'paketobuildpacks/java': digestOf(2),
        'paketobuildpacks/nodejs:10.5.0': '',
        'paketobuildpacks/run-jammy-base': '',
      },
    });
    // ImageLock reads kbld's lock as it is, too.
    expect(ImageLock.fromFile(from).digestOf('docker.io/paketobuildpacks/java:latest')).toBe(digestOf(2));
  });

  test('an imgpkg ImagesLock, several --from in order, then what --out records', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-'));
    const imgpkg = path.join(dir, 'images.yml');
    fs.writeFileSync(imgpkg, '---\napiVersion: imgpkg.carvel.dev/v1alpha1\nkind: ImagesLock\nimages:\n'
      + `- annotations:\n    kbld.carvel.dev/id: paketobuildpacks/nodejs:10.5.0\n  image: index.docker.io/paketobuildpacks/nodejs@${digestOf(5)}\n`
      + `- annotations:\n    kbld.carvel.dev/id: paketobuildpacks/java\n  image: index.docker.io/paketobuildpacks/java@${digestOf(6)}\n`);
    const kbld = path.join(dir, 'kbld.yml');
    fs.writeFileSync(kbld, kbldLock([['paketobuildpacks/java', 'index.docker.io/paketobuildpacks/java', 2]]));
    const out = path.join(dir, 'images.lock.yaml');
    fs.writeFileSync(out, `images:\n  paketobuildpacks/run-jammy-base: ${digestOf(7)}\n  paketobuildpacks/java: ${digestOf(8)}\n`);
    const r = run(synthApp(), '--from', kbld, '--from', imgpkg, '--out', out);
    expect(r.code).toBe(0);
    expect(YAML.parse(fs.readFileSync(out, 'utf-8')).images).toEqual({
      'buildpacksio/lifecycle:0.20.5': '',
      'paketobuildpacks/build-jammy-base': '',
      'paketobuildpacks/java': digestOf(2), // the first --from that has it
      'paketobuildpacks/nodejs:10.5.0': digestOf(5),
      'paketobuildpacks/run-jammy-base': digestOf(7), // from --out
    });
  });

  test('a --from that is missing or not a lock: exit 2 with its message', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-'));
    const bad = path.join(dir, 'bad.yml');
    fs.writeFileSync(bad, 'apiVersion: kbld.k14s.io/v1alpha1\nkind: Config\noverrides:\n- image: nginx\n  newImage: nginx:1.15\n');
    expect(run(synthApp(), '--from', bad)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^cdk8s-kpack lock: image lock .*bad\.yml: overrides\[0\]: newImage "nginx:1\.15" is not a digest reference/) });
    expect(run(synthApp(), '--from', path.join(dir, 'nope.yml'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/nope\.yml: no such file or folder/) });
  });
});
