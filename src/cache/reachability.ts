// What a ref needs from the content store: the Directory blobs and file objects of its output
// tree, and its log. Garbage collection keeps these and the cache check looks for them; this
// module only reads, and never decides from a record's version alone that its objects are free.

import fs from 'node:fs';
import type { ContentStore } from './content-store.js';
import { isMissing, yieldToEventLoop } from './content-store.js';
import type { Digest, DirectoryChild } from './directory-digest.js';
import { decodeDirectory } from './directory-message.js';

/** The digests a ref's record names; either may be absent (a failed build has no tree). */
export interface RefRoots {
  readonly files?: Digest;
  readonly log?: Digest;
}

export type RefRead =
  | { readonly state: 'ok'; readonly roots: RefRoots; readonly record: { readonly [key: string]: unknown } }
  | { readonly state: 'missing' }
  | { readonly state: 'unreadable'; readonly message: string };

/** Where one object the walk met lives; `present` is false when no variant of it is in the store. */
export interface NeededObject {
  /** `<hash>` or `<hash>x`, as `objectKey` spells it. */
  readonly key: string;
  readonly path: string;
  readonly present: boolean;
  readonly sizeBytes: number;
}

const HASH = /^[0-9a-f]{64}$/;
const YIELD_EVERY = 256;

export function isHash(value: unknown): value is string {
  return typeof value === 'string' && HASH.test(value);
}

/** One name per object on disk, matching the file name (`<hash>` or `<hash>x`). */
export function objectKey(hash: string, executable: boolean): string {
  return executable ? `${hash}x` : hash;
}

/**
 * The roots of the record in a ref file, read without trusting its version: a record written by
 * an older or newer Cairn sharing the cache still holds its objects.
 */
export function readRef(file: string): RefRead {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return { state: 'missing' };
    throw error;
  }
  return parseRef(text);
}

/** A ref file's text checked as `readRef` checks it: for a reader that needs the text as well. */
export function parseRef(text: string): Exclude<RefRead, { readonly state: 'missing' }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { state: 'unreadable', message: `not JSON: ${(error as Error).message}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { state: 'unreadable', message: 'not a JSON object' };
  }
  const record = parsed as { readonly [key: string]: unknown };
  const roots: { files?: Digest; log?: Digest } = {};
  for (const field of ['files', 'log'] as const) {
    const value = record[field];
    if (value === undefined) continue;
    const digest = asDigest(value);
    // A hash that is not 64 hex digits could name any path once joined into the store.
    if (!digest) return { state: 'unreadable', message: `'${field}' is not a digest` };
    roots[field] = digest;
  }
  return { state: 'ok', roots, record };
}

function asDigest(value: unknown): Digest | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { hash, sizeBytes } = value as { hash?: unknown; sizeBytes?: unknown };
  if (!isHash(hash) || typeof sizeBytes !== 'number' || !Number.isSafeInteger(sizeBytes) || sizeBytes < 0) return undefined;
  return { hash, sizeBytes };
}

/**
 * The object for `hash` in the variant asked for. With `acceptOtherVariant`, the other variant
 * stands in when the asked one is absent: blobs are read through either (`readBytes` falls
 * back), and for a file it is the safe answer when unsure which one a reader will use.
 */
export function locateObject(
  store: ContentStore,
  hash: string,
  executable: boolean,
  acceptOtherVariant: boolean,
): { readonly key: string; readonly path: string; readonly present: boolean } {
  const wanted = store.objectPath(hash, executable);
  if (fs.existsSync(wanted)) return { key: objectKey(hash, executable), path: wanted, present: true };
  if (acceptOtherVariant) {
    const other = store.objectPath(hash, !executable);
    if (fs.existsSync(other)) return { key: objectKey(hash, !executable), path: other, present: true };
  }
  return { key: objectKey(hash, executable), path: wanted, present: false };
}

/** The entries of the Directory blob at `file`, or undefined when it cannot be read or decoded. */
export function readTreeAt(file: string): readonly DirectoryChild[] | undefined {
  try {
    return decodeDirectory(fs.readFileSync(file));
  } catch {
    return undefined;
  }
}

/** Lets other work run every few hundred steps of a long synchronous walk. */
export class Pacer {
  private steps = 0;

  async step(): Promise<void> {
    if (++this.steps % YIELD_EVERY === 0) await yieldToEventLoop();
  }
}

/**
 * Calls `visit` once for every object the roots reach that is not yet in `visited` (and adds
 * it). A directory already descended is not descended again, so one `visited` set shared across
 * refs walks each shared subtree once. A directory blob that is missing or does not decode is
 * visited but has no children: whatever it named can no longer be reached through it.
 */
export async function walkNeeded(
  store: ContentStore,
  roots: RefRoots,
  visited: Set<string>,
  visit: (object: NeededObject) => void,
  pacer: Pacer,
): Promise<void> {
  const meet = (hash: string, executable: boolean, sizeBytes: number): NeededObject => {
    const object = { ...locateObject(store, hash, executable, true), sizeBytes };
    if (!visited.has(object.key)) {
      visited.add(object.key);
      visit(object);
    }
    return object;
  };
  const walk = async (digest: Digest): Promise<void> => {
    // Descent is recorded under its own name: a file may hold exactly a Directory message's bytes
    // (the empty file is the empty directory), and meeting it as a file must not skip the subtree.
    const descended = `/${digest.hash}`;
    if (visited.has(descended)) return;
    visited.add(descended);
    await pacer.step();
    const directory = meet(digest.hash, false, digest.sizeBytes);
    if (!directory.present) return;
    for (const child of readTreeAt(directory.path) ?? []) {
      if (child.kind === 'symlink' || !isHash(child.digest.hash)) continue;
      if (child.kind === 'directory') await walk(child.digest);
      else meet(child.digest.hash, child.isExecutable, child.digest.sizeBytes);
    }
  };
  if (roots.log) meet(roots.log.hash, false, roots.log.sizeBytes);
  if (roots.files) await walk(roots.files);
}
