// `tar` and `zip`: an archive downloaded from a URL, pinned by sha256, staged from base-dir. The
// two are keyed, fetched and tracked the same way; only the extraction differs.

import { getString } from '../../src/format/accessors.js';
import type { SourcePlugin } from '../../src/project/source-api.js';
import { cachedDownload, downloadUrl, fetchDownload, isDownloadCached, trackDownload } from '../../src/sources/downloadable.js';
import { extractTar, type ExtractRequest } from '../../src/sources/tar-extract.js';
import { extractZip } from '../../src/sources/zip-extract.js';
import { DOWNLOAD_KEYS, downloadKey, requireKey } from './common.js';

function archive(kind: string, extract: (request: ExtractRequest) => Promise<void>): SourcePlugin {
  return {
    kind,
    configKeys: [...DOWNLOAD_KEYS, 'base-dir'],
    needsFetch: true,
    validate: (source) => void requireKey(source, 'url'),
    isResolved: (source) => getString(source.config, 'ref') !== undefined,
    uniqueKey: (source) => [...downloadKey(source), getString(source.config, 'base-dir') ?? '*'],
    isCached: isDownloadCached,
    fetch: fetchDownload,
    track: trackDownload,
    async stage(source, directory, context) {
      await extract({
        archive: cachedDownload(source, context),
        label: downloadUrl(source),
        directory,
        baseDir: getString(source.config, 'base-dir') ?? '*',
        baseDirAt: source.config.get('base-dir')?.at,
        at: source.at,
        signal: context.signal,
        log: (line) => context.log(line),
      });
    },
  };
}

export const tar: SourcePlugin = archive('tar', extractTar);
export const zip: SourcePlugin = archive('zip', extractZip);
