// The distribution archive of the machine the tests run on, found as examples/hello/demo.sh
// finds it: the release's codename from /etc/os-release and the first apt source serving it.
// Builds reach it through a user-configuration mirror of a placeholder alias, so no archive host
// is ever written into a test project. It only reads the machine's configuration.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findAptArchive, readAptSources } from '../../src/sources/debian/apt-sources.js';

/** The placeholder every test project writes for the archive; the mirror is the real one. */
export const PLACEHOLDER_ARCHIVE = 'https://distro-archive.invalid/';

export interface MachineArchive {
  /** The release codename (bookworm, noble...). */
  readonly suite: string;
  /** The archive root this machine's apt sources name for it, ending in `/`. */
  readonly url: string;
}

/** The machine's release and archive; throws, saying what is missing, when it has none. */
export function machineArchive(root = '/'): MachineArchive {
  const release = readOsRelease(path.join(root, 'etc', 'os-release'));
  const suite = release.get('VERSION_CODENAME') || release.get('UBUNTU_CODENAME');
  if (!suite) {
    throw new Error('these tests build on the Debian or Ubuntu release this machine runs, but /etc/os-release names no VERSION_CODENAME');
  }
  const found = findAptArchive(readAptSources(root), suite);
  if (found === undefined) {
    throw new Error(
      `these tests build a base from this machine's distribution archive, but no apt source in /etc/apt/sources.list or /etc/apt/sources.list.d serves ${suite} over http, https or file`,
    );
  }
  return { suite, url: found.url };
}

function readOsRelease(file: string): Map<string, string> {
  const fields = new Map<string, string>();
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return fields;
  }
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) fields.set(match[1]!, match[2]!.replace(/^(["'])(.*)\1$/, '$2'));
  }
  return fields;
}

/**
 * Where the tests keep downloaded sources between runs (the archive's packages are tens of
 * megabytes): $XDG_CACHE_HOME/cairn-tests/sources, or under the temporary directory.
 */
export function persistentSourceCache(env: NodeJS.ProcessEnv = process.env): string {
  const cacheHome = env['XDG_CACHE_HOME'] || (env['HOME'] ? path.join(env['HOME'], '.cache') : undefined);
  return cacheHome ? path.join(cacheHome, 'cairn-tests', 'sources') : path.join(os.tmpdir(), 'cairn-test-sources');
}

/**
 * A user configuration (YAML) with its own caches and, for each project named, the machine's
 * archive as the mirror of the `distro` alias: `projects: NAME: mirrors:`, as demo.sh writes it.
 */
export function userConfig(archive: MachineArchive, caches: { readonly cachedir: string; readonly sourcedir: string }, projects: readonly string[]): string {
  const lines = [`cachedir: ${JSON.stringify(caches.cachedir)}`, `sourcedir: ${JSON.stringify(caches.sourcedir)}`, 'projects:'];
  for (const project of projects) {
    lines.push(`  ${project}:`, '    mirrors:', '    - name: this-machine', '      aliases:', '        distro:', `        - ${JSON.stringify(archive.url)}`);
  }
  return `${lines.join('\n')}\n`;
}
