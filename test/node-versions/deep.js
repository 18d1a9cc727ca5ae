/**
 * Deep imports of cdk8s-kpack's files, as some users write them: `require('cdk8s-kpack/lib/validation')` and the
 * ES module import of the same file, then the rule engine on manifests with known errors. Prints JSON: the
 * findings of each, and whether both gave the same class as the package's main file.
 */
'use strict';

/** An Image with a bad tag, a bad git URL, a missing builder kind and an unknown field; a ClusterStack with no stack id. */
const MANIFESTS = [
  {
    apiVersion: 'kpack.io/v1alpha2',
    kind: 'Image',
    metadata: { name: 'web', namespace: 'team' },
    spec: {
      tag: 'registry.example.com/My App:1',
      builder: { name: 'default' },
      source: { git: { url: 'not a url', revision: 'main' } },
      colour: 'blue',
    },
  },
  { apiVersion: 'kpack.io/v1alpha2', kind: 'ClusterStack', metadata: { name: 'base' }, spec: {} },
];

const required = require('cdk8s-kpack/lib/validation');
import('cdk8s-kpack/lib/validation/index.js').then(imported => {
  const main = require('cdk8s-kpack');
  process.stdout.write(JSON.stringify({
    required: required.KpackValidator.validateManifests(MANIFESTS),
    imported: imported.KpackValidator.validateManifests(MANIFESTS, { kpackVersion: 'v0.16.1' }),
    sameClass: required.KpackValidator === main.KpackValidator && imported.KpackValidator === main.KpackValidator,
  }, null, 2));
}).catch(e => {
  process.stdout.write(`import failed: ${e && e.stack}\n`);
  process.exit(1);
});
