// The generic job scheduler: moves items through an ordered list of queues (fetch, pull, build,
// push…) within per-queue limits and in dependency order, and owns the error policy and
// interruption, as BuildStream's scheduler does. It must never know what an item is (no elements,
// caches or sandboxes here), never poll or set timers (every step follows a job's settlement), and
// never keep state outside one run.

import { buildItemGraph } from './item-graph.js';
import { ReadyList } from './ready-list.js';

export type OnError = 'quit' | 'continue' | 'terminate';
/** What a queue's job did with an item. 'skipped' = this queue had nothing to do for it (e.g. already cached), which counts as passing the queue. */
export type JobResult = 'done' | 'skipped' | 'failed';

export interface QueueSpec<T> {
  readonly name: string;
  /** At most this many jobs of this queue at once (>= 1). */
  readonly limit: number;
  /** When true, an item enters this queue only after every one of its dependencies has passed this queue (done or skipped). Build is ordered; fetch and pull are not. */
  readonly ordered: boolean;
  /** Decides, without running a job, that this item needs nothing from this queue (then it passes as 'skipped' without an event for a job). Optional; default: every item needs a job. Called when the item becomes ready for the queue (so it may depend on earlier queues' effects). If it throws, the item fails in this queue, reported as a job that failed with that error. */
  needsJob?(item: T): boolean;
  run(item: T, signal: AbortSignal): Promise<JobResult>;
}

export interface SchedulerItem<T> {
  /** Unique; an item passes each queue at most once. */
  readonly id: string;
  readonly value: T;
  /** ids of items this one depends on (for ordered queues); unknown ids are ignored (they are not in this session). */
  readonly dependsOn: readonly string[];
}

export type SchedulerEvent<T> =
  | { readonly type: 'job-start'; readonly queue: string; readonly item: T; readonly id: string }
  | {
      readonly type: 'job-end';
      readonly queue: string;
      readonly item: T;
      readonly id: string;
      readonly result: JobResult;
      readonly durationMs: number;
      readonly error?: unknown;
    }
  | { readonly type: 'item-skipped'; readonly item: T; readonly id: string; readonly reason: 'dependency-failed' | 'stopped' };

/** Every item appears in exactly one of completed, failed and skipped, each listed in the order of the items given to run(). */
export interface SessionSummary<T> {
  /** Items that passed every queue. */
  readonly completed: readonly T[];
  readonly failed: ReadonlyArray<{ readonly item: T; readonly queue: string }>;
  /** Items never finished because a dependency failed or the session stopped (quit/terminate/interrupt). */
  readonly skipped: readonly T[];
  /** True when terminate() was called (signal or on-error terminate). */
  readonly interrupted: boolean;
}

export interface SchedulerOptions<T> {
  readonly queues: readonly QueueSpec<T>[];
  readonly onError: OnError;
  /**
   * Receives every event synchronously, in order. If it throws (or returns a promise that rejects
   * before the session ends), the session stops as terminate() would, keeps delivering events so a
   * renderer can close its lines, and run() rejects with the first such error once running jobs
   * have settled: a broken reporter must neither corrupt the scheduler's bookkeeping nor let a
   * build carry on unseen.
   */
  readonly onEvent?: (event: SchedulerEvent<T>) => void;
}

/**
 * One session per instance: run() once, terminate() at any time. Rejects (programming errors) on
 * a second run(), a duplicate item id or a dependency cycle; the constructor throws on a limit below 1.
 */
export class Scheduler<T> {
  private readonly options: SchedulerOptions<T>;
  private session: Session<T> | undefined;
  private terminatedBeforeRun = false;

  constructor(options: SchedulerOptions<T>) {
    for (const queue of options.queues) {
      if (!(queue.limit >= 1)) throw new Error(`scheduler: queue '${queue.name}' has limit ${queue.limit}; it must be at least 1`);
    }
    this.options = options;
  }

  run(items: readonly SchedulerItem<T>[]): Promise<SessionSummary<T>> {
    if (this.session !== undefined) {
      return Promise.reject(new Error('scheduler: run() was already called; a Scheduler runs one session'));
    }
    let session: Session<T>;
    try {
      session = new Session(this.options, items);
    } catch (error) {
      return Promise.reject(error);
    }
    this.session = session;
    return session.start(this.terminatedBeforeRun);
  }

  /** Stops the session as `terminate` does: aborts running jobs' signals, starts nothing new; run() resolves once running jobs have settled. Idempotent. Used by the front ends on SIGINT/SIGTERM. */
  terminate(): void {
    if (this.session === undefined) this.terminatedBeforeRun = true;
    else this.session.terminate();
  }
}

type EntryState =
  /** Queued for arrive(): its stage changed and its readiness is not yet decided. */
  | 'arriving'
  /** Its stage is an ordered queue and some dependency has not passed it yet. */
  | 'waiting'
  | 'ready'
  | 'running'
  | 'completed'
  | 'failed'
  | 'skipped';

interface Entry<T> {
  readonly index: number;
  readonly id: string;
  readonly value: T;
  readonly dependents: readonly number[];
  /** The index of the queue the item is in or heading for. */
  stage: number;
  state: EntryState;
  /** A dependency failed: the item is skipped as soon as it is not running (a job of its own that then fails still makes it failed). */
  doomed: boolean;
  failedIn: string | undefined;
  /** needsJob threw for the current stage; the item's job fails with this instead of running. */
  needsJobError: { readonly error: unknown } | undefined;
}

interface QueueState<T> {
  readonly spec: QueueSpec<T>;
  readonly ready: ReadyList;
  /** Ordered queues only: per item, how many of its dependencies have not passed this queue yet. */
  readonly unpassed: Int32Array | undefined;
  running: number;
}

/**
 * The state of one run. Every change happens inside transition(), which is never re-entered:
 * callbacks into user code (onEvent, needsJob, aborting signals) may call terminate(), which then
 * only raises a flag that the transition applies when its own step is complete.
 */
class Session<T> {
  private readonly entries: Entry<T>[];
  private readonly queues: QueueState<T>[];
  private readonly onError: OnError;
  private readonly onEvent: ((event: SchedulerEvent<T>) => void) | undefined;
  /** Items whose stage changed, in the order they changed; a FIFO with a moving head. */
  private arrivals: number[] = [];
  private arrivalsHead = 0;
  private readonly controllers = new Map<Entry<T>, AbortController>();
  private running = 0;
  private unfinished: number;
  /** quit or terminate has been applied: nothing new starts, nothing advances. */
  private stopping = false;
  private interrupted = false;
  private terminateRequested = false;
  private eventError: { readonly error: unknown } | undefined;
  private internalError: { readonly error: unknown } | undefined;
  private busy = false;
  private finished = false;
  private readonly settled: Promise<SessionSummary<T>>;
  private readonly resolve: (summary: SessionSummary<T>) => void;
  private readonly reject: (error: unknown) => void;

  constructor(options: SchedulerOptions<T>, items: readonly SchedulerItem<T>[]) {
    const graph = buildItemGraph(items);
    this.entries = items.map((item, index) => ({
      index,
      id: item.id,
      value: item.value,
      dependents: graph.dependents[index]!,
      stage: 0,
      state: 'arriving',
      doomed: false,
      failedIn: undefined,
      needsJobError: undefined,
    }));
    this.queues = options.queues.map((spec) => ({
      spec,
      ready: new ReadyList(),
      unpassed: spec.ordered ? Int32Array.from(graph.dependencies, (deps) => deps.length) : undefined,
      running: 0,
    }));
    this.onError = options.onError;
    this.onEvent = options.onEvent;
    this.unfinished = items.length;
    let resolve: ((summary: SessionSummary<T>) => void) | undefined;
    let reject: ((error: unknown) => void) | undefined;
    this.settled = new Promise<SessionSummary<T>>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.resolve = resolve!;
    this.reject = reject!;
  }

  start(terminateRequested: boolean): Promise<SessionSummary<T>> {
    this.terminateRequested = terminateRequested;
    this.transition(() => {
      for (const entry of this.entries) this.arrivals.push(entry.index);
    });
    return this.settled;
  }

  terminate(): void {
    if (this.finished) return;
    this.terminateRequested = true;
    if (!this.busy) this.transition(() => undefined);
  }

  /** Whether nothing may start or advance any more (a stop is applied or about to be). */
  private get halted(): boolean {
    return this.stopping || this.terminateRequested || this.eventError !== undefined || this.internalError !== undefined;
  }

  private transition(step: () => void): void {
    if (this.finished || this.busy) return;
    this.busy = true;
    try {
      step();
      this.drainArrivals();
      this.startJobs();
    } catch (error) {
      this.internalError ??= { error };
    }
    try {
      // A quit is applied where the failure happens; what arrives here is terminate() called from a
      // callback, or a broken subscriber or scheduler bug, all of which stop the session hard.
      const stopRequested = this.terminateRequested || this.eventError !== undefined || this.internalError !== undefined;
      if (stopRequested && !this.interrupted) this.stop(true);
    } catch (error) {
      this.internalError ??= { error };
    }
    this.busy = false;
    this.finishIfSettled();
  }

  private drainArrivals(): void {
    while (this.arrivalsHead < this.arrivals.length) {
      // Once halted, stop() skips whatever is still arriving; deciding readiness would be wasted work.
      if (this.halted) break;
      const entry = this.entries[this.arrivals[this.arrivalsHead++]!]!;
      if (entry.state === 'arriving') this.arrive(entry);
    }
    this.arrivals = [];
    this.arrivalsHead = 0;
  }

  /** Decides what an item whose stage changed does next: wait for dependencies, pass, or queue for a job. */
  private arrive(entry: Entry<T>): void {
    const stage = entry.stage;
    const queue = this.queues[stage]!;
    if (queue.unpassed !== undefined && queue.unpassed[entry.index]! > 0) {
      entry.state = 'waiting';
      return;
    }
    if (queue.spec.needsJob !== undefined) {
      let needed = true;
      try {
        needed = queue.spec.needsJob(entry.value);
      } catch (error) {
        entry.needsJobError = { error };
      }
      if (!needed) {
        this.pass(entry, stage);
        return;
      }
    }
    entry.state = 'ready';
    queue.ready.push(entry.index);
  }

  /** The item passed queue `stage` (done or skipped): release dependents waiting on it there, and move it on. */
  private pass(entry: Entry<T>, stage: number): void {
    const unpassed = this.queues[stage]!.unpassed;
    if (unpassed !== undefined) {
      for (const dependent of entry.dependents) {
        if (--unpassed[dependent]! > 0) continue;
        const other = this.entries[dependent]!;
        if (other.stage === stage && other.state === 'waiting') this.enqueueArrival(other);
      }
    }
    entry.stage = stage + 1;
    if (entry.stage < this.queues.length) {
      this.enqueueArrival(entry);
    } else {
      entry.state = 'completed';
      this.unfinished--;
    }
  }

  private enqueueArrival(entry: Entry<T>): void {
    entry.state = 'arriving';
    this.arrivals.push(entry.index);
  }

  private startJobs(): void {
    this.queues.forEach((queue, stage) => {
      while (!this.halted && queue.running < queue.spec.limit) {
        const index = queue.ready.pop();
        if (index === undefined) break;
        const entry = this.entries[index]!;
        // Entries skipped since they were queued stay in the heap; dropping them here is cheaper than searching for them.
        if (entry.state === 'ready' && entry.stage === stage) this.startJob(entry, queue);
      }
    });
  }

  private startJob(entry: Entry<T>, queue: QueueState<T>): void {
    entry.state = 'running';
    queue.running++;
    this.running++;
    const controller = new AbortController();
    this.controllers.set(entry, controller);
    const needsJobError = entry.needsJobError;
    entry.needsJobError = undefined;
    this.emit({ type: 'job-start', queue: queue.spec.name, item: entry.value, id: entry.id });
    // execute() never rejects: every outcome of the job becomes a settlement, and settlement errors
    // are recorded as internal errors that reject run().
    void this.execute(entry, queue, controller, needsJobError);
  }

  private async execute(
    entry: Entry<T>,
    queue: QueueState<T>,
    controller: AbortController,
    needsJobError: { readonly error: unknown } | undefined,
  ): Promise<void> {
    const started = performance.now();
    let result: JobResult;
    let error: { readonly error: unknown } | undefined;
    try {
      // Yield first, so that a job which throws or returns at once still settles outside the
      // transition that started it.
      await Promise.resolve();
      if (needsJobError !== undefined) throw needsJobError.error;
      const outcome: unknown = await queue.spec.run(entry.value, controller.signal);
      if (outcome === 'done' || outcome === 'skipped' || outcome === 'failed') {
        result = outcome;
      } else {
        result = 'failed';
        error = { error: new Error(`scheduler: the ${queue.spec.name} job for '${entry.id}' returned ${String(outcome)}, not 'done', 'skipped' or 'failed'`) };
      }
    } catch (thrown) {
      result = 'failed';
      error = { error: thrown };
    }
    const durationMs = performance.now() - started;
    this.transition(() => this.settle(entry, queue, result, error, durationMs, controller.signal.aborted));
  }

  private settle(
    entry: Entry<T>,
    queue: QueueState<T>,
    result: JobResult,
    error: { readonly error: unknown } | undefined,
    durationMs: number,
    aborted: boolean,
  ): void {
    queue.running--;
    this.running--;
    this.controllers.delete(entry);
    const stage = entry.stage;
    this.emit({
      type: 'job-end',
      queue: queue.spec.name,
      item: entry.value,
      id: entry.id,
      result,
      durationMs,
      ...(error !== undefined ? { error: error.error } : {}),
    });
    if (result === 'failed') {
      // A job that fails after we aborted it was interrupted, not broken: counting it as a failure
      // would report every job that Ctrl-C cut short.
      if (aborted) this.skip(entry, entry.doomed ? 'dependency-failed' : 'stopped');
      else this.fail(entry, queue.spec.name);
    } else if (entry.doomed) {
      this.skip(entry, 'dependency-failed');
    } else if (this.stopping && stage < this.queues.length - 1) {
      this.skip(entry, 'stopped');
    } else {
      this.pass(entry, stage);
    }
  }

  private fail(entry: Entry<T>, queue: string): void {
    entry.state = 'failed';
    entry.failedIn = queue;
    this.unfinished--;
    this.skipDependentsOf(entry);
    if (this.onError === 'quit') this.stop(false);
    else if (this.onError === 'terminate') this.stop(true);
  }

  /** Skips every transitive dependent not yet finished; each item is visited once per session, so all failures together cost O(items + edges). */
  private skipDependentsOf(failed: Entry<T>): void {
    const pending = [...failed.dependents];
    while (pending.length > 0) {
      const entry = this.entries[pending.pop()!]!;
      if (entry.doomed) continue;
      entry.doomed = true;
      // A running dependent is skipped when its job settles, so its job-end still comes first.
      if (entry.state === 'arriving' || entry.state === 'waiting' || entry.state === 'ready') {
        this.skip(entry, 'dependency-failed');
      }
      for (const dependent of entry.dependents) pending.push(dependent);
    }
  }

  /** Applies quit (abortRunning false) or terminate (true). Idempotent; terminate after quit still aborts. */
  private stop(abortRunning: boolean): void {
    if (abortRunning && !this.interrupted) {
      this.interrupted = true;
      for (const controller of [...this.controllers.values()]) controller.abort();
    }
    if (this.stopping) return;
    this.stopping = true;
    for (const entry of this.entries) {
      if (entry.state === 'arriving' || entry.state === 'waiting' || entry.state === 'ready') this.skip(entry, 'stopped');
    }
  }

  private skip(entry: Entry<T>, reason: 'dependency-failed' | 'stopped'): void {
    entry.state = 'skipped';
    this.unfinished--;
    this.emit({ type: 'item-skipped', item: entry.value, id: entry.id, reason });
  }

  private emit(event: SchedulerEvent<T>): void {
    if (this.onEvent === undefined) return;
    let returned: unknown;
    try {
      returned = this.onEvent(event);
    } catch (error) {
      this.eventError ??= { error };
      return;
    }
    // A subscriber typed `=> void` may still be async; its rejection must not become an unhandled one.
    // After the session has finished there is no run() left to reject, so a late rejection is dropped.
    // The handler cannot throw (transition() catches everything), hence `void`.
    if (isThenable(returned)) {
      void Promise.resolve(returned).then(undefined, (error: unknown) => {
        if (this.finished) return;
        this.eventError ??= { error };
        if (!this.busy) this.transition(() => undefined);
      });
    }
  }

  private finishIfSettled(): void {
    if (this.finished || this.busy || this.running > 0) return;
    if (!this.stopping && this.unfinished > 0) {
      // Nothing runs and nothing can start, yet items remain: a bookkeeping bug. Fail rather than hang.
      this.internalError ??= { error: new Error(`scheduler: stalled with ${this.unfinished} unfinished items`) };
    }
    this.finished = true;
    if (this.internalError !== undefined) this.reject(this.internalError.error);
    else if (this.eventError !== undefined) this.reject(this.eventError.error);
    else this.resolve(this.summary());
  }

  private summary(): SessionSummary<T> {
    const completed: T[] = [];
    const failed: Array<{ readonly item: T; readonly queue: string }> = [];
    const skipped: T[] = [];
    for (const entry of this.entries) {
      if (entry.state === 'completed') completed.push(entry.value);
      else if (entry.state === 'failed') failed.push({ item: entry.value, queue: entry.failedIn ?? '' });
      else skipped.push(entry.value);
    }
    return { completed, failed, skipped, interrupted: this.interrupted };
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
