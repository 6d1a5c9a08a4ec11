// The contract between Cairn's engine and a source kind: validate the configuration, say whether
// a ref pins the source, give its unique key, fetch what it needs into the shared source cache,
// and stage its files into a directory. A kind never decides when it runs: the scheduler does.

import type { JsonValue } from '../cache/canonical-json.js';
import type { Provenance } from '../format/errors.js';
import type { MappingNode } from '../format/node.js';

export interface SourceView {
  readonly kind: string;
  /** The source's keys (kind and directory removed), composed over project.conf `sources:` and expanded. */
  readonly config: MappingNode;
  readonly directory: string | undefined;
  /** Absolute path of the project that declares the source. */
  readonly projectDirectory: string;
  /** The declaring project's `aliases:` (alias name → URL prefix), for `alias:path` URLs. */
  readonly aliases: ReadonlyMap<string, string>;
  /** The project's `mirrors:`, tried in order before an alias's own URL when fetching. */
  readonly mirrors: readonly SourceMirror[];
  readonly at: Provenance;
}

export interface SourceMirror {
  readonly name: string;
  /** Alias name → URL prefixes that replace the alias's own prefix. */
  readonly aliases: ReadonlyMap<string, readonly string[]>;
}

/** What `track` found: the keys to write into the source (`ref`, and e.g. git's `tags`). */
export type TrackResult = Readonly<Record<string, JsonValue>>;

/** What the engine lends a source kind while it fetches or stages. */
export interface SourceContext {
  /** The shared source cache directory (downloads live under it, content-addressed). */
  readonly sourceCache: string;
  /** Aborted when the user interrupts or `--on-error terminate` stops the session. */
  readonly signal: AbortSignal;
  /** One line for the job's log file. */
  log(line: string): void;
}

export interface SourcePlugin {
  readonly kind: string;
  /** Keys a source of this kind may hold besides kind, directory and provenance. */
  readonly configKeys: readonly string[];
  /** Whether sources of this kind come from outside the project and must be fetched before staging. */
  readonly needsFetch: boolean;
  validate(source: SourceView): void;
  /** Whether the source is pinned (has a ref); an unpinned source leaves its element without a key. */
  isResolved(source: SourceView): boolean;
  uniqueKey(source: SourceView): JsonValue;
  /** Whether the pinned content is already in the source cache (kinds that need no fetch: always). */
  isCached?(source: SourceView, context: SourceContext): boolean;
  /** Brings the pinned content into the source cache; never leaves a partial entry behind. */
  fetch?(source: SourceView, context: SourceContext): Promise<void>;
  /** Finds the newest ref of what the source tracks (a branch, a tag, a package set); undefined when there is nothing to track. */
  track?(source: SourceView, context: SourceContext): Promise<TrackResult | undefined>;
  /**
   * Writes the source's files into `directory`, which exists and holds what the element's
   * earlier sources staged. Nothing may be written outside it.
   */
  stage?(source: SourceView, directory: string, context: SourceContext): Promise<void>;
}

/** A source as an element composed it: its kind's plugin and its configured view. */
export interface ComposedSource {
  readonly kind: string;
  readonly plugin: SourcePlugin;
  readonly view: SourceView;
}
