// `tar` (and `zip`, which is keyed the same way): an archive pinned by sha256, staged from base-dir.

import { getString } from '../../src/format/accessors.js';
import type { SourcePlugin } from '../../src/project/source-api.js';
import { cachedDownload, downloadUrl, fetchDownload, isDownloadCached, trackDownload } from '../../src/sources/downloadable.js';
import { extractTar } from '../../src/sources/tar-extract.js';
import { extractZip } from '../../src/sources/zip-extract.js';
import { DOWNLOAD_KEYS, downloadKey, requireKey } from './common.js';

function archive(kind: string): SourcePlugin {
  return {
    kind,
    configKeys: [...DOWNLOAD_KEYS, 'base-dir'],
    needsFetch: true,
    validate: (source) => void requireKey(source, 'url'),
    isResolved: (source) => getString(source.config, 'ref') !== undefined,
    uniqueKey: (source) => [...downloadKey(source), getString(source.config, 'base-dir') ?? '*'],
  };
}

export const tar: SourcePlugin = {
  ...archive('tar'),
  isCached: isDownloadCached,
  fetch: fetchDownload,
  track: trackDownload,
  async stage(source, directory, context) {
    await extractTar({
      archive: cachedDownload(source, context),
      label: downloadUrl(source),
      directory,
      baseDir: getString(source.config, 'base-dir') ?? '*',
      at: source.at,
      signal: context.signal,
      log: (line) => context.log(line),
    });
  },
};
export const zip: SourcePlugin = {
  ...archive('zip'),
  isCached: isDownloadCached,
  fetch: fetchDownload,
  track: trackDownload,
  async stage(source, directory, context) {
    await extractZip({
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
