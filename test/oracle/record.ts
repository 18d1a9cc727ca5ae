/**
 * Jest setup (setupFilesAfterEnv): while the suite runs, records what the oracle will referee afterwards
 * (test/oracle/judge.ts, the next step of `npm test`):
 * - every call of the rule engine: the manifests, the options and the findings (the engine's verdict);
 * - every chart the tests synthesize without an error: its objects, with the kpack version and cluster the app
 *   targets (what synth passes, kpack must admit, unchanged).
 *
 * Records go to $KPACK_ORACLE_RECORD (one file per test process); without it, nothing is recorded.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';

const dir = process.env.KPACK_ORACLE_RECORD;

if (dir) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${process.env.JEST_WORKER_ID ?? '0'}-${process.pid}.jsonl`);
  const testName = () => {
    try {
      return `${path.basename(expect.getState().testPath ?? '')}: ${expect.getState().currentTestName ?? ''}`;
    } catch {
      return '';
    }
  };
  const write = (record: object) => {
    try {
      fs.appendFileSync(file, JSON.stringify(record) + '\n');
    } catch {
      // a record that cannot be written (a cyclic test value) is skipped
    }
  };

  // The engine: every entry point (KpackValidator, the command, the plugin, synth) calls one of these two exports.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const validator = require('../../src/validation/validator');
  // The manifests and the options that decide admission; the judge runs the engine (as it is then) again.
  const record = (manifests: unknown, options: any) => {
    if (!Array.isArray(manifests)) return;
    write({
      source: 'engine',
      test: testName(),
      kpackVersion: options?.kpackVersion ?? 'v0.17.2',
      defaultStorageClass: options?.defaultStorageClass,
      manifests,
    });
  };
  const validatePositioned = validator.validatePositioned;
  validator.validatePositioned = (manifests: unknown, options: any) => {
    record(manifests, options);
    return validatePositioned(manifests, options);
  };
  // `validate` calls the module's own validatePositioned, so it is recorded here once.
  validator.validate = (manifests: unknown, options: any) => {
    record(manifests, options);
    return validatePositioned(manifests, options).findings.map((p: any) => p.finding);
  };

  // Synth: every chart rendered without an error.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { KpackCluster } = require('../../src/kpack-cluster');
  const toJson = Chart.prototype.toJson;
  Chart.prototype.toJson = function (this: Chart) {
    const objects = toJson.call(this);
    const cluster = KpackCluster.of(this);
    write({
      source: 'synth',
      test: testName(),
      kpackVersion: cluster.kpackVersion.tag,
      defaultStorageClass: cluster.defaultStorageClass,
      manifests: objects,
    });
    return objects;
  };
}
