// The content-addressed store: files by the sha256 of their bytes, directories as REAPI
// `Directory` messages stored the same way. Every object is written to a temporary name and
// renamed into place, so a reader never sees half an object; once in place an object is
// never written again. It knows nothing of elements or artifacts.

import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { decodeDirectory } from './directory-message.js';
import { blobDigest, defaultFileMode, encodeDirectory, type Digest, type DirectoryChild } from './directory-digest.js';

/** Every object carries this mtime (BuildStream's SOURCE_DATE_EPOCH), so staged trees are reproducible. */
export const OBJECT_MTIME = 1321009871;

const SMALL_FILE = 1 << 20;
/** Yield to the event loop this often during long synchronous walks, so aborts and other jobs proceed. */
const YIELD_EVERY = 256;

export interface IngestResult {
  readonly digest: Digest;
  readonly files: number;
  readonly bytes: number;
  /** Paths (relative to the ingested directory) of entries no tree can hold (fifos, sockets, devices). */
  readonly skipped: readonly string[];
}

export class ContentStore {
  private readonly objects: string;
  private readonly tmp: string;
  private readonly links: string;
  /** Symlink objects known to exist (they are never removed while a process runs). */
  private readonly knownLinks = new Set<string>();
  /** Decoded directories; objects never change, so this cache never goes stale. */
  private readonly directories = new Map<string, readonly DirectoryChild[]>();
  private readonly knownDirs = new Set<string>();

  constructor(readonly root: string) {
    this.objects = path.join(root, 'objects');
    this.tmp = path.join(root, 'tmp');
    this.links = path.join(root, 'links');
    fs.mkdirSync(this.objects, { recursive: true });
    fs.mkdirSync(this.tmp, { recursive: true });
  }

  /** Where a file object lives; executable content is its own object (mode 0755, else 0644) so it can be hard-linked with its mode. */
  objectPath(hash: string, executable = false): string {
    // Plain concatenation: this runs once per staged file.
    return `${this.objects}/${hash.slice(0, 2)}/${hash.slice(2)}${executable ? 'x' : ''}`;
  }

  /**
   * A symlink with this target, kept in the store so staging can hard-link it: on Linux a
   * hard link to a symlink is another name for the same small inode, which is about twice as
   * quick to make as a new symlink. They hold no data of their own, so they are not objects:
   * garbage collection and `cache check` leave them alone.
   */
  symlinkObject(target: string): string {
    const hash = createHash('sha256').update(target).digest('hex');
    const file = `${this.links}/${hash.slice(0, 2)}/${hash.slice(2)}`;
    if (this.knownLinks.has(file)) return file;
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const temporary = this.temporaryPath('link');
      fs.symlinkSync(target, temporary);
      fs.renameSync(temporary, file);
    }
    this.knownLinks.add(file);
    return file;
  }

  has(hash: string, executable = false): boolean {
    return fs.existsSync(this.objectPath(hash, executable));
  }

  /** A fresh temporary path on the store's filesystem. */
  temporaryPath(label = 'tmp'): string {
    return path.join(this.tmp, `${label}-${process.pid}-${randomBytes(6).toString('hex')}`);
  }

  putBytes(data: Uint8Array, executable = false): Digest {
    const digest = blobDigest(data);
    if (this.refresh(digest.hash, executable)) return digest;
    const temporary = this.temporaryPath('blob');
    fs.writeFileSync(temporary, data, { mode: 0o600 });
    this.publish(temporary, digest.hash, executable);
    return digest;
  }

  readBytes(hash: string): Buffer {
    try {
      return fs.readFileSync(this.objectPath(hash));
    } catch (error) {
      if (isMissing(error)) return fs.readFileSync(this.objectPath(hash, true));
      throw error;
    }
  }

  putDirectoryMessage(children: readonly DirectoryChild[]): Digest {
    const digest = this.putBytes(encodeDirectory(children));
    this.directories.set(digest.hash, children);
    return digest;
  }

  readDirectory(hash: string): readonly DirectoryChild[] {
    let children = this.directories.get(hash);
    if (!children) {
      children = decodeDirectory(this.readBytes(hash));
      this.directories.set(hash, children);
    }
    return children;
  }

  /**
   * Stores one file. With `move` the file itself is renamed into the store when the object is
   * new (the caller gives up the path); otherwise its bytes are copied.
   */
  putFile(file: string, options: { move: boolean; executable: boolean }): Digest {
    const digest = hashFileSync(file);
    if (this.refresh(digest.hash, options.executable)) return digest;
    let temporary = file;
    if (!options.move) {
      temporary = this.temporaryPath('file');
      fs.copyFileSync(file, temporary);
    }
    this.publish(temporary, digest.hash, options.executable);
    return digest;
  }

  /** Ingests a directory tree and returns its root digest. With `move`, files are renamed into the store. */
  async putDirectory(directory: string, options: { move: boolean; select?: (absolutePath: string) => boolean }): Promise<IngestResult> {
    const select = options.select;
    const state = { files: 0, bytes: 0, steps: 0, skipped: [] as string[] };
    const walk = async (absolute: string, relative: string): Promise<Digest> => {
      const children: DirectoryChild[] = [];
      for (const entry of fs.readdirSync(absolute, { withFileTypes: true })) {
        const full = path.join(absolute, entry.name);
        const rel = relative ? `${relative}/${entry.name}` : entry.name;
        if (++state.steps % YIELD_EVERY === 0) await yieldToEventLoop();
        if (entry.isDirectory()) {
          const digest = await walk(full, rel);
          // With a selection, a directory stays when something in it was kept or it is selected itself.
          if (select && digest.sizeBytes === 0 && !select(`/${rel}`)) continue;
          children.push({ kind: 'directory', name: entry.name, digest });
        } else if (select && !select(`/${rel}`)) {
          continue;
        } else if (entry.isSymbolicLink()) {
          children.push({ kind: 'symlink', name: entry.name, target: fs.readlinkSync(full, 'utf8') });
        } else if (entry.isFile()) {
          const stat = fs.statSync(full);
          // A build may leave files it cannot read back (mode 000); the owner may always fix that.
          if ((stat.mode & 0o400) === 0) fs.chmodSync(full, stat.mode | 0o400);
          const executable = (stat.mode & 0o100) !== 0;
          const permissions = stat.mode & 0o7777;
          const digest = this.putFile(full, { move: options.move, executable });
          state.files++;
          state.bytes += digest.sizeBytes;
          // The usual modes are implied by the executable bit; anything else is kept as a property.
          children.push(
            permissions === defaultFileMode(executable)
              ? { kind: 'file', name: entry.name, digest, isExecutable: executable }
              : { kind: 'file', name: entry.name, digest, isExecutable: executable, mode: permissions },
          );
        } else {
          state.skipped.push(rel);
        }
      }
      return this.putDirectoryMessage(children);
    };
    const digest = await walk(directory, '');
    return { digest, files: state.files, bytes: state.bytes, skipped: state.skipped };
  }

  /** The digest of an empty directory, stored. */
  emptyDirectory(): Digest {
    return this.putDirectoryMessage([]);
  }

  /** Every object file in the store, with the hash its name claims and whether it is the executable variant. */
  *listObjects(): Generator<{ readonly path: string; readonly hash: string; readonly executable: boolean }> {
    for (const prefix of readdirOrEmpty(this.objects)) {
      if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
      for (const name of readdirOrEmpty(path.join(this.objects, prefix))) {
        const executable = name.endsWith('x');
        const rest = executable ? name.slice(0, -1) : name;
        yield { path: path.join(this.objects, prefix, name), hash: prefix + rest, executable };
      }
    }
  }

  /**
   * Whether the object exists; if so its ctime is renewed, which tells garbage collection in
   * another process that the object was just stored again and must not go.
   */
  private refresh(hash: string, executable: boolean): boolean {
    try {
      fs.utimesSync(this.objectPath(hash, executable), OBJECT_MTIME, OBJECT_MTIME);
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  private publish(temporary: string, hash: string, executable: boolean): void {
    // Owner-writable on purpose: builds run as an unprivileged root that must be able to modify
    // staged files copy-on-write (through the sandbox's overlay), as in BuildStream's sandboxes.
    // Objects stay unchanged because nothing ever writes through them: sandboxes see them only
    // through read-only mounts, an overlay, or private copies.
    fs.chmodSync(temporary, defaultFileMode(executable));
    fs.utimesSync(temporary, OBJECT_MTIME, OBJECT_MTIME);
    const final = this.objectPath(hash, executable);
    const dir = path.dirname(final);
    if (!this.knownDirs.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      this.knownDirs.add(dir);
    }
    // rename() replaces atomically: a concurrent writer of the same object writes the same bytes.
    fs.renameSync(temporary, final);
  }
}

export function hashFileSync(file: string): Digest {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size <= SMALL_FILE) {
      const data = fs.readFileSync(fd);
      hash.update(data);
      return { hash: hash.digest('hex'), sizeBytes: data.length };
    }
    const chunk = Buffer.allocUnsafe(SMALL_FILE);
    let total = 0;
    for (;;) {
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      hash.update(chunk.subarray(0, read));
      total += read;
    }
    return { hash: hash.digest('hex'), sizeBytes: total };
  } finally {
    fs.closeSync(fd);
  }
}

/** The names in a directory, or none when it does not exist (yet, or any more). */
export function readdirOrEmpty(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

/** The file's lstat, or undefined when it is gone: another process may remove it at any time. */
export function lstatOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** Unlinks the file; false when it was already gone (another process removed it first). */
export function unlinkIfPresent(file: string): boolean {
  try {
    fs.unlinkSync(file);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

export function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
