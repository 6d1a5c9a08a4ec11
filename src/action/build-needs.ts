// Which artifacts a build of the targets needs, given which are at hand: the targets and their
// runtime dependencies, plus the build dependencies of whatever must be built. The same walk as
// the build session's plan, done before the build so the action knows what to restore and, after
// it, what the run used. Pure over the keyed graph and the predicate it is given.

import type { ArtifactCache } from '../cache/artifact-cache.js';
import { elementKey, lookupArtifact } from '../engine/artifact-state.js';
import type { KeyedElement, KeyedGraph } from '../engine/pipeline.js';
import type { LoadedElement } from '../project/loader.js';

export interface NeededArtifact {
  readonly keyed: KeyedElement;
  /** As the artifact cache and the packs name it. */
  readonly ref: { readonly project: string; readonly element: string; readonly key: string };
}

/**
 * The elements a build needs when `available` tells which artifacts need no build, in staging
 * order. Elements without a key (unpinned sources) are left out: the build reports them.
 */
export function neededArtifacts(graph: KeyedGraph, available: (keyed: KeyedElement) => boolean): NeededArtifact[] {
  const all = graph.scope('all');
  const needed = new Set<LoadedElement>(graph.targets);
  for (let i = all.length - 1; i >= 0; i--) {
    const element = all[i]!;
    if (!needed.has(element)) continue;
    if (element.kind === 'junction' || element.kind === 'link') continue;
    const keyed = graph.keyed(element);
    const mustBuild = !keyed.keys || !available(keyed);
    for (const dep of element.dependencies) if (dep.type !== 'build' || mustBuild) needed.add(dep.element);
  }
  return all
    .filter((e) => needed.has(e) && e.kind !== 'junction' && e.kind !== 'link')
    .map((e) => graph.keyed(e))
    .filter((keyed) => keyed.keys !== undefined)
    .map((keyed) => ({ keyed, ref: { project: keyed.loaded.project.name, element: keyed.loaded.name, key: elementKey(keyed, graph.strict) } }));
}

/** Whether the local cache holds a successful artifact for the element (without marking it used). */
export function cachedLocally(cache: ArtifactCache, graph: KeyedGraph): (keyed: KeyedElement) => boolean {
  return (keyed) => lookupArtifact(cache, keyed, graph.strict, false)?.result.success === true;
}
