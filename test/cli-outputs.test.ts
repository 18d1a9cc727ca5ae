/**
 * `cdk8s-kpack validate` for CI: every output format (SARIF and JUnit checked against their schemas), --quiet,
 * --skip-rule, warnings of one rule counted, --external, and input that cannot be read reported in each format.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { validateXML } from 'xmllint-wasm';
import * as YAML from 'yaml';
import { cli, tempFiles, yamlOf } from './cli-helpers';
import { baseline, baselineSet } from './validation/fixtures';
import { validateCommand } from '../src/cli/validate-command';
import { count, WARNINGS_PER_RULE, xmlText } from '../src/cli/validate-report';
import { parseExternalObjects, readExternalObjects } from '../src/manifests/external';
import { RULES } from '../src/validation/catalogue';

const SCHEMAS = path.join(__dirname, 'fixtures', 'schemas');
const NS = 'team-a';

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateSarif = ajv.compile(JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'sarif-schema-2.1.0.json'), 'utf-8')));

function expectValidSarif(text: string): any {
  const log = JSON.parse(text);
  const valid = validateSarif(log);
  expect(valid ? [] : validateSarif.errors).toEqual([]);
  return log;
}

const JUNIT_SCHEMAS = ['junit-10.xsd', 'JUnit.xsd'];

/** Validates with libxml2 (xmllint, as WebAssembly) against Jenkins' and the Apache Ant JUnit schema. */
async function expectValidJunit(xml: string): Promise<void> {
  for (const xsd of JUNIT_SCHEMAS) {
    const result = await validateXML({
      xml: [{ fileName: 'report.xml', contents: xml }],
      schema: [{ fileName: xsd, contents: fs.readFileSync(path.join(SCHEMAS, xsd), 'utf-8') }],
    });
    expect([xsd, result.errors.map(e => e.rawMessage)]).toEqual([xsd, []]);
    expect(result.valid).toBe(true);
  }
}

/** An Image with an error (I-1), two missing references and an unknown field (warnings). */
function badImage(): any {
  const image = baseline('Image');
  image.spec.tag = 'registry.example.com/My App';
  image.spec.source.git.revison = 'main';
  return image;
}

/** A set with one bad Image among valid objects. */
function badSet(): { dir: string; file: string } {
  const dir = tempFiles({ 'set.yaml': yamlOf([...baselineSet().filter(m => m.kind !== 'Image'), badImage()]) });
  return { dir, file: path.join(dir, 'set.yaml') };
}

/** `n` Images that each have a field kpack drops (one unknown-field warning each), and no error. */
function manyWarnings(n: number): string {
  const images = Array.from({ length: n }, (_, i) => {
    const image = baseline('Image');
    image.metadata.name = `app-${i}`;
    image.spec.syncPeriod = '5m';
    return image;
  });
  return tempFiles({ 'set.yaml': yamlOf([...baselineSet().filter(m => m.kind !== 'Image'), ...images]) });
}

describe('-o/--output', () => {
  test('text: one line per finding with severity, stage, object, field path, message and rule, then a summary', () => {
    const { file } = badSet();
    const r = cli('validate', file);
    expect(r.code).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^.*set\.yaml:\d+: error \(admission\): Image team-a\/app: spec\.tag "registry\.example\.com\/My App" is not a valid image reference: .* \[I-1\]$/);
    expect(lines.at(-1)).toBe('cdk8s-kpack validate: 1 error, 1 warning in 9 kpack objects (12 documents in 1 file, kpack v0.17.2)');
    expect(cli('validate', '-o', 'text', file).out).toBe(r.out);
  });

  test('json: an object with every finding, the input errors, assumptions and a summary', () => {
    const { file } = badSet();
    const r = cli('validate', '-o', 'json', file);
    expect([r.code, r.err]).toEqual([1, '']);
    const doc = JSON.parse(r.out);
    expect(Object.keys(doc)).toEqual(['tool', 'version', 'kpackVersion', 'findings', 'inputErrors', 'assumptions', 'summary']);
    expect(doc.findings.map((f: any) => [f.severity, f.stage, f.rule])).toEqual([
      ['error', 'admission', 'I-1'],
      ['warning', 'advice', 'unknown-field'],
    ]);
    expect(doc.summary).toEqual({ errors: 1, warnings: 1, skipped: 0, inputErrors: 0, kpackObjects: 9, documents: 12, files: 1 });
    expect(doc.inputErrors).toEqual([]);
    expect(doc.kpackVersion).toBe('v0.17.2');
  });

  test('sarif: valid SARIF 2.1.0 with a result per finding (rule, level, stage, file, line) and the rules used', () => {
    const { file } = badSet();
    const r = cli('validate', '--output=sarif', file);
    expect(r.code).toBe(1);
    const log = expectValidSarif(r.out);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('cdk8s-kpack');
    expect(run.tool.driver.rules.map((rule: any) => [rule.id, rule.properties.stage, rule.defaultConfiguration.level])).toEqual([
      ['I-1', 'admission', 'error'],
      ['unknown-field', 'advice', 'warning'],
    ]);
    expect(run.results.map((x: any) => [x.ruleId, x.level, x.properties.stage, x.locations[0].physicalLocation.region.startLine])).toEqual([
      ['I-1', 'error', 'admission', expect.any(Number)],
      ['unknown-field', 'warning', 'advice', expect.any(Number)],
    ]);
    for (const x of run.results) expect(run.tool.driver.rules[x.ruleIndex].id).toBe(x.ruleId);
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(`file://${file}`);
    expect(run.results[0].message.text).toMatch(/^error \(admission\): Image team-a\/app: spec\.tag /);
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
  });

  test('sarif: relative paths stay relative URI references, encoded; a clean run has no results', () => {
    const dir = tempFiles({ 'my dir/ä#1.yaml': yamlOf([badImage()]), 'ok.yaml': yamlOf([baseline('ClusterStack')]) });
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const log = expectValidSarif(cli('validate', '-o', 'sarif', 'my dir').out);
      expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('my%20dir/%C3%A4%231.yaml');
      const clean = expectValidSarif(cli('validate', '-o', 'sarif', 'ok.yaml').out);
      expect([clean.runs[0].results, clean.runs[0].tool.driver.rules]).toEqual([[], []]);
    } finally {
      process.chdir(cwd);
    }
  });

  test('junit: valid against both schemas; a testcase per kpack object, errors as one failure, warnings in system-out', async () => {
    const { file } = badSet();
    const r = cli('validate', '-o', 'junit', file);
    expect(r.code).toBe(1);
    await expectValidJunit(r.out);
    const suites = r.out.match(/<testsuite /g) ?? [];
    expect(suites).toHaveLength(1);
    expect(r.out).toContain(`<testsuite name="${file}" tests="9" failures="1" errors="0" skipped="0"`);
    expect(r.out).toMatch(/<testcase name="Image team-a\/app" classname="[^"]+set\.yaml" time="0">\n\s+<failure type="I-1 \(admission\)" message="spec\.tag &quot;registry\.example\.com\/My App&quot;[^"]*">[^<]*error \(admission\): Image team-a\/app: spec\.tag [^<]*\[I-1\]<\/failure>/);
    expect(r.out).toMatch(/<system-out>[^<]*warning \(advice\): Image team-a\/app: kpack silently drops spec\.source\.git\.revison[^<]*\[unknown-field\]\n<\/system-out>/);
    expect(r.out).toContain('<testcase name="ClusterStack base"');
  });

  test('junit: text XML cannot hold is escaped, and the timestamp follows SOURCE_DATE_EPOCH', async () => {
    const image = baseline('Image');
    image.spec.tag = 'a\u0001b & <c> "]]>';
    const dir = tempFiles({ 'x.yaml': yamlOf([image]) });
    const before = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = '1700000000';
    try {
      const r = cli('validate', '-o', 'junit', dir);
      await expectValidJunit(r.out);
      expect(r.out).toContain('timestamp="2023-11-14T22:13:20"');
      expect(r.out).toContain('a\\u0001b &amp; &lt;c&gt; &quot;]]&gt;');
    } finally {
      if (before === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = before;
    }
    expect(xmlText('\ud800x\udc00 \ud83d\ude00')).toBe('\\ud800x\\udc00 \ud83d\ude00');
  });

  test('github: workflow commands with file, line and title (rule, stage, object); properties and messages escaped', () => {
    const image = badImage();
    image.spec.source.git.url = 'https://x/%0A';
    const dir = tempFiles({ 'a,b:c.yaml': yamlOf([image]) });
    const file = path.join(dir, 'a,b:c.yaml');
    const r = cli('validate', '-o', 'github', file);
    expect(r.code).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    const escapedFile = file.replace(/,/g, '%2C').replace(/:/g, '%3A');
    expect(lines[0]).toMatch(new RegExp(`^::error file=${escapedFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')},line=\\d+,title=I-1 \\(admission\\)%3A Image team-a/app::spec\\.tag "registry`));
    expect(lines.filter(l => l.startsWith('::warning ')).map(l => /title=([^:]+)%3A/.exec(l)![1]))
      .toEqual(['ref-missing (advice)', 'ref-missing (advice)', 'unknown-field (advice)', 'ref-missing (advice)']);
    expect(lines.at(-1)).toMatch(/^cdk8s-kpack validate: 1 error, 4 warnings in 1 kpack object/);
    expect(r.out.split('\n').every(l => l === '' || l.startsWith('::') || l.startsWith('cdk8s-kpack validate: '))).toBe(true);
  });

  test('an unknown format is a usage error listing the formats; --json agrees with -o json only', () => {
    expect(cli('validate', '-o', 'xml', 'x')).toMatchObject({ code: 2, err: expect.stringMatching(/^cdk8s-kpack validate: option -o "xml" is not supported: use one of text, json, junit, sarif, github\n/) });
    expect(cli('validate', '--json', '-o', 'sarif', 'x')).toMatchObject({ code: 2, err: expect.stringMatching(/--json and -o\/--output sarif disagree/) });
    expect(cli('validate', '-o', 'json', '--output', 'sarif', 'x')).toMatchObject({ code: 2, err: expect.stringMatching(/option -o\/--output is given twice \("json" and "sarif"\)/) });
    const { file } = badSet();
    expect(cli('validate', '-ojson', '--json', file).out).toBe(cli('validate', '--output', 'json', file).out);
  });
});

describe('input that cannot be read, in every format: exit 2, the problems on stdout in that format', () => {
  const broken = () => {
    const dir = tempFiles({ 'bad.yaml': 'apiVersion: v1\nkind: [\n', 'ok.yaml': yamlOf([badImage()]) });
    return { dir, bad: path.join(dir, 'bad.yaml') };
  };

  test('text: on stderr, nothing on stdout', () => {
    const { dir, bad } = broken();
    const r = cli('validate', dir);
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+: YAML syntax error: .*\ncdk8s-kpack validate: 1 input problem, nothing checked\n$`));
  });

  test('json', () => {
    const { dir, bad } = broken();
    const r = cli('validate', '-o', 'json', dir);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out);
    expect(doc.findings).toEqual([]);
    expect(doc.inputErrors).toEqual([{ file: bad, line: expect.any(Number), message: expect.stringMatching(/^YAML syntax error: /) }]);
    expect(doc.summary).toMatchObject({ errors: 0, inputErrors: 1 });
    expect(r.err).toBe('cdk8s-kpack validate: 1 input problem, nothing checked\n');
  });

  test('sarif: a failed invocation with a notification per problem', () => {
    const r = cli('validate', '-o', 'sarif', '/nonexistent/x.yaml');
    expect(r.code).toBe(2);
    const log = expectValidSarif(r.out);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(log.runs[0].invocations[0].toolExecutionNotifications.map((n: any) => [n.level, n.message.text, n.properties.stage]))
      .toEqual([['error', '/nonexistent/x.yaml: no such file or folder', 'input']]);
  });

  test('junit: a testcase with an <error> per problem', async () => {
    const { dir, bad } = broken();
    const r = cli('validate', '-o', 'junit', dir);
    expect(r.code).toBe(2);
    await expectValidJunit(r.out);
    expect(r.out).toContain(`<testsuite name="${bad}" tests="1" failures="0" errors="1"`);
    expect(r.out).toMatch(/<error type="input" message="YAML syntax error: [^"]*">[^<]*bad\.yaml:\d+: YAML syntax error/);
  });

  test('github: an error annotation per problem', () => {
    const { dir } = broken();
    const r = cli('validate', '-o', 'github', dir);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^::error file=[^,]*bad\.yaml,line=\d+,title=cdk8s-kpack%3A input problem::YAML syntax error: .*\ncdk8s-kpack validate: 1 input problem, nothing checked\n$/);
  });
});

describe('--quiet', () => {
  test('errors only: without errors nothing is printed (exit 0); with errors, the errors and the summary', () => {
    const dir = manyWarnings(2);
    expect(cli('validate', '--quiet', dir)).toEqual({ code: 0, out: '', err: '' });
    expect(cli('validate', '-q', '-o', 'github', dir)).toEqual({ code: 0, out: '', err: '' });
    const { file } = badSet();
    const r = cli('validate', '-q', file);
    expect(r.code).toBe(1);
    expect(r.out.trimEnd().split('\n').map(l => l.replace(/^.*set\.yaml:\d+: /, ''))).toEqual([
      expect.stringMatching(/^error \(admission\): Image team-a\/app: spec\.tag .*\[I-1\]$/),
      'cdk8s-kpack validate: 1 error, 1 warning in 9 kpack objects (12 documents in 1 file, kpack v0.17.2)',
    ]);
  });

  test('json, sarif and junit list the errors only; the summary still counts the warnings', async () => {
    const { file } = badSet();
    const json = JSON.parse(cli('validate', '-q', '-o', 'json', file).out);
    expect(json.findings.map((f: any) => f.rule)).toEqual(['I-1']);
    expect(json.summary).toMatchObject({ errors: 1, warnings: 1 });
    const sarif = expectValidSarif(cli('validate', '-q', '-o', 'sarif', file).out);
    expect(sarif.runs[0].results.map((x: any) => x.ruleId)).toEqual(['I-1']);
    const junit = cli('validate', '-q', '-o', 'junit', file).out;
    await expectValidJunit(junit);
    expect(junit).not.toContain('unknown-field');
    expect(junit).toContain('[I-1]');
  });
});

describe('--skip-rule', () => {
  test('leaves out the findings of the rules given (repeatable, or comma-separated), and says how many', () => {
    const { file } = badSet();
    const r = cli('validate', '--skip-rule', 'I-1', file);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/\[I-1\]/);
    expect(r.out.trimEnd().split('\n').at(-1)).toBe(
      'cdk8s-kpack validate: 0 errors, 1 warning in 9 kpack objects (12 documents in 1 file, kpack v0.17.2); --skip-rule left out 1 finding');
    const both = [cli('validate', '--skip-rule', 'I-1', '--skip-rule', 'unknown-field', file), cli('validate', '--skip-rule=I-1,unknown-field', file)];
    for (const b of both) expect(b.out).toMatch(/^cdk8s-kpack validate: no problems in 9 kpack objects .*; --skip-rule left out 2 findings\n$/);
    const json = JSON.parse(cli('validate', '-o', 'json', '--skip-rule', 'unknown-field', file).out);
    expect([json.findings.map((f: any) => f.rule), json.summary.skipped]).toEqual([['I-1'], 1]);
  });

  test('an unknown id is a usage error with the close ids', () => {
    const r = cli('validate', '--skip-rule', 'I14', 'x');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^cdk8s-kpack validate: option --skip-rule "I14" is not a rule id \(did you mean I-4, I-14\?\)/);
    expect(r.err).toMatch(/: the rules are listed in docs\/rules\.md\n/);
    expect(cli('validate', '--skip-rule', 'unknown-feld', 'x').err).toMatch(/did you mean unknown-field\?/);
    expect(cli('validate', '--skip-rule', 'zzzzzzzz', 'x').err).toMatch(/"zzzzzzzz" is not a rule id: the rules/);
    expect(cli('validate', '--skip-rule', 'I-1,', 'x').err).toMatch(/option --skip-rule needs a rule id/);
    expect(cli('validate', 'x', '--skip-rule')).toMatchObject({ code: 2, err: expect.stringMatching(/^cdk8s-kpack validate: option --skip-rule needs a value\n/) });
  });

  test('every id of the catalogue is accepted', () => {
    const dir = tempFiles({ 'x.yaml': yamlOf([baseline('ClusterStack')]) });
    expect(cli('validate', '--skip-rule', Object.keys(RULES).join(','), dir).code).toBe(0);
  });
});

describe('warnings of one rule are counted after the first ones (text and github)', () => {
  test(`the first ${WARNINGS_PER_RULE} in input order, then "... and N more warnings [rule]"; json, sarif and junit keep every one`, async () => {
    const dir = manyWarnings(10);
    const r = cli('validate', dir);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines.filter(l => l.includes('[unknown-field]') && l.includes('warning (advice)')).map(l => /Image team-a\/(app-\d+)/.exec(l)![1]))
      .toEqual(['app-0', 'app-1', 'app-2']);
    expect(lines.at(-2)).toBe('... and 7 more warnings [unknown-field] (-o json lists every finding)');
    expect(lines.at(-1)).toMatch(/^cdk8s-kpack validate: 0 errors, 10 warnings in 18 kpack objects/);
    const github = cli('validate', '-o', 'github', dir).out.trimEnd().split('\n');
    expect(github.filter(l => l.startsWith('::warning '))).toHaveLength(WARNINGS_PER_RULE);
    expect(github).toContain('::notice title=cdk8s-kpack%3A unknown-field::... and 7 more warnings [unknown-field] (-o json lists every finding)');
    expect(JSON.parse(cli('validate', '-o', 'json', dir).out).findings).toHaveLength(10);
    expect(expectValidSarif(cli('validate', '-o', 'sarif', dir).out).runs[0].results).toHaveLength(10);
    const junit = cli('validate', '-o', 'junit', dir).out;
    await expectValidJunit(junit);
    expect(junit.match(/\[unknown-field\]/g)).toHaveLength(10);
  });

  test('errors are never counted away; exactly the limit prints no count line', () => {
    const images = Array.from({ length: WARNINGS_PER_RULE + 2 }, (_, i) => ({ ...badImage(), metadata: { name: `bad-${i}`, namespace: NS } }));
    const r = cli('validate', tempFiles({ 'x.yaml': yamlOf(images) }));
    expect(r.out.match(/\[I-1\]/g)).toHaveLength(WARNINGS_PER_RULE + 2);
    expect(r.out).toContain('... and 2 more warnings [unknown-field]');
    // Each Image names a Builder, a ServiceAccount and a Secret that are not in the input.
    expect(r.out).toContain(`... and ${3 * (WARNINGS_PER_RULE + 2) - WARNINGS_PER_RULE} more warnings [ref-missing]`);
    expect(cli('validate', manyWarnings(WARNINGS_PER_RULE)).out).not.toContain('... and');
    expect([count(9996), count(1234567), count(12)]).toEqual(['9,996', '1,234,567', '12']);
  });
});

describe('--external FILE: objects that exist in the cluster', () => {
  const image = () => yamlOf([baseline('Image')]);

  test('a YAML list of {kind, name, namespace}: references to them are fine', () => {
    const dir = tempFiles({
      'image.yaml': image(),
      'cluster.yaml': '- {kind: Builder, name: builder, namespace: team-a}\n- kind: ServiceAccount\n  name: builder-sa\n  namespace: team-a\n'
        + '- {kind: Secret, name: maven-settings, namespace: team-a}\n',
    });
    expect(cli('validate', path.join(dir, 'image.yaml')).out.match(/\[ref-missing\]/g)).toHaveLength(3);
    const r = cli('validate', '--external', path.join(dir, 'cluster.yaml'), path.join(dir, 'image.yaml'));
    expect(r.out).not.toContain('[ref-missing]');
    expect(r.code).toBe(0);
    // Without a namespace, a namespaced object is in "default".
    const elsewhere = tempFiles({ 'e.yaml': '- {kind: Builder, name: builder}\n- {kind: ServiceAccount, name: builder-sa}\n- {kind: Secret, name: maven-settings}\n' });
    expect(cli('validate', '--strict-references', '--external', path.join(elsewhere, 'e.yaml'), path.join(dir, 'image.yaml')).code).toBe(1);
  });

  test('kubectl get -o yaml output (a v1 List): kind, name, namespace kept; of a Secret its type and kpack.io annotations, never its data', () => {
    const dump = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'other', namespace: NS, uid: 'x' }, secrets: [{ name: 'imported' }] },
        {
          apiVersion: 'v1',
          kind: 'Secret',
          type: 'kubernetes.io/basic-auth',
          metadata: { name: 'imported', namespace: NS, annotations: { 'kpack.io/docker': 'ghcr.io', 'other/annotation': 'x' } },
          data: { username: 'dXNlcg==', password: 'c2VjcmV0' },
        },
        { apiVersion: 'kpack.io/v1alpha2', kind: 'ClusterBuilder', metadata: { name: 'default' }, spec: {} },
      ],
      metadata: { resourceVersion: '' },
    };
    const dir = tempFiles({ 'dump.yaml': YAML.stringify(dump) });
    const read = readExternalObjects(path.join(dir, 'dump.yaml'));
    expect(read).toEqual({
      errors: [],
      objects: [
        { kind: 'ServiceAccount', name: 'other', namespaceName: NS },
        { kind: 'Secret', name: 'imported', namespaceName: NS, secretType: 'kubernetes.io/basic-auth', annotations: { 'kpack.io/docker': 'ghcr.io' } },
        { kind: 'ClusterBuilder', name: 'default' },
      ],
    });
    // The credential rules use the Secret's annotation: the tag's registry is covered, another is not.
    const account = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builds', namespace: NS }, secrets: [{ name: 'imported' }] };
    const imageOn = (registry: string) => ({
      apiVersion: 'kpack.io/v1alpha2',
      kind: 'Image',
      metadata: { name: 'app', namespace: NS },
      spec: {
        tag: `${registry}/org/app`,
        builder: { kind: 'ClusterBuilder', name: 'default' },
        serviceAccountName: 'builds',
        source: { git: { url: 'https://github.com/org/app', revision: 'main' } },
      },
    });
    const covered = tempFiles({ 'i.yaml': yamlOf([account, imageOn('ghcr.io')]) });
    const other = tempFiles({ 'i.yaml': yamlOf([account, imageOn('quay.io')]) });
    const ext = ['--external', path.join(dir, 'dump.yaml')];
    const rules = (d: string) => JSON.parse(cli('validate', '-o', 'json', ...ext, d).out).findings.map((f: any) => f.rule);
    expect(rules(covered)).toEqual([]);
    expect(rules(other)).toEqual(['credential-registry']);
  });

  test('objects as documents, several files, and JSON', () => {
    const a = tempFiles({ 'a.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: builder-sa, namespace: team-a}\n---\n---\n' });
    const b = tempFiles({ 'b.json': JSON.stringify([{ kind: 'Builder', name: 'builder', namespace: NS }, { kind: 'Secret', name: 'maven-settings', namespace: NS }]) });
    const dir = tempFiles({ 'image.yaml': image() });
    const r = cli('validate', '--external', path.join(a, 'a.yaml'), '--external', path.join(b, 'b.json'), dir);
    expect([r.code, r.out]).toEqual([0, expect.stringMatching(/^cdk8s-kpack validate: no problems in 1 kpack object/)]);
  });

  test.each([
    ['- {kind: Builder, nmae: builder}\n', /^x\.yaml:1: external objects: item 1: unknown key "nmae": the keys are kind, name, namespace/],
    ['- {kind: Builder}\n', /^x\.yaml:1: external objects: item 1: name is missing/],
    ['- {name: builder}\n', /item 1: kind is missing/],
    ['- {kind: serviceaccount, name: a}\n', /item 1: kind "serviceaccount" is spelled "ServiceAccount"/],
    ['- {kind: Builder, name: a}\n- 3\n', /^x\.yaml:2: external objects: item 2 is the number 3, not an object/],
    ['items:\n- metadata: {name: a}\n', /^x\.yaml:2: external objects: items\[0\]: kind is missing/],
    ['items:\n- kind: Secret\n  metadata: {name: [a]}\n', /items\[0\]: metadata\.name is a list, not text/],
    ['- {kind: Builder, name: a, namespace: 3}\n', /item 1: namespace is the number 3, not text/],
    ['just text\n', /^x\.yaml:1: external objects: is not a list of \{kind, name, namespace\}, a List of objects/],
    ['- [\n', /^x\.yaml:\d+: external objects: YAML syntax error: /],
    ['a: 1\na: 2\n', /YAML syntax error: .*(unique|Map keys)/],
  ])('a file with a mistake is an input problem naming the line: %j', (text, message) => {
    const ext = parseExternalObjects('x.yaml', text);
    expect(ext.objects).toEqual([]);
    expect(ext.errors).toHaveLength(1);
    const dir = tempFiles({ 'x.yaml': text, 'image.yaml': image() });
    let err = '';
    let out = '';
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const code = validateCommand(['--external', 'x.yaml', 'image.yaml'], { out: t => void (out += t), err: t => void (err += t) });
      expect([code, out]).toEqual([2, '']);
      expect(err).toMatch(message);
      const json = JSON.parse(cli('validate', '-o', 'json', '--external', 'x.yaml', 'image.yaml').out);
      expect(json.inputErrors).toEqual([expect.objectContaining({ file: 'x.yaml', message: expect.stringMatching(/^external objects: /) })]);
    } finally {
      process.chdir(cwd);
    }
  });

  test('a missing file, a folder, standard input', () => {
    const dir = tempFiles({ 'image.yaml': image() });
    expect(cli('validate', '--external', '/nonexistent/e.yaml', dir).err).toMatch(/^\/nonexistent\/e\.yaml: external objects: no such file or folder\n/);
    expect(cli('validate', '--external', dir, dir).err).toMatch(/external objects: is a folder/);
    expect(cli('validate', '--external', '-', dir).err).toMatch(/^-: external objects: external objects are read from a file, not standard input/);
    expect(cli('validate', '--external', dir)).toMatchObject({ code: 2, err: expect.stringMatching(/give at least one file or folder/) });
  });
});
