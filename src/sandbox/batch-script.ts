// The driver shell script that runs a batch of commands inside one sandbox and tells Cairn how the
// batch ended. It must never set or read a shell variable: the commands see exactly the run's env.

/** The descriptor, inherited by the driver only, on which it reports progress to Cairn. */
export const STATUS_FD = 3;

/** `$0` of the driver, which is what `ps` inside the sandbox shows for it. */
export const DRIVER_NAME = 'cairn-batch';

/**
 * The driver. Positional parameters come in pairs, header then command. Before each command it
 * writes the header to the log and `s <remaining>` to the status descriptor; when a command fails
 * it writes `f <remaining> <exit code>`; after the last one `d`. `$#` stands in for a counter so that
 * no variable of the driver's own can collide with a variable of the build's environment.
 * Commands run with the status descriptor closed, so nothing they do can forge a report.
 */
export function driverScript(options: { readonly interactive: boolean }): string {
  const lines = options.interactive
    ? [
        // A shell for a person: stderr stays on the terminal and no headers interleave with prompts.
        'while [ "$#" -gt 0 ]; do',
        `  printf 's %s\\n' "$#" >&${STATUS_FD}`,
        `  /bin/sh -e -c "$2" ${STATUS_FD}>&- || { printf 'f %s %s\\n' "$#" "$?" >&${STATUS_FD}; exit 1; }`,
        '  shift 2',
        'done',
      ]
    : [
        // Until here, anything on stderr is bubblewrap's own, which Cairn reads to explain a setup
        // failure; from here on the commands' stderr belongs in the log with their stdout.
        'exec 2>&1',
        'while [ "$#" -gt 0 ]; do',
        `  printf '%s\\n' "$1"`,
        `  printf 's %s\\n' "$#" >&${STATUS_FD}`,
        `  /bin/sh -e -c "$2" ${STATUS_FD}>&- || { printf 'f %s %s\\n' "$#" "$?" >&${STATUS_FD}; exit 1; }`,
        '  shift 2',
        'done',
      ];
  return [...lines, `printf 'd\\n' >&${STATUS_FD}`, ''].join('\n');
}

/**
 * The log line that introduces a command: `+ <label>: <command>`. A multi-line command keeps its
 * lines, each continuation indented under the first so the log still reads as one entry.
 */
export function commandHeader(label: string, command: string): string {
  const [first = '', ...rest] = command.replace(/\n+$/, '').split('\n');
  return [`+ ${label}: ${first}`, ...rest.map((line) => `  ${line}`)].join('\n');
}

/** The driver's positional parameters for a batch: header, command, header, command, ... */
export function driverArguments(commands: ReadonlyArray<{ readonly label: string; readonly command: string }>): string[] {
  return commands.flatMap((c) => [commandHeader(c.label, c.command), c.command]);
}

/** How a batch ended, as far as the driver could tell Cairn. */
export type BatchOutcome =
  | { readonly state: 'done' }
  | { readonly state: 'failed'; readonly index: number; readonly exitCode: number }
  /** The driver itself vanished while command `index` ran (a command killed it). */
  | { readonly state: 'interrupted'; readonly index: number }
  /** The driver never reported anything: the sandbox was never set up, or had no /bin/sh. */
  | { readonly state: 'not-started' };

/** Reads what the driver wrote on the status descriptor for a batch of `commandCount` commands. */
export function readBatchStatus(text: string, commandCount: number): BatchOutcome {
  let running: number | undefined;
  for (const line of text.split('\n')) {
    const fields = line.trim().split(' ');
    if (fields[0] === 'd') return { state: 'done' };
    const remaining = Number(fields[1]);
    if (!Number.isInteger(remaining)) continue;
    // `$#` counts the current pair and every pair after it.
    const index = commandCount - remaining / 2;
    if (fields[0] === 's') running = index;
    if (fields[0] === 'f') return { state: 'failed', index, exitCode: Number(fields[2]) };
  }
  return running === undefined ? { state: 'not-started' } : { state: 'interrupted', index: running };
}
