// The machine's apt sources, read at run time: /etc/apt/sources.list and the *.list and *.sources
// files of /etc/apt/sources.list.d (in name order, as apt reads them), in the one-line format and
// in deb822. The root is a parameter so tests can read a directory of their own. It only reads.

import fs from 'node:fs';
import path from 'node:path';
import { parseStanzas, words } from './deb822.js';

export interface AptSource {
  /** `deb`, `deb-src`. */
  readonly types: readonly string[];
  readonly uris: readonly string[];
  readonly suites: readonly string[];
  readonly components: readonly string[];
  /** The keyring file named by Signed-By / signed-by=, when it is a path. */
  readonly signedBy: string | undefined;
  /** The file it was read from, for messages. */
  readonly file: string;
}

/** Every enabled source, in the order apt reads them. */
export function readAptSources(root = '/'): AptSource[] {
  const etc = path.join(root, 'etc', 'apt');
  const sources: AptSource[] = [];
  const main = path.join(etc, 'sources.list');
  const text = readIfFile(main);
  if (text !== undefined) sources.push(...parseOneLineSources(text, main));
  const parts = path.join(etc, 'sources.list.d');
  let names: string[] = [];
  try {
    names = fs.readdirSync(parts).sort();
  } catch {
    // no sources.list.d: only sources.list counts
  }
  for (const name of names) {
    const file = path.join(parts, name);
    const isList = name.endsWith('.list');
    if (!isList && !name.endsWith('.sources')) continue;
    const content = readIfFile(file);
    if (content === undefined) continue;
    sources.push(...(isList ? parseOneLineSources(content, file) : parseDeb822Sources(content, file)));
  }
  return sources;
}

function readIfFile(file: string): string | undefined {
  try {
    return fs.statSync(file).isFile() ? fs.readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** `deb [opt=value ...] uri suite [component ...]`, one per line, `#` starting a comment. */
export function parseOneLineSources(text: string, file: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const raw of text.split('\n')) {
    let line = raw.replace(/#.*$/, '').trim();
    if (line === '') continue;
    const type = line.split(/\s+/, 1)[0]!;
    if (type !== 'deb' && type !== 'deb-src') continue;
    line = line.slice(type.length).trim();
    const options = new Map<string, string>();
    if (line.startsWith('[')) {
      const close = line.indexOf(']');
      if (close < 0) continue;
      for (const option of words(line.slice(1, close))) {
        const equals = option.indexOf('=');
        if (equals > 0) options.set(option.slice(0, equals).toLowerCase(), option.slice(equals + 1));
      }
      line = line.slice(close + 1).trim();
    }
    const [uri, suite, ...components] = words(line);
    if (uri === undefined || suite === undefined) continue;
    sources.push({ types: [type], uris: [uri], suites: [suite], components, signedBy: keyringPath(options.get('signed-by')), file });
  }
  return sources;
}

/** deb822 stanzas with Types, URIs, Suites, Components, Signed-By; `Enabled: no` ones are skipped. */
export function parseDeb822Sources(text: string, file: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const stanza of parseStanzas(text)) {
    if ((stanza.get('enabled') ?? 'yes').toLowerCase() === 'no') continue;
    const types = words(stanza.get('types'));
    const uris = words(stanza.get('uris'));
    const suites = words(stanza.get('suites'));
    if (types.length === 0 || uris.length === 0 || suites.length === 0) continue;
    sources.push({ types, uris, suites, components: words(stanza.get('components')), signedBy: keyringPath(stanza.get('signed-by')), file });
  }
  return sources;
}

/** Signed-By may hold a path, fingerprints or a whole key block; only a path names a keyring file. */
function keyringPath(value: string | undefined): string | undefined {
  const first = value?.trim().split(/[\s,]+/)[0];
  return first !== undefined && first.startsWith('/') ? first : undefined;
}

export interface AptArchive {
  /** The archive root, ending in `/`. */
  readonly url: string;
  readonly signedBy: string | undefined;
  readonly file: string;
}

/** The first binary (`deb`) source over http, https or file whose Suites include `suite`. */
export function findAptArchive(sources: readonly AptSource[], suite: string): AptArchive | undefined {
  for (const source of sources) {
    if (!source.types.includes('deb') || !source.suites.includes(suite)) continue;
    const uri = source.uris.find((candidate) => /^(https?|file):/i.test(candidate));
    if (uri !== undefined) return { url: uri.endsWith('/') ? uri : `${uri}/`, signedBy: source.signedBy, file: source.file };
  }
  return undefined;
}
