// `remote`: one downloaded file, pinned by its sha256, staged as `filename` with mode 0755 or 0644.

import fs from 'node:fs';
import { getBool, getString } from '../../src/format/accessors.js';
import { CairnError } from '../../src/format/errors.js';
import type { SourcePlugin, SourceView } from '../../src/project/source-api.js';
import { cachedDownload, downloadUrl, fetchDownload, isDownloadCached, trackDownload } from '../../src/sources/downloadable.js';
import { StagingRoot } from '../../src/sources/staging-root.js';
import { urlBasename } from '../../src/sources/urls.js';
import { DOWNLOAD_KEYS, downloadKey, requireKey } from './common.js';

/**
 * The name to stage under. BuildStream defaults it from the translated URL, so that is what
 * staging uses; the key (below) keeps the untranslated form it has always had.
 */
function stagedName(source: SourceView): string {
  const filename = getString(source.config, 'filename') ?? urlBasename(downloadUrl(source));
  if (filename === '' || filename === '.' || filename === '..' || filename.includes('/')) {
    throw new CairnError('invalid-data', `remote source cannot be staged as '${filename}'`, source.config.get('filename')?.at ?? source.config.get('url')?.at ?? source.at, "set 'filename:' to a plain file name");
  }
  return filename;
}

export const remote: SourcePlugin = {
  kind: 'remote',
  configKeys: [...DOWNLOAD_KEYS, 'filename', 'executable'],
  needsFetch: true,
  validate(source) {
    const url = requireKey(source, 'url');
    const filename = getString(source.config, 'filename') ?? url.slice(url.lastIndexOf('/') + 1);
    if (filename.includes('/')) {
      throw new CairnError('invalid-data', `remote source filename '${filename}' may not contain '/'`, source.config.get('filename')?.at ?? source.at);
    }
    getBool(source.config, 'executable', false);
  },
  isResolved: (source) => getString(source.config, 'ref') !== undefined,
  uniqueKey(source) {
    const url = requireKey(source, 'url');
    const filename = getString(source.config, 'filename') ?? url.slice(url.lastIndexOf('/') + 1);
    return [...downloadKey(source), filename, getBool(source.config, 'executable', false)];
  },
  isCached: isDownloadCached,
  fetch: fetchDownload,
  track: trackDownload,
  async stage(source, directory, context) {
    const cached = cachedDownload(source, context);
    const name = stagedName(source);
    const root = await StagingRoot.open(directory, 'staging-overlap');
    const target = await root.clear(root.real, name, { what: `remote file '${name}'`, at: source.at });
    // A copy, never a hard link into the cache: the build may write to its sources.
    await fs.promises.copyFile(cached, target, fs.constants.COPYFILE_EXCL);
    await fs.promises.chmod(target, getBool(source.config, 'executable', false) ? 0o755 : 0o644);
  },
};
