// The `cairn` command line: parses arguments, calls the engine, prints results. A user error
// is one line with its file, line and column, and exit status 255 (as BuildStream); a usage
// error exits 2. `--debug` adds the stack trace.

import { CairnError } from '../format/errors.js';
import { has, parseArgs, UsageError, type OptionSpec } from './args.js';
import { ARTIFACT_OPTIONS, artifactCommand } from './commands/artifact.js';
import { BUILD_OPTIONS, buildCommand } from './commands/build.js';
import { CACHE_OPTIONS, cacheCommand } from './commands/cache.js';
import { FETCH_OPTIONS, fetchCommand } from './commands/fetch.js';
import { SHELL_OPTIONS, shellCommand } from './commands/shell.js';
import { SHOW_OPTIONS, showCommand } from './commands/show.js';
import { SOURCE_OPTIONS, sourceCommand } from './commands/source.js';
import { TRACK_OPTIONS, trackCommand } from './commands/track.js';
import { CommandContext, defaultIO, GLOBAL_OPTIONS, type CommandIO } from './context.js';

const VERSION = '0.1.0';

const USAGE = `usage: cairn [GLOBAL OPTIONS] COMMAND [ARGS]

Commands:
  show [--deps none|run|build|all|plan] [--except ELEMENT]... [--format FORMAT] [--order stage|alpha] TARGET...
      List elements with their cache keys and states (cached, failed, buildable, waiting, fetch
      needed, no reference, junction). Placeholders: %{name} %{kind} %{key} %{full-key} %{state}
      %{description} %{config} %{vars} %{env} %{public} %{deps} %{build-deps} %{runtime-deps},
      each with an optional format spec such as %{state: >12}.
  build [--retry-failed] TARGET...
      Build the targets and whatever they need that is not cached.
  fetch [--deps none|plan|run|build|all] [--except ELEMENT]... TARGET...
      Download the sources that are not in the source cache (default --deps plan: what a build
      of the targets would need and is not built).
  track [--deps none|all] [--except ELEMENT]... TARGET...
      Pin each source to the newest ref of what it follows, written into the element file
      (ref-storage: inline) or project.refs. Prints each element's new ref, or "unchanged".
  source checkout [--deps none|run|build|all] [--tar FILE] [--include-build-scripts] ELEMENT [DIRECTORY]
      Fetch what is missing and stage the sources into DIRECTORY/<element>/ (or a tarball); with
      --include-build-scripts, a build-<element> script per build element and a build.sh.
  source fetch|track ...             the same as fetch and track
  artifact checkout [--deps none|run|build|all] [--hardlinks] [--integrate] [--tar FILE | --directory DIR] ELEMENT
  artifact log ELEMENT...            print the build log of cached artifacts
  artifact list-contents [--long] ELEMENT...
  artifact delete ELEMENT...         remove artifacts from the local cache
  shell [--build] ELEMENT [-- COMMAND...]
      A shell (or one command) in a sandbox with the element's run scope staged; --build stages
      what its build would, plus its sources.
  cache check [--repair]             re-hash every object of the cache, report (and remove) corrupt ones

Global options (before or after the command):
  -C, --directory DIR    the project directory (default: search upwards from here)
  -c, --config FILE      user configuration (default: $XDG_CONFIG_HOME/cairn.conf)
  --cache-dir DIR        the cache directory (default: $XDG_CACHE_HOME/cairn)
  -o, --option NAME VALUE  set a project option (repeatable)
  --no-strict            non-strict mode: weak keys; strong keys unknown until built
  --max-jobs N           the value of %{max-jobs}
  --builders N           build at most N elements at once (default: the number of cores)
  --fetchers N           fetch at most N sources at once (default: 10)
  --on-error quit|continue|terminate   what a failure does to the rest of the build (default: quit)
  --debug                show stack traces of internal errors
`;

interface Command {
  readonly options: readonly OptionSpec[];
  run(context: CommandContext, afterDashes: readonly string[]): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  show: { options: SHOW_OPTIONS, run: (c) => showCommand(c) },
  build: { options: BUILD_OPTIONS, run: (c) => buildCommand(c) },
  // After `artifact`, --directory is the checkout directory; the project is -C.
  artifact: {
    options: [...GLOBAL_OPTIONS.filter((o) => o.name !== 'directory'), { name: 'project-directory', short: 'C', values: 1 }, ...ARTIFACT_OPTIONS],
    run: (c) => artifactCommand(c),
  },
  shell: { options: SHELL_OPTIONS, run: (c, command) => shellCommand(c, command) },
  cache: { options: CACHE_OPTIONS, run: (c) => cacheCommand(c) },
  fetch: { options: FETCH_OPTIONS, run: (c) => fetchCommand(c) },
  track: { options: TRACK_OPTIONS, run: (c) => trackCommand(c) },
  source: { options: SOURCE_OPTIONS, run: (c) => sourceCommand(c) },
};

export async function main(argv: readonly string[], io: Partial<CommandIO> = {}): Promise<number> {
  const fullIO: CommandIO = { ...defaultIO(), ...io };
  let debug = argv.includes('--debug');
  try {
    const global = parseArgs(argv, GLOBAL_OPTIONS, true);
    debug = has(global, 'debug');
    if (has(global, 'version')) {
      fullIO.out.write(`cairn ${VERSION}\n`);
      return 0;
    }
    const [name, ...rest] = global.rest;
    if (!name || has(global, 'help')) {
      fullIO.out.write(USAGE);
      return name || has(global, 'help') ? 0 : 2;
    }
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command '${name}' (commands: ${Object.keys(COMMANDS).join(', ')})`);
    // Everything after `--` is a command for the sandbox (cairn shell), not options.
    const dashes = rest.indexOf('--');
    const own = dashes >= 0 ? rest.slice(0, dashes) : rest;
    const afterDashes = dashes >= 0 ? rest.slice(dashes + 1) : [];
    const specs = name === 'artifact' ? command.options : [...GLOBAL_OPTIONS, ...command.options];
    const parsed = parseArgs(own, specs);
    debug ||= has(parsed, 'debug');
    if (has(parsed, 'help')) {
      fullIO.out.write(USAGE);
      return 0;
    }
    return await command.run(new CommandContext(global, parsed, fullIO, name === 'artifact'), afterDashes);
  } catch (error) {
    if (error instanceof UsageError) {
      fullIO.err.write(`cairn: ${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof CairnError) {
      fullIO.err.write(`error: ${error.describe()}\n`);
      if (debug) fullIO.err.write(`${error.stack ?? ''}\n`);
      return 255;
    }
    fullIO.err.write(`cairn: internal error: ${(error as Error).message}\n`);
    if (debug) fullIO.err.write(`${(error as Error).stack ?? ''}\n`);
    else fullIO.err.write('(run again with --debug for the stack trace, and please report it)\n');
    return 70;
  }
}
