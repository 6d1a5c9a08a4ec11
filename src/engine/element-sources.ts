// An element's sources as a whole: whether they are all in the source cache, fetching the
// missing ones, and staging them in declaration order. The build, fetch, source checkout and
// shell all go through these, so the rules are the same everywhere.

import { CairnError } from '../format/errors.js';
import { idleContext, sourceMissing, stageSources } from '../project/source-staging.js';
import type { SourceContext } from '../project/source-api.js';
import type { KeyedElement } from './pipeline.js';

// The per-source rules live with the loader, which stages fetched junctions with them too.
export { idleContext };

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
  await stageSources(element.composed.sources, directory, context, element.loaded.fullName);
}
