/**
 * The engine runs at every synth over all kpack objects of an app. These tests check it handles 10,000 Images
 * correctly; how fast is measured by the benchmark script, not here (timed tests flake).
 */
import { baseline, V2 } from './fixtures';
import { KpackValidator } from '../../src/validation';

function bigApp(images: number, namespaces: number): any[] {
  const manifests: any[] = [baseline('ClusterStack'), baseline('ClusterStore')];
  for (let n = 0; n < namespaces; n++) {
    const namespace = `ns-${n}`;
    const builder = baseline('Builder');
    builder.metadata.namespace = namespace;
    builder.spec.order = [{ group: [{ id: 'paketo-buildpacks/java' }] }];
    delete builder.spec.lifecycle;
    manifests.push(builder,
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder-sa', namespace }, secrets: [{ name: 'creds' }] },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace, annotations: { 'kpack.io/docker': 'registry.example.com' } }, type: 'kubernetes.io/basic-auth' });
  }
  for (let i = 0; i < images; i++) {
    manifests.push({
      apiVersion: V2,
      kind: 'Image',
      metadata: { name: `app-${i}`, namespace: `ns-${i % namespaces}` },
      spec: {
        tag: `registry.example.com/apps/app-${i}`,
        additionalTags: [`registry.example.com/apps/app-${i}:v1`],
        serviceAccountName: 'builder-sa',
        builder: { kind: 'Builder', name: 'builder' },
        source: { git: { url: `https://github.com/example/app-${i}.git`, revision: 'main' } },
        cache: { volume: { size: '2G', storageClassName: 'fast' } },
        build: { env: [{ name: 'BP_JVM_VERSION', value: '17' }], resources: { limits: { cpu: '2', memory: '2Gi' } } },
      },
    });
  }
  return manifests;
}

test('10,000 valid Images with their builders give no findings', () => {
  expect(KpackValidator.validateManifests(bigApp(10_000, 20))).toEqual([]);
});

test('10,000 Images with three problems each give exactly those findings', () => {
  const manifests = bigApp(10_000, 20);
  for (const o of manifests) {
    if (o.kind !== 'Image') continue;
    o.spec.tag = 'Bad Tag';
    o.spec.unknown = true;
    o.spec.builder.name = 'missing';
  }
  const findings = KpackValidator.validateManifests(manifests);
  expect(findings).toHaveLength(30_000);
  expect(new Set(findings.map(f => f.rule))).toEqual(new Set(['I-1', 'unknown-field', 'ref-missing']));
});
