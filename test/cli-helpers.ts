/** Helpers of the CLI, graph and plugin tests: temp folders of YAML, and commands run in-process. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { run } from '../src/cli/main';

export interface Ran {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `cdk8s-kpack ARGS...` in-process. */
export function cli(...args: string[]): Ran {
  let out = '';
  let err = '';
  const code = run(args, { out: t => void (out += t), err: t => void (err += t) });
  return { code, out, err };
}

/** A fresh temp folder with the given files (relative path to content). */
export function tempFiles(files: { [name: string]: string | Buffer }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kpack-cli-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** Multi-document YAML of the manifests. */
export function yamlOf(manifests: readonly any[]): string {
  return Yaml.stringify(...manifests);
}
