// Which artifacts a build of the targets needs, given which are at hand: the build session's plan
// (engine/plan.ts), done before the build so the action knows what to restore and what the run
// used, as artifact refs. Pure over the keyed graph and the predicate it is given.

import type { ArtifactCache } from '../cache/artifact-cache.js';
import { elementKey, lookupArtifact } from '../engine/artifact-state.js';
import type { KeyedElement, KeyedGraph } from '../engine/pipeline.js';
import { neededElements } from '../engine/plan.js';

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
  return neededElements(graph, available)
    .filter((keyed) => keyed.keys !== undefined)
    .map((keyed) => ({ keyed, ref: { project: keyed.loaded.project.name, element: keyed.loaded.name, key: elementKey(keyed, graph.strict) } }));
}

/** Whether the local cache holds a successful artifact for the element (without marking it used). */
export function cachedLocally(cache: ArtifactCache, graph: KeyedGraph): (keyed: KeyedElement) => boolean {
  return (keyed) => lookupArtifact(cache, keyed, graph.strict, false)?.result.success === true;
}
