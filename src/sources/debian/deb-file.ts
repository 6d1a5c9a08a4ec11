// Reading a binary package (deb(5)): its control and data tarballs, taken out of the ar container
// into a scratch file so tar-extract's checks and the host decompressors can read them. It never
// runs a maintainer script and never writes outside the scratch directory it is given.

import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { CairnError, type Provenance } from '../../format/errors.js';
import { withTarStream } from '../archive-stream.js';
import { tarEntries } from '../tar-entries.js';
import { arMembers, copyMember, type ArMember } from './ar.js';
import { parseStanzas, type Stanza } from './deb822.js';

/** A .deb file and how to name it in messages. */
export interface DebFile {
  readonly file: string;
  /** The package and version, or the URL, for messages. */
  readonly label: string;
  readonly at: Provenance;
}

/** Compressions dpkg-deb writes and the host can undo (lzma is long obsolete and not among them). */
const TAR_MEMBER = /^(control|data)\.tar(\.(gz|xz|zst|bz2))?$/;

interface DebMembers {
  readonly control: ArMember;
  readonly data: ArMember;
}

async function debMembers(deb: DebFile): Promise<DebMembers> {
  const members = await arMembers(deb.file, deb.label, deb.at);
  if (members[0]?.name !== 'debian-binary') throw new CairnError('invalid-data', `${deb.label} is not a Debian binary package (no debian-binary member first)`, deb.at);
  const find = (kind: 'control' | 'data'): ArMember => {
    const member = members.find((candidate) => candidate.name.startsWith(`${kind}.tar`));
    if (member === undefined) throw new CairnError('invalid-data', `${deb.label} has no ${kind}.tar member`, deb.at);
    if (!TAR_MEMBER.test(member.name)) throw new CairnError('invalid-data', `${deb.label} has a ${member.name} member, which Cairn cannot unpack`, deb.at, 'supported: plain, gzip, xz, zstd and bzip2 tarballs');
    return member;
  };
  return { control: find('control'), data: find('data') };
}

/** Runs `use` with the package's data tarball as a file of its own in `scratch`, removed afterwards. */
export async function withDataTar<T>(deb: DebFile, scratch: string, signal: AbortSignal, use: (tarball: string) => Promise<T>): Promise<T> {
  const { data } = await debMembers(deb);
  return withMember(deb, data, scratch, signal, use);
}

async function withMember<T>(deb: DebFile, member: ArMember, scratch: string, signal: AbortSignal, use: (tarball: string) => Promise<T>): Promise<T> {
  const directory = await fs.promises.mkdtemp(path.join(scratch, 'deb-'));
  try {
    const tarball = path.join(directory, member.name);
    await copyMember(deb.file, member, tarball, signal);
    return await use(tarball);
  } finally {
    await fs.promises.rm(directory, { recursive: true, force: true });
  }
}

/** The fields of the package's `control` file. */
export async function readControl(deb: DebFile, scratch: string, signal: AbortSignal): Promise<Stanza> {
  const { control } = await debMembers(deb);
  const text = await withMember(deb, control, scratch, signal, (tarball) =>
    withTarStream(tarball, `${deb.label} control.tar`, deb.at, async (stream) => {
      let found: string | undefined;
      for await (const entry of tarEntries(stream)) {
        if (entry.path.replace(/^(\.\/)+/, '') !== 'control' || entry.type !== 'File') {
          entry.resume();
          continue;
        }
        // A control file is a few kilobytes; a huge one is not a control file.
        if ((entry.size ?? 0) > 1 << 20) throw new CairnError('invalid-data', `${deb.label} has an oversized control file`, deb.at);
        const chunks: Buffer[] = [];
        for await (const chunk of entry) chunks.push(chunk as Buffer);
        found = Buffer.concat(chunks).toString('utf8');
      }
      return found;
    }),
  );
  const stanza = text === undefined ? undefined : parseStanzas(text)[0];
  if (stanza === undefined) throw new CairnError('invalid-data', `${deb.label} has no control file`, deb.at);
  return stanza;
}

export interface DataMember {
  /** Relative path without `./` or trailing `/`; '' for the root. */
  readonly path: string;
  readonly directory: boolean;
}

/** The members of a data tarball, names only (nothing is written). */
export async function listTarball(tarball: string, label: string, at: Provenance, signal: AbortSignal): Promise<DataMember[]> {
  try {
    return await withTarStream(tarball, label, at, (stream) => readNames(stream, signal));
  } catch (error) {
    if (error instanceof Error && !(error instanceof CairnError) && 'tarCode' in error) {
      throw new CairnError('invalid-data', `${label} is not a valid tar archive: ${error.message}`, at);
    }
    throw error;
  }
}

async function readNames(stream: Readable, signal: AbortSignal): Promise<DataMember[]> {
  const members: DataMember[] = [];
  for await (const entry of tarEntries(stream)) {
    entry.resume();
    signal.throwIfAborted();
    let name = entry.path;
    while (name.startsWith('./')) name = name.slice(2);
    name = name.replace(/\/+$/, '');
    if (name === '.') name = '';
    members.push({ path: name, directory: entry.type === 'Directory' || entry.type === 'GNUDumpDir' });
  }
  return members;
}
