// `cairn fetch`: downloads the sources of the selected elements that are not in the source
// cache, one job line per element as build prints them; 255 when any fetch failed.

import process from 'node:process';
import { lookupArtifact } from '../../engine/artifact-state.js';
import { FetchSession, planElements, requireResolved, type FetchSummary } from '../../engine/fetch-session.js';
import type { KeyedGraph } from '../../engine/pipeline.js';
import { formatProvenance } from '../../format/errors.js';
import { exceptElements } from '../../project/graph.js';
import type { LoadedElement } from '../../project/loader.js';
import type { OnError } from '../../scheduler/scheduler.js';
import { one, type OptionSpec } from '../args.js';
import { BuildReporter } from '../build-report.js';
import type { CommandContext } from '../context.js';

export type SourceDeps = 'none' | 'plan' | 'run' | 'build' | 'all';

export const FETCH_OPTIONS: OptionSpec[] = [
  { name: 'deps', short: 'd', values: 1, choices: ['none', 'plan', 'run', 'build', 'all'] },
  { name: 'except', values: 1, repeat: true },
];

export async function fetchCommand(context: CommandContext, targets: readonly string[] = context.parsed.positionals): Promise<number> {
  const graph = await context.loadGraph(targets);
  const elements = selectSourceElements(context, graph, (one(context.parsed, 'deps') ?? 'plan') as SourceDeps);
  return (await runFetch(context, graph, elements)) ? 0 : 255;
}

/**
 * The elements of a `--deps` scope of the targets, less `--except` ones; links have nothing to
 * fetch. A junction is only ever there as a target, and fetching it is what lets its subproject load.
 */
export function selectSourceElements(context: CommandContext, graph: KeyedGraph, deps: SourceDeps): LoadedElement[] {
  const except = (context.parsed.flags.get('except') ?? []).map(([name]) => graph.lookup(name!));
  const selected =
    deps === 'plan'
      ? planElements(graph, (keyed) => lookupArtifact(context.cache, keyed, graph.strict, false)?.result.success === true)
      : graph.scope(deps);
  return exceptElements(graph.targets, selected, except).filter((e) => e.kind !== 'link');
}

/** Fetches what the elements miss, printing job lines and a summary on stderr; true when nothing failed. */
export async function runFetch(context: CommandContext, graph: KeyedGraph, elements: readonly LoadedElement[]): Promise<boolean> {
  requireResolved(graph, elements);
  const config = context.userConfig;
  const reporter = new BuildReporter((text) => context.io.err.write(text), Math.max(0, ...elements.map((e) => e.fullName.length)));
  const session = new FetchSession({
    graph,
    elements,
    sourceDirectory: config.sourceDirectory,
    logDirectory: config.logDirectory,
    fetchers: context.positiveNumber('fetchers') ?? config.fetchers,
    onError: (context.pick('on-error') as OnError | undefined) ?? config.onError,
    onEvent: (event) => reporter.event(event),
  });
  const stop = (): void => session.terminate();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const started = Date.now();
  try {
    const summary = await session.run();
    writeSummary(context, summary, Date.now() - started);
    return summary.failed.length === 0 && summary.skipped.length === 0 && !summary.interrupted;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

function writeSummary(context: CommandContext, summary: FetchSummary, durationMs: number): void {
  const outcome = summary.interrupted ? 'interrupted' : summary.failed.length > 0 ? 'failed' : 'succeeded';
  const parts = [`${summary.fetched.length} fetched`, `${summary.cached.length} already cached`, `${summary.failed.length} failed`];
  if (summary.skipped.length > 0) parts.push(`${summary.skipped.length} skipped`);
  context.io.err.write(`\nFetch ${outcome}: ${parts.join(', ')} in ${(durationMs / 1000).toFixed(2)}s\n`);
  for (const failure of summary.failed) {
    const where = failure.at ? `${formatProvenance(failure.at)}: ` : '';
    context.io.err.write(`  failed: ${failure.element}: ${where}${failure.message}${failure.log ? ` (log: ${failure.log})` : ''}\n`);
  }
}
