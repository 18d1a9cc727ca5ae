import { Testing } from 'cdk8s';
import { airGapped } from '../examples/air-gapped';

test('the air-gapped example pulls every image from the internal registry and applies in order', () => {
  const app = Testing.app();
  airGapped(app);
  expect(app.charts.map(c => c.node.id)).toEqual(['kpack', 'builds']);
  const manifests = app.charts.flatMap(c => Testing.synth(c));
  const images: string[] = [];
  for (const m of manifests) {
    if (m.kind === 'Deployment') images.push(...m.spec.template.spec.containers.map((c: any) => c.image));
    if (m.kind === 'ConfigMap' && m.data?.image) images.push(m.data.image);
    if (m.kind === 'ClusterLifecycle') images.push(m.spec.image);
    if (m.kind === 'ClusterStack') images.push(m.spec.buildImage.image, m.spec.runImage.image);
    if (m.kind === 'ClusterStore') images.push(...m.spec.sources.map((s: any) => s.image));
  }
  expect(images).toHaveLength(10);
  for (const image of images) expect(image.startsWith('registry.internal/')).toBe(true);

  const controller = manifests.find(m => m.kind === 'Deployment' && m.metadata.name === 'kpack-controller');
  const env = Object.fromEntries(controller.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));
  expect(env.HTTPS_PROXY).toBe('http://proxy.internal:3128');
  expect(env.SSL_CERT_DIR).toContain('/etc/kpack/ca-certificates');
  expect(controller.spec.template.spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'node-role.example.com/system': 'true' });
  expect(manifests.find(m => m.kind === 'Image').spec.build.env.map((e: any) => e.name)).toContain('HTTPS_PROXY');
});
