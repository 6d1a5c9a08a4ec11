// Command-line parsing for BuildStream's option shapes: global options before the verb,
// `-o NAME VALUE` taking two values, and repeatable options. Errors are usage errors (exit 2).

export class UsageError extends Error {}

export interface OptionSpec {
  /** Long name without dashes, e.g. 'deps'. */
  readonly name: string;
  readonly short?: string;
  /** How many values follow: 0 for a flag. */
  readonly values: 0 | 1 | 2;
  readonly repeat?: boolean;
  readonly choices?: readonly string[];
}

export interface Parsed {
  readonly flags: Map<string, string[][]>;
  readonly positionals: string[];
}

/** Parses `argv` against `specs`; stops at the first positional when `stopAtPositional` (for the verb). */
export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[], stopAtPositional = false): Parsed & { rest: string[] } {
  const flags = new Map<string, string[][]>();
  const positionals: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      i = argv.length;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      if (stopAtPositional) break;
      positionals.push(arg);
      continue;
    }
    let name = arg;
    let inline: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      name = arg.slice(0, eq);
      inline = arg.slice(eq + 1);
    }
    const spec = specs.find((s) => `--${s.name}` === name || (s.short && `-${s.short}` === name));
    if (!spec) throw new UsageError(`unknown option '${name}'`);
    const values: string[] = [];
    if (inline !== undefined) values.push(inline);
    while (values.length < spec.values) {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`option '${name}' needs ${spec.values} value${spec.values > 1 ? 's' : ''}`);
      values.push(next);
    }
    if (spec.choices && !spec.choices.includes(values[0]!)) {
      throw new UsageError(`option '${name}' takes one of ${spec.choices.join(', ')}, not '${values[0]}'`);
    }
    const list = flags.get(spec.name) ?? [];
    if (!spec.repeat) list.length = 0;
    list.push(values);
    flags.set(spec.name, list);
  }
  return { flags, positionals, rest: argv.slice(i) };
}

export function one(parsed: Parsed, name: string): string | undefined {
  return parsed.flags.get(name)?.at(-1)?.[0];
}

export function has(parsed: Parsed, name: string): boolean {
  return parsed.flags.has(name);
}
