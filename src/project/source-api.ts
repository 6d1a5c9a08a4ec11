// The contract between Cairn's engine and a source kind, as far as loading and keys need it:
// validate the configuration, say whether a ref pins the source, and give its unique key.
// Fetching, tracking and staging join this contract with the sources work.

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
  readonly at: Provenance;
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
}
