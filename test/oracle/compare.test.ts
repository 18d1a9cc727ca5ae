/** The judge's comparisons that concern Kubernetes' validation and the runtime stage (compare.ts). */
import { engineRuntimeAdmits, isKubernetesObject, pathClass, persistedChanges, RecordedFinding, runtimeClasses } from './compare';

const finding = (stage: string, rule: string): RecordedFinding => ({ position: 0, stage, path: 'spec', rule });

test('built-in objects are those outside kpack.io with a kind, lists aside', () => {
  expect(isKubernetesObject({ apiVersion: 'v1', kind: 'ConfigMap' })).toBe(true);
  expect(isKubernetesObject({ apiVersion: 'apps/v1', kind: 'Deployment' })).toBe(true);
  expect(isKubernetesObject({ apiVersion: 'kpack.io/v1alpha2', kind: 'Image' })).toBe(false);
  expect(isKubernetesObject({ apiVersion: 'v1', kind: 'List', items: [] })).toBe(false);
  expect(isKubernetesObject({ apiVersion: 'v1' })).toBe(false);
  expect(isKubernetesObject(['v1'])).toBe(false);
  expect(isKubernetesObject(null)).toBe(false);
});

test('the engine expects a valid build pod unless it has a runtime finding the oracle can referee', () => {
  expect(engineRuntimeAdmits([])).toBe(true);
  expect(engineRuntimeAdmits([finding('advice', 'unknown-field'), finding('admission', 'I-1')])).toBe(true);
  expect(engineRuntimeAdmits([finding('runtime', 'pod-toleration')])).toBe(false);
  // Findings about objects the oracle replaces with stand-ins, or about the lifecycle inside the build, do not count.
  expect(engineRuntimeAdmits([finding('runtime', 'ref-forbidden-secret')])).toBe(true);
  expect(engineRuntimeAdmits([finding('runtime', 'image-cache-tag')])).toBe(true);
});

test('path classes drop indices and keys', () => {
  expect(pathClass('spec.build.env[2].name')).toBe('spec.build.env[].name');
  expect(pathClass('spec.build.nodeSelector["kubernetes.io/os"]')).toBe('spec.build.nodeSelector[key]');
  expect(pathClass('spec.resources[storage]')).toBe('spec.resources[key]');
  expect(pathClass('metadata.labels')).toBe('metadata.labels');
});

test('runtime classes: by manifest field, or by the created object\'s field when none', () => {
  expect(runtimeClasses(undefined)).toEqual([]);
  expect(runtimeClasses({
    admitted: false,
    errors: [
      { object: 'Pod', message: 'm', paths: ['spec.build.tolerations[0].operator'], objectPaths: ['spec.tolerations[0].operator'] },
      { object: 'Pod', message: 'm', paths: ['spec.build.tolerations[1].operator'], objectPaths: ['spec.tolerations[1].operator'] },
      { object: 'Build', message: 'm', paths: [], objectPaths: ['spec.runImage'] },
    ],
  })).toEqual(['Build spec.runImage <- (no field of the manifest)', 'Pod <- spec.build.tolerations[].operator']);
});

test('persistedChanges: managedFields are the API server\'s field manager\'s, not a change kpack made', () => {
  const written = { apiVersion: 'kpack.io/v1alpha2', kind: 'ClusterStack', metadata: { name: 'x' }, spec: { id: 'a' } };
  const stored = { ...written, metadata: { name: 'x', managedFields: [{ manager: 'kubectl-client-side-apply', operation: 'Update' }] } };
  expect(persistedChanges(written, stored)).toEqual([]);
  expect(persistedChanges(written, { ...stored, spec: { id: 'b' } })).toEqual(['spec.id: written "a", stored "b"']);
});
