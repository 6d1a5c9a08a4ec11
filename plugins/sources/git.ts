// `git` (buildstream-plugins): a repository pinned by commit, or by a `tag-N-gSHA` describe ref.
// Validation and the key live here; fetching, tracking and staging live in src/sources/git/.

import { getBool, getMapping, getSequence, getString } from '../../src/format/accessors.js';
import type { JsonValue } from '../../src/cache/canonical-json.js';
import { CairnError } from '../../src/format/errors.js';
import type { SourcePlugin } from '../../src/project/source-api.js';
import { checkGitConfig, readGitConfig } from '../../src/sources/git/config.js';
import { fetchGit, isGitCached } from '../../src/sources/git/fetch.js';
import { commitOf } from '../../src/sources/git/repositories.js';
import { stageGit } from '../../src/sources/git/stage.js';
import { trackGit } from '../../src/sources/git/track.js';
import { requireKey } from './common.js';

export const git: SourcePlugin = {
  kind: 'git',
  configKeys: ['url', 'track', 'ref', 'ref-format', 'checkout-submodules', 'submodules', 'track-tags', 'tags', 'version', 'version-guess-pattern'],
  needsFetch: true,
  validate(source) {
    requireKey(source, 'url');
    if (getString(source.config, 'ref') === undefined && getString(source.config, 'track') === undefined) {
      throw new CairnError('invalid-data', "a git source needs 'ref', 'track' or both", source.at);
    }
    getBool(source.config, 'checkout-submodules', true);
    getBool(source.config, 'track-tags', false);
    checkGitConfig(source);
  },
  isResolved: (source) => getString(source.config, 'ref') !== undefined,
  uniqueKey(source) {
    const key: JsonValue[] = [requireKey(source, 'url'), commitOf(getString(source.config, 'ref') ?? '')];
    const tags = getSequence(source.config, 'tags');
    if (tags && tags.items.length > 0) {
      const table: { [tag: string]: JsonValue } = {};
      for (const item of tags.items) {
        if (item.kind !== 'mapping') continue;
        table[getString(item, 'tag') ?? ''] = [getString(item, 'commit') ?? '', getBool(item, 'annotated', false)];
      }
      key.push({ tags: table });
    }
    if (!getBool(source.config, 'checkout-submodules', true)) key.push({ checkout_submodules: false });
    const submodules = getMapping(source.config, 'submodules');
    if (submodules && submodules.entries.size > 0) {
      const urls: { [path: string]: JsonValue } = {};
      const checkouts: { [path: string]: JsonValue } = {};
      for (const [path, node] of submodules.entries) {
        if (node.kind !== 'mapping') continue;
        const url = getString(node, 'url');
        if (url !== undefined) urls[path] = url;
        if (node.has('checkout')) checkouts[path] = getBool(node, 'checkout', true);
      }
      if (Object.keys(urls).length > 0) key.push(urls);
      if (Object.keys(checkouts).length > 0) key.push({ submodule_checkout_overrides: checkouts });
    }
    const version = getString(source.config, 'version') ?? getString(source.config, 'version-guess-pattern');
    if (version !== undefined) key.push(version);
    return key;
  },
  isCached: isGitCached,
  fetch: fetchGit,
  track: (source, context) => trackGit(readGitConfig(source), context),
  stage: stageGit,
};
