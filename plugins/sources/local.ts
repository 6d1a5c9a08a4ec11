// `local`: files from the project itself; always resolved and cached, keyed by the content's
// REAPI digest, staged by copying (symlinks kept, executable bits kept, never followed).

import path from 'node:path';
import { directoryDigestSync } from '../../src/cache/directory-digest.js';
import { CairnError } from '../../src/format/errors.js';
import { scalarOf } from '../../src/format/accessors.js';
import { projectPath } from '../../src/project/project-path.js';
import { copyIntoStaging } from '../../src/sources/copy-tree.js';
import type { SourcePlugin, SourceView } from '../../src/project/source-api.js';

/** Validation and the key both need the digest; a source's view is hashed once. */
const digests = new WeakMap<SourceView, string>();

function digestOf(source: SourceView): string {
  let digest = digests.get(source);
  if (digest === undefined) {
    digest = directoryDigestSync(localPath(source)).hash;
    digests.set(source, digest);
  }
  return digest;
}

function localPath(source: SourceView): string {
  const scalar = scalarOf(source.config, 'path');
  if (!scalar) throw new CairnError('invalid-data', "a local source needs 'path'", source.at);
  return projectPath(source.projectDirectory, scalar, 'local source path', undefined);
}

export const local: SourcePlugin = {
  kind: 'local',
  configKeys: ['path'],
  needsFetch: false,
  validate(source) {
    const full = localPath(source);
    const scalar = scalarOf(source.config, 'path')!;
    try {
      digestOf(source);
    } catch {
      throw new CairnError('missing-file', `local source path '${path.relative(source.projectDirectory, full) || '.'}' does not exist`, scalar.at);
    }
  },
  isResolved: () => true,
  uniqueKey: digestOf,
  // The files are in the project: there is never anything to fetch.
  isCached: () => true,
  async stage(source, directory, context) {
    await copyIntoStaging({ from: localPath(source), directory, at: source.at, signal: context.signal });
  },
};
