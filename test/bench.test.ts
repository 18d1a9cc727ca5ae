import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// The benchmark's script runs end to end with tiny sizes (no timings asserted: they are the benchmark's job). Its
// children run src/ transpiled without type checks, so the test does not depend on a fresh lib/.
test('npm run bench runs: every case, its checks of the output, and the JSON summary last', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kpack-bench-'));
  try {
    const root = path.join(__dirname, '..');
    const result = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin'), '--project', path.join(root, 'tsconfig.dev.json'), '--transpile-only',
      path.join(root, 'bench', 'bench.ts'), '--sizes', '10,30', '--runs', '1', '--from-source', '--work', work], { cwd: root, encoding: 'utf-8', timeout: 110_000 });
    expect(result.stderr).not.toMatch(/^bench: /m);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    const summary = JSON.parse(lines[lines.length - 1]);
    for (const key of ['l2_over_l1', 'l2_over_l1_code', 'l2_over_l1_warm', 'platform_over_none', 'platform_over_none_same_chart', 'rss_l2_over_l1', 'cli_over_parse', 'require_over_cdk8s', 'validate_ms']) {
      expect(typeof summary[key]).toBe('number');
      expect(summary[`${key}_min`]).toBeLessThanOrEqual(summary[key]);
      expect(summary[`${key}_max`]).toBeGreaterThanOrEqual(summary[key]);
    }
    expect(summary.bounds_ok).toBe(true);
    expect(summary.node).toBe(process.versions.node); // the children run on the bench's node unless --node says
    expect(result.stdout).toContain(`node v${process.versions.node} (the children's)`);
    expect(result.stdout).toContain('an endless standard input');
    expect(result.stdout).toContain('0000-kpack.k8s.yaml');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}, 120_000);

test('npm run bench -- --node PATH: a binary that does not run is refused before anything is measured', () => {
  const root = path.join(__dirname, '..');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kpack-bench-'));
  try {
    const result = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin'), '--project', path.join(root, 'tsconfig.dev.json'), '--transpile-only',
      path.join(root, 'bench', 'bench.ts'), '--node', path.join(root, 'no-such-node'), '--from-source', '--work', work], { cwd: root, encoding: 'utf-8', timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^bench: --node .*no-such-node does not run \(spawnSync .*ENOENT\)/m);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}, 60_000);
