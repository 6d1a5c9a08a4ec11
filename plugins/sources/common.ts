// What several source kinds share: reading their typed configuration with provenance errors.

import { getString } from '../../src/format/accessors.js';
import { CairnError } from '../../src/format/errors.js';
import type { SourceView } from '../../src/project/source-api.js';

export function requireKey(source: SourceView, key: string): string {
  const value = getString(source.config, key);
  if (value === undefined) {
    throw new CairnError('invalid-data', `a ${source.kind} source needs '${key}'`, source.at);
  }
  return value;
}

/** BuildStream's downloadable files: url and ref, plus version or version-guess-pattern in the key. */
export function downloadKey(source: SourceView): Array<string | null> {
  const key: Array<string | null> = [requireKey(source, 'url'), getString(source.config, 'ref') ?? null];
  const version = getString(source.config, 'version');
  const pattern = getString(source.config, 'version-guess-pattern');
  if (version !== undefined) key.push(version);
  else if (pattern !== undefined) key.push(pattern);
  return key;
}

export const DOWNLOAD_KEYS = ['url', 'ref', 'version', 'version-guess-pattern'] as const;
