// `tar` (and `zip`, which is keyed the same way): an archive pinned by sha256, staged from base-dir.
// Only tar fetches and stages so far; zip keeps its key and validation until it gets an extractor.

import { getString } from '../../src/format/accessors.js';
import type { SourcePlugin } from '../../src/project/source-api.js';
import { cachedDownload, downloadUrl, fetchDownload, isDownloadCached } from '../../src/sources/downloadable.js';
import { extractTar } from '../../src/sources/tar-extract.js';
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
export const zip = archive('zip');
