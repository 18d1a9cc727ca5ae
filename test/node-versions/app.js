/**
 * A representative cdk8s-kpack app, in plain CommonJS as a user on any Node.js release would write it; run by
 * test/node-versions/run.ts from a directory whose node_modules links to the checkout (cdk8s-kpack, cdk8s,
 * cdk8s-plus-27, constructs).
 *
 *   node app.js synth        prints the app's YAML (every chart, in order)
 *   node app.js bad-prop     an Image with an empty tag: prints the error thrown at once
 *   node app.js rule-error   a ClusterBuilder whose tag has too short a repository name: prints synth's error
 */
'use strict';
const { App, Chart } = require('cdk8s');
const kpack = require('cdk8s-kpack');

/** The platform in its own chart; a stack, a store, a ClusterBuilder, a build service account and an Image. */
function app(builderTag) {
  const app = new App();
  const platformChart = new Chart(app, 'platform', { disableResourceNameHashes: true });
  const platform = new kpack.KpackPlatform(platformChart, 'kpack', { version: kpack.KpackVersion.V0_17_2 });

  const chart = new Chart(app, 'builds', { disableResourceNameHashes: true });
  chart.addDependency(platformChart);
  const stack = new kpack.ClusterStack(chart, 'stack', {
    metadata: { name: 'base' },
    stackId: 'io.buildpacks.stacks.jammy',
    buildImage: 'paketobuildpacks/build-jammy-base',
    runImage: 'paketobuildpacks/run-jammy-base',
  });
  const store = new kpack.ClusterStore(chart, 'store', {
    metadata: { name: 'default' },
    sources: [
      { image: 'paketobuildpacks/java', buildpackIds: ['paketo-buildpacks/java'] },
      { image: 'paketobuildpacks/nodejs', buildpackIds: ['paketo-buildpacks/nodejs'] },
    ],
  });
  const account = new kpack.BuildServiceAccount(chart, 'account', {
    metadata: { name: 'builds', namespace: 'team' },
    credentials: [kpack.RegistryCredential.fromSecretName(chart, 'registry', 'registry-credentials', {
      registry: 'registry.example.com', namespaceName: 'team',
    })],
  });
  const builderAccount = new kpack.BuildServiceAccount(chart, 'builder-account', {
    metadata: { name: 'builder', namespace: 'kpack' },
    credentials: [kpack.RegistryCredential.fromSecretName(chart, 'builder-registry', 'builder-registry', {
      registry: 'registry.example.com', namespaceName: 'kpack',
    })],
  });
  const builder = new kpack.ClusterBuilder(chart, 'builder', {
    metadata: { name: 'default' },
    tag: builderTag,
    serviceAccount: builderAccount,
    stack,
    store,
    order: [
      { group: [kpack.BuildpackRef.fromId('paketo-buildpacks/java')] },
      { group: [kpack.BuildpackRef.fromId('paketo-buildpacks/nodejs')] },
    ],
  });
  new kpack.Image(chart, 'image', {
    metadata: { name: 'web', namespace: 'team' },
    tag: 'registry.example.com/apps/web',
    builder,
    serviceAccount: account,
    source: kpack.ImageSource.fromGit('https://github.com/example/web', 'main'),
  });
  return { app, chart, platform, builder, account };
}

/** The message of what `fn` throws (a TypeError or a stack trace would be a finding: both are printed). */
function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return `${e && e.constructor && e.constructor.name}: ${e && e.message}\n`;
  }
  return 'nothing was thrown\n';
}

const mode = process.argv[2];
if (mode === 'synth') {
  process.stdout.write(app('registry.example.com/platform/builder:v1').app.synthYaml());
} else if (mode === 'bad-prop') {
  const { chart, builder, account } = app('registry.example.com/platform/builder:v1');
  process.stdout.write(thrown(() => new kpack.Image(chart, 'bad', {
    metadata: { name: 'bad', namespace: 'team' },
    tag: '',
    builder,
    serviceAccount: account,
    source: kpack.ImageSource.fromGit('https://github.com/example/bad', 'main'),
  })));
} else if (mode === 'rule-error') {
  process.stdout.write(thrown(() => app('registry.example.com/b').app.synthYaml()));
} else {
  process.stderr.write(`usage: node app.js synth|bad-prop|rule-error (not ${JSON.stringify(mode)})\n`);
  process.exit(2);
}
