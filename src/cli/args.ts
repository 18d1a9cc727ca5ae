/** A small command-line parser: `--flag`, `--option value`, `--option=value`, `--` and positional arguments. */

export interface ArgSpec {
  /** Options without a value (`--json`). */
  readonly flags?: readonly string[];
  /** Options with a value, and the values allowed (an empty list allows any value). */
  readonly options?: { readonly [name: string]: readonly string[] };
}

export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Set<string>;
  readonly options: Map<string, string>;
}

/** A mistake on the command line; its message says what is wrong and what is allowed. */
export class UsageError extends Error {}

export function parseArgs(args: readonly string[], spec: ArgSpec): ParsedArgs {
  const flags = new Set<string>();
  const options = new Map<string, string>();
  const positionals: string[] = [];
  const flagNames = new Set(spec.flags ?? []);
  const optionSpecs = spec.options ?? {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq >= 0 ? arg.slice(0, eq) : arg).replace(/^--?/, '');
    if (flagNames.has(name)) {
      if (eq >= 0) throw new UsageError(`option --${name} takes no value, got ${JSON.stringify(arg.slice(eq + 1))}`);
      flags.add(name);
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(optionSpecs, name)) {
      const known = [...flagNames, ...Object.keys(optionSpecs)].map(n => `--${n}`);
      throw new UsageError(`unknown option ${JSON.stringify(arg)}: known options are ${known.join(', ') || 'none'}`);
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < args.length) value = args[++i];
    if (value === undefined) throw new UsageError(`option --${name} needs a value`);
    const allowed = optionSpecs[name];
    if (allowed.length > 0 && !allowed.includes(value)) {
      throw new UsageError(`option --${name} ${JSON.stringify(value)} is not supported: use one of ${allowed.join(', ')}`);
    }
    options.set(name, value);
  }
  return { positionals, flags, options };
}
