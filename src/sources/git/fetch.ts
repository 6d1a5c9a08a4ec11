// Whether a git source is in the source cache, and bringing it there: the commit its ref pins in
// the mirror of its URL, then, level by level, the commit of every submodule it checks out in
// the mirror of that submodule's URL (only known once the level above is fetched).

import { CairnError } from '../../format/errors.js';
import type { SourceContext, SourceView } from '../../project/source-api.js';
import { readGitConfig } from './config.js';
import { ensureCommit, holdsCommit } from './mirror.js';
import { submodulesOf, topRepository, type Repository } from './repositories.js';

export function isGitCached(source: SourceView, context: SourceContext): boolean {
  const config = readGitConfig(source);
  const top = topRepository(config, context.sourceCache);
  const quiet = (): void => undefined;
  const cached = (repository: Repository): boolean =>
    holdsCommit(repository.mirror, repository.commit) && submodulesOf(repository, config, source, context.sourceCache, quiet).every(cached);
  return top !== undefined && cached(top);
}

export async function fetchGit(source: SourceView, context: SourceContext): Promise<void> {
  const config = readGitConfig(source);
  const top = topRepository(config, context.sourceCache);
  if (top === undefined) {
    throw new CairnError('invalid-data', 'the git source has no ref, so there is nothing to fetch', source.at, "track it, or add 'ref:'");
  }
  const log = (line: string): void => context.log(line);
  const visit = async (repository: Repository): Promise<void> => {
    await ensureCommit(repository, { signal: context.signal, log });
    for (const submodule of submodulesOf(repository, config, source, context.sourceCache, log)) await visit(submodule);
  };
  await visit(top);
}
