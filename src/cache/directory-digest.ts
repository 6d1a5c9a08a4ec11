// REAPI `Directory` digests of file trees, encoded the way BuildStream 2 / buildbox-casd store them,
// which is what a `local` source contributes to cache keys (hand-written protobuf, no dependency).

import { createHash } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants as fsConstants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  readdirSync,
  readlinkSync,
  statSync,
  type Dirent,
} from 'node:fs';
import { access, lstat, open, readdir, readlink, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';

export interface Digest {
  readonly hash: string;
  readonly sizeBytes: number;
}

/** One entry of a REAPI Directory message (a FileNode, DirectoryNode or SymlinkNode). */
export type DirectoryChild =
  | {
      readonly kind: 'file';
      readonly name: string;
      readonly digest: Digest;
      readonly isExecutable: boolean;
      /**
       * Permission bits (setuid, setgid, sticky and rwx) when they are not what the executable bit
       * implies (0755 or 0644); stored as REAPI `node_properties.unix_mode`.
       */
      readonly mode?: number;
    }
  | { readonly kind: 'directory'; readonly name: string; readonly digest: Digest }
  | { readonly kind: 'symlink'; readonly name: string; readonly target: string };

/** An in-memory file tree: names map to entries (file contents given as text or bytes). */
export interface Tree {
  readonly [name: string]: TreeEntry;
}
export type TreeEntry =
  | { readonly kind: 'file'; readonly contents: string | Uint8Array; readonly executable?: boolean }
  | { readonly kind: 'symlink'; readonly target: string }
  | { readonly kind: 'directory'; readonly entries: Tree };

// ---------------------------------------------------------------------------------------------
// Minimal protobuf writer (only what REAPI Directory needs: varints and length-delimited fields).

const WIRE_VARINT = 0;
const WIRE_LEN = 2;

class ProtoWriter {
  private buf: Buffer = Buffer.allocUnsafe(256);
  private pos = 0;

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Unsigned varint; exact for any non-negative safe integer (no 32-bit bitwise truncation). */
  varint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`protobuf varint out of range: ${value}`);
    }
    this.ensure(10);
    let n = value;
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.pos++] = n;
  }

  private tag(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  /** Length-delimited field (bytes, string or an embedded message), always written. */
  bytes(field: number, data: Uint8Array): void {
    this.tag(field, WIRE_LEN);
    this.varint(data.length);
    this.ensure(data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }

  /** proto3 string: omitted when empty. */
  string(field: number, value: string | Uint8Array): void {
    const data = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    if (data.length > 0) this.bytes(field, data);
  }

  /** proto3 int64/uint64: omitted when zero. */
  uint(field: number, value: number): void {
    if (value === 0) return;
    this.tag(field, WIRE_VARINT);
    this.varint(value);
  }

  /** proto3 bool: omitted when false. */
  bool(field: number, value: boolean): void {
    if (!value) return;
    this.tag(field, WIRE_VARINT);
    this.varint(1);
  }

  finish(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

// ---------------------------------------------------------------------------------------------
// Directory message encoding.

/** Digest of a blob: lowercase hex SHA-256 and its length. */
export function blobDigest(data: Uint8Array): Digest {
  return { hash: createHash('sha256').update(data).digest('hex'), sizeBytes: data.length };
}

function encodeDigest(digest: Digest): Buffer {
  const w = new ProtoWriter();
  w.string(1, digest.hash);
  w.uint(2, digest.sizeBytes);
  return w.finish();
}

interface NamedChild {
  readonly nameBytes: Buffer;
  readonly child: DirectoryChild;
}

/**
 * Serialize a REAPI `Directory` message: files (field 1), then directories (2), then symlinks
 * (3), each group sorted by name bytes (the same order as Python's sort of `str` names). No
 * node_properties are written. Duplicate names are rejected.
 */
export function encodeDirectory(children: readonly DirectoryChild[]): Buffer {
  const named: NamedChild[] = children.map((child) => ({ nameBytes: Buffer.from(child.name, 'utf8'), child }));
  named.sort((a, b) => Buffer.compare(a.nameBytes, b.nameBytes));
  for (let i = 1; i < named.length; i++) {
    const prev = named[i - 1] as NamedChild;
    const cur = named[i] as NamedChild;
    if (prev.nameBytes.equals(cur.nameBytes)) {
      throw new Error(`duplicate directory entry name: ${JSON.stringify(cur.child.name)}`);
    }
  }
  const w = new ProtoWriter();
  for (const { nameBytes, child } of named) {
    if (child.kind !== 'file') continue;
    const node = new ProtoWriter();
    node.string(1, nameBytes);
    node.bytes(2, encodeDigest(child.digest));
    node.bool(4, child.isExecutable);
    if (child.mode !== undefined) {
      // NodeProperties { unix_mode (3): UInt32Value { value (1) } }
      const value = new ProtoWriter();
      value.uint(1, child.mode);
      const properties = new ProtoWriter();
      properties.bytes(3, value.finish());
      node.bytes(6, properties.finish());
    }
    w.bytes(1, node.finish());
  }
  for (const { nameBytes, child } of named) {
    if (child.kind !== 'directory') continue;
    const node = new ProtoWriter();
    node.string(1, nameBytes);
    node.bytes(2, encodeDigest(child.digest));
    w.bytes(2, node.finish());
  }
  for (const { nameBytes, child } of named) {
    if (child.kind !== 'symlink') continue;
    const node = new ProtoWriter();
    node.string(1, nameBytes);
    node.string(2, child.target);
    w.bytes(3, node.finish());
  }
  return w.finish();
}

/** Digest of the serialized `Directory` message for these children. */
export function directoryMessageDigest(children: readonly DirectoryChild[]): Digest {
  return blobDigest(encodeDirectory(children));
}

/** Digest of an in-memory tree (the root is the directory holding `tree`'s entries). */
export function treeDigest(tree: Tree): Digest {
  const children: DirectoryChild[] = [];
  for (const [name, entry] of Object.entries(tree)) {
    switch (entry.kind) {
      case 'file': {
        const data = typeof entry.contents === 'string' ? Buffer.from(entry.contents, 'utf8') : entry.contents;
        children.push({ kind: 'file', name, digest: blobDigest(data), isExecutable: entry.executable === true });
        break;
      }
      case 'symlink':
        children.push({ kind: 'symlink', name, target: entry.target });
        break;
      case 'directory':
        children.push({ kind: 'directory', name, digest: treeDigest(entry.entries) });
        break;
    }
  }
  return directoryMessageDigest(children);
}

// ---------------------------------------------------------------------------------------------
// Directory trees on disk.
//
// Mirrors BuildStream's LocalSource: a directory (not a symlink to one) is captured recursively;
// anything else is imported as a one-entry root directory named by its basename. Inside the
// tree, symlinks are recorded (target text, never followed), a regular file is executable iff
// its owner-execute bit is set, mtimes and other metadata are ignored, and special files
// (sockets, FIFOs, devices) are skipped. For the single-file case BuildStream itself decides
// executability with os.access(path, X_OK), so that is what is used there.

const CHUNK_SIZE = 1 << 20;
const S_IXUSR = 0o100;

let sharedChunk: Buffer | undefined;

function hashFileSync(path: string): { digest: Digest; mode: number } {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    const hash = createHash('sha256');
    const chunk = (sharedChunk ??= Buffer.allocUnsafe(CHUNK_SIZE));
    let total = 0;
    for (;;) {
      // Stop at the size fstat reported so that tiny files need a single read() call.
      const want = st.size > total ? Math.min(CHUNK_SIZE, st.size - total) : CHUNK_SIZE;
      const n = readSync(fd, chunk, 0, want, null);
      if (n === 0) break;
      hash.update(chunk.subarray(0, n));
      total += n;
      if (total === st.size) break;
    }
    return { digest: { hash: hash.digest('hex'), sizeBytes: total }, mode: st.mode };
  } finally {
    closeSync(fd);
  }
}

function childSync(dirPath: string, entry: Dirent): DirectoryChild | undefined {
  const path = join(dirPath, entry.name);
  if (entry.isDirectory()) {
    return { kind: 'directory', name: entry.name, digest: dirDigestSync(path) };
  }
  if (entry.isSymbolicLink()) {
    return { kind: 'symlink', name: entry.name, target: readlinkSync(path, 'utf8') };
  }
  if (entry.isFile()) {
    const { digest, mode } = hashFileSync(path);
    return { kind: 'file', name: entry.name, digest, isExecutable: (mode & S_IXUSR) !== 0 };
  }
  return undefined;
}

function dirDigestSync(dirPath: string): Digest {
  const children: DirectoryChild[] = [];
  for (const entry of readdirSync(dirPath, { withFileTypes: true })) {
    const child = childSync(dirPath, entry);
    if (child) children.push(child);
  }
  return directoryMessageDigest(children);
}

function isAccessibleSync(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

function singleFileError(path: string): Error {
  return new Error(`cannot import ${path}: not a directory or regular file`);
}

/** Synchronous `directoryDigest` (see there). */
export function directoryDigestSync(path: string): Digest {
  if (lstatSync(path).isDirectory()) return dirDigestSync(path);
  if (!statSync(path).isFile()) throw singleFileError(path);
  const { digest } = hashFileSync(path);
  const isExecutable = isAccessibleSync(path, fsConstants.X_OK);
  return directoryMessageDigest([{ kind: 'file', name: basename(path), digest, isExecutable }]);
}

// Async variant. File reads go through a small concurrency limit so that wide trees cannot
// exhaust file descriptors.

const MAX_OPEN_FILES = 64;
let openFiles = 0;
const waiters: (() => void)[] = [];

async function withFileSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (openFiles >= MAX_OPEN_FILES) {
    await new Promise<void>((resolve) => waiters.push(resolve));
  } else {
    openFiles++;
  }
  try {
    return await fn();
  } finally {
    const next = waiters.shift();
    if (next) next();
    else openFiles--;
  }
}

async function hashFile(path: string): Promise<{ digest: Digest; mode: number }> {
  return withFileSlot(async () => {
    const handle = await open(path, 'r');
    try {
      const st = await handle.stat();
      const hash = createHash('sha256');
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_SIZE, Math.max(st.size, 1)));
      let total = 0;
      for (;;) {
        const want = st.size > total ? Math.min(chunk.length, st.size - total) : chunk.length;
        const { bytesRead } = await handle.read(chunk, 0, want, null);
        if (bytesRead === 0) break;
        hash.update(chunk.subarray(0, bytesRead));
        total += bytesRead;
        if (total === st.size) break;
      }
      return { digest: { hash: hash.digest('hex'), sizeBytes: total }, mode: st.mode };
    } finally {
      await handle.close();
    }
  });
}

async function childAsync(dirPath: string, entry: Dirent): Promise<DirectoryChild | undefined> {
  const path = join(dirPath, entry.name);
  if (entry.isDirectory()) {
    return { kind: 'directory', name: entry.name, digest: await dirDigestAsync(path) };
  }
  if (entry.isSymbolicLink()) {
    return { kind: 'symlink', name: entry.name, target: await readlink(path, 'utf8') };
  }
  if (entry.isFile()) {
    const { digest, mode } = await hashFile(path);
    return { kind: 'file', name: entry.name, digest, isExecutable: (mode & S_IXUSR) !== 0 };
  }
  return undefined;
}

async function dirDigestAsync(dirPath: string): Promise<Digest> {
  const entries = await readdir(dirPath, { withFileTypes: true });
  const children = await Promise.all(entries.map((entry) => childAsync(dirPath, entry)));
  return directoryMessageDigest(children.filter((c): c is DirectoryChild => c !== undefined));
}

/**
 * Digest of the REAPI `Directory` BuildStream 2 builds when importing `path` (a `local` source's
 * unique key is its `hash`). A path that is not a directory is imported as a directory holding
 * just that file, under its basename.
 */
export async function directoryDigest(path: string): Promise<Digest> {
  if ((await lstat(path)).isDirectory()) return dirDigestAsync(path);
  if (!(await stat(path)).isFile()) throw singleFileError(path);
  const { digest } = await hashFile(path);
  let isExecutable = true;
  try {
    await access(path, fsConstants.X_OK);
  } catch {
    isExecutable = false;
  }
  return directoryMessageDigest([{ kind: 'file', name: basename(path), digest, isExecutable }]);
}

/** The mode a file's executable bit implies when no other mode is recorded. */
export function defaultFileMode(isExecutable: boolean): number {
  return isExecutable ? 0o755 : 0o644;
}
