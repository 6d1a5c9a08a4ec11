// Where a fetched junction's subproject lives: its sources, once pinned and in the user's source
// cache, are staged into `<project>/.bst/staged-junctions/<junction>/<sources key>/` and the
// subproject loads from there. Staging writes to a temporary name and renames, so a directory
// that exists is complete and is reused as it is; this module never fetches.

import fs from 'node:fs';
import path from 'node:path';
import { hashKey, type JsonValue } from '../cache/canonical-json.js';
import { removeTree } from '../cache/remove-tree.js';
import type { ComposedSource } from './source-api.js';
import { idleContext, sourceMissing, stageSources } from './source-staging.js';
import type { SourceContext } from './source-api.js';

/** The staging area, under the top-level project, as BuildStream 1 keeps it. */
export const STAGED_JUNCTIONS = path.join('.bst', 'staged-junctions');

/** Everything needed to stage one junction's sources, found while loading. */
export interface JunctionStaging {
  /** The junction's full name (`sub.bst:deeper.bst`), for logs and errors. */
  readonly junction: string;
  readonly sources: readonly ComposedSource[];
  /** The source cache that holds them. */
  readonly sourceCache: string;
  /** The final directory: `.bst/staged-junctions/<junction>/<sources key>`. */
  readonly directory: string;
}

/** What the loader can do with a junction whose sources are not local. */
export type JunctionLocation =
  | { readonly state: 'staged'; readonly directory: string }
  | { readonly state: 'no-ref'; readonly unpinned: ComposedSource }
  | { readonly state: 'fetch-needed' }
  | { readonly state: 'stage-needed'; readonly staging: JunctionStaging };

/**
 * The key of a junction's staged directory: its sources' kinds, unique keys and directories, in
 * order. It changes exactly when what would be staged changes (a new ref, another URL).
 */
export function junctionSourcesKey(sources: readonly ComposedSource[]): string {
  return hashKey(
    sources.map((source): JsonValue => {
      const entry: Record<string, JsonValue> = { kind: source.kind, key: source.plugin.uniqueKey(source.view) };
      if (source.view.directory) entry['directory'] = source.view.directory;
      return entry;
    }),
  );
}

/** `sub.bst:base/deeper.bst` → `sub:base-deeper`: one path component per junction path. */
export function junctionDirectoryName(fullName: string): string {
  return fullName
    .split(':')
    .map((part) => part.replace(/\.bst$/, '').replace(/\//g, '-'))
    .join(':');
}

/**
 * Where the junction's staged sources are, or why they are not there. A staged directory is used
 * even when the source cache has since lost the sources: it is complete by construction.
 */
export function locateJunction(
  junction: string,
  sources: readonly ComposedSource[],
  where: { readonly stagingRoot: string; readonly sourceDirectory: string | undefined },
): JunctionLocation {
  const unpinned = sources.find((source) => !source.plugin.isResolved(source.view));
  if (unpinned) return { state: 'no-ref', unpinned };
  const directory = path.join(where.stagingRoot, STAGED_JUNCTIONS, junctionDirectoryName(junction), junctionSourcesKey(sources));
  if (fs.existsSync(directory)) return { state: 'staged', directory };
  if (where.sourceDirectory === undefined) return { state: 'fetch-needed' };
  const context = idleContext(where.sourceDirectory);
  if (sources.some((source) => sourceMissing(source, context))) return { state: 'fetch-needed' };
  return { state: 'stage-needed', staging: { junction, sources, sourceCache: where.sourceDirectory, directory } };
}

/**
 * Stages the junction's sources into a temporary directory beside the final one and renames it
 * into place. When another process got there first, its directory is kept and ours dropped.
 */
export async function stageJunction(staging: JunctionStaging, context: SourceContext = idleContext(staging.sourceCache)): Promise<void> {
  const parent = path.dirname(staging.directory);
  fs.mkdirSync(parent, { recursive: true });
  const temporary = fs.mkdtempSync(path.join(parent, `.${path.basename(staging.directory).slice(0, 16)}-`));
  try {
    context.log(`staging the subproject of ${staging.junction}`);
    await stageSources(staging.sources, temporary, context, staging.junction);
    try {
      fs.renameSync(temporary, staging.directory);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || !fs.existsSync(staging.directory)) throw error;
    }
  } finally {
    if (fs.existsSync(temporary)) removeTree(temporary);
  }
}
