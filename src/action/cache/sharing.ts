// Sharing the local artifact cache through the Actions cache: content-addressed packs of
// artifacts plus one small index entry per save, so a job downloads only the packs holding what
// it lacks and uploads at most a handful of entries whatever the size of the graph. Each job keeps
// its own line of indexes (its lineage), and reads the newest index of any job as well, so jobs
// that run side by side share packs without one index replacing another's. Best effort
// throughout: a cache problem is a warning in the report, never an exception, and nothing is
// published into the local cache before the pack holding it has been verified.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ArtifactCache, ArtifactRecord } from '../../cache/artifact-cache.js';
import { isMissing } from '../../cache/content-store.js';
import { Pacer } from '../../cache/reachability.js';
import { removeTree } from '../../cache/remove-tree.js';
import { writeFileAtomic } from '../../engine/ref-writer.js';
import { messageOf } from '../../format/errors.js';
import type { CacheLog, CacheService } from './actions-cache.js';
import { branchSlug, cleanScope, indexKey, indexPrefix, packHashOf, packKey } from './keys.js';
import {
  EMPTY_INDEX,
  choosePacks,
  indexBytes,
  indexHash,
  knownArtifacts,
  makeIndex,
  parseIndex,
  refName,
  serializeIndex,
  unionIndexes,
  type PackEntry,
  type PackIndex,
} from './pack-index.js';
import { neededObjects, openPack, planPacks, writePack, type ObjectSet, type PackArtifact, type PackPlan } from './packs.js';

export interface SharingContext {
  /** The local store. */
  readonly cache: ArtifactCache;
  readonly service: CacheService;
  /** Key prefix: `cairn-2-${platform}-${arch}-${project}` (format version first). */
  readonly scope: string;
  /** The run's ref, e.g. 'refs/heads/feature' (made key-safe inside). */
  readonly branch: string;
  readonly defaultBranch: string;
  /** `${GITHUB_RUN_ID}-${GITHUB_RUN_ATTEMPT}` */
  readonly runId: string;
  /** This job's line of indexes (jobLineage: workflow, job id, targets). */
  readonly lineage: string;
  /** A temporary directory (RUNNER_TEMP) for packs being built or restored. */
  readonly workDirectory: string;
  readonly log: CacheLog;
}

export interface RestoreReport {
  readonly artifacts: number;
  readonly packs: number;
  readonly bytes: number;
  readonly warnings: readonly string[];
}

export interface SaveReport {
  readonly artifacts: number;
  readonly packs: number;
  readonly bytes: number;
  readonly indexSaved: boolean;
  readonly readOnly: boolean;
  readonly compacted: boolean;
  readonly warnings: readonly string[];
}

export interface ArtifactKey {
  readonly project: string;
  readonly element: string;
  readonly key: string;
}

/** Largest pack worth one entry: a stuck or failed download then costs at most this much. */
export const PACK_BYTES = 1024 ** 3;
/** The default branch compacts once its index lists more packs than this, or more bytes than `maxBytes`. */
export const MAX_PACKS = 16;
/** Packs one save may upload; what does not fit waits for a later run (the budget is shared by every job). */
export const MAX_PACKS_PER_SAVE = 8;
const RESTORE_CONCURRENCY = 4;
const STATE_VERSION = 2;

/**
 * Restores the index entries (this job's newest on its branch and on the default branch, then any
 * job's newest on each, unioned), then, in
 * parallel, only the packs that hold artifacts in `wanted` that the local cache lacks; each pack
 * verified (every object re-hashed, every record parsed and its tree complete) before any of its
 * refs is published into the local cache. Later calls in the same job reuse the indexes the
 * first one read.
 */
export async function restoreArtifacts(context: SharingContext, wanted: readonly ArtifactKey[]): Promise<RestoreReport> {
  const { warnings, warn } = warningsTo(context.log);
  let artifacts = 0;
  let packs = 0;
  let bytes = 0;
  try {
    const place = placeOf(context);
    // A second call in the same job (another round of restores, or post) reuses what the first
    // read, and does not try again the packs that proved missing.
    let state = readState(place);
    if (!state) {
      state = { ...(await loadIndexes(context, place, warn)), pending: [], missing: [], adopted: [] };
      writeState(place, state);
    }
    const missing = new Set(state.missing);
    const usable = (index: PackIndex): PackIndex => makeIndex(index.packs.filter((pack) => !missing.has(pack.key)));
    const index = unionIndexes([usable(state.index), usable(state.others), makeIndex(state.pending)]);

    const lacking = new Set<string>();
    for (const key of wanted) {
      if (!fs.existsSync(context.cache.refPath(key))) lacking.add(refName(key.project, key.element, key.key));
    }
    if (lacking.size === 0) return { artifacts, packs, bytes, warnings };
    const chosen = choosePacks(index, lacking);
    if (chosen.length > 0) {
      context.log.info(`${lacking.size} wanted artifacts are not in the local cache: restoring ${chosen.length} of the ${index.packs.length} packs the Actions cache index lists`);
    }

    await forEachLimited(chosen, RESTORE_CONCURRENCY, async (pack) => {
      const outcome = await restorePack(context, place, pack, warn);
      if (outcome.state === 'restored') {
        state.adopted.push(pack.key);
        packs++;
        artifacts += outcome.artifacts;
        bytes += outcome.bytes;
      } else {
        state.missing.push(pack.key);
      }
    });
    writeState(place, state);
  } catch (error) {
    warn(`Restoring artifacts from the Actions cache stopped: ${messageOf(error)}`);
  }
  return { artifacts, packs, bytes, warnings };
}

/**
 * Saves one delta pack of the artifacts in `produced` not already in a known pack, plus one index
 * entry (content-addressed pack keys; at most a handful of uploads whatever the graph size).
 * Called from the main step and again from post: the second call saves nothing new. On the
 * default branch, when the index lists many packs or their total exceeds maxBytes, compacts: one
 * fresh base pack holding what `used` names (and `produced`).
 */
export async function saveArtifacts(
  context: SharingContext,
  produced: readonly ArtifactKey[],
  used: readonly ArtifactKey[],
  options: { maxBytes?: number } = {},
): Promise<SaveReport> {
  const { warnings, warn } = warningsTo(context.log);
  let artifacts = 0;
  let packs = 0;
  let bytes = 0;
  let indexSaved = false;
  let readOnly = false;
  let compacted = false;
  try {
    const place = placeOf(context);
    const state = readState(place) ?? { ...(await loadIndexes(context, place, warn)), pending: [], missing: [], adopted: [] };
    const missing = new Set(state.missing);
    // What the next index may list: the last index of this job's lineage, minus packs that proved
    // missing or bad, plus the packs of other jobs this job restored (it needed what they hold),
    // plus packs stored since that no saved index lists yet. Other jobs' packs this job did not
    // need stay in their own lineage.
    const adopted = new Set(state.adopted);
    const current = makeIndex(state.index.packs.filter((pack) => !missing.has(pack.key)));
    const borrowed = makeIndex(state.others.packs.filter((pack) => adopted.has(pack.key) && !missing.has(pack.key)));
    const known = unionIndexes([current, borrowed, makeIndex(state.pending)]);
    const knownKeys = new Set(known.packs.map((pack) => pack.key));

    const pacer = new Pacer();
    const delta = await selectArtifacts(context, produced, knownArtifacts(known), pacer, warn, true);
    let kind: PackEntry['kind'] = 'delta';
    let plans = planPacks(delta, PACK_BYTES);
    const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    const onDefault = branchSlug(context.branch) === branchSlug(context.defaultBranch);
    const newKeys = plans.filter((plan) => !knownKeys.has(packKey(place.scope, plan.hash)));
    const prospectivePacks = known.packs.length + newKeys.length;
    const prospectiveBytes = indexBytes(known) + newKeys.reduce((sum, plan) => sum + plan.bytes, 0);
    if (onDefault && (prospectivePacks > MAX_PACKS || prospectiveBytes > maxBytes)) {
      const base = await selectArtifacts(context, [...produced, ...used], new Set(), pacer, warn, false);
      const basePlans = planPacks(base, PACK_BYTES);
      const sameAsKnown = basePlans.length === known.packs.length && basePlans.every((plan) => knownKeys.has(packKey(place.scope, plan.hash)));
      if (!sameAsKnown) {
        kind = 'base';
        plans = basePlans;
        const total = basePlans.reduce((sum, plan) => sum + plan.bytes, 0);
        if (total > maxBytes) warn(`The artifacts this run used take ${total} bytes, more than the ${maxBytes} the Actions cache may hold for them`);
      }
    }

    if (plans.length > MAX_PACKS_PER_SAVE) {
      const left = plans.slice(MAX_PACKS_PER_SAVE);
      const leftBytes = left.reduce((sum, plan) => sum + plan.bytes, 0);
      const leftArtifacts = left.reduce((sum, plan) => sum + plan.artifacts.length, 0);
      warn(`${leftArtifacts} artifacts (${leftBytes} bytes) are left out of the Actions cache: one save uploads at most ${MAX_PACKS_PER_SAVE} packs`);
      plans = plans.slice(0, MAX_PACKS_PER_SAVE);
    }

    const stored: PackEntry[] = [];
    let allStored = true;
    for (const plan of plans) {
      const key = packKey(place.scope, plan.hash);
      const existing = known.packs.find((pack) => pack.key === key);
      if (existing) {
        stored.push(existing);
        continue;
      }
      const outcome = await savePack(context, place, plan, key);
      if (outcome === 'read-only') {
        readOnly = true;
        allStored = false;
        break;
      }
      if (outcome === 'failed') {
        allStored = false;
        continue;
      }
      const entry: PackEntry = { key, kind, created: new Date().toISOString(), bytes: plan.bytes, artifacts: plan.artifacts };
      stored.push(entry);
      state.pending.push(entry);
      if (outcome === 'saved') {
        packs++;
        artifacts += plan.artifacts.length;
        bytes += plan.bytes;
      }
    }

    // A compacted index replaces the old one only when every base pack is stored.
    const compacting = kind === 'base' && allStored;
    const target = compacting ? makeIndex(stored) : unionIndexes([known, makeIndex(stored)]);
    const changed = compacting || state.pending.length > 0;
    if (!readOnly && changed) {
      const outcome = await saveIndex(context, place, target);
      if (outcome === 'read-only') readOnly = true;
      else if (outcome === 'saved' || outcome === 'exists') {
        indexSaved = outcome === 'saved';
        compacted = compacting;
        state.index = target;
        state.pending = [];
        state.missing = [];
      }
    }
    writeState(place, state);
  } catch (error) {
    warn(`Saving artifacts to the Actions cache stopped: ${messageOf(error)}`);
  }
  return { artifacts, packs, bytes, indexSaved, readOnly, compacted, warnings };
}

// ---------------------------------------------------------------------------------------------

/** Where this scope's files live under the work directory. */
interface Place {
  readonly scope: string;
  readonly root: string;
  readonly indexDirectory: string;
  readonly stateFile: string;
}

function placeOf(context: SharingContext): Place {
  const scope = cleanScope(context.scope);
  const root = path.join(path.resolve(context.workDirectory), 'cairn-actions-cache');
  const tag = sha256(scope).slice(0, 12);
  return {
    scope,
    root,
    // One path per scope, the same on every run: the path is part of the entry's version.
    indexDirectory: path.join(root, `index-${tag}`),
    stateFile: path.join(root, `state-${sha256(`${scope}\n${context.branch}\n${context.lineage}\n${context.runId}`).slice(0, 16)}.json`),
  };
}

function packDirectory(place: Place, hash: string): string {
  return path.join(place.root, `pack-${hash}`);
}

/**
 * The path string given to @actions/cache. It is hashed into the entry's version, so it is
 * derived from the directory alone: relative when the directory lies under the working directory
 * (the library's glob does not accept `..`), absolute otherwise.
 */
function cachePath(directory: string): string {
  const relative = path.relative(process.cwd(), directory);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).join('/');
  return directory;
}

const INDEX_FILE = 'index.json';

/**
 * This job's newest index on the run's branch and on the default branch (`own`), and the newest
 * index of any job on each (`others`). Any job's newest is read first: when it is this job's
 * own, it is also this job's newest, and one download per branch is enough (the usual case of
 * a workflow with one building job); otherwise this job's own newest is read too.
 */
async function loadIndexes(context: SharingContext, place: Place, warn: (text: string) => void): Promise<{ index: PackIndex; others: PackIndex }> {
  const own: PackIndex[] = [];
  const others: PackIndex[] = [];
  const branches = [context.branch];
  if (branchSlug(context.defaultBranch) !== branchSlug(context.branch)) branches.push(context.defaultBranch);
  try {
    for (const branch of branches) {
      const ownPrefix = indexPrefix(place.scope, branch, context.lineage);
      const newest = await readIndex(context, place, indexPrefix(place.scope, branch), warn);
      if (newest?.key.startsWith(ownPrefix)) {
        if (newest.index) own.push(newest.index);
        continue;
      }
      if (newest?.index) others.push(newest.index);
      const mine = await readIndex(context, place, ownPrefix, warn);
      if (mine?.index) own.push(mine.index);
    }
  } finally {
    removeTree(place.indexDirectory);
  }
  return { index: own.length > 0 ? unionIndexes(own) : EMPTY_INDEX, others: others.length > 0 ? unionIndexes(others) : EMPTY_INDEX };
}

/** The newest index entry whose key starts with `prefix`: its key, and its index unless unreadable. */
async function readIndex(context: SharingContext, place: Place, prefix: string, warn: (text: string) => void): Promise<{ key: string; index?: PackIndex } | undefined> {
  removeTree(place.indexDirectory);
  // The prefix is also a restore key: restore keys are prefix-matched by every version of the service.
  const matched = await context.service.restore([cachePath(place.indexDirectory)], prefix, [prefix]);
  if (matched === undefined) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(path.join(place.indexDirectory, INDEX_FILE), 'utf8');
  } catch {
    warn(`The Actions cache index ${matched} holds no ${INDEX_FILE}; ignored`);
    return { key: matched };
  }
  const index = parseIndex(text, (key) => packHashOf(place.scope, key) !== undefined);
  if (!index) {
    warn(`The Actions cache index ${matched} is not a Cairn index of this format; ignored`);
    return { key: matched };
  }
  return { key: matched, index };
}

async function saveIndex(context: SharingContext, place: Place, index: PackIndex): Promise<Awaited<ReturnType<CacheService['save']>>> {
  const key = indexKey(place.scope, context.branch, context.lineage, context.runId, indexHash(index));
  try {
    removeTree(place.indexDirectory);
    fs.mkdirSync(place.indexDirectory, { recursive: true });
    fs.writeFileSync(path.join(place.indexDirectory, INDEX_FILE), serializeIndex(index));
    return await context.service.save([cachePath(place.indexDirectory)], key);
  } finally {
    removeTree(place.indexDirectory);
  }
}

async function savePack(context: SharingContext, place: Place, plan: PackPlan, key: string): Promise<Awaited<ReturnType<CacheService['save']>>> {
  const directory = packDirectory(place, plan.hash);
  try {
    fs.mkdirSync(place.root, { recursive: true });
    writePack(plan, directory);
    return await context.service.save([cachePath(directory)], key);
  } finally {
    removeTree(directory);
  }
}

type PackOutcome = { readonly state: 'restored'; readonly artifacts: number; readonly bytes: number } | { readonly state: 'missing' | 'rejected' };

async function restorePack(
  context: SharingContext,
  place: Place,
  pack: PackEntry,
  warn: (text: string) => void,
): Promise<PackOutcome> {
  const hash = packHashOf(place.scope, pack.key);
  if (!hash) return { state: 'rejected' };
  const directory = packDirectory(place, hash);
  try {
    removeTree(directory);
    fs.mkdirSync(place.root, { recursive: true });
    const matched = await context.service.restore([cachePath(directory)], pack.key, []);
    if (matched !== pack.key) {
      context.log.info(`Pack ${pack.key} is no longer in the Actions cache`);
      return { state: 'missing' };
    }
    const opened = await openPack(directory, hash, context.cache);
    if (!opened.ok) {
      warn(`Rejected pack ${pack.key} from the Actions cache: ${opened.problem}`);
      return { state: 'rejected' };
    }
    // Every ref of the verified pack the local cache lacks, not only the wanted ones: the objects
    // are in the store already, and a later round of restores in this job then finds them.
    const published = new Set<string>();
    for (const [name, ref] of opened.refs) {
      if (publishRef(context.cache, ref.record, name.split('/')[2] ?? '', ref.text)) published.add(ref.text);
    }
    return { state: 'restored', artifacts: published.size, bytes: opened.bytes };
  } catch (error) {
    warn(`Could not restore pack ${pack.key} from the Actions cache: ${messageOf(error)}`);
    return { state: 'rejected' };
  } finally {
    removeTree(directory);
  }
}

/** Writes a ref the local cache lacks, atomically and without replacing one another process wrote meanwhile. */
function publishRef(cache: ArtifactCache, record: ArtifactRecord, key: string, text: string): boolean {
  const file = cache.refPath({ project: record.project, element: record.element, key });
  if (fs.existsSync(file)) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = cache.store.temporaryPath('ref');
  fs.writeFileSync(temporary, text);
  try {
    fs.linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.unlinkSync(temporary);
  }
}

/**
 * The local artifacts for `keys`, once each (by strong key), skipping those `skip` already names
 * and those not complete in the local store.
 */
async function selectArtifacts(
  context: SharingContext,
  keys: readonly ArtifactKey[],
  skip: ReadonlySet<string>,
  pacer: Pacer,
  warn: (text: string) => void,
  mustExist: boolean,
): Promise<Array<{ readonly artifact: PackArtifact; readonly objects: ObjectSet }>> {
  const chosen: Array<{ readonly artifact: PackArtifact; readonly objects: ObjectSet }> = [];
  const seen = new Set<string>();
  const cache = context.cache;
  for (const key of keys) {
    const local = readLocalRecord(cache, key);
    if (!local) {
      if (mustExist) warn(`${key.project}/${key.element} (${key.key}) is not in the local cache; not saved to the Actions cache`);
      continue;
    }
    const { record } = local;
    const strong = refName(record.project, record.element, record.keys.strong);
    if (seen.has(strong) || skip.has(strong)) continue;
    seen.add(strong);
    // The strong ref's text is the artifact; a weak ref goes along only when it names the same record.
    const text = readText(cache.refPath({ project: record.project, element: record.element, key: record.keys.strong })) ?? local.text;
    const refKeys = [record.keys.strong];
    if (record.keys.weak !== record.keys.strong && readText(cache.refPath({ project: record.project, element: record.element, key: record.keys.weak })) === text) {
      refKeys.push(record.keys.weak);
    }
    const walk = await neededObjects(cache.store, record, pacer);
    if (!walk.complete) {
      warn(`${record.project}/${record.element} (${record.keys.strong}) is incomplete in the local cache (${walk.problem}); not saved to the Actions cache`);
      continue;
    }
    chosen.push({ artifact: { record, text, keys: refKeys }, objects: walk.objects });
  }
  return chosen;
}

function readLocalRecord(cache: ArtifactCache, key: ArtifactKey): { readonly record: ArtifactRecord; readonly text: string } | undefined {
  const text = readText(cache.refPath(key));
  if (text === undefined) return undefined;
  try {
    const record = JSON.parse(text) as ArtifactRecord;
    if (typeof record !== 'object' || record === null || typeof record.keys?.strong !== 'string' || typeof record.project !== 'string') return undefined;
    return { record, text };
  } catch {
    return undefined;
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// State kept between the main step and post (separate processes sharing the work directory).

interface SharingState {
  /** The last index of this job's lineage it restored or saved. */
  index: PackIndex;
  /** The newest indexes of any job, as read at the start: where else packs may be found. */
  others: PackIndex;
  /** Packs this job restored: what it needed from them, its own index lists them too. */
  adopted: string[];
  /** Packs stored since, that no saved index lists yet. */
  pending: PackEntry[];
  /** Packs of `index` that could not be restored (evicted or rejected): left out of the next index. */
  missing: string[];
}

function readState(place: Place): SharingState | undefined {
  const text = readText(place.stateFile);
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as { version?: unknown; index?: unknown; others?: unknown; pending?: unknown; missing?: unknown; adopted?: unknown };
    if (value.version !== STATE_VERSION) return undefined;
    const isPackKey = (key: string): boolean => packHashOf(place.scope, key) !== undefined;
    const index = parseIndex(JSON.stringify(value.index), isPackKey);
    const others = parseIndex(JSON.stringify(value.others), isPackKey);
    const pending = parseIndex(JSON.stringify(value.pending), isPackKey);
    if (!index || !others || !pending || !Array.isArray(value.missing) || !Array.isArray(value.adopted)) return undefined;
    const keys = (list: unknown[]): string[] => list.filter((key): key is string => typeof key === 'string');
    return { index, others, pending: [...pending.packs], missing: keys(value.missing), adopted: keys(value.adopted) };
  } catch {
    return undefined;
  }
}

function writeState(place: Place, state: SharingState): void {
  fs.mkdirSync(place.root, { recursive: true });
  const text = JSON.stringify({ version: STATE_VERSION, index: state.index, others: state.others, pending: makeIndex(state.pending), missing: state.missing, adopted: state.adopted });
  writeFileAtomic(place.stateFile, text);
}

async function forEachLimited<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Warnings go to the log as they happen and into the call's report. */
function warningsTo(log: CacheLog): { readonly warnings: string[]; readonly warn: (text: string) => void } {
  const warnings: string[] = [];
  return {
    warnings,
    warn: (text) => {
      warnings.push(text);
      log.warning(text);
    },
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
