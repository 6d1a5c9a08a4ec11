// Extracts a tar archive into a staging directory the way BuildStream's `tar` source does:
// only members under the base directory, with that prefix stripped; a leading `./` ignored;
// files owner-readable and writable, keeping only their executable bit; device nodes and
// FIFOs skipped. It never writes outside the directory: absolute names, `..` components,
// hard links to anything but earlier members and writes through symlinks that lead outside
// are refused with an 'unsafe-archive' error naming the member.

import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadEntry } from 'tar';
import { chooseBaseDir, safeComponents, withoutDotSlash, type MemberName } from './archive-members.js';
import { CairnError, type Provenance } from '../format/errors.js';
import { withTarStream } from './archive-stream.js';
import { StagingRoot, type Placement } from './staging-root.js';
import { tarEntries } from './tar-entries.js';

export interface ExtractRequest {
  /** The archive file (plain, gzip, xz, bzip2, lzip or zstd). */
  readonly archive: string;
  /** Names the archive in messages (its URL). */
  readonly label: string;
  /** The staging directory; it exists. */
  readonly directory: string;
  /** BuildStream's `base-dir`: a glob for the directory to extract, or '' for the whole archive. */
  readonly baseDir: string;
  /** Where `base-dir` is written, when it is: a base-dir matching nothing points there. */
  readonly baseDirAt?: Provenance;
  /** Where the source is declared, for errors. */
  readonly at: Provenance;
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
}

const S_IXUSR = 0o100;
// O_NOFOLLOW: a member's file is created fresh; a symlink appearing at its name is a race.
const CREATE_FLAGS = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW;

export async function extractTar(request: ExtractRequest): Promise<void> {
  try {
    const prefix = request.baseDir === '' ? '' : `${await findBaseDir(request)}/`;
    const root = await StagingRoot.open(request.directory, 'unsafe-archive');
    // Regular files this archive wrote, by staged path: the only things a hard link may name.
    const extracted = new Set<string>();
    await withTarStream(request.archive, request.label, request.at, async (stream) => {
      for await (const entry of tarEntries(stream)) {
        request.signal.throwIfAborted();
        await extractMember(entry, prefix, root, extracted, request);
      }
    });
  } catch (error) {
    if (isTarParseError(error)) {
      throw new CairnError('invalid-data', `${request.label} is not a valid tar archive: ${error.message}`, request.at);
    }
    throw error;
  }
}

async function extractMember(entry: ReadEntry, prefix: string, root: StagingRoot, extracted: Set<string>, request: ExtractRequest): Promise<void> {
  const raw = entry.path;
  const name = withoutDotSlash(raw);
  // As BuildStream: members outside the base directory are skipped before anything is checked.
  if (!name.startsWith(prefix)) {
    entry.resume();
    return;
  }
  const member: Placement = { what: `tar member '${raw}'`, at: request.at };
  const components = safeComponents(name.slice(prefix.length), member);
  const last = components.at(-1);
  if (last === undefined) {
    entry.resume();
    return;
  }
  const staged = components.join('/');
  switch (entry.type) {
    case 'Directory':
    case 'GNUDumpDir':
      entry.resume();
      await root.directory(components, member);
      return;
    case 'File':
    case 'OldFile':
    case 'ContiguousFile': {
      const parent = await root.directory(components.slice(0, -1), member);
      const target = await root.clear(parent, last, member);
      const mode = ((entry.mode ?? 0) & S_IXUSR) !== 0 ? 0o755 : 0o644;
      const handle = await fs.promises.open(target, CREATE_FLAGS, mode);
      // fchmod: the umask must not decide the mode, and the handle cannot be redirected.
      await handle.chmod(mode);
      await pipeline(Readable.from(entry), handle.createWriteStream(), { signal: request.signal });
      // The archive's timestamps matter: make compares them (configure against configure.ac).
      if (entry.mtime) await fs.promises.lutimes(target, entry.mtime, entry.mtime);
      extracted.add(staged);
      return;
    }
    case 'SymbolicLink': {
      entry.resume();
      // The target is data: it is stored as written and never followed while extracting.
      const parent = await root.directory(components.slice(0, -1), member);
      await fs.promises.symlink(entry.linkpath ?? '', await root.clear(parent, last, member));
      extracted.delete(staged);
      return;
    }
    case 'Link': {
      entry.resume();
      const source = await hardLinkSource(entry, prefix, root, extracted, member);
      const parent = await root.directory(components.slice(0, -1), member);
      await fs.promises.link(source, await root.clear(parent, last, member));
      extracted.add(staged);
      return;
    }
    case 'CharacterDevice':
    case 'BlockDevice':
    case 'FIFO':
      entry.resume();
      request.log(`skipping ${member.what}: device nodes and FIFOs are not staged`);
      return;
    default:
      entry.resume();
      request.log(`skipping ${member.what}: unsupported member type ${entry.type}`);
  }
}

/** The real path of the file a hard link names, which must be a regular file from this archive. */
async function hardLinkSource(entry: ReadEntry, prefix: string, root: StagingRoot, extracted: ReadonlySet<string>, member: Placement): Promise<string> {
  const written = entry.linkpath ?? '';
  let name = withoutDotSlash(written);
  // BuildStream strips the base directory from link targets under it, and keeps others as written.
  if (prefix !== '' && name.startsWith(prefix)) name = name.slice(prefix.length);
  const components = safeComponents(name, { what: `${member.what} (a hard link to '${written}')`, at: member.at });
  const last = components.at(-1);
  if (last === undefined || !extracted.has(components.join('/'))) {
    throw new CairnError('unsafe-archive', `${member.what} is a hard link to '${written}', which is not a file extracted from this archive`, member.at);
  }
  const source = path.join(await root.directory(components.slice(0, -1), member), last);
  if (!(await fs.promises.lstat(source)).isFile()) {
    throw new CairnError('unsafe-archive', `${member.what} is a hard link to '${written}', which is no longer a regular file`, member.at);
  }
  return source;
}

/** Reads every member name once to choose `base-dir`. */
async function findBaseDir(request: ExtractRequest): Promise<string> {
  const members: MemberName[] = [];
  await withTarStream(request.archive, request.label, request.at, async (stream) => {
    for await (const entry of tarEntries(stream)) {
      entry.resume();
      request.signal.throwIfAborted();
      members.push({ raw: entry.path, name: withoutDotSlash(entry.path), isDirectory: entry.type === 'Directory' || entry.type === 'GNUDumpDir' });
    }
  });
  return chooseBaseDir(members, request.baseDir, request.label, request.baseDirAt ?? request.at);
}

function isTarParseError(error: unknown): error is Error {
  return error instanceof Error && !(error instanceof CairnError) && 'tarCode' in error;
}
