// `track` as one engine call: ask each trackable source of the chosen elements for the newest
// ref of what it follows, at most `fetchers` elements at once through the scheduler, and hand
// each element's changed keys to the ref store as soon as its job ends. Nothing here prints.

import { normalName } from '../cache/artifact-cache.js';
import { canonicalJson } from '../cache/canonical-json.js';
import { toPlain } from '../format/node.js';
import type { LoadedElement } from '../project/loader.js';
import type { TrackResult } from '../project/source-api.js';
import { JobLog, jobLogPath } from '../scheduler/job-log.js';
import { Scheduler, type JobResult, type OnError } from '../scheduler/scheduler.js';
import { describeError, type JobFailure } from './build-session.js';
import type { KeyedElement, KeyedGraph } from './pipeline.js';
import type { StoredRefEdit } from './ref-writer.js';

/** Where tracked refs are written (the project's ref storage); injected so tests can watch it. */
export interface RefSink {
  /** Throws a user error when the element's refs cannot be written (before anything is tracked). */
  check(element: KeyedElement, indexes: readonly number[]): void;
  /** Writes the changed keys; returns whether a file changed. */
  write(element: KeyedElement, edits: readonly StoredRefEdit[]): boolean;
}

export interface TrackSessionOptions {
  readonly graph: KeyedGraph;
  readonly elements: readonly LoadedElement[];
  readonly sourceDirectory: string;
  readonly logDirectory: string;
  readonly trackers: number;
  readonly onError: OnError;
  readonly refs: RefSink;
  readonly onEvent?: (event: TrackEvent) => void;
}

/** What tracking one source found. */
export interface TrackedSource {
  /** Position in the element's `sources:` (0-based). */
  readonly index: number;
  readonly kind: string;
  readonly values: TrackResult;
  readonly changed: boolean;
}

export type TrackEvent =
  | {
      readonly type: 'tracked';
      readonly element: string;
      /** How many sources the element has, trackable or not. */
      readonly sourceCount: number;
      readonly sources: readonly TrackedSource[];
      readonly durationMs: number;
      readonly log: string;
    }
  | ({ readonly type: 'failed' } & JobFailure)
  | { readonly type: 'skipped'; readonly element: string; readonly reason: 'dependency-failed' | 'stopped' };

export interface TrackSummary {
  readonly changed: readonly string[];
  readonly unchanged: readonly string[];
  readonly failed: readonly JobFailure[];
  readonly skipped: readonly string[];
  readonly interrupted: boolean;
}

interface TrackItem {
  readonly element: KeyedElement;
  readonly name: string;
  readonly indexes: readonly number[];
}

/** The positions of the element's sources whose kind can track. */
export function trackableSources(element: KeyedElement): number[] {
  return element.composed.sources.flatMap((source, index) => (source.plugin.track ? [index] : []));
}

export class TrackSession {
  private readonly scheduler: Scheduler<TrackItem>;
  private readonly changed: string[] = [];
  private readonly unchanged: string[] = [];
  private readonly failures = new Map<string, JobFailure>();

  constructor(private readonly options: TrackSessionOptions) {
    this.scheduler = new Scheduler<TrackItem>({
      queues: [{ name: 'track', limit: Math.max(1, options.trackers), ordered: false, run: (item, signal) => this.track(item, signal) }],
      onError: options.onError,
      onEvent: (event) => {
        if (event.type === 'item-skipped') this.options.onEvent?.({ type: 'skipped', element: event.item.name, reason: event.reason });
        else if (event.type === 'job-end' && event.error !== undefined) this.failThrown(event.item.name, event.error);
      },
    });
  }

  /**
   * A job that threw rather than returning 'failed' (its log could not be opened) never said
   * why: record and report the error as its failure, or the user would see only "failed".
   */
  private failThrown(name: string, error: unknown): void {
    const { message, at } = describeError(error);
    this.fail({ element: name, message, ...(at ? { at } : {}) });
  }

  /** Records an element's failure for the summary and reports it. */
  private fail(failure: JobFailure): void {
    this.failures.set(failure.element, failure);
    this.options.onEvent?.({ type: 'failed', ...failure });
  }

  terminate(): void {
    this.scheduler.terminate();
  }

  /**
   * Checks that every element's refs can be written before tracking any of them, so a
   * session never tracks what it then cannot store.
   */
  async run(): Promise<TrackSummary> {
    const graph = this.options.graph;
    const items: TrackItem[] = [];
    for (const loaded of new Set(this.options.elements)) {
      const element = graph.keyed(loaded);
      const indexes = trackableSources(element);
      if (indexes.length === 0) continue;
      this.options.refs.check(element, indexes);
      items.push({ element, name: loaded.fullName, indexes });
    }
    const summary = await this.scheduler.run(items.map((item) => ({ id: String(item.element.loaded.index), value: item, dependsOn: [] })));
    return {
      changed: this.changed,
      unchanged: this.unchanged,
      failed: summary.failed.map(({ item }) => this.failures.get(item.name) ?? { element: item.name, message: 'failed' }),
      skipped: summary.skipped.map((item) => item.name),
      interrupted: summary.interrupted,
    };
  }

  private async track(item: TrackItem, signal: AbortSignal): Promise<JobResult> {
    const { element, name } = item;
    const key = element.keys?.strong ?? element.keys?.strict ?? 'unkeyed';
    const log = new JobLog(jobLogPath(this.options.logDirectory, element.loaded.project.name, normalName(element.loaded.name), key, 'track', new Date()));
    const started = Date.now();
    try {
      const context = { sourceCache: this.options.sourceDirectory, signal, log: (line: string) => log.line(line) };
      const tracked: TrackedSource[] = [];
      for (const index of item.indexes) {
        const { plugin, view } = element.composed.sources[index]!;
        log.line(`tracking ${view.kind} source ${index + 1}`);
        const values = await plugin.track!(view, context);
        if (!values || Object.keys(values).length === 0) continue;
        const changed = Object.entries(values).some(([k, v]) => {
          const current = view.config.get(k);
          return current === undefined || canonicalJson(toPlain(current)) !== canonicalJson(v);
        });
        log.line(changed ? `new ${Object.keys(values).join(', ')}: ${canonicalJson(values)}` : 'unchanged');
        tracked.push({ index, kind: view.kind, values, changed });
      }
      const edits = tracked.filter((t) => t.changed).map((t) => ({ index: t.index, values: t.values }));
      const wrote = this.options.refs.write(element, edits);
      (wrote || edits.length > 0 ? this.changed : this.unchanged).push(name);
      this.options.onEvent?.({ type: 'tracked', element: name, sourceCount: element.composed.sources.length, sources: tracked, durationMs: Date.now() - started, log: log.file });
      return 'done';
    } catch (error) {
      const { message, at } = describeError(error);
      log.line(`error: ${message}`);
      this.fail({ element: name, message, log: log.file, ...(at ? { at } : {}) });
      return 'failed';
    } finally {
      log.close();
    }
  }
}
