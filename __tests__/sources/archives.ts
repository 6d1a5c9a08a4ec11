// Archives for staging tests: honest ones made by the host's `tar` from a directory tree, and
// hand-built ones (header by header, with the `tar` package) for what no honest tool writes:
// absolute names, `..`, links through symlinks, device nodes.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Header, type ReadEntry } from 'tar';

type EntryTypeName = ReadEntry['type'];

const created: string[] = [];

/** A fresh temporary directory, removed by removeTemporaries(). */
export function temporaryDirectory(prefix = 'cairn-sources-'): string {
  const directory = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  created.push(directory);
  return directory;
}

export function removeTemporaries(): void {
  for (const directory of created.splice(0)) fs.rmSync(directory, { recursive: true, force: true });
}

export type TreeSpec = Readonly<Record<string, string | { readonly symlink: string } | { readonly text: string; readonly mode: number }>>;

/** Writes files (text, `{symlink}` or `{text, mode}`) into `directory`; returns it. */
export function writeTree(directory: string, tree: TreeSpec): string {
  for (const [name, spec] of Object.entries(tree)) {
    const file = path.join(directory, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (typeof spec === 'string') fs.writeFileSync(file, spec);
    else if ('symlink' in spec) fs.symlinkSync(spec.symlink, file);
    else {
      fs.writeFileSync(file, spec.text);
      fs.chmodSync(file, spec.mode);
    }
  }
  return directory;
}

/** Runs the host tar: `hostTar(['-czf', out, 'pkg'], cwd)`. */
export function hostTar(args: readonly string[], cwd: string): void {
  execFileSync('tar', [...args], { cwd, stdio: 'pipe' });
}

export function sha256Of(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export interface RawMember {
  readonly path: string;
  readonly type?: EntryTypeName;
  readonly body?: string;
  readonly linkpath?: string;
  readonly mode?: number;
}

/** An uncompressed tar archive holding exactly these members, in this order, unsanitised. */
export function rawTar(members: readonly RawMember[]): Buffer {
  const blocks: Buffer[] = [];
  for (const member of members) {
    const body = Buffer.from(member.body ?? '');
    const type = member.type ?? 'File';
    const header = new Header({
      path: member.path,
      type,
      mode: member.mode ?? (type === 'Directory' ? 0o755 : 0o644),
      size: type === 'File' ? body.length : 0,
      linkpath: member.linkpath ?? '',
      uid: 0,
      gid: 0,
      uname: '',
      gname: '',
      mtime: new Date(0),
      devmaj: 0,
      devmin: 0,
    });
    const block = Buffer.alloc(512);
    header.encode(block, 0);
    blocks.push(block);
    if (type === 'File' && body.length > 0) {
      blocks.push(body, Buffer.alloc((512 - (body.length % 512)) % 512));
    }
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** Every path under `directory`, relative, sorted; symlinks shown as `name -> target`, dirs with `/`. */
export function listTree(directory: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const rel = prefix + entry.name;
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) out.push(`${rel} -> ${fs.readlinkSync(full)}`);
      else if (entry.isDirectory()) {
        out.push(`${rel}/`);
        walk(full, `${rel}/`);
      } else out.push(rel);
    }
  };
  walk(directory, '');
  return out.sort();
}

/** The permission bits of a file (not following symlinks). */
export function modeOf(file: string): number {
  return fs.lstatSync(file).mode & 0o7777;
}
