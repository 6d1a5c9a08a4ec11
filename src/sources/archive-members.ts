// What tar and zip extraction share about member names: the leading `./` BuildStream ignores,
// refusing names that could land outside the staging directory, and choosing `base-dir`.

import { globMatcher } from '../cache/glob.js';
import { CairnError, type Provenance } from '../format/errors.js';
import type { Placement } from './staging-root.js';

/** A member name without leading `./` (however many) or trailing `/`. */
export function withoutDotSlash(name: string): string {
  let result = name;
  while (result.startsWith('./')) result = result.slice(2);
  if (result === '.') return '';
  while (result.endsWith('/') && result.length > 1) result = result.slice(0, -1);
  return result;
}

/**
 * The path components of a member name relative to the staging directory. An absolute name, a
 * `..` component or a NUL byte is refused rather than repaired, as BuildStream refuses members
 * that would land outside the staging area. `raw` is the name as the archive wrote it.
 */
export function safeComponents(name: string, member: Placement, raw: string = name): string[] {
  if (raw.startsWith('/') || name.startsWith('/')) {
    throw new CairnError('unsafe-archive', `${member.what} has an absolute path`, member.at, 'an archive may only hold relative paths');
  }
  if (raw.includes('\0')) throw new CairnError('unsafe-archive', `${member.what} has a NUL byte in its name`, member.at);
  const components = name.split('/').filter((part) => part !== '' && part !== '.');
  if (components.includes('..')) {
    throw new CairnError('unsafe-archive', `${member.what} has a '..' component and could escape the staging directory`, member.at);
  }
  return components;
}

export interface MemberName {
  /** The name as written. */
  readonly raw: string;
  /** The name without leading `./`. */
  readonly name: string;
  readonly isDirectory: boolean;
}

/**
 * BuildStream's `base-dir`: the first, in sorted order, of the archive's directories matching
 * the glob. Directories only implied by deeper members count too, since many archives have no
 * entry for their top directory.
 */
export function chooseBaseDir(members: Iterable<MemberName>, baseDir: string, label: string, at: Provenance): string {
  const directories = new Set<string>();
  for (const member of members) {
    if (member.raw.startsWith('/')) continue;
    const parts = member.name.split('/').filter((part) => part !== '' && part !== '.');
    const depth = member.isDirectory ? parts.length : parts.length - 1;
    // A '..' is refused when extracted; no directory at or below one is offered as the base.
    for (let i = 1; i <= depth && parts[i - 1] !== '..'; i++) directories.add(parts.slice(0, i).join('/'));
  }
  // BuildStream matches the glob against paths with a leading slash; `*` stays in one component.
  const matches = globMatcher([`/${baseDir.replace(/^\/+/, '')}`]);
  const first = [...directories].filter((directory) => matches(`/${directory}`)).sort()[0];
  if (first === undefined) {
    throw new CairnError('invalid-data', `no directory in ${label} matches base-dir '${baseDir}'`, at, "set base-dir to one of the archive's directories, or '' for the whole archive");
  }
  return first;
}
