/**
 * What an ES module sees of cdk8s-kpack, a CommonJS package: Node reads its export names from the text of
 * lib/index.js (cjs-module-lexer in Node 22, merve in Node 24), never by running it. Prints JSON:
 * the names of `import * as`, the names of `require()`, the names whose value is undefined, and whether the named
 * imports are require()'s objects (then they behave as the CommonJS app's, which app.js checks).
 */
import { createRequire } from 'node:module';
import * as ns from 'cdk8s-kpack';
import { ClusterStack, Image, ImageSource, KpackValidator, NamespacedBuilder, BuildpackRef, ClusterStore, kpack } from 'cdk8s-kpack';

const required = createRequire(import.meta.url)('cdk8s-kpack');
const names = Object.keys(ns).sort();
const named = { ClusterStack, Image, ImageSource, KpackValidator, NamespacedBuilder, BuildpackRef, ClusterStore, kpack };

process.stdout.write(JSON.stringify({
  names,
  requireNames: Object.keys(required).sort(),
  undefinedNames: names.filter(n => ns[n] === undefined),
  defaultIsRequire: ns.default === required,
  // Node 23 and later also name module.exports 'module.exports' (nodejs/node#53848)
  moduleExportsIsRequire: !('module.exports' in ns) || ns['module.exports'] === required,
  namedAreRequired: Object.entries(named).filter(([n, v]) => v !== required[n]).map(([n]) => n),
  l1Kinds: Object.keys(kpack).length,
}));
