// Keeping the cache under its quota: whole artifacts go, least recently used first, and then
// the objects no ref needs any more. It must never leave a ref naming a missing object (refs go
// before their objects), expire an artifact being staged or just used, nor remove an object
// another process may have just written or linked. Removal is by unlink only.

import path from 'node:path';
import { ARTIFACT_RECORD_VERSION, type ArtifactCache, type ArtifactRef } from './artifact-cache.js';
import { type ContentStore, lstatOrUndefined, readdirOrEmpty, unlinkIfPresent } from './content-store.js';
import { Pacer, objectKey, readRef, walkNeeded, type RefRoots } from './reachability.js';

const MINUTE = 60 * 1000;
/** Objects younger than this are kept unreferenced: a concurrent build has written them but not yet its ref. */
const DEFAULT_GRACE_MS = MINUTE;
/** A temporary file untouched this long belongs to a process that died mid-write. */
const TEMPORARY_MAX_AGE_MS = 60 * MINUTE;

export interface GarbageOptions {
  readonly graceMs?: number;
  /** The clock, injected so tests can age objects without waiting. */
  readonly now?: number;
}

export interface GarbageReport {
  readonly removedObjects: number;
  readonly freedBytes: number;
  readonly removedTemporaries: number;
}

export interface ExpiryOptions extends GarbageOptions {
  readonly quotaBytes: number;
  /** Expiry stops once the cache is under this fraction of the quota, so it does not run again at the next build. */
  readonly lowWatermark?: number;
  /** Ref paths (`ArtifactCache.refPath`) never to expire: artifacts being staged. */
  readonly pinned?: ReadonlySet<string>;
  /** Refs used more recently than this are never expired, to protect other processes' staging. */
  readonly recentMs?: number;
}

export interface ExpiryReport {
  /** One ref per removed artifact, under its strong key. */
  readonly removedArtifacts: readonly ArtifactRef[];
  readonly freedBytes: number;
  readonly sizeBefore: number;
  readonly sizeAfter: number;
}

/**
 * The bytes the objects occupy, as the sum of their apparent sizes (st_size): the same on every
 * filesystem, equal to the digests' sizes, and what a remote cache would count. Each object is
 * one file, so hard links into staged trees are not counted twice.
 */
export async function cacheSize(store: ContentStore): Promise<number> {
  const pacer = new Pacer();
  let total = 0;
  for (const object of store.listObjects()) {
    await pacer.step();
    const stat = lstatOrUndefined(object.path);
    if (stat?.isFile()) total += stat.size;
  }
  return total;
}

/**
 * Removes every object no ref reaches and whose ctime is older than the grace period, and
 * temporary files abandoned for an hour. Objects all carry the same fixed mtime, but ctime
 * changes when one is renamed into place and whenever it gains a hard link, so an object a
 * concurrent process has just written or just staged looks recent and survives.
 */
export async function collectGarbage(cache: ArtifactCache, options: GarbageOptions = {}): Promise<GarbageReport> {
  const now = options.now ?? Date.now();
  const cutoff = now - (options.graceMs ?? DEFAULT_GRACE_MS);
  const store = cache.store;
  const pacer = new Pacer();
  const marked = new Set<string>();
  const markedRefs = new Map<string, number>();
  const mark = async (): Promise<void> => {
    for (const entry of cache.listRefs()) {
      if (markedRefs.get(entry.path) === entry.usedMs) continue;
      markedRefs.set(entry.path, entry.usedMs);
      const read = readRef(entry.path);
      // An unreadable ref is already broken (the cache check reports it); it holds nothing.
      if (read.state === 'ok') await walkNeeded(store, read.roots, marked, () => undefined, pacer);
    }
  };
  await mark();
  // A ref written (or rewritten) while the first pass ran may name objects the pass had not
  // marked; a second pass over the changed refs narrows that window to the sweep itself.
  await mark();

  let removedObjects = 0;
  let freedBytes = 0;
  for (const object of store.listObjects()) {
    await pacer.step();
    if (marked.has(objectKey(object.hash, object.executable))) continue;
    const stat = lstatOrUndefined(object.path);
    if (!stat || stat.isDirectory() || stat.ctimeMs >= cutoff) continue;
    // Prefix directories stay even when empty: a store caches which ones exist and renames into them.
    if (unlinkIfPresent(object.path)) {
      removedObjects++;
      freedBytes += stat.size;
    }
  }

  let removedTemporaries = 0;
  const temporaries = path.join(store.root, 'tmp');
  for (const name of readdirOrEmpty(temporaries)) {
    const file = path.join(temporaries, name);
    const stat = lstatOrUndefined(file);
    // A directory may still be filled deep below while its own times stand still, so only files go.
    if (!stat || stat.isDirectory()) continue;
    // ctime as well as mtime: a blob about to be published has had its mtime set back to 2011.
    if (Math.max(stat.ctimeMs, stat.mtimeMs) >= now - TEMPORARY_MAX_AGE_MS) continue;
    if (unlinkIfPresent(file)) removedTemporaries++;
  }
  return { removedObjects, freedBytes, removedTemporaries };
}

/** The refs that hold one record, and what expiring them would free. */
interface Holder {
  readonly id: string;
  readonly roots: RefRoots;
  readonly refs: Array<{ readonly path: string; readonly usedMs: number }>;
  usedMs: number;
  /** Absent for records this Cairn does not write (another version's): never expired, but their objects are held. */
  readonly artifact?: ArtifactRef;
}

/**
 * When the cache exceeds the quota, removes whole artifacts, least recently used first, and
 * collects their objects, until it is under `lowWatermark * quota` or nothing more may go.
 */
export async function expireArtifacts(cache: ArtifactCache, options: ExpiryOptions): Promise<ExpiryReport> {
  const lowWatermark = options.lowWatermark ?? 0.8;
  if (!(options.quotaBytes >= 0)) throw new RangeError(`quota must be a non-negative number of bytes, not ${options.quotaBytes}`);
  if (!(lowWatermark > 0 && lowWatermark <= 1)) throw new RangeError(`low watermark must be in (0, 1], not ${lowWatermark}`);
  const now = options.now ?? Date.now();
  const recentCutoff = now - (options.recentMs ?? 10 * MINUTE);
  const pinned = options.pinned ?? new Set<string>();
  const garbage: GarbageOptions = { now, ...(options.graceMs === undefined ? {} : { graceMs: options.graceMs }) };
  const target = lowWatermark * options.quotaBytes;
  const store = cache.store;
  const pacer = new Pacer();

  const sizeBefore = await cacheSize(store);
  if (sizeBefore <= options.quotaBytes) return { removedArtifacts: [], freedBytes: 0, sizeBefore, sizeAfter: sizeBefore };

  // Objects nobody needs go first: they cost no artifact.
  let freedBytes = (await collectGarbage(cache, garbage)).freedBytes;
  let size = await cacheSize(store);
  const removedArtifacts: ArtifactRef[] = [];
  // Every round removes at least one new artifact or stops, so a ref that will not go cannot loop.
  const attempted = new Set<string>();
  while (size > target) {
    const holders = gatherHolders(cache);
    const candidates = holders
      .filter((h) => h.artifact && !attempted.has(h.id) && h.usedMs < recentCutoff && !h.refs.some((r) => pinned.has(r.path)))
      .sort((a, b) => a.usedMs - b.usedMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (candidates.length === 0) break;

    // Count how many records hold each object, so removing an artifact frees exactly the
    // objects it alone held; then choose just enough artifacts and collect once.
    const holdersOf = new Map<string, number>();
    const sizeOf = new Map<string, number>();
    for (const holder of holders) {
      await walkNeeded(store, holder.roots, new Set(), (object) => {
        if (!object.present) return;
        holdersOf.set(object.key, (holdersOf.get(object.key) ?? 0) + 1);
        sizeOf.set(object.key, object.sizeBytes);
      }, pacer);
    }
    let estimate = size;
    const chosen: Holder[] = [];
    for (const candidate of candidates) {
      if (estimate <= target) break;
      chosen.push(candidate);
      await walkNeeded(store, candidate.roots, new Set(), (object) => {
        if (!object.present) return;
        const left = (holdersOf.get(object.key) ?? 1) - 1;
        holdersOf.set(object.key, left);
        if (left === 0) estimate -= sizeOf.get(object.key) ?? 0;
      }, pacer);
    }

    for (const holder of chosen) {
      attempted.add(holder.id);
      if (holder.artifact && removeRefs(holder)) removedArtifacts.push(holder.artifact);
    }
    freedBytes += (await collectGarbage(cache, garbage)).freedBytes;
    size = await cacheSize(store);
  }
  return { removedArtifacts, freedBytes, sizeBefore, sizeAfter: size };
}

/**
 * Every ref, grouped by the record it holds: an artifact's strong and weak refs hold the same
 * record. Grouping is by the record's own strong key rather than by its `keys.weak`, because a
 * later build with the same weak key rewrites the weak ref to hold a newer record.
 */
function gatherHolders(cache: ArtifactCache): Holder[] {
  const holders = new Map<string, Holder>();
  for (const entry of cache.listRefs()) {
    const read = readRef(entry.path);
    if (read.state !== 'ok') continue;
    const artifact = currentArtifact(read.record);
    const id = artifact ? `${path.dirname(entry.path)}\0${artifact.key}` : entry.path;
    let holder = holders.get(id);
    if (!holder) {
      holder = { id, roots: read.roots, refs: [], usedMs: entry.usedMs, ...(artifact ? { artifact } : {}) };
      holders.set(id, holder);
    }
    holder.refs.push({ path: entry.path, usedMs: entry.usedMs });
    holder.usedMs = Math.max(holder.usedMs, entry.usedMs);
  }
  return [...holders.values()];
}

function currentArtifact(record: { readonly [key: string]: unknown }): ArtifactRef | undefined {
  const keys = record['keys'] as { strong?: unknown } | undefined;
  const { project, element } = record;
  if (record['version'] !== ARTIFACT_RECORD_VERSION || typeof project !== 'string' || typeof element !== 'string') return undefined;
  if (typeof keys !== 'object' || keys === null || typeof keys.strong !== 'string') return undefined;
  return { project, element, key: keys.strong };
}

/**
 * Unlinks the refs of one artifact, unless one was used since it was listed (someone started
 * staging it) or now holds another record: then the artifact stays whole. Exactly the refs
 * that hold this record go, never a weak ref that has since moved on to a newer build.
 */
function removeRefs(holder: Holder): boolean {
  for (const ref of holder.refs) {
    const stat = lstatOrUndefined(ref.path);
    if (!stat || stat.mtimeMs !== ref.usedMs) return false;
    const read = readRef(ref.path);
    if (read.state !== 'ok' || currentArtifact(read.record)?.key !== holder.artifact?.key) return false;
  }
  let removed = false;
  for (const ref of holder.refs) removed = unlinkIfPresent(ref.path) || removed;
  return removed;
}
