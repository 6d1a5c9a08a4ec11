// Stages artifact trees into a directory the way BuildStream stages dependencies: in order,
// later trees over earlier ones, directories merged, a file replacing a file (an overlap),
// never a file replacing a non-empty directory (ignored), and a directory never staged over a
// file or symlink (an error). The merge happens in memory first, so overlaps are known before
// anything is written, and only the final tree touches the disk: hard links into the content
// store (the sandbox keeps them from being written through) or copies.
//
// A directory that only one layer brings is kept as a reference to its stored tree and only
// expanded when a later layer merges into it, so staging costs work in proportion to what
// overlaps, and writing out a tree is one pass over its stored directories.

import fs from 'node:fs';
import path from 'node:path';
import { CairnError } from '../format/errors.js';
import { OBJECT_MTIME, type ContentStore } from './content-store.js';
import { defaultFileMode, type Digest, type DirectoryChild } from './directory-digest.js';

type Leaf =
  | { readonly kind: 'file'; readonly hash: string; readonly size: number; readonly executable: boolean; readonly mode: number | undefined; readonly owner: number }
  | { readonly kind: 'symlink'; readonly target: string; readonly owner: number };
interface Dir {
  readonly kind: 'directory';
  /** Present once expanded; until then the directory is exactly the stored tree `stored`. */
  children: Map<string, Node> | undefined;
  stored: { readonly digest: Digest; readonly owner: number } | undefined;
}
type Node = Leaf | Dir;

export interface Overlap {
  /** Absolute path in the staging area. */
  readonly path: string;
  /** Names of the layers that wrote the path, bottom first. */
  readonly writers: readonly string[];
}

export interface StagingReport {
  readonly overlaps: readonly Overlap[];
  /** Files not staged because a non-empty directory was already there. */
  readonly ignored: ReadonlyArray<{ readonly path: string; readonly layer: string }>;
}

export interface Layer {
  readonly name: string;
  /** The root Directory hash of the tree. */
  readonly tree: string;
  /** Where the tree goes, an absolute path in the staging area. */
  readonly location: string;
  /** Whether this layer may overwrite the given absolute path without it being reported. */
  readonly mayOverwrite?: (path: string) => boolean;
}

export class StagingArea {
  private readonly root: Dir = { kind: 'directory', children: new Map(), stored: undefined };
  private readonly layers: Layer[] = [];
  /** Paths written by more than one layer, with the layers in order. */
  private readonly writers = new Map<string, number[]>();
  private readonly ignored: Array<{ path: string; layer: string }> = [];

  constructor(private readonly store: ContentStore) {}

  add(layer: Layer): void {
    const index = this.layers.push(layer) - 1;
    const target = this.openDirectory(layer.location, layer.name);
    this.merge(target, layer.tree, normalise(layer.location), index);
  }

  report(): StagingReport {
    const overlaps: Overlap[] = [];
    for (const [file, writers] of this.writers) {
      // A path is reported when a layer that is not allowed to overwrite it did so.
      const offenders = writers.slice(1).filter((i) => !(this.layers[i]!.mayOverwrite?.(file) ?? false));
      if (offenders.length > 0) overlaps.push({ path: file, writers: writers.map((i) => this.layers[i]!.name) });
    }
    overlaps.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { overlaps, ignored: this.ignored };
  }

  /** Every staged path (directories included), absolute, for split rules. */
  paths(): string[] {
    const out: string[] = [];
    this.visit(this.root, '', (p) => {
      out.push(p);
      return true;
    });
    return out;
  }

  /**
   * Writes the merged tree under `target` (which must exist). `link` hard-links store objects
   * (inodes shared with the store, which the sandbox never lets a build write through); `copy`
   * writes private files. `select`, when given, keeps only the absolute paths it accepts (and
   * the directories above them). Returns the number of files and symlinks written.
   */
  async materialize(target: string, how: 'link' | 'copy', select?: (path: string) => boolean): Promise<number> {
    const state = { written: 0, steps: 0 };
    await this.write(this.root, target, '', how, select, state);
    return state.written;
  }

  /** The merged tree, stored, keeping only the absolute paths `keep` accepts (and directories above them). */
  toTree(keep: (path: string) => boolean): Digest {
    const build = (dir: Dir, prefix: string): Digest => {
      const children: DirectoryChild[] = [];
      for (const [name, node] of this.entries(dir)) {
        const p = `${prefix}/${name}`;
        if (node.kind === 'directory') {
          const digest = build(node, p);
          if (digest.sizeBytes > 0 || keep(p)) children.push({ kind: 'directory', name, digest });
        } else if (keep(p)) {
          children.push(
            node.kind === 'file'
              ? {
                  kind: 'file',
                  name,
                  digest: { hash: node.hash, sizeBytes: node.size },
                  isExecutable: node.executable,
                  ...(node.mode !== undefined ? { mode: node.mode } : {}),
                }
              : { kind: 'symlink', name, target: node.target },
          );
        }
      }
      return this.store.putDirectoryMessage(children);
    };
    return build(this.root, '');
  }

  // -------------------------------------------------------------------------------------------

  /** A directory's entries without expanding it: a stored directory is read, not copied into maps. */
  private *entries(dir: Dir): Generator<[string, Node]> {
    if (dir.children) {
      yield* dir.children;
      return;
    }
    const { digest, owner } = dir.stored!;
    for (const child of this.store.readDirectory(digest.hash)) yield [child.name, nodeOf(child, owner)];
  }

  private expand(dir: Dir): Map<string, Node> {
    if (!dir.children) {
      const { digest, owner } = dir.stored!;
      dir.children = new Map(this.store.readDirectory(digest.hash).map((child) => [child.name, nodeOf(child, owner)]));
      dir.stored = undefined;
    }
    return dir.children;
  }

  private visit(dir: Dir, prefix: string, visitor: (path: string, node: Node) => boolean): void {
    for (const [name, node] of this.entries(dir)) {
      const p = `${prefix}/${name}`;
      if (visitor(p, node) && node.kind === 'directory') this.visit(node, p, visitor);
    }
  }

  private async write(
    dir: Dir,
    host: string,
    prefix: string,
    how: 'link' | 'copy',
    select: ((path: string) => boolean) | undefined,
    state: { written: number; steps: number },
  ): Promise<boolean> {
    let any = false;
    for (const [name, node] of this.entries(dir)) {
      const p = `${prefix}/${name}`;
      const dest = `${host}/${name}`;
      // Yield now and then so that signals and other jobs are not starved by a large tree.
      if (++state.steps % 1024 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      if (node.kind === 'directory') {
        const keepWhole = select === undefined || select(p);
        mkdirIfMissing(dest);
        const kept = await this.write(node, dest, p, how, select, state);
        if (!kept && !keepWhole) fs.rmdirSync(dest);
        else any = true;
        continue;
      }
      if (select && !select(p)) continue;
      any = true;
      state.written++;
      if (node.kind === 'symlink') {
        if (how === 'link') linkOr(this.store.symlinkObject(node.target), dest, () => fs.symlinkSync(node.target, dest));
        else fs.symlinkSync(node.target, dest);
      } else if (how === 'link' && node.mode === undefined) {
        linkOr(this.store.objectPath(node.hash, node.executable), dest, () => this.copyObject(node.hash, node.executable, undefined, dest));
      } else {
        // A file with a mode of its own (setuid, private, read-only) gets its own inode.
        this.copyObject(node.hash, node.executable, node.mode, dest);
      }
    }
    return any;
  }

  private copyObject(hash: string, executable: boolean, mode: number | undefined, dest: string): void {
    fs.copyFileSync(this.store.objectPath(hash, executable), dest, fs.constants.COPYFILE_FICLONE);
    fs.chmodSync(dest, mode ?? defaultFileMode(executable));
    fs.utimesSync(dest, OBJECT_MTIME, OBJECT_MTIME);
  }

  private openDirectory(location: string, layer: string): Dir {
    let dir = this.root;
    let sofar = '';
    for (const part of normalise(location).split('/').filter(Boolean)) {
      sofar += `/${part}`;
      const children = this.expand(dir);
      const existing = children.get(part);
      if (!existing) {
        const created: Dir = { kind: 'directory', children: new Map(), stored: undefined };
        children.set(part, created);
        dir = created;
      } else if (existing.kind === 'directory') {
        dir = existing;
      } else {
        throw notADirectory(sofar, existing.kind, layer);
      }
    }
    return dir;
  }

  private merge(into: Dir, tree: string, prefix: string, layer: number): void {
    const children = this.expand(into);
    for (const child of this.store.readDirectory(tree)) {
      const p = prefix === '/' ? `/${child.name}` : `${prefix}/${child.name}`;
      const existing = children.get(child.name);
      if (child.kind === 'directory') {
        if (!existing) {
          // Only this layer has anything here so far: keep the stored tree as it is.
          children.set(child.name, { kind: 'directory', children: undefined, stored: { digest: child.digest, owner: layer } });
        } else if (existing.kind === 'directory') {
          this.merge(existing, child.digest.hash, p, layer);
        } else {
          throw notADirectory(p, existing.kind, this.layers[layer]!.name);
        }
        continue;
      }
      if (existing?.kind === 'directory') {
        if (this.entries(existing).next().done !== true) {
          this.ignored.push({ path: p, layer: this.layers[layer]!.name });
          continue;
        }
      } else if (existing) {
        const writers = this.writers.get(p);
        if (writers) writers.push(layer);
        else this.writers.set(p, [existing.owner, layer]);
      }
      children.set(child.name, nodeOf(child, layer));
    }
  }
}

function nodeOf(child: DirectoryChild, owner: number): Node {
  switch (child.kind) {
    case 'file':
      return { kind: 'file', hash: child.digest.hash, size: child.digest.sizeBytes, executable: child.isExecutable, mode: child.mode, owner };
    case 'symlink':
      return { kind: 'symlink', target: child.target, owner };
    case 'directory':
      return { kind: 'directory', children: undefined, stored: { digest: child.digest, owner } };
  }
}

function notADirectory(p: string, kind: string, layer: string): CairnError {
  return new CairnError('staging-overlap', `cannot stage ${layer}: ${p} is a ${kind} where the element has a directory`);
}

function normalise(location: string): string {
  const n = path.posix.normalize('/' + location);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/** Hard-links `object` at `dest`, or falls back when the inode has as many links as the filesystem allows. */
function linkOr(object: string, dest: string, fallback: () => void): void {
  try {
    fs.linkSync(object, dest);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EMLINK') throw error;
    fallback();
  }
}

function mkdirIfMissing(dir: string): void {
  try {
    fs.mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
