// `fetch` as one engine call: bring every source of the chosen elements that is not in the
// source cache into it, one job per element, at most `fetchers` at once, through the
// scheduler. Front ends subscribe to its events (the build's event type, action 'fetch');
// nothing here prints, and nothing here builds.

import { normalName } from '../cache/artifact-cache.js';
import { CairnError, type Provenance } from '../format/errors.js';
import type { LoadedElement } from '../project/loader.js';
import type { SourceContext } from '../project/source-api.js';
import { JobLog, jobLogPath } from '../scheduler/job-log.js';
import { Scheduler, type JobResult, type OnError } from '../scheduler/scheduler.js';
import type { BuildEvent } from './build-session.js';
import type { KeyedElement, KeyedGraph } from './pipeline.js';
import { fetchElementSources, idleContext, sourceMissing, sourcesCached } from './element-sources.js';

export interface FetchSessionOptions {
  readonly graph: KeyedGraph;
  /** What to fetch, in any order; links are passed over (a junction's own sources are fetched). */
  readonly elements: readonly LoadedElement[];
  readonly sourceDirectory: string;
  readonly logDirectory: string;
  readonly fetchers: number;
  readonly onError: OnError;
  readonly onEvent?: (event: BuildEvent) => void;
}

export interface FetchSummary {
  readonly fetched: readonly string[];
  /** Elements whose sources were all in the cache already. */
  readonly cached: readonly string[];
  readonly failed: ReadonlyArray<{ readonly element: string; readonly message: string; readonly log?: string; readonly at?: Provenance }>;
  readonly skipped: readonly string[];
  readonly interrupted: boolean;
}

/** Whether a source must be fetched before it can be staged: it needs fetching and is not in the cache. */
/**
 * Refuses elements with a source that has no ref, naming every one of them, as BuildStream's
 * consistency check does before fetching: there is nothing to fetch until they are tracked.
 */
export function requireResolved(graph: KeyedGraph, elements: readonly LoadedElement[]): void {
  const unresolved = elements.filter((element) => !graph.keyed(element).resolved);
  if (unresolved.length === 0) return;
  const names = unresolved.map((e) => e.fullName);
  throw new CairnError(
    'invalid-data',
    `${names.join(', ')} ${names.length === 1 ? 'has a source' : 'have sources'} without a ref, so there is nothing to fetch`,
    unresolved[0]!.kindAt,
    `run cairn track ${names.join(' ')} to pin ${names.length === 1 ? 'it' : 'them'}`,
  );
}

/**
 * BuildStream's `plan` selection: what a build of the targets would need and does not have, i.e.
 * the targets and their runtime dependencies, plus the build dependencies of whatever must be
 * built, less every element whose artifact is cached.
 */
export function planElements(graph: KeyedGraph, built: (element: KeyedElement) => boolean): LoadedElement[] {
  const all = graph.scope('all');
  const needed = new Set<LoadedElement>(graph.targets);
  for (let i = all.length - 1; i >= 0; i--) {
    const element = all[i]!;
    if (!needed.has(element)) continue;
    const mustBuild = !built(graph.keyed(element));
    for (const dep of element.dependencies) {
      if (dep.type !== 'build' || mustBuild) needed.add(dep.element);
    }
  }
  return all.filter((element) => needed.has(element) && !built(graph.keyed(element)));
}

interface FetchItem {
  readonly element: KeyedElement;
  readonly name: string;
}

export class FetchSession {
  private readonly scheduler: Scheduler<FetchItem>;
  private readonly fetched: string[] = [];
  private readonly failures = new Map<string, { message: string; log?: string; at?: Provenance }>();

  constructor(private readonly options: FetchSessionOptions) {
    this.scheduler = new Scheduler<FetchItem>({
      queues: [
        {
          name: 'fetch',
          limit: Math.max(1, options.fetchers),
          ordered: false,
          needsJob: (item) => !sourcesCached(item.element, options.sourceDirectory),
          run: (item, signal) => this.fetch(item, signal),
        },
      ],
      onError: options.onError,
      onEvent: (event) => {
        if (event.type === 'item-skipped') this.emit({ type: 'element-skipped', element: event.item.name, reason: event.reason });
      },
    });
  }

  /** Aborts running downloads and starts nothing new (SIGINT, SIGTERM). */
  terminate(): void {
    this.scheduler.terminate();
  }

  async run(): Promise<FetchSummary> {
    const graph = this.options.graph;
    const elements = [...new Set(this.options.elements)].filter((e) => e.kind !== 'link');
    // Elements with nothing to download (no sources, or local ones) are neither fetched nor cached.
    const downloads = (e: LoadedElement): boolean => graph.keyed(e).composed.sources.some((s) => s.plugin.needsFetch);
    const cached = elements.filter((e) => downloads(e) && sourcesCached(graph.keyed(e), this.options.sourceDirectory)).map((e) => e.fullName);
    const summary = await this.scheduler.run(
      elements.map((element) => ({
        id: String(element.index),
        value: { element: graph.keyed(element), name: element.fullName },
        dependsOn: [],
      })),
    );
    return {
      fetched: this.fetched,
      cached,
      failed: summary.failed.map(({ item }) => ({ element: item.name, ...(this.failures.get(item.name) ?? { message: 'failed' }) })),
      skipped: summary.skipped.map((item) => item.name),
      interrupted: summary.interrupted,
    };
  }

  private async fetch(item: FetchItem, signal: AbortSignal): Promise<JobResult> {
    const { element, name } = item;
    const key = element.keys?.strong ?? element.keys?.strict;
    const log = new JobLog(jobLogPath(this.options.logDirectory, element.loaded.project.name, normalName(element.loaded.name), key ?? 'unkeyed', 'fetch', new Date()));
    const started = Date.now();
    const end = { element: name, action: 'fetch', log: log.file, ...(key ? { key } : {}) } as const;
    this.emit({ type: 'job-start', element: name, action: 'fetch', log: log.file });
    try {
      await fetchElementSources(element, { sourceCache: this.options.sourceDirectory, signal, log: (line) => log.line(line) });
      this.fetched.push(name);
      this.emit({ type: 'job-end', ...end, result: 'success', durationMs: Date.now() - started });
      return 'done';
    } catch (error) {
      const failure = describe(error);
      log.line(`error: ${failure.message}`);
      this.failures.set(name, { ...failure, log: log.file });
      this.emit({ type: 'job-end', ...end, result: 'failure', durationMs: Date.now() - started, ...failure });
      return 'failed';
    } finally {
      log.close();
    }
  }

  private emit(event: BuildEvent): void {
    this.options.onEvent?.(event);
  }
}

function describe(error: unknown): { message: string; at?: Provenance } {
  // The provenance travels beside the message, so that a renderer prints it once.
  if (error instanceof CairnError) return { message: `${error.message}${error.hint ? ` (${error.hint})` : ''}`, ...(error.provenance ? { at: error.provenance } : {}) };
  if (error instanceof Error && error.name === 'AbortError') return { message: 'interrupted' };
  return { message: error instanceof Error ? error.message : String(error) };
}
