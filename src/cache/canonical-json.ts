// Canonical JSON for cache keys: byte-for-byte what Python's
// json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=True) emits, plus SHA-256 helpers.

import { createHash } from 'node:crypto';

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { readonly [k: string]: JsonValue };

const HEX = '0123456789abcdef';

/** Short escapes Python's json module uses; every other char outside 0x20..0x7e becomes \uXXXX. */
const SHORT_ESCAPES: { readonly [unit: number]: string } = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
  0x22: '\\"',
  0x5c: '\\\\',
};

// Matches any UTF-16 unit that must be escaped: quote, backslash, controls and all non-ASCII.
// DEL (0x7f) is written as it is: BuildStream hashes with ujson, which does not escape it
// (Python's json module would).
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u0080-\uffff]/;

function hex4(unit: number): string {
  return (
    HEX.charAt((unit >> 12) & 0xf) +
    HEX.charAt((unit >> 8) & 0xf) +
    HEX.charAt((unit >> 4) & 0xf) +
    HEX.charAt(unit & 0xf)
  );
}

/**
 * Quote a string the way Python's `encode_basestring_ascii` does. Escaping each UTF-16 unit on its
 * own yields exactly Python's surrogate pairs for astral characters (and passes lone surrogates
 * through as \udXXX, as Python does for such code points).
 */
function quote(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return '"' + s + '"';
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit >= 0x20 && unit <= 0x7f && unit !== 0x22 && unit !== 0x5c) continue;
    if (i > start) out += s.slice(start, i);
    out += SHORT_ESCAPES[unit] ?? '\\u' + hex4(unit);
    start = i + 1;
  }
  if (start < s.length) out += s.slice(start);
  return out + '"';
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

/**
 * Compare two strings by Unicode code point, as Python orders `str` (plain `<` on JS strings
 * compares UTF-16 units, which puts astral characters before U+E000..U+FFFF).
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length - b.length;
  // The prefix is shared; step back onto the start of the code point containing unit i.
  if (i > 0 && isHighSurrogate(a.charCodeAt(i - 1))) i--;
  return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0);
}

function formatNumber(v: number): string {
  if (!Number.isInteger(v)) {
    // BuildStream never hashes floats, and ujson and Python's json disagree on how to print them,
    // so refuse rather than guess.
    throw new TypeError(`canonicalJson: only integers are supported, got ${String(v)}`);
  }
  // Python prints ints in full decimal (never exponent form); -0 is the int 0.
  return Number.isSafeInteger(v) ? String(v === 0 ? 0 : v) : BigInt(v).toString();
}

function write(v: JsonValue, parts: string[]): void {
  if (v === null) {
    parts.push('null');
  } else if (typeof v === 'string') {
    parts.push(quote(v));
  } else if (typeof v === 'number') {
    parts.push(formatNumber(v));
  } else if (typeof v === 'boolean') {
    parts.push(v ? 'true' : 'false');
  } else if (Array.isArray(v)) {
    parts.push('[');
    for (let i = 0; i < v.length; i++) {
      if (i > 0) parts.push(',');
      write(v[i] as JsonValue, parts);
    }
    parts.push(']');
  } else {
    const obj = v as { readonly [k: string]: JsonValue };
    const keys = Object.keys(obj).sort(compareCodePoints);
    parts.push('{');
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      if (i > 0) parts.push(',');
      parts.push(quote(key), ':');
      write(obj[key] as JsonValue, parts);
    }
    parts.push('}');
  }
}

/** Serialize `v` compactly with sorted keys and ASCII-only output (see the header comment). */
export function canonicalJson(v: JsonValue): string {
  const parts: string[] = [];
  write(v, parts);
  return parts.join('');
}

/** Lowercase hex SHA-256 of the UTF-8 encoding of `text`. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** BuildStream's `generate_key`: SHA-256 of the canonical JSON. */
export function hashKey(v: JsonValue): string {
  return sha256Hex(canonicalJson(v));
}
