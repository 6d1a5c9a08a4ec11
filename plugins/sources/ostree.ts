// `ostree`: a commit of an OSTree repository, tracked from a branch, pulled with the host's
// ostree into a cache repository per URL and staged from a user-mode checkout.

import fs from 'node:fs';
import path from 'node:path';
import { removeTreeAsync } from '../../src/cache/remove-tree.js';
import { getString, scalarOf } from '../../src/format/accessors.js';
import { CairnError } from '../../src/format/errors.js';
import { projectPath } from '../../src/project/project-path.js';
import type { SourceContext, SourcePlugin, SourceView } from '../../src/project/source-api.js';
import { copyIntoStaging } from '../../src/sources/copy-tree.js';
import { checkoutCommit, ensureRemote, ensureRepository, hasCommit, isCommitChecksum, pullBranch, pullCommit, repositoryPath, type Operation } from '../../src/sources/ostree/repository.js';
import { firstThatWorks } from '../../src/sources/url-fallback.js';
import { candidateUrls, type UrlPurpose } from '../../src/sources/urls.js';
import { requireKey } from './common.js';

/** The project's public key file, when commits must be verified with it. */
function gpgKey(source: SourceView): string | undefined {
  const scalar = scalarOf(source.config, 'gpg-key');
  return scalar === undefined ? undefined : projectPath(source.projectDirectory, scalar, 'gpg-key', 'file');
}

/** The commit that pins the source; errors point at `ref:` (or the source, when there is none). */
function pinnedCommit(source: SourceView): string {
  const scalar = scalarOf(source.config, 'ref');
  if (!scalar) throw new CairnError('invalid-data', 'the ostree source has no ref, so there is nothing to fetch', source.at, "add 'ref:' with a commit checksum, or 'track:' and track it");
  if (!isCommitChecksum(scalar.value)) {
    throw new CairnError('invalid-data', `ref '${scalar.value}' is not an ostree commit checksum`, scalar.at, 'a ref is the 64 lowercase hex digits of a commit');
  }
  return scalar.value;
}

function repositoryOf(source: SourceView, context: SourceContext): string {
  return repositoryPath(context.sourceCache, requireKey(source, 'url'));
}

function operationFor(source: SourceView, context: SourceContext): Operation {
  return { signal: context.signal, log: (line) => context.log(line), at: source.config.get('url')?.at ?? source.at };
}

/** Runs `work` against a remote for each of the source's URLs in turn until one succeeds. */
async function fromEachUrl<T>(source: SourceView, context: SourceContext, purpose: UrlPurpose, work: (repository: string, remote: string, url: string, operation: Operation) => Promise<T>): Promise<T> {
  const scalar = scalarOf(source.config, 'url');
  if (!scalar) throw new CairnError('invalid-data', "an ostree source needs 'url'", source.at);
  const operation = operationFor(source, context);
  const key = gpgKey(source);
  const repository = repositoryOf(source, context);
  await ensureRepository(repository, operation);
  const urls = candidateUrls(scalar.value, source.aliases, source.mirrors, scalar.at, purpose);
  return firstThatWorks(
    urls,
    async (url) => {
      const remote = await ensureRemote(repository, key === undefined ? { url } : { url, gpgKey: key }, operation);
      try {
        return await work(repository, remote, url, operation);
      } catch (error) {
        // A commit that fails verification is the key's business, not the URL's.
        const keyAt = source.config.get('gpg-key')?.at;
        if (error instanceof CairnError && keyAt !== undefined && /\bGPG\b|signature/i.test(error.message)) {
          throw new CairnError(error.reason, error.message, keyAt, 'the commit must be signed by a key in the gpg-key file');
        }
        throw error;
      }
    },
    { written: scalar.value, at: scalar.at, log: operation.log, doing: purpose === 'fetch' ? 'fetching' : 'tracking' },
  );
}

export const ostree: SourcePlugin = {
  kind: 'ostree',
  configKeys: ['url', 'ref', 'track', 'gpg-key'],
  needsFetch: true,
  validate(source) {
    requireKey(source, 'url');
    // BuildStream's 'missing-track-and-ref': neither buildable nor trackable.
    if (getString(source.config, 'ref') === undefined && getString(source.config, 'track') === undefined) {
      throw new CairnError('invalid-data', "an ostree source needs 'ref', 'track' or both", source.at);
    }
    gpgKey(source);
  },
  isResolved: (source) => getString(source.config, 'ref') !== undefined,
  uniqueKey: (source) => [requireKey(source, 'url'), getString(source.config, 'ref') ?? ''],
  isCached(source, context) {
    const ref = getString(source.config, 'ref');
    return ref !== undefined && hasCommit(repositoryOf(source, context), ref);
  },
  async fetch(source, context) {
    const commit = pinnedCommit(source);
    await fromEachUrl(source, context, 'fetch', (repository, remote, url, operation) => pullCommit(repository, remote, url, commit, operation));
  },
  async track(source, context) {
    const branch = getString(source.config, 'track');
    // Nothing to track is not an error, as in BuildStream.
    if (branch === undefined) return undefined;
    const commit = await fromEachUrl(source, context, 'track', (repository, remote, url, operation) => pullBranch(repository, remote, url, branch, operation));
    return { ref: commit };
  },
  async stage(source, directory, context) {
    const commit = pinnedCommit(source);
    const repository = repositoryOf(source, context);
    if (!hasCommit(repository, commit)) {
      throw new CairnError('source-not-cached', `the ostree source ${requireKey(source, 'url')} has not been fetched`, source.at, 'fetch it first');
    }
    // A scratch checkout beside the cache, copied in: the staging directory may already hold
    // earlier sources, and a copy never writes through their symlinks nor shares inodes with the cache.
    const scratch = await fs.promises.mkdtemp(path.join(path.dirname(repository), '.checkout-'));
    try {
      const tree = path.join(scratch, 'tree');
      await checkoutCommit(repository, commit, tree, operationFor(source, context));
      await copyIntoStaging({ from: tree, directory, at: source.at, signal: context.signal });
    } finally {
      // The commit may have made some of the checkout's directories read-only.
      await removeTreeAsync(scratch);
    }
  },
};
