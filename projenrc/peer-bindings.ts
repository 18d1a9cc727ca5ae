/**
 * `peer-bindings:java` / `peer-bindings:go` (run by package:java and package:go): builds the Java or Go bindings
 * of the peer dependencies that the registries reachable here do not serve, from their npm packages (the same
 * jsii assemblies, so the same JavaScript runs in every language), into dist/java and dist/go beside ours.
 *
 * - Maven Central here has org.cdk8s:cdk8s and software.constructs:constructs, but not org.cdk8s:cdk8s-plus-27.
 * - The Go module proxy here serves neither github.com/cdk8s-team/cdk8s-core-go nor .../cdk8s-plus-go, and of
 *   github.com/aws/constructs-go only v10.4.2 and later (our peer dependency is constructs 10.3.0).
 *
 * jsii-pacmak finds them there by itself: dist/java is a local Maven repository of the Java build, and each
 * module in dist/go gets a `replace` directive in the Go build. Nothing is built when they are already there.
 * Where the registries do serve them, the package tasks never need these, and dist/java or dist/go simply hold
 * a copy.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist');

interface Peer {
  /** npm package name (in node_modules). */
  readonly npm: string;
  /** What its binding leaves in dist/<language> once built. */
  readonly built: (version: string) => string;
}

const PEERS: { [language: string]: Peer[] } = {
  java: [
    { npm: 'cdk8s-plus-27', built: v => `java/org/cdk8s/cdk8s-plus-27/${v}/cdk8s-plus-27-${v}.jar` },
  ],
  go: [
    { npm: 'constructs', built: () => 'go/constructs/go.mod' },
    { npm: 'cdk8s', built: () => 'go/cdk8s/go.mod' },
    { npm: 'cdk8s-plus-27', built: () => 'go/cdk8splus27/go.mod' },
  ],
};

function version(npm: string): string {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', npm, 'package.json'), 'utf8')).version;
}

const language = process.argv[2];
const peers = PEERS[language];
if (!peers) {
  console.error(`peer-bindings: unknown language ${JSON.stringify(language)}; expected one of ${Object.keys(PEERS).join(', ')}`);
  process.exit(2);
}

const missing = peers.filter(p => !fs.existsSync(path.join(DIST, p.built(version(p.npm)))));
if (missing.length === 0) {
  console.log(`peer-bindings:${language}: ${peers.map(p => `${p.npm}@${version(p.npm)}`).join(', ')} already in dist/${language}`);
  process.exit(0);
}
console.log(`peer-bindings:${language}: building ${missing.map(p => `${p.npm}@${version(p.npm)}`).join(', ')} into dist/${language}`);
// All of a language's peers in one run, even when only some are missing: pacmak then links them to each other.
const result = spawnSync('jsii-pacmak', ['-v', '--target', language, '--outdir', 'dist',
  ...peers.map(p => path.join('node_modules', p.npm))], { cwd: ROOT, stdio: 'inherit' });
process.exit(result.status ?? 1);
