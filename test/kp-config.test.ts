import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KpConfig, KpDescriptor } from '../src';
import { manifestOf, synthError } from './util';

test('writes kpack/kp-config with the keys kp reads and writes, kp\'s default service account', () => {
  const chart = Testing.chart();
  const config = new KpConfig(chart, 'kp', { defaultRepository: 'registry.example.com/kpack/' });
  expect(config.defaultRepository).toBe('registry.example.com/kpack');
  const m = manifestOf(chart, 'ConfigMap');
  expect(m.metadata).toEqual({ name: 'kp-config', namespace: 'kpack' });
  expect(m.data).toEqual({
    'default.repository': 'registry.example.com/kpack',
    'default.repository.serviceaccount': 'default',
    'default.repository.serviceaccount.namespace': 'kpack',
    'canonical.repository': 'registry.example.com/kpack',
    'canonical.repository.serviceaccount': 'default',
    'canonical.repository.serviceaccount.namespace': 'kpack',
  });
});

test('names the given service account, in its namespace, and its values can feed a descriptor', () => {
  const chart = Testing.chart();
  const sa = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'kp-default-repository-serviceaccount', namespace: 'kpack' } });
  const config = new KpConfig(chart, 'kp', { defaultRepository: 'registry.example.com/kpack', serviceAccount: sa });
  KpDescriptor.fromString(chart, 'deps', 'apiVersion: kp.kpack.io/v1\nclusterLifecycles: [{name: lc, image: buildpacksio/lifecycle}]\n', {
    defaultRepository: config.defaultRepository, serviceAccount: config.serviceAccount,
  });
  const data = manifestOf(chart, 'ConfigMap').data;
  expect([data['default.repository.serviceaccount'], data['default.repository.serviceaccount.namespace']]).toEqual(['kp-default-repository-serviceaccount', 'kpack']);
  expect(manifestOf(chart, 'ClusterLifecycle').spec.serviceAccountRef).toEqual({ name: 'kp-default-repository-serviceaccount', namespace: 'kpack' });
  expect(synthError(chart)).toBeUndefined();
});

test('rejects a default repository kp could not tag builders in', () => {
  expect(() => new KpConfig(Testing.chart(), 'kp', { defaultRepository: 'registry.example.com/kpack:v1' })).toThrow(/defaultRepository "registry\.example\.com\/kpack:v1" is not a valid image repository: it has a tag/);
  expect(() => new KpConfig(Testing.chart(), 'kp', { defaultRepository: '' })).toThrow(/^KpConfig "test\/kp": defaultRepository must not be empty: give an image repository/);
  expect(() => new KpConfig(Testing.chart(), 'kp', { defaultRepository: 7 as any })).toThrow(/^KpConfig "test\/kp": defaultRepository must be an image repository, e.g. "registry.example.com\/kpack", got an integer 7$/);
  expect(() => new KpConfig(Testing.chart(), 'kp', { defaultRepository: 'registry.io/kp:tag' })).toThrow(/^KpConfig "test\/kp": defaultRepository "registry.io\/kp:tag" is not a valid image repository: it has a tag/);
});
