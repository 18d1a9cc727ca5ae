#!/usr/bin/env node
/**
 * The `cdk8s-kpack` command. Each subcommand is a function `(args, io) => exit code` in its own module, loaded
 * only when it runs: `--help` loads none, `validate` loads the YAML reader and the rule engine, and only
 * `descriptor` loads cdk8s, cdk8s-plus-27 and constructs.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import { CliCommand, CliIo, EXIT_INPUT, EXIT_OK, packageVersion, PROCESS_IO } from './io';

interface CommandEntry {
  /** Loads the command's module and returns its function. */
  readonly load: () => CliCommand;
  readonly summary: string;
}

/** The subcommands, by name, with a one-line summary for the help text. */
export const COMMANDS: { readonly [name: string]: CommandEntry } = {
  validate: {
    load: () => (require('./validate-command') as typeof import('./validate-command')).validateCommand,
    summary: 'check kpack YAML against kpack\'s admission rules and references',
  },
  graph: {
    load: () => (require('./graph-command') as typeof import('./graph-command')).graphCommand,
    summary: 'print the build graph of kpack YAML as Mermaid or DOT',
  },
  descriptor: {
    load: () => (require('./descriptor-command') as typeof import('./descriptor-command')).descriptorCommand,
    summary: 'print the kpack manifests of a kp dependency descriptor',
  },
  lock: {
    load: () => (require('./lock-command') as typeof import('./lock-command')).lockCommand,
    summary: 'write an image lock from synthesized manifests (digests from kbld\'s lock output)',
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map(n => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: cdk8s-kpack COMMAND [options] PATH...\n\ncommands:\n${lines.join('\n')}\n\n`
    + 'Run `cdk8s-kpack COMMAND --help` for the options of a command.\n';
}

/** Runs the tool with the arguments after the program name; returns the exit code. Never throws. */
export function run(argv: readonly string[], io: CliIo = PROCESS_IO): number {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(usage());
    return name === undefined ? EXIT_INPUT : EXIT_OK;
  }
  if (name === '--version') {
    io.out(`${packageVersion()}\n`);
    return EXIT_OK;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`cdk8s-kpack: unknown command ${JSON.stringify(name)}\n\n${usage()}`);
    return EXIT_INPUT;
  }
  try {
    return command.load()(rest, io);
  } catch (e) {
    // The last line of defence: a bug becomes one line, not a stack trace.
    const text = e instanceof Error ? e.message : String(e);
    io.err(`cdk8s-kpack ${name}: internal error, please report it: ${text.split('\n')[0]}\n`);
    return EXIT_INPUT;
  }
}

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2));
}
