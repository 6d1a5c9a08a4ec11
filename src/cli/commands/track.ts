// `cairn track`: asks the selected elements' sources for their newest refs and writes them
// where the project keeps refs (the element file, or project.refs), printing one line per
// element: its new ref, or "unchanged". 255 when any element failed to track.

import process from 'node:process';
import { RefStore } from '../../engine/ref-writer.js';
import { trackableSources, TrackSession, type TrackedSource } from '../../engine/track-session.js';
import { formatProvenance } from '../../format/errors.js';
import { exceptElements } from '../../project/graph.js';
import type { OnError } from '../../scheduler/scheduler.js';
import { one, type OptionSpec } from '../args.js';
import type { CommandContext } from '../context.js';

export const TRACK_OPTIONS: OptionSpec[] = [
  { name: 'deps', short: 'd', values: 1, choices: ['none', 'all'] },
  { name: 'except', values: 1, repeat: true },
];

export async function trackCommand(context: CommandContext, targets: readonly string[] = context.parsed.positionals): Promise<number> {
  const graph = await context.loadGraph(targets);
  const deps = (one(context.parsed, 'deps') ?? 'none') as 'none' | 'all';
  const except = (context.parsed.flags.get('except') ?? []).map(([name]) => graph.lookup(name!));
  const targeted = new Set(graph.targets);
  // Junctions and links are tracked only when named: with --deps all they are the way to other elements.
  const selected = exceptElements(graph.targets, graph.scope(deps), except);
  const elements = selected.filter((e) => targeted.has(e) || (e.kind !== 'junction' && e.kind !== 'link' && e.junction === ''));
  const inSubprojects = selected.filter((e) => !targeted.has(e) && e.junction !== '');
  if (inSubprojects.length > 0) {
    context.io.err.write(`not tracking ${inSubprojects.length} element${inSubprojects.length === 1 ? '' : 's'} of subprojects (${inSubprojects.map((e) => e.fullName).join(', ')}): their refs belong to their own projects\n`);
  }
  for (const target of graph.targets) {
    if (trackableSources(graph.keyed(target)).length === 0) context.io.out.write(`${target.fullName}: nothing to track\n`);
  }
  const config = context.userConfig;
  const session = new TrackSession({
    graph,
    elements,
    sourceDirectory: config.sourceDirectory,
    logDirectory: config.logDirectory,
    trackers: context.positiveNumber('fetchers') ?? config.fetchers,
    onError: (context.pick('on-error') as OnError | undefined) ?? config.onError,
    refs: new RefStore(graph.project),
    onEvent: (event) => {
      if (event.type === 'tracked') context.io.out.write(`${event.element}: ${describeTracked(event.sources, event.sourceCount)}\n`);
      else if (event.type === 'failed') context.io.err.write(`${event.element}: FAILURE ${event.at ? `${formatProvenance(event.at)}: ` : ''}${event.message}${event.log ? ` (log: ${event.log})` : ''}\n`);
    },
  });
  const stop = (): void => session.terminate();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    const summary = await session.run();
    if (summary.failed.length > 0 || summary.skipped.length > 0 || summary.interrupted) {
      context.io.err.write(`\nTrack ${summary.interrupted ? 'interrupted' : 'failed'}: ${summary.changed.length} changed, ${summary.unchanged.length} unchanged, ${summary.failed.length} failed, ${summary.skipped.length} skipped\n`);
      return summary.interrupted ? 130 : 255;
    }
    return 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

/** `ref <value>` for an element of one source; `source N (kind): ref <value>` for each changed one of several; else "unchanged". */
function describeTracked(sources: readonly TrackedSource[], sourceCount: number): string {
  const changed = sources.filter((s) => s.changed);
  if (changed.length === 0) return 'unchanged';
  const values = (s: TrackedSource): string =>
    Object.entries(s.values)
      // A long list (a Debian package set) is summarised; the file has every entry.
      .map(([key, value]) => `${key} ${typeof value === 'string' ? value : Array.isArray(value) && value.length > 3 ? `(${value.length} entries)` : JSON.stringify(value)}`)
      .join(', ');
  if (sourceCount === 1) return values(changed[0]!);
  return changed.map((s) => `source ${s.index + 1} (${s.kind}): ${values(s)}`).join('; ');
}
