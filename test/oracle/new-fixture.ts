/**
 * Keeps a case as a regression fixture (test/oracle/fixtures/<name>.json) with kpack's verdict as the oracle gives
 * it now: a disagreement the judge saved (.tmp/oracle/disagreements/*.json), or a manifest file.
 *
 *   ts-node test/oracle/new-fixture.ts --name NAME --why "what kpack does" (--from DISAGREEMENT.json | --manifest FILE.json)
 *     [--kpack-version v0.17.2] [--default-storage-class=false]
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { FIXTURES_DIR, OracleFixture } from './fixtures';
import { judge } from './oracle-client';

const { values } = parseArgs({
  options: {
    'name': { type: 'string' },
    'why': { type: 'string' },
    'from': { type: 'string' },
    'manifest': { type: 'string' },
    'kpack-version': { type: 'string' },
    'default-storage-class': { type: 'string' },
  },
});
if (!values.name || !values.why || (!values.from && !values.manifest)) {
  process.stderr.write('usage: new-fixture.ts --name NAME --why TEXT (--from DISAGREEMENT.json | --manifest FILE.json)\n');
  process.exit(2);
}
const source = values.from ? JSON.parse(fs.readFileSync(values.from, 'utf-8')) : undefined;
const manifest = source ? source.manifest : JSON.parse(fs.readFileSync(values.manifest!, 'utf-8'));
const version = values['kpack-version'] ?? source?.version ?? 'v0.17.2';
const dsc = values['default-storage-class'] !== undefined ? values['default-storage-class'] !== 'false' : source?.defaultStorageClass;
const [line] = judge(version, [manifest], { defaultStorageClass: dsc });
const fixture: Omit<OracleFixture, 'name'> = {
  why: values.why,
  version,
  ...dsc === undefined ? {} : { defaultStorageClass: dsc },
  manifest,
  kpack: { admitted: line.admitted, errorPaths: line.errors.map(e => e.paths) },
};
const file = path.join(FIXTURES_DIR, `${values.name}.json`);
fs.mkdirSync(FIXTURES_DIR, { recursive: true });
fs.writeFileSync(file, JSON.stringify(fixture, undefined, 2) + '\n');
process.stdout.write(`${path.relative(process.cwd(), file)}: kpack ${line.admitted ? 'admits' : `refuses (${line.message})`}\n`);
