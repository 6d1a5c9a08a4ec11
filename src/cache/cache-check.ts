// Checking the cache: every object is hashed again and compared with its name, and every ref
// is followed to the objects it needs. Repair removes what cannot be trusted so the artifacts
// are rebuilt; it never removes a healthy artifact, and never an object before the refs that name it.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { ArtifactCache, ArtifactRef } from './artifact-cache.js';
import { isMissing, lstatOrUndefined, unlinkIfPresent } from './content-store.js';
import type { Digest } from './directory-digest.js';
import { Pacer, isHash, locateObject, readRef, readTreeAt, type RefRoots } from './reachability.js';

export interface CorruptObject {
  readonly path: string;
  /** The hash the object's name claims. */
  readonly expected: string;
  /** The hash of its bytes, or what it is instead of a file. */
  readonly actual: string;
}

export type RefProblem =
  | { readonly kind: 'unreadable'; readonly message: string }
  | { readonly kind: 'missing-object'; readonly object: string }
  | { readonly kind: 'corrupt-object'; readonly object: string };

export interface BrokenRef {
  /** As found on disk: `element` is the element's normal name (the ref's directory). */
  readonly ref: ArtifactRef;
  readonly path: string;
  readonly problem: RefProblem;
}

export interface CheckReport {
  readonly objectsChecked: number;
  readonly corrupt: readonly CorruptObject[];
  readonly brokenRefs: readonly BrokenRef[];
  /** True when the problems listed have been removed (repair mode). */
  readonly repaired: boolean;
}

export async function checkCache(cache: ArtifactCache, options: { readonly repair: boolean }): Promise<CheckReport> {
  const store = cache.store;
  const pacer = new Pacer();
  let objectsChecked = 0;
  const corrupt: CorruptObject[] = [];
  for (const object of store.listObjects()) {
    await pacer.step();
    const stat = lstatOrUndefined(object.path);
    // Gone: collected by another process since the listing.
    if (!stat || stat.isDirectory()) continue;
    let actual: string;
    if (!stat.isFile()) {
      actual = 'not a regular file';
    } else {
      try {
        actual = await hashFile(object.path);
      } catch (error) {
        if (isMissing(error)) continue;
        throw error;
      }
    }
    objectsChecked++;
    if (actual !== object.hash) corrupt.push({ path: object.path, expected: object.hash, actual });
  }

  const corruptPaths = new Set(corrupt.map((c) => c.path));
  const problemOf = treeProblems(cache, corruptPaths, pacer);
  const brokenRefs: BrokenRef[] = [];
  for (const entry of cache.listRefs()) {
    const read = readRef(entry.path);
    if (read.state === 'missing') continue;
    const problem = read.state === 'unreadable' ? { kind: 'unreadable' as const, message: read.message } : await problemOf(read.roots);
    if (problem) brokenRefs.push({ ref: entry.ref, path: entry.path, problem });
  }

  if (options.repair) {
    // Refs first: a ref must never name an object that is already gone.
    for (const broken of brokenRefs) unlinkIfPresent(broken.path);
    for (const object of corrupt) unlinkIfPresent(object.path);
  }
  return { objectsChecked, corrupt, brokenRefs, repaired: options.repair };
}

/**
 * The first problem in a ref's roots, if any. Verdicts on directories are remembered, so a
 * subtree shared by many artifacts (and by an artifact's strong and weak refs) is walked once.
 */
function treeProblems(
  cache: ArtifactCache,
  corruptPaths: ReadonlySet<string>,
  pacer: Pacer,
): (roots: RefRoots) => Promise<RefProblem | undefined> {
  const store = cache.store;
  const verdicts = new Map<string, RefProblem | undefined>();
  const presenceProblem = (at: { readonly path: string; readonly present: boolean }): RefProblem | undefined => {
    if (!at.present) return { kind: 'missing-object', object: at.path };
    if (corruptPaths.has(at.path)) return { kind: 'corrupt-object', object: at.path };
    return undefined;
  };
  const objectProblem = (hash: string, executable: boolean, acceptOtherVariant: boolean): RefProblem | undefined =>
    presenceProblem(locateObject(store, hash, executable, acceptOtherVariant));
  const directoryProblem = async (digest: Digest): Promise<RefProblem | undefined> => {
    if (verdicts.has(digest.hash)) return verdicts.get(digest.hash);
    await pacer.step();
    // A Directory blob is read through either variant, as the store reads blobs.
    const at = locateObject(store, digest.hash, false, true);
    let problem = presenceProblem(at);
    if (!problem) {
      const children = readTreeAt(at.path);
      if (!children) problem = { kind: 'corrupt-object', object: at.path };
      for (const child of children ?? []) {
        if (child.kind === 'symlink') continue;
        if (!isHash(child.digest.hash)) problem = { kind: 'corrupt-object', object: at.path };
        // Staging links exactly the variant the entry asks for, so a file needs that one.
        else if (child.kind === 'file') problem = objectProblem(child.digest.hash, child.isExecutable, false);
        else problem = await directoryProblem(child.digest);
        if (problem) break;
      }
    }
    verdicts.set(digest.hash, problem);
    return problem;
  };
  return async (roots) => {
    const log = roots.log && objectProblem(roots.log.hash, false, true);
    if (log) return log;
    return roots.files && (await directoryProblem(roots.files));
  };
}

/** Streams the file through sha256: objects can be gigabytes. */
async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
