// Provenance paths are relative to the project; GitHub wants paths relative to the repository.
// Positions that are no file of the repository (a junctioned subproject, built-in defaults, the
// command line) must never be passed off as one.

import { formatProvenance, type Provenance } from '../../format/errors.js';

/**
 * Whether a provenance names a file of the project itself. Others are shown as
 * `junction.bst:elements/x.bst`, `[builtin project defaults]` or `<command line>`.
 */
export function inRepository(p: Provenance): boolean {
  return p.file !== '' && !p.file.includes(':') && !/^[[<]/.test(p.file) && !p.file.startsWith('/');
}

/** `projectDirectory` + `file`, normalised, with `/` separators. */
export function repositoryPath(projectDirectory: string, file: string): string {
  const out: string[] = [];
  for (const part of [...projectDirectory.split(/[\\/]/), ...file.split(/[\\/]/)]) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** `file:line:column`, repository-relative when the file is one of the project's. */
export function describePosition(projectDirectory: string, p: Provenance): string {
  return formatProvenance(inRepository(p) ? { ...p, file: repositoryPath(projectDirectory, p.file) } : p);
}
