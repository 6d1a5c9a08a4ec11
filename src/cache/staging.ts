// Stages artifact trees into a directory the way BuildStream stages dependencies: in order,
// later trees over earlier ones, directories merged, a file replacing a file (an overlap),
// never a file replacing a non-empty directory (ignored), and a directory never staged over a
// file or symlink (an error). The merge happens in memory first, so overlaps are known before
// anything is written, and only the final tree touches the disk: hard links into the content
// store (the sandbox keeps them from being written through) or copies.

import fs from 'node:fs';
import path from 'node:path';
import { CairnError } from '../format/errors.js';
import { OBJECT_MTIME, type ContentStore } from './content-store.js';
import type { Digest, DirectoryChild } from './directory-digest.js';

type Leaf =
  | { readonly kind: 'file'; readonly hash: string; readonly size: number; readonly executable: boolean; readonly owner: number }
  | { readonly kind: 'symlink'; readonly target: string; readonly owner: number };
interface Dir {
  readonly kind: 'directory';
  readonly children: Map<string, Node>;
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
  readonly files: number;
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
  private readonly root: Dir = { kind: 'directory', children: new Map() };
  private readonly layers: Layer[] = [];
  private readonly writers = new Map<string, number[]>();
  private readonly ignored: Array<{ path: string; layer: string }> = [];
  private files = 0;

  constructor(private readonly store: ContentStore) {}

  add(layer: Layer): void {
    const index = this.layers.push(layer) - 1;
    const target = this.openDirectory(layer.location, layer.name);
    this.merge(target, layer.tree, normalise(layer.location), index);
  }

  report(): StagingReport {
    const overlaps: Overlap[] = [];
    for (const [file, writers] of this.writers) {
      if (writers.length < 2) continue;
      // A path is reported when a layer that is not allowed to overwrite it did so.
      const offenders = writers.slice(1).filter((i) => !(this.layers[i]!.mayOverwrite?.(file) ?? false));
      if (offenders.length > 0) overlaps.push({ path: file, writers: writers.map((i) => this.layers[i]!.name) });
    }
    overlaps.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { overlaps, ignored: this.ignored, files: this.files };
  }

  /** Every staged path (directories included), absolute, for split rules. */
  paths(): string[] {
    const out: string[] = [];
    const walk = (dir: Dir, prefix: string): void => {
      for (const [name, node] of dir.children) {
        const p = `${prefix}/${name}`;
        out.push(p);
        if (node.kind === 'directory') walk(node, p);
      }
    };
    walk(this.root, '');
    return out;
  }

  /**
   * Writes the merged tree under `target` (which must exist). `link` hard-links store objects
   * (read-only inodes shared with the store); `copy` writes private, writable files.
   * `select`, when given, keeps only the absolute paths it accepts (and the directories above them).
   */
  async materialize(target: string, how: 'link' | 'copy', select?: (path: string) => boolean): Promise<number> {
    let written = 0;
    let steps = 0;
    const walk = async (dir: Dir, host: string, prefix: string): Promise<boolean> => {
      let any = false;
      for (const [name, node] of dir.children) {
        const p = `${prefix}/${name}`;
        const dest = path.join(host, name);
        if (++steps % 512 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
        if (node.kind === 'directory') {
          const keepWhole = select === undefined || select(p);
          mkdirIfMissing(dest);
          const kept = await walk(node, dest, p);
          if (!kept && !keepWhole) fs.rmdirSync(dest);
          else any = true;
          continue;
        }
        if (select && !select(p)) continue;
        any = true;
        written++;
        if (node.kind === 'symlink') {
          fs.symlinkSync(node.target, dest);
        } else if (how === 'link') {
          fs.linkSync(this.store.objectPath(node.hash, node.executable), dest);
        } else {
          fs.copyFileSync(this.store.objectPath(node.hash, node.executable), dest, fs.constants.COPYFILE_FICLONE);
          fs.chmodSync(dest, node.executable ? 0o755 : 0o644);
          fs.utimesSync(dest, OBJECT_MTIME, OBJECT_MTIME);
        }
      }
      return any;
    };
    await walk(this.root, target, '');
    return written;
  }

  /** The merged tree, stored, keeping only the absolute paths `keep` accepts (and directories above them). */
  toTree(keep: (path: string) => boolean): Digest {
    const build = (dir: Dir, prefix: string): Digest => {
      const children: DirectoryChild[] = [];
      for (const [name, node] of dir.children) {
        const p = `${prefix}/${name}`;
        if (node.kind === 'directory') {
          const digest = build(node, p);
          if (digest.sizeBytes > 0 || keep(p)) children.push({ kind: 'directory', name, digest });
        } else if (keep(p)) {
          children.push(
            node.kind === 'file'
              ? { kind: 'file', name, digest: { hash: node.hash, sizeBytes: node.size }, isExecutable: node.executable }
              : { kind: 'symlink', name, target: node.target },
          );
        }
      }
      return this.store.putDirectoryMessage(children);
    };
    return build(this.root, '');
  }

  private openDirectory(location: string, layer: string): Dir {
    let dir = this.root;
    let sofar = '';
    for (const part of normalise(location).split('/').filter(Boolean)) {
      sofar += `/${part}`;
      const existing = dir.children.get(part);
      if (!existing) {
        const created: Dir = { kind: 'directory', children: new Map() };
        dir.children.set(part, created);
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
    for (const child of this.store.readDirectory(tree)) {
      const p = prefix === '/' ? `/${child.name}` : `${prefix}/${child.name}`;
      const existing = into.children.get(child.name);
      if (child.kind === 'directory') {
        let dir: Dir;
        if (!existing) {
          dir = { kind: 'directory', children: new Map() };
          into.children.set(child.name, dir);
        } else if (existing.kind === 'directory') {
          dir = existing;
        } else {
          throw notADirectory(p, existing.kind, this.layers[layer]!.name);
        }
        this.merge(dir, child.digest.hash, p, layer);
        continue;
      }
      if (existing?.kind === 'directory') {
        if (existing.children.size > 0) {
          this.ignored.push({ path: p, layer: this.layers[layer]!.name });
          continue;
        }
      }
      const leaf: Leaf =
        child.kind === 'file'
          ? { kind: 'file', hash: child.digest.hash, size: child.digest.sizeBytes, executable: child.isExecutable, owner: layer }
          : { kind: 'symlink', target: child.target, owner: layer };
      into.children.set(child.name, leaf);
      this.files++;
      const writers = this.writers.get(p);
      if (writers) writers.push(layer);
      else this.writers.set(p, [layer]);
    }
  }
}

function notADirectory(p: string, kind: string, layer: string): CairnError {
  return new CairnError('staging-overlap', `cannot stage ${layer}: ${p} is a ${kind} where the element has a directory`);
}

function normalise(location: string): string {
  const n = path.posix.normalize('/' + location);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

function mkdirIfMissing(dir: string): void {
  try {
    fs.mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
