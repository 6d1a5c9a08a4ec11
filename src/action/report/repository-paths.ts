// Provenance paths are relative to the project; GitHub wants paths relative to the repository.
// Positions that are no file of the repository (a junctioned subproject, built-in defaults, the
// command line) must never be passed off as one.

import { formatProvenance, type Provenance } from '../../format/errors.js';

/**
 * Whether a provenance names a file of the project itself. Others are shown as
 * `junction.bst:elements/x.bst`, `[builtin project defaults]` or `<command line>`.
 */
function inProject(p: Provenance): boolean {
  return p.file !== '' && !p.file.includes(':') && !/^[[<]/.test(p.file) && !p.file.startsWith('/');
}

/**
 * The repository-relative path of the file a provenance names, with `/` separators, or
 * undefined when it is no file of the repository: not one of the project's files, or the
 * project itself lies outside the repository (`project: ../other`, or under RUNNER_TEMP).
 */
export function repositoryFile(projectDirectory: string, p: Provenance): string | undefined {
  if (!inProject(p) || projectDirectory.startsWith('/')) return undefined;
  const out: string[] = [];
  for (const part of [...projectDirectory.split(/[\\/]/), ...p.file.split(/[\\/]/)]) {
    if (part === '' || part === '.') continue;
    if (part !== '..') out.push(part);
    else if (out.pop() === undefined) return undefined;
  }
  return out.join('/');
}

/** `file:line:column`, repository-relative when the file is one of the repository's. */
export function describePosition(projectDirectory: string, p: Provenance): string {
  const file = repositoryFile(projectDirectory, p);
  return formatProvenance(file === undefined ? p : { ...p, file });
}
