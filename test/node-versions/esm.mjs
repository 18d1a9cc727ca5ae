/**
 * What an ES module sees of cdk8s-kpack, a CommonJS package: Node reads its export names from the text of
 * lib/index.js (cjs-module-lexer up to Node 23, its successor since Node 24), never by running it. Prints JSON:
 * the names of `import * as`, the names of `require()`, the names whose value is undefined, whether the named
 * imports are require()'s objects, and the YAML of a small chart built from the named imports.
 */
import { createRequire } from 'node:module';
import * as ns from 'cdk8s-kpack';
import { ClusterStack, Image, ImageSource, KpackValidator, NamespacedBuilder, BuildpackRef, ClusterStore, kpack } from 'cdk8s-kpack';
import { App, Chart } from 'cdk8s';

const required = createRequire(import.meta.url)('cdk8s-kpack');
const names = Object.keys(ns).sort();
const named = { ClusterStack, Image, ImageSource, KpackValidator, NamespacedBuilder, BuildpackRef, ClusterStore, kpack };

const app = new App();
const chart = new Chart(app, 'esm', { disableResourceNameHashes: true });
const stack = new ClusterStack(chart, 'stack', {
  metadata: { name: 'base' },
  stackId: 'io.buildpacks.stacks.jammy',
  buildImage: 'paketobuildpacks/build-jammy-base',
  runImage: 'paketobuildpacks/run-jammy-base',
});
const store = new ClusterStore(chart, 'store', {
  metadata: { name: 'default' },
  sources: [{ image: 'paketobuildpacks/java', buildpackIds: ['paketo-buildpacks/java'] }],
});
const builder = new NamespacedBuilder(chart, 'builder', {
  metadata: { name: 'builder', namespace: 'team' },
  tag: 'registry.example.com/builders/builder:v1',
  stack,
  store,
  order: [{ group: [BuildpackRef.fromId('paketo-buildpacks/java')] }],
});
new Image(chart, 'image', {
  metadata: { name: 'web', namespace: 'team' },
  tag: 'registry.example.com/apps/web',
  builder,
  source: ImageSource.fromGit('https://github.com/example/web', 'main'),
});

process.stdout.write(JSON.stringify({
  names,
  requireNames: Object.keys(required).sort(),
  undefinedNames: names.filter(n => ns[n] === undefined),
  defaultIsRequire: ns.default === required,
  // Node 23 and later also name module.exports 'module.exports' (nodejs/node#53848)
  moduleExportsIsRequire: !('module.exports' in ns) || ns['module.exports'] === required,
  namedAreRequired: Object.entries(named).filter(([n, v]) => v !== required[n]).map(([n]) => n),
  l1Kinds: Object.keys(kpack).length,
  yaml: app.synthYaml(),
}));
