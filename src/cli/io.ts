/** What a command of the `cdk8s-kpack` tool writes to, so tests can run commands in-process. */
export interface CliIo {
  /** Writes to standard output, as given (commands end their lines with `\n`). */
  out(text: string): void;
  /** Writes to standard error, as given. */
  err(text: string): void;
}

/** A subcommand: gets the arguments after its name, returns the exit code. */
export type CliCommand = (args: string[], io: CliIo) => number;

/** Exit codes of every command. */
export const EXIT_OK = 0;
/** The input was read and has errors (for `validate`: an error finding). */
export const EXIT_ERRORS = 1;
/** The input could not be read, or the command line is wrong. */
export const EXIT_INPUT = 2;

/** The process's own standard output and error. */
export const PROCESS_IO: CliIo = {
  out: text => {
    process.stdout.write(text);
  },
  err: text => {
    process.stderr.write(text);
  },
};

/** The version of this package (`unknown` when its package.json cannot be found). */
export function packageVersion(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('../../package.json').version;
  } catch {
    return 'unknown';
  }
}
