// `fetch` as one engine call: bring every source of the chosen elements that is not in the
// source cache into it, one job per element, at most `fetchers` at once, through the
// scheduler. Front ends subscribe to its events (the build's event type, action 'fetch');
// nothing here prints, and nothing here builds.

import { normalName } from '../cache/artifact-cache.js';
import { CairnError } from '../format/errors.js';
import type { LoadedElement } from '../project/loader.js';
import { JobLog, jobLogPath } from '../scheduler/job-log.js';
import { Scheduler, type JobResult, type OnError } from '../scheduler/scheduler.js';
import { describeError, type BuildEvent, type JobFailure } from './build-session.js';
import type { KeyedElement, KeyedGraph } from './pipeline.js';
import { neededElements } from './plan.js';
import { fetchElementSources, sourcesCached } from './element-sources.js';

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
  readonly failed: readonly JobFailure[];
  readonly skipped: readonly string[];
  readonly interrupted: boolean;
}

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
  return neededElements(graph, built, true)
    .filter((keyed) => !built(keyed))
    .map((keyed) => keyed.loaded);
}

interface FetchItem {
  readonly element: KeyedElement;
  readonly name: string;
}

export class FetchSession {
  private readonly scheduler: Scheduler<FetchItem>;
  private readonly fetched: string[] = [];
  private readonly failures = new Map<string, JobFailure>();

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
        else if (event.type === 'job-end' && event.error !== undefined) this.failThrown(event.item.name, event.durationMs, event.error);
      },
    });
  }

  /**
   * A job that threw rather than returning 'failed' (its log could not be opened, needsJob
   * threw) never said why: record and report the error as its failure, or the user would see
   * only "failed".
   */
  private failThrown(name: string, durationMs: number, error: unknown): void {
    const { message, at } = describe(error);
    this.fail({ element: name, message, ...(at ? { at } : {}) }, { durationMs });
  }

  /** Records an element's failure for the summary and reports its job's end. */
  private fail(failure: JobFailure, job: { readonly durationMs: number; readonly key?: string }): void {
    this.failures.set(failure.element, failure);
    this.emit({ type: 'job-end', ...failure, ...job, action: 'fetch', result: 'failure' });
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
      failed: summary.failed.map(({ item }) => this.failures.get(item.name) ?? { element: item.name, message: 'failed' }),
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
      const { message, at } = describe(error);
      log.line(`error: ${message}`);
      this.fail({ element: name, message, log: log.file, ...(at ? { at } : {}) }, { durationMs: Date.now() - started, ...(key ? { key } : {}) });
      return 'failed';
    } finally {
      log.close();
    }
  }

  private emit(event: BuildEvent): void {
    this.options.onEvent?.(event);
  }
}

/** describeError, except that a download cut short by a signal says so rather than quoting the abort. */
function describe(error: unknown): ReturnType<typeof describeError> {
  if (error instanceof Error && error.name === 'AbortError') return { message: 'interrupted' };
  return describeError(error);
}
