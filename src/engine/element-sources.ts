// An element's sources as a whole: whether they are all in the source cache, fetching the
// missing ones, and staging them in declaration order. The build, fetch, source checkout and
// shell all go through these, so the rules are the same everywhere.

import fs from 'node:fs';
import path from 'node:path';
import { CairnError } from '../format/errors.js';
import type { SourceContext } from '../project/source-api.js';
import type { KeyedElement } from './pipeline.js';

type ComposedSource = KeyedElement['composed']['sources'][number];

export function sourceMissing(source: ComposedSource, context: SourceContext): boolean {
  const { plugin, view } = source;
  if (!plugin.needsFetch) return false;
  return plugin.isCached ? !plugin.isCached(view, context) : true;
}

export function idleContext(sourceCache: string): SourceContext {
  return { sourceCache, signal: new AbortController().signal, log: () => undefined };
}

/** Whether every source of the element is available without fetching (what `show` calls not "fetch needed"). */
export function sourcesCached(element: KeyedElement, sourceCache: string): boolean {
  const context = idleContext(sourceCache);
  return !element.composed.sources.some((source) => sourceMissing(source, context));
}

/** Fetches, in declaration order, each source of the element that is not in the cache yet. */
export async function fetchElementSources(element: KeyedElement, context: SourceContext): Promise<void> {
  for (const source of element.composed.sources) {
    if (!sourceMissing(source, context)) continue;
    const { plugin, view } = source;
    if (!plugin.fetch) throw new CairnError('unsupported-plugin', `Cairn cannot fetch ${view.kind} sources yet`, view.at);
    context.log(`fetching ${view.kind} source${view.directory ? ` for ${view.directory}` : ''}`);
    await plugin.fetch(view, context);
  }
}

/** Stages each source in declaration order into `directory` (or its `directory:` below it), as a build does. */
export async function stageElementSources(element: KeyedElement, directory: string, context: SourceContext): Promise<void> {
  for (const { plugin, view } of element.composed.sources) {
    const target = view.directory ? path.join(directory, view.directory) : directory;
    const relative = path.relative(directory, path.resolve(target));
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new CairnError('invalid-data', `source directory '${view.directory}' leaves the element's source directory`, view.at);
    }
    fs.mkdirSync(target, { recursive: true });
    if (plugin.needsFetch && (!plugin.isCached || !plugin.isCached(view, context))) {
      throw new CairnError('source-not-cached', `the ${view.kind} source of ${element.loaded.fullName} is not fetched`, view.at, 'run cairn fetch first');
    }
    if (!plugin.stage) throw new CairnError('unsupported-plugin', `Cairn cannot stage ${view.kind} sources yet`, view.at);
    context.log(`staging ${view.kind} source of ${element.loaded.fullName}`);
    await plugin.stage(view, target, context);
  }
}

