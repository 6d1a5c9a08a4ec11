// Source URLs as BuildStream writes them: `alias:rest` becomes the project's alias prefix plus
// `rest`, or a mirror's prefix plus `rest`. This module only rewrites strings; it never touches
// the network or the filesystem, and never lets an alias it does not know pass through as if it
// were a URL scheme.

import { CairnError, type Provenance } from '../format/errors.js';
import type { SourceMirror } from '../project/source-api.js';

/** Schemes BuildStream never treats as aliases (`utils._URI_SCHEMES`), compared lowercased. */
export const URI_SCHEMES: readonly string[] = ['http', 'https', 'ftp', 'file', 'git', 'sftp', 'ssh'];

/** The alias a URL uses, or undefined when it has no `name:` prefix or the prefix is a scheme. */
export function aliasOf(url: string): string | undefined {
  const colon = url.indexOf(':');
  if (colon < 0) return undefined;
  const prefix = url.slice(0, colon);
  return URI_SCHEMES.includes(prefix.toLowerCase()) ? undefined : prefix;
}

/**
 * The URL to download from. Aliases join by plain concatenation, as BuildStream does, so
 * `upstream: https://example.com/` with `upstream:foo.tar.gz` gives `https://example.com/foo.tar.gz`.
 */
export function translateUrl(url: string, aliases: ReadonlyMap<string, string>, at: Provenance): string {
  const alias = aliasOf(url);
  if (alias === undefined) return url;
  const prefix = aliases.get(alias);
  if (prefix === undefined) {
    const known = [...aliases.keys()].sort();
    throw new CairnError(
      'invalid-data',
      `invalid alias '${alias}' in URL '${url}'`,
      at,
      known.length > 0 ? `defined aliases: ${known.join(', ')}` : `define '${alias}' under 'aliases:' in project.conf`,
    );
  }
  return prefix + url.slice(alias.length + 1);
}

/** Fetching tries mirrors first; tracking asks the alias's own URL first. */
export type UrlPurpose = 'fetch' | 'track';

/**
 * Every URL `url` may be had from, in the order to try them. As BuildStream's
 * `Project.get_alias_uris`: each mirror in project.conf order, each of its prefixes for the alias
 * in order, then the alias's own prefix; tracking walks the same list backwards, so that a ref is
 * tracked from upstream before any mirror that may lag behind it. An unaliased URL is its only
 * candidate. A URL that would be tried twice is tried once, at its first place.
 */
export function candidateUrls(url: string, aliases: ReadonlyMap<string, string>, mirrors: readonly SourceMirror[], at: Provenance, purpose: UrlPurpose = 'fetch'): string[] {
  const alias = aliasOf(url);
  // translateUrl also rejects an alias the project does not define, mirrored or not.
  const own = translateUrl(url, aliases, at);
  if (alias === undefined) return [own];
  const rest = url.slice(alias.length + 1);
  const inOrder = [...mirrors.flatMap((mirror) => (mirror.aliases.get(alias) ?? []).map((prefix) => prefix + rest)), own];
  return [...new Set(purpose === 'fetch' ? inOrder : inOrder.reverse())];
}

/** The last path component of a URL, as Python's os.path.basename gives it (query included). */
export function urlBasename(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}
