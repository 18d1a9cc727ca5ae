#!/usr/bin/env node
/**
 * The `cdk8s-kpack` command. Each subcommand is a function `(args, io) => exit code` in the table below.
 */
import { descriptorCommand } from './descriptor-command';
import { graphCommand } from './graph-command';
import { CliCommand, CliIo, EXIT_INPUT, EXIT_OK, PROCESS_IO } from './io';
import { lockCommand } from './lock-command';
import { validateCommand } from './validate-command';

/** The subcommands, by name, with a one-line summary for the help text. */
export const COMMANDS: { [name: string]: { readonly run: CliCommand; readonly summary: string } } = {
  validate: { run: (args, io) => validateCommand(args, io), summary: 'check kpack YAML against kpack\'s admission rules and references' },
  graph: { run: (args, io) => graphCommand(args, io), summary: 'print the build graph of kpack YAML as Mermaid or DOT' },
  descriptor: { run: (args, io) => descriptorCommand(args, io), summary: 'print the kpack manifests of a kp dependency descriptor' },
  lock: { run: (args, io) => lockCommand(args, io), summary: 'write the skeleton of an image lock from synthesized manifests' },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map(n => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: cdk8s-kpack COMMAND [options] PATH...\n\ncommands:\n${lines.join('\n')}\n\n`
    + 'Run `cdk8s-kpack COMMAND --help` for the options of a command.\n';
}

function packageVersion(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('../../package.json').version;
  } catch {
    return 'unknown';
  }
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
    return command.run(rest, io);
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
