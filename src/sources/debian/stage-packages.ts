// Staging binary packages the way an unpack-only install would: the data tarball of each package,
// in order, extracted with tar-extract's safety rules (nothing outside the directory, symlinks kept
// as data). A later package's file replaces an earlier one's, and the log says so. No maintainer
// script runs. Each package's file list is written to var/lib/cairn-deb/<package>.list, as dpkg
// keeps its own under var/lib/dpkg/info.

import fs from 'node:fs';
import { CairnError } from '../../format/errors.js';
import { extractTar } from '../tar-extract.js';
import { StagingRoot } from '../staging-root.js';
import { listTarball, withDataTar, type DebFile } from './deb-file.js';

export interface StagedPackage extends DebFile {
  /** The package name, which names its list file. */
  readonly name: string;
}

export interface StageRequest {
  readonly packages: readonly StagedPackage[];
  readonly directory: string;
  /** Where scratch copies of data tarballs go (removed afterwards). */
  readonly scratch: string;
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
}

/** Where the file lists go, relative to the staging directory. */
const LIST_DIRECTORY = ['var', 'lib', 'cairn-deb'] as const;

export async function stagePackages(request: StageRequest): Promise<void> {
  await fs.promises.mkdir(request.scratch, { recursive: true });
  // Which package staged each non-directory path, to name the one a later package replaces.
  const owners = new Map<string, string>();
  for (const deb of request.packages) {
    request.signal.throwIfAborted();
    if (!/^[a-z0-9][a-z0-9+.-]*$/.test(deb.name)) throw new CairnError('invalid-data', `'${deb.name}' is not a Debian package name`, deb.at);
    const members = await withDataTar(deb, request.scratch, request.signal, async (tarball) => {
      const label = `${deb.label} data.tar`;
      const listed = await listTarball(tarball, label, deb.at, request.signal);
      for (const member of listed) {
        if (member.directory || member.path === '') continue;
        const owner = owners.get(member.path);
        if (owner !== undefined && owner !== deb.name) request.log(`${deb.name} replaces /${member.path} from ${owner}`);
      }
      await extractTar({ archive: tarball, label, directory: request.directory, baseDir: '', at: deb.at, signal: request.signal, log: request.log });
      return listed;
    });
    for (const member of members) if (!member.directory && member.path !== '') owners.set(member.path, deb.name);
    await writeList(request.directory, deb, members.map((member) => member.path));
    request.log(`staged ${deb.label} (${members.length} entries)`);
  }
}

/** dpkg's list format: `/.` for the root, then one absolute path per member, in archive order. */
async function writeList(directory: string, deb: StagedPackage, paths: readonly string[]): Promise<void> {
  const root = await StagingRoot.open(directory, 'unsafe-archive');
  const placement = { what: `the file list of ${deb.name}`, at: deb.at };
  const parent = await root.directory(LIST_DIRECTORY, placement);
  const target = await root.clear(parent, `${deb.name}.list`, placement);
  const text = paths.map((entry) => (entry === '' ? '/.' : `/${entry}`)).join('\n');
  await fs.promises.writeFile(target, text === '' ? '' : `${text}\n`, { flag: 'wx', mode: 0o644 });
  await fs.promises.chmod(target, 0o644);
}
