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
