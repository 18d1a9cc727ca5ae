import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { Validation, ValidationContext } from 'cdk8s-cli/plugins';
import { tempFiles, yamlOf } from './cli-helpers';
import * as entry from '../src';
import { KpackValidation, ObjectKey } from '../src';
import { baseline, baselineSet } from './validation/fixtures';

const ROOT = path.join(__dirname, '..');

/** The plugin's entry in examples/validation-plugin/cdk8s.yaml. */
function exampleValidation(): any {
  const config = Yaml.load(path.join(ROOT, 'examples', 'validation-plugin', 'cdk8s.yaml'))[0];
  expect(config.validations).toHaveLength(1);
  return config.validations[0];
}

test('the example cdk8s.yaml names the class and properties the plugin takes', () => {
  const validation = exampleValidation();
  expect(validation).toMatchObject({ package: './../..', class: 'KpackValidation' });
  expect(() => new (entry as any)[validation.class](validation.properties)).not.toThrow();
});

async function runPlugin(files: { [name: string]: string }, props?: object): Promise<ValidationContext> {
  const dir = tempFiles(files);
  const context = new ValidationContext(Object.keys(files).map(f => path.join(dir, f)), 'cdk8s-kpack', '0.0.0', {}, false);
  await new KpackValidation(props).validate(context);
  return context;
}

test('cdk8s-cli finds the plugin class on the package entry by name; it implements the Validation contract', () => {
  expect((entry as any).KpackValidation).toBe(KpackValidation);
  const plugin: Validation = new KpackValidation();
  expect(typeof plugin.validate).toBe('function');
});

test('a valid set passes, with its counts in the summary', async () => {
  const context = await runPlugin({ 'a.k8s.yaml': yamlOf(baselineSet()) });
  const report = context.report.toJson();
  expect(report.summary).toMatchObject({ status: 'success', metadata: { 'kpack objects': '9', 'errors': '0', 'warnings': '0' } });
  expect(report.violations).toEqual([]);
});

test('errors fail, warnings do not; each finding is a violation with the object, manifest, field and line', async () => {
  const image = baseline('Image');
  const failing = await runPlugin({ 'a.k8s.yaml': yamlOf([{ ...image, spec: { ...image.spec, tag: 'Bad Tag' } }]) });
  const report = failing.report.toJson();
  expect(report.summary.status).toBe('failure');
  // The rule id is the rule name, so cdk8s groups the findings of a rule.
  const error = report.violations.find(v => v.ruleName === 'I-1')!;
  expect(error.recommendation).toMatch(/^error \(admission\): Image team-a\/app: spec\.tag "Bad Tag" is not a valid image reference/);
  expect(error.violatingConstructs).toEqual([expect.objectContaining({
    resourceName: 'app', manifestPath: expect.stringMatching(/a\.k8s\.yaml$/), locations: [expect.stringMatching(/^spec\.tag \(line \d+\)$/)],
  })]);

  const warnOnly = await runPlugin({ 'a.k8s.yaml': yamlOf([image]) });
  expect(warnOnly.report.toJson().summary.status).toBe('success');
  expect(warnOnly.report.toJson().violations.map(v => v.ruleName)).toContain('ref-missing');
  expect(warnOnly.report.toJson().violations.map(v => v.recommendation)).toContainEqual(expect.stringMatching(/^warning \(advice\): Image team-a\/app: spec\.builder\.name names Builder/));
  const strict = await runPlugin({ 'a.k8s.yaml': yamlOf([image]) }, { strictReferences: true });
  expect(strict.report.toJson().summary.status).toBe('failure');
});

test('the kpack version is a property; an unknown one is refused when cdk8s loads the plugin', async () => {
  const context = await runPlugin({ 'a.k8s.yaml': yamlOf([baseline('ClusterLifecycle')]) }, { kpackVersion: 'v0.16.1' });
  expect(context.report.toJson().summary.status).toBe('failure');
  expect(() => new KpackValidation({ kpackVersion: '0.17' })).toThrow(/kpackVersion "0\.17" is not supported: use one of v0\.17\.2, v0\.16\.1/);
});

test('an unreadable manifest fails the validation with its message', async () => {
  const context = await runPlugin({ 'a.k8s.yaml': 'a: [\n' });
  const report = context.report.toJson();
  expect(report.summary.status).toBe('failure');
  expect(report.violations[0]).toMatchObject({ ruleName: 'error: unreadable manifest', recommendation: expect.stringMatching(/^YAML syntax error/) });
});

describe('objects that exist in the cluster: externalObjects and external (the file --external reads)', () => {
  const refs = async (props: object) => (await runPlugin({ 'a.k8s.yaml': yamlOf([baseline('Image')]) }, props)).report.toJson()
    .violations.filter(v => v.ruleName === 'ref-missing').length;
  const all = [{ kind: 'Builder', name: 'builder', namespace: 'team-a' }, { kind: 'ServiceAccount', name: 'builder-sa', namespace: 'team-a' },
    { kind: 'Secret', name: 'maven-settings', namespace: 'team-a' }];

  test('externalObjects: references to them are not violations', async () => {
    expect(await refs({})).toBe(3);
    expect(await refs({ externalObjects: all.slice(0, 1) })).toBe(2);
    expect(await refs({ externalObjects: all })).toBe(0);
    // ObjectKey's own names, as typed code writes them.
    const typed: ObjectKey[] = all.map(k => ({ kind: k.kind, name: k.name, namespaceName: k.namespace }));
    expect(await refs({ externalObjects: typed })).toBe(0);
  });

  test('external: a file, as kubectl get -o yaml prints it or as a list of keys', async () => {
    const dump = { apiVersion: 'v1', kind: 'List', items: all.map(k => ({ apiVersion: 'v1', kind: k.kind, metadata: { name: k.name, namespace: k.namespace } })) };
    const dir = tempFiles({ 'cluster.yaml': yamlOf([dump]), 'keys.yaml': yamlOf([all.slice(1)]) });
    expect(await refs({ external: path.join(dir, 'cluster.yaml') })).toBe(0);
    expect(await refs({ external: path.join(dir, 'keys.yaml'), externalObjects: all.slice(0, 1) })).toBe(0);
  });

  test('a mistake in either fails at once or as an unreadable input', async () => {
    expect(() => new KpackValidation({ externalObjects: [{ kind: 'serviceaccount', name: 'a' }] as any }))
      .toThrow(/^externalObjects: item 1: kind "serviceaccount" is spelled "ServiceAccount"$/);
    expect(() => new KpackValidation({ externalObjects: 'Builder/x' as any })).toThrow(/externalObjects must be a list of \{kind, name, namespace\}/);
    expect(() => new KpackValidation({ externalObjects: [{ kind: 'Secret', name: 'a', namespace: 'x', namespaceName: 'y' }] as any }))
      .toThrow(/^externalObjects: item 1: give namespace or namespaceName, not both$/);
    expect(() => new KpackValidation({ external: 3 as any })).toThrow(/external 3 must be the path of a file of external objects/);
    const context = await runPlugin({ 'a.k8s.yaml': yamlOf(baselineSet()) }, { external: '/nonexistent/cluster.yaml' });
    const report = context.report.toJson();
    expect(report.summary.status).toBe('failure');
    expect(report.violations).toEqual([expect.objectContaining({
      ruleName: 'error: unreadable manifest',
      recommendation: 'external objects: no such file or folder',
      violatingConstructs: [expect.objectContaining({ manifestPath: '/nonexistent/cluster.yaml' })],
    })]);
  });
});

test('cdk8s synth with the plugin in cdk8s.yaml checks objects that came from Include (the real cdk8s-cli, offline)', () => {
  const image = baseline('Image');
  image.spec.tag = 'registry.example.com/My App';
  const dir = tempFiles({
    'kpack.yaml': yamlOf([image]),
    'app.js': [
      `const { App, Chart, Include } = require(${JSON.stringify(require.resolve('cdk8s'))});`,
      'const app = new App();',
      'new Include(new Chart(app, \'included\'), \'kpack\', { url: require(\'path\').join(__dirname, \'kpack.yaml\') });',
      'app.synth();',
    ].join('\n'),
    // The plugin, loaded by cdk8s-cli as a local package: the package entry of this repository, from source.
    'plugin.js': [
      `require(${JSON.stringify(require.resolve('ts-node'))}).register({ transpileOnly: true, project: ${JSON.stringify(path.join(ROOT, 'tsconfig.dev.json'))} });`,
      `module.exports = require(${JSON.stringify(path.join(ROOT, 'src', 'index.ts'))});`,
    ].join('\n'),
    // The validations entry of the example, pointing at the plugin above.
    'cdk8s.yaml': Yaml.stringify({ app: 'node app.js', validations: [{ ...exampleValidation(), package: './plugin.js' }] }),
    // cdk8s-cli checks npm for a newer version unless it did within 30 minutes: this cache keeps it offline.
    '.cdk8s-cli.version': JSON.parse(fs.readFileSync(require.resolve('cdk8s-cli/package.json'), 'utf-8')).version,
  });
  const result = spawnSync(process.execPath, [path.join(path.dirname(require.resolve('cdk8s-cli/package.json')), 'bin', 'cdk8s'), 'synth'], {
    cwd: dir, encoding: 'utf-8', env: { ...process.env, HOME: dir }, timeout: 120_000,
  });
  expect(result.stdout).toMatch(/Validation Report \(.*plugin\.js@0\.0\.0\)/);
  expect(result.stdout).toMatch(/Status\s+│ failure/);
  expect(result.stdout).toMatch(/I-1 \(1 occurrences\)/);
  expect(result.stdout).toMatch(/error \(admission\): Image team-a\/app: spec\.tag/);
  expect(result.stdout).toMatch(/Construct Path: included\/kpack\//);
  expect(result.stdout).toMatch(/> spec\.tag \(line \d+\)/);
  expect(result.stdout).toMatch(/Recommendation: error \(admission\): Image team-a\/app: spec\.tag "registry\.example\.com\/My App" is not a valid image reference/);
  expect(result.stderr).toMatch(/Validation failed/);
  expect(result.stderr).not.toMatch(/http error/);
  expect(result.status).toBe(2);
  expect(fs.existsSync(path.join(dir, 'dist', 'included.k8s.yaml'))).toBe(true);
});
