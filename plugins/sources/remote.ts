// `remote`: one downloaded file, pinned by its sha256.

import { getBool, getString } from '../../src/format/accessors.js';
import { CairnError } from '../../src/format/errors.js';
import type { SourcePlugin } from '../../src/project/source-api.js';
import { DOWNLOAD_KEYS, downloadKey, requireKey } from './common.js';

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
};
