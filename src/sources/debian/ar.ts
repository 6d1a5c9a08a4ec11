// The `ar` container a .deb is (deb(5)): an 8-byte magic, then members each behind a 60-byte
// header (name, mtime, uid, gid, mode, decimal size, "`\n"), their data padded to an even length.
// It lists members and streams one out; it never reads a member's data into memory whole.

import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { CairnError, type Provenance } from '../../format/errors.js';

export interface ArMember {
  readonly name: string;
  /** Where the member's data starts in the file. */
  readonly offset: number;
  readonly size: number;
}

const MAGIC = '!<arch>\n';
const HEADER = 60;

/** The members of an ar archive, in order. `label` names the file in errors. */
export async function arMembers(file: string, label: string, at: Provenance): Promise<ArMember[]> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size: total } = await handle.stat();
    const magic = Buffer.alloc(MAGIC.length);
    await handle.read(magic, 0, magic.length, 0);
    if (magic.toString('latin1') !== MAGIC) throw new CairnError('invalid-data', `${label} is not a Debian package (no ar header)`, at);
    const members: ArMember[] = [];
    const header = Buffer.alloc(HEADER);
    for (let position = MAGIC.length; position < total; ) {
      const { bytesRead } = await handle.read(header, 0, HEADER, position);
      if (bytesRead < HEADER || header.toString('latin1', 58, 60) !== '`\n') {
        throw new CairnError('invalid-data', `${label} is a damaged ar archive (bad member header at byte ${position})`, at);
      }
      // GNU ar ends names with '/'; dpkg-deb writes them padded with spaces.
      const name = header.toString('latin1', 0, 16).trimEnd().replace(/\/$/, '');
      const size = Number.parseInt(header.toString('latin1', 48, 58).trim(), 10);
      const offset = position + HEADER;
      if (!Number.isSafeInteger(size) || size < 0 || offset + size > total) {
        throw new CairnError('invalid-data', `${label} is a damaged ar archive (member '${name}' overruns the file)`, at);
      }
      members.push({ name, offset, size });
      position = offset + size + (size % 2);
    }
    return members;
  } finally {
    await handle.close();
  }
}

/** Copies one member's data to `target` (created, not replaced). */
export async function copyMember(file: string, member: ArMember, target: string, signal: AbortSignal): Promise<void> {
  if (member.size === 0) {
    await fs.promises.writeFile(target, '', { flag: 'wx' });
    return;
  }
  await pipeline(fs.createReadStream(file, { start: member.offset, end: member.offset + member.size - 1 }), fs.createWriteStream(target, { flags: 'wx' }), { signal });
}
