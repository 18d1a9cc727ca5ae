import { cdk8s, DependencyType, javascript } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-kpack',
  description: 'Typed cdk8s constructs for kpack (Cloud Native Buildpacks on Kubernetes), checked against kpack\'s admission rules at synth time',
  author: 'cdk8s-kpack maintainers',
  authorAddress: 'maintainers@users.noreply.cdk8s-kpack.example',
  repositoryUrl: 'https://github.com/cdk8s-kpack/cdk8s-kpack.git',
  defaultReleaseBranch: 'main',
  keywords: ['cdk8s', 'kpack', 'buildpacks', 'cnb', 'kubernetes', 'paketo'],
  license: 'Apache-2.0',

  cdk8sVersion: '2.68.12',
  constructsVersion: '10.3.0',
  jsiiVersion: '~5.9.0',
  peerDeps: ['cdk8s-plus-27@^2.9.5'],
  // The one YAML parser: the CLI, the validation plugin, release templates and descriptors. Bundled, as jsii
  // requires for a runtime dependency that is not itself a jsii library.
  bundledDeps: ['yaml@^2.8.1'],
  devDeps: [
    // The real cdk8s CLI, so a test can run `cdk8s synth --validate` with our validation plugin.
    'cdk8s-cli@^2.200.0',
    'cdk8s-plus-27@2.9.5',
    'json2jsii@0.5.19',
    'fast-check@^4',
  ],

  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  // CI is .ci/run on our own machines; no GitHub workflows, no release pipeline.
  github: false,
  release: false,
  docgen: true,

  jestOptions: {
    jestVersion: '^29',
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      coveragePathIgnorePatterns: ['/node_modules/', '/src/imports/'],
      testPathIgnorePatterns: ['/node_modules/', '/lib/', '/dist/'],
    },
  },
  eslintOptions: {
    // One program for every linted file (src, test, examples, projenrc): tsconfig.dev.json includes them all.
    tsconfigPath: './tsconfig.dev.json',
    projectService: false,
    dirs: ['src'],
    devdirs: ['test', 'projenrc', 'examples', 'bench', '.projenrc.ts'],
    ignorePatterns: ['src/imports/**', '*.d.ts', 'node_modules/', 'lib/', 'coverage/', 'dist/'],
  },
  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: {
    include: ['examples/**/*.ts', 'projenrc/**/*.ts', '.projenrc.ts'],
  },
  gitignore: ['/dist/', '/.tmp/', '/oracle/kpack-admit', '/examples/validation-plugin/dist/'],
  // The command line tool: `cdk8s-kpack validate|graph PATH...` (src/cli).
  bin: { 'cdk8s-kpack': 'lib/cli/main.js' },
});

// jest 29 and this resolver version do not depend on unrs-resolver: the registry reachable here lacks some of
// its optional platform packages, which leaves them out of package-lock.json and makes `npm ci` refuse it.
project.deps.removeDependency('eslint-import-resolver-typescript');
project.deps.addDependency('eslint-import-resolver-typescript@3.6.3', DependencyType.BUILD);

project.addPackageIgnore('/examples/');
project.addPackageIgnore('/.ci/');

// jsii targets are declared so the package can be published to PyPI, Maven Central, NuGet and the Go proxy
// from a machine that reaches them; no publishTo* option is set, because those toolchains and registries are
// not reachable here (package-all would fail). jsii still enforces every cross-language rule at compile time.
project.package.addField('jsii', {
  outdir: 'dist',
  tsconfig: 'tsconfig.json',
  validateTsconfig: 'strict',
  targets: {
    python: { distName: 'cdk8s-kpack', module: 'cdk8s_kpack' },
    java: { package: 'io.github.cdk8skpack', maven: { groupId: 'io.github.cdk8skpack', artifactId: 'cdk8s-kpack' } },
    dotnet: { namespace: 'Cdk8sKpack', packageId: 'Cdk8sKpack' },
    go: { moduleName: 'github.com/cdk8s-kpack/cdk8s-kpack-go', packageName: 'cdk8skpack' },
  },
});

// The typed kpack API (src/imports) is generated from the vendored OpenAPI document, never with `cdk8s import`:
// kpack's CRDs are schemaless and the import silently drops `spec`.
project.addTask('import', {
  description: 'Regenerate src/imports from imports/kpack/<version>/api/openapi-spec/swagger.json',
  exec: 'ts-node --project tsconfig.dev.json projenrc/gen-kpack-api.ts',
});
project.addTask('import:check', {
  description: 'Fail when the checked-in src/imports differs from what the generators write (the schema needs Go)',
  steps: [
    { spawn: 'import' },
    { spawn: 'import:schema' },
    { exec: 'git diff --exit-code -- src/imports' },
  ],
});

// The oracle (oracle/): kpack's own admission code, built from kpack's Go module, the referee of the rule engine.
// Test-only: never packaged; the test suites use it when Go is present (.ci/run makes it required).
project.addTask('kpack-admit', {
  description: 'Judge manifests with kpack\'s own admission code: -- --kpack-version v0.17.2 [--default-storage-class=false] [--previous FILE] FILE|-',
  exec: 'node oracle/oracle.js',
  receiveArgs: true,
});
project.addTask('import:schema', {
  description: 'Regenerate src/imports/kpack-schema.ts (the rule engine\'s field tree) from kpack\'s Go types; needs Go',
  exec: 'ts-node --project tsconfig.dev.json projenrc/gen-kpack-schema.ts',
});
project.addPackageIgnore('/oracle/');

// docs/rules.md: the rule catalogue (src/validation/catalogue.ts) as a page; regenerated and diffed in CI.
project.addTask('docs:rules', {
  description: 'Regenerate docs/rules.md from the rule catalogue',
  exec: 'ts-node --project tsconfig.dev.json projenrc/gen-rules-doc.ts',
});
project.postCompileTask.spawn(project.tasks.tryFind('docs:rules')!);

// Examples are type-checked with the library (ts-jest runs them transpile-only).
project.addTask('typecheck:examples', {
  exec: 'tsc -p tsconfig.dev.json --noEmit',
});
project.testTask.prependSpawn(project.tasks.tryFind('typecheck:examples')!);

project.addTask('synth', {
  description: 'Synthesize the example apps to dist/ (the main job of the quick start)',
  exec: 'ts-node --project tsconfig.dev.json examples/synth-all.ts',
});

// `npm run bench`: L2 vs L1 synth and the rule engine at 100, 1,000 and 10,000 Images (not part of the tests).
project.addTask('bench', {
  description: 'Measure synth with the L2 constructs against plain ApiObjects, and the rule engine, at 100 to 10,000 Images',
  exec: 'ts-node --project tsconfig.dev.json --transpile-only bench/bench.ts',
});
project.addPackageIgnore('/bench/');

project.synth();
