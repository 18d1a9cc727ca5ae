/**
 * The fast reader gives exactly the complete reader's result on everything it reads: the same JSON, the same
 * errors, the same lines. Property tests over generated YAML (seeded, bounded), and the YAML of real manifests.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import * as fc from 'fast-check';
import { yamlOf } from './cli-helpers';
import { SCALARS } from './manifests-cases';
import { EXAMPLES } from '../examples';
import { baselineSet } from './validation/fixtures';
import { InputError, ManifestDocument, pathSegments, readBytes, readManifests } from '../src/manifests';

/** Seeded and bounded in `npm test`; MANIFESTS_FUZZ_RUNS=N MANIFESTS_FUZZ_SEED=S for a longer search. */
const SEED = Number(process.env.MANIFESTS_FUZZ_SEED ?? 20261130);
const RUNS = Number(process.env.MANIFESTS_FUZZ_RUNS ?? 500);

interface Read {
  readonly documents: ManifestDocument[];
  readonly errors: InputError[];
  readonly fast: number;
}

function read(text: string, completeReaderOnly: boolean): Read {
  const documents: ManifestDocument[] = [];
  const errors: InputError[] = [];
  const counts = { fast: 0 };
  readBytes('g.yaml', Buffer.from(text), documents, errors, { completeReaderOnly }, counts);
  return { documents, errors, fast: counts.fast };
}

/** Every path into a value: keys and indexes, as engine field paths. */
function paths(value: unknown, prefix = '', out: string[] = []): string[] {
  if (out.length > 200) return out;
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push(`${prefix}[${i}]`);
      paths(v, `${prefix}[${i}]`, out);
    });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = /^[A-Za-z0-9_-]+$/.test(k) ? `${prefix}${prefix ? '.' : ''}${k}` : `${prefix}[${JSON.stringify(k)}]`;
      out.push(p);
      paths(v, p, out);
    }
  }
  return out;
}

/** Both readers on `text`: the same documents, errors and lines of every field. Returns how many the fast reader read. */
function expectSameReading(text: string): number {
  const fast = read(text, false);
  const complete = read(text, true);
  expect(fast.errors).toEqual(complete.errors);
  expect(fast.documents.map(d => d.value)).toEqual(complete.documents.map(d => d.value));
  fast.documents.forEach((d, i) => {
    const other = complete.documents[i];
    expect([d.line, d.index, d.item]).toEqual([other.line, other.index, other.item]);
    for (const p of paths(d.value).slice(0, 200)) {
      expect(pathSegments(p)).toBeDefined();
      expect([p, d.lineOf(p)]).toEqual([p, other.lineOf(p)]);
    }
    expect(d.lineOf('no.such.field')).toBe(other.lineOf('no.such.field'));
  });
  return fast.fast;
}

// Scalars: the table's, words of YAML's special characters, numbers, and quoted texts with escapes.
const plainChars = fc.constantFrom('a', 'b', 'y', 'n', 'o', '0', '1', '7', 'x', 'e', 'E', '.', '-', '+', '_', ':', '/', '#', ' ', '~', ',', '[', ']', '{', '}',
  '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '?', '\\', '=', 'é', '😀');
const plain = fc.oneof(
  fc.constantFrom(...SCALARS.map(c => c.scalar), 'yes', 'on', '0777', '1e3', '.5', '~', '2001-12-14', '1_000', '-1', '0x1F', 'http://x:80/a#b', 'a b', 'a: b', 'a #b'),
  fc.array(plainChars, { minLength: 1, maxLength: 8 }).map(a => a.join('')),
);
const escapes = fc.constantFrom('\\n', '\\t', '\\"', '\\\\', '\\/', '\\\'', '\\x41', '\\u00e9', '\\ud83d', '\\U0001F600', '\\a', '\\e', '\\ ', '\\0', '\\q', '\\x4');
const doubleQuoted = fc.array(fc.oneof(plainChars, escapes), { maxLength: 6 }).map(a => `"${a.join('').replace(/(^|[^\\])"/g, '$1\\"')}"`);
const singleQuoted = fc.array(plainChars, { maxLength: 6 }).map(a => `'${a.join('').replace(/'/g, '\'\'')}'`);
const scalar = fc.oneof({ weight: 4, arbitrary: plain }, { weight: 1, arbitrary: doubleQuoted }, { weight: 1, arbitrary: singleQuoted },
  { weight: 1, arbitrary: fc.constantFrom('{}', '[]', '{ }', '[1]', '{a: 1}', '&a x', '*a', '!!str 1', '!!int 1', '|', '>', '- x', '<<') });
const key = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('apiVersion', 'kind', 'metadata', 'name', 'spec', 'items', 'tag', 'a', 'b', 'kubernetes.io/os', 'app_name', 'x-y', 'a.b') },
  { weight: 2, arbitrary: plain },
  { weight: 1, arbitrary: doubleQuoted },
  { weight: 1, arbitrary: singleQuoted },
  { weight: 1, arbitrary: fc.constantFrom('<<', '? a', 'yes', '1', '0x10', '~', '.inf', 'a b', 'a ', '-a') },
);

type Tree = { scalar: string } | { map: Array<[string, Tree]> } | { seq: Tree[] };
const { tree } = fc.letrec<{ tree: Tree }>(tie => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar.map(s => ({ scalar: s })),
    fc.array(fc.tuple(key, tie('tree')), { maxLength: 5 }).map(map => ({ map })),
    fc.array(tie('tree'), { maxLength: 4 }).map(seq => ({ seq })),
  ),
}));

interface Style {
  readonly indent: number;
  readonly seqIndented: boolean;
  readonly comments: boolean;
  readonly blankLines: boolean;
}
const style = fc.record({ indent: fc.integer({ min: 1, max: 4 }), seqIndented: fc.boolean(), comments: fc.boolean(), blankLines: fc.boolean() });

/** Block-style YAML of a tree, the way cdk8s or kubectl write it (with the style's choices). */
function render(t: Tree, s: Style, column: number, lines: string[], lead: string): void {
  const pad = ' '.repeat(column);
  const comment = (i: number) => s.comments && i % 3 === 1 ? ' # note' : '';
  if ('scalar' in t) {
    lines.push(`${lead}${t.scalar}`);
    return;
  }
  if ('map' in t) {
    if (t.map.length === 0) {
      lines.push(`${lead}{}`);
      return;
    }
    t.map.forEach(([k, v], i) => {
      const start = i === 0 && lead.trim() !== '' ? lead : pad;
      if (s.blankLines && i === 1) lines.push('');
      if (s.comments && i === 2) lines.push(`${pad}# a comment`);
      if ('scalar' in v) {
        lines.push(`${start}${k}: ${v.scalar}${comment(i)}`);
      } else if (('map' in v && v.map.length === 0) || ('seq' in v && v.seq.length === 0)) {
        lines.push(`${start}${k}: ${'map' in v ? '{}' : '[]'}`);
      } else {
        lines.push(`${start}${k}:${comment(i)}`);
        const inner = 'seq' in v && !s.seqIndented ? column : column + s.indent;
        render(v, s, inner, lines, ' '.repeat(inner));
      }
    });
    return;
  }
  if (t.seq.length === 0) {
    lines.push(`${lead}[]`);
    return;
  }
  t.seq.forEach((v, i) => {
    const start = i === 0 && lead.trim() !== '' ? lead : pad;
    if ('scalar' in v) {
      lines.push(`${start}- ${v.scalar}${comment(i)}`);
    } else if ('map' in v && v.map.length > 0) {
      render(v, s, column + 2, lines, `${start}- `);
    } else if ('seq' in v && v.seq.length > 0) {
      lines.push(`${start}-`);
      render(v, s, column + s.indent, lines, ' '.repeat(column + s.indent));
    } else {
      lines.push(`${start}- ${'map' in v ? '{}' : '[]'}`);
    }
  });
}

function documentText(t: Tree, s: Style): string {
  const lines: string[] = [];
  render(t, s, 0, lines, '');
  return lines.join('\n') + '\n';
}

// Lines that take the fast reader out of its subset in different ways.
const noise = fc.constantFrom('', '# c', '  # c', '\t', 'a:\tb', '...', '%YAML 1.1', '--- # c', '---', '  continued', '- x', 'a: b\r', 'k: v', 'a: &x 1',
  '   ', 'key: "open', "key: 'open");

describe('the fast reader reads exactly as the complete reader (generated YAML)', () => {
  test('Kubernetes-shaped documents (mostly in the fast subset)', () => {
    let fastRead = 0;
    const manifest = fc.record({
      apiVersion: fc.constantFrom('v1', 'kpack.io/v1alpha2'),
      kind: fc.constantFrom('Image', 'ConfigMap', 'List'),
      metadata: tree,
      spec: tree,
    }).map(m => ({ map: Object.entries(m).map(([k, v]) => [k, typeof v === 'string' ? { scalar: v } : v]) as Array<[string, Tree]> }));
    fc.assert(fc.property(fc.array(manifest, { minLength: 1, maxLength: 4 }), style, (docs, s) => {
      fastRead += expectSameReading(docs.map(d => documentText(d, s)).join('---\n'));
    }), { seed: SEED, numRuns: RUNS });
    expect(fastRead).toBeGreaterThan(100); // the subset is not empty: the comparison means something
  });

  test('any tree, with lines that leave the subset mixed in', () => {
    const noisy = fc.tuple(tree, fc.array(fc.tuple(fc.nat(40), noise), { maxLength: 2 }));
    fc.assert(fc.property(fc.array(noisy, { minLength: 1, maxLength: 3 }), style, (docs, s) => {
      const text = docs.map(([t, extra]) => {
        const lines = documentText(t, s).split('\n');
        for (const [at, line] of extra) lines.splice(at % lines.length, 0, line);
        return lines.join('\n');
      }).join('\n---\n');
      expectSameReading(text);
    }), { seed: SEED + 1, numRuns: RUNS });
  });
});

describe('the fast reader reads real manifests exactly as the complete reader', () => {
  test('a valid set of all nine kinds, and a List of it, as cdk8s writes them', () => {
    const set = baselineSet();
    expect(expectSameReading(yamlOf(set))).toBe(set.length);
    expect(expectSameReading(yamlOf([{ apiVersion: 'v1', kind: 'List', items: set }]))).toBe(1);
  });

  test.each(['release-0.17.2.yaml', 'release-0.16.1.yaml'])('kpack\'s release YAML (%s)', file => {
    const text = fs.readFileSync(path.join(__dirname, 'fixtures', file), 'utf-8');
    const fastRead = expectSameReading(text);
    expect(fastRead).toBeGreaterThan(0);
  });

  test.each(Object.keys(EXAMPLES))('the synthesized YAML of the example app %s', name => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpack-manifests-'));
    const app = new App({ outdir });
    EXAMPLES[name](app);
    app.synth();
    const files = fs.readdirSync(outdir).filter(f => f.endsWith('.yaml')).map(f => path.join(outdir, f));
    expect(files.length).toBeGreaterThan(0);
    let fastRead = 0;
    for (const f of files) fastRead += expectSameReading(fs.readFileSync(f, 'utf-8'));
    const input = readManifests(files);
    expect(input.errors).toEqual([]);
    expect(fastRead).toBe(input.fastDocuments);
    expect(fastRead).toBeGreaterThan(0);
  });
});
