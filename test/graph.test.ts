import { Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { cli, tempFiles, yamlOf } from './cli-helpers';
import { EXAMPLES } from '../examples';
import { baseline, baselineSet } from './validation/fixtures';
import { buildGraph } from '../src/graph/model';
import { renderDot, renderMermaid } from '../src/graph/render';

function gettingStarted(): any[] {
  const app = Testing.app();
  EXAMPLES['getting-started'](app);
  return app.charts.flatMap(c => Testing.synth(c));
}

const edgesOf = (manifests: any[]) => buildGraph(manifests).edges.map(e => `${e.from} -${e.label}-> ${e.to}`);

describe('the graph model', () => {
  test('getting-started: image to builder to stack and store; service account to its secret, which is dangling', () => {
    const graph = buildGraph(gettingStarted());
    expect(graph.nodes.map(n => `${n.key}${n.dangling ? ' (dangling)' : ''}`)).toEqual([
      'Image/default/sample-image',
      'Builder/default/my-builder',
      'ClusterStore//default',
      'ClusterStack//base',
      'ServiceAccount/default/kpack-service-account',
      'Secret/default/registry-credentials (dangling)',
    ]);
    expect(edgesOf(gettingStarted())).toEqual([
      'Builder/default/my-builder -stack-> ClusterStack//base',
      'Builder/default/my-builder -store-> ClusterStore//default',
      'Builder/default/my-builder -serviceAccount-> ServiceAccount/default/kpack-service-account',
      'Image/default/sample-image -builder-> Builder/default/my-builder',
      'Image/default/sample-image -serviceAccount-> ServiceAccount/default/kpack-service-account',
      'ServiceAccount/default/kpack-service-account -imagePullSecrets-> Secret/default/registry-credentials',
      'ServiceAccount/default/kpack-service-account -secrets-> Secret/default/registry-credentials',
    ]);
  });

  test('every reference of the baseline set: lifecycles, buildpacks, cluster builders, service account refs', () => {
    const edges = edgesOf(baselineSet());
    expect(edges).toEqual(expect.arrayContaining([
      'Builder/team-a/builder -lifecycle-> ClusterLifecycle//lifecycle-0-20',
      'Builder/team-a/builder -order-> Buildpack/team-a/nodejs',
      'Builder/team-a/builder -order-> ClusterBuildpack//java',
      'ClusterBuilder//cluster-builder -order-> ClusterBuildpack//java',
      'ClusterBuilder//cluster-builder -serviceAccount-> ServiceAccount/team-a/builder-sa',
      'ClusterBuildpack//java -serviceAccount-> ServiceAccount/team-a/builder-sa',
      'Buildpack/team-a/nodejs -serviceAccount-> ServiceAccount/team-a/builder-sa',
      'ServiceAccount/team-a/builder-sa -imagePullSecrets-> Secret/team-a/registry-credentials',
    ]));
    expect(buildGraph(baselineSet()).nodes.filter(n => n.dangling)).toEqual([]);
  });

  test('a Builder looked up in the Image\'s namespace: one in another namespace does not count', () => {
    const builder = baseline('Builder');
    builder.metadata.namespace = 'team-b';
    const graph = buildGraph([baseline('Image'), builder]);
    expect(graph.nodes.find(n => n.key === 'Builder/team-a/builder')).toMatchObject({ dangling: true });
    expect(graph.nodes.find(n => n.key === 'Builder/team-b/builder')).toMatchObject({ dangling: false });
  });

  test('the default ServiceAccount and kpack\'s default-lifecycle exist in every cluster: not drawn as dangling', () => {
    const builder = baseline('Builder');
    builder.spec.serviceAccountName = 'default';
    builder.spec.lifecycle = { name: 'default-lifecycle' };
    expect(buildGraph([builder]).nodes.filter(n => n.kind === 'ServiceAccount' || n.kind === 'ClusterLifecycle')).toEqual([]);
  });

  test('a Build refers to its builder in ref.namespace', () => {
    const build = baseline('Build');
    build.spec.builder = { ref: { kind: 'Builder', name: 'builder', namespace: 'team-c' } };
    expect(edgesOf([build])).toContain('Build/team-a/app-build-1 -builder-> Builder/team-c/builder');
  });

  test('objects that are not kpack objects, ServiceAccounts or Secrets are left out', () => {
    expect(buildGraph([{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } }, 'text', null, [1]]).nodes).toEqual([]);
  });

  test('never throws, whatever the manifests', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.anything(), fc.record({
      apiVersion: fc.constantFrom('kpack.io/v1alpha2', 'v1'),
      kind: fc.constantFrom('Image', 'Builder', 'ClusterBuilder', 'Build', 'ServiceAccount', 'ClusterStack'),
      metadata: fc.oneof(fc.anything(), fc.record({ name: fc.string(), namespace: fc.string() })),
      spec: fc.anything(),
      secrets: fc.anything(),
    }))), manifests => {
      const graph = buildGraph(manifests);
      renderMermaid(graph);
      renderDot(graph);
      for (const e of graph.edges) expect(graph.nodes.some(n => n.key === e.to)).toBe(true);
    }), { numRuns: 300 });
  });
});

describe('rendering', () => {
  test('Mermaid: a flowchart, dangling nodes marked and styled', () => {
    const text = renderMermaid(buildGraph(gettingStarted()));
    expect(text.split('\n')).toEqual(expect.arrayContaining([
      'flowchart LR',
      '  n0["Image<br/>default/sample-image"]',
      '  n5["Secret<br/>default/registry-credentials<br/>(not in the manifests)"]:::dangling',
      '  n0 -->|builder| n1',
      expect.stringMatching(/^ {2}classDef dangling /),
    ]));
  });

  test('DOT: a digraph with labels, dangling nodes dashed', () => {
    const text = renderDot(buildGraph(gettingStarted()));
    expect(text).toMatch(/^digraph kpack \{\n {2}rankdir=LR;/);
    expect(text).toContain('  "Image/default/sample-image" -> "Builder/default/my-builder" [label="builder"];');
    expect(text).toContain('  "Secret/default/registry-credentials" [label="Secret\\ndefault/registry-credentials\\n(not in the manifests)", style=dashed, color=red, fontcolor=red];');
  });

  test('names with quotes, brackets and newlines cannot break out of a label', () => {
    const graph = buildGraph([{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'a"]; x["<b>\n', namespace: 'n' }, secrets: [{ name: 's\\"' }] }]);
    const mermaid = renderMermaid(graph);
    expect(mermaid).toContain('n0["ServiceAccount<br/>n/a#34;]; x[#34;#60;b#62; "]');
    const dot = renderDot(graph);
    expect(dot).toContain('[label="ServiceAccount\\nn/a\\"]; x[\\"<b> "]');
    expect(dot).toContain('label="Secret\\nn/s\\\\\\"\\n(not in the manifests)"');
  });
});

describe('cdk8s-kpack graph', () => {
  test('Mermaid by default, DOT with --format dot, from files and folders', () => {
    const dir = tempFiles({ 'app.yaml': yamlOf(gettingStarted()) });
    const mermaid = cli('graph', dir);
    expect(mermaid.code).toBe(0);
    expect(mermaid.out).toBe(renderMermaid(buildGraph(gettingStarted())));
    const dot = cli('graph', '--format', 'dot', dir);
    expect(dot.code).toBe(0);
    expect(dot.out).toBe(renderDot(buildGraph(gettingStarted())));
  });

  test('bad input and bad options exit 2', () => {
    expect(cli('graph', '/nonexistent')).toMatchObject({ code: 2, err: expect.stringMatching(/no such file or folder/) });
    expect(cli('graph', '--format', 'png', 'x')).toMatchObject({ code: 2, err: expect.stringMatching(/--format "png" is not supported: use one of mermaid, dot/) });
    expect(cli('graph')).toMatchObject({ code: 2 });
    expect(cli('graph', '-h')).toMatchObject({ code: 0, out: expect.stringMatching(/^usage: cdk8s-kpack graph/) });
  });
});
