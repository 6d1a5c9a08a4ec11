// Which elements a build of the targets needs: the one walk behind `cairn build`'s plan,
// `cairn fetch --deps plan` and what the action restores and keeps in the Actions cache.

import type { LoadedElement } from '../project/loaded-element.js';
import type { KeyedElement, KeyedGraph } from './pipeline.js';

/**
 * The targets and their runtime dependencies, plus the build dependencies of every element that
 * must be built (one without a key, or one `available` says is not at hand), in staging order.
 * Junctions and links produce no artifact and are passed over, unless `withJunctions` (a fetch
 * gets a junction's own sources too).
 */
export function neededElements(graph: KeyedGraph, available: (element: KeyedElement) => boolean, withJunctions = false): KeyedElement[] {
  const all = graph.scope('all');
  const skipped = (element: LoadedElement): boolean => !withJunctions && (element.kind === 'junction' || element.kind === 'link');
  const needed = new Set<LoadedElement>(graph.targets);
  for (let i = all.length - 1; i >= 0; i--) {
    const element = all[i]!;
    if (!needed.has(element) || skipped(element)) continue;
    const keyed = graph.keyed(element);
    const mustBuild = !keyed.keys || !available(keyed);
    for (const dep of element.dependencies) if (dep.type !== 'build' || mustBuild) needed.add(dep.element);
  }
  return all.filter((element) => needed.has(element) && !skipped(element)).map((element) => graph.keyed(element));
}
