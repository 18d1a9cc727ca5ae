/** Where a command writes: stdout and stderr, injectable so commands run in-process in tests. */
export interface CliIo {
  /** Writes to stdout. */
  out(text: string): void;
  /** Writes to stderr. */
  err(text: string): void;
}
