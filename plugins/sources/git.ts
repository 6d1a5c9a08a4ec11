// `git` (buildstream-plugins): a repository pinned by commit, or by a `tag-N-gSHA` describe ref.

import { getBool, getMapping, getSequence, getString } from '../../src/format/accessors.js';
import type { JsonValue } from '../../src/cache/canonical-json.js';
import { CairnError } from '../../src/format/errors.js';
import type { SourcePlugin } from '../../src/project/source-api.js';
import { requireKey } from './common.js';

/** The commit of a ref written as `git describe` output (`v1.0-3-gdeadbee`), or the ref itself. */
export function commitOf(ref: string): string {
  const cut = ref.lastIndexOf('-g');
  return cut >= 0 ? ref.slice(cut + 2) : ref;
}

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
    const format = getString(source.config, 'ref-format');
    if (format !== undefined && format !== 'sha1' && format !== 'git-describe') {
      throw new CairnError('invalid-data', `ref-format '${format}' is not 'sha1' or 'git-describe'`, source.config.get('ref-format')!.at);
    }
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
};
