// Sources as the engine hands them to their kinds: loaded from a small project on disk (so
// aliases, variables and provenance are real), with a context lending a source cache.

import type { ComposedSource } from '../../src/project/element.js';
import type { SourceContext } from '../../src/project/source-api.js';
import { loadOne } from '../helpers/fixture-project.js';
import { temporaryDirectory } from './archives.js';

/** The `index`-th source of `element` in the project at `directory`. */
export async function sourceOf(directory: string, element = 'element.bst', index = 0): Promise<ComposedSource> {
  const loaded = await loadOne(directory, element);
  const source = loaded.composed.sources[index];
  if (!source) throw new Error(`${element} has no source ${index}`);
  return source;
}

export interface TestContext extends SourceContext {
  readonly lines: string[];
}

/** A context with a fresh source cache (or the one given) and a log kept in `lines`. */
export function contextFor(sourceCache = temporaryDirectory('cairn-source-cache-'), signal = new AbortController().signal): TestContext {
  const lines: string[] = [];
  return { sourceCache, signal, lines, log: (line) => void lines.push(line) };
}

/** Fetches the source if its kind needs it, then stages it into a fresh directory; returns that. */
export async function fetchAndStage(source: ComposedSource, context: SourceContext, directory = temporaryDirectory('cairn-stage-')): Promise<string> {
  if (source.plugin.fetch && !source.plugin.isCached?.(source.view, context)) await source.plugin.fetch(source.view, context);
  await source.plugin.stage!(source.view, directory, context);
  return directory;
}
