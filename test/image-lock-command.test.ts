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
