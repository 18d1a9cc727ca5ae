import { spawnSync } from 'child_process';
import * as path from 'path';

// cdk8s has its own copy of the yaml package; loading ours as well made `require('cdk8s-kpack')` load a second YAML
// library in every app (about a tenth of the require time, `npm run bench`). It is loaded when a platform renders
// its templates, or a descriptor, lock or manifest file is read.
test('require(\'cdk8s-kpack\') does not load the yaml package; a KpackPlatform does', () => {
  const root = path.join(__dirname, '..');
  const ours = path.join(root, 'node_modules', 'yaml') + path.sep;
  const script = `const kpack = require(${JSON.stringify(path.join(root, 'src', 'index.ts'))});
const ours = () => Object.keys(require.cache).filter(f => f.startsWith(${JSON.stringify(ours)})).length;
const afterRequire = ours();
const { App, Chart } = require('cdk8s');
new kpack.KpackPlatform(new Chart(new App(), 'kpack'), 'kpack');
process.stdout.write(JSON.stringify({ afterRequire, afterPlatform: ours() }));`;
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: root, encoding: 'utf-8', env: { ...process.env, TS_NODE_PROJECT: path.join(root, 'tsconfig.dev.json') },
  });
  expect(result.stderr).toBe('');
  const counts = JSON.parse(result.stdout);
  expect(counts.afterRequire).toBe(0);
  expect(counts.afterPlatform).toBeGreaterThan(0);
});

// The rule engine, the manifest reader and the catalogue are loaded when first used (issue 14): an app loads the
// engine at its first synth, the plugin and the command when they read files.
test('require(\'cdk8s-kpack\') does not load the rule engine or the manifest reader; a synth loads the engine', () => {
  const root = path.join(__dirname, '..');
  const src = path.join(root, 'src') + path.sep;
  const script = `const kpack = require(${JSON.stringify(path.join(root, 'src', 'index.ts'))});
const loaded = () => Object.keys(require.cache).filter(f => f.startsWith(${JSON.stringify(src)})).map(f => f.slice(${JSON.stringify(src.length)}));
const afterRequire = loaded();
const { App, Chart } = require('cdk8s');
const app = new App();
new kpack.ClusterStack(new Chart(app, 'c'), 's', { stackId: 'io.buildpacks.stacks.jammy', buildImage: 'paketobuildpacks/build', runImage: 'paketobuildpacks/run' });
app.synthYaml();
process.stdout.write(JSON.stringify({ afterRequire, afterSynth: loaded() }));`;
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: root, encoding: 'utf-8', env: { ...process.env, TS_NODE_PROJECT: path.join(root, 'tsconfig.dev.json') },
  });
  expect(result.stderr).toBe('');
  const { afterRequire, afterSynth } = JSON.parse(result.stdout);
  const engine = ['validation/validator.ts', 'validation/schema.ts', 'validation/catalogue.ts', 'validation/rules/index.ts'];
  const reader = ['manifests/index.ts', 'manifests/check.ts'];
  expect(afterRequire).toContain('index.ts');
  expect(afterRequire.filter((f: string) => engine.includes(f) || reader.includes(f))).toEqual([]);
  expect(afterSynth).toEqual(expect.arrayContaining(['validation/validator.ts', 'validation/schema.ts', 'validation/rules/index.ts']));
  expect(afterSynth.filter((f: string) => reader.includes(f))).toEqual([]);
});

// What only some apps use is loaded with the first object that uses it (issue 14): the platform's rendering with a
// KpackPlatform, kp's descriptor format with a KpConfig or KpDescriptor, the lock file with an ImageLock, the
// credentials' checks with a credential; the image reference parser and the credential annotations with the first
// object that needs them (or the rule engine at synth).
test('require(\'cdk8s-kpack\') does not load what only some apps use; the objects that use it do', () => {
  const root = path.join(__dirname, '..');
  const src = path.join(root, 'src') + path.sep;
  const script = `const kpack = require(${JSON.stringify(path.join(root, 'src', 'index.ts'))});
const loaded = () => Object.keys(require.cache).filter(f => f.startsWith(${JSON.stringify(src)})).map(f => f.slice(${JSON.stringify(src.length)}));
const { App, Chart } = require('cdk8s');
const chart = new Chart(new App(), 'c');
const steps = { require: loaded() };
new kpack.KpackPlatform(chart, 'kpack');
steps.platform = loaded();
new kpack.KpConfig(chart, 'kp', { defaultRepository: 'registry.example.com/kpack' });
steps.kpConfig = loaded();
kpack.ImageLock.fromString('images: {}');
steps.lock = loaded();
new kpack.RegistryCredential(chart, 'creds', { registry: 'registry.example.com', username: 'u', password: 'p' });
steps.credential = loaded();
process.stdout.write(JSON.stringify(steps));`;
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: root, encoding: 'utf-8', env: { ...process.env, TS_NODE_PROJECT: path.join(root, 'tsconfig.dev.json') },
  });
  expect(result.stderr).toBe('');
  const steps: { [step: string]: string[] } = JSON.parse(result.stdout);
  const platform = ['platform/logging.ts', 'platform/ordering.ts', 'platform/pod-options.ts', 'platform/pod-security.ts',
    'platform/release-images.ts', 'platform/release-templates.ts', 'platform/settings.ts'];
  const kp = ['kp/descriptor.ts'];
  const lock = ['lock/lock-file.ts', 'lock/references.ts'];
  const credential = ['private/credentials.ts', 'validation/credential-hosts.ts'];
  // Kubernetes' pod, scheduling and resource rules: only some props (and the rule engine at synth) use them.
  const podRules = ['validation/kubernetes/pod.ts', 'validation/kubernetes/scheduling.ts', 'validation/kubernetes/resources.ts',
    'validation/kubernetes/quantity.ts', 'validation/kubernetes/build-pod.ts', 'validation/kubernetes/index.ts'];
  const deferred = [...platform, ...kp, ...lock, ...credential, ...podRules, 'private/typed-names.ts', 'validation/image-reference.ts'];
  expect(steps.require).toContain('platform/platform.ts');
  expect(steps.require.filter(f => deferred.includes(f))).toEqual([]);
  // A platform with default props renders its release and checks its options (no log level or pod annotations).
  const used = ['platform/ordering.ts', 'platform/pod-options.ts', 'platform/release-images.ts', 'platform/release-templates.ts', 'platform/settings.ts'];
  expect(steps.platform).toEqual(expect.arrayContaining(used));
  expect(steps.platform).not.toEqual(expect.arrayContaining(kp));
  expect(steps.kpConfig).toEqual(expect.arrayContaining(kp));
  expect(steps.kpConfig).not.toEqual(expect.arrayContaining(['lock/lock-file.ts']));
  expect(steps.lock).toEqual(expect.arrayContaining(lock));
  expect(steps.lock).not.toEqual(expect.arrayContaining(credential));
  expect(steps.credential).toEqual(expect.arrayContaining(credential));
});
