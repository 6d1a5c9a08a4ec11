// Packs: directories of artifacts (their ref records and every object their trees and logs need)
// that the Actions cache stores as one entry, named by the hash of their content list. Building
// one links objects out of the local store; opening one re-hashes every object, checks the content
// list against the name, parses every record and walks its tree, and only then says which refs it
// can publish. A pack that fails any check is rejected whole; it never writes a ref.
//
// Layout:  refs/<project>/<element normal name>/<key>   the record, byte for byte as the local ref
//          objects/<2 hex>/<62 hex>[x]                   as in the local store

import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACT_RECORD_VERSION, normalName, type ArtifactCache, type ArtifactRecord } from '../../cache/artifact-cache.js';
import { isMissing, type ContentStore } from '../../cache/content-store.js';
import { Pacer, isHash, locateObject, objectKey, readTreeAt, type RefRoots } from '../../cache/reachability.js';
import { removeTree } from '../../cache/remove-tree.js';
import { refName, type IndexedArtifact } from './pack-index.js';

/** One artifact chosen for a pack: its record (as the local ref holds it) and the ref keys to store it under. */
export interface PackArtifact {
  readonly record: ArtifactRecord;
  /** The exact text of the local ref file. */
  readonly text: string;
  /** Strong key first, then the weak key when the local weak ref names this same record. */
  readonly keys: readonly string[];
}

/** Objects a tree needs, by object name (`<hash>` or `<hash>x`), with where they are and their size. */
export type ObjectSet = ReadonlyMap<string, { readonly path: string; readonly sizeBytes: number }>;

export interface PackPlan {
  readonly hash: string;
  readonly bytes: number;
  readonly artifacts: readonly IndexedArtifact[];
  readonly objects: ObjectSet;
  readonly refs: ReadonlyArray<{ readonly name: string; readonly text: string }>;
}

export type TreeWalk = { readonly complete: true; readonly objects: ObjectSet } | { readonly complete: false; readonly problem: string };

/**
 * Every object the record's roots need, found in the store: a file in exactly the variant its
 * tree entry names (staging links that one), a directory or log in either.
 */
export async function neededObjects(store: ContentStore, roots: RefRoots, pacer: Pacer): Promise<TreeWalk> {
  const objects = new Map<string, { path: string; sizeBytes: number }>();
  const descended = new Set<string>();
  const take = (hash: string, executable: boolean, either: boolean, sizeBytes: number): string | undefined => {
    const at = locateObject(store, hash, executable, either);
    if (!at.present) return undefined;
    objects.set(at.key, { path: at.path, sizeBytes });
    return at.path;
  };
  const walk = async (hash: string, sizeBytes: number): Promise<string | undefined> => {
    if (descended.has(hash)) return undefined;
    descended.add(hash);
    await pacer.step();
    const at = take(hash, false, true, sizeBytes);
    if (!at) return `directory ${hash} is missing`;
    const children = readTreeAt(at);
    if (!children) return `directory ${hash} does not decode`;
    for (const child of children) {
      if (child.kind === 'symlink') continue;
      if (!isHash(child.digest.hash)) return `directory ${hash} names an invalid digest`;
      if (child.kind === 'directory') {
        const problem = await walk(child.digest.hash, child.digest.sizeBytes);
        if (problem) return problem;
      } else if (!take(child.digest.hash, child.isExecutable, false, child.digest.sizeBytes)) {
        return `file ${objectKey(child.digest.hash, child.isExecutable)} is missing`;
      }
    }
    return undefined;
  };
  if (roots.log && !take(roots.log.hash, false, true, roots.log.sizeBytes)) return { complete: false, problem: `log ${roots.log.hash} is missing` };
  if (roots.files) {
    const problem = await walk(roots.files.hash, roots.files.sizeBytes);
    if (problem) return { complete: false, problem };
  }
  return { complete: true, objects };
}

/** The name a pack is stored under: sha256 over its sorted content list. */
export function contentHash(objectNames: Iterable<string>, refs: Iterable<{ readonly name: string; readonly text: string }>): string {
  const lines: string[] = [];
  for (const name of objectNames) lines.push(`object ${name}`);
  for (const ref of refs) lines.push(`ref ${ref.name} ${sha256(ref.text)}`);
  lines.sort();
  return createHash('sha256').update(lines.join('\n') + '\n').digest('hex');
}

/**
 * Groups artifacts into packs of at most `maxPackBytes` (an artifact larger than that gets a
 * pack of its own), in the order given. Each pack holds every object its artifacts need.
 */
export function planPacks(artifacts: ReadonlyArray<{ readonly artifact: PackArtifact; readonly objects: ObjectSet }>, maxPackBytes: number): PackPlan[] {
  const plans: PackPlan[] = [];
  let group: Array<{ readonly artifact: PackArtifact; readonly objects: ObjectSet }> = [];
  let groupBytes = 0;
  const flush = (): void => {
    if (group.length > 0) plans.push(planOne(group));
    group = [];
    groupBytes = 0;
  };
  for (const each of artifacts) {
    const bytes = artifactBytes(each.artifact, each.objects);
    if (group.length > 0 && groupBytes + bytes > maxPackBytes) flush();
    group.push(each);
    groupBytes += bytes;
  }
  flush();
  return plans;
}

function planOne(group: ReadonlyArray<{ readonly artifact: PackArtifact; readonly objects: ObjectSet }>): PackPlan {
  const objects = new Map<string, { readonly path: string; readonly sizeBytes: number }>();
  const refs: Array<{ name: string; text: string }> = [];
  const artifacts: IndexedArtifact[] = [];
  for (const { artifact, objects: needed } of group) {
    for (const [name, object] of needed) objects.set(name, object);
    const { project, element } = artifact.record;
    for (const key of artifact.keys) refs.push({ name: refName(project, element, key), text: artifact.text });
    artifacts.push({ project, element, keys: artifact.keys, bytes: artifactBytes(artifact, needed) });
  }
  let bytes = 0;
  for (const object of objects.values()) bytes += object.sizeBytes;
  for (const ref of refs) bytes += Buffer.byteLength(ref.text);
  return { hash: contentHash(objects.keys(), refs), bytes, artifacts, objects, refs };
}

function artifactBytes(artifact: PackArtifact, objects: ObjectSet): number {
  let bytes = Buffer.byteLength(artifact.text) * artifact.keys.length;
  for (const object of objects.values()) bytes += object.sizeBytes;
  return bytes;
}

/**
 * Writes the pack's directory at `directory`: built under a temporary name beside it and renamed,
 * so the path handed to the cache never holds half a pack. Objects are hard links into the store
 * where the filesystem allows (the pack is only read, then removed), copies otherwise.
 */
export function writePack(plan: PackPlan, directory: string): void {
  const temporary = `${directory}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const madeDirs = new Set<string>();
    const mkdir = (dir: string): void => {
      if (madeDirs.has(dir)) return;
      fs.mkdirSync(dir, { recursive: true });
      madeDirs.add(dir);
    };
    for (const [name, object] of plan.objects) {
      const target = path.join(temporary, 'objects', name.slice(0, 2), name.slice(2));
      mkdir(path.dirname(target));
      try {
        fs.linkSync(object.path, target);
      } catch {
        fs.copyFileSync(object.path, target);
      }
    }
    for (const ref of plan.refs) {
      const target = path.join(temporary, 'refs', ...ref.name.split('/'));
      mkdir(path.dirname(target));
      fs.writeFileSync(target, ref.text);
    }
    removeTree(directory);
    fs.renameSync(temporary, directory);
  } catch (error) {
    removeTree(temporary);
    throw error;
  }
}

export type OpenedPack =
  | {
      readonly ok: true;
      /** Verified record text by ref name (`project/element/key`), ready to publish. */
      readonly refs: ReadonlyMap<string, { readonly text: string; readonly record: ArtifactRecord }>;
      readonly bytes: number;
    }
  | { readonly ok: false; readonly problem: string };

/**
 * Verifies a restored pack directory and moves its objects into the local store. Objects may
 * enter the store before a later check fails: they are stored under the hash of their bytes, so
 * a bad pack can add garbage for the next collection but never a wrong object, and no ref.
 */
export async function openPack(directory: string, expectedHash: string, cache: ArtifactCache): Promise<OpenedPack> {
  const listing = listPack(directory);
  if (!listing.ok) return listing;
  const refs = new Map<string, string>();
  for (const ref of listing.refs) refs.set(ref.name, fs.readFileSync(ref.path, 'utf8'));
  const actual = contentHash(
    listing.objects.map((o) => o.name),
    [...refs].map(([name, text]) => ({ name, text })),
  );
  if (actual !== expectedHash) return { ok: false, problem: `its contents hash to ${actual}, not to the ${expectedHash} its key names` };

  const store = cache.store;
  const move = sameDevice(directory, store.root);
  const pacer = new Pacer();
  let bytes = 0;
  for (const object of listing.objects) {
    await pacer.step();
    const executable = object.name.endsWith('x');
    const hash = executable ? object.name.slice(0, -1) : object.name;
    const digest = store.putFile(object.path, { move, executable });
    if (digest.hash !== hash) return { ok: false, problem: `object ${object.name} is corrupt (its bytes hash to ${digest.hash})` };
    bytes += digest.sizeBytes;
  }

  const verified = new Map<string, { text: string; record: ArtifactRecord }>();
  for (const [name, text] of refs) {
    bytes += Buffer.byteLength(text);
    const record = parseRecord(name, text);
    if (typeof record === 'string') return { ok: false, problem: `ref ${name}: ${record}` };
    const walk = await neededObjects(store, record, pacer);
    if (!walk.complete) return { ok: false, problem: `ref ${name}: its tree is incomplete (${walk.problem})` };
    verified.set(name, { text, record });
  }
  return { ok: true, refs: verified, bytes };
}

/** The record in a pack's ref file, checked against where it lies; a string says what is wrong. */
function parseRecord(name: string, text: string): ArtifactRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `not JSON (${(error as Error).message})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const record = value as Partial<ArtifactRecord> & { readonly [key: string]: unknown };
  if (record.version !== ARTIFACT_RECORD_VERSION) return `record version ${String(record.version)} is not ${ARTIFACT_RECORD_VERSION}`;
  const [project, element, key] = name.split('/');
  if (typeof record.project !== 'string' || record.project !== project) return 'its project does not match its place';
  if (typeof record.element !== 'string' || normalName(record.element) !== element) return 'its element does not match its place';
  const keys = record.keys;
  if (typeof keys !== 'object' || keys === null || typeof keys.strong !== 'string' || typeof keys.weak !== 'string') return 'its keys are malformed';
  if (key !== keys.strong && key !== keys.weak) return 'it is stored under a key it does not have';
  if (typeof record.result !== 'object' || record.result === null) return 'its result is malformed';
  for (const field of ['files', 'log'] as const) {
    const digest = record[field];
    if (digest === undefined) continue;
    if (typeof digest !== 'object' || digest === null || !isHash(digest.hash) || !Number.isSafeInteger(digest.sizeBytes) || digest.sizeBytes < 0) {
      return `'${field}' is not a digest`;
    }
  }
  return record as ArtifactRecord;
}

type Listing =
  | { readonly ok: true; readonly objects: Array<{ name: string; path: string }>; readonly refs: Array<{ name: string; path: string }> }
  | { readonly ok: false; readonly problem: string };

/** Everything in a pack directory, refusing anything the layout does not allow (symlinks above all). */
function listPack(directory: string): Listing {
  const objects: Array<{ name: string; path: string }> = [];
  const refs: Array<{ name: string; path: string }> = [];
  const entries = (dir: string): fs.Dirent[] => {
    try {
      return fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  };
  for (const top of entries(directory)) {
    if (!top.isDirectory() || (top.name !== 'objects' && top.name !== 'refs')) return { ok: false, problem: `unexpected entry '${top.name}'` };
  }
  for (const prefix of entries(path.join(directory, 'objects'))) {
    if (!prefix.isDirectory() || !/^[0-9a-f]{2}$/.test(prefix.name)) return { ok: false, problem: `unexpected entry 'objects/${prefix.name}'` };
    for (const file of entries(path.join(directory, 'objects', prefix.name))) {
      const name = prefix.name + file.name;
      if (!file.isFile() || !/^[0-9a-f]{64}x?$/.test(name)) return { ok: false, problem: `unexpected entry 'objects/${prefix.name}/${file.name}'` };
      objects.push({ name, path: path.join(directory, 'objects', prefix.name, file.name) });
    }
  }
  for (const project of entries(path.join(directory, 'refs'))) {
    if (!project.isDirectory()) return { ok: false, problem: `unexpected entry 'refs/${project.name}'` };
    for (const element of entries(path.join(directory, 'refs', project.name))) {
      if (!element.isDirectory()) return { ok: false, problem: `unexpected entry 'refs/${project.name}/${element.name}'` };
      for (const key of entries(path.join(directory, 'refs', project.name, element.name))) {
        const name = `${project.name}/${element.name}/${key.name}`;
        if (!key.isFile()) return { ok: false, problem: `unexpected entry 'refs/${name}'` };
        refs.push({ name, path: path.join(directory, 'refs', project.name, element.name, key.name) });
      }
    }
  }
  if (refs.length === 0) return { ok: false, problem: 'it holds no refs' };
  return { ok: true, objects, refs };
}

function sameDevice(a: string, b: string): boolean {
  try {
    return fs.statSync(a).dev === fs.statSync(b).dev;
  } catch {
    return false;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
