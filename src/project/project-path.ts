// Project-relative paths from project files (element-path, includes, local sources, patches):
// resolved against the project directory and never allowed to leave it.

import fs from 'node:fs';
import path from 'node:path';
import { CairnError } from '../format/errors.js';
import type { ScalarNode } from '../format/node.js';

/** A project-relative path that must stay inside the project. */
export function projectPath(directory: string, scalar: ScalarNode, what: string, kind?: 'file' | 'directory'): string {
  const relative = scalar.value;
  if (path.isAbsolute(relative)) throw new CairnError('invalid-path', `${what} '${relative}' must be relative to the project`, scalar.at);
  const full = path.resolve(directory, relative);
  if (!isInside(directory, full)) {
    throw new CairnError('invalid-path', `${what} '${relative}' points outside the project`, scalar.at);
  }
  if (kind) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      throw new CairnError('missing-file', `${what} '${relative}' does not exist`, scalar.at);
    }
    if (kind === 'directory' && !stat.isDirectory()) throw new CairnError('invalid-path', `${what} '${relative}' is not a directory`, scalar.at);
    if (kind === 'file' && !stat.isFile()) throw new CairnError('invalid-path', `${what} '${relative}' is not a regular file`, scalar.at);
  }
  return full;
}

/**
 * Whether the absolute path `full` is `root` or below it. A bare prefix test is not enough: it
 * would take /w/proj-other for a directory of /w/proj.
 */
export function isInside(root: string, full: string): boolean {
  return full === root || full.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}
