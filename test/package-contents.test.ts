/** What `npm pack` puts in the published package: what users run and read, nothing of the build or the tests. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

interface PackedFile { readonly path: string; readonly size: number }

const packed: { files: PackedFile[]; unpackedSize: number } = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
  cwd: path.join(__dirname, '..'),
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'ignore'],
}))[0];

/** The top-level entries a user of the package needs (node_modules: the bundled dependencies). */
const SHIPPED = new Set(['.jsii', '.jsii.tabl.json', 'API.md', 'API.kpack.md', 'LICENSE', 'README.md', 'package.json', 'docs', 'imports', 'lib', 'node_modules']);

test('the package holds the compiled library, its vendored kpack releases and docs, and nothing else', () => {
  const unexpected = packed.files.map(f => f.path).filter(p => !SHIPPED.has(p.split('/')[0]));
  expect(unexpected).toEqual([]);
  // lib/ exists once compiled (npm test on a fresh clone runs from src/)
  if (fs.existsSync(path.join(__dirname, '..', 'lib', 'index.js'))) expect(packed.files.some(f => f.path === 'lib/index.js')).toBe(true);
  // the bundle's file of modules, which lib/index.js runs (projenrc/bundle.ts), once compile has written it
  if (fs.existsSync(path.join(__dirname, '..', 'lib', 'index.modules.js'))) expect(packed.files.some(f => f.path === 'lib/index.modules.js')).toBe(true);
  expect(packed.files.some(f => f.path.startsWith('imports/kpack/'))).toBe(true);
  // no TypeScript sources or tests under lib (the .d.ts files are the types)
  expect(packed.files.filter(f => /^lib\/.*\.ts$/.test(f.path) && !f.path.endsWith('.d.ts'))).toEqual([]);
});

test('the package stays small: under 15 MB unpacked (the oracle\'s binaries in .tmp/ once made it 190 MB)', () => {
  expect(packed.unpackedSize).toBeLessThan(15 * 1024 * 1024);
});
