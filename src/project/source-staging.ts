// Staging a list of composed sources into one directory, in declaration order, each under its
// `directory:`. Builds, checkouts and shells (through the engine) and the loader (for fetched
// junctions) all stage through this, so the rules are the same everywhere. It never fetches.

import fs from 'node:fs';
import path from 'node:path';
import { CairnError } from '../format/errors.js';
import type { ComposedSource } from './source-api.js';
import type { SourceContext } from './source-api.js';

/** Whether a source must be fetched before it can be staged: it needs fetching and is not in the cache. */
export function sourceMissing(source: ComposedSource, context: SourceContext): boolean {
  const { plugin, view } = source;
  if (!plugin.needsFetch) return false;
  return plugin.isCached ? !plugin.isCached(view, context) : true;
}

/** A context for asking the source cache questions outside any job: nothing to abort, nothing to log. */
export function idleContext(sourceCache: string): SourceContext {
  return { sourceCache, signal: new AbortController().signal, log: () => undefined };
}

/**
 * Stages each source in declaration order into `directory` (or its `directory:` below it).
 * `owner` names the element in errors and log lines.
 */
export async function stageSources(sources: readonly ComposedSource[], directory: string, context: SourceContext, owner: string): Promise<void> {
  for (const source of sources) {
    const { plugin, view } = source;
    const target = view.directory ? path.join(directory, view.directory) : directory;
    const relative = path.relative(directory, path.resolve(target));
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new CairnError('invalid-data', `source directory '${view.directory}' leaves the element's source directory`, view.at);
    }
    fs.mkdirSync(target, { recursive: true });
    if (sourceMissing(source, context)) {
      throw new CairnError('source-not-cached', `the ${view.kind} source of ${owner} is not fetched`, view.at, 'run cairn fetch first');
    }
    if (!plugin.stage) throw new CairnError('unsupported-plugin', `Cairn cannot stage ${view.kind} sources yet`, view.at);
    context.log(`staging ${view.kind} source of ${owner}`);
    await plugin.stage(view, target, context);
  }
}
