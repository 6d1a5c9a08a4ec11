// The bare mirror of one remote repository, at `<sourceCache>/git/<url made filesystem-safe>`,
// named after the alias's own URL so that fetching from a project mirror fills the same one. A
// mirror first appears by rename, once a fetch into a temporary directory succeeded, so no
// reader ever sees an empty or half-cloned one; later fetches add to it in place. It never
// touches a working tree: checkouts are checkout.ts's job.

import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CairnError, type Provenance } from '../../format/errors.js';
import { firstThatWorks } from '../url-fallback.js';
import type { RemoteUrl } from './config.js';
import { gitMessage, runGit, runGitSync } from './host-git.js';

/** A commit as a ref may pin it: full (sha1 or sha256) or abbreviated hex. */
const COMMIT = /^[0-9a-f]{4,64}$/i;
const FULL_COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

export function isCommitId(text: string): boolean {
  return COMMIT.test(text);
}

/** Longest mirror directory name kept whole; longer ones end in a digest (NAME_MAX is 255). */
const NAME_LIMIT = 160;

/**
 * Where the mirror of `url` lives. As BuildStream names them (`utils.url_directory_name`):
 * every character but letters, digits, `%` and `_` becomes `_`.
 */
export function mirrorDirectory(sourceCache: string, url: string): string {
  let name = url.replace(/[^A-Za-z0-9%_]/g, '_');
  if (name.length > NAME_LIMIT) name = `${name.slice(0, NAME_LIMIT)}_${createHash('sha256').update(url).digest('hex').slice(0, 16)}`;
  return path.join(sourceCache, 'git', name);
}

/** Commits known to be in a mirror. Objects are never removed from a mirror, so a yes stays true. */
const held = new Set<string>();

/** The full id of `commit` when the mirror holds it as a commit; undefined otherwise. */
export function commitInMirror(mirror: string, commit: string): string | undefined {
  if (!isCommitId(commit) || !fs.existsSync(mirror)) return undefined;
  const memo = `${mirror}\0${commit}`;
  const found = runGitSync(['rev-parse', '--verify', '--quiet', `${commit}^{commit}`], { cwd: mirror });
  if (found.code !== 0) return undefined;
  held.add(memo);
  return found.stdout.trim();
}

export function holdsCommit(mirror: string, commit: string): boolean {
  if (held.has(`${mirror}\0${commit}`) && fs.existsSync(mirror)) return true;
  return commitInMirror(mirror, commit) !== undefined;
}

/** One fetch into a mirror at a time in this process; git's ref locks would fail the second. */
const busy = new Map<string, Promise<unknown>>();

export async function withMirrorLock<T>(mirror: string, work: () => Promise<T>): Promise<T> {
  const before = busy.get(mirror) ?? Promise.resolve();
  const mine = before.then(work, work);
  const settled = mine.then(
    () => undefined,
    () => undefined,
  );
  busy.set(mirror, settled);
  try {
    return await mine;
  } finally {
    if (busy.get(mirror) === settled) busy.delete(mirror);
  }
}

export interface FetchOptions {
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
  /** Where the URL is written, for a failed fetch. */
  readonly at: Provenance;
}

/** Every branch and tag, as BuildStream's git source fetches them; upstream deletions pruned. */
const ALL_REFS = ['+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*'];

async function git(args: readonly string[], cwd: string, options: FetchOptions): Promise<void> {
  const output = await runGit(args, { cwd }, options.signal, options.at);
  if (output.code !== 0) throw new CairnError('fetch-failed', `git ${args[0]} failed: ${gitMessage(output)}`, options.at);
}

async function fetchInto(repository: string, url: string, refspecs: readonly string[], options: FetchOptions): Promise<void> {
  const output = await runGit(['fetch', '--prune', '--no-recurse-submodules', url, ...refspecs], { cwd: repository }, options.signal, options.at);
  if (output.code !== 0) throw new CairnError('fetch-failed', `could not fetch from git repository ${url}: ${gitMessage(output)}`, options.at);
}

/**
 * Fetches `refspecs` from `url` into the mirror. The first time, into a fresh bare repository
 * beside it that is renamed into place only when the fetch worked.
 */
export async function fetchRefs(mirror: string, url: string, refspecs: readonly string[], options: FetchOptions): Promise<void> {
  if (fs.existsSync(mirror)) {
    await fetchInto(mirror, url, refspecs, options);
    return;
  }
  const parent = path.dirname(mirror);
  await fs.promises.mkdir(parent, { recursive: true });
  // Mirror names never start with a dot, so a temporary name can never be taken for one.
  const temporary = path.join(parent, `.${path.basename(mirror)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.promises.mkdir(temporary);
    await git(['init', '--quiet', '--bare', '--template=', temporary], temporary, options);
    options.log(`cloning ${url}`);
    await fetchInto(temporary, url, refspecs, options);
    try {
      await fs.promises.rename(temporary, mirror);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
      // Another fetch made the mirror first; bring what this one asked for into that one.
      options.log(`${path.basename(mirror)} was cloned meanwhile; fetching into it`);
      await fetchInto(mirror, url, refspecs, options);
    }
  } finally {
    await fs.promises.rm(temporary, { recursive: true, force: true });
  }
}

/** Every branch and tag of `url`, into the mirror. */
export function fetchAllRefs(mirror: string, url: string, options: FetchOptions): Promise<void> {
  return fetchRefs(mirror, url, ALL_REFS, options);
}

export interface WantedCommit {
  readonly mirror: string;
  readonly url: RemoteUrl;
  /** Full or abbreviated commit id. */
  readonly commit: string;
  /** What the commit is called in errors: "ref 'v1.0-2-gabc…'" or "submodule 'lib' commit abc…". */
  readonly what: string;
  /** Where an error about the commit points: `ref:` for the source itself. */
  readonly at: Provenance;
}

/**
 * Makes the mirror hold `wanted.commit`: a no-op when it does, else every branch and tag is
 * fetched (and, when the commit is on none of them, the commit itself, which most servers
 * allow) from each candidate URL in turn until one has it.
 */
export async function ensureCommit(wanted: WantedCommit, options: Omit<FetchOptions, 'at'>): Promise<void> {
  if (!isCommitId(wanted.commit)) {
    throw new CairnError('invalid-data', `${wanted.what} is not a commit id`, wanted.at, 'a git ref is a commit sha, or `git describe` output ending in -g<sha>');
  }
  await withMirrorLock(wanted.mirror, async () => {
    if (holdsCommit(wanted.mirror, wanted.commit)) return;
    const fetchOptions: FetchOptions = { ...options, at: wanted.url.at };
    await firstThatWorks(
      wanted.url.candidates('fetch'),
      async (url) => {
        options.log(`fetching ${url}`);
        await fetchAllRefs(wanted.mirror, url, fetchOptions);
        if (holdsCommit(wanted.mirror, wanted.commit)) return;
        if (FULL_COMMIT.test(wanted.commit)) {
          const single = `+${wanted.commit}:refs/cairn/commits/${wanted.commit}`;
          const output = await runGit(['fetch', '--no-recurse-submodules', url, single], { cwd: wanted.mirror }, options.signal, wanted.url.at);
          if (output.code === 0 && holdsCommit(wanted.mirror, wanted.commit)) return;
        }
        throw new CairnError(
          'fetch-failed',
          `${wanted.what} was not found in git repository ${url}`,
          wanted.at,
          'check the commit, or track the source again to pin one that exists',
        );
      },
      { written: wanted.url.written, at: wanted.url.at, log: options.log, doing: 'fetching' },
    );
  });
}
