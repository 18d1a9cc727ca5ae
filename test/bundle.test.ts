/**
 * lib/index.js as one file of the modules `require('cdk8s-kpack')` loads (projenrc/bundle.ts, issue 14).
 *
 * The package's lib/ is built here (tsc of src into .tmp/bundle-test, then the bundler), so the tests run the same
 * on a fresh clone, where there is no lib/. The directories sit under a node_modules folder, as an installed
 * package does (jest neither transforms nor covers them). What Node does is checked in fresh node processes; the
 * jest test at the end checks the bundle under jest's own module system.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import * as ts from 'typescript';
import { bundleLib, BundleError, decodeMappings, encodeMappings, EXPORT_NAMES, MARKER } from '../projenrc/bundle';
import * as kpack from '../src';

const ROOT = path.join(__dirname, '..');
const WORK = path.join(ROOT, '.tmp', 'bundle-test', 'node_modules');

/** Runs `script` in a fresh node with `args`; its stdout parsed as JSON. */
function node(script: string, args: string[] = [], options: { flags?: string[]; env?: NodeJS.ProcessEnv } = {}): any {
  const result = spawnSync(process.execPath, [...options.flags ?? [], '-e', script, ...args], {
    cwd: ROOT, encoding: 'utf-8', env: { ...process.env, NODE_OPTIONS: '', ...options.env },
  });
  if (result.status !== 0) throw new Error(`node exited with ${result.status}:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

// ---------------------------------------------------------------------------------------------------------------
// The loader against Node, on a small library of its own: cycles, the entry required back, a directory index, a
// module that throws, a lazy require of a file not bundled, deep imports made first.

const FIXTURE: { [file: string]: string } = {
  'index.js': `'use strict';
(globalThis.__probe = globalThis.__probe || []).push('index');
exports.early = 1;
exports.a = require('./a');
exports.b = require('./sub/b.js');
exports.dir = require('./dir');
exports.sep = require('path').sep;
exports.lazy = () => require('./lazy');
try { require('./throws'); } catch (e) { exports.threw = e.message; }
exports.retry = () => require('./throws');
exports.self = {
  thisIsExports: this === exports, filename: __filename, dirname: __dirname, id: module.id, loaded: module.loaded,
  resolved: require.resolve('./a'), lookup: require.resolve.paths('x')[0], main: require.main === process.mainModule,
  cache: require.cache === require('module')._cache,
};
`,
  'a.js': `(globalThis.__probe = globalThis.__probe || []).push('a');
exports.name = 'a';
const b = require('./sub/b.js');
exports.bSawA = b.sawA;
exports.indexSoFar = Object.keys(require('./index'));
exports.sloppy = (function () { return this === undefined; })() === false;
`,
  'sub/b.js': `'use strict';
(globalThis.__probe = globalThis.__probe || []).push('b');
const a = require('../a');
exports.sawA = Object.keys(a);
exports.name = 'b';
exports.info = { filename: __filename, dirname: __dirname, parent: module.parent && module.parent.filename, paths: module.paths.slice(0, 2), id: module.id };
`,
  'dir/index.js': `(globalThis.__probe = globalThis.__probe || []).push('dir');
module.exports = { name: 'dir', viaModuleExports: true };
`,
  'throws.js': `(globalThis.__probe = globalThis.__probe || []).push('throws');
if (process.env.PROBE_THROW) throw new Error('boom');
exports.ok = true;
`,
  'lazy.js': `(globalThis.__probe = globalThis.__probe || []).push('lazy');
exports.a = require('./a');
exports.dir = require('./dir');
`,
};

/** Writes `files` as tsc would (each with its map) into `lib`. */
function writeLib(lib: string, files: { [file: string]: string }): void {
  fs.rmSync(lib, { recursive: true, force: true });
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(lib, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const out = ts.transpileModule(text, { fileName: name.replace(/\.js$/, '.ts'), compilerOptions: { sourceMap: true, inlineSources: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } });
    const map = JSON.parse(out.sourceMapText!);
    map.sources = [path.posix.relative(path.posix.dirname(`lib/${name}`), `src/${name.replace(/\.js$/, '.ts')}`)];
    const js = out.outputText.replace(/\/\/# sourceMappingURL=.*$/, `//# sourceMappingURL=${path.basename(name)}.map`);
    fs.writeFileSync(file, js);
    fs.writeFileSync(file + '.map', JSON.stringify(map));
  }
}

/** What a program sees of the fixture: `first` is required before the entry (a deep import), then the entry. */
const PROBE = `
const Module = require('module');
const path = require('path');
const lib = path.resolve(process.argv[1]);
const first = process.argv[2];
const rel = f => typeof f === 'string' ? path.relative(lib, f).split(path.sep).join('/') : f;
const fromDisk = [];
const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  if (filename.startsWith(lib + path.sep)) fromDisk.push(rel(filename));
  return compile.apply(this, arguments);
};
globalThis.__probe = [];
process.env.PROBE_THROW = '1';
if (first) require(path.join(lib, first));
const index = require(lib);
delete process.env.PROBE_THROW;
// The bundle's file of modules (index.modules.js) is the bundle's own, not one of the fixture's.
const isOurs = f => f.startsWith(lib + path.sep) && !f.endsWith('.modules.js');
const ours = () => Object.keys(require.cache).filter(isOurs).sort();
const modules = () => Object.fromEntries(ours().map(f => {
  const m = require.cache[f];
  return [rel(f), { id: rel(m.id), loaded: m.loaded, parent: rel(m.parent && m.parent.filename), children: m.children.filter(c => isOurs(c.filename)).map(c => rel(c.filename)) }];
}));
const out = {
  order: [...globalThis.__probe],
  early: index.early, threw: index.threw, sep: index.sep === path.sep, dir: index.dir,
  a: { name: index.a.name, bSawA: index.a.bSawA, indexSoFar: index.a.indexSoFar, sloppy: index.a.sloppy },
  b: { ...index.b.info, filename: rel(index.b.info.filename), dirname: rel(index.b.info.dirname), parent: rel(index.b.info.parent), paths: index.b.info.paths.map(rel), id: rel(index.b.info.id), sawA: index.b.sawA },
  self: { ...index.self, filename: rel(index.self.filename), dirname: rel(index.self.dirname), id: rel(index.self.id), resolved: rel(index.self.resolved), lookup: rel(index.self.lookup) },
  same: { a: require(path.join(lib, 'a.js')) === index.a, b: require(path.join(lib, 'sub', 'b')) === index.b, dir: require(path.join(lib, 'dir')) === index.dir },
  afterRequire: modules(),
};
out.retried = index.retry().ok;
const lazy = index.lazy();
out.lazy = { a: lazy.a === index.a, dir: lazy.dir === index.dir };
out.orderAfter = [...globalThis.__probe];
out.afterLazy = modules();
out.fromDisk = fromDisk;
process.stdout.write(JSON.stringify(out));
`;

describe('the loader gives each bundled module what Node gives it', () => {
  const plain = path.join(WORK, 'probe-plain', 'lib');
  const bundled = path.join(WORK, 'probe', 'lib');
  beforeAll(() => {
    writeLib(plain, FIXTURE);
    writeLib(bundled, FIXTURE);
    bundleLib(bundled);
  });

  test('the bundle holds what requiring the entry loads, not what is loaded later: the entry in its file, the others beside it', () => {
    const code = fs.readFileSync(path.join(bundled, 'index.js'), 'utf-8');
    const others = fs.readFileSync(path.join(bundled, 'index.modules.js'), 'utf-8');
    expect(code.startsWith(MARKER)).toBe(true);
    expect(others.startsWith(MARKER)).toBe(true);
    const held = (text: string) => [...text.matchAll(/^"([^"]+)": \[/gm)].map(m => m[1]);
    expect(held(others)).toEqual(['a.js', 'dir/index.js', 'sub/b.js', 'throws.js']);
    expect(held(code)).toEqual([]);
  });

  test('a reading of the entry\'s text that ignores scopes (Node 24\'s lexer) finds only the entry\'s names', () => {
    const code = fs.readFileSync(path.join(bundled, 'index.js'), 'utf-8');
    const found = new Set<string>();
    for (const pattern of EXPORT_NAMES) for (const match of code.matchAll(pattern)) found.add(match[1] ?? match[2]);
    // (with ./throws throwing, as the probes run it: the entry then has `threw` too)
    const names = node('process.env.PROBE_THROW = \'1\'; process.stdout.write(JSON.stringify(Object.getOwnPropertyNames(require(require(\'path\').resolve(process.argv[1])))))', [plain]);
    expect([...found].sort()).toEqual([...names].sort());
    // the modules' own names are there, beside it
    const others = fs.readFileSync(path.join(bundled, 'index.modules.js'), 'utf-8');
    expect(others).toContain('exports.name = ');
  });

  test.each([
    ['the entry first', ''],
    ['a deep import first', 'sub/b.js'],
    ['the directory module first', 'dir'],
  ])('%s: the same as Node with the modules in their own files', (_, first) => {
    const withoutBundle = node(PROBE, [plain, first]);
    const withBundle = node(PROBE, [bundled, first]);
    const { fromDisk: diskPlain, ...seenPlain } = withoutBundle;
    const { fromDisk: diskBundled, ...seenBundled } = withBundle;
    expect(seenBundled).toEqual(seenPlain);
    // The facts themselves, so that the test fails if the fixture stopped exercising them.
    expect(withoutBundle.threw).toBe('boom');
    expect(withoutBundle.retried).toBe(true);
    expect(withoutBundle.same).toEqual({ a: true, b: true, dir: true });
    expect(withoutBundle.lazy).toEqual({ a: true, dir: true });
    expect(withoutBundle.afterRequire['throws.js']).toBeUndefined();
    expect(withoutBundle.self).toMatchObject({ thisIsExports: true, loaded: false, main: true, cache: true, filename: 'index.js', resolved: 'a.js', lookup: 'node_modules' });
    // Only the bundle (and what was required before it, and the lazy module) is read from disk.
    expect(diskPlain).toEqual(expect.arrayContaining(['index.js', 'a.js', 'sub/b.js', 'dir/index.js', 'throws.js', 'lazy.js']));
    const before = first === 'sub/b.js' ? ['sub/b.js', 'a.js'] : first === 'dir' ? ['dir/index.js'] : [];
    expect(diskBundled).toEqual([...before, 'index.js', 'index.modules.js', 'lazy.js']);
  });
});

test('a bundle of a module loaded later holds only what the entries before it did not load', () => {
  const files = {
    ...FIXTURE,
    'sub/extra.js': 'exports.c = require(\'./c.js\');\nexports.a = require(\'../a\');\nexports.dirname = __dirname;\n',
    'sub/c.js': 'exports.name = \'c\';\nexports.index = require(\'../index\');\n',
  };
  const plain = path.join(WORK, 'later-plain', 'lib');
  const bundled = path.join(WORK, 'later', 'lib');
  writeLib(plain, files);
  writeLib(bundled, files);
  expect(bundleLib(bundled, [{ entry: 'index.js' }, { entry: 'sub/extra.js', after: ['index.js'] }])).toEqual([
    { entry: 'index.js', modules: ['a.js', 'dir/index.js', 'index.js', 'sub/b.js', 'throws.js'], deferred: [] },
    { entry: 'sub/extra.js', modules: ['sub/c.js', 'sub/extra.js'], deferred: [] },
  ]);
  const script = `const path = require('path');
const Module = require('module');
const lib = path.resolve(process.argv[1]);
const fromDisk = [];
const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) { fromDisk.push(path.relative(lib, filename)); return compile.apply(this, arguments); };
const index = require(lib);
const extra = require(path.join(lib, 'sub', 'extra.js'));
process.stdout.write(JSON.stringify({ c: extra.c.name, a: extra.a === index.a, index: extra.c.index === index, dirname: path.relative(lib, extra.dirname),
  c2: require(path.join(lib, 'sub', 'c.js')) === extra.c, fromDisk }));`;
  const withBundle = node(script, [bundled]);
  const { fromDisk, ...seen } = withBundle;
  const { fromDisk: _, ...seenPlain } = node(script, [plain]);
  expect(seen).toEqual(seenPlain);
  expect(seen).toEqual({ c: 'c', a: true, index: true, dirname: 'sub', c2: true });
  expect(fromDisk).toEqual(['index.js', 'index.modules.js', path.join('sub', 'extra.js'), path.join('sub', 'extra.modules.js')]);
});

// \`export * from './x'\` of a module nothing else requires: its names are getters that load it on first use.
describe('re-exports of modules only the entry requires load on first use', () => {
  const files: { [file: string]: string } = {
    'index.ts': `export * from './shared';
export * from './only';
export * from './also';
export const own = 'own';
`,
    'shared.ts': 'export const shared = \'shared\';\nexport class Thing {}\n',
    // both define \`clash\`: the first export * wins, with or without the bundle
    // helper.js is reached only through only.js: it waits with it
    'only.ts': `import { Thing } from './shared';
import { help } from './helper';
help();
(globalThis as any).__probe = [...((globalThis as any).__probe ?? []), 'only'];
export const onlyThing = new Thing();
export const clash = 'from only';
export default 'never re-exported';
`,
    'helper.ts': 'export function help(): void {}\n',
    'also.ts': 'import \'./shared\';\nexport const clash = \'from also\';\nexport const also = \'also\';\n',
  };
  const plain = path.join(WORK, 'deferred-plain', 'lib');
  const bundled = path.join(WORK, 'deferred', 'lib');
  let result: Array<{ entry: string; modules: string[]; deferred: string[] }> = [];
  beforeAll(() => {
    for (const lib of [plain, bundled]) {
      fs.rmSync(lib, { recursive: true, force: true });
      fs.mkdirSync(lib, { recursive: true });
      for (const [name, text] of Object.entries(files)) {
        const compilerOptions = { sourceMap: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS };
        const out = ts.transpileModule(text, { fileName: name, compilerOptions });
        const js = name.replace(/\.ts$/, '.js');
        fs.writeFileSync(path.join(lib, js), out.outputText.replace(/\/\/# sourceMappingURL=.*$/, `//# sourceMappingURL=${js}.map`));
        fs.writeFileSync(path.join(lib, js + '.map'), out.sourceMapText!);
      }
    }
    result = bundleLib(bundled);
  });

  test('the bundle holds the entry and what it needs at once; the others wait', () => {
    expect(result).toEqual([{ entry: 'index.js', modules: ['index.js', 'shared.js'], deferred: ['also.js', 'only.js'] }]);
  });

  const SEEN = `const path = require('path');
const lib = path.resolve(process.argv[1]);
const index = require(lib);
const loaded = () => Object.keys(require.cache).filter(f => f.startsWith(lib + path.sep) && !f.endsWith('.modules.js')).map(f => path.relative(lib, f)).sort();
const atRequire = { loaded: loaded(), probe: globalThis.__probe ?? [] };
const names = Object.keys(index);
const values = Object.fromEntries(names.map(n => [n, String(index[n])]));
const same = require(path.join(lib, 'only.js')).onlyThing === index.onlyThing && index.onlyThing instanceof require(path.join(lib, 'shared.js')).Thing;
process.stdout.write(JSON.stringify({ atRequire, names, values, same, loaded: loaded(), probe: globalThis.__probe }));`;

  test('the same names, in the same order, with the same values as without the bundle', () => {
    const withoutBundle = node(SEEN, [plain]);
    const withBundle = node(SEEN, [bundled]);
    expect(withBundle.names).toEqual(withoutBundle.names);
    expect(withBundle.values).toEqual(withoutBundle.values);
    expect(withoutBundle.values).toMatchObject({ clash: 'from only', also: 'also', own: 'own' });
    expect(withoutBundle.names).not.toContain('default');
    expect(withBundle.same).toBe(true);
    expect(withBundle.loaded).toEqual(withoutBundle.loaded);
    // what the deferral changes: nothing of only.js or also.js ran at require
    expect(withoutBundle.atRequire.probe).toEqual(['only']);
    expect(withBundle.atRequire).toEqual({ loaded: ['index.js', 'shared.js'], probe: [] });
    expect(withBundle.probe).toEqual(['only']);
  });

  test('Node\'s import gives the same names (the deferred ones too)', () => {
    const names = (lib: string) => node(`import(require('url').pathToFileURL(require('path').resolve(process.argv[1], 'index.js')).href)
  .then(m => process.stdout.write(JSON.stringify(Object.keys(m).sort())));`, [lib]);
    const withoutBundle = names(plain);
    expect(withoutBundle).toEqual(expect.arrayContaining(['also', 'clash', 'onlyThing', 'shared']));
    expect(names(bundled)).toEqual(withoutBundle);
  });
});

describe('the bundler refuses what it cannot bundle, naming the file', () => {
  const lib = path.join(WORK, 'refused', 'lib');

  test.each([
    ['a #! line', { 'tool.js': '#!/usr/bin/env node\nexports.x = 1;\n' }, /cannot bundle lib\/tool\.js: it is not a CommonJS module the bundle can wrap/],
    ['JSON', { 'data.json': '{"a": 1}' }, /cannot bundle lib\/data\.json: only CommonJS JavaScript modules/],
  ])('a module with %s', (_, extra, error) => {
    const name = Object.keys(extra)[0];
    writeLib(lib, { 'index.js': `exports.x = require('./${name}');\n` });
    for (const [file, text] of Object.entries(extra)) {
      fs.writeFileSync(path.join(lib, file), file.endsWith('.js') ? `${text}//# sourceMappingURL=${file}.map` : text);
      fs.writeFileSync(path.join(lib, `${file}.map`), '{"version":3,"sources":[],"names":[],"mappings":""}');
    }
    expect(() => bundleLib(lib)).toThrow(BundleError);
    expect(() => bundleLib(lib)).toThrow(error);
    // nothing was written
    expect(fs.readFileSync(path.join(lib, 'index.js'), 'utf-8').startsWith(MARKER)).toBe(false);
  });

  test('a module without its source map', () => {
    writeLib(lib, { 'index.js': 'exports.x = 1;\n' });
    fs.rmSync(path.join(lib, 'index.js.map'));
    expect(() => bundleLib(lib)).toThrow(/lib\/index\.js names its source map index\.js\.map, which does not exist/);
  });

  test('an entry that is a bundle already', () => {
    writeLib(lib, { 'index.js': 'exports.x = 1;\n' });
    bundleLib(lib);
    expect(() => bundleLib(lib)).toThrow(/lib\/index\.js is already a bundle .*compile lib\/ again/);
  });

  test('a module of the package where the bundle\'s file of modules would go', () => {
    writeLib(lib, { 'index.js': 'exports.x = require(\'./index.modules\');\n', 'index.modules.js': 'exports.y = 1;\n' });
    expect(() => bundleLib(lib)).toThrow(/cannot bundle lib\/index\.js: lib\/index\.modules\.js, where its modules would go, is a module of the package/);
    expect(fs.readFileSync(path.join(lib, 'index.modules.js'), 'utf-8')).not.toContain(MARKER);
  });

  test('an entry that fails to load', () => {
    writeLib(lib, { 'index.js': 'throw new Error("broken entry");\n' });
    expect(() => bundleLib(lib)).toThrow(/requiring index\.js of .* failed[^]*broken entry/);
  });
});

test('source map mappings survive decoding and encoding', () => {
  const mappings = 'AAAA,SAASA;;AACA,gBAAgB,CAAC;AAAA,IAAIC,EAAE;w+BACw+B';
  expect(encodeMappings(decodeMappings(mappings))).toBe(mappings);
  // absolute values: each field is relative to the segment before (the generated column within its line only);
  // 'gB' is +16; 'w+B' is 1000 (digits 16, 30, 1 with continuation bits: 16 + 30 * 32 + 1 * 1024 = 2 * 1000)
  expect(decodeMappings(mappings)[2]).toEqual([[0, 0, 1, 9], [16, 0, 1, 25], [17, 0, 1, 26]]);
  expect(decodeMappings(mappings)[4]).toEqual([[1000, 0, 2, 1032]]);
});

// ---------------------------------------------------------------------------------------------------------------
// The package's own lib/: tsc of src, bundled as `compile` does.

describe('the package\'s lib/index.js as a bundle', () => {
  const plain = path.join(WORK, 'plain', 'lib');
  const bundled = path.join(WORK, 'cdk8s-kpack', 'lib');
  let held: string[] = [];
  beforeAll(() => {
    fs.rmSync(path.dirname(plain), { recursive: true, force: true });
    fs.rmSync(path.dirname(bundled), { recursive: true, force: true });
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.json'), '--outDir', plain, '--declaration', 'false'], { cwd: ROOT, stdio: 'pipe' });
    fs.cpSync(plain, bundled, { recursive: true });
    // the vendored kpack releases beside lib/, as in the package (a KpackPlatform renders them)
    for (const lib of [plain, bundled]) fs.symlinkSync(path.join(ROOT, 'imports'), path.join(lib, '..', 'imports'), 'junction');
    held = bundleLib(bundled)[0].modules;
  }, 120_000);

  test('it holds what require(\'cdk8s-kpack\') loads: the package\'s main modules, not the rule engine', () => {
    expect(held).toEqual(expect.arrayContaining(['index.js', 'base.js', 'image.js', 'validation/engine.js']));
    expect(held).not.toContain('validation/validator.js');
    expect(held.every(m => m.endsWith('.js'))).toBe(true);
  });

  test('the same sources give the same bytes, with no path of the machine that built it', () => {
    const again = path.join(WORK, 'again', 'lib');
    fs.rmSync(path.dirname(again), { recursive: true, force: true });
    fs.cpSync(plain, again, { recursive: true });
    bundleLib(again);
    for (const file of ['index.js', 'index.js.map', 'index.modules.js', 'index.modules.js.map']) {
      const text = fs.readFileSync(path.join(bundled, file), 'utf-8');
      expect(fs.readFileSync(path.join(again, file), 'utf-8')).toBe(text);
      expect(text).not.toContain(ROOT);
    }
  });

  // Names, and the very objects: each name of the package from the module that defines it, and from the bundle,
  // whichever is required first.
  const EXPORTS = `
const path = require('path');
const lib = path.resolve(process.argv[1]);
const first = JSON.parse(process.argv[2]);
const where = JSON.parse(process.argv[3] || '{}');
for (const f of first) require(path.join(lib, f));
const index = require(lib);
const names = Object.keys(index).sort();
const isOurs = f => f.startsWith(lib + path.sep) && !f.endsWith('.modules.js'); // not the bundle's file of modules
const loadedByRequire = Object.keys(require.cache).filter(isOurs).map(f => path.relative(lib, f).split(path.sep).join('/')).sort();
for (const name of names) index[name]; // the modules the bundle loads on first use of a name
const ours = Object.keys(require.cache).filter(isOurs).map(f => path.relative(lib, f).split(path.sep).join('/')).sort();
const found = {};
for (const name of names) {
  const from = ours.find(f => f !== 'index.js' && Object.prototype.hasOwnProperty.call(require(path.join(lib, f)), name) && require(path.join(lib, f))[name] === index[name]);
  if (from) {
    found[name] = from;
    continue;
  }
  // a namespace (\`export * as kpack\`): an object of its own, each member from one module
  const value = index[name];
  const members = ours.find(f => f !== 'index.js' && typeof value === 'object' && Object.keys(value).length > 0 && Object.keys(value).every(k => require(path.join(lib, f))[k] === value[k]));
  if (members) found[name] = members + '#members';
}
const same = (name, f) => f.endsWith('#members')
  ? Object.keys(index[name]).every(k => require(path.join(lib, f.slice(0, -'#members'.length)))[k] === index[name][k])
  : require(path.join(lib, f))[name] === index[name];
const differ = Object.entries(where).filter(([name, f]) => !same(name, f)).map(([name]) => name);
process.stdout.write(JSON.stringify({ names, found, differ, loadedByRequire }));
`;

  test('its exports are the same names and the same objects as the modules in their files give', () => {
    const reference = node(EXPORTS, [plain, '[]']);
    expect(reference.names.length).toBeGreaterThan(40);
    expect(Object.keys(reference.found).length).toBe(reference.names.length);
    const where = JSON.stringify(reference.found);
    const bundleFirst = node(EXPORTS, [bundled, '[]', where]);
    expect(bundleFirst.names).toEqual(reference.names);
    // the platform, the tenant, the lock, the kp descriptor... load on first use of one of their names
    expect(reference.loadedByRequire).toEqual(expect.arrayContaining(['platform/platform.js', 'tenant.js']));
    expect(bundleFirst.loadedByRequire).toEqual(held);
    expect(held).not.toEqual(expect.arrayContaining(['platform/platform.js']));
    expect(held).not.toEqual(expect.arrayContaining(['tenant.js']));
    expect(bundleFirst.found).toEqual(reference.found);
    expect(bundleFirst.differ).toEqual([]);
    // deep imports first: image.js (with what it loads) from its file, and every module that defines a name
    const modules = [...new Set((Object.values(reference.found) as string[]).map(f => f.replace(/#members$/, '')))].sort();
    for (const first of [['image.js'], modules]) {
      const deepFirst = node(EXPORTS, [bundled, JSON.stringify(first), where]);
      expect(deepFirst.names).toEqual(reference.names);
      expect(deepFirst.differ).toEqual([]);
    }
  });

  test('a reading of lib/index.js that ignores scopes (Node 24\'s lexer) finds exactly the package\'s names', () => {
    const code = fs.readFileSync(path.join(bundled, 'index.js'), 'utf-8');
    const found = new Set<string>();
    for (const pattern of EXPORT_NAMES) for (const match of code.matchAll(pattern)) found.add(match[1] ?? match[2]);
    const names = node('process.stdout.write(JSON.stringify(Object.getOwnPropertyNames(require(require(\'path\').resolve(process.argv[1])))))', [plain]);
    expect(names.length).toBeGreaterThan(40);
    expect([...found].sort()).toEqual([...names].sort());
  });

  test('Node\'s import of the package gives the same names (they are read from the file\'s text)', () => {
    const names = (lib: string) => node(`import(require('url').pathToFileURL(require('path').resolve(process.argv[1], 'index.js')).href)
  .then(m => process.stdout.write(JSON.stringify({ names: Object.keys(m), undefined: Object.keys(m).filter(k => m[k] === undefined) })));`, [lib]);
    const withoutBundle = names(plain);
    expect(withoutBundle.names).toEqual(expect.arrayContaining(['default', 'Image', 'KpackPlatform', 'kpack']));
    expect(names(bundled)).toEqual(withoutBundle);
  });

  test('modules loaded later from their files share the bundled modules\' instances', () => {
    const script = `
const Module = require('module');
const path = require('path');
const lib = path.resolve(process.argv[1]);
const rel = f => path.relative(lib, f).split(path.sep).join('/');
const fromDisk = [];
const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  if (filename.startsWith(lib + path.sep)) fromDisk.push(rel(filename));
  return compile.apply(this, arguments);
};
const kpack = require(lib);
const { App, Chart } = require('cdk8s');
const chart = new Chart(new App(), 'c');
// the rule engine (validation/validator.js and what it loads), from their files
const findings = kpack.KpackValidator.validateManifests([{ apiVersion: 'kpack.io/v1alpha2', kind: 'ClusterStack', metadata: { name: 's' }, spec: {} }]);
// module state: the engine the bundled engine.js loaded is the one a deep import of engine.js gives
const engineShared = require(path.join(lib, 'validation', 'engine.js')).engine() === require(path.join(lib, 'validation', 'validator.js'));
// a class from a deep import is the bundled one (the platform checks its version with instanceof)
const { KpackVersion } = require(path.join(lib, 'platform', 'version.js'));
new kpack.KpackPlatform(chart, 'kpack', { version: KpackVersion.V0_16_1 });
new kpack.RegistryCredential(chart, 'creds', { registry: 'registry.example.com', username: 'u', password: 'p' });
const versionShared = KpackVersion === kpack.KpackVersion;
// every module read from its file got the cached module of each bundled file it required
const cached = Object.keys(require.cache).filter(f => f.startsWith(lib + path.sep));
const childrenCached = cached.every(f => require.cache[f].children.every(c => require.cache[c.filename] === c));
process.stdout.write(JSON.stringify({ errors: findings.filter(f => f.severity === 'error').length, engineShared, versionShared, childrenCached, fromDisk }));
`;
    const result = node(script, [bundled]);
    expect(result.errors).toBeGreaterThan(0);
    expect(result).toMatchObject({ engineShared: true, versionShared: true, childrenCached: true });
    expect(result.fromDisk.slice(0, 2)).toEqual(['index.js', 'index.modules.js']);
    expect(result.fromDisk).toEqual(expect.arrayContaining(['validation/validator.js', 'platform/release-templates.js']));
    // no bundled module was read from its file (that would be a second instance)
    expect(result.fromDisk.filter((f: string) => f !== 'index.js' && held.includes(f))).toEqual([]);
  });

  // The same app through the bundle (in a fresh node) and through src (here).
  const APP = `
const app = new cdk8s.App();
const chart = new cdk8s.Chart(app, 'builds', { disableResourceNameHashes: true });
const stack = new kpack.ClusterStack(chart, 'stack', { metadata: { name: 'base' }, stackId: 'io.buildpacks.stacks.jammy', buildImage: 'paketobuildpacks/build-jammy-base', runImage: 'paketobuildpacks/run-jammy-base' });
const store = new kpack.ClusterStore(chart, 'store', { metadata: { name: 'default' }, sources: [{ image: 'paketobuildpacks/java', buildpackIds: ['paketo-buildpacks/java'] }] });
const account = new kpack.BuildServiceAccount(chart, 'sa', { metadata: { name: 'builds', namespace: 'team' },
  credentials: [kpack.RegistryCredential.fromSecretName(chart, 'creds', 'registry-credentials', { registry: 'registry.example.com', namespaceName: 'team' })] });
const builder = new kpack.NamespacedBuilder(chart, 'builder', { metadata: { name: 'builder', namespace: 'team' }, tag: 'registry.example.com/builders/builder:v1',
  stack, store, serviceAccount: account, order: [{ group: [kpack.BuildpackRef.fromId('paketo-buildpacks/java')] }] });
for (let i = 0; i < 3; i++) new kpack.Image(chart, 'image-' + i, { metadata: { name: 'app-' + i, namespace: 'team' }, tag: 'registry.example.com/apps/app-' + i,
  builder, serviceAccount: account, source: kpack.ImageSource.fromGit('https://github.com/example/app-' + i, 'main') });
return app.synthYaml();
`;

  test('an app synthesizes the same YAML through the bundle as through src', () => {
    const fromSrc = new Function('kpack', 'cdk8s', APP)(kpack, cdk8s);
    const fromBundle = node(`const kpack = require(require('path').resolve(process.argv[1])); const cdk8s = require('cdk8s');
process.stdout.write(JSON.stringify((function () {${APP}})()));`, [bundled]);
    expect(fromSrc).toContain('kind: Image');
    expect(fromBundle).toBe(fromSrc);
  });

  test('node --enable-source-maps shows the src/*.ts location of an error thrown in a bundled module', () => {
    const script = `const kpack = require(require('path').resolve(process.argv[1])); const { App, Chart } = require('cdk8s');
try { new kpack.ClusterStack(new Chart(new App(), 'c'), 's', { stackId: '', buildImage: 'a/b', runImage: 'a/c' }); } catch (e) {
  process.stdout.write(JSON.stringify(e.stack.split('\\n').filter(l => /^\\s+at .*\\(/.test(l) && !l.includes('[eval]')))); }`;
    const fromBundle: string[] = node(script, [bundled], { flags: ['--enable-source-maps'] });
    const fromFiles: string[] = node(script, [plain], { flags: ['--enable-source-maps'] });
    expect(fromBundle).toEqual(fromFiles);
    expect(fromBundle.length).toBeGreaterThan(0);
    expect(fromBundle.every(l => l.includes(`(${path.join(ROOT, 'src')}${path.sep}`) || l.includes('(node:'))).toBe(true);
    expect(fromBundle.some(l => l.includes(`(${path.join(ROOT, 'src', 'cluster-stack.ts')}:`))).toBe(true);
    // without the map, the frames are in the bundle's file of modules
    expect(node(script, [bundled]).some((l: string) => l.includes(`(${path.join(bundled, 'index.modules.js')}:`))).toBe(true);
  });

  test('under jest\'s module system the bundle runs index.js alone and the modules load from their files', () => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const index = require(bundled);
    const image = require(path.join(bundled, 'image.js'));
    const validation = require(path.join(bundled, 'validation', 'index.js'));
    /* eslint-enable @typescript-eslint/no-require-imports */
    expect(index.Image).toBe(image.Image);
    expect(index.KpackValidator).toBe(validation.KpackValidator);
    expect(typeof index.KpackPlatform).toBe('function');
    // jest's registry holds the modules' own files (a module the bundle had run itself would not be there)
    expect(Object.keys(require.cache)).toEqual(expect.arrayContaining([path.join(bundled, 'base.js'), path.join(bundled, 'image.js')]));
  });
});

test('compile bundles lib/ right after jsii', () => {
  const tasks = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf-8')).tasks;
  expect(tasks.compile.steps).toEqual([{ exec: 'jsii' }, { spawn: 'bundle' }]);
  expect(tasks.bundle.steps[0].exec).toContain('projenrc/bundle.ts');
});
