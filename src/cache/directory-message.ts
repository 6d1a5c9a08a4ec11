// Reads REAPI `Directory` messages back (the encoder lives in directory-digest.ts), so trees
// stored in the content store can be walked, staged and checked. Only the fields Cairn writes
// are kept; unknown fields are skipped as protobuf allows.

import type { DirectoryChild } from './directory-digest.js';

class ProtoReader {
  private pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  varint(): number {
    let result = 0;
    let shift = 1;
    for (;;) {
      if (this.pos >= this.buf.length) throw new Error('truncated varint in Directory message');
      const byte = this.buf[this.pos++]!;
      result += (byte & 0x7f) * shift;
      if ((byte & 0x80) === 0) return result;
      shift *= 128;
      if (shift > 2 ** 63) throw new Error('varint too long in Directory message');
    }
  }

  bytes(): Uint8Array {
    const length = this.varint();
    const end = this.pos + length;
    if (end > this.buf.length) throw new Error('truncated field in Directory message');
    const out = this.buf.subarray(this.pos, end);
    this.pos = end;
    return out;
  }

  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 2) this.bytes();
    else if (wire === 1) this.pos += 8;
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire} in Directory message`);
  }

  /** Calls `field(number, wire)` for each field; the callback consumes the value or returns false to skip it. */
  each(field: (number: number, wire: number) => boolean): void {
    while (!this.done) {
      const tag = this.varint();
      const number = Math.floor(tag / 8);
      const wire = tag & 7;
      if (!field(number, wire)) this.skip(wire);
    }
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readDigest(buf: Uint8Array): { hash: string; sizeBytes: number } {
  let hash = '';
  let sizeBytes = 0;
  const r = new ProtoReader(buf);
  r.each((n, wire) => {
    if (n === 1 && wire === 2) hash = utf8.decode(r.bytes());
    else if (n === 2 && wire === 0) sizeBytes = r.varint();
    else return false;
    return true;
  });
  return { hash, sizeBytes };
}

/** NodeProperties.unix_mode (field 3, a UInt32Value), if present. */
function readUnixMode(buf: Uint8Array): number | undefined {
  let mode: number | undefined;
  const r = new ProtoReader(buf);
  r.each((n, wire) => {
    if (n !== 3 || wire !== 2) return false;
    const inner = new ProtoReader(r.bytes());
    mode = 0;
    inner.each((m, w) => {
      if (m !== 1 || w !== 0) return false;
      mode = inner.varint() & 0o7777;
      return true;
    });
    return true;
  });
  return mode;
}

function readNode(buf: Uint8Array, group: number): DirectoryChild {
  let name = '';
  let digest = { hash: '', sizeBytes: 0 };
  let target = '';
  let isExecutable = false;
  let mode: number | undefined;
  const r = new ProtoReader(buf);
  r.each((n, wire) => {
    if (n === 1 && wire === 2) name = utf8.decode(r.bytes());
    else if (n === 2 && wire === 2 && group !== 3) digest = readDigest(r.bytes());
    else if (n === 2 && wire === 2) target = utf8.decode(r.bytes());
    else if (n === 4 && wire === 0 && group === 1) isExecutable = r.varint() !== 0;
    else if (n === 6 && wire === 2 && group === 1) mode = readUnixMode(r.bytes());
    else return false;
    return true;
  });
  if (group === 1) return mode === undefined ? { kind: 'file', name, digest, isExecutable } : { kind: 'file', name, digest, isExecutable, mode };
  if (group === 2) return { kind: 'directory', name, digest };
  return { kind: 'symlink', name, target };
}

/** The entries of a serialized `Directory`, files then directories then symlinks, as stored. */
export function decodeDirectory(buf: Uint8Array): DirectoryChild[] {
  const children: DirectoryChild[] = [];
  const r = new ProtoReader(buf);
  r.each((n, wire) => {
    if (wire !== 2 || n < 1 || n > 3) return false;
    children.push(readNode(r.bytes(), n));
    return true;
  });
  for (const child of children) {
    // A name that could climb out of the staging directory is corruption, never data.
    if (child.name === '' || child.name === '.' || child.name === '..' || child.name.includes('/') || child.name.includes('\0')) {
      throw new Error(`invalid entry name ${JSON.stringify(child.name)} in Directory message`);
    }
  }
  return children;
}
