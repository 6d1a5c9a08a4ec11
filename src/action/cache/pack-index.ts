// The index: a small JSON document listing which pack entry holds which artifacts, so a job
// knows what to download without any listing API. Indexes from several branches are unioned;
// an index read from the cache is validated field by field and anything malformed is dropped.

import { createHash } from 'node:crypto';
import { normalName } from '../../cache/artifact-cache.js';

export const INDEX_FORMAT = 'cairn-actions-cache-index';
export const INDEX_VERSION = 1;

export interface IndexedArtifact {
  readonly project: string;
  /** The element's name as its record gives it (`app/hello.bst`). */
  readonly element: string;
  /** The ref keys the pack holds the artifact under: its strong key, then its weak key when that ref named it. */
  readonly keys: readonly string[];
  /** Bytes of the objects and record the artifact needs. */
  readonly bytes: number;
}

export interface PackEntry {
  /** The pack's cache key, `${scope}-pack-${content hash}`. */
  readonly key: string;
  /** `base` packs come from compaction on the default branch, `delta` packs from ordinary saves. */
  readonly kind: 'base' | 'delta';
  /** When the pack was first saved (ISO 8601), so the newest copy of an artifact can be preferred. */
  readonly created: string;
  /** Bytes of everything in the pack (objects and records, uncompressed). */
  readonly bytes: number;
  readonly artifacts: readonly IndexedArtifact[];
}

export interface PackIndex {
  readonly format: typeof INDEX_FORMAT;
  readonly version: typeof INDEX_VERSION;
  readonly packs: readonly PackEntry[];
}

export const EMPTY_INDEX: PackIndex = { format: INDEX_FORMAT, version: INDEX_VERSION, packs: [] };

/** The lookup name of one ref: the layout of refs on disk. */
export function refName(project: string, element: string, key: string): string {
  return `${project}/${normalName(element)}/${key}`;
}

export function makeIndex(packs: readonly PackEntry[]): PackIndex {
  return { format: INDEX_FORMAT, version: INDEX_VERSION, packs: sortPacks(packs) };
}

/** Every pack of every index once (packs are content-addressed: same key, same content), oldest first. */
export function unionIndexes(indexes: readonly PackIndex[]): PackIndex {
  const byKey = new Map<string, PackEntry>();
  for (const index of indexes) {
    for (const pack of index.packs) {
      const known = byKey.get(pack.key);
      if (!known || pack.created < known.created) byKey.set(pack.key, pack);
    }
  }
  return makeIndex([...byKey.values()]);
}

export function indexBytes(index: PackIndex): number {
  return index.packs.reduce((sum, pack) => sum + pack.bytes, 0);
}

/** The index's canonical text: what is saved and what its content hash is taken over. */
export function serializeIndex(index: PackIndex): string {
  return `${JSON.stringify(makeIndex(index.packs), null, 1)}\n`;
}

export function indexHash(index: PackIndex): string {
  return createHash('sha256').update(serializeIndex(index)).digest('hex');
}

/** Reads an index document; malformed packs are dropped, a wrong format or version gives undefined. */
export function parseIndex(text: string, isPackKey: (key: string) => boolean): PackIndex | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(value) || value['format'] !== INDEX_FORMAT || value['version'] !== INDEX_VERSION || !Array.isArray(value['packs'])) return undefined;
  const packs: PackEntry[] = [];
  for (const pack of value['packs']) {
    const parsed = parsePack(pack, isPackKey);
    if (parsed) packs.push(parsed);
  }
  return makeIndex(packs);
}

function parsePack(value: unknown, isPackKey: (key: string) => boolean): PackEntry | undefined {
  if (!isObject(value)) return undefined;
  const { key, kind, created, bytes, artifacts } = value;
  if (typeof key !== 'string' || !isPackKey(key)) return undefined;
  if (kind !== 'base' && kind !== 'delta') return undefined;
  if (typeof created !== 'string' || !isSize(bytes) || !Array.isArray(artifacts)) return undefined;
  const parsed: IndexedArtifact[] = [];
  for (const artifact of artifacts) {
    if (!isObject(artifact)) return undefined;
    const { project, element, keys, bytes: size } = artifact;
    if (typeof project !== 'string' || typeof element !== 'string' || !isSize(size)) return undefined;
    if (!Array.isArray(keys) || keys.length === 0 || !keys.every((k): k is string => typeof k === 'string' && k.length > 0)) return undefined;
    parsed.push({ project, element, keys, bytes: size });
  }
  return { key, kind, created, bytes, artifacts: parsed };
}

/**
 * The fewest packs (greedily) that hold every wanted ref the index knows: each round takes the
 * pack covering most of what is still uncovered, the newer then the smaller on a tie (a weak
 * key may name different builds in different packs; the newest is the one to use).
 */
export function choosePacks(index: PackIndex, wanted: ReadonlySet<string>): PackEntry[] {
  const holds = new Map<PackEntry, Set<string>>();
  for (const pack of index.packs) {
    const names = new Set<string>();
    for (const artifact of pack.artifacts) {
      for (const key of artifact.keys) {
        const name = refName(artifact.project, artifact.element, key);
        if (wanted.has(name)) names.add(name);
      }
    }
    if (names.size > 0) holds.set(pack, names);
  }
  // What no pack holds is simply not restored: the build makes it.
  const uncovered = new Set([...holds.values()].flatMap((names) => [...names]));
  const chosen: PackEntry[] = [];
  while (uncovered.size > 0) {
    let best: { pack: PackEntry; count: number } | undefined;
    for (const [pack, names] of holds) {
      let count = 0;
      for (const name of names) if (uncovered.has(name)) count++;
      if (count === 0) continue;
      if (
        !best ||
        count > best.count ||
        (count === best.count && (pack.created > best.pack.created || (pack.created === best.pack.created && pack.bytes < best.pack.bytes)))
      ) {
        best = { pack, count };
      }
    }
    if (!best) break;
    chosen.push(best.pack);
    for (const name of holds.get(best.pack) ?? []) uncovered.delete(name);
    holds.delete(best.pack);
  }
  return chosen;
}

/** Strong keys (as ref names) of every artifact the index lists. */
export function knownArtifacts(index: PackIndex): Set<string> {
  const names = new Set<string>();
  for (const pack of index.packs) {
    for (const artifact of pack.artifacts) {
      const strong = artifact.keys[0];
      if (strong) names.add(refName(artifact.project, artifact.element, strong));
    }
  }
  return names;
}

function sortPacks(packs: readonly PackEntry[]): PackEntry[] {
  return [...packs].sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function isObject(value: unknown): value is { readonly [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
