// What the downloadable kinds (remote, tar, zip) share: reading `url` and `ref` from a source's
// configuration, translating the URL's alias, and fetching the file into the download cache
// from the first of its mirrors (or its own URL) that serves it. It never stages anything;
// each kind decides what to do with the cached file.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { scalarOf } from '../format/accessors.js';
import { CairnError } from '../format/errors.js';
import type { SourceContext, SourceView } from '../project/source-api.js';
import { downloadToFile } from './download.js';
import { downloadPath, ensureDownloaded, isDownloaded, isSha256 } from './download-cache.js';
import { firstThatWorks } from './url-fallback.js';
import { candidateUrls, translateUrl } from './urls.js';

/** The URL to download from, with the project's alias applied; errors point at `url:`. */
export function downloadUrl(source: SourceView): string {
  const scalar = scalarOf(source.config, 'url');
  if (!scalar) throw new CairnError('invalid-data', `a ${source.kind} source needs 'url'`, source.at);
  return translateUrl(scalar.value, source.aliases, scalar.at);
}

/** The sha256 that pins the source; errors point at `ref:` (or the source, when there is none). */
function pinnedRef(source: SourceView): string {
  const scalar = scalarOf(source.config, 'ref');
  if (!scalar) {
    throw new CairnError('invalid-data', `the ${source.kind} source has no ref, so there is nothing to fetch`, source.at, "add 'ref:' with the file's sha256");
  }
  if (!isSha256(scalar.value)) {
    throw new CairnError('invalid-data', `ref '${scalar.value}' is not a sha256`, scalar.at, 'a ref is the 64 lowercase hex digits of the sha256 of the file');
  }
  return scalar.value;
}

export function isDownloadCached(source: SourceView, context: SourceContext): boolean {
  const ref = scalarOf(source.config, 'ref')?.value;
  return ref !== undefined && isSha256(ref) && isDownloaded(context.sourceCache, source.kind, ref);
}

/** Downloads the pinned file from the first of its mirrors (or its own URL) that serves it. */
export async function fetchDownload(source: SourceView, context: SourceContext): Promise<void> {
  const ref = pinnedRef(source);
  const scalar = scalarOf(source.config, 'url');
  if (!scalar) throw new CairnError('invalid-data', `a ${source.kind} source needs 'url'`, source.at);
  const urls = candidateUrls(scalar.value, source.aliases, source.mirrors, scalar.at, 'fetch');
  const log = (line: string): void => context.log(line);
  await firstThatWorks(
    urls,
    (url) =>
      ensureDownloaded({
        sourceCache: context.sourceCache,
        kind: source.kind,
        ref,
        url,
        at: scalar.at,
        refAt: source.config.get('ref')?.at ?? source.at,
        signal: context.signal,
        log,
      }),
    { written: scalar.value, at: scalar.at, log, doing: 'fetching' },
  );
}

/** The cached file for staging; a source-not-cached error when it was never fetched. */
export function cachedDownload(source: SourceView, context: SourceContext): string {
  const ref = pinnedRef(source);
  if (!isDownloaded(context.sourceCache, source.kind, ref)) {
    throw new CairnError('source-not-cached', `the ${source.kind} source ${scalarOf(source.config, 'url')?.value ?? ''} has not been fetched`, source.at, 'fetch it first');
  }
  return downloadPath(context.sourceCache, source.kind, ref);
}

/**
 * `track` for downloadable kinds: downloads the URL as it is now (the alias's own URL first,
 * then mirrors, as BuildStream tracks), keeps the file in the download cache under its sha256,
 * and returns that sha256 as the new ref. A changed file is logged, as BuildStream warns.
 */
export async function trackDownload(source: SourceView, context: SourceContext): Promise<{ ref: string }> {
  const scalar = scalarOf(source.config, 'url');
  if (!scalar) throw new CairnError('invalid-data', `a ${source.kind} source needs 'url'`, source.at);
  const urls = candidateUrls(scalar.value, source.aliases, source.mirrors, scalar.at, 'track');
  const log = (line: string): void => context.log(line);
  const directory = path.join(context.sourceCache, source.kind);
  await fs.promises.mkdir(directory, { recursive: true });
  const temporary = path.join(directory, `.track.${process.pid}.${randomBytes(6).toString('hex')}.part`);
  try {
    const got = await firstThatWorks(urls, (url) => downloadToFile(url, temporary, { signal: context.signal, log, at: scalar.at }), {
      written: scalar.value,
      at: scalar.at,
      log,
      doing: 'tracking',
    });
    const previous = scalarOf(source.config, 'ref')?.value;
    if (previous !== undefined && previous !== got.sha256) log(`warning: ${scalar.value} changed: its sha256 was ${previous}, it is now ${got.sha256}`);
    const final = downloadPath(context.sourceCache, source.kind, got.sha256);
    if (!isDownloaded(context.sourceCache, source.kind, got.sha256)) {
      await fs.promises.chmod(temporary, 0o444);
      await fs.promises.rename(temporary, final);
    }
    return { ref: got.sha256 };
  } finally {
    await fs.promises.rm(temporary, { force: true });
  }
}
