// The `cairn` command line: parses arguments, calls the engine, prints results. A user error
// is one line with its file, line and column, and exit status 255 (as BuildStream); a usage
// error exits 2. `--debug` adds the stack trace.

import process from 'node:process';
import { CairnError } from '../format/errors.js';
import { loadPipeline } from '../engine/pipeline.js';
import { has, one, parseArgs, UsageError, type OptionSpec } from './args.js';
import { DEFAULT_SHOW_FORMAT, renderShow, selectElements, type ShowDeps } from './show.js';

const VERSION = '0.1.0';

const GLOBAL_OPTIONS: OptionSpec[] = [
  { name: 'directory', short: 'C', values: 1 },
  { name: 'option', short: 'o', values: 2, repeat: true },
  { name: 'strict', values: 0 },
  { name: 'no-strict', values: 0 },
  { name: 'max-jobs', values: 1 },
  { name: 'debug', values: 0 },
  { name: 'version', values: 0 },
  { name: 'help', short: 'h', values: 0 },
];

const SHOW_OPTIONS: OptionSpec[] = [
  ...GLOBAL_OPTIONS,
  { name: 'deps', short: 'd', values: 1, choices: ['none', 'run', 'build', 'all', 'plan'] },
  { name: 'except', values: 1, repeat: true },
  { name: 'format', short: 'f', values: 1 },
  { name: 'order', values: 1, choices: ['stage', 'alpha'] },
];

const USAGE = `usage: cairn [-C DIR] [-o NAME VALUE]... [--no-strict] COMMAND [ARGS]

Commands:
  show [--deps none|run|build|all|plan] [--except ELEMENT]... [--format FORMAT] [--order stage|alpha] TARGET...
      List elements with their cache keys and states. Placeholders: %{name} %{kind} %{key}
      %{full-key} %{state} %{description} %{config} %{vars} %{env} %{public} %{deps}
      %{build-deps} %{runtime-deps}, each with an optional format spec such as %{state: >12}.

Global options (before or after the command):
  -C, --directory DIR    the project directory (default: search upwards from here)
  -o, --option NAME VALUE  set a project option (repeatable)
  --no-strict            non-strict mode: weak keys; strong keys unknown until built
  --max-jobs N           the value of %{max-jobs}
  --debug                show stack traces of internal errors
`;

export async function main(argv: readonly string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const global = parseArgs(argv, GLOBAL_OPTIONS, true);
    debug = has(global, 'debug');
    if (has(global, 'version')) {
      out.write(`cairn ${VERSION}\n`);
      return 0;
    }
    const [command, ...rest] = global.rest;
    if (!command || has(global, 'help')) {
      out.write(USAGE);
      return command || has(global, 'help') ? 0 : 2;
    }
    if (command !== 'show') throw new UsageError(`unknown command '${command}' (this version has: show)`);
    const parsed = parseArgs(rest, SHOW_OPTIONS);
    debug ||= has(parsed, 'debug');
    if (has(parsed, 'help')) {
      out.write(USAGE);
      return 0;
    }
    const pick = (name: string): string | undefined => one(parsed, name) ?? one(global, name);
    const options = [...(global.flags.get('option') ?? []), ...(parsed.flags.get('option') ?? [])].map(([name, value]) => [name!, value!] as const);
    const maxJobsText = pick('max-jobs');
    if (maxJobsText !== undefined && !/^[1-9]\d*$/.test(maxJobsText)) throw new UsageError(`--max-jobs takes a positive number, not '${maxJobsText}'`);
    const graph = await loadPipeline({
      directory: pick('directory') ?? process.cwd(),
      targets: parsed.positionals,
      cliOptions: options,
      strict: !(has(parsed, 'no-strict') || has(global, 'no-strict')),
      ...(maxJobsText !== undefined ? { maxJobs: Number(maxJobsText) } : {}),
    });
    const except = (parsed.flags.get('except') ?? []).map(([name]) => graph.lookup(name!));
    let elements = selectElements(graph, (one(parsed, 'deps') ?? 'all') as ShowDeps, except);
    if (one(parsed, 'order') === 'alpha') elements = [...elements].sort((a, b) => (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0));
    out.write(renderShow(graph, elements, one(parsed, 'format') ?? DEFAULT_SHOW_FORMAT));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      err.write(`cairn: ${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof CairnError) {
      err.write(`error: ${error.describe()}\n`);
      if (debug) err.write(`${error.stack ?? ''}\n`);
      return 255;
    }
    err.write(`cairn: internal error: ${(error as Error).message}\n`);
    if (debug) err.write(`${(error as Error).stack ?? ''}\n`);
    else err.write('(run again with --debug for the stack trace, and please report it)\n');
    return 70;
  }
}
