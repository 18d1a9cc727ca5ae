/**
 * The command line of every subcommand, read with Node's `util.parseArgs` (its tokens, so each mistake gets a
 * message of ours: what is wrong and what is allowed).
 */
import { parseArgs } from 'util';
import { CliIo, EXIT_INPUT, EXIT_OK } from './io';
import { closeMatches } from './suggest';

/** One option of a command. */
export interface OptionSpec {
  /** `boolean` for a flag (`--strict`), `string` for an option with a value (`--output json`). */
  readonly type: 'string' | 'boolean';
  /** A one-letter alias (`o` for `-o`). */
  readonly short?: string;
  /** Whether the option may be given more than once (its values are collected in order). */
  readonly multiple?: boolean;
  /** The values allowed (any value when absent). */
  readonly values?: readonly string[];
}

export interface OptionsSpec {
  readonly [name: string]: OptionSpec;
}

/** A mistake on the command line; its message says what is wrong and what is allowed. */
export class UsageError extends Error {}

/** What the command line says: the options given, and the positional arguments in order. */
export class CommandLine {
  public constructor(
    private readonly values: ReadonlyMap<string, readonly string[]>,
    private readonly flags: ReadonlySet<string>,
    /** The positional arguments, in order (everything after `--` is one). */
    public readonly positionals: readonly string[]) {}

  /** Whether a flag was given. */
  public flag(name: string): boolean {
    return this.flags.has(name);
  }

  /** The value of an option given at most once, or undefined. */
  public string(name: string): string | undefined {
    return this.values.get(name)?.[0];
  }

  /** Every value of a repeatable option, in order. */
  public list(name: string): readonly string[] {
    return this.values.get(name) ?? [];
  }
}

/** How an option is written in messages and help: `-o/--output` or `--strict`. */
export function optionLabel(name: string, spec: OptionSpec): string {
  return spec.short ? `-${spec.short}/--${name}` : `--${name}`;
}

/**
 * Reads `args` against `spec`. Throws a UsageError for an unknown option (with the close ones), a flag given a
 * value, an option without its value (or followed by another option instead), a value that is not allowed, and
 * an option given twice with different values.
 */
export function parseCommandLine(args: readonly string[], spec: OptionsSpec): CommandLine {
  const options: { [name: string]: { type: 'string' | 'boolean'; short?: string; multiple?: boolean } } = {};
  for (const [name, o] of Object.entries(spec)) {
    options[name] = { type: o.type, multiple: o.multiple === true, ...o.short ? { short: o.short } : {} };
  }
  // Not strict: every option becomes a token, and the checks below say what is wrong in our words.
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue; // `--`: what follows are positionals
    const o = Object.prototype.hasOwnProperty.call(spec, token.name) ? spec[token.name] : undefined;
    if (!o) throw new UsageError(unknownOption(token.rawName, spec));
    const label = token.rawName.startsWith('--') ? `--${token.name}` : token.rawName;
    if (o.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`option ${label} takes no value, got ${JSON.stringify(token.value)}`);
      flags.add(token.name);
      continue;
    }
    const value = token.value;
    if (value === undefined || value === '') throw new UsageError(`option ${label} needs a value`);
    if (!token.inlineValue && value.startsWith('-') && value !== '-') {
      throw new UsageError(`option ${label} needs a value, got the option ${JSON.stringify(value)}`);
    }
    if (o.values && !o.values.includes(value)) {
      throw new UsageError(`option ${label} ${JSON.stringify(value)} is not supported: use one of ${o.values.join(', ')}`);
    }
    const given = values.get(token.name) ?? [];
    if (!o.multiple && given.length > 0 && given[0] !== value) {
      throw new UsageError(`option ${optionLabel(token.name, o)} is given twice (${JSON.stringify(given[0])} and ${JSON.stringify(value)}): give it once`);
    }
    if (o.multiple || given.length === 0) given.push(value);
    values.set(token.name, given);
  }
  return new CommandLine(values, flags, positionals);
}

function unknownOption(raw: string, spec: OptionsSpec): string {
  const names = Object.keys(spec);
  const close = closeMatches(raw.replace(/^-+/, ''), names).map(n => `--${n}`);
  const known = names.map(n => optionLabel(n, spec[n]));
  return `unknown option ${JSON.stringify(raw)}${close.length > 0 ? ` (did you mean ${close.join(' or ')}?)` : ''}: `
    + `known options are ${known.join(', ')}`;
}

/** A command, as its messages name it: `validate` and its usage text. */
export interface Command {
  readonly name: string;
  readonly usage: string;
}

/** Prints `cdk8s-kpack <command>: <message>` and the command's usage on standard error; returns the exit code. */
export function usageError(command: Command, io: CliIo, message: string): number {
  io.err(`cdk8s-kpack ${command.name}: ${message}\n\n${command.usage}`);
  return EXIT_INPUT;
}

/**
 * Reads a command's line against `spec`, and with `read`, which reads more of it and may throw a UsageError too.
 * Returns the line and what `read` returned, or the exit code when the command has nothing more to do: after a
 * usage error (printed with the usage), or after printing the help asked for with `--help`.
 */
export function readCommandLine<T>(command: Command, args: string[], spec: OptionsSpec, io: CliIo,
  read: (line: CommandLine) => T): { readonly line: CommandLine; readonly value: T } | number {
  let line: CommandLine;
  let value: T;
  try {
    line = parseCommandLine(args, spec);
    value = read(line);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return usageError(command, io, e.message);
  }
  if (line.flag('help')) {
    io.out(command.usage);
    return EXIT_OK;
  }
  return { line, value };
}
