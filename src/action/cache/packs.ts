// Packs: artifacts (their ref records and every object their trees and logs need) in one small
// directory that the Actions cache stores as one entry, named by the hash of their content list.
// Building one copies objects out of the local store; opening one re-hashes every object, checks the content
// list against the name, parses every record and walks its tree, and only then says which refs it
// can publish. A pack that fails any check is rejected whole; it never writes a ref.
//
// Layout:  manifest.json   {format, version, objects: [[name, size]...], refs: [[name, size]...]}
//          data            every object's bytes, then every ref's record text (byte for byte as
//                          the local ref), back to back in the manifest's order
// Object names are as in the local store (`<64 hex>` or `<64 hex>x`), ref names
// `<project>/<element normal name>/<key>`.

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

const PACK_FORMAT = 'cairn-pack';
const PACK_VERSION = 2;
const MANIFEST_FILE = 'manifest.json';
const DATA_FILE = 'data';

interface PackManifest {
  readonly format: typeof PACK_FORMAT;
  readonly version: typeof PACK_VERSION;
  readonly objects: Array<readonly [string, number]>;
  readonly refs: Array<readonly [string, number]>;
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
 * so the path handed to the cache never holds half a pack. Two files whatever the pack holds, so
 * the cache's tar and the restore's untar touch two files, not one per object.
 */
export function writePack(plan: PackPlan, directory: string): void {
  const temporary = `${directory}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    fs.mkdirSync(temporary, { recursive: true });
    const manifest: PackManifest = { format: PACK_FORMAT, version: PACK_VERSION, objects: [], refs: [] };
    const data = fs.openSync(path.join(temporary, DATA_FILE), 'w');
    try {
      for (const [name, object] of plan.objects) manifest.objects.push([name, appendFile(data, object.path)]);
      for (const ref of plan.refs) {
        const bytes = Buffer.from(ref.text);
        writeAll(data, bytes);
        manifest.refs.push([ref.name, bytes.length]);
      }
    } finally {
      fs.closeSync(data);
    }
    fs.writeFileSync(path.join(temporary, MANIFEST_FILE), JSON.stringify(manifest));
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
 * Verifies a restored pack directory and copies its objects into the local store. Objects may
 * enter the store before a later check fails: they are stored under the hash of their bytes, so
 * a bad pack can add garbage for the next collection but never a wrong object, and no ref.
 */
export async function openPack(directory: string, expectedHash: string, cache: ArtifactCache): Promise<OpenedPack> {
  const listing = listPack(directory);
  if (!listing.ok) return listing;
  const data = fs.openSync(listing.data, 'r');
  try {
    let offset = listing.objectBytes;
    const refs = new Map<string, string>();
    for (const [name, size] of listing.refs) {
      refs.set(name, readRange(data, offset, size).toString('utf8'));
      offset += size;
    }
    const actual = contentHash(
      listing.objects.map(([name]) => name),
      [...refs].map(([name, text]) => ({ name, text })),
    );
    if (actual !== expectedHash) return { ok: false, problem: `its contents hash to ${actual}, not to the ${expectedHash} its key names` };

    const store = cache.store;
    const pacer = new Pacer();
    let bytes = 0;
    offset = 0;
    for (const [name, size] of listing.objects) {
      await pacer.step();
      const executable = name.endsWith('x');
      const hash = executable ? name.slice(0, -1) : name;
      const digest = storeRange(store, data, offset, size, executable);
      offset += size;
      if (digest.hash !== hash) return { ok: false, problem: `object ${name} is corrupt (its bytes hash to ${digest.hash})` };
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
  } finally {
    fs.closeSync(data);
  }
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
  | {
      readonly ok: true;
      readonly data: string;
      /** In the order of the data file: objects first, then refs. */
      readonly objects: ReadonlyArray<readonly [string, number]>;
      readonly refs: ReadonlyArray<readonly [string, number]>;
      readonly objectBytes: number;
    }
  | { readonly ok: false; readonly problem: string };

/**
 * The pack's manifest, checked against the layout and the data file: exactly two regular files
 * (a symlink above all is refused), well-formed unique names, sizes that add up to the data.
 */
function listPack(directory: string): Listing {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return { ok: false, problem: 'it is empty' };
    throw error;
  }
  for (const entry of entries) {
    if (entry.name !== MANIFEST_FILE && entry.name !== DATA_FILE) return { ok: false, problem: `unexpected entry '${entry.name}'` };
    if (!entry.isFile()) return { ok: false, problem: `'${entry.name}' is not a regular file` };
  }
  if (entries.length !== 2) return { ok: false, problem: `it lacks ${MANIFEST_FILE} or ${DATA_FILE}` };
  let manifest: unknown;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(directory, MANIFEST_FILE), 'utf8'));
  } catch (error) {
    return { ok: false, problem: `its manifest is not JSON (${(error as Error).message})` };
  }
  const value = manifest as Partial<PackManifest> | null;
  if (typeof value !== 'object' || value === null || value.format !== PACK_FORMAT || value.version !== PACK_VERSION) {
    return { ok: false, problem: `its manifest is not a ${PACK_FORMAT} version ${PACK_VERSION}` };
  }
  const objects = sizedList(value.objects, (name) => /^[0-9a-f]{64}x?$/.test(name));
  const refs = sizedList(value.refs, (name) => /^[^/]+\/[^/]+\/[^/]+$/.test(name) && !name.split('/').some((part) => part === '.' || part === '..'));
  if (typeof objects === 'string') return { ok: false, problem: `manifest objects: ${objects}` };
  if (typeof refs === 'string') return { ok: false, problem: `manifest refs: ${refs}` };
  if (refs.length === 0) return { ok: false, problem: 'it holds no refs' };
  const objectBytes = objects.reduce((sum, [, size]) => sum + size, 0);
  const total = objectBytes + refs.reduce((sum, [, size]) => sum + size, 0);
  const data = path.join(directory, DATA_FILE);
  const actual = fs.statSync(data).size;
  if (actual !== total) return { ok: false, problem: `its data holds ${actual} bytes, not the ${total} its manifest lists` };
  return { ok: true, data, objects, refs, objectBytes };
}

/** `[[name, size], ...]` with valid, unique names and whole sizes, or what is wrong with it. */
function sizedList(value: unknown, validName: (name: string) => boolean): Array<readonly [string, number]> | string {
  if (!Array.isArray(value)) return 'not a list';
  const seen = new Set<string>();
  const out: Array<readonly [string, number]> = [];
  for (const item of value) {
    if (!Array.isArray(item) || item.length !== 2) return 'an entry is not [name, size]';
    const [name, size] = item as [unknown, unknown];
    if (typeof name !== 'string' || !validName(name)) return `invalid name ${JSON.stringify(name)}`;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return `invalid size for ${name}`;
    if (seen.has(name)) return `${name} is listed twice`;
    seen.add(name);
    out.push([name, size]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The data file: objects and ref texts back to back, copied in bounded chunks so that an object
// larger than memory (a disk image) passes through too.

const CHUNK = 8 * 1024 * 1024;

/** Appends a file's bytes to `fd`; returns how many. */
function appendFile(fd: number, source: string): number {
  const input = fs.openSync(source, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    let total = 0;
    for (;;) {
      const read = fs.readSync(input, buffer, 0, CHUNK, null);
      if (read === 0) return total;
      writeAll(fd, buffer.subarray(0, read));
      total += read;
    }
  } finally {
    fs.closeSync(input);
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let written = 0;
  while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
}

function readRange(fd: number, offset: number, size: number): Buffer {
  const buffer = Buffer.allocUnsafe(size);
  let done = 0;
  while (done < size) {
    const read = fs.readSync(fd, buffer, done, size - done, offset + done);
    if (read === 0) throw new Error('the pack data ends early');
    done += read;
  }
  return buffer;
}

/** One object of the data file into the store: in memory when small, through a temporary file when not. */
function storeRange(store: ContentStore, fd: number, offset: number, size: number, executable: boolean): { hash: string; sizeBytes: number } {
  if (size <= CHUNK) return store.putBytes(readRange(fd, offset, size), executable);
  const temporary = store.temporaryPath('pack');
  const output = fs.openSync(temporary, 'w', 0o600);
  try {
    for (let done = 0; done < size; done += CHUNK) writeAll(output, readRange(fd, offset + done, Math.min(CHUNK, size - done)));
  } finally {
    fs.closeSync(output);
  }
  try {
    return store.putFile(temporary, { move: true, executable });
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
