// Copies a file or directory from the project into a staging directory as BuildStream's `local`
// source stages it: a directory gives its contents, a file lands under its base name, symlinks
// stay symlinks, files keep only their executable bit, sockets and other special files are
// skipped. Inside a tree it never follows a symlink, neither in the project nor in the staging
// directory.

import fs from 'node:fs';
import path from 'node:path';
import type { Provenance } from '../format/errors.js';
import { StagingRoot } from './staging-root.js';

const S_IXUSR = 0o100;

export interface CopyRequest {
  /** Absolute path of the file or directory to copy. */
  readonly from: string;
  /** The staging directory; it exists. */
  readonly directory: string;
  /** Where the source is declared, for errors. */
  readonly at: Provenance;
  readonly signal: AbortSignal;
}

export async function copyIntoStaging(request: CopyRequest): Promise<void> {
  const root = await StagingRoot.open(request.directory, 'staging-overlap');
  const top = await fs.promises.lstat(request.from);
  if (top.isDirectory()) {
    await copyDirectory(request.from, root.real, '', root, request);
    return;
  }
  // As BuildStream (and the source's key): a single path is followed and imported as a file,
  // executable when the user may execute it.
  const name = path.basename(request.from);
  const target = await root.clear(root.real, name, { what: `local file '${name}'`, at: request.at });
  await copyFile(request.from, target, await isExecutable(request.from));
}

async function copyDirectory(from: string, to: string, relative: string, root: StagingRoot, request: CopyRequest): Promise<void> {
  const entries = await fs.promises.readdir(from, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    request.signal.throwIfAborted();
    const source = path.join(from, entry.name);
    const rel = relative === '' ? entry.name : `${relative}/${entry.name}`;
    const placement = { what: `local file '${rel}'`, at: request.at };
    if (entry.isDirectory()) {
      await copyDirectory(source, await root.subdirectory(to, entry.name, placement), rel, root, request);
    } else if (entry.isSymbolicLink()) {
      const target = await fs.promises.readlink(source);
      await fs.promises.symlink(target, await root.clear(to, entry.name, placement));
    } else if (entry.isFile()) {
      const mode = (await fs.promises.lstat(source)).mode;
      await copyFile(source, await root.clear(to, entry.name, placement), (mode & S_IXUSR) !== 0);
    }
    // Sockets, FIFOs and devices have no content to stage; BuildStream's CAS import skips them.
  }
}

async function copyFile(from: string, to: string, executable: boolean): Promise<void> {
  // EXCL: `to` was just cleared, so anything there now (even a symlink) is a race, not a target.
  await fs.promises.copyFile(from, to, fs.constants.COPYFILE_EXCL);
  // Only the executable bit is content; the rest is normalised, as a CAS checkout would give.
  await fs.promises.chmod(to, executable ? 0o755 : 0o644);
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await fs.promises.access(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
