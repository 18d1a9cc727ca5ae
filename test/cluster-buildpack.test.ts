import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { ClusterBuildpack } from '../src';
import { manifestOf, synthError } from './util';

test('renders image and serviceAccountRef, cluster-scoped', () => {
  const chart = Testing.chart();
  const sa = kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'puller', { namespaceName: 'kpack' });
  new ClusterBuildpack(chart, 'bp', { metadata: { name: 'java' }, image: 'paketobuildpacks/java:17.1.0', serviceAccount: sa });
  expect(manifestOf(chart, 'ClusterBuildpack')).toEqual({
    apiVersion: 'kpack.io/v1alpha2',
    kind: 'ClusterBuildpack',
    metadata: { name: 'java' },
    spec: { image: 'paketobuildpacks/java:17.1.0', serviceAccountRef: { name: 'puller', namespace: 'kpack' } },
  });
});

test('an invalid image fails synth', () => {
  const chart = Testing.chart();
  new ClusterBuildpack(chart, 'bp', { image: 'paketo buildpacks/java' });
  expect(synthError(chart)).toMatch(/\[test\/bp\] spec\.image "paketo buildpacks\/java"/);
});

test('fromClusterBuildpackName', () => {
  const chart = Testing.chart();
  expect(ClusterBuildpack.fromClusterBuildpackName(chart, 'x', 'java').kind).toBe('ClusterBuildpack');
});
