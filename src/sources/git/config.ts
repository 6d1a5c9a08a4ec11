// A git source's configuration read into typed values that remember where each was written, so
// that fetch, track and stage can point their errors at the offending key. It only reads the
// source's YAML and translates aliases; it never runs git.

import { getBool, getMapping, getSequence, getString, parseBool, scalarOf, validateKeys } from '../../format/accessors.js';
import { CairnError, type Provenance } from '../../format/errors.js';
import type { MappingNode } from '../../format/node.js';
import type { SourceView } from '../../project/source-api.js';
import { aliasOf, candidateUrls, translateUrl, type UrlPurpose } from '../urls.js';

export interface Located<T> {
  readonly value: T;
  readonly at: Provenance;
}

export interface GitTag {
  readonly tag: string;
  readonly commit: string;
  readonly annotated: boolean;
}

export interface ConfiguredTag extends GitTag {
  readonly at: Provenance;
}

export interface SubmoduleOverride {
  /** The URL written in the source, replacing the one in `.gitmodules`. */
  readonly url?: RemoteUrl;
  readonly checkout?: boolean;
}

export interface GitSourceConfig {
  readonly url: RemoteUrl;
  readonly ref: Located<string> | undefined;
  readonly track: Located<string> | undefined;
  readonly refFormat: 'sha1' | 'git-describe';
  readonly checkoutSubmodules: boolean;
  readonly trackTags: boolean;
  /** Keyed by the submodule's path from the top of the source (`plugins/bar/quux`). */
  readonly submodules: ReadonlyMap<string, SubmoduleOverride>;
  readonly tags: readonly ConfiguredTag[];
}

/**
 * A repository's URL: as written (`upstream:foo.git`), as its alias translates it (which names
 * its mirror directory, so that a project mirror never splits the cache), and every URL it may
 * be fetched from, mirrors first.
 */
export interface RemoteUrl {
  readonly written: string;
  readonly own: string;
  readonly at: Provenance;
  readonly candidates: (purpose: UrlPurpose) => readonly string[];
}

/** A URL written in the source; an alias the project does not define is an error at the value. */
export function remoteUrl(source: SourceView, written: string, at: Provenance): RemoteUrl {
  return {
    written,
    own: translateUrl(written, source.aliases, at),
    at,
    candidates: (purpose) => candidateUrls(written, source.aliases, source.mirrors, at, purpose),
  };
}

/**
 * A URL from a `.gitmodules` file: relative ones (`../bar.git`) resolve against the
 * superproject's URL as git resolves them, and a `name:` prefix is an alias only when the
 * project defines it (so `git@host:repo` passes through untouched).
 */
export function submoduleUrl(source: SourceView, written: string, parentUrl: string, at: Provenance): RemoteUrl {
  const alias = aliasOf(written);
  if (alias !== undefined && source.aliases.has(alias)) return remoteUrl(source, written, at);
  const url = written.startsWith('./') || written.startsWith('../') ? resolveRelative(written, parentUrl) : written;
  return { written: url, own: url, at, candidates: () => [url] };
}

function resolveRelative(relative: string, base: string): string {
  let url = base.replace(/\/+$/, '');
  let rest = relative;
  for (;;) {
    if (rest.startsWith('./')) rest = rest.slice(2);
    else if (rest.startsWith('../')) {
      rest = rest.slice(3);
      const cut = url.lastIndexOf('/');
      url = cut >= 0 ? url.slice(0, cut) : url;
    } else break;
  }
  return rest === '' ? url : `${url}/${rest}`;
}

export function readGitConfig(source: SourceView): GitSourceConfig {
  const urlScalar = scalarOf(source.config, 'url');
  if (!urlScalar) throw new CairnError('invalid-data', "a git source needs 'url'", source.at);
  const located = (key: string): Located<string> | undefined => {
    const scalar = scalarOf(source.config, key);
    return scalar ? { value: scalar.value, at: scalar.at } : undefined;
  };
  return {
    url: remoteUrl(source, urlScalar.value, urlScalar.at),
    ref: located('ref'),
    track: located('track'),
    refFormat: refFormatOf(source),
    checkoutSubmodules: getBool(source.config, 'checkout-submodules', true),
    trackTags: getBool(source.config, 'track-tags', false),
    submodules: readSubmodules(source),
    tags: readTags(source),
  };
}

/**
 * The checks BuildStream makes when it loads a git source, which need neither aliases nor git:
 * the shape of `submodules:` and `tags:` and the value of `ref-format`.
 */
export function checkGitConfig(source: SourceView): void {
  refFormatOf(source);
  overrideNodes(source);
  readTags(source);
}

function refFormatOf(source: SourceView): 'sha1' | 'git-describe' {
  const format = getString(source.config, 'ref-format') ?? 'sha1';
  if (format !== 'sha1' && format !== 'git-describe') {
    throw new CairnError('invalid-data', `ref-format '${format}' is not 'sha1' or 'git-describe'`, source.config.get('ref-format')!.at);
  }
  return format;
}

function overrideNodes(source: SourceView): Array<[string, MappingNode]> {
  const mapping = getMapping(source.config, 'submodules');
  if (!mapping) return [];
  return [...mapping.entries].map(([path, node]) => {
    if (node.kind !== 'mapping') throw new CairnError('invalid-data', `submodule '${path}' must be a mapping with 'url' and/or 'checkout'`, node.at);
    validateKeys(node, ['url', 'checkout'], `submodule '${path}'`);
    const checkout = scalarOf(node, 'checkout');
    if (checkout) parseBool(checkout, 'checkout');
    return [path, node];
  });
}

function readSubmodules(source: SourceView): Map<string, SubmoduleOverride> {
  const overrides = new Map<string, SubmoduleOverride>();
  for (const [path, node] of overrideNodes(source)) {
    const url = scalarOf(node, 'url');
    const checkout = scalarOf(node, 'checkout');
    overrides.set(path, {
      ...(url ? { url: remoteUrl(source, url.value, url.at) } : {}),
      ...(checkout ? { checkout: parseBool(checkout, 'checkout') } : {}),
    });
  }
  return overrides;
}

function readTags(source: SourceView): ConfiguredTag[] {
  const list = getSequence(source.config, 'tags');
  if (!list) return [];
  return list.items.map((item) => {
    if (item.kind !== 'mapping') throw new CairnError('invalid-data', "each of 'tags' must be a mapping with 'tag', 'commit' and 'annotated'", item.at);
    validateKeys(item, ['tag', 'commit', 'annotated'], 'a git tag');
    const need = (key: string): string => {
      const value = getString(item, key);
      if (value === undefined) throw new CairnError('invalid-data', `a git tag needs '${key}'`, item.at);
      return value;
    };
    const annotated = scalarOf(item, 'annotated');
    if (!annotated) throw new CairnError('invalid-data', "a git tag needs 'annotated'", item.at);
    return { tag: need('tag'), commit: need('commit'), annotated: parseBool(annotated, 'annotated'), at: item.at };
  });
}
