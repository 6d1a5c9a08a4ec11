// Debian's control-file syntax (deb822): stanzas of `Field: value` lines separated by blank lines,
// continuation lines starting with a space or tab, `#` comment lines (allowed in apt's .sources).
// Used for Release, Packages, .deb control files and apt sources. It reads text; it fetches nothing.

import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** One stanza: field names lowercased (deb822 field names are case-insensitive), values as written. */
export type Stanza = ReadonlyMap<string, string>;

/** Feeds lines one at a time and hands back each stanza when it ends. */
class StanzaReader {
  private fields = new Map<string, string>();
  private current: string | undefined;

  /** `keep`: only these (lowercase) fields are kept, so a Packages index stays small in memory. */
  constructor(private readonly keep?: ReadonlySet<string>) {}

  /** The stanza this line ended, if it was the blank line after one. */
  push(rawLine: string): Stanza | undefined {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') return this.end();
    if (line.startsWith('#')) return undefined;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (this.current !== undefined) this.fields.set(this.current, `${this.fields.get(this.current) ?? ''}\n${line.trim()}`);
      return undefined;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (this.keep !== undefined && !this.keep.has(name)) {
      this.current = undefined;
      return undefined;
    }
    this.current = name;
    this.fields.set(name, line.slice(colon + 1).trim());
    return undefined;
  }

  /** The stanza in progress, if any (at a blank line or the end of the text). */
  end(): Stanza | undefined {
    this.current = undefined;
    if (this.fields.size === 0) return undefined;
    const done = this.fields;
    this.fields = new Map();
    return done;
  }
}

export function parseStanzas(text: string, keep?: ReadonlySet<string>): Stanza[] {
  const reader = new StanzaReader(keep);
  const stanzas: Stanza[] = [];
  for (const line of text.split('\n')) {
    const stanza = reader.push(line);
    if (stanza) stanzas.push(stanza);
  }
  const last = reader.end();
  if (last) stanzas.push(last);
  return stanzas;
}

/** The stanzas of a stream, one at a time: a Packages index is read without holding its text. */
export async function* streamStanzas(input: Readable, keep?: ReadonlySet<string>): AsyncGenerator<Stanza, void, undefined> {
  const reader = new StanzaReader(keep);
  const decoder = new StringDecoder('utf8');
  let pending = '';
  // Iterating the stream itself (not readline) so that a failing stream fails the loop.
  for await (const chunk of input) {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const stanza = reader.push(line);
      if (stanza) yield stanza;
    }
  }
  pending += decoder.end();
  for (const line of pending.split('\n')) {
    const stanza = reader.push(line);
    if (stanza) yield stanza;
  }
  const last = reader.end();
  if (last) yield last;
}

/** The whitespace-separated words of a field (Suites, Components, Architectures). */
export function words(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(/\s+/).filter((word) => word !== '');
}
