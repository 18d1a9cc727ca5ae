/** What the commands share: reading the input paths, and reporting input problems. */
import { CliIo } from './io';
import { InputProblem, LoadedInput, loadPaths, LoadOptions } from './yaml-source';

/** Where a problem or finding is: `file:line`, or `file` alone. */
export function location(file: string, line?: number): string {
  return line === undefined ? file : `${file}:${line}`;
}

/** Prints each input problem on stderr (`file:line: message`); returns whether there were any. */
export function reportProblems(problems: readonly InputProblem[], command: string, io: CliIo): boolean {
  for (const p of problems) io.err(`${location(p.file, p.line)}: ${p.message}\n`);
  if (problems.length > 0) {
    io.err(`cdk8s-kpack ${command}: ${problems.length} input problem${problems.length === 1 ? '' : 's'}, nothing checked\n`);
  }
  return problems.length > 0;
}

/** Loads the paths; never throws (an unexpected failure becomes an input problem). */
export function loadInput(paths: readonly string[], options?: LoadOptions): LoadedInput {
  try {
    return loadPaths(paths, options);
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    return { documents: [], files: [], problems: [{ file: paths.join(' '), message: `cannot read the input: ${text.split('\n')[0]}` }] };
  }
}
