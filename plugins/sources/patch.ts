// `patch` (buildstream-plugins): a project file applied to what earlier sources staged, all or
// nothing, with the host's GNU patch.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getString, scalarOf } from '../../src/format/accessors.js';
import { CairnError } from '../../src/format/errors.js';
import { projectPath } from '../../src/project/project-path.js';
import type { SourcePlugin, SourceView } from '../../src/project/source-api.js';
import { applyPatch } from '../../src/sources/apply-patch.js';

function patchFile(source: SourceView): { full: string; relative: string } {
  const scalar = scalarOf(source.config, 'path');
  if (!scalar) throw new CairnError('invalid-data', "a patch source needs 'path'", source.at);
  const full = projectPath(source.projectDirectory, scalar, 'patch', 'file');
  return { full, relative: path.relative(source.projectDirectory, full) };
}

function stripLevel(source: SourceView): number {
  const text = getString(source.config, 'strip-level') ?? '1';
  if (!/^\d+$/.test(text)) throw new CairnError('invalid-data', `strip-level '${text}' is not a whole number`, source.config.get('strip-level')!.at);
  return Number(text);
}

export const patch: SourcePlugin = {
  kind: 'patch',
  configKeys: ['path', 'strip-level'],
  needsFetch: false,
  validate(source) {
    patchFile(source);
    stripLevel(source);
  },
  isResolved: () => true,
  uniqueKey(source) {
    const { full, relative } = patchFile(source);
    const digest = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
    return [relative, digest, stripLevel(source)];
  },
  // The patch is a project file: there is never anything to fetch.
  isCached: () => true,
  async stage(source, directory, context) {
    const { full, relative } = patchFile(source);
    await applyPatch({
      patch: full,
      label: relative,
      stripLevel: stripLevel(source),
      directory,
      at: source.at,
      pathAt: source.config.get('path')?.at ?? source.at,
      signal: context.signal,
      log: (line) => context.log(line),
    });
  },
};
