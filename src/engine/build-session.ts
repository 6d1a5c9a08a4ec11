// `build` as one engine call: plan which elements must be built, fetch their sources, build
// each in dependency order through the scheduler, and record every result (success or
// failure) as an artifact. Front ends subscribe to its events; nothing here prints.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ArtifactCache, normalName, type ArtifactRecord, ARTIFACT_RECORD_VERSION } from '../cache/artifact-cache.js';
import { removeTree, removeTreeAsync } from '../cache/remove-tree.js';
import { containSymlinks } from '../cache/contained-symlinks.js';
import { expireArtifacts } from '../cache/expiry.js';
import { CairnError, formatProvenance, messageOf, type Provenance } from '../format/errors.js';
import { canAssemble, type TreeHandle } from '../project/plugin-api.js';
import type { LoadedElement } from '../project/loader.js';
import type { SourceContext } from '../project/source-api.js';
import { probeSandbox, type SandboxCapabilities } from '../sandbox/bwrap.js';
import { Scheduler, type JobResult, type OnError, type QueueSpec } from '../scheduler/scheduler.js';
import { JobLog, jobLogPath } from '../scheduler/job-log.js';
import { BuildAborted, CommandFailed, ElementBuild } from './element-build.js';
import type { KeyedElement, KeyedGraph } from './pipeline.js';
import { artifactPublic } from './public-data.js';
import { elementKey, lookupArtifact } from './artifact-state.js';
import { neededElements } from './plan.js';
import { fetchElementSources, sourcesCached } from './element-sources.js';

export interface BuildSessionOptions {
  readonly graph: KeyedGraph;
  readonly cache: ArtifactCache;
  readonly logDirectory: string;
  readonly sourceDirectory: string;
  readonly builders: number;
  readonly fetchers: number;
  readonly onError: OnError;
  readonly retryFailed: boolean;
  readonly bwrap?: string;
  /** When given, least recently used artifacts expire after the build to keep the cache under it. */
  readonly quotaBytes?: number;
  readonly onEvent?: (event: BuildEvent) => void;
}

export type BuildAction = 'fetch' | 'build';

export type BuildEvent =
  | { readonly type: 'job-start'; readonly element: string; readonly action: BuildAction; readonly log?: string }
  | {
      readonly type: 'job-end';
      readonly element: string;
      readonly action: BuildAction;
      readonly result: 'success' | 'failure' | 'skipped';
      readonly durationMs: number;
      readonly log?: string;
      readonly key?: string;
      /** For failures: one line, and where in which file the failing command or error came from. */
      readonly message?: string;
      readonly at?: Provenance;
    }
  | { readonly type: 'element-skipped'; readonly element: string; readonly reason: 'dependency-failed' | 'stopped' }
  | { readonly type: 'message'; readonly element?: string; readonly level: 'info' | 'warning'; readonly text: string };

/** Why one element failed, as the build, fetch and track summaries report it. */
export interface JobFailure {
  readonly element: string;
  /** One line. */
  readonly message: string;
  /** The job's log, when the job got as far as opening one. */
  readonly log?: string;
  /** Where in which file the failing command or error came from. */
  readonly at?: Provenance;
}

export interface BuildSummary {
  readonly built: readonly string[];
  readonly cached: readonly string[];
  readonly failed: readonly JobFailure[];
  readonly skipped: readonly string[];
  readonly interrupted: boolean;
}

interface PlanItem {
  readonly element: KeyedElement;
  readonly name: string;
}

export class BuildSession {
  private readonly scheduler: Scheduler<PlanItem>;
  private readonly built: string[] = [];
  private readonly failures = new Map<string, JobFailure>();
  private readonly records = new Map<LoadedElement, ArtifactRecord>();
  private sandbox: Promise<SandboxCapabilities> | undefined;
  private readonly buildDirectory: string;
  /** Work directories being removed in the background; run() waits for them before it returns. */
  private readonly removals: Promise<void>[] = [];

  constructor(private readonly options: BuildSessionOptions) {
    this.buildDirectory = path.join(options.cache.directory, 'build');
    fs.mkdirSync(this.buildDirectory, { recursive: true });
    const fetchQueue: QueueSpec<PlanItem> = {
      name: 'fetch',
      limit: Math.max(1, options.fetchers),
      ordered: false,
      needsJob: (item) => this.needsFetch(item.element),
      run: (item, signal) => this.fetch(item, signal),
    };
    const buildQueue: QueueSpec<PlanItem> = {
      name: 'build',
      limit: Math.max(1, options.builders),
      ordered: true,
      needsJob: (item) => !this.cachedSuccess(item.element),
      run: (item, signal) => this.build(item, signal),
    };
    this.scheduler = new Scheduler<PlanItem>({
      queues: [fetchQueue, buildQueue],
      onError: options.onError,
      onEvent: (event) => {
        if (event.type === 'item-skipped') this.emit({ type: 'element-skipped', element: event.item.name, reason: event.reason });
        else if (event.type === 'job-end' && event.error !== undefined) this.failThrown(event.item.name, event.queue as BuildAction, event.durationMs, event.error);
      },
    });
  }

  /**
   * A job that threw rather than returning 'failed' (its log or work directory could not be
   * made, needsJob threw, its artifact could not be stored) never said why: record and report
   * the error as its failure, or the user would see only "failed".
   */
  private failThrown(name: string, action: BuildAction, durationMs: number, error: unknown): void {
    const { message, at } = describeError(error);
    this.fail({ element: name, message, ...(at ? { at } : {}) }, { action, durationMs });
  }

  /** Records an element's failure for the summary and reports its job's end. */
  private fail(failure: JobFailure, job: { readonly action: BuildAction; readonly durationMs: number; readonly key?: string }): void {
    this.failures.set(failure.element, failure);
    this.emit({ type: 'job-end', ...failure, ...job, result: 'failure' });
  }

  /** Stops running sandboxes and starts nothing new (SIGINT, SIGTERM). */
  terminate(): void {
    this.scheduler.terminate();
  }

  async run(): Promise<BuildSummary> {
    removeStaleWork(this.buildDirectory);
    const plan = this.plan();
    const items = plan.map((element) => ({
      id: String(element.loaded.index),
      value: { element, name: element.loaded.fullName },
      dependsOn: element.loaded.dependencies.map((d) => String(d.element.index)),
    }));
    const cached = plan.filter((e) => this.cachedSuccess(e)).map((e) => e.loaded.fullName);
    const summary = await this.scheduler.run(items);
    await Promise.all(this.removals);
    await this.expire();
    return {
      built: this.built,
      cached,
      failed: summary.failed.map(({ item }) => this.failures.get(item.name) ?? { element: item.name, message: 'failed' }),
      skipped: summary.skipped.map((item) => item.name),
      interrupted: summary.interrupted,
    };
  }

  /** Keeps the cache under its quota once new artifacts were added; a problem here never fails the build. */
  private async expire(): Promise<void> {
    const quotaBytes = this.options.quotaBytes;
    if (quotaBytes === undefined || this.built.length === 0) return;
    try {
      const report = await expireArtifacts(this.options.cache, { quotaBytes });
      if (report.removedArtifacts.length > 0) {
        this.emit({ type: 'message', level: 'info', text: `cache over its quota: expired ${report.removedArtifacts.length} least recently used artifacts (${report.sizeBefore} -> ${report.sizeAfter} bytes)` });
      }
    } catch (error) {
      this.emit({ type: 'message', level: 'warning', text: `could not expire old artifacts: ${(error as Error).message}` });
    }
  }

  /**
   * The elements this build needs, in staging order: the targets and their runtime
   * dependencies, plus the build dependencies of whatever is not cached yet.
   */
  private plan(): KeyedElement[] {
    const plan = neededElements(this.options.graph, (keyed) => this.cachedSuccess(keyed));
    const unkeyed = plan.filter((keyed) => !keyed.keys);
    if (unkeyed.length > 0) {
      throw new CairnError(
        'invalid-data',
        `cannot build: ${unkeyed.map((e) => e.loaded.fullName).join(', ')} ${unkeyed.length === 1 ? 'has' : 'have'} no cache key (a source without a ref)`,
        unkeyed[0]!.loaded.kindAt,
        'run cairn track on it to pin its sources',
      );
    }
    return plan;
  }

  private record(element: KeyedElement): ArtifactRecord | undefined {
    const known = this.records.get(element.loaded);
    if (known) return known;
    const found = lookupArtifact(this.options.cache, element, this.options.graph.strict);
    if (found) this.records.set(element.loaded, found);
    return found;
  }

  private cachedSuccess(element: KeyedElement): boolean {
    return this.record(element)?.result.success === true;
  }

  private needsFetch(element: KeyedElement): boolean {
    return !this.cachedSuccess(element) && !sourcesCached(element, this.options.sourceDirectory);
  }

  private sourceContext(signal: AbortSignal, log: (line: string) => void): SourceContext {
    return { sourceCache: this.options.sourceDirectory, signal, log };
  }

  private async fetch(item: PlanItem, signal: AbortSignal): Promise<JobResult> {
    const { element, name } = item;
    const key = elementKey(element, this.options.graph.strict);
    const log = new JobLog(jobLogPath(this.options.logDirectory, element.loaded.project.name, normalName(element.loaded.name), key, 'fetch', new Date()));
    const started = Date.now();
    this.emit({ type: 'job-start', element: name, action: 'fetch', log: log.file });
    try {
      await fetchElementSources(element, this.sourceContext(signal, (line) => log.line(line)));
      this.emit({ type: 'job-end', element: name, action: 'fetch', result: 'success', durationMs: Date.now() - started, log: log.file, key });
      return 'done';
    } catch (error) {
      const { message, at } = describeFailure(error);
      log.line(`error: ${at ? `${formatProvenance(at)}: ` : ''}${message}`);
      this.fail({ element: name, message, log: log.file, ...(at ? { at } : {}) }, { action: 'fetch', durationMs: Date.now() - started, key });
      return 'failed';
    } finally {
      log.close();
    }
  }

  private async build(item: PlanItem, signal: AbortSignal): Promise<JobResult> {
    const { element, name } = item;
    const strict = this.options.graph.strict;
    const key = elementKey(element, strict);
    const previous = this.record(element);
    if (previous && !previous.result.success && !this.options.retryFailed) {
      const message = `build failure cached: ${previous.result.message} (use --retry-failed to build it again)`;
      this.fail({ element: name, message }, { action: 'build', durationMs: 0, key });
      return 'failed';
    }
    const plugin = element.composed.plugin;
    if (!canAssemble(plugin)) throw new CairnError('unsupported-plugin', `elements of kind '${plugin.kind}' cannot be built`, element.loaded.kindAt);

    const started = new Date();
    const log = new JobLog(jobLogPath(this.options.logDirectory, element.loaded.project.name, normalName(element.loaded.name), key, 'build', started));
    const work = path.join(this.buildDirectory, `${normalName(element.loaded.name)}-${process.pid}-${Math.random().toString(36).slice(2, 10)}`);
    fs.mkdirSync(work);
    this.emit({ type: 'job-start', element: name, action: 'build', log: log.file });
    log.line(`building ${name} (${element.loaded.kind}), key ${key}`);
    let files: TreeHandle | undefined;
    let passed: readonly string[] = [];
    let failure: { message: string; detail?: string; at?: Provenance } | undefined;
    try {
      const build = new ElementBuild({
        element,
        artifactOf: (dep) => this.dependencyRecord(dep),
        environmentOf: (dep) => this.options.graph.keyed(dep).composed.environment,
        store: this.options.cache.store,
        sandbox: () => (this.sandbox ??= probeSandbox(this.options.bwrap ? { bwrap: this.options.bwrap } : {})),
        workDirectory: work,
        sourceContext: this.sourceContext(signal, (line) => log.line(line)),
        log,
        signal,
      });
      const output = await plugin.assemble(element.composed.view, build);
      files = containSymlinks(this.options.cache.store, output.files);
      passed = output.integrationCommands ?? [];
    } catch (error) {
      if (error instanceof BuildAborted || signal.aborted) {
        log.line('interrupted');
        log.close();
        removeTree(work);
        this.fail({ element: name, message: 'interrupted', log: log.file }, { action: 'build', durationMs: Date.now() - started.getTime(), key });
        return 'failed';
      }
      // A sandbox that cannot start is the machine's problem, not the element's: never cache it.
      if (error instanceof CairnError && error.reason === 'sandbox-unavailable') {
        const { message, at } = describeError(error);
        log.line(`error: ${message}`);
        log.close();
        removeTree(work);
        this.fail({ element: name, message, log: log.file, ...(at ? { at } : {}) }, { action: 'build', durationMs: Date.now() - started.getTime(), key });
        return 'failed';
      }
      failure = describeFailure(error);
      log.line(`error: ${failure.at ? `${formatProvenance(failure.at)}: ` : ''}${failure.message}`);
    }
    // Removing a staged sysroot takes a while; the next build need not wait for it.
    this.removals.push(removeTreeAsync(work));
    const durationMs = Date.now() - started.getTime();
    log.line(failure ? `FAILURE after ${durationMs} ms` : `SUCCESS after ${durationMs} ms`);
    log.close();

    const store = this.options.cache.store;
    const record: ArtifactRecord = {
      version: ARTIFACT_RECORD_VERSION,
      project: element.loaded.project.name,
      element: element.loaded.name,
      keys: { strong: key, weak: element.keys!.weak, strict: element.keys!.strict },
      // Direct build dependencies, as BuildStream's artifacts record them: their keys name the rest.
      dependencies: [...new Set(element.loaded.dependencies.filter((d) => d.type !== 'runtime' && d.element.kind !== 'link').map((d) => d.element))].map((dep) => ({
        project: dep.project.name,
        element: dep.name,
        key: elementKey(this.options.graph.keyed(dep), strict),
      })),
      result: failure ? { success: false, message: failure.message, ...(failure.detail ? { detail: failure.detail } : {}) } : { success: true },
      ...(files ? { files } : {}),
      log: store.putFile(log.file, { move: false, executable: false }),
      public: artifactPublic(element.composed, passed),
      timing: { started: started.toISOString(), durationMs },
      size: files ? treeSize(store, files.hash) : 0,
    };
    this.options.cache.put(record);
    this.records.set(element.loaded, record);
    if (failure) {
      this.fail({ element: name, message: failure.message, log: log.file, ...(failure.at ? { at: failure.at } : {}) }, { action: 'build', durationMs, key });
      return 'failed';
    }
    this.built.push(name);
    this.emit({ type: 'job-end', element: name, action: 'build', result: 'success', durationMs, log: log.file, key });
    return 'done';
  }

  private dependencyRecord(element: LoadedElement): ArtifactRecord {
    const record = this.record(this.options.graph.keyed(element));
    if (!record || !record.result.success) throw new CairnError('artifact-missing', `the artifact of ${element.fullName} is not in the cache`);
    return record;
  }

  private emit(event: BuildEvent): void {
    this.options.onEvent?.(event);
  }
}

/** A failed build as its artifact records it: the failing command beside the message, when a command failed. */
function describeFailure(error: unknown): { message: string; detail?: string; at?: Provenance } {
  if (error instanceof CommandFailed) {
    return { message: error.message, detail: error.command.command, ...(error.command.at ? { at: error.command.at } : {}) };
  }
  return describeError(error);
}

/**
 * An error as a failure's one line and the place in a user's file it came from. The provenance
 * travels beside the message, so that a renderer prints it once.
 */
export function describeError(error: unknown): { message: string; at?: Provenance } {
  if (error instanceof CairnError) return { message: `${error.message}${error.hint ? ` (${error.hint})` : ''}`, ...(error.provenance ? { at: error.provenance } : {}) };
  return { message: messageOf(error) };
}

function treeSize(store: ArtifactCache['store'], hash: string): number {
  let total = 0;
  for (const child of store.readDirectory(hash)) {
    if (child.kind === 'file') total += child.digest.sizeBytes;
    else if (child.kind === 'directory') total += treeSize(store, child.digest.hash);
  }
  return total;
}

/** Work directories of Cairn processes that no longer run are leftovers of a crash: remove them. */
function removeStaleWork(buildDirectory: string): void {
  for (const name of fs.readdirSync(buildDirectory)) {
    const match = /-(\d+)-[a-z0-9]+$/.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isAlive(pid)) continue;
    removeTree(path.join(buildDirectory, name));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function defaultBuilders(): number {
  return Math.max(1, os.availableParallelism());
}
