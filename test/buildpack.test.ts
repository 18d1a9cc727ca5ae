import { Chart, Testing } from 'cdk8s';
import { Buildpack } from '../src';
import { manifestOf } from './util';

test('writes the namespace (the chart\'s, else default) and kpack\'s default service account', () => {
  const chart = Testing.chart();
  const bp = new Buildpack(chart, 'bp', { metadata: { name: 'java' }, image: 'paketobuildpacks/java' });
  expect(bp.namespaceName).toBe('default');
  expect(manifestOf(chart, 'Buildpack')).toEqual({
    apiVersion: 'kpack.io/v1alpha2',
    kind: 'Buildpack',
    metadata: { name: 'java', namespace: 'default' },
    spec: { image: 'paketobuildpacks/java', serviceAccountName: 'default' },
  });

  const teamChart = new Chart(Testing.app(), 'team', { namespace: 'team-a' });
  expect(new Buildpack(teamChart, 'bp', { image: 'paketobuildpacks/java' }).namespaceName).toBe('team-a');
});

test('an empty image is refused at once', () => {
  const chart = Testing.chart();
  expect(() => new Buildpack(chart, 'bp', { image: '' })).toThrow(/^Buildpack "test\/bp": image must not be empty: give a buildpackage image/);
});

test('fromBuildpackName defaults to the default namespace', () => {
  const chart = Testing.chart();
  expect(Buildpack.fromBuildpackName(chart, 'a', 'java').namespaceName).toBe('default');
  expect(Buildpack.fromBuildpackName(chart, 'b', 'java', { namespaceName: 'x' }).namespaceName).toBe('x');
});
