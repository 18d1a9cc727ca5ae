import * as path from 'path';
import * as YAML from 'yaml';
import { KpackValidator, Severity } from '../src';
import { descriptorCommand } from '../src/cli/descriptor-command';

const FIXTURES = path.join(__dirname, 'fixtures', 'kp');

function run(...args: string[]) {
  const io = { stdout: '', stderr: '', out(t: string) { io.stdout += t; }, err(t: string) { io.stderr += t; } };
  const code = descriptorCommand(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

test('prints the manifests of a descriptor as YAML, which the rule engine admits', () => {
  const r = run(path.join(FIXTURES, 'v1.yaml'), '--default-repository', 'registry.example.com/kpack');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const manifests = YAML.parseAllDocuments(r.stdout).map(d => d.toJS());
  expect(manifests.map(m => `${m.kind}/${m.metadata.name}`)).toContain('ClusterBuilder/default');
  expect(manifests.find(m => m.kind === 'ClusterBuilder').spec.tag).toBe('registry.example.com/kpack:clusterbuilder-base');
  const errors = KpackValidator.validateManifests(manifests, {
    strictReferences: true,
    externalObjects: [{ kind: 'ServiceAccount', name: 'default', namespaceName: 'kpack' }],
  }).filter(f => f.severity === Severity.ERROR);
  expect(errors).toEqual([]);
});

test('--stack-id, --service-account and --service-account-namespace, also as --flag=value', () => {
  const r = run(path.join(FIXTURES, 'v1alpha3.yaml'), '--default-repository=registry.example.com/kpack', '--stack-id', 'base=io.buildpacks.stacks.jammy',
    '--service-account', 'kp-sa', '--service-account-namespace=build');
  expect(r.code).toBe(0);
  const manifests = YAML.parseAllDocuments(r.stdout).map(d => d.toJS());
  const base = manifests.find(m => m.kind === 'ClusterStack' && m.metadata.name === 'base');
  expect(base.spec.id).toBe('io.buildpacks.stacks.jammy');
  expect(base.spec.serviceAccountRef).toEqual({ name: 'kp-sa', namespace: 'build' });
});

test('a descriptor error is printed with the file and exits 1', () => {
  const file = path.join(FIXTURES, 'v1alpha3.yaml');
  const r = run(file, '--default-repository', 'registry.example.com/kpack');
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toContain(`cdk8s-kpack descriptor: kp descriptor ${file}: clusterStacks[0] "base" (line 14): the stack id of buildImage`);
  expect(r.stderr).toContain('--stack-id base=<id>');
});

test.each([
  [[], /the descriptor FILE is missing/],
  [['a.yaml', 'b.yaml'], /one descriptor file at a time/],
  [['--bogus'], /unknown option "--bogus"/],
  [['a.yaml', '--stack-id', 'base'], /--stack-id takes NAME=ID, got "base"/],
  [['a.yaml', '--default-repository'], /--default-repository needs a value/],
])('usage errors exit 2 with the usage (%j)', (args, message) => {
  const r = run(...args);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toContain('usage: cdk8s-kpack descriptor FILE');
});

test('--help prints the usage on stdout', () => {
  const r = run('--help');
  expect([r.code, r.stdout.startsWith('usage: cdk8s-kpack descriptor FILE')]).toEqual([0, true]);
});
