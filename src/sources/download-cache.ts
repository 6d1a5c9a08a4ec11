// The content-addressed download cache: a file pinned by sha256 lives at
// `<sourceCache>/<kind>/<sha256>`. An entry only ever appears by rename after its digest was
// verified, so no reader sees a partial or wrong file, and two processes fetching the same file
// at once both end with the same complete entry. It never keeps a file whose digest is wrong.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CairnError, type Provenance } from '../format/errors.js';
import { downloadToFile, type TransferOptions } from './download.js';

const SHA256 = /^[0-9a-f]{64}$/;

/** Whether `ref` can name a cache entry: a lowercase hex sha256, as BuildStream compares them. */
export function isSha256(ref: string): boolean {
  return SHA256.test(ref);
}

/** Where the file pinned by `ref` lives (or will live) in the cache. */
export function downloadPath(sourceCache: string, kind: string, ref: string): string {
  // A ref becomes a file name, so anything but a digest could name a path elsewhere.
  if (!isSha256(ref)) throw new Error(`download cache: '${ref}' is not a sha256`);
  return path.join(sourceCache, kind, ref);
}

export function isDownloaded(sourceCache: string, kind: string, ref: string): boolean {
  try {
    return fs.statSync(downloadPath(sourceCache, kind, ref)).isFile();
  } catch {
    return false;
  }
}

export interface DownloadRequest extends TransferOptions {
  readonly sourceCache: string;
  readonly kind: string;
  /** The expected sha256, which names the entry. */
  readonly ref: string;
  /** The URL to download, aliases already translated. */
  readonly url: string;
  /** Where the ref was written, for a checksum mismatch (falls back to `at`). */
  readonly refAt?: Provenance;
}

/** Downloads `url` into the cache unless the entry is there already; returns the entry's path. */
export async function ensureDownloaded(request: DownloadRequest): Promise<string> {
  const final = downloadPath(request.sourceCache, request.kind, request.ref);
  if (isDownloaded(request.sourceCache, request.kind, request.ref)) return final;
  const directory = path.dirname(final);
  await fs.promises.mkdir(directory, { recursive: true });
  // Same directory as the entry, so the rename is atomic; a unique name per attempt, so that
  // concurrent fetches of the same ref never write into each other's file.
  const temporary = path.join(directory, `.${request.ref}.${process.pid}.${randomBytes(6).toString('hex')}.part`);
  try {
    request.log(`fetching ${request.url}`);
    const got = await downloadToFile(request.url, temporary, request);
    if (got.sha256 !== request.ref) {
      throw new CairnError(
        'checksum-mismatch',
        `file downloaded from ${request.url} has the wrong sha256: expected ${request.ref}, got ${got.sha256}`,
        request.refAt ?? request.at,
        'if the file changed upstream on purpose, update the ref',
      );
    }
    // Entries are never edited in place; staging copies them.
    await fs.promises.chmod(temporary, 0o444);
    await fs.promises.rename(temporary, final);
    request.log(`cached ${got.bytes} bytes as ${request.kind}/${request.ref}`);
    return final;
  } finally {
    await fs.promises.rm(temporary, { force: true });
  }
}
