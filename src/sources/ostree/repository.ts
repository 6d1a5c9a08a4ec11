// The ostree source's cache: one local repository per source URL under
// `<sourceCache>/ostree/<url made safe>`, holding the commits pulled from it and its mirrors.
// It is an `archive` repository, as BuildStream's own mirror is: plain files, no extended
// attributes, so it survives being saved and restored by a tar-based CI cache. A commit counts
// as present only once every object is in (ostree marks a half-pulled commit as partial).

import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CairnError, type ErrorReason, type Provenance } from '../../format/errors.js';
import { ostreeReason, runOstree } from './host-ostree.js';

const CHECKSUM = /^[0-9a-f]{64}$/;

/** Whether `ref` can be an ostree commit checksum: 64 lowercase hex digits. */
export function isCommitChecksum(ref: string): boolean {
  return CHECKSUM.test(ref);
}

/**
 * Where the repository for `url` (as the source writes it, alias and all, so that every mirror
 * fills the same repository) lives. Characters are made safe as BuildStream's
 * `url_directory_name` does; a very long name is cut and told apart by a digest.
 */
export function repositoryPath(sourceCache: string, url: string): string {
  let name = url.replace(/[^0-9A-Za-z%_]/g, '_');
  if (name.length > 200) name = `${name.slice(0, 150)}_${createHash('sha256').update(url).digest('hex').slice(0, 32)}`;
  return path.join(sourceCache, 'ostree', name);
}

/** Whether the whole of `commit` is in the repository (no pull of it was interrupted). */
export function hasCommit(repository: string, commit: string): boolean {
  if (!isCommitChecksum(commit)) return false;
  return (
    fs.existsSync(path.join(repository, 'objects', commit.slice(0, 2), `${commit.slice(2)}.commit`)) &&
    !fs.existsSync(path.join(repository, 'state', `${commit}.commitpartial`))
  );
}

export interface Operation {
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
  /** Where a failure should point (the source's `url:`, usually). */
  readonly at: Provenance;
}

/** Repository set-up (init, remotes) is serialised per repository within this process. */
const setUps = new Map<string, Promise<unknown>>();

function serialised<T>(repository: string, work: () => Promise<T>): Promise<T> {
  const previous = setUps.get(repository) ?? Promise.resolve();
  const next = previous.then(work, work);
  const settled = next.catch(() => undefined);
  setUps.set(repository, settled);
  void settled.then(() => {
    if (setUps.get(repository) === settled) setUps.delete(repository);
  });
  return next;
}

/** Creates the repository if it is not there yet; it appears whole, by rename, or not at all. */
export function ensureRepository(repository: string, operation: Operation): Promise<void> {
  return serialised(repository, async () => {
    if (fs.existsSync(path.join(repository, 'config'))) return;
    await fs.promises.mkdir(path.dirname(repository), { recursive: true });
    const temporary = `${repository}.${process.pid}.${randomBytes(6).toString('hex')}.init`;
    try {
      await check(operation, ['init', `--repo=${temporary}`, '--mode=archive'], 'could not create the ostree cache repository');
      // Free-space checks would fail pulls on nearly full CI disks that still have room.
      await check(operation, ['config', `--repo=${temporary}`, 'set', 'core.min-free-space-percent', '0'], 'could not configure the ostree cache repository');
      try {
        await fs.promises.rename(temporary, repository);
      } catch (error) {
        // Another process made it first: theirs is as good as ours.
        const code = (error as NodeJS.ErrnoException).code;
        if ((code !== 'EEXIST' && code !== 'ENOTEMPTY') || !fs.existsSync(path.join(repository, 'config'))) throw error;
      }
      operation.log(`created ostree cache repository ${repository}`);
    } finally {
      await fs.promises.rm(temporary, { recursive: true, force: true });
    }
  });
}

export interface RemoteSpec {
  /** The URL to pull from, aliases already translated. */
  readonly url: string;
  /** The project's public key file when commits must be GPG-verified with it. */
  readonly gpgKey?: string;
}

/**
 * The name of a remote in the repository for `spec`, added when missing. The name is a digest
 * of the URL and of the key's bytes, so a remote is never changed after it is made: a new URL or
 * key gives a new remote.
 */
export function ensureRemote(repository: string, spec: RemoteSpec, operation: Operation): Promise<string> {
  return serialised(repository, async () => {
    const identity = createHash('sha256').update(spec.url).update('\0');
    identity.update(spec.gpgKey === undefined ? 'unverified' : await fs.promises.readFile(spec.gpgKey));
    const name = `cairn-${identity.digest('hex').slice(0, 20)}`;
    const verification = spec.gpgKey === undefined ? ['--no-gpg-verify'] : [`--gpg-import=${spec.gpgKey}`];
    await check(operation, ['remote', 'add', `--repo=${repository}`, '--if-not-exists', ...verification, name, spec.url], `could not add the ostree remote ${spec.url}`);
    return name;
  });
}

/** Pulls `commit` (that commit only, no history) from the remote; fails unless it is then whole. */
export async function pullCommit(repository: string, remote: string, url: string, commit: string, operation: Operation): Promise<void> {
  operation.log(`pulling ostree commit ${commit} from ${url}`);
  await check(operation, ['pull', `--repo=${repository}`, remote, commit], `could not pull commit ${commit} from ${url}`);
  if (!hasCommit(repository, commit)) {
    throw new CairnError('fetch-failed', `pulling commit ${commit} from ${url} did not bring the whole commit`, operation.at);
  }
}

/** Pulls the newest commit of `branch` from the remote and returns its checksum. */
export async function pullBranch(repository: string, remote: string, url: string, branch: string, operation: Operation): Promise<string> {
  operation.log(`pulling ostree branch ${branch} from ${url}`);
  await check(operation, ['pull', `--repo=${repository}`, remote, branch], `could not pull branch '${branch}' from ${url}`);
  const parsed = await check(operation, ['rev-parse', `--repo=${repository}`, `${remote}:${branch}`], `could not read branch '${branch}' pulled from ${url}`);
  const commit = parsed.trim();
  if (!isCommitChecksum(commit)) throw new CairnError('fetch-failed', `branch '${branch}' of ${url} resolved to '${commit}', which is not a commit checksum`, operation.at);
  return commit;
}

/** Checks `commit` out (files owned by the caller, no extended attributes) into the new directory `into`. */
export async function checkoutCommit(repository: string, commit: string, into: string, operation: Operation): Promise<void> {
  // The commit was checked as whole before: a failure here means the cache is damaged.
  await check(operation, ['checkout', `--repo=${repository}`, '--user-mode', commit, into], `could not check out ostree commit ${commit}`, 'cache-corrupt');
}

async function check(operation: Operation, args: readonly string[], failure: string, reason: ErrorReason = 'fetch-failed'): Promise<string> {
  const output = await runOstree(args, operation.signal, operation.at);
  if (output.code !== 0) throw new CairnError(reason, `${failure}: ${ostreeReason(output)}`, operation.at);
  return output.stdout;
}
