// Extracts a zip archive into a staging directory the way BuildStream's `zip` source did: only
// members under the base directory, with that prefix stripped; every file 0644 and every
// directory 0755 whatever the archive says; a symlink member staged as a plain file holding its
// target, as Python's zipfile extracts it. It never writes outside the directory: absolute
// names and `..` components are refused with an 'unsafe-archive' error naming the member, and a
// symlink an earlier source staged is never written through to outside.

import fs from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { chooseBaseDir, safeComponents, withoutDotSlash } from './archive-members.js';
import { CairnError, messageOf } from '../format/errors.js';
import { StagingRoot, type Placement } from './staging-root.js';
import type { ExtractRequest } from './tar-extract.js';

interface Member {
  /** The name as the archive writes it (decoded), for messages. */
  readonly raw: string;
  /** The name without leading `./` or trailing `/`. */
  readonly name: string;
  readonly isDirectory: boolean;
  readonly entry: Entry;
}

const FILE_MODE = 0o644;
// O_NOFOLLOW: a member's file is created fresh; a symlink appearing at its name is a race.
const CREATE_FLAGS = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW;

export async function extractZip(request: ExtractRequest): Promise<void> {
  const zip = await zipCall(request, () =>
    // Names are decoded here rather than by yauzl, whose own checks would fail the whole archive
    // with a message that names no member. Backslashes stay literal, as on Linux they are.
    yauzl.openPromise(request.archive, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true, strictFileNames: true }),
  );
  try {
    const members = await zipCall(request, () => readMembers(zip));
    const prefix = request.baseDir === '' ? '' : `${findBaseDir(members, request)}/`;
    const root = await StagingRoot.open(request.directory, 'unsafe-archive');
    for (const member of members) {
      request.signal.throwIfAborted();
      await extractMember(zip, member, prefix, root, request);
    }
  } finally {
    zip.close();
  }
}

async function readMembers(zip: ZipFile): Promise<Member[]> {
  const members: Member[] = [];
  for await (const entry of zip.eachEntry()) {
    const raw = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
    members.push({ raw, name: withoutDotSlash(raw), isDirectory: raw.endsWith('/'), entry });
  }
  return members;
}

async function extractMember(zip: ZipFile, member: Member, prefix: string, root: StagingRoot, request: ExtractRequest): Promise<void> {
  // As BuildStream: members outside the base directory are skipped before anything is checked.
  if (!member.name.startsWith(prefix)) return;
  const placement: Placement = { what: `zip member '${member.raw}'`, at: request.at };
  const components = safeComponents(member.name.slice(prefix.length), placement, member.raw);
  const last = components.at(-1);
  if (last === undefined) return;
  if (member.isDirectory) {
    await root.directory(components, placement);
    return;
  }
  const { entry } = member;
  if (!entry.canDecodeFileData()) {
    const why = entry.isEncrypted() ? 'is encrypted' : `uses compression method ${entry.compressionMethod}, which Cairn cannot unpack (only stored and deflated)`;
    throw new CairnError('invalid-data', `${placement.what} in ${request.label} ${why}`, request.at);
  }
  const parent = await root.directory(components.slice(0, -1), placement);
  const target = await root.clear(parent, last, placement);
  const handle = await fs.promises.open(target, CREATE_FLAGS, FILE_MODE);
  let body: Readable;
  try {
    // fchmod: the umask must not decide the mode, and the handle cannot be redirected.
    await handle.chmod(FILE_MODE);
    body = await zipCall(request, () => zip.openReadStreamPromise(entry));
  } catch (error) {
    await handle.close();
    throw error;
  }
  let bodyFailure: unknown;
  body.once('error', (error: unknown) => (bodyFailure = error));
  try {
    await pipeline(body, crcCheck(entry.crc32), handle.createWriteStream(), { signal: request.signal });
  } catch (error) {
    request.signal.throwIfAborted();
    if (error === bodyFailure || error instanceof CrcMismatch) {
      throw new CairnError('invalid-data', `${request.label} is not a valid zip archive: ${placement.what}: ${(error as Error).message}`, request.at);
    }
    throw error;
  }
}

class CrcMismatch extends Error {}

/** Passes bytes through and fails at the end when their CRC-32 is not the one the archive records. */
function crcCheck(expected: number): Transform {
  // zlib.crc32 came in Node 20.15; without it the check is skipped (the archive's sha256 still pins it).
  const crc32 = typeof zlib.crc32 === 'function' ? zlib.crc32 : undefined;
  let crc = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (crc32) crc = crc32(chunk, crc);
      callback(null, chunk);
    },
    flush(callback) {
      if (crc32 && crc >>> 0 !== expected >>> 0) callback(new CrcMismatch('its data does not match its CRC-32'));
      else callback();
    },
  });
}

function findBaseDir(members: readonly Member[], request: ExtractRequest): string {
  return chooseBaseDir(members, request.baseDir, request.label, request.baseDirAt ?? request.at);
}

/** Runs a call into yauzl; what it throws means the archive is damaged or not a zip at all. */
async function zipCall<T>(request: ExtractRequest, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    request.signal.throwIfAborted();
    if (error instanceof CairnError) throw error;
    throw new CairnError('invalid-data', `${request.label} is not a valid zip archive: ${messageOf(error)}`, request.at);
  }
}
