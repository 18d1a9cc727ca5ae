/**
 * The condition of the package tasks' first step (`compile`): exits 0, so that jsii runs, when the .jsii assembly
 * jsii-pacmak packages from is missing (a fresh clone) or older than a file of src/, package.json or
 * tsconfig.json; exits 1 (nothing to do) when it is current, as it is right after `compile` in `projen build`.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const ASSEMBLY = path.join(ROOT, '.jsii');

/** The newest modification time of a file under `dir` (or of `dir` itself when it is a file). */
function newest(file: string): number {
  if (!fs.existsSync(file)) return 0;
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const entry of fs.readdirSync(file)) max = Math.max(max, newest(path.join(file, entry)));
  return max;
}

if (!fs.existsSync(ASSEMBLY)) {
  console.log('.jsii is missing: compiling before packaging');
  process.exit(0);
}
const built = fs.statSync(ASSEMBLY).mtimeMs;
const source = Math.max(...['src', 'package.json', 'tsconfig.json'].map(f => newest(path.join(ROOT, f))));
if (source > built) {
  console.log('.jsii is older than the sources: compiling before packaging');
  process.exit(0);
}
process.exit(1);
