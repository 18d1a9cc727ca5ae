/** referencesOf: which field of which kind names what, and where kpack looks it up (src/validation/object-references.ts). */
import * as fc from 'fast-check';
import { baseline, NS } from './fixtures';
import { referencesOf } from '../../src/validation/object-references';

const refs = (manifest: unknown) => referencesOf(manifest).map(r => `${r.path} ${r.field} -> ${r.kind}/${r.namespace}/${r.name}${r.implicit ? ' (implicit)' : ''}`);

test('a Builder: stack and store (kinds defaulted), lifecycle, buildpacks in order, its ServiceAccount, in field order', () => {
  expect(refs(baseline('Builder'))).toEqual([
    'spec.stack.name stack -> ClusterStack//base',
    'spec.store.name store -> ClusterStore//default',
    'spec.lifecycle.name lifecycle -> ClusterLifecycle//lifecycle-0-20',
    `spec.order[1].group[0].name order -> Buildpack/${NS}/nodejs`,
    'spec.order[1].group[1].name order -> ClusterBuildpack//java',
    `spec.serviceAccountName serviceAccount -> ServiceAccount/${NS}/builder-sa`,
  ]);
});

test('a ClusterBuilder: kinds are not defaulted, a namespaced Buildpack is never resolved, the ServiceAccount is in serviceAccountRef.namespace', () => {
  const builder = baseline('ClusterBuilder');
  builder.spec.stack = { name: 'base' };
  builder.spec.store = { kind: 'ClusterStore', name: 'default' };
  builder.spec.order = [{ group: [{ kind: 'Buildpack', name: 'nodejs' }, { kind: 'ClusterBuildpack', name: 'java' }] }];
  builder.spec.serviceAccountRef = { name: 'builder-sa', namespace: 'team-b' };
  delete builder.spec.lifecycle;
  expect(refs(builder)).toEqual([
    'spec.store.name store -> ClusterStore//default',
    'spec.order[0].group[1].name order -> ClusterBuildpack//java',
    'spec.serviceAccountRef.name serviceAccount -> ServiceAccount/team-b/builder-sa',
  ]);
});

test('kpack\'s defaults are references to what every cluster has: the default ServiceAccount, the default lifecycle', () => {
  const image = baseline('Image');
  delete image.spec.serviceAccountName;
  expect(refs(image)).toContain(`spec.serviceAccountName serviceAccount -> ServiceAccount/${NS}/default (implicit)`);
  const builder = baseline('Builder');
  builder.spec.lifecycle = { kind: 'SomethingElse', name: 'default-lifecycle' }; // kpack reads only the name
  expect(refs(builder)).toContain('spec.lifecycle.name lifecycle -> ClusterLifecycle//default-lifecycle (implicit)');
});

test('a Build\'s Builder is in ref.namespace, else the Build\'s; its service bindings are Secrets of its namespace', () => {
  const build = baseline('Build');
  build.spec.builder = { ref: { kind: 'Builder', name: 'b' } };
  build.spec.services = [{ kind: 'Secret', name: 'settings' }, { kind: 'ConfigMap', name: 'other' }];
  expect(refs(build)).toEqual(expect.arrayContaining([
    `spec.builder.ref.name builder -> Builder/${NS}/b`,
    `spec.services[0].name services -> Secret/${NS}/settings`,
  ]));
  build.spec.builder.ref.namespace = 'team-c';
  expect(refs(build)).toContain('spec.builder.ref.name builder -> Builder/team-c/b');
  expect(refs(build).join('\n')).not.toContain('ConfigMap');
});

test('a ServiceAccount names the Secrets of its own namespace', () => {
  expect(refs({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' }, secrets: [{ name: 'a' }, null], imagePullSecrets: [{ name: 'b' }] }))
    .toEqual(['secrets[0].name secrets -> Secret/default/a', 'imagePullSecrets[0].name imagePullSecrets -> Secret/default/b']);
});

test('a field of the wrong type, or an empty name, is no reference', () => {
  const image = baseline('Image');
  image.spec.serviceAccountName = 7;
  image.spec.builder = { kind: 'Builder', name: '' };
  image.spec.build.services = [{ kind: 'Secret', name: null }];
  expect(refs(image)).toEqual([]);
});

test('never throws, and every reference has a kind, a name and a namespace exactly when its kind is namespaced', () => {
  const cluster = new Set(['ClusterStack', 'ClusterStore', 'ClusterBuildpack', 'ClusterLifecycle', 'ClusterBuilder']);
  fc.assert(fc.property(fc.oneof(fc.anything(), fc.record({
    kind: fc.constantFrom('Image', 'Build', 'Builder', 'ClusterBuilder', 'Buildpack', 'ClusterStack', 'ServiceAccount'),
    metadata: fc.anything(),
    spec: fc.anything(),
    secrets: fc.anything(),
  })), manifest => {
    for (const r of referencesOf(manifest)) {
      expect(r.name).not.toBe('');
      expect(r.namespace === '').toBe(cluster.has(r.kind));
    }
  }));
});
