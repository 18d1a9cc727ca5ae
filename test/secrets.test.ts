/**
 * No secret in any message: passwords and tokens in git, blob and registry URLs never appear in findings, in any
 * output format of the command, or in the errors of the constructs. (The platform's own secrets:
 * test/platform-secrets.test.ts.)
 */
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { cli, tempFiles, yamlOf } from './cli-helpers';
import { ClusterBuilder, Image, ImageSource, KpackPlatform, KpackValidator } from '../src';
import { baseline } from './validation/fixtures';

const PASSWORDS = ['s3cr3t-P@ss/w0rd:x', 'ghp_0123456789abcdefTOKEN', 'p%40ss%2Fword'];

function manifests(password: string): any[] {
  const git = baseline('Image');
  git.spec.source = { git: { url: `https://user:${password}@github.com/example/app.git`, revision: '' } }; // SRC-4 too
  const token = baseline('Image');
  token.metadata.name = 'token';
  token.spec.source = { git: { url: `https://${password}@github.com/example/app.git`, revision: 'main' } };
  const blob = baseline('Build');
  blob.spec.source = { blob: { url: `https://me:${password}@example.com/app.zip`, auth: 'bogus' } }; // SRC-5 too
  const registry = baseline('ClusterStack');
  registry.spec.buildImage.image = `me:${password}@registry.example.com/build`; // not a reference: CS-4
  // found by the construct fuzz: kpack's own words quoted the value, and a path built from an env name hid the `://`
  const store = baseline('ClusterStore');
  store.spec.sources = [{ image: `https://bot:${password}@github.com/o/a` }]; // ST-4
  const env = baseline('Image');
  env.metadata.name = 'env';
  env.spec.build = { env: [{ name: `http://bot:${password}@proxy.internal:3128`, value: 'x' }] }; // build-env-file
  return [git, token, blob, registry, store, env];
}

describe.each(PASSWORDS)('password %j', password => {
  const leaks = (text: string) => [password, encodeURIComponent(password), decodeURIComponent(password)].filter(p => text.includes(p));

  test('is in no finding of the engine, and the URLs are reported', () => {
    const findings = KpackValidator.validateManifests(manifests(password), { strict: true });
    expect(findings.map(f => f.rule)).toEqual(expect.arrayContaining(['url-credentials', 'SRC-4', 'SRC-5', 'CS-4', 'ST-4', 'build-env-file']));
    expect(leaks(JSON.stringify(findings))).toEqual([]);
  });

  test.each(['text', 'json', 'sarif', 'junit', 'github'])('is in no %s output of the command', format => {
    const dir = tempFiles({ 'set.yaml': yamlOf(manifests(password)) });
    const r = cli('validate', '-o', format, dir);
    expect(r.code).toBe(1);
    expect(leaks(r.out + r.err)).toEqual([]);
  });

  test('is in no error of the constructs', () => {
    const chart = Testing.chart();
    const builder = ClusterBuilder.fromClusterBuilderName(chart, 'b', 'default');
    const errors: string[] = [];
    for (const make of [
      () => new Image(chart, 'a', { tag: 'Bad Tag', builder, source: ImageSource.fromGit(`https://user:${password}@github.com/x/y`, '') }),
      () => new Image(chart, 'b', { tag: `me:${password}@registry.example.com/app`, builder, source: ImageSource.fromBlob(`https://me:${password}@example.com/a.zip`) }),
      // found by the construct fuzz: a URL given where a name or a level belongs
      () => new Image(chart, 'c', { tag: 'registry.io/c', builder, source: ImageSource.fromGit('https://github.com/x/y', 'main') })
        .addEnv(`https://bot:${password}@github.com/o/a`, kplus.EnvValue.fromValue('x')),
      () => new KpackPlatform(new Chart(Testing.app(), 'p'), 'kpack', { logLevel: `https://bot:${password}@github.com/o/a` as any }),
      () => new KpackPlatform(new Chart(Testing.app(), 'p'), 'kpack', { maximumPlatformApiVersion: `https://bot:${password}@github.com/o/a` }),
    ]) {
      try {
        make();
        Testing.synth(chart);
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
    expect(errors).toHaveLength(5);
    expect(leaks(errors.join('\n'))).toEqual([]);
  });
});
