// Artifacts: one small JSON record per element and cache key, naming the output tree and the
// build log in the content store, stored under refs/<project>/<element>/<key> for both the
// strong and the weak key, as BuildStream does. Records are written to a temporary name and
// renamed, so a ref is either absent or complete. Touching a ref marks it recently used.

import fs from 'node:fs';
import path from 'node:path';
import { CairnError } from '../format/errors.js';
import type { JsonValue } from './canonical-json.js';
import { ContentStore, isMissing, readdirOrEmpty } from './content-store.js';
import type { Digest } from './directory-digest.js';
import { parseRef } from './reachability.js';

export const ARTIFACT_RECORD_VERSION = 1;

export interface ArtifactRecord {
  readonly version: typeof ARTIFACT_RECORD_VERSION;
  readonly project: string;
  /** The element's name inside its project. */
  readonly element: string;
  readonly keys: { readonly strong: string; readonly weak: string; readonly strict: string };
  /** Strong keys of the direct build dependencies the artifact was built with. */
  readonly dependencies: ReadonlyArray<{ readonly project: string; readonly element: string; readonly key: string }>;
  readonly result: { readonly success: true } | { readonly success: false; readonly message: string; readonly detail?: string };
  /** The output tree (absent for a failed build). */
  readonly files?: Digest;
  readonly log?: Digest;
  /** `public:` after variable expansion. */
  readonly public: JsonValue;
  readonly timing: { readonly started: string; readonly durationMs: number };
  /** Bytes of the files in the output tree. */
  readonly size: number;
}

/** BuildStream's normal name: the element path without `.bst`, slashes made dashes. */
export function normalName(element: string): string {
  return element.replace(/\.bst$/, '').replace(/\//g, '-');
}

export interface ArtifactRef {
  readonly project: string;
  readonly element: string;
  readonly key: string;
}

export class ArtifactCache {
  readonly store: ContentStore;
  private readonly refs: string;

  constructor(readonly directory: string) {
    this.store = new ContentStore(path.join(directory, 'cas'));
    this.refs = path.join(directory, 'artifacts', 'refs');
  }

  refPath(ref: ArtifactRef): string {
    return path.join(this.refs, ref.project, normalName(ref.element), ref.key);
  }

  /** The record under this key, or undefined. Marks it used unless `touch` is false. */
  lookup(ref: ArtifactRef, touch = true): ArtifactRecord | undefined {
    const file = this.refPath(ref);
    const stored = readStoredRecord(file);
    if (stored && touch) touchFile(file);
    return stored?.record;
  }

  /** Writes the record under its strong and weak keys. */
  put(record: ArtifactRecord): void {
    const text = JSON.stringify(record, null, 1) + '\n';
    for (const key of new Set([record.keys.strong, record.keys.weak])) {
      const file = this.refPath({ project: record.project, element: record.element, key });
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const temporary = this.store.temporaryPath('ref');
      fs.writeFileSync(temporary, text);
      fs.renameSync(temporary, file);
    }
  }

  /** Removes the refs of an artifact (its objects go with the next garbage collection). */
  delete(ref: ArtifactRef): boolean {
    const stored = readStoredRecord(this.refPath(ref));
    if (!stored) return false;
    const { record, text } = stored;
    for (const key of new Set([ref.key, record.keys.strong, record.keys.weak])) {
      const file = this.refPath({ ...ref, key });
      try {
        // A weak ref may since name a newer build of the element: only this record's refs go.
        if (key !== ref.key && fs.readFileSync(file, 'utf8') !== text) continue;
        fs.unlinkSync(file);
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    }
    return true;
  }

  /** Every ref file, with when it was last used. */
  *listRefs(): Generator<{ readonly ref: ArtifactRef; readonly path: string; readonly usedMs: number }> {
    for (const project of readdirOrEmpty(this.refs)) {
      for (const element of readdirOrEmpty(path.join(this.refs, project))) {
        for (const key of readdirOrEmpty(path.join(this.refs, project, element))) {
          const file = path.join(this.refs, project, element, key);
          let usedMs: number;
          try {
            usedMs = fs.statSync(file).mtimeMs;
          } catch {
            continue;
          }
          yield { ref: { project, element, key }, path: file, usedMs };
        }
      }
    }
  }
}

/**
 * The record in a ref file and the text it was read from, or undefined when there is none or it
 * is another Cairn version's (which may share the cache). A damaged ref throws: it is the cache's
 * fault, not the build's, so the error names the file and the command that removes it.
 */
function readStoredRecord(file: string): { readonly record: ArtifactRecord; readonly text: string } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
  const parsed = parseRef(text);
  if (parsed.state === 'unreadable') throw damagedRef(file, parsed.message);
  if (parsed.record['version'] !== ARTIFACT_RECORD_VERSION) return undefined;
  return { record: parsed.record as unknown as ArtifactRecord, text };
}

function damagedRef(file: string, why: string): CairnError {
  // No user file caused this, so there is no provenance; `cache check --repair` removes exactly
  // such refs (as 'unreadable'), after which the artifact is built again.
  return new CairnError('cache-corrupt', `damaged artifact ref ${file}: ${why}`, undefined, 'run cairn cache check --repair to remove it; the artifact is then built again');
}

function touchFile(file: string): void {
  const now = new Date();
  try {
    fs.utimesSync(file, now, now);
  } catch {
    // Another process may have expired it meanwhile; the record already read stays valid.
  }
}
