/**
 * The `bundle` task, run by `compile` right after jsii (issue 14: the time of `require('cdk8s-kpack')`).
 *
 * Node compiles, stats, reads and resolves every CommonJS module on its own: a fixed cost per module that made most
 * of our part of the require time (57 modules). This step rewrites an entry module of lib/ (lib/index.js, the
 * package main) so that requiring it reads two files: the entry, with its own code as tsc wrote it and a loader,
 * and `<entry>.modules.js` beside it, holding verbatim tsc's output of every other module of lib/ that requiring
 * the entry loads, found by requiring it in a fresh node and reading `require.cache` (nothing under node_modules is
 * bundled), except the modules only the entry's `export *` needs: their names become getters that load them on
 * first use (`deferReexports`). Every other file of lib/ stays as tsc wrote it: deep imports (`cdk8s-kpack/lib/...`),
 * the command, the .d.ts files, the deferred modules and the modules loaded lazily still use them.
 *
 * The loader gives each module what Node would: a real `Module` with its real filename and lookup paths, in
 * `require.cache` before its body runs (cycles behave as in Node), `loaded` after; a `require` that runs a bundled
 * module on its first use (or returns the cached exports when the file is already in `require.cache`, e.g. from a
 * deep import made earlier) and hands every other request to Node, so a module loaded later from disk gets the same
 * instances of the bundled modules through `require.cache`. Under a module system that is not Node's own (jest's:
 * `require.cache` is not Node's), the entry runs its own code alone with the host's `require`, and the host loads
 * every other module from its file, as without the bundle.
 *
 * Node's `import` of the package reads its export names from the entry's text, which therefore holds only the entry's
 * code (the modules' own `exports.x = ...` would read as the package's names: Node 24's lexer, merve, reads them at any
 * depth and drops none), with the names of its exports said again where the lexer reads them (`nameHints`).
 *
 * Each file's source map maps it back to src/*.ts: one map of its modules' mappings at their lines, sources relative
 * to the file (a plain map, not an index map with `sections`: Node 20's --enable-source-maps reads no index map from
 * a file). Deterministic: modules in the order of their paths, no path of the build machine in a bundle or its map.
 *
 *   ts-node projenrc/bundle.ts [LIB]        bundles lib/ (or LIB) in place; LIB must be fresh output of tsc
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';

/** An entry module to bundle, relative to lib/, and the entries loaded before it (its modules are not bundled again). */
export interface BundleEntry {
  readonly entry: string;
  readonly after?: string[];
}

/**
 * lib/index.js, the package main. Not the rule engine's group (validation/validator.js after index.js, 34 modules):
 * it loads in 4.8 ms instead of 6.5, but an app's synth showed no difference (10,000 Images: 1333 against 1342 ms;
 * 100 Images: 51.7 against 52.7 ms, medians of 9 and 15 interleaved runs, noise larger than the gain).
 */
export const ENTRIES: BundleEntry[] = [{ entry: 'index.js' }];

/** The first line of every bundle: how the bundler knows it is not tsc's output. */
export const MARKER = '// cdk8s-kpack bundle (projenrc/bundle.ts):';

/** What requiring an entry in a fresh node loads: modules (paths relative to lib/, sorted) and what each required. */
export interface Discovery {
  readonly modules: string[];
  /** module -> request -> the module of the bundle it resolved to. */
  readonly requests: { [module: string]: { [request: string]: string } };
  /** The names of the entry's exports. */
  readonly names: string[];
  /** module -> the names `__exportStar` would read from its exports (for-in order). */
  readonly exported: { [module: string]: string[] };
}

export class BundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleError';
  }
}

/** Runs in a fresh node: requires the entries to load first, then the entry, and says what the entry loaded. */
const DISCOVER = `
const Module = require('module');
const fs = require('fs');
const path = require('path');
const [lib, entry, ...after] = process.argv.slice(1);
const root = fs.realpathSync(lib) + path.sep;
const rel = f => f.slice(root.length).split(path.sep).join('/');
const requests = {};
let recording = false;
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const exports = load.apply(this, arguments);
  if (recording && parent && typeof parent.filename === 'string' && parent.filename.startsWith(root)) {
    const file = Module._resolveFilename(request, parent, isMain);
    if (file.startsWith(root)) (requests[rel(parent.filename)] ??= {})[request] = rel(file);
  }
  return exports;
};
for (const a of after) require(root + a);
const before = new Set(Object.keys(require.cache));
recording = true;
require(root + entry);
recording = false;
const modules = Object.keys(require.cache).filter(f => f.startsWith(root) && !before.has(f)).map(rel);
const names = Object.getOwnPropertyNames(require.cache[root + entry].exports);
const exported = {};
for (const m of modules) {
  const keys = [];
  for (const k in require.cache[root + m].exports) keys.push(k);
  exported[m] = keys;
}
process.stdout.write(JSON.stringify({ modules, requests, names, exported }));
`;

/** What requiring `entry` of `lib` (fresh tsc output) loads that the entries in `after` do not, in a fresh node. */
export function discover(lib: string, entry: string, after: readonly string[] = []): Discovery {
  const result = spawnSync(process.execPath, ['-e', DISCOVER, lib, entry, ...after], { encoding: 'utf-8', env: { ...process.env, NODE_OPTIONS: '' } });
  if (result.status !== 0) {
    throw new BundleError(`bundle: requiring ${entry} of ${lib} failed, so what it loads is unknown:\n${result.stderr}`);
  }
  const found: Discovery = JSON.parse(result.stdout);
  const modules = [...found.modules].sort(compare);
  if (!modules.includes(entry)) throw new BundleError(`bundle: ${entry} of ${lib} was already loaded by ${after.join(', ')}: nothing to bundle`);
  return { modules, requests: found.requests, names: found.names, exported: found.exported };
}

/**
 * A module the entry re-exports (`export * from './x'`, tsc: `__exportStar(require("./x"), exports);`) and nothing else
 * loaded with the entry requires: the bundle defines its names on the entry's exports as getters that load it on
 * first use (from its own file), as tsc's own getters read it, so `require('cdk8s-kpack')` does not load it.
 */
export interface DeferredReexport {
  /** The statement of the entry's code, as tsc wrote it. */
  readonly statement: string;
  readonly request: string;
  readonly module: string;
  readonly names: string[];
}

/**
 * The entry's re-exports that can wait for first use, and the modules the bundle then holds: those the entry loads
 * without going through a deferred one.
 */
export function deferReexports(entry: string, entryCode: string, discovery: Discovery): { deferred: DeferredReexport[]; modules: string[] } {
  const entryRequests = discovery.requests[entry] ?? {};
  const requiredElsewhere = new Set<string>();
  for (const [module, made] of Object.entries(discovery.requests)) {
    if (module !== entry) for (const target of Object.values(made)) requiredElsewhere.add(target);
  }
  const lines = entryCode.split('\n');
  const deferred: DeferredReexport[] = [];
  for (const request of Object.keys(entryRequests).sort(compare)) {
    const module = entryRequests[request];
    if (requiredElsewhere.has(module) || module === entry) continue;
    const statement = `__exportStar(require(${JSON.stringify(request)}), exports);`;
    // Only tsc's exact form, on a line of its own, and the module required nowhere else in the entry.
    if (lines.filter(l => l === statement).length !== 1 || entryCode.split(`require(${JSON.stringify(request)})`).length !== 2) continue;
    deferred.push({ statement, request, module, names: discovery.exported[module] ?? [] });
  }
  // What the entry loads at once: every module reached from it other than through a deferred re-export.
  const skipped = new Set(deferred.map(d => d.module));
  const reached = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    const module = queue.pop()!;
    for (const target of Object.values(discovery.requests[module] ?? {})) {
      if (reached.has(target) || (module === entry && skipped.has(target))) continue;
      reached.add(target);
      queue.push(target);
    }
  }
  return { deferred, modules: discovery.modules.filter(m => reached.has(m)) };
}

/**
 * The statement that replaces `__exportStar(require("./x"), exports);`: the same names, defined in the same order and
 * skipped the same way (already defined, `default`), each a getter that requires the module on its first read. On
 * one line, so the entry's source map keeps its lines.
 */
function deferredStatement(d: DeferredReexport): string {
  return '(function (request, names) { let m; for (const k of names) if (k !== "default" && !Object.prototype.hasOwnProperty.call(exports, k)) '
    + 'Object.defineProperty(exports, k, { enumerable: true, get: function () { return (m ??= require(request))[k]; } }); })'
    + `(${JSON.stringify(d.request)}, ${JSON.stringify(d.names)});`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The lines of `text` as V8 counts them (its line terminators), for the map's offsets. */
function lineCount(text: string): number {
  return text.split(/\r\n|[\n\r\u2028\u2029]/).length;
}

const SOURCE_MAP_URL = /\n\/\/# sourceMappingURL=([^\s]+)[ \t]*\n?$/;
const PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname'];

interface Module {
  readonly name: string;
  readonly code: string;
  readonly map: any;
}

/** tsc's output of one module, without its sourceMappingURL comment, and its map; refuses what it cannot wrap. */
function readModule(lib: string, name: string): Module {
  const file = path.join(lib, ...name.split('/'));
  if (!/\.(js|cjs)$/.test(name)) {
    throw new BundleError(`bundle: cannot bundle lib/${name}: only CommonJS JavaScript modules (.js, .cjs) can be bundled, and requiring the entry loads this file`);
  }
  const text = fs.readFileSync(file, 'utf-8');
  if (text.startsWith(MARKER)) {
    throw new BundleError(`bundle: lib/${name} is already a bundle (written by projenrc/bundle.ts): compile lib/ again (jsii) before bundling it`);
  }
  const url = SOURCE_MAP_URL.exec(text);
  if (!url) throw new BundleError(`bundle: lib/${name} has no sourceMappingURL comment at its end: compile with "sourceMap": true, not inline maps`);
  const code = text.slice(0, url.index);
  if (code.startsWith('#!')) {
    throw new BundleError(`bundle: cannot bundle lib/${name}: it is not a CommonJS module the bundle can wrap as Node does (a #! line is allowed only at the start of a file)`);
  }
  try {
    // The code must be a function body exactly as Node wraps a CommonJS module: no import/export, no #! line, and
    // nothing that closes the function early.
    vm.compileFunction(code, PARAMETERS, { filename: file });
  } catch (e: any) {
    throw new BundleError(`bundle: cannot bundle lib/${name}: it is not a CommonJS module the bundle can wrap as Node does (${e?.name}: ${e?.message})`);
  }
  const mapFile = path.join(path.dirname(file), url[1]);
  if (!fs.existsSync(mapFile)) throw new BundleError(`bundle: lib/${name} names its source map ${url[1]}, which does not exist`);
  return { name, code, map: JSON.parse(fs.readFileSync(mapFile, 'utf-8')) };
}

/** The loader: its text, the first lines of every bundle. Plain ES2022 (Node 20), strict mode of its own. */
const LOADER = `(function (host, hostRequire, root, entry, entryRequests, modulesFile, entryBody) {
  'use strict';
  // Under Node's own module system only; elsewhere (jest), the entry's code alone, with the host's require.
  const Module = hostRequire('module');
  const path = hostRequire('path');
  const cache = Module._cache;
  if (!(host instanceof Module && hostRequire.cache === cache && typeof Module._nodeModulePaths === 'function')) {
    entryBody.call(host.exports, host.exports, hostRequire, host, host.filename, path.dirname(host.filename));
    return;
  }
  // The other modules' functions, by their paths in lib/: a CommonJS module of its own, beside the entry.
  const modules = hostRequire(modulesFile);
  // What Node's require gives a module: its resolution, the cache, the main module, the extensions.
  function requireOf(module, requests) {
    const require = function require(request) {
      const name = requests[request];
      return name === undefined ? module.require(request) : load(name, module);
    };
    const resolve = function resolve(request, options) {
      return Module._resolveFilename(request, module, false, options);
    };
    resolve.paths = request => Module._resolveLookupPaths(request, module);
    require.resolve = resolve;
    require.main = hostRequire.main;
    require.extensions = Module._extensions;
    require.cache = cache;
    return require;
  }
  function run(name, module) {
    const [requests, body] = name === entry ? [entryRequests, entryBody] : modules[name];
    body.call(module.exports, module.exports, requireOf(module, requests), module, module.filename, path.dirname(module.filename));
  }
  // A bundled module: from the cache when its file is there, else a Module of its own, cached before its body runs.
  function load(name, parent) {
    const filename = path.join(root, name);
    const cached = cache[filename];
    if (cached !== undefined) {
      if (!parent.children.includes(cached)) parent.children.push(cached);
      return cached.exports;
    }
    const module = new Module(filename, parent);
    module.filename = filename;
    module.paths = Module._nodeModulePaths(path.dirname(filename));
    cache[filename] = module;
    let threw = true;
    try {
      run(name, module);
      threw = false;
    } finally {
      if (threw) {
        delete cache[filename];
        const i = parent.children.indexOf(module);
        if (i !== -1) parent.children.splice(i, 1);
      }
    }
    module.loaded = true;
    return module.exports;
  }
  run(entry, host);
})`;

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A mapping segment with absolute values: generated column, then source, line, column and name when present. */
type Segment = number[];

/** The segments of a map's `mappings`, a list per generated line, their values made absolute. */
export function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  const state = [0, 0, 0, 0, 0];
  for (const line of mappings.split(';')) {
    state[0] = 0;
    const segments: Segment[] = [];
    for (const text of line.split(',')) {
      if (text === '') continue;
      const segment: number[] = [];
      // base64 VLQ: 5 bits a digit, least significant first, 32 = more digits follow; the lowest bit is the sign
      let value = 0;
      let scale = 1;
      for (const char of text) {
        const digit = BASE64.indexOf(char);
        if (digit < 0) throw new BundleError(`bundle: a source map has "${char}" in its mappings, which is not base64`);
        value += (digit % 32) * scale;
        if (digit >= 32) {
          scale *= 32;
        } else {
          const field = segment.length;
          state[field] += value % 2 === 1 ? -Math.floor(value / 2) : value / 2;
          segment.push(state[field]);
          value = 0;
          scale = 1;
        }
      }
      segments.push(segment);
    }
    lines.push(segments);
  }
  return lines;
}

function encodeValue(n: number): string {
  let value = n < 0 ? -n * 2 + 1 : n * 2;
  let out = '';
  do {
    const digit = value % 32;
    value = Math.floor(value / 32);
    out += BASE64[value > 0 ? digit + 32 : digit];
  } while (value > 0);
  return out;
}

/** `mappings` of segments with absolute values, per generated line. */
export function encodeMappings(lines: Segment[][]): string {
  const state = [0, 0, 0, 0, 0];
  return lines.map(segments => {
    state[0] = 0;
    return segments.map(segment => segment.map((value, field) => {
      const delta = value - state[field];
      state[field] = value;
      return encodeValue(delta);
    }).join('')).join(',');
  }).join(';');
}

/** Where code assigns a name to a module's exports, in the forms Node's lexers of CommonJS exports recognise. */
export const EXPORT_NAMES = [
  /\bexports\s*\.\s*([A-Za-z_$][\w$]*)\s*=/g,
  /\bexports\s*\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\]\s*=/g,
  /\bObject\.defineProperty\(\s*(?:module\s*\.\s*)?exports\s*,\s*(?:"([^"\\]*)"|'([^'\\]*)')/g,
];

/**
 * Node's `import` of a CommonJS file takes the names of its exports from the file's text (cjs-module-lexer up to
 * Node 22, merve in Node 24): `exports.x = ...` at any depth, and re-exports (`__exportStar(require("./x"), exports)`)
 * only at the top level, outside braces. The entry's re-exports are inside its function in the bundle, and the
 * deferred ones are getters made from a list, so the names are said again, in code that never runs: every name the
 * entry's exports have once it has run (`discover`), as an assignment. Not as re-exports: Node's import would then
 * put a module of each re-exported file in `require.cache`, not run, which the loader would take for the module.
 */
function nameHints(names: readonly string[]): string[] {
  const listed = names.filter(n => n !== '__esModule').map(n => (/^[A-Za-z_$][\w$]*$/.test(n) ? `exports.${n} = 0;` : `exports[${JSON.stringify(n)}] = 0;`));
  if (listed.length === 0) return [];
  return [
    '// For Node\'s import of this file, which reads the names of its exports from the text: those it has once run. Never runs.',
    `if (false) { ${listed.join(' ')} }`,
  ];
}

/** The file beside a bundle that holds its modules: `index.js` -> `index.modules.js`. */
export function modulesFileOf(entry: string): string {
  return entry.replace(/\.(c?js)$/, '.modules.$1');
}

/** A file of a bundle being written: its lines and the map of the modules' code in it. */
class BundleFile {
  private readonly parts: string[] = [];
  private readonly lines: Segment[][] = [];
  private readonly map = { version: 3, file: '', sources: [] as string[], sourcesContent: [] as Array<string | null>, names: [] as string[], mappings: '' };

  public constructor(private readonly lib: string, private readonly name: string) {
    this.map.file = path.posix.basename(name);
  }

  /** Text of the bundle's own (no mappings). */
  public text(...lines: string[]): void {
    this.parts.push(...lines);
    for (let i = 0, n = lineCount(lines.join('\n')); i < n; i++) this.lines.push([]);
  }

  /** A module's code as tsc wrote it, with its mappings at the lines it lands on. */
  public module(m: Module): void {
    const dir = path.posix.dirname(m.name);
    const sourceBase = this.map.sources.length;
    const nameBase = this.map.names.length;
    (m.map.sources as string[]).forEach((s, i) => {
      this.map.sources.push(path.relative(path.resolve(this.lib, path.posix.dirname(this.name)), path.resolve(this.lib, dir, m.map.sourceRoot ?? '', s)).split(path.sep).join('/'));
      this.map.sourcesContent.push(m.map.sourcesContent?.[i] ?? null);
    });
    this.map.names.push(...(m.map.names ?? []));
    const own = decodeMappings(m.map.mappings).map(segments => segments.map(([column, source, line, col, name]) => {
      if (source === undefined) return [column];
      return name === undefined ? [column, source + sourceBase, line, col] : [column, source + sourceBase, line, col, name + nameBase];
    }));
    const count = lineCount(m.code);
    if (own.length > count) throw new BundleError(`bundle: the source map of lib/${m.name} maps ${own.length} lines, the module has ${count}`);
    this.lines.push(...own);
    for (let i = own.length; i < count; i++) this.lines.push([]);
    this.parts.push(m.code);
  }

  /** The file's text (ending with its sourceMappingURL) and its map; refuses text that does not compile. */
  public done(): { code: string; map: string } {
    const code = [...this.parts, `//# sourceMappingURL=${path.posix.basename(this.name)}.map`].join('\n') + '\n';
    try {
      vm.compileFunction(code, PARAMETERS, { filename: this.name });
    } catch (e: any) {
      throw new BundleError(`bundle: the bundle's lib/${this.name} does not compile (${e?.name}: ${e?.message}): a bug of projenrc/bundle.ts`);
    }
    return { code, map: JSON.stringify({ ...this.map, mappings: encodeMappings(this.lines) }) };
  }
}

/** What a bundle writes: the entry's file and the file of its modules, each with its map. */
export interface BundleFiles {
  readonly files: ReadonlyArray<{ readonly name: string; readonly code: string; readonly map: string }>;
  /** The modules it runs from its files: the entry and those in its modules file. */
  readonly modules: string[];
  readonly deferred: string[];
}

/**
 * The bundle of `entry` (its modules per `discovery`), two files: the entry (its own code and the loader) and, beside
 * it, `<entry>.modules.js` with every other module it holds. Apart because Node's `import` reads export names from
 * the entry's text at any depth: with the modules in it, it would find the names they give their own exports.
 */
export function bundle(lib: string, entry: string, discovery: Discovery): BundleFiles {
  const entryModule = readModule(lib, entry);
  const { deferred, modules: held } = deferReexports(entry, entryModule.code, discovery);
  let entryCode = entryModule.code;
  for (const d of deferred) entryCode = entryCode.replace(d.statement, () => deferredStatement(d));
  const names = new Set(held);
  const modulesFile = modulesFileOf(entry);
  // The name must be free: a file there is a bundle's own from an earlier compile, or a module of the package.
  const modulesPath = path.join(lib, ...modulesFile.split('/'));
  const isPackageModule = discovery.modules.includes(modulesFile)
    || (fs.existsSync(modulesPath) && !fs.readFileSync(modulesPath, 'utf-8').startsWith(MARKER));
  if (isPackageModule) {
    throw new BundleError(`bundle: cannot bundle lib/${entry}: lib/${modulesFile}, where its modules would go, is a module of the package`);
  }
  const requestsOf = (m: string) => {
    const requests: { [request: string]: string } = {};
    const made = discovery.requests[m] ?? {};
    for (const request of Object.keys(made).sort(compare)) if (names.has(made[request])) requests[request] = made[request];
    return requests;
  };
  const others = held.filter(m => m !== entry);
  const depth = entry.split('/').length - 1;
  const root = depth === 0 ? '__dirname' : `require('path').join(__dirname, ${JSON.stringify(Array(depth).fill('..').join('/'))})`;

  const main = new BundleFile(lib, entry);
  main.text(
    `${MARKER} ${entry} as tsc wrote it, run by a loader that runs the ${others.length} other modules of lib/ requiring it`,
    `// loads from ${path.posix.basename(modulesFile)} beside it, one file to compile and read instead of one per module (each module's`,
    '// own file still holds it). Generated: do not edit.',
    ...(deferred.length === 0 ? [] : [`// Loaded on first use of one of their names, from their own files: ${deferred.map(d => d.module).join(', ')}.`]),
    `${LOADER}(module, require, ${root}, ${JSON.stringify(entry)}, ${JSON.stringify(requestsOf(entry))}, ${JSON.stringify(`./${path.posix.basename(modulesFile)}`)}, (function (${PARAMETERS.join(', ')}) {`,
  );
  main.module({ ...entryModule, code: entryCode });
  main.text('}));', ...nameHints(discovery.names));

  const rest = new BundleFile(lib, modulesFile);
  rest.text(
    `${MARKER} the ${others.length} modules of lib/ that requiring ${entry} loads besides it, each as tsc wrote it (and its own`,
    `// file beside this one still holds it), each a function ${path.posix.basename(entry)}'s loader runs on its first use. Generated: do not edit.`,
    'module.exports = {',
  );
  for (const name of others) {
    // In parentheses: V8 compiles the function with the file, as it is run at once, instead of parsing it twice.
    rest.text(`${JSON.stringify(name)}: [${JSON.stringify(requestsOf(name))}, (function (${PARAMETERS.join(', ')}) {`);
    rest.module(readModule(lib, name));
    rest.text('})],');
  }
  rest.text('};');
  return {
    files: [{ name: entry, ...main.done() }, { name: modulesFile, ...rest.done() }],
    modules: held,
    deferred: deferred.map(d => d.module),
  };
}

/** Bundles every entry of `lib` (fresh tsc output) in place; what each holds. */
export function bundleLib(lib: string, entries: readonly BundleEntry[] = ENTRIES): Array<{ entry: string; modules: string[]; deferred: string[] }> {
  // Every entry is discovered from tsc's output before any file is rewritten.
  const found = entries.map(e => ({ entry: e.entry, discovery: discover(lib, e.entry, e.after) }));
  const written = found.map(f => ({ entry: f.entry, ...bundle(lib, f.entry, f.discovery) }));
  for (const w of written) {
    for (const f of w.files) {
      const file = path.join(lib, ...f.name.split('/'));
      fs.writeFileSync(file, f.code);
      fs.writeFileSync(file + '.map', f.map);
    }
  }
  return written.map(w => ({ entry: w.entry, modules: w.modules, deferred: w.deferred }));
}

if (require.main === module) {
  const lib = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'lib'));
  try {
    for (const b of bundleLib(lib)) console.log(`bundle: lib/${b.entry} runs ${b.modules.length} modules (itself and those of lib/${modulesFileOf(b.entry)}); ${b.deferred.length} re-exported modules load on first use`);
  } catch (e) {
    if (!(e instanceof BundleError)) throw e;
    console.error(e.message);
    process.exit(1);
  }
}
