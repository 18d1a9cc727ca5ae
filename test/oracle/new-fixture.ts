/**
 * Keeps a case as a regression fixture (test/oracle/fixtures/<name>.json) with kpack's verdict as the oracle gives
 * it now: a disagreement the judge saved (.tmp/oracle/disagreements/*.json), or a manifest file. `--refresh` records
 * the verdict of every fixture again (after the oracle changes: the judge says when one is out of date).
 *
 *   ts-node test/oracle/new-fixture.ts --name NAME --why "what kpack does" (--from DISAGREEMENT.json | --manifest FILE.json)
 *     [--kpack-version v0.17.2] [--default-storage-class=false]
 *   ts-node test/oracle/new-fixture.ts --refresh
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { FIXTURES_DIR, OracleFixture, loadFixtures, recordedVerdict } from './fixtures';
import { judge } from './oracle-client';

const { values } = parseArgs({
  options: {
    'name': { type: 'string' },
    'why': { type: 'string' },
    'from': { type: 'string' },
    'manifest': { type: 'string' },
    'kpack-version': { type: 'string' },
    'default-storage-class': { type: 'string' },
    'refresh': { type: 'boolean' },
  },
});

function write(name: string, fixture: Omit<OracleFixture, 'name'>): string {
  const file = path.join(FIXTURES_DIR, `${name}.json`);
  fs.mkdirSync(FIXTURES_DIR, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(fixture, undefined, 2) + '\n');
  return path.relative(process.cwd(), file);
}

function verdictText(kpack: OracleFixture['kpack']): string {
  const runtime = kpack.runtime ? `, what kpack makes of it ${kpack.runtime.admitted ? 'accepted' : 'refused'} by Kubernetes` : '';
  return `kpack ${kpack.admitted ? 'admits' : 'refuses'} it${runtime}`;
}

if (values.refresh) {
  let changed = 0;
  for (const { name, ...fixture } of loadFixtures()) {
    const [line] = judge(fixture.version, [fixture.manifest], { defaultStorageClass: fixture.defaultStorageClass });
    const kpack = recordedVerdict(line);
    if (JSON.stringify(kpack) === JSON.stringify(fixture.kpack)) continue;
    changed++;
    process.stdout.write(`${write(name, { ...fixture, kpack })}: ${verdictText(kpack)} (was: ${verdictText(fixture.kpack)})\n`);
  }
  process.stdout.write(`${changed} fixtures recorded again\n`);
} else {
  if (!values.name || !values.why || (!values.from && !values.manifest)) {
    process.stderr.write('usage: new-fixture.ts --name NAME --why TEXT (--from DISAGREEMENT.json | --manifest FILE.json), or new-fixture.ts --refresh\n');
    process.exit(2);
  }
  const source = values.from ? JSON.parse(fs.readFileSync(values.from, 'utf-8')) : undefined;
  const manifest = source ? source.manifest : JSON.parse(fs.readFileSync(values.manifest!, 'utf-8'));
  const version = values['kpack-version'] ?? source?.version ?? 'v0.17.2';
  const dsc = values['default-storage-class'] !== undefined ? values['default-storage-class'] !== 'false' : source?.defaultStorageClass;
  const [line] = judge(version, [manifest], { defaultStorageClass: dsc });
  const kpack = recordedVerdict(line);
  const file = write(values.name, {
    why: values.why,
    version,
    ...dsc === undefined ? {} : { defaultStorageClass: dsc },
    manifest,
    kpack,
  });
  process.stdout.write(`${file}: ${verdictText(kpack)}${line.admitted ? '' : ` (${line.message})`}\n`);
}
