// The cache quota: what `cache: quota:` means in bytes, and the disk it is measured against.
// It only reads the filesystem's size; it never looks inside the cache nor removes anything.

import fs from 'node:fs';
import path from 'node:path';
import { CairnError, type Provenance } from '../format/errors.js';

export interface DiskInfo {
  readonly totalBytes: number;
  readonly availableBytes: number;
}

const UNITS: Readonly<Record<string, number>> = { K: 1, M: 2, G: 3, T: 4 };

const QUOTA_FORMS =
  "write a number of bytes (5000000000), a size with K, M, G or T in powers of 1024 (50G, 1.5T, 512MiB), " +
  "a percentage of the disk holding the cache (50%) or 'infinity'";

/**
 * Bytes the cache may use: `infinity`, plain bytes, `K/M/G/T` (also `KB`, `KiB`, powers of
 * 1024 as BuildStream reads them) or `N%` of the disk's total size.
 */
export function parseQuota(text: string, disk: { readonly totalBytes: number }, at?: Provenance): number {
  const written = text.trim();
  const fail = (why: string): never => {
    throw new CairnError('invalid-data', `invalid cache quota '${text}': ${why}`, at, QUOTA_FORMS);
  };
  if (/^infinity$/i.test(written)) return Infinity;
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(written);
  if (percent) {
    const share = Number(percent[1]);
    // More than the whole disk cannot be honoured, so it is a mistake rather than "no limit".
    if (share > 100) fail('a percentage cannot exceed 100%');
    return Math.floor((disk.totalBytes * share) / 100);
  }
  const size = /^(\d+(?:\.\d+)?)\s*(?:([KMGT])(?:i?B)?|B)?$/i.exec(written);
  if (!size) return fail('not a size');
  const unit = size[2] ? UNITS[size[2].toUpperCase()]! : 0;
  const bytes = Math.floor(Number(size[1]) * 1024 ** unit);
  if (!Number.isSafeInteger(bytes)) fail('too large; use infinity for no limit');
  return bytes;
}

/**
 * Half of the filesystem holding the cache. The cache shares that disk with the build's own
 * scratch trees and sources (and, on CI runners, with everything else), and a build's output
 * exists beside the cache until it is ingested, so the other half is headroom for that work.
 */
export function defaultQuota(disk: { readonly totalBytes: number }): number {
  return Math.floor(disk.totalBytes / 2);
}

/** The size of the filesystem that holds `directory` (or would, for a cache not yet created). */
export function diskOf(directory: string): DiskInfo {
  let probe = path.resolve(directory);
  for (;;) {
    try {
      const stats = fs.statfsSync(probe);
      return { totalBytes: stats.blocks * stats.bsize, availableBytes: stats.bavail * stats.bsize };
    } catch (error) {
      const parent = path.dirname(probe);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === probe) throw error;
      probe = parent;
    }
  }
}
