// Where checkouts go, shared by artifact and source checkouts: a directory that must be empty
// or new, or a tarball that appears whole or not at all.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as tar from 'tar';
import { CairnError } from '../format/errors.js';

/** Refuses a directory target that exists and is not an empty directory: a checkout never mixes with other files. */
export function requireEmptyDirectory(directory: string): void {
  if (!fs.existsSync(directory)) return;
  if (!fs.statSync(directory).isDirectory()) throw new CairnError('invalid-argument', `${directory} exists and is not a directory`);
  if (fs.readdirSync(directory).length > 0) throw new CairnError('invalid-argument', `${directory} is not empty`, undefined, 'give an empty or new directory');
}

export interface TarballOptions {
  /** Every member's modification time (seconds since the epoch), so that the same tree gives the same bytes; absent: the files' own. */
  readonly mtime?: number;
  /** Where the file name `-` writes; default: this process's stdout. */
  readonly stdout?: NodeJS.WritableStream;
}

/**
 * Writes the tree under `root` as a tarball: to stdout when `file` is `-`, else to `file`
 * (gzip-compressed when named .tar.gz or .tgz). An empty tree gives a valid archive without members.
 */
export async function writeTarball(root: string, file: string, options: TarballOptions = {}): Promise<void> {
  const members = fs.readdirSync(root).sort();
  // Portable: no user or group names and ids, nor access times, so the tarball does not depend on who made it.
  const tarOptions = { cwd: root, portable: true, ...(options.mtime !== undefined ? { mtime: new Date(options.mtime * 1000) } : {}) };
  if (file === '-') {
    await streamTarball(tarOptions, members, options.stdout ?? process.stdout);
    return;
  }
  const gzip = /\.(tgz|tar\.gz)$/.test(file);
  const temporary = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.part`);
  try {
    // node-tar refuses an empty list of members, so an empty tree is written by hand.
    if (members.length > 0) await tar.c({ ...tarOptions, gzip, file: temporary }, members);
    else fs.writeFileSync(temporary, gzip ? zlib.gzipSync(EMPTY_ARCHIVE) : EMPTY_ARCHIVE);
    fs.renameSync(temporary, file);
  } catch (error) {
    throw asUserError(error, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/** A tar archive without members: just the two zero blocks that end every archive. */
const EMPTY_ARCHIVE = Buffer.alloc(1024);

async function streamTarball(tarOptions: tar.TarOptionsWithAliasesAsyncNoFile, members: string[], stdout: NodeJS.WritableStream): Promise<void> {
  if (members.length === 0) {
    await new Promise<void>((resolve, reject) => stdout.write(EMPTY_ARCHIVE, (error) => (error ? reject(error) : resolve())));
    return;
  }
  const stream = tar.c(tarOptions, members);
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('end', resolve);
    stream.pipe(stdout);
  });
}

/** A file system's refusal (no such directory, no permission, a directory in the way) is the user's to fix. */
function asUserError(error: unknown, file: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code !== 'string') return error;
  return new CairnError('invalid-argument', `cannot write ${file}: ${(error as Error).message}`);
}
