// What one run of the action did, as plain data: every element's result, the time per phase,
// the cache traffic and a load error if there was one. It is assembled from engine events and
// from what the action entry tells it; it never prints, reads files or talks to GitHub.

import type { BuildEvent } from '../../engine/build-session.js';
import type { CairnError, Provenance } from '../../format/errors.js';

export type ElementResult = 'built' | 'cached' | 'pulled' | 'failed' | 'skipped';

export interface ElementFailure {
  readonly message: string;
  /** Where the failing command or error was written. */
  readonly at?: Provenance;
  /** The element's own .bst file, project-relative. */
  readonly elementFile?: string;
  /** Where the element's `kind:` is written: the line a failure points at when `at` lies elsewhere. */
  readonly kindAt?: Provenance;
}

export interface ElementReport {
  /** The full name, with junction prefixes (`base.bst:gcc.bst`). */
  readonly element: string;
  readonly result: ElementResult;
  /** Time spent in this element's jobs (fetch and build). */
  readonly durationMs?: number;
  readonly sizeBytes?: number;
  /** Host path of the element's last job log. */
  readonly log?: string;
  readonly failure?: ElementFailure;
}

export interface CacheTraffic {
  readonly restoredEntries: number;
  readonly restoredBytes: number;
  readonly savedEntries: number;
  readonly savedBytes: number;
  readonly warnings: readonly string[];
}

export interface RunReport {
  readonly project: string;
  /** Relative to the repository root (GITHUB_WORKSPACE), with `/` separators; '' when it is the root. */
  readonly projectDirectory: string;
  readonly elements: readonly ElementReport[];
  readonly phases: ReadonlyArray<{ readonly name: string; readonly durationMs: number }>;
  readonly cache?: CacheTraffic;
  readonly loadError?: { readonly message: string; readonly at?: Provenance };
}

/** Where an element's `kind:` is written (LoadedElement.kindAt), by full element name. */
export type ElementLocator = (element: string) => Provenance | undefined;

interface Entry {
  result?: ElementResult;
  durationMs?: number;
  sizeBytes?: number;
  log?: string;
  failure?: { message: string; at?: Provenance };
}

// When several things are said about one element, the most telling wins: a failure outranks a
// build, a build outranks a pull (an element pulled and then rebuilt was built), and so on.
const RANK: Readonly<Record<ElementResult, number>> = { skipped: 0, cached: 1, pulled: 2, built: 3, failed: 4 };

/**
 * Builds a RunReport incrementally from the engine's BuildEvents (subscribe `event` as
 * onEvent), plus what the entry knows besides: which elements were cached or pulled, phase
 * timings, cache traffic, a load error.
 */
export class RunReportBuilder {
  private readonly entries = new Map<string, Entry>();
  private readonly phases: Array<{ name: string; durationMs: number }> = [];
  private traffic: CacheTraffic | undefined;
  private failedLoad: { message: string; at?: Provenance } | undefined;

  /**
   * `locate` gives an element's `kind:` provenance (from the loaded graph); without it a
   * failure can only point into the element file when the failing command was written there.
   */
  constructor(
    private readonly project: string,
    private readonly projectDirectory: string,
    private readonly locate?: ElementLocator,
  ) {}

  event(e: BuildEvent): void {
    switch (e.type) {
      case 'job-start':
        return;
      case 'job-end': {
        const entry = this.entry(e.element);
        entry.durationMs = (entry.durationMs ?? 0) + e.durationMs;
        if (e.log !== undefined) entry.log = e.log;
        if (e.result === 'failure') {
          this.settle(entry, 'failed');
          entry.failure = { message: e.message ?? `${e.action} failed`, ...(e.at ? { at: e.at } : {}) };
        } else if (e.result === 'success') {
          // A successful fetch says nothing about the element's result yet; its build will.
          if (e.action === 'build') this.settle(entry, 'built');
        } else {
          this.settle(entry, 'skipped');
        }
        return;
      }
      case 'element-skipped':
        this.settle(this.entry(e.element), 'skipped');
        return;
      case 'message':
        return;
    }
  }

  /** The element's artifact was already in the local cache. */
  cached(element: string, sizeBytes?: number): void {
    const entry = this.entry(element);
    this.settle(entry, 'cached');
    if (sizeBytes !== undefined) entry.sizeBytes = sizeBytes;
  }

  /** The element's artifact came from a remote tier (the Actions cache, a remote cache). */
  pulled(element: string): void {
    this.settle(this.entry(element), 'pulled');
  }

  /** The size of an element's artifact, whatever its result (built ones: read from the cache after the build). */
  size(element: string, sizeBytes: number): void {
    this.entry(element).sizeBytes = sizeBytes;
  }

  /** Time spent in one phase of the run; a phase reported twice adds up. */
  phase(name: string, durationMs: number): void {
    const known = this.phases.find((p) => p.name === name);
    if (known) known.durationMs += durationMs;
    else this.phases.push({ name, durationMs });
  }

  /** Pack traffic; each call adds to the totals, so restore and save may report separately. */
  cacheTraffic(t: CacheTraffic): void {
    const before = this.traffic;
    this.traffic = before
      ? {
          restoredEntries: before.restoredEntries + t.restoredEntries,
          restoredBytes: before.restoredBytes + t.restoredBytes,
          savedEntries: before.savedEntries + t.savedEntries,
          savedBytes: before.savedBytes + t.savedBytes,
          warnings: [...before.warnings, ...t.warnings],
        }
      : { ...t, warnings: [...t.warnings] };
  }

  loadError(e: CairnError): void {
    this.failedLoad = { message: e.hint ? `${e.message} (${e.hint})` : e.message, ...(e.provenance ? { at: e.provenance } : {}) };
  }

  finish(): RunReport {
    const elements: ElementReport[] = [];
    for (const [element, entry] of this.entries) {
      if (entry.result === undefined) continue; // only fetched so far: the run ended before its build
      elements.push({
        element,
        result: entry.result,
        ...(entry.durationMs !== undefined ? { durationMs: entry.durationMs } : {}),
        ...(entry.sizeBytes !== undefined ? { sizeBytes: entry.sizeBytes } : {}),
        ...(entry.log !== undefined ? { log: entry.log } : {}),
        ...(entry.result === 'failed' ? { failure: this.failure(element, entry.failure) } : {}),
      });
    }
    return {
      project: this.project,
      projectDirectory: this.projectDirectory.replace(/\\/g, '/').replace(/^\.\/?$|^\.\//, '').replace(/\/+$/, ''),
      elements,
      phases: this.phases.map((p) => ({ ...p })),
      ...(this.traffic ? { cache: this.traffic } : {}),
      ...(this.failedLoad ? { loadError: this.failedLoad } : {}),
    };
  }

  private failure(element: string, known: Entry['failure']): ElementFailure {
    const message = known?.message ?? 'failed';
    const at = known?.at;
    const kindAt = this.locate?.(element);
    const elementFile = kindAt?.file ?? (at && isElementFile(at.file, element) ? at.file : undefined);
    return { message, ...(at ? { at } : {}), ...(elementFile !== undefined ? { elementFile } : {}), ...(kindAt ? { kindAt } : {}) };
  }

  private entry(element: string): Entry {
    let entry = this.entries.get(element);
    if (!entry) this.entries.set(element, (entry = {}));
    return entry;
  }

  private settle(entry: Entry, result: ElementResult): void {
    if (entry.result === undefined || RANK[result] >= RANK[entry.result]) entry.result = result;
  }
}

/**
 * Without a locator, a provenance is taken to be the element's own file when its path ends
 * with the element's name (`elements/base/alpine.bst` for `base/alpine.bst`).
 */
function isElementFile(file: string, element: string): boolean {
  if (element.includes(':')) return false;
  return file === element || file.endsWith(`/${element}`);
}

export function totals(report: RunReport): { built: number; cached: number; pulled: number; failed: number; skipped: number; cacheHitRatio: number } {
  const count = { built: 0, cached: 0, pulled: 0, failed: 0, skipped: 0 };
  for (const e of report.elements) count[e.result]++;
  const all = report.elements.length;
  // Every element of the plan counts: a skipped one was not in any cache either.
  return { ...count, cacheHitRatio: all === 0 ? 0 : (count.cached + count.pulled) / all };
}
