// `ostree`: a commit of an OSTree repository, tracked from a branch.

import { getString } from '../../src/format/accessors.js';
import type { SourcePlugin } from '../../src/project/source-api.js';
import { requireKey } from './common.js';

export const ostree: SourcePlugin = {
  kind: 'ostree',
  configKeys: ['url', 'ref', 'track', 'gpg-key'],
  needsFetch: true,
  validate: (source) => void requireKey(source, 'url'),
  isResolved: (source) => getString(source.config, 'ref') !== undefined,
  uniqueKey: (source) => [requireKey(source, 'url'), getString(source.config, 'ref') ?? ''],
};
