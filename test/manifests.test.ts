import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { cli, tempFiles, yamlOf } from './cli-helpers';
import { FILES, isRefused, keyYaml, SCALARS, valueYaml } from './manifests-cases';
import { baseline, baselineSet } from './validation/fixtures';
import { InputError, ManifestDocument, readBytes, readManifests, ReadOptions } from '../src/manifests';
import { readStdin } from '../src/manifests/source';

/** Reads a text as one file, with the fast reader where it can, or with the complete reader alone. */
function read(text: string, options: ReadOptions = {}): { documents: ManifestDocument[]; errors: InputError[] } {
  const documents: ManifestDocument[] = [];
  const errors: InputError[] = [];
  readBytes('m.yaml', Buffer.from(text), documents, errors, options);
  return { documents, errors };
}

const READERS: Array<[string, ReadOptions]> = [['fast reader first', {}], ['complete reader only', { completeReaderOnly: true }]];

describe.each(READERS)('YAML 1.1 scalars as kubectl reads them (%s)', (_name, options) => {
  test.each(SCALARS.map(c => [c.scalar, c]))('%s', (_scalar, c) => {
    const asValue = read(valueYaml(c.scalar), options);
    if (isRefused(c.value)) {
      expect(asValue.errors).toEqual([expect.objectContaining({ file: 'm.yaml', line: 1, message: expect.stringMatching(/json: unsupported value/) })]);
    } else {
      expect(asValue.errors).toEqual([]);
      expect(asValue.documents.map(d => d.value)).toEqual([{ v: c.value }]);
    }
    const asKey = read(keyYaml(c.scalar), options);
    if (isRefused(c.key)) {
      expect(asKey.errors).toHaveLength(1);
      expect(asKey.documents).toEqual([]);
    } else {
      expect(asKey.errors).toEqual([]);
      expect(asKey.documents.map(d => Object.keys(d.value))).toEqual([[c.key]]);
    }
  });
});

describe.each(READERS)('files as kubectl reads them (%s)', (_name, options) => {
  test.each(FILES.map(c => [JSON.stringify(c.yaml), c]))('%s', (_yaml, c) => {
    const r = read(c.yaml, options);
    if (c.error || c.refused) {
      expect(r.documents).toEqual([]);
      expect(r.errors.length).toBeGreaterThan(0);
      if (c.error) expect(r.errors.map(e => e.message).join('\n')).toMatch(c.error);
      for (const e of r.errors) expect(e).toMatchObject({ file: 'm.yaml', line: expect.any(Number) });
    } else {
      expect(r.errors).toEqual([]);
      expect(r.documents.map(d => d.value)).toEqual(c.json);
    }
  });
});

test('the yaml package\'s own YAML 1.1 schema reads these differently (why src/manifests resolves scalars itself)', () => {
  const differing = SCALARS.filter(c => 'npm11Value' in c);
  expect(differing.length).toBeGreaterThan(10);
  for (const c of differing) {
    const parsed = YAML.parse(valueYaml(c.scalar), { version: '1.1', logLevel: 'silent' }).v;
    expect([c.scalar, JSON.parse(JSON.stringify(parsed ?? null))]).toEqual([c.scalar, c.npm11Value]);
  }
  for (const c of FILES.filter(f => f.npm11 !== undefined)) {
    expect(JSON.parse(JSON.stringify(YAML.parse(c.yaml, { version: '1.1', logLevel: 'silent' })))).toEqual(c.npm11);
  }
});

describe('lists: kubectl applies the items of a document with items', () => {
  const badImage = () => ({ ...baseline('Image'), spec: { ...baseline('Image').spec, tag: 'registry.example.com/My App' } });

  test('a kind: List holding a bad Image fails, with the line of the item\'s field', () => {
    const others = baselineSet().filter(m => m.kind !== 'Image');
    const dir = tempFiles({ 'list.yaml': yamlOf([{ apiVersion: 'v1', kind: 'List', items: [...others, badImage()] }]) });
    const r = cli('validate', '--json', dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.out).findings;
    const i1 = findings.find((f: any) => f.rule === 'I-1');
    expect(i1).toMatchObject({ kind: 'Image', name: 'app', path: 'spec.tag' });
    const lines = fs.readFileSync(path.join(dir, 'list.yaml'), 'utf-8').split('\n');
    expect(lines[i1.line - 1]).toMatch(/^\s+tag: registry\.example\.com\/My App$/);
    const summary = cli('validate', dir).out;
    expect(summary).toMatch(/in 9 kpack objects \(12 documents in 1 file/);
  });

  test('each item keeps its position: file, line of the item, document index, item path', () => {
    const text = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ServiceAccount\n  metadata:\n    name: b\n- apiVersion: v1\n  kind: ServiceAccount\n  metadata:\n    name: c\n';
    for (const [, options] of READERS) {
      const { documents, errors } = read(text, options);
      expect(errors).toEqual([]);
      expect(documents.map(d => [d.line, d.index, d.item, (d.value as any).metadata.name, d.lineOf('metadata.name')])).toEqual([
        [1, 1, undefined, 'a', 3],
        [8, 2, 'items[0]', 'b', 11],
        [12, 2, 'items[1]', 'c', 15],
      ]);
    }
  });

  test('an ImageList\'s items without kind and apiVersion are Images of its apiVersion; nested lists are flattened', () => {
    const image = baseline('Image');
    const { kind: _k, apiVersion: _a, ...bare } = image;
    const text = yamlOf([{ apiVersion: 'kpack.io/v1alpha2', kind: 'ImageList', items: [bare, { apiVersion: 'v1', kind: 'List', items: [baseline('ClusterStack')] }] }]);
    const { documents, errors } = read(text);
    expect(errors).toEqual([]);
    expect(documents.map(d => [d.value.apiVersion, d.value.kind, d.item])).toEqual([
      ['kpack.io/v1alpha2', 'Image', 'items[0]'],
      ['kpack.io/v1alpha2', 'ClusterStack', 'items[1].items[0]'],
    ]);
  });

  test('items: null is an empty list; items that are not a list, or not objects, are input errors', () => {
    expect(read('apiVersion: v1\nkind: List\nitems:\n')).toEqual({ documents: [], errors: [] });
    const notList = read('apiVersion: v1\nkind: List\nitems: 3\n');
    expect(notList.errors).toEqual([{ file: 'm.yaml', line: 3, document: 1, message: expect.stringMatching(/^document 1 has a top-level items that is the number 3/) }]);
    const notObject = read('apiVersion: v1\nkind: List\nitems:\n- a\n');
    expect(notObject.errors).toEqual([{ file: 'm.yaml', line: 4, document: 1, message: expect.stringMatching(/^document 1: items\[0\] is the text "a", not a Kubernetes object/) }]);
  });
});

test('input that starts with { is a stream of JSON objects, as kubectl reads it (kubectl get -o json | validate -)', () => {
  const list = { apiVersion: 'v1', kind: 'List', items: [baseline('ClusterStack'), { ...baseline('Image'), spec: { ...baseline('Image').spec, tag: 'registry.example.com/apps/app' } }] };
  const text = `${JSON.stringify(baseline('ClusterStore'), undefined, 2)}\n${JSON.stringify(list, undefined, 2).split('.com/apps/app').join('.com\\/apps\\/app')}`;
  expect(text).toContain('registry.example.com\\/apps'); // JSON's escaped slash, which YAML 1.1 refuses
  const { documents, errors } = read(text);
  expect(errors).toEqual([]);
  expect(documents.map(d => [d.value.kind, d.index, d.item, d.line])).toEqual([
    ['ClusterStore', 1, undefined, 1],
    ['ClusterStack', 2, 'items[0]', expect.any(Number)],
    ['Image', 2, 'items[1]', expect.any(Number)],
  ]);
  expect((documents[2].value as any).spec.tag).toBe('registry.example.com/apps/app');
  const lines = text.split('\n');
  expect(lines[documents[2].lineOf('spec.tag') - 1]).toMatch(/^\s+"tag": "registry/);
  expect(lines[documents[1].line - 1]).toMatch(/^\s+\{$/);
  expect(read('{"a": 1} {"b": ').errors).toEqual([{ file: 'm.yaml', line: 1, document: 2, message: expect.stringMatching(/^JSON syntax error: /) }]);
});

describe('bounded input', () => {
  test('a FIFO is refused by its type, without opening it (which would wait for a writer)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kpack-fifo-'));
    const fifo = path.join(dir, 'pipe.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = cli('validate', fifo);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${fifo}: is a FIFO (named pipe), not a regular file`);
    // Found in a folder too.
    expect(cli('validate', dir).err).toContain(`${fifo}: is a FIFO (named pipe), not a regular file`);
  });

  test('/dev/zero is refused by its type (a character device), not read', () => {
    const r = cli('validate', '/dev/zero');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^\/dev\/zero: is a character device, not a regular file/);
  });

  test('descriptor and lock read their files bounded too: no FIFO, no device', () => {
    const descriptor = cli('descriptor', '/dev/zero');
    expect(descriptor.code).not.toBe(0);
    expect(descriptor.err).toMatch(/kp descriptor \/dev\/zero: is a character device, not a regular file/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kpack-fifo-'));
    const fifo = path.join(dir, 'lock.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const manifests = tempFiles({ 'set.yaml': yamlOf(baselineSet()) });
    const lock = cli('lock', manifests, '--out', fifo);
    expect(lock.code).toBe(2);
    expect(lock.err).toMatch(/lock\.yaml: is a FIFO \(named pipe\), not a regular file/);
  });

  test('an endless standard input stops at the limit while it is read', () => {
    let reads = 0;
    const endless = (buffer: Buffer) => {
      reads++;
      buffer.fill(0x61);
      return buffer.length;
    };
    const result = readStdin(3 * 1024 * 1024, endless);
    expect(result).toEqual({ error: 'is more than the 3145728 bytes this command reads: split it' });
    expect(reads).toBeLessThanOrEqual(4); // pieces of 1 MiB: it stopped at the limit
  });

  test('the command on an endless stream (a real pipe from `yes`): exit 2 at the 64 MiB limit', () => {
    const root = path.join(__dirname, '..');
    const result = spawnSync('bash', ['-c', `yes 'a: b' | exec "${process.execPath}" -r ts-node/register/transpile-only src/cli/main.ts validate -`], {
      cwd: root, encoding: 'utf-8', timeout: 120_000, env: { ...process.env, TS_NODE_PROJECT: path.join(root, 'tsconfig.dev.json') },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^<stdin>: is more than the 67108864 bytes this command reads: split it\n/);
  });

  test('a file above the limit is refused before it is read', () => {
    const dir = tempFiles({ 'big.yaml': 'a: ' + 'x'.repeat(2000) + '\n' });
    const r = readManifests([dir], { maxBytes: 1000 });
    expect(r.errors).toEqual([{ file: path.join(dir, 'big.yaml'), message: 'is 2004 bytes, more than the 1000 bytes this command reads: split it' }]);
  });

  test('a map of 200,000 keys is read, and a duplicate key among them is reported with its line', () => {
    const keys = Array.from({ length: 200_000 }, (_, i) => `k${i}: ${i}`);
    const ok = read(`apiVersion: v1\nkind: ConfigMap\ndata:\n${keys.map(k => `  ${k}`).join('\n')}\n`);
    expect(ok.errors).toEqual([]);
    expect(Object.keys((ok.documents[0].value as any).data)).toHaveLength(200_000);
    // The yaml package's own check is quadratic (40,000 keys: 16 s); this one is linear (times: bench/manifests.ts).
    const duplicated = [...keys.slice(0, 150_000), 'k7: again', ...keys.slice(150_000)];
    const r = read(`apiVersion: v1\nkind: ConfigMap\ndata:\n${duplicated.map(k => `  ${k}`).join('\n')}\n`);
    expect(r.errors).toEqual([{ file: 'm.yaml', line: 150_004, document: 1, message: expect.stringMatching(/^document 1 has the key "k7" twice in one mapping/) }]);
  });

  test('binary files, non-UTF-8 text, alias bombs and deep nesting are still refused', () => {
    expect(read('a: \u0000').errors[0].message).toMatch(/contains NUL bytes/);
    const bytes = Buffer.from([0x61, 0x3a, 0x20, 0xff]);
    const errors: InputError[] = [];
    readBytes('x.yaml', bytes, [], errors);
    expect(errors[0].message).toMatch(/is not UTF-8 text/);
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    expect(read(bomb.join('\n')).errors[0].message).toMatch(/^document 1 cannot be read: it expands too many aliases/);
    const deep = 'a:\n' + Array.from({ length: 1100 }, (_, i) => ' '.repeat(i + 1) + 'a:').join('\n') + '\n';
    expect(read(deep).errors[0].message).toMatch(/nested more than 1000 levels deep|nested too deeply/);
  });
});

test('input errors are data: file, line, document and message; reading never throws', () => {
  const dir = tempFiles({ 'a.yaml': 'apiVersion: v1\nkind: ServiceAccount\n---\nmetadata:\n  name: a: b\n', 'b.yaml': '- 1\n' });
  const r = readManifests([dir, path.join(dir, 'missing.yaml')]);
  expect(r.documents).toEqual([]);
  expect(r.errors).toEqual([
    { file: path.join(dir, 'a.yaml'), line: 5, document: 2, message: expect.stringMatching(/^YAML syntax error: /) },
    { file: path.join(dir, 'b.yaml'), line: 1, document: 1, message: 'document 1 is a list, not a Kubernetes object (a mapping with apiVersion and kind)' },
    { file: path.join(dir, 'missing.yaml'), message: 'no such file or folder' },
  ]);
});

test('the fast reader reads what cdk8s writes; positions of documents and fields are those of the file', () => {
  const set = baselineSet();
  const text = yamlOf(set);
  const fast = readManifests([tempFiles({ 's.yaml': text })].map(d => path.join(d, 's.yaml')));
  expect(fast.fastDocuments).toBe(set.length);
  const complete = read(text, { completeReaderOnly: true });
  expect(fast.documents.map(d => d.value)).toEqual(set);
  expect(complete.documents.map(d => d.value)).toEqual(set);
  const lines = text.split('\n');
  fast.documents.forEach((d, i) => {
    expect(lines[d.line - 1]).toMatch(/^apiVersion: /);
    expect(d.index).toBe(i + 1);
    expect(lines[d.lineOf('metadata.name') - 1]).toBe(`  name: ${set[i].metadata.name}`);
    expect(d.lineOf('metadata.name')).toBe(complete.documents[i].lineOf('metadata.name'));
  });
});
