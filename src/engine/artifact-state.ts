// Which artifact an element's keys name, and whether the cache holds it: strict mode looks up
// the strong key; non-strict mode accepts any artifact under the weak key, as BuildStream does.

import type { ArtifactCache, ArtifactRecord } from '../cache/artifact-cache.js';
import type { KeyedElement } from './pipeline.js';

/** The key an element's artifact is stored under when Cairn builds it now. */
export function elementKey(element: KeyedElement, strict: boolean): string {
  const keys = element.keys;
  if (!keys) throw new Error(`${element.loaded.fullName} has no cache key`);
  return strict ? (keys.strong ?? keys.strict) : keys.strict;
}

export function lookupArtifact(cache: ArtifactCache, element: KeyedElement, strict: boolean, touch = true): ArtifactRecord | undefined {
  const keys = element.keys;
  if (!keys) return undefined;
  const ref = { project: element.loaded.project.name, element: element.loaded.name };
  if (strict) return cache.lookup({ ...ref, key: keys.strong ?? keys.strict }, touch);
  return cache.lookup({ ...ref, key: keys.strict }, touch) ?? cache.lookup({ ...ref, key: keys.weak }, touch);
}
