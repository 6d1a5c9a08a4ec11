// The repositories a git source is made of: the one its `url` names, pinned by `ref`, and the
// submodules it checks out, each pinned by the commit its superproject records and fetched into
// a mirror of its own. Submodules are read from the superproject's mirror, so they are only
// known once the superproject's commit is there; nothing here fetches.

import path from 'node:path';
import { CairnError, type Provenance } from '../../format/errors.js';
import type { SourceView } from '../../project/source-api.js';
import { submoduleUrl, type GitSourceConfig, type RemoteUrl } from './config.js';
import { gitMessage, runGitSync } from './host-git.js';
import { commitInMirror, mirrorDirectory } from './mirror.js';

export interface Repository {
  /** Where it is staged: '' for the source itself, else the submodule's path from the top. */
  readonly path: string;
  readonly url: RemoteUrl;
  /** The commit to check out (as the ref gives it for the top, possibly abbreviated). */
  readonly commit: string;
  readonly mirror: string;
  /** What errors call it: "ref 'abc…'" or "submodule 'lib' (commit abc…)". */
  readonly what: string;
  /** Where an error about its commit points. */
  readonly at: Provenance;
}

/** The commit a ref pins: the ref itself, or the part after the last `-g` of `git describe` output. */
export function commitOf(ref: string): string {
  const cut = ref.lastIndexOf('-g');
  return cut >= 0 ? ref.slice(cut + 2) : ref;
}

/** The source's own repository, or undefined when it has no ref yet. */
export function topRepository(config: GitSourceConfig, sourceCache: string): Repository | undefined {
  if (config.ref === undefined) return undefined;
  return {
    path: '',
    url: config.url,
    commit: commitOf(config.ref.value),
    mirror: mirrorDirectory(sourceCache, config.url.own),
    what: `ref '${config.ref.value}'`,
    at: config.ref.at,
  };
}

interface GitLink {
  /** Path inside its superproject. */
  readonly path: string;
  /** The URL `.gitmodules` gives, as written. */
  readonly url: string | undefined;
  readonly commit: string;
}

/** What a commit's `.gitmodules` and tree say; both are fixed by the commit, so kept. */
const linksOf = new Map<string, { readonly links: readonly GitLink[]; readonly notes: readonly string[] }>();

/**
 * The submodules recorded at `commit` (which the mirror holds): each `.gitmodules` entry whose
 * path is a gitlink in the commit's tree. Entries that are not (never `git submodule add`ed)
 * are skipped with a note, as BuildStream warns `git:inconsistent-submodule` and skips them.
 */
function gitLinks(mirror: string, commit: string, at: Provenance): { readonly links: readonly GitLink[]; readonly notes: readonly string[] } {
  const memo = `${mirror}\0${commit}`;
  const known = linksOf.get(memo);
  if (known) return known;
  const notes: string[] = [];
  const links: GitLink[] = [];
  const top = runGitSync(['ls-tree', '-z', commit, '--', '.gitmodules'], { cwd: mirror }, at);
  if (top.code !== 0) throw new CairnError('fetch-failed', `cannot read the submodules of commit ${commit}: ${gitMessage(top)}`, at);
  if (top.stdout !== '') {
    // git parses the file itself: quoting, continuation lines and comments as git reads them.
    const config = runGitSync(['config', '-z', '--blob', `${commit}:.gitmodules`, '--get-regexp', '^submodule\\..*\\.(path|url)$'], { cwd: mirror }, at);
    const entries = new Map<string, { path?: string; url?: string }>();
    if (config.code === 0) {
      for (const record of config.stdout.split('\0')) {
        const newline = record.indexOf('\n');
        if (newline < 0) continue;
        const key = record.slice(0, newline);
        const value = record.slice(newline + 1);
        const dot = key.lastIndexOf('.');
        const name = key.slice('submodule.'.length, dot);
        const entry = entries.get(name) ?? {};
        if (key.slice(dot + 1) === 'path') entry.path = value;
        else entry.url = value;
        entries.set(name, entry);
      }
    } else if (config.code !== 1) {
      notes.push(`cannot read .gitmodules at ${commit}: ${config.stderr.trim()}`);
    }
    const paths: string[] = [];
    for (const [name, entry] of entries) {
      const where = entry.path?.replace(/\/+$/, '');
      if (where === undefined || !isInsidePath(where)) {
        notes.push(`ignoring submodule '${name}': its path ${where === undefined ? 'is missing' : `'${where}' is not inside the repository`}`);
        continue;
      }
      paths.push(where);
    }
    const tree = paths.length === 0 ? undefined : runGitSync(['ls-tree', '-z', commit, '--', ...paths], { cwd: mirror }, at);
    const gitlinks = new Map<string, string>();
    for (const line of tree?.stdout.split('\0') ?? []) {
      const match = /^160000 commit ([0-9a-f]+)\t(.*)$/s.exec(line);
      if (match) gitlinks.set(match[2]!, match[1]!);
    }
    for (const entry of entries.values()) {
      const where = entry.path?.replace(/\/+$/, '');
      if (where === undefined || !isInsidePath(where)) continue;
      const linked = gitlinks.get(where);
      if (linked === undefined) {
        notes.push(`ignoring inconsistent submodule '${where}': it is in .gitmodules but was never added to the repository`);
        continue;
      }
      links.push({ path: where, url: entry.url, commit: linked });
    }
  }
  const found = { links, notes };
  linksOf.set(memo, found);
  return found;
}

/** A relative path that stays inside its repository. */
function isInsidePath(relative: string): boolean {
  if (relative === '' || path.posix.isAbsolute(relative)) return false;
  return relative.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/**
 * The submodules of `parent` to check out, in `.gitmodules` order: those not turned off by
 * `checkout-submodules: False` or a `checkout: False` override, with the override's URL when
 * there is one. `parent.commit` must be in its mirror.
 */
export function submodulesOf(parent: Repository, config: GitSourceConfig, source: SourceView, sourceCache: string, log: (line: string) => void): Repository[] {
  const commit = commitInMirror(parent.mirror, parent.commit);
  if (commit === undefined) {
    throw new CairnError('source-not-cached', `${parent.what} of git repository ${parent.url.own} has not been fetched`, parent.at, 'fetch it first');
  }
  const { links, notes } = gitLinks(parent.mirror, commit, parent.at);
  for (const note of notes) log(note);
  const result: Repository[] = [];
  for (const link of links) {
    const full = parent.path === '' ? link.path : `${parent.path}/${link.path}`;
    const override = config.submodules.get(full);
    if (!(override?.checkout ?? config.checkoutSubmodules)) continue;
    let url = override?.url;
    if (url === undefined) {
      if (link.url === undefined) {
        throw new CairnError('fetch-failed', `submodule '${full}' has no url in .gitmodules`, config.url.at, `give it one under 'submodules: ${full}: url:', or set 'checkout: False'`);
      }
      url = submoduleUrl(source, link.url, parent.url.own, config.url.at);
    }
    result.push({
      path: full,
      url,
      commit: link.commit,
      mirror: mirrorDirectory(sourceCache, url.own),
      what: `commit ${link.commit} of submodule '${full}'`,
      at: url.at,
    });
  }
  return result;
}
