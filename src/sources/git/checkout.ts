// Writes one commit's files from a mirror into a staging directory, as BuildStream stages a git
// source: the files only, no `.git`, over whatever earlier sources staged there. When the source
// lists `tags`, a minimal `.git` holding just those tags and the commits between them and the
// ref is written too, so that `git describe` works in the build. The mirror is only read: the
// checkout goes through a throwaway git directory that borrows the mirror's objects.

import fs from 'node:fs';
import path from 'node:path';
import { CairnError, type ErrorReason, type Provenance } from '../../format/errors.js';
import type { ConfiguredTag } from './config.js';
import { gitMessage, runGit, runGitBytes, type GitCall } from './host-git.js';
import { commitInMirror } from './mirror.js';

export interface CheckoutOptions {
  /** A directory for the throwaway git directory (in the source cache, beside the mirrors). */
  readonly scratch: string;
  /** Where the source is declared: a checkout git refuses points here. */
  readonly at: Provenance;
  readonly signal: AbortSignal;
}

/** What a refused git call is reported as: what Cairn was doing, and the line that asked for it. */
interface Failure {
  readonly reason: ErrorReason;
  readonly doing: string;
  readonly at: Provenance;
  readonly hint?: string;
}

async function git(args: readonly string[], call: GitCall, signal: AbortSignal, failure: Failure): Promise<string> {
  const output = await runGit(args, call, signal, failure.at);
  if (output.code !== 0) throw failedGit(failure, gitMessage(output));
  return output.stdout;
}

function failedGit(failure: Failure, reason: string): CairnError {
  return new CairnError(failure.reason, `${failure.doing}: ${reason}`, failure.at, failure.hint);
}

/** A tag git will not write is the tag's own mistake, so the error points at it. */
function tagFailure(tag: ConfiguredTag): Failure {
  return { reason: 'invalid-data', doing: `git refused tag '${tag.tag}'`, at: tag.at, hint: 'a tag must be a valid git ref name (see git check-ref-format)' };
}

/**
 * Checks `commit` (a full id the mirror holds) out into `target`, which exists. Files of earlier
 * sources in the way are replaced; a symlink where the commit has a directory is replaced by the
 * directory, never followed (git's own checkout rule). Gitlinks become empty directories.
 */
export async function checkoutCommit(mirror: string, commit: string, target: string, options: CheckoutOptions): Promise<void> {
  await fs.promises.mkdir(options.scratch, { recursive: true });
  const gitDirectory = await fs.promises.mkdtemp(path.join(options.scratch, '.checkout-'));
  try {
    const failure: Failure = { reason: 'fetch-failed', doing: `cannot check out commit ${commit}`, at: options.at };
    await git(['init', '--quiet', '--bare', '--template=', gitDirectory], { cwd: gitDirectory }, options.signal, failure);
    // What `git clone --shared` sets up: the mirror's objects are borrowed, not copied.
    await fs.promises.mkdir(path.join(gitDirectory, 'objects', 'info'), { recursive: true });
    await fs.promises.writeFile(path.join(gitDirectory, 'objects', 'info', 'alternates'), `${path.join(mirror, 'objects')}\n`);
    await git([`--git-dir=${gitDirectory}`, `--work-tree=${target}`, 'checkout', '--quiet', '--force', commit], { cwd: target }, options.signal, failure);
  } finally {
    await fs.promises.rm(gitDirectory, { recursive: true, force: true });
  }
}

/**
 * Writes `<target>/.git` holding `commit` as a detached HEAD, the given tags, and the commit
 * objects on the ancestry paths from each tag to `commit` (the oldest ones marked shallow), and
 * nothing else: no trees, no index, as BuildStream rebuilds it.
 */
export async function writeTagRepository(mirror: string, commit: string, target: string, tags: readonly ConfiguredTag[], url: string, options: Omit<CheckoutOptions, 'scratch'>): Promise<void> {
  const { signal } = options;
  const included = new Set<string>();
  const shallow = new Set<string>();
  const resolved: Array<ConfiguredTag & { readonly full: string }> = [];
  for (const tag of tags) {
    const full = commitInMirror(mirror, tag.commit);
    if (full === undefined) {
      throw new CairnError('invalid-data', `tag '${tag.tag}' names commit ${tag.commit}, which is not in git repository ${url}`, tag.at, 'track the source again with track-tags enabled');
    }
    resolved.push({ ...tag, full });
    if (full === commit) {
      shallow.add(commit);
      continue;
    }
    const history = await git(['rev-list', '--ancestry-path', '--boundary', `${full}..${commit}`], { cwd: mirror }, signal, {
      reason: 'fetch-failed',
      doing: `cannot read the history from tag '${tag.tag}' to ${commit} in git repository ${url}`,
      at: tag.at,
    });
    for (const line of history.split('\n')) {
      if (line === '') continue;
      if (line.startsWith('-')) shallow.add(line.slice(1));
      else included.add(line);
    }
  }
  for (const rev of included) shallow.delete(rev);
  for (const rev of shallow) included.add(rev);

  // An earlier source may have left a `.git` symlink or file; never write through it.
  const dotGit = path.join(target, '.git');
  const existing = await fs.promises.lstat(dotGit).catch(() => undefined);
  if (existing && !existing.isDirectory()) await fs.promises.rm(dotGit, { force: true });
  const writing: Failure = { reason: 'fetch-failed', doing: `cannot write the .git that the tags of git repository ${url} need`, at: options.at };
  await git(['init', '--quiet', '--template=', target], { cwd: target }, signal, writing);
  const local = (args: readonly string[], failure: Failure, input?: string | Buffer): Promise<string> =>
    git([`--git-dir=${dotGit}`, ...args], input === undefined ? { cwd: target } : { cwd: target, input }, signal, failure);

  // Commit objects only, copied byte for byte as a pack of exactly these objects.
  const wanted = [...included].sort();
  if (wanted.length > 0) {
    const pack = await runGitBytes(['pack-objects', '--stdout', '-q'], { cwd: mirror, input: `${wanted.join('\n')}\n` }, signal, options.at);
    if (pack.code !== 0) throw failedGit(writing, gitMessage({ ...pack, stdout: '' }));
    await local(['unpack-objects', '-q'], writing, pack.stdout);
  }
  await fs.promises.writeFile(path.join(dotGit, 'shallow'), [...shallow].sort().map((rev) => `${rev}\n`).join(''));
  for (const tag of resolved) {
    let object = tag.full;
    if (tag.annotated) {
      const body = `object ${tag.full}\ntype commit\ntag ${tag.tag}\ntagger Unspecified Tagger <unspecified-tagger> 0 +0000\n`;
      object = (await local(['hash-object', '-w', '-t', 'tag', '--stdin'], tagFailure(tag), body)).trim();
    }
    await local(['update-ref', `refs/tags/${tag.tag}`, object], tagFailure(tag));
  }
  await fs.promises.writeFile(path.join(dotGit, 'HEAD'), `${commit}\n`);
}
