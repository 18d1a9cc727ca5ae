/** What the commands share: reading the input paths, and reporting input errors. */
import { CliIo } from './io';
import { InputError, ManifestInput, readManifests, ReadOptions } from '../manifests';

/** Where a problem or finding is: `file:line`, or `file` alone. */
export function location(file: string, line?: number): string {
  return line === undefined ? file : `${file}:${line}`;
}

/** Prints each input error on stderr (`file:line: message`); returns whether there were any. */
export function reportProblems(errors: readonly InputError[], command: string, io: CliIo): boolean {
  for (const p of errors) io.err(`${location(p.file, p.line)}: ${p.message}\n`);
  if (errors.length > 0) {
    io.err(`cdk8s-kpack ${command}: ${errors.length} input problem${errors.length === 1 ? '' : 's'}, nothing checked\n`);
  }
  return errors.length > 0;
}

/** Reads the paths; never throws (input that cannot be read is in `errors`). */
export function loadInput(paths: readonly string[], options?: ReadOptions): ManifestInput {
  return readManifests(paths, options);
}
