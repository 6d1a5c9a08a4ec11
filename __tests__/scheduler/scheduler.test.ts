import {
  Scheduler,
  type JobResult,
  type OnError,
  type QueueSpec,
  type SchedulerEvent,
  type SchedulerItem,
  type SessionSummary,
} from '../../src/scheduler/scheduler.js';

// Items are their own ids, so orders and summaries read as plain strings.

function item(id: string, dependsOn: readonly string[] = []): SchedulerItem<string> {
  return { id, value: id, dependsOn };
}

function independent(count: number, prefix = 'e'): SchedulerItem<string>[] {
  return Array.from({ length: count }, (_, i) => item(`${prefix}${i}`));
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function abortError(): Error {
  const error = new Error('aborted');
  error.name = 'AbortError';
  return error;
}

interface QueueOptions {
  readonly limit?: number;
  readonly ordered?: boolean;
  /** Jobs wait for the test to finish them, instead of finishing after a short pause. */
  readonly held?: boolean;
  /** Jobs finish at once (for the large graphs). */
  readonly instant?: boolean;
  /** Per item, what its job does instead of returning 'done'. */
  readonly outcomes?: Readonly<Record<string, JobResult | Error>>;
  readonly needsJob?: (id: string) => boolean;
  /** Called when a job starts, before it waits. */
  readonly onStart?: (id: string) => void;
}

interface HeldJob {
  readonly signal: AbortSignal;
  finish(result?: JobResult): void;
}

/**
 * Builds queues whose jobs record what happened: the order of starts and ends, how many ran at
 * once, how often each item ran, and the signals they saw. Held jobs let a test decide exactly
 * when each job ends; every job rejects as soon as its signal aborts, as a real job would.
 */
class Lab {
  readonly log: string[] = [];
  readonly events: SchedulerEvent<string>[] = [];
  readonly runs = new Map<string, number>();
  readonly maxRunning = new Map<string, number>();
  readonly signals = new Map<string, AbortSignal>();
  private readonly running = new Map<string, number>();
  private readonly held = new Map<string, HeldJob>();
  private readonly startWaiters = new Map<string, Array<(job: HeldJob) => void>>();
  private readonly logWaiters = new Map<string, Array<() => void>>();
  private maxTotal = 0;
  private total = 0;

  queue(name: string, options: QueueOptions = {}): QueueSpec<string> {
    const spec: QueueSpec<string> = {
      name,
      limit: options.limit ?? 4,
      ordered: options.ordered ?? false,
      run: (id, signal) => this.job(name, id, signal, options),
    };
    const needsJob = options.needsJob;
    return needsJob === undefined ? spec : { ...spec, needsJob: (id) => needsJob(id) };
  }

  scheduler(queues: readonly QueueSpec<string>[], onError: OnError = 'continue'): Scheduler<string> {
    return new Scheduler<string>({ queues, onError, onEvent: (event) => this.events.push(event) });
  }

  /** Resolves once the job of `queue` for `id` has started. */
  started(queue: string, id: string): Promise<HeldJob> {
    const key = `${queue} ${id}`;
    const job = this.held.get(key);
    if (job !== undefined) return Promise.resolve(job);
    return new Promise((resolve) => {
      this.startWaiters.set(key, [...(this.startWaiters.get(key) ?? []), resolve]);
    });
  }

  /** Resolves once `entry` ('start build a', 'end fetch b') is in the log. */
  logged(entry: string): Promise<void> {
    if (this.log.includes(entry)) return Promise.resolve();
    return new Promise((resolve) => {
      this.logWaiters.set(entry, [...(this.logWaiters.get(entry) ?? []), resolve]);
    });
  }

  async finish(queue: string, id: string, result: JobResult = 'done'): Promise<void> {
    (await this.started(queue, id)).finish(result);
  }

  get overallMaxRunning(): number {
    return this.maxTotal;
  }

  /** The item-skipped events, as 'id reason'. */
  skips(): string[] {
    return this.events.flatMap((event) => (event.type === 'item-skipped' ? [`${event.id} ${event.reason}`] : []));
  }

  /** The job-start events, as 'queue id'. */
  starts(queue?: string): string[] {
    return this.events.flatMap((event) =>
      event.type === 'job-start' && (queue === undefined || event.queue === queue) ? [`${event.queue} ${event.id}`] : [],
    );
  }

  private async job(queue: string, id: string, signal: AbortSignal, options: QueueOptions): Promise<JobResult> {
    const key = `${queue} ${id}`;
    this.runs.set(key, (this.runs.get(key) ?? 0) + 1);
    this.signals.set(key, signal);
    this.enter(queue);
    this.record(`start ${key}`);
    try {
      options.onStart?.(id);
      if (options.held === true) return await this.hold(key, signal);
      // Even an instant job yields once, so jobs started together are seen running together.
      await (options.instant === true ? Promise.resolve() : Promise.race([pause(2), aborted(signal)]));
      const outcome = options.outcomes?.[id] ?? 'done';
      if (outcome instanceof Error) throw outcome;
      return outcome;
    } finally {
      this.record(`end ${key}`);
      this.leave(queue);
    }
  }

  private hold(key: string, signal: AbortSignal): Promise<JobResult> {
    let finish: (result: JobResult) => void = () => undefined;
    const done = new Promise<JobResult>((resolve) => {
      finish = resolve;
    });
    const job: HeldJob = { signal, finish: (result = 'done') => finish(result) };
    this.held.set(key, job);
    for (const waiter of this.startWaiters.get(key) ?? []) waiter(job);
    this.startWaiters.delete(key);
    return Promise.race([done, aborted(signal)]);
  }

  private record(entry: string): void {
    this.log.push(entry);
    for (const waiter of this.logWaiters.get(entry) ?? []) waiter();
    this.logWaiters.delete(entry);
  }

  private enter(queue: string): void {
    const now = (this.running.get(queue) ?? 0) + 1;
    this.running.set(queue, now);
    this.maxRunning.set(queue, Math.max(now, this.maxRunning.get(queue) ?? 0));
    this.total++;
    this.maxTotal = Math.max(this.maxTotal, this.total);
  }

  private leave(queue: string): void {
    this.running.set(queue, (this.running.get(queue) ?? 0) - 1);
    this.total--;
  }
}

/** Rejects when the signal aborts; never settles otherwise. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(abortError());
    else signal.addEventListener('abort', () => reject(abortError()), { once: true });
  });
}

/** Every item lands in exactly one of the summary's lists. */
function expectPartition(summary: SessionSummary<string>, items: readonly SchedulerItem<string>[]): void {
  const all = [...summary.completed, ...summary.failed.map((f) => f.item), ...summary.skipped].sort();
  expect(all).toEqual(items.map((i) => i.id).sort());
}

describe('dependency order', () => {
  const diamond = [item('base'), item('left', ['base']), item('right', ['base']), item('top', ['left', 'right'])];

  it('an ordered build queue builds the base of a diamond first, its two sides together, and its top last', async () => {
    const lab = new Lab();
    const summary = await lab.scheduler([lab.queue('build', { ordered: true, limit: 4 })]).run(diamond);

    const at = (entry: string): number => lab.log.indexOf(entry);
    expect(at('end build base')).toBeLessThan(at('start build left'));
    expect(at('end build base')).toBeLessThan(at('start build right'));
    expect(at('end build left')).toBeLessThan(at('start build top'));
    expect(at('end build right')).toBeLessThan(at('start build top'));
    // The two sides do not wait for each other.
    expect(at('start build right')).toBeLessThan(at('end build left'));
    expect(summary.completed).toEqual(['base', 'left', 'right', 'top']);
  });

  it('an unordered fetch queue fetches an item while its dependency is still building', async () => {
    const lab = new Lab();
    const scheduler = lab.scheduler([
      lab.queue('fetch', { limit: 1 }),
      lab.queue('build', { ordered: true, held: true }),
    ]);
    const session = scheduler.run([item('lib'), item('app', ['lib'])]);

    await lab.started('build', 'lib');
    // Wait for the app's fetch to settle while lib's build is held open.
    await lab.logged('end fetch app');
    expect(lab.log).not.toContain('start build app');
    await lab.finish('build', 'lib');
    await lab.finish('build', 'app');

    const summary = await session;
    expect(summary.completed).toEqual(['lib', 'app']);
    expect(lab.log.indexOf('end fetch app')).toBeLessThan(lab.log.indexOf('end build lib'));
    expect(lab.log.indexOf('end build lib')).toBeLessThan(lab.log.indexOf('start build app'));
  });

  it('when several items are ready, the one listed first starts first', async () => {
    const lab = new Lab();
    await lab.scheduler([lab.queue('build', { ordered: true, limit: 1 })]).run([item('c'), item('a'), item('b')]);
    expect(lab.starts()).toEqual(['build c', 'build a', 'build b']);
  });

  it('a dependency released later still yields to items listed before the waiting one', async () => {
    const lab = new Lab();
    // 'late' waits for 'first'; once 'first' is built, 'late' (listed before 'z') starts before 'z'.
    const items = [item('first'), item('late', ['first']), item('z')];
    await lab.scheduler([lab.queue('build', { ordered: true, limit: 1 })]).run(items);
    expect(lab.starts()).toEqual(['build first', 'build late', 'build z']);
  });

  it('dependencies that are not in the session are ignored', async () => {
    const lab = new Lab();
    const summary = await lab.scheduler([lab.queue('build', { ordered: true })]).run([item('app', ['elsewhere.bst'])]);
    expect(summary.completed).toEqual(['app']);
  });

  it('an item passes queues in their order', async () => {
    const lab = new Lab();
    const queues = ['pull', 'fetch', 'build', 'push'].map((name) => lab.queue(name, { ordered: name === 'build' }));
    await lab.scheduler(queues).run([item('a')]);
    expect(lab.starts()).toEqual(['pull a', 'fetch a', 'build a', 'push a']);
  });
});

describe('limits', () => {
  it('a queue never runs more jobs than its limit, and fills its limit while work waits', async () => {
    const lab = new Lab();
    const items = independent(20);
    const summary = await lab
      .scheduler([lab.queue('fetch', { limit: 3 }), lab.queue('build', { ordered: true, limit: 2 })])
      .run(items);
    expect(lab.maxRunning.get('fetch')).toBe(3);
    expect(lab.maxRunning.get('build')).toBe(2);
    expect(summary.completed).toHaveLength(20);
  });

  it('jobs of different queues run at the same time', async () => {
    const lab = new Lab();
    const scheduler = lab.scheduler([lab.queue('fetch', { limit: 1, held: true }), lab.queue('build', { limit: 1, held: true })]);
    const session = scheduler.run([item('a'), item('b')]);
    await lab.finish('fetch', 'a');
    await lab.started('build', 'a');
    await lab.started('fetch', 'b');
    expect(lab.overallMaxRunning).toBe(2);
    await lab.finish('build', 'a');
    await lab.finish('fetch', 'b');
    await lab.finish('build', 'b');
    expect((await session).completed).toEqual(['a', 'b']);
  });

  it('a limit below 1 is refused when the scheduler is made', () => {
    const lab = new Lab();
    expect(() => lab.scheduler([lab.queue('build', { limit: 0 })])).toThrow(/limit 0/);
  });
});

describe('each queue once per item', () => {
  it('an item that many others depend on runs each queue exactly once', async () => {
    const lab = new Lab();
    const items = [item('root'), ...Array.from({ length: 50 }, (_, i) => item(`leaf${i}`, ['root']))];
    const summary = await lab
      .scheduler([lab.queue('fetch'), lab.queue('build', { ordered: true }), lab.queue('push')])
      .run(items);
    expect(summary.completed).toHaveLength(51);
    expect(lab.runs.size).toBe(51 * 3);
    expect([...lab.runs.values()].every((count) => count === 1)).toBe(true);
  });

  it('listing the same dependency twice does not make an item wait forever', async () => {
    const lab = new Lab();
    const summary = await lab.scheduler([lab.queue('build', { ordered: true })]).run([item('a'), item('b', ['a', 'a'])]);
    expect(summary.completed).toEqual(['a', 'b']);
  });
});

describe('items that need nothing from a queue', () => {
  it('an item whose needsJob says no passes the queue without a job or its events', async () => {
    const lab = new Lab();
    const summary = await lab
      .scheduler([lab.queue('pull', { needsJob: (id) => id !== 'cached' }), lab.queue('build', { ordered: true })])
      .run([item('cached'), item('fresh')]);
    expect(lab.starts()).toEqual(expect.arrayContaining(['pull fresh', 'build cached', 'build fresh']));
    expect(lab.starts()).not.toContain('pull cached');
    expect(summary.completed).toEqual(['cached', 'fresh']);
  });

  it('an item passed without a job releases its dependents in an ordered queue', async () => {
    const lab = new Lab();
    const summary = await lab
      .scheduler([lab.queue('build', { ordered: true, needsJob: (id) => id !== 'base' })])
      .run([item('base'), item('middle', ['base']), item('top', ['middle'])]);
    expect(lab.starts()).toEqual(['build middle', 'build top']);
    expect(summary.completed).toEqual(['base', 'middle', 'top']);
  });

  it('needsJob is asked when the item reaches the queue, so it sees what earlier queues did', async () => {
    const lab = new Lab();
    const pulled = new Set<string>();
    const summary = await lab
      .scheduler([
        lab.queue('pull', { onStart: (id) => (id === 'a' ? pulled.add(id) : undefined) }),
        lab.queue('build', { ordered: true, needsJob: (id) => !pulled.has(id) }),
      ])
      .run([item('a'), item('b')]);
    expect(lab.starts('build')).toEqual(['build b']);
    expect(summary.completed).toEqual(['a', 'b']);
  });

  it('a needsJob that throws fails the item in that queue, with the error in its job-end', async () => {
    const lab = new Lab();
    const broken = new Error('cannot tell');
    const summary = await lab
      .scheduler([
        lab.queue('build', {
          needsJob: (id) => {
            if (id === 'bad') throw broken;
            return true;
          },
        }),
      ])
      .run([item('bad'), item('good')]);
    expect(summary.failed).toEqual([{ item: 'bad', queue: 'build' }]);
    expect(lab.runs.has('build bad')).toBe(false);
    const end = lab.events.find((event) => event.type === 'job-end' && event.id === 'bad');
    expect(end).toMatchObject({ result: 'failed', error: broken });
  });
});

describe('on-error quit', () => {
  it('after the first failure, running jobs finish, no new job starts and the rest are skipped as stopped', async () => {
    const lab = new Lab();
    const items = independent(5);
    const session = lab.scheduler([lab.queue('build', { limit: 2, held: true })], 'quit').run(items);
    const running = await lab.started('build', 'e1');
    await lab.finish('build', 'e0', 'failed');
    // e1 is still running and its signal was left alone.
    await pause(5);
    expect(running.signal.aborted).toBe(false);
    expect(lab.starts()).toEqual(['build e0', 'build e1']);
    running.finish('done');

    const summary = await session;
    expect(summary.failed).toEqual([{ item: 'e0', queue: 'build' }]);
    expect(summary.completed).toEqual(['e1']);
    expect(summary.skipped).toEqual(['e2', 'e3', 'e4']);
    expect(summary.interrupted).toBe(false);
    expect(lab.skips()).toEqual(['e2 stopped', 'e3 stopped', 'e4 stopped']);
    expect(lab.starts()).toEqual(['build e0', 'build e1']);
  });

  it('an item whose running job ends after the quit, with queues still ahead, is skipped as stopped', async () => {
    const lab = new Lab();
    const session = lab
      .scheduler([lab.queue('fetch', { limit: 2, held: true }), lab.queue('build', { ordered: true })], 'quit')
      .run([item('a'), item('b')]);
    const b = await lab.started('fetch', 'b');
    await lab.finish('fetch', 'a', 'failed');
    b.finish('done');
    const summary = await session;
    expect(summary.failed).toEqual([{ item: 'a', queue: 'fetch' }]);
    expect(summary.skipped).toEqual(['b']);
    expect(lab.skips()).toEqual(['b stopped']);
    expect(lab.starts('build')).toEqual([]);
  });
});

describe('on-error continue', () => {
  it('independent branches still complete while dependents of the failure are skipped', async () => {
    const lab = new Lab();
    const items = [item('a'), item('b', ['a']), item('c', ['b']), item('x'), item('y', ['x']), item('z', ['c', 'y'])];
    const summary = await lab
      .scheduler([lab.queue('fetch'), lab.queue('build', { ordered: true, outcomes: { a: 'failed' } })], 'continue')
      .run(items);
    expect(summary.failed).toEqual([{ item: 'a', queue: 'build' }]);
    expect(summary.completed).toEqual(['x', 'y']);
    expect(summary.skipped).toEqual(['b', 'c', 'z']);
    expect(lab.skips().sort()).toEqual(['b dependency-failed', 'c dependency-failed', 'z dependency-failed']);
    expect(lab.starts('build')).not.toEqual(expect.arrayContaining(['build b']));
    expect(summary.interrupted).toBe(false);
  });

  it('an item depending on two failures is reported skipped once', async () => {
    const lab = new Lab();
    const items = [item('a'), item('b'), item('top', ['a', 'b'])];
    const summary = await lab.scheduler([lab.queue('build', { ordered: true, outcomes: { a: 'failed', b: 'failed' } })]).run(items);
    expect(summary.failed.map((f) => f.item)).toEqual(['a', 'b']);
    expect(lab.skips()).toEqual(['top dependency-failed']);
  });

  it('a dependent already fetching when its dependency fails finishes its fetch, then is skipped', async () => {
    const lab = new Lab();
    const session = lab
      .scheduler([lab.queue('fetch', { held: true }), lab.queue('build', { ordered: true, outcomes: { lib: 'failed' } })])
      .run([item('lib'), item('app', ['lib'])]);
    const appFetch = await lab.started('fetch', 'app');
    await lab.finish('fetch', 'lib');
    // lib's build fails while app is still fetching; app's fetch is not aborted.
    await lab.logged('end build lib');
    await pause(5);
    expect(appFetch.signal.aborted).toBe(false);
    appFetch.finish('done');
    const summary = await session;
    expect(summary.skipped).toEqual(['app']);
    const forApp = lab.events.filter((event) => event.id === 'app').map((event) => event.type);
    expect(forApp).toEqual(['job-start', 'job-end', 'item-skipped']);
  });
});

describe('on-error terminate', () => {
  it('a failure aborts the signals of running jobs and run() resolves as interrupted', async () => {
    const lab = new Lab();
    const items = independent(5);
    const session = lab.scheduler([lab.queue('build', { limit: 3, held: true })], 'terminate').run(items);
    await lab.started('build', 'e1');
    await lab.started('build', 'e2');
    await lab.finish('build', 'e0', 'failed');

    const summary = await session;
    expect(lab.signals.get('build e1')?.aborted).toBe(true);
    expect(lab.signals.get('build e2')?.aborted).toBe(true);
    expect(summary.interrupted).toBe(true);
    // Only the real failure counts as failed; the jobs cut short are stopped.
    expect(summary.failed).toEqual([{ item: 'e0', queue: 'build' }]);
    expect(summary.skipped).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(lab.skips().sort()).toEqual(['e1 stopped', 'e2 stopped', 'e3 stopped', 'e4 stopped']);
    expect(lab.starts()).toEqual(['build e0', 'build e1', 'build e2']);
  });
});

describe('terminate() from outside', () => {
  it('terminate() mid-run aborts running jobs, starts nothing new and resolves as interrupted', async () => {
    const lab = new Lab();
    const items = [item('a'), item('b'), item('c', ['a'])];
    const scheduler = lab.scheduler([lab.queue('fetch', { held: true, limit: 2 }), lab.queue('build', { ordered: true })], 'continue');
    const session = scheduler.run(items);
    const a = await lab.started('fetch', 'a');
    const b = await lab.started('fetch', 'b');
    scheduler.terminate();
    expect(a.signal.aborted).toBe(true);
    expect(b.signal.aborted).toBe(true);

    const summary = await session;
    expect(summary).toEqual({ completed: [], failed: [], skipped: ['a', 'b', 'c'], interrupted: true });
    expect(lab.starts()).toEqual(['fetch a', 'fetch b']);
    expect(lab.skips()).toEqual(['c stopped', 'a stopped', 'b stopped']);
  });

  it('run() waits for aborted jobs to settle before resolving', async () => {
    const lab = new Lab();
    let settled = false;
    const slow: QueueSpec<string> = {
      name: 'build',
      limit: 1,
      ordered: false,
      run: async (_id, signal) => {
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
        await pause(10);
        settled = true;
        return 'failed';
      },
    };
    const scheduler = lab.scheduler([slow]);
    const session = scheduler.run([item('a')]);
    await pause(1);
    scheduler.terminate();
    const summary = await session;
    expect(settled).toBe(true);
    expect(summary.skipped).toEqual(['a']);
  });

  it('a job that still completes its last queue after terminate() counts as completed', async () => {
    const lab = new Lab();
    const stubborn: QueueSpec<string> = {
      name: 'push',
      limit: 1,
      ordered: false,
      run: async () => {
        await pause(5);
        return 'done';
      },
    };
    const scheduler = lab.scheduler([stubborn]);
    const session = scheduler.run([item('a'), item('b')]);
    await pause(1);
    scheduler.terminate();
    const summary = await session;
    expect(summary).toEqual({ completed: ['a'], failed: [], skipped: ['b'], interrupted: true });
  });

  it('terminate() before run() starts no job at all', async () => {
    const lab = new Lab();
    const scheduler = lab.scheduler([lab.queue('build')]);
    scheduler.terminate();
    const summary = await scheduler.run([item('a'), item('b')]);
    expect(summary).toEqual({ completed: [], failed: [], skipped: ['a', 'b'], interrupted: true });
    expect(lab.runs.size).toBe(0);
    expect(lab.skips()).toEqual(['a stopped', 'b stopped']);
  });

  it('terminate() after the session finished changes nothing, and terminate() twice is harmless', async () => {
    const lab = new Lab();
    const scheduler = lab.scheduler([lab.queue('build', { ordered: true, held: true })]);
    const session = scheduler.run([item('a'), item('b', ['a'])]);
    await lab.started('build', 'a');
    scheduler.terminate();
    scheduler.terminate();
    const summary = await session;
    const eventsSoFar = lab.events.length;
    scheduler.terminate();
    expect(lab.events).toHaveLength(eventsSoFar);
    expect(summary.skipped).toEqual(['a', 'b']);
    expect(lab.skips()).toEqual(['b stopped', 'a stopped']);
  });

  it('terminate() after a quit still aborts the jobs the quit let run', async () => {
    const lab = new Lab();
    const scheduler = lab.scheduler([lab.queue('build', { limit: 2, held: true })], 'quit');
    const session = scheduler.run(independent(3));
    const e1 = await lab.started('build', 'e1');
    await lab.finish('build', 'e0', 'failed');
    await pause(5);
    expect(e1.signal.aborted).toBe(false);
    scheduler.terminate();
    expect(e1.signal.aborted).toBe(true);
    const summary = await session;
    expect(summary.interrupted).toBe(true);
    expect(summary.failed).toEqual([{ item: 'e0', queue: 'build' }]);
    expect(summary.skipped).toEqual(['e1', 'e2']);
  });

  it('terminate() called from an event handler stops the session cleanly', async () => {
    const lab = new Lab();
    const queues = [lab.queue('build', { limit: 1 })];
    const scheduler: Scheduler<string> = new Scheduler<string>({
      queues,
      onError: 'continue',
      onEvent: (event) => {
        lab.events.push(event);
        if (event.type === 'job-end' && event.id === 'e0') scheduler.terminate();
      },
    });
    const summary = await scheduler.run(independent(3));
    expect(summary).toEqual({ completed: ['e0'], failed: [], skipped: ['e1', 'e2'], interrupted: true });
    expect(lab.starts()).toEqual(['build e0']);
  });
});

describe('job failures', () => {
  it('a job that throws counts as failed, and job-end carries its error', async () => {
    const lab = new Lab();
    const boom = new Error('compiler crashed');
    const summary = await lab.scheduler([lab.queue('build', { outcomes: { a: boom } })]).run([item('a'), item('b')]);
    expect(summary.failed).toEqual([{ item: 'a', queue: 'build' }]);
    expect(summary.completed).toEqual(['b']);
    const end = lab.events.find((event) => event.type === 'job-end' && event.id === 'a');
    expect(end).toMatchObject({ type: 'job-end', queue: 'build', result: 'failed', error: boom });
  });

  it('a job that throws synchronously counts as failed too', async () => {
    const lab = new Lab();
    const sync: QueueSpec<string> = {
      name: 'build',
      limit: 1,
      ordered: false,
      run: () => {
        throw new Error('not even a promise');
      },
    };
    const summary = await lab.scheduler([sync]).run([item('a')]);
    expect(summary.failed).toEqual([{ item: 'a', queue: 'build' }]);
  });

  it('a job that returns skipped passes the queue like done', async () => {
    const lab = new Lab();
    const summary = await lab
      .scheduler([lab.queue('pull', { outcomes: { a: 'skipped' } }), lab.queue('build', { ordered: true })])
      .run([item('a'), item('b', ['a'])]);
    expect(summary.completed).toEqual(['a', 'b']);
    expect(lab.starts('build')).toEqual(['build a', 'build b']);
  });
});

describe('events', () => {
  it('each job starts before it ends, and an item goes through the queues by name in order', async () => {
    const lab = new Lab();
    await lab
      .scheduler([lab.queue('fetch', { limit: 2 }), lab.queue('build', { ordered: true, limit: 2 })])
      .run([item('a'), item('b', ['a']), item('c')]);
    for (const id of ['a', 'b', 'c']) {
      const mine = lab.events.filter((event) => event.id === id);
      expect(mine.map((event) => `${event.type} ${event.type === 'item-skipped' ? '' : event.queue}`)).toEqual([
        'job-start fetch',
        'job-end fetch',
        'job-start build',
        'job-end build',
      ]);
      for (const event of mine) expect(event.item).toBe(id);
    }
    const ends = lab.events.filter((event) => event.type === 'job-end');
    expect(ends).toHaveLength(6);
    for (const end of ends) {
      if (end.type !== 'job-end') continue;
      expect(end.result).toBe('done');
      expect(end.durationMs).toBeGreaterThanOrEqual(0);
      expect('error' in end).toBe(false);
    }
  });

  it('a handler that throws stops the session, and run() rejects with its error once running jobs settled', async () => {
    const lab = new Lab();
    const broken = new Error('renderer bug');
    let running = 0;
    let runningWhenRejected = -1;
    const queues = [lab.queue('build', { limit: 2, held: true, onStart: () => running++ })];
    const scheduler = new Scheduler<string>({
      queues,
      onError: 'continue',
      onEvent: (event) => {
        lab.events.push(event);
        if (event.type === 'job-end') running--;
        if (event.type === 'job-start' && event.id === 'e1') throw broken;
      },
    });
    const session = scheduler.run(independent(4));
    const e0 = await lab.started('build', 'e0');
    await expect(
      session.catch((error: unknown) => {
        runningWhenRejected = running;
        throw error;
      }),
    ).rejects.toBe(broken);
    expect(e0.signal.aborted).toBe(true);
    expect(runningWhenRejected).toBe(0);
    expect(lab.starts()).toEqual(['build e0', 'build e1']);
    // Events kept flowing after the error, so a renderer can close its lines.
    expect(lab.events.filter((event) => event.type === 'job-end')).toHaveLength(2);
  });

  it('an async handler whose promise rejects is treated like one that throws', async () => {
    const lab = new Lab();
    const broken = new Error('async renderer bug');
    const scheduler = new Scheduler<string>({
      queues: [lab.queue('build', { held: true })],
      onError: 'continue',
      onEvent: async (event) => {
        await Promise.resolve();
        if (event.type === 'job-start') throw broken;
      },
    });
    await expect(scheduler.run([item('a')])).rejects.toBe(broken);
    expect(lab.signals.get('build a')?.aborted).toBe(true);
  });
});

describe('invalid sessions', () => {
  it('a dependency cycle is refused before any job starts, naming the loop', async () => {
    const lab = new Lab();
    const items = [item('ok'), item('a', ['c']), item('b', ['a']), item('c', ['b']), item('d', ['a'])];
    await expect(lab.scheduler([lab.queue('build', { ordered: true })]).run(items)).rejects.toThrow(
      /dependency cycle: (a -> c -> b -> a|b -> a -> c -> b|c -> b -> a -> c)/,
    );
    expect(lab.runs.size).toBe(0);
  });

  it('two items with the same id are refused', async () => {
    const lab = new Lab();
    await expect(lab.scheduler([lab.queue('build')]).run([item('a'), item('a')])).rejects.toThrow(/'a' appears more than once/);
  });

  it('a scheduler runs one session only', async () => {
    const lab = new Lab();
    const scheduler = lab.scheduler([lab.queue('build')]);
    await scheduler.run([item('a')]);
    await expect(scheduler.run([item('a')])).rejects.toThrow(/one session/);
  });

  it('an empty session completes at once', async () => {
    const lab = new Lab();
    const summary = await lab.scheduler([lab.queue('build')]).run([]);
    expect(summary).toEqual({ completed: [], failed: [], skipped: [], interrupted: false });
  });
});

describe('large sessions', () => {
  const N = 10_000;

  it('a chain of 10,000 items builds every one, in order', async () => {
    const lab = new Lab();
    const items = Array.from({ length: N }, (_, i) => item(`n${i}`, i === 0 ? [] : [`n${i - 1}`]));
    const summary = await lab
      .scheduler([lab.queue('fetch', { instant: true, limit: 8 }), lab.queue('build', { ordered: true, instant: true, limit: 8 })])
      .run(items);
    expect(summary.completed).toHaveLength(N);
    expect(lab.starts('build')).toEqual(items.map((i) => `build ${i.id}`));
    expect(lab.maxRunning.get('build')).toBe(1);
  });

  it('10,000 items on one root all complete once the root is built', async () => {
    const lab = new Lab();
    const items = [item('root'), ...Array.from({ length: N }, (_, i) => item(`leaf${i}`, ['root']))];
    const summary = await lab.scheduler([lab.queue('build', { ordered: true, instant: true, limit: 16 })]).run(items);
    expect(summary.completed).toHaveLength(N + 1);
    expect(lab.starts()[0]).toBe('build root');
    expect(lab.maxRunning.get('build')).toBe(16);
  });

  it('a failure at the root of a 10,000-item chain skips every dependent exactly once', async () => {
    const lab = new Lab();
    const items = Array.from({ length: N }, (_, i) => item(`n${i}`, i === 0 ? [] : [`n${i - 1}`]));
    const summary = await lab.scheduler([lab.queue('build', { ordered: true, instant: true, outcomes: { n0: 'failed' } })]).run(items);
    expect(summary.failed).toHaveLength(1);
    expect(summary.skipped).toHaveLength(N - 1);
    expect(new Set(lab.skips()).size).toBe(N - 1);
    expectPartition(summary, items);
  });

  it('10,000 items that need no job pass every queue without a job', async () => {
    const lab = new Lab();
    const items = Array.from({ length: N }, (_, i) => item(`n${i}`, i === 0 ? [] : [`n${i - 1}`]));
    const summary = await lab
      .scheduler([lab.queue('pull', { needsJob: () => false }), lab.queue('build', { ordered: true, needsJob: () => false })])
      .run(items);
    expect(summary.completed).toHaveLength(N);
    expect(lab.events).toHaveLength(0);
  });
});
