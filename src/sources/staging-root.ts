// Placing entries inside a source staging directory: creating the directories on the way and
// clearing the spot for a file, symlink or hard link. It never lets a write leave the staging
// directory: a symlink on the way is followed only when it resolves inside, and the final
// component of a path is always replaced, never written through.

import fs from 'node:fs';
import path from 'node:path';
import { CairnError, type ErrorReason, type Provenance } from '../format/errors.js';

/** The entry being placed, for errors: "tar member 'pkg/../x'" and where the source is declared. */
export interface Placement {
  readonly what: string;
  readonly at: Provenance;
}

const DIRECTORY_MODE = 0o755;

export class StagingRoot {
  private constructor(
    /** The staging directory with every symlink in its own path resolved. */
    readonly real: string,
    /** The error a symlink leading outside raises: the archive's fault, or a clash between sources. */
    private readonly escapeReason: ErrorReason,
  ) {}

  static async open(directory: string, escapeReason: ErrorReason): Promise<StagingRoot> {
    return new StagingRoot(await fs.promises.realpath(directory), escapeReason);
  }

  /** Whether a real (symlink-free) path is the staging directory or under it. */
  contains(real: string): boolean {
    return real === this.real || real.startsWith(this.real + path.sep);
  }

  /** The real path of the directory `components` below the root, creating what is missing. */
  async directory(components: readonly string[], entry: Placement): Promise<string> {
    let current = this.real;
    for (const name of components) current = await this.subdirectory(current, name, entry);
    return current;
  }

  /**
   * The real path of directory `name` in the real directory `parent`, made if missing. A file in
   * the way is replaced (a later source overrides an earlier one); a symlink is followed only
   * when it leads to a directory inside the root, as Python's tarfile "tar" filter allows.
   */
  async subdirectory(parent: string, name: string, entry: Placement): Promise<string> {
    assertComponent(name);
    const candidate = path.join(parent, name);
    const stat = await lstatOrUndefined(candidate);
    if (stat?.isDirectory()) return candidate;
    if (stat?.isSymbolicLink()) {
      let real: string;
      try {
        real = await fs.promises.realpath(candidate);
      } catch {
        throw this.escape(candidate, entry, 'which leads nowhere');
      }
      if (!this.contains(real)) throw this.escape(candidate, entry, 'which leads outside the staging directory');
      if ((await fs.promises.stat(real)).isDirectory()) return real;
    }
    if (stat) await fs.promises.unlink(candidate);
    await fs.promises.mkdir(candidate, { mode: DIRECTORY_MODE });
    // mkdir's mode passes through the umask; staged trees should not depend on it.
    await fs.promises.chmod(candidate, DIRECTORY_MODE);
    return candidate;
  }

  /**
   * Makes `name` in the real directory `parent` free for a file, symlink or hard link and
   * returns its path. Whatever was there is removed, never followed; an empty directory may
   * go, a non-empty one is a clash.
   */
  async clear(parent: string, name: string, entry: Placement): Promise<string> {
    assertComponent(name);
    const target = path.join(parent, name);
    const stat = await lstatOrUndefined(target);
    if (stat === undefined) return target;
    if (!stat.isDirectory()) {
      await fs.promises.unlink(target);
      return target;
    }
    try {
      await fs.promises.rmdir(target);
    } catch {
      throw new CairnError('staging-overlap', `${entry.what} would replace the non-empty directory '${this.relative(target)}'`, entry.at);
    }
    return target;
  }

  relative(real: string): string {
    return path.relative(this.real, real) || '.';
  }

  private escape(link: string, entry: Placement, how: string): CairnError {
    return new CairnError(this.escapeReason, `${entry.what} would be written through the symbolic link '${this.relative(link)}', ${how}`, entry.at);
  }
}

function assertComponent(name: string): void {
  // Callers split and check paths; a separator or dot-dot here is a bug, not user input.
  if (name === '' || name === '.' || name === '..' || name.includes('/')) throw new Error(`staging: bad path component '${name}'`);
}

async function lstatOrUndefined(file: string): Promise<fs.Stats | undefined> {
  try {
    return await fs.promises.lstat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
