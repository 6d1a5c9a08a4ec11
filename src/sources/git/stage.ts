// Staging a fetched git source: its commit's files into the staging directory, the minimal
// `.git` its `tags` ask for, then each checked-out submodule into its path, recursively. Nothing
// is written outside the staging directory, and nothing is fetched: a missing commit is an error.

import fs from 'node:fs';
import path from 'node:path';
import { CairnError } from '../../format/errors.js';
import type { SourceContext, SourceView } from '../../project/source-api.js';
import { checkoutCommit, writeTagRepository } from './checkout.js';
import { readGitConfig } from './config.js';
import { commitInMirror } from './mirror.js';
import { submodulesOf, topRepository, type Repository } from './repositories.js';

export async function stageGit(source: SourceView, directory: string, context: SourceContext): Promise<void> {
  const config = readGitConfig(source);
  const top = topRepository(config, context.sourceCache);
  if (top === undefined) throw new CairnError('invalid-data', 'the git source has no ref, so there is nothing to stage', source.at, "track it, or add 'ref:'");
  const root = await fs.promises.realpath(directory);
  const scratch = path.join(context.sourceCache, 'git');
  const log = (line: string): void => context.log(line);
  const visit = async (repository: Repository): Promise<void> => {
    const commit = commitInMirror(repository.mirror, repository.commit);
    if (commit === undefined) {
      throw new CairnError('source-not-cached', `${repository.what} of git repository ${repository.url.own} has not been fetched`, repository.at, 'fetch it first');
    }
    const target = repository.path === '' ? root : await submoduleDirectory(root, repository, source);
    log(`checking out ${commit}${repository.path === '' ? '' : ` into ${repository.path}`}`);
    await checkoutCommit(repository.mirror, commit, target, { scratch, at: source.at, signal: context.signal });
    if (repository.path === '' && config.tags.length > 0) {
      await writeTagRepository(repository.mirror, commit, target, config.tags, repository.url.own, { at: source.at, signal: context.signal });
    }
    for (const submodule of submodulesOf(repository, config, source, context.sourceCache, log)) await visit(submodule);
  };
  await visit(top);
}

/** The empty directory the superproject's checkout left for a submodule, checked to be inside. */
async function submoduleDirectory(root: string, submodule: Repository, source: SourceView): Promise<string> {
  const candidate = path.join(root, ...submodule.path.split('/'));
  const stat = await fs.promises.lstat(candidate).catch(() => undefined);
  const real = stat?.isDirectory() ? await fs.promises.realpath(candidate) : undefined;
  if (real === undefined || !real.startsWith(root + path.sep)) {
    throw new CairnError('invalid-data', `submodule '${submodule.path}' has no directory inside the staging directory`, source.at);
  }
  return real;
}
