// `tar` (and `zip`, which is keyed the same way): an archive pinned by sha256, staged from base-dir.

import { getString } from '../../src/format/accessors.js';
import type { SourcePlugin } from '../../src/project/source-api.js';
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

export const tar = archive('tar');
export const zip = archive('zip');
