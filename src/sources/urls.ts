// Source URLs as BuildStream writes them: `alias:rest` becomes the project's alias prefix plus
// `rest`. This module only rewrites strings; it never touches the network or the filesystem,
// and never lets an alias it does not know pass through as if it were a URL scheme.

import { CairnError, type Provenance } from '../format/errors.js';

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

/** The last path component of a URL, as Python's os.path.basename gives it (query included). */
export function urlBasename(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}
