import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { cli, tempFiles, yamlOf } from './cli-helpers';
import { baseline, baselineSet } from './validation/fixtures';
import { run } from '../src/cli/main';
import { validateCommand } from '../src/cli/validate-command';
import { pathSegments, readBytes } from '../src/manifests';
import { KpackValidator } from '../src/validation';

const BAD_IMAGE = `# an Image with three mistakes
apiVersion: kpack.io/v1alpha2
kind: Image
metadata:
  name: app
  namespace: team-a
spec:
  tag: registry.example.com/My App
  builder:
    kind: Builder
    name: builder
  serviceAccountName: builder-sa
  source:
    git:
      url: https://github.com/example/app.git
      revison: main
`;

/** Standard input as pieces of `bytes`. */
function readerOf(bytes: Buffer): (buffer: Buffer) => number {
  let at = 0;
  return buffer => {
    const n = bytes.copy(buffer, 0, at);
    at += n;
    return n;
  };
}

function validSet(): any[] {
  return baselineSet();
}

describe('validate', () => {
  test('a valid set: exit 0, no findings, a summary line', () => {
    const dir = tempFiles({ 'all.yaml': yamlOf(validSet()) });
    const r = cli('validate', dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^cdk8s-kpack validate: no problems in 9 kpack objects \(12 documents in 1 file, kpack v0\.17\.2\)\n$/);
  });

  test('errors: exit 1, one line per finding with file:line, object, field path, message and rule', () => {
    const dir = tempFiles({ 'set.yaml': yamlOf(validSet().filter(m => m.kind !== 'Image')), 'image.yaml': BAD_IMAGE });
    const r = cli('validate', dir);
    expect(r.code).toBe(1);
    const file = path.join(dir, 'image.yaml');
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toEqual([
      `${file}:8: error (admission): Image team-a/app: spec.tag "registry.example.com/My App" is not a valid image reference: `
        + 'repository must be lower case (a-z 0-9 _ . / -) (kpack: invalid value: registry.example.com/My App) [I-1]',
      expect.stringMatching(new RegExp(`^${file}:14: error \\(admission\\): Image team-a/app: spec\\.source\\.git\\.revision is required.* \\[SRC-4\\]$`)),
      expect.stringMatching(new RegExp(`^${file}:16: warning \\(advice\\): Image team-a/app: kpack silently drops spec\\.source\\.git\\.revison: it is not a field of Git; did you mean \`revision\`\\? \\[unknown-field\\]$`)),
      'cdk8s-kpack validate: 2 errors, 1 warning in 9 kpack objects (12 documents in 2 files, kpack v0.17.2)',
    ]);
  });

  test('-o json (or --json): findings as {severity, stage, file, line, kind, name, namespace, path, message, rule}', () => {
    const dir = tempFiles({ 'image.yaml': BAD_IMAGE });
    const r = cli('validate', '--json', path.join(dir, 'image.yaml'));
    expect(r.code).toBe(1);
    expect(cli('validate', '-o', 'json', path.join(dir, 'image.yaml')).out).toBe(r.out);
    const findings = JSON.parse(r.out).findings;
    expect(findings.map((f: any) => [f.severity, f.line, f.rule, f.path])).toEqual([
      ['error', 8, 'I-1', 'spec.tag'],
      ['warning', 11, 'ref-missing', 'spec.builder.name'],
      ['warning', 12, 'ref-missing', 'spec.serviceAccountName'],
      ['error', 14, 'SRC-4', 'spec.source.git.revision'],
      ['warning', 16, 'unknown-field', 'spec.source.git.revison'],
    ]);
    expect(Object.keys(findings[0])).toEqual(['severity', 'stage', 'file', 'line', 'kind', 'name', 'namespace', 'path', 'message', 'rule']);
    expect(findings[0]).toMatchObject({ file: path.join(dir, 'image.yaml'), kind: 'Image', name: 'app', namespace: 'team-a' });
  });

  test('the same findings as the engine, for every object of a generated set', () => {
    const manifests = validSet();
    manifests[7].spec.tag = 'Bad Tag';
    manifests[5].spec.stack.kind = 'Stack';
    manifests[0].spec.unknownField = 1;
    const dir = tempFiles({ 'set.yaml': yamlOf(manifests) });
    const json = JSON.parse(cli('validate', '--json', dir).out).findings;
    const engine = KpackValidator.validateManifests(manifests);
    expect(json.map((f: any) => f.message).sort()).toEqual(engine.map(f => f.message).sort());
    expect(json).toHaveLength(3);
  });

  test('missing references are warnings (exit 0), errors with --strict-references (exit 1)', () => {
    const dir = tempFiles({ 'image.yaml': yamlOf([baseline('Image')]) });
    const lenient = cli('validate', dir);
    expect(lenient.code).toBe(0);
    expect(lenient.out).toMatch(/warning \(advice\): Image team-a\/app: spec\.builder\.name names Builder "builder" in namespace "team-a", which is not in the manifests/);
    const strict = cli('validate', '--strict-references', dir);
    expect(strict.code).toBe(1);
    expect(strict.out).toMatch(/error \(advice\): Image team-a\/app: spec\.builder\.name names Builder "builder"/);
    const allStrict = cli('validate', '--strict', dir);
    expect(allStrict.code).toBe(1);
  });

  test('--strict makes advice (a field kpack drops) an error', () => {
    const image = validSet().find(m => m.kind === 'Image')!;
    image.spec.syncPeriod = '5m';
    const dir = tempFiles({ 'set.yaml': yamlOf(validSet().filter(m => m.kind !== 'Image').concat([image])) });
    const lenient = cli('validate', dir);
    expect(lenient.code).toBe(0);
    expect(lenient.out).toMatch(/warning \(advice\): Image team-a\/app: kpack silently drops spec\.syncPeriod/);
    const strict = cli('validate', '--strict', dir);
    expect(strict.code).toBe(1);
    expect(strict.out).toMatch(/error \(advice\): Image team-a\/app: kpack silently drops spec\.syncPeriod/);
  });

  test('a reference to an object in another namespace says so', () => {
    const builder = baseline('Builder');
    builder.metadata.namespace = 'team-b';
    const dir = tempFiles({ 'set.yaml': yamlOf([baseline('Image'), builder]) });
    const r = cli('validate', dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/warning \(advice\): .*spec\.builder\.name names Builder "builder", which is in namespace "team-b", not "team-a"/);
    expect(cli('validate', '--strict-references', dir).code).toBe(1);
  });

  test('--kpack-version v0.16.1: a ClusterLifecycle is an error; other versions are refused', () => {
    const dir = tempFiles({ 'lifecycle.yaml': yamlOf([baseline('ClusterLifecycle')]) });
    expect(cli('validate', dir).code).toBe(0);
    const old = cli('validate', '--kpack-version', 'v0.16.1', dir);
    expect(old.code).toBe(1);
    expect(old.out).toMatch(/kind "ClusterLifecycle" does not exist in kpack v0\.16\.1/);
    const bad = cli('validate', '--kpack-version=v0.15.0', dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/option --kpack-version "v0\.15\.0" is not supported: use one of v0\.17\.2, v0\.16\.1/);
  });

  test('folders: every *.yaml and *.yml below, in name order; other files and other kinds are ignored', () => {
    const [stack, store, image] = [baseline('ClusterStack'), baseline('ClusterStore'), baseline('Image')];
    image.spec.tag = 'Bad Tag';
    const dir = tempFiles({
      'b/stack.yml': yamlOf([stack]),
      'a/deeper/store.yaml': yamlOf([store, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { bogus: 1 } }]),
      'README.md': 'not yaml: [',
      'image.json': JSON.stringify(image),
      'c.YAML': '---\n---\n',
    });
    const r = cli('validate', dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/no problems in 2 kpack objects \(3 documents in 3 files/);
  });

  test('standard input as -', () => {
    let out = '';
    const code = validateCommand(['-'], { out: t => void (out += t), err: () => undefined }, { readStdin: readerOf(Buffer.from(BAD_IMAGE)) });
    expect(code).toBe(1);
    expect(out).toMatch(/^<stdin>:8: error \(admission\): Image team-a\/app: spec\.tag/);
  });

  test('line of fields under quoted keys, list items, aliases, case-mismatched keys and missing fields', () => {
    const text = [
      'apiVersion: kpack.io/v1alpha2', // 1
      'kind: Image', // 2
      'metadata: {name: app, namespace: team-a}', // 3
      'spec:', // 4
      '  Tag: registry.example.com/apps/app', // 5
      '  builder: {kind: Builder, name: builder}', // 6
      '  source: &src', // 7
      '    git: {url: "https://github.com/example/app"}', // 8
      '  build:', // 9
      '    nodeSelector:', // 10
      '      kubernetes.io/os: linux', // 11
      '    env:', // 12
      '      - name: A', // 13
      '        value: "1"', // 14
      '      - name: B', // 15
      '        valueFrom: {secretKeyRef: {name: s, key: k}}', // 16
      '  cache: {registry: *src}', // 17
    ].join('\n');
    const dir = tempFiles({ 'image.yaml': text });
    const findings = JSON.parse(cli('validate', '--json', dir).out).findings;
    const lineOf = (p: string) => findings.find((f: any) => f.path === p)?.line;
    expect(lineOf('spec.Tag')).toBe(5); // case mismatch warning, on the key
    expect(lineOf('spec.builder.name')).toBe(6); // a flow mapping
    expect(lineOf('spec.source.git.revision')).toBe(8); // missing: the deepest part present
    expect(lineOf('spec.build.nodeSelector["kubernetes.io/os"]')).toBe(11);
    expect(lineOf('spec.build.env[1].valueFrom.secretKeyRef')).toBe(16);
    expect(lineOf('spec.cache.registry.git')).toBe(8); // through the alias, where the anchored value is
  });

  test('path segments of engine field paths', () => {
    expect(pathSegments('spec.order[10].group[2].id')).toEqual(['spec', 'order', 10, 'group', 2, 'id']);
    expect(pathSegments('spec.build.nodeSelector["kubernetes.io/os"]')).toEqual(['spec', 'build', 'nodeSelector', 'kubernetes.io/os']);
    expect(pathSegments('metadata.annotations["a\\"b"].x')).toEqual(['metadata', 'annotations', 'a"b', 'x']);
    expect(pathSegments('')).toEqual([]);
    expect(pathSegments('a[x]')).toBeUndefined();
  });
});

describe('input that cannot be read: exit 2 and a clear message, nothing checked', () => {
  function expectInputProblem(files: { [name: string]: string | Buffer }, message: RegExp, at?: string): void {
    const dir = tempFiles(files);
    const r = cli('validate', dir);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    if (at) expect(r.err).toContain(path.join(dir, at));
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  }

  test('a missing file', () => {
    const r = cli('validate', '/nonexistent/kpack.yaml');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^\/nonexistent\/kpack\.yaml: no such file or folder\n/);
  });

  test('a YAML syntax error, as file:line', () => {
    expectInputProblem({ 'bad.yaml': 'apiVersion: v1\nkind: ServiceAccount\n---\nmetadata:\n  name: a: b\nkind: Secret\n' }, /bad\.yaml:5: YAML syntax error: /, 'bad.yaml');
  });

  test('duplicate keys', () => {
    expectInputProblem({ 'dup.yaml': 'kind: Image\nkind: Build\n' }, /dup\.yaml:2: document 1 has the key "kind" twice in one mapping/);
  });

  test('a document that is not an object', () => {
    expectInputProblem({ 'list.yaml': yamlOf([baseline('ClusterStack')]) + '---\n- a\n- b\n' }, /list\.yaml:\d+: document 2 is a list, not a Kubernetes object/);
    expectInputProblem({ 'text.yaml': 'just text\n' }, /text\.yaml:1: document 1 is the text "just text", not a Kubernetes object/);
    expectInputProblem({ 'number.yaml': '42\n' }, /document 1 is the number 42/);
  });

  test('binary files and text that is not UTF-8', () => {
    expectInputProblem({ 'x.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]) }, /x\.yaml: is not a text file \(it contains NUL bytes\)/);
    expectInputProblem({ 'y.yaml': Buffer.from([0x61, 0x3a, 0x20, 0xff, 0xfe]) }, /y\.yaml: is not UTF-8 text/);
  });

  test('a file above the size limit', () => {
    let err = '';
    const dir = tempFiles({ 'big.yaml': 'a: ' + 'x'.repeat(2000) + '\n' });
    const code = validateCommand([dir], { out: () => undefined, err: t => void (err += t) }, { maxBytes: 1000 });
    expect(code).toBe(2);
    expect(err).toMatch(/big\.yaml: is 2004 bytes, more than the 1000 bytes this command reads: split it/);
  });

  test('an alias bomb is refused quickly', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const start = Date.now();
    expectInputProblem({ 'bomb.yaml': levels.join('\n') + '\n' }, /bomb\.yaml:1: document 1 cannot be read: it expands too many aliases/);
    expect(Date.now() - start).toBeLessThan(5000);
  });

  test('deeply nested YAML: an input problem or findings, never a crash', () => {
    for (const text of ['a: ' + '['.repeat(50_000) + ']'.repeat(50_000), 'spec:\n' + Array.from({ length: 3000 }, (_, i) => ' '.repeat(i + 2) + 'a:').join('\n')]) {
      const dir = tempFiles({ 'deep.yaml': `apiVersion: kpack.io/v1alpha2\nkind: Image\nmetadata: {name: x}\n${text}\n` });
      const r = cli('validate', dir);
      expect([1, 2]).toContain(r.code);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  test('a folder without YAML files', () => {
    expectInputProblem({ 'notes.txt': 'hello' }, /: no \*\.yaml or \*\.yml files in this folder/);
  });

  test('every problem is listed, then a summary', () => {
    const dir = tempFiles({ 'a.yaml': '- 1\n', 'b.yaml': 'x: [\n' });
    const r = cli('validate', dir);
    expect(r.err.trimEnd().split('\n')).toEqual([
      `${path.join(dir, 'a.yaml')}:1: document 1 is a list, not a Kubernetes object (a mapping with apiVersion and kind)`,
      expect.stringMatching(/b\.yaml:\d+: YAML syntax error: /),
      'cdk8s-kpack validate: 2 input problems, nothing checked',
    ]);
  });
});

describe('command line', () => {
  test('usage mistakes exit 2 with the usage text', () => {
    expect(cli()).toMatchObject({ code: 2, err: expect.stringMatching(/^usage: cdk8s-kpack COMMAND/) });
    expect(cli('lint', 'x')).toMatchObject({ code: 2, err: expect.stringMatching(/^cdk8s-kpack: unknown command "lint"/) });
    expect(cli('validate')).toMatchObject({ code: 2, err: expect.stringMatching(/give at least one file or folder/) });
    expect(cli('validate', '--strictly', 'x')).toMatchObject({ code: 2, err: expect.stringMatching(/unknown option "--strictly" \(did you mean --strict\?\): known options are -o\/--output, --json, -q\/--quiet, /) });
    expect(cli('validate', '--strictly', 'x').err).toMatch(/, -h\/--help\n/);
    expect(cli('validate', '-x', 'x')).toMatchObject({ code: 2, err: expect.stringMatching(/unknown option "-x": known options are/) });
    expect(cli('validate', '--json=yes', 'x')).toMatchObject({ code: 2, err: expect.stringMatching(/option --json takes no value/) });
    expect(cli('validate', 'x', '--kpack-version')).toMatchObject({ code: 2, err: expect.stringMatching(/option --kpack-version needs a value/) });
  });

  test('one parser (util.parseArgs) for every command: -h is -h/--help, repeated options, values that are options', () => {
    for (const command of ['validate', 'graph', 'descriptor', 'lock']) {
      const r = cli(command, '--bogus', 'x');
      expect([command, r.code, r.err]).toEqual([command, 2, expect.stringMatching(new RegExp(`^cdk8s-kpack ${command}: unknown option "--bogus": known options are .*-h/--help\n`))]);
      expect(r.err).not.toContain('--h,');
      expect(cli(command, '-h')).toMatchObject({ code: 0, out: expect.stringMatching(new RegExp(`^usage: cdk8s-kpack ${command}`)) });
    }
    expect(cli('validate', '--output', '--quiet', 'x')).toMatchObject({ code: 2, err: expect.stringMatching(/option --output needs a value, got the option "--quiet"/) });
    expect(cli('validate', '--quiet=yes', 'x')).toMatchObject({ code: 2, err: expect.stringMatching(/option --quiet takes no value, got "yes"/) });
    expect(cli('validate', '-o=json', 'x').err).toMatch(/option -o "=json" is not supported/);
    expect(cli('graph', '--format', 'dot', '--format', 'mermaid', 'x').err).toMatch(/option --format is given twice \("dot" and "mermaid"\): give it once/);
    expect(cli('lock', '--out', 'a', '--out', 'b', 'x').err).toMatch(/option --out is given twice/);
    const dir = tempFiles({ 'set.yaml': yamlOf([baseline('ClusterStack')]) });
    expect(cli('validate', '--strict', '--strict', '-o', 'text', '--output=text', dir).code).toBe(0);
    expect(cli('graph', '--format=dot', dir).out).toMatch(/^digraph /);
  });

  test('help and version exit 0', () => {
    expect(cli('--help')).toMatchObject({ code: 0, out: expect.stringMatching(/validate .*\n\s+graph /) });
    expect(cli('validate', '--help')).toMatchObject({ code: 0, out: expect.stringMatching(/--strict-references/) });
    expect(cli('--version')).toMatchObject({ code: 0, out: expect.stringMatching(/^\S+\n$/) });
  });

  test('a path after -- may start with a dash', () => {
    const dir = tempFiles({ '-odd.yaml': yamlOf([baseline('ClusterStack')]) });
    const r = spawnSafeCwd(dir, () => cli('validate', '--', '-odd.yaml'));
    expect(r.code).toBe(0);
  });

  test('the bin runs as a process: exit code and output', () => {
    const dir = tempFiles({ 'image.yaml': BAD_IMAGE });
    const root = path.join(__dirname, '..');
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(root, 'src/cli/main.ts'), 'validate', dir], {
      cwd: root, encoding: 'utf-8', env: { ...process.env, TS_NODE_PROJECT: path.join(root, 'tsconfig.dev.json') },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/image\.yaml:8: error \(admission\): Image team-a\/app: spec\.tag/);
    expect(fs.readFileSync(path.join(root, 'src/cli/main.ts'), 'utf-8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});

describe('lazy command modules: only the commands that need constructs load cdk8s', () => {
  /** Runs `cdk8s-kpack ARGS` in a fresh process; returns its exit code and the packages of node_modules it loaded. */
  function loaded(...args: string[]): { code: number; packages: string[] } {
    const root = path.join(__dirname, '..');
    const script = `const { run } = require(${JSON.stringify(path.join(root, 'src/cli/main.ts'))});
const code = run(${JSON.stringify(args)}, { out: () => undefined, err: () => undefined });
const packages = new Set(Object.keys(require.cache).map(f => /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(f)?.[1]).filter(Boolean));
process.stdout.write(JSON.stringify({ code, packages: [...packages].sort() }));`;
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: root, encoding: 'utf-8', env: { ...process.env, TS_NODE_PROJECT: path.join(root, 'tsconfig.dev.json') },
    });
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout);
  }
  const CONSTRUCTS = ['cdk8s', 'cdk8s-plus-27', 'constructs'];

  test('--help, validate and lock do not load cdk8s, cdk8s-plus-27 or constructs', () => {
    const dir = tempFiles({ 'image.yaml': BAD_IMAGE });
    const help = loaded('--help');
    // --help loads none of the packages (not even the YAML reader).
    expect([help.code, help.packages.filter(p => [...CONSTRUCTS, 'yaml'].includes(p))]).toEqual([0, []]);
    for (const args of [['validate', '-o', 'sarif', '--external', path.join(dir, 'image.yaml'), dir], ['lock', dir], ['graph', dir]]) {
      const r = loaded(...args);
      expect([args, r.packages.filter(p => CONSTRUCTS.includes(p))]).toEqual([args, []]);
    }
    // Block-style YAML is read by the fast reader: the yaml package is loaded only when a document needs it.
    expect(loaded('validate', dir).packages).not.toContain('yaml');
    const anchored = tempFiles({ 'anchor.yaml': 'apiVersion: kpack.io/v1alpha2\nkind: ClusterStack\nmetadata: &m\n  name: a\n' });
    expect(loaded('validate', anchored).packages).toContain('yaml');
  });

  test('descriptor loads them (the check above can fail)', () => {
    expect(loaded('descriptor', '/nonexistent/descriptor.yaml').packages).toEqual(expect.arrayContaining(CONSTRUCTS));
  });
});

function spawnSafeCwd<T>(dir: string, f: () => T): T {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return f();
  } finally {
    process.chdir(cwd);
  }
}

describe('never throws', () => {
  test('random bytes and random text', () => {
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ maxLength: 300 }).map(s => Buffer.from(s))), bytes => {
      const documents: any[] = [];
      const problems: any[] = [];
      readBytes('x.yaml', bytes, documents, problems);
      for (const p of problems) expect(typeof p.message).toBe('string');
    }), { numRuns: 300 });
  });

  test('YAML-like text made of YAML syntax', () => {
    const token = fc.constantFrom('a', ':', ' ', '\n', '-', '[', ']', '{', '}', '&x', '*x', '!!str', '---', '"', "'", '#', '|', '>', '?', ',', '  ');
    fc.assert(fc.property(fc.array(token, { maxLength: 60 }), tokens => {
      const documents: any[] = [];
      const problems: any[] = [];
      readBytes('x.yaml', Buffer.from(tokens.join('')), documents, problems);
      for (const d of documents) expect(typeof d.value).toBe('object');
    }), { numRuns: 300 });
  });

  test('generated manifests through the whole command: exit 0, 1 or 2, never a throw', () => {
    const value = fc.oneof(fc.constantFrom('', 'Builder', 'base', 'gcr.io/app:1', 'Bad Tag'), fc.integer(), fc.boolean(), fc.constant(null));
    const manifest = fc.record({
      apiVersion: fc.constantFrom('kpack.io/v1alpha2', 'kpack.io/v1alpha1', 'v1'),
      kind: fc.constantFrom('Image', 'Builder', 'ClusterBuilder', 'ClusterStack', 'Build', 'ServiceAccount', 'Secret'),
      metadata: fc.record({ name: fc.constantFrom('a', 'b', ''), namespace: fc.constantFrom('x', 'y') }),
      spec: fc.dictionary(fc.constantFrom('tag', 'builder', 'stack', 'source', 'order', 'serviceAccountName', 'bogus'), fc.oneof(value, fc.dictionary(fc.string({ maxLength: 5 }), value))),
    });
    fc.assert(fc.property(fc.array(manifest, { maxLength: 5 }), fc.boolean(), (manifests, json) => {
      const dir = tempFiles({ 'm.yaml': yamlOf(manifests) });
      const r = cli('validate', ...json ? ['--json'] : [], dir);
      expect([0, 1, 2]).toContain(r.code);
      if (json) expect(Array.isArray(JSON.parse(r.out).findings)).toBe(true);
      fs.rmSync(dir, { recursive: true });
    }), { numRuns: 60 });
  });
});

test('the command table runs descriptor and lock too', () => {
  for (const name of ['descriptor', 'lock']) {
    const out: string[] = [];
    const code = run([name, '--help'], { out: t => { out.push(t); }, err: () => undefined });
    expect([name, code, out.join('')]).toEqual([name, 0, expect.stringMatching(new RegExp(`^usage: cdk8s-kpack ${name}`))]);
  }
});

describe('validate --previous', () => {
  test('checks the documents as updates of the objects in PATH: a changed Image tag is refused', () => {
    const before = validSet();
    const after = validSet();
    after.find(m => m.kind === 'Image')!.spec.tag = 'registry.example.com/apps/renamed';
    const dir = tempFiles({ 'old/set.yaml': yamlOf(before), 'new/set.yaml': yamlOf(after) });
    expect(cli('validate', path.join(dir, 'new')).code).toBe(0);
    const r = cli('validate', '--previous', path.join(dir, 'old'), path.join(dir, 'new'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/error \(admission\): Image team-a\/app: spec\.tag cannot change: the Image was created with "registry\.example\.com\/apps\/app", now it says .* \[I-2\]/);
  });
});
