/**
 * kubectl's own YAML reader as the judge of src/manifests: oracle/yaml (Go: k8s.io/apimachinery's YAMLReader and
 * sigs.k8s.io/yaml) reads the same files, and the JSON documents (or the refusal) must be the same. Needs Go
 * (the Go module proxy brings the modules); without Go the tests are skipped with a note.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { yamlOf } from './cli-helpers';
import { FILES, isRefused, keyYaml, SCALARS, valueYaml } from './manifests-cases';
import { baselineSet } from './validation/fixtures';
import { InputError, ManifestDocument, readBytes } from '../src/manifests';

const ORACLE_DIR = path.join(__dirname, '..', 'oracle', 'yaml');
const GO = spawnSync('go', ['version'], { encoding: 'utf-8' }).status === 0;
if (!GO) {
  // eslint-disable-next-line no-console
  console.warn('manifests-oracle: Go is not installed, so src/manifests is not compared with kubectl\'s own YAML reader (oracle/yaml)');
}
const describeWithGo = GO ? describe : describe.skip;

type OracleDocument = { json?: string; error?: string };

describeWithGo('src/manifests reads YAML as kubectl does (oracle/yaml, Go)', () => {
  let binary = '';
  beforeAll(() => {
    binary = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-oracle-')), 'yaml-oracle');
    execFileSync('go', ['build', '-o', binary, '.'], { cwd: ORACLE_DIR, stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 });
  }, 300_000);

  /** The oracle's documents of each file (nulls, the empty documents kubectl skips, left out), or its error. */
  function oracle(files: readonly string[]): Array<{ json?: unknown[]; error?: string }> {
    const out = execFileSync(binary, { input: files.map(f => JSON.stringify(f)).join('\n') + '\n', encoding: 'utf-8', maxBuffer: 1024 * 1024 * 1024 });
    return out.trim().split('\n').map(line => {
      const documents: OracleDocument[] = JSON.parse(line).documents;
      const error = documents.find(d => d.error !== undefined)?.error;
      return error !== undefined ? { error } : { json: documents.map(d => JSON.parse(d.json!)).filter(v => v !== null) };
    });
  }

  function ours(text: string, completeReaderOnly: boolean): { json?: unknown[]; error?: string } {
    const documents: ManifestDocument[] = [];
    const errors: InputError[] = [];
    readBytes('o.yaml', Buffer.from(text), documents, errors, { completeReaderOnly });
    if (errors.length > 0) return { error: errors.map(e => e.message).join('\n') };
    return { json: documents.map(d => d.value) };
  }

  /** JSON as Go writes it: keys in order, -0 as 0 (Kubernetes reads both as 0). */
  function canonical(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.keys(value).sort().map(k => [k, canonical((value as any)[k])]));
    }
    return Object.is(value, -0) ? 0 : value;
  }

  function expectAgreement(files: readonly string[], refusedHere: (i: number) => boolean = () => false): void {
    const judged = oracle(files);
    files.forEach((text, i) => {
      const kubectl = judged[i];
      for (const completeReaderOnly of [false, true]) {
        const mine = ours(text, completeReaderOnly);
        if (refusedHere(i)) {
          expect([text, mine.error !== undefined, kubectl.error === undefined]).toEqual([text, true, true]);
        } else if (kubectl.error !== undefined) {
          expect([text, mine.error !== undefined]).toEqual([text, true]);
        } else {
          expect([text, mine.error ?? canonical(mine.json)]).toEqual([text, canonical(kubectl.json)]);
        }
      }
    });
  }

  test('the scalar table: every value and key as kubectl reads it', () => {
    const files = SCALARS.flatMap(c => [valueYaml(c.scalar), keyYaml(c.scalar)]);
    const judged = oracle(files);
    SCALARS.forEach((c, i) => {
      const [value, key] = [judged[2 * i], judged[2 * i + 1]];
      // The table itself is kubectl's reading.
      if (isRefused(c.value)) expect([c.scalar, value.error]).toEqual([c.scalar, expect.stringMatching(/json: unsupported value/)]);
      else expect([c.scalar, canonical(value.json)]).toEqual([c.scalar, [{ v: c.value }]]);
      if (isRefused(c.key)) expect([c.scalar, key.error]).toEqual([c.scalar, expect.any(String)]);
      else expect([c.scalar, key.json && Object.keys(key.json[0] as object)]).toEqual([c.scalar, [c.key]]);
    });
    expectAgreement(files);
  });

  test('the file table: tags, escapes, merge keys, document separators, structure', () => {
    const files = FILES.map(c => c.yaml);
    const judged = oracle(files);
    FILES.forEach((c, i) => {
      // What kubectl reads of a refused case may depend on Go's random map order (`"1": a` and `1: b`): it reads it.
      if (c.refused) expect([c.yaml, judged[i].error]).toEqual([c.yaml, undefined]);
      else if (c.json) expect([c.yaml, canonical(judged[i].json)]).toEqual([c.yaml, canonical(c.json)]);
      else expect([c.yaml, judged[i].error]).toEqual([c.yaml, expect.any(String)]);
    });
    expectAgreement(files, i => FILES[i].refused !== undefined);
  });

  test('generated documents of YAML 1.1 scalars, plain and quoted, as keys and values', () => {
    const plain = fc.oneof(
      fc.constantFrom(...SCALARS.map(c => c.scalar)),
      fc.stringMatching(/^[-+.0-9a-fA-FxXoObBeE_:~]{1,10}$/),
      fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9._/-]{0,8}$/),
    );
    const scalar = fc.oneof({ weight: 5, arbitrary: plain }, { weight: 1, arbitrary: plain.map(s => JSON.stringify(s)) }, { weight: 1, arbitrary: plain.map(s => `'${s.replace(/'/g, '\'\'')}'`) });
    const doc = fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/), scalar, scalar), { selector: t => t[0], minLength: 1, maxLength: 6 })
      .map(entries => entries.map(([k, v, nested]) => `${k}: ${v}\nx${k}:\n  - ${v}\n  - ${nested}: ${v}\n`).join(''));
    const samples = fc.sample(fc.array(doc, { minLength: 1, maxLength: 3 }).map(docs => docs.join('---\n')), { seed: 20261130, numRuns: 1500 });
    const judged = oracle(samples);
    // Where the same key comes twice after conversion (`1:` and `"1":`), src/manifests refuses it: leave those out.
    const duplicated = (i: number) => judged[i].error === undefined && ours(samples[i], true).error?.includes('twice in one mapping') === true;
    expectAgreement(samples, duplicated);
  });

  test('real manifests: a valid set as cdk8s writes it, and kpack\'s release YAML', () => {
    expectAgreement([
      yamlOf(baselineSet()),
      fs.readFileSync(path.join(__dirname, 'fixtures', 'release-0.17.2.yaml'), 'utf-8'),
      fs.readFileSync(path.join(__dirname, 'fixtures', 'release-0.16.1.yaml'), 'utf-8'),
    ]);
  });
});
