// Small but real Debian archives for the deb source tests: packages built by `dpkg-deb --build`
// from control fields and file trees, laid out in a pool, with Packages and Packages.xz indices
// and a Release listing their SHA256, optionally clearsigned by a throwaway gpg key.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { JsonValue } from '../../src/cache/canonical-json.js';
import { sha256Of, temporaryDirectory, writeTree, type TreeSpec } from './archives.js';

export interface PackageSpec {
  readonly name: string;
  readonly version: string;
  /** Default amd64. */
  readonly architecture?: string;
  /** Extra control fields: Depends, Pre-Depends, Provides, Recommends, Essential, Multi-Arch... */
  readonly fields?: Readonly<Record<string, string>>;
  readonly files?: TreeSpec;
  /** dpkg-deb's -Z (default xz). */
  readonly compression?: 'xz' | 'gzip' | 'zstd' | 'none';
}

export interface BuiltPackage {
  readonly spec: PackageSpec;
  /** The pool path, relative to the archive root. */
  readonly filename: string;
  readonly sha256: string;
  readonly size: number;
}

export interface ArchiveSpec {
  readonly suite: string;
  readonly architecture?: string;
  /** Component name → its packages. */
  readonly components: Readonly<Record<string, readonly PackageSpec[]>>;
}

export interface BuiltArchive {
  readonly root: string;
  readonly packages: readonly BuiltPackage[];
  /** The package built for `name` at `version`. */
  get(name: string, version?: string): BuiltPackage;
}

/** Builds a .deb into `directory` with dpkg-deb; returns its path. */
export function buildDeb(spec: PackageSpec, directory: string): string {
  const tree = temporaryDirectory('cairn-deb-tree-');
  writeTree(tree, spec.files ?? {});
  fs.mkdirSync(path.join(tree, 'DEBIAN'), { recursive: true });
  const fields: Record<string, string> = {
    Package: spec.name,
    Version: spec.version,
    Architecture: spec.architecture ?? 'amd64',
    Maintainer: 'Cairn tests <cairn@localhost>',
    ...spec.fields,
    Description: `${spec.name} for the deb source tests`,
  };
  fs.writeFileSync(path.join(tree, 'DEBIAN', 'control'), Object.entries(fields).map(([key, value]) => `${key}: ${value}\n`).join(''));
  const out = path.join(directory, `${spec.name}_${spec.version.replace(/^\d+:/, '')}_${spec.architecture ?? 'amd64'}.deb`);
  fs.mkdirSync(directory, { recursive: true });
  execFileSync('dpkg-deb', ['--root-owner-group', `-Z${spec.compression ?? 'xz'}`, '--build', tree, out], { stdio: 'pipe' });
  return out;
}

/** An ar container (a .deb, when the members are right) holding exactly these members, unchecked. */
export function rawAr(members: ReadonlyArray<{ readonly name: string; readonly body: Buffer }>): Buffer {
  const field = (text: string, width: number): string => text.padEnd(width, ' ');
  const parts: Buffer[] = [Buffer.from('!<arch>\n', 'latin1')];
  for (const member of members) {
    const header = field(member.name, 16) + field('0', 12) + field('0', 6) + field('0', 6) + field('100644', 8) + field(String(member.body.length), 10) + '`\n';
    parts.push(Buffer.from(header, 'latin1'), member.body);
    if (member.body.length % 2 === 1) parts.push(Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}

/** Writes the archive's pool, indices and Release under `root` (which nginx may serve). */
export function writeArchive(root: string, spec: ArchiveSpec): BuiltArchive {
  const architecture = spec.architecture ?? 'amd64';
  const packages: BuiltPackage[] = [];
  const dists = path.join(root, 'dists', spec.suite);
  const indices: string[] = [];
  for (const [component, specs] of Object.entries(spec.components)) {
    const stanzas: string[] = [];
    for (const each of specs) {
      const pool = path.join('pool', component, each.name.slice(0, 1), each.name);
      const file = buildDeb(each, path.join(root, pool));
      const built: BuiltPackage = { spec: each, filename: `${pool}/${path.basename(file)}`, sha256: sha256Of(file), size: fs.statSync(file).size };
      packages.push(built);
      const fields: Record<string, string> = {
        Package: each.name,
        Version: each.version,
        Architecture: each.architecture ?? 'amd64',
        ...each.fields,
        Filename: built.filename,
        Size: String(built.size),
        SHA256: built.sha256,
        Description: `${each.name} for the deb source tests`,
      };
      stanzas.push(Object.entries(fields).map(([key, value]) => `${key}: ${value}\n`).join(''));
    }
    const binary = path.join(dists, component, `binary-${architecture}`);
    fs.mkdirSync(binary, { recursive: true });
    fs.writeFileSync(path.join(binary, 'Packages'), stanzas.join('\n'));
    execFileSync('xz', ['-k', '-f', path.join(binary, 'Packages')]);
    indices.push(`${component}/binary-${architecture}/Packages`, `${component}/binary-${architecture}/Packages.xz`);
  }
  writeRelease(root, spec.suite, Object.keys(spec.components), architecture, indices);
  return {
    root,
    packages,
    get(name, version) {
      const found = packages.find((built) => built.spec.name === name && (version === undefined || built.spec.version === version));
      if (!found) throw new Error(`no package ${name} ${version ?? ''}`);
      return found;
    },
  };
}

/** (Re)writes dists/<suite>/Release with the SHA256 of each listed index as it is now on disk. */
export function writeRelease(root: string, suite: string, components: readonly string[], architecture: string, indices: readonly string[]): void {
  const dists = path.join(root, 'dists', suite);
  const lines = indices.map((index) => ` ${sha256Of(path.join(dists, index))} ${fs.statSync(path.join(dists, index)).size} ${index}`);
  fs.writeFileSync(
    path.join(dists, 'Release'),
    [`Origin: Cairn tests`, `Suite: ${suite}`, `Codename: ${suite}`, `Architectures: ${architecture}`, `Components: ${components.join(' ')}`, 'Date: Thu, 01 Jan 2026 00:00:00 UTC', 'SHA256:', ...lines, ''].join('\n'),
  );
}

/** A throwaway signing key: its gpg home, and a keyring file with the public key for gpgv. */
export interface TestKey {
  readonly home: string;
  readonly keyring: string;
  /** Writes dists/<suite>/InRelease, the Release clearsigned with this key. */
  sign(root: string, suite: string): void;
  remove(): void;
}

export function makeTestKey(): TestKey {
  const home = temporaryDirectory('cairn-gpg-');
  fs.chmodSync(home, 0o700);
  const gpg = (...args: string[]): Buffer => execFileSync('gpg', ['--homedir', home, '--batch', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], { stdio: 'pipe' });
  gpg('--quick-gen-key', 'Cairn test archive signing key', 'ed25519', 'sign', 'never');
  const keyring = path.join(home, 'archive-keyring.gpg');
  fs.writeFileSync(keyring, gpg('--export'));
  return {
    home,
    keyring,
    sign(root, suite) {
      const dists = path.join(root, 'dists', suite);
      gpg('--yes', '--clearsign', '--output', path.join(dists, 'InRelease'), path.join(dists, 'Release'));
    },
    remove() {
      try {
        execFileSync('gpgconf', ['--homedir', home, '--kill', 'gpg-agent'], { stdio: 'pipe' });
      } catch {
        // no agent was started
      }
    },
  };
}

/** A TrackResult's `ref` as YAML lines for an element (indented under `  ref:`). */
export function refYaml(ref: JsonValue | undefined): string[] {
  if (!Array.isArray(ref)) throw new Error('ref is not a list');
  return ref.flatMap((entry: JsonValue) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new Error('ref entry is not a mapping');
    const field = (key: string): string => String(entry[key]);
    return [`  - package: ${field('package')}`, `    version: '${field('version')}'`, `    sha256: ${field('sha256')}`, `    filename: ${field('filename')}`];
  });
}

const script = (text: string): { readonly text: string; readonly mode: number } => ({ text, mode: 0o755 });

/**
 * The sample suite: `app` needs, through Pre-Depends, alternatives, a virtual name provided by
 * two packages, a versioned virtual name, `:any` and version constraints with `~` and epochs,
 * exactly app, base-lib, bigmta, fallback-editor, libabi-impl, libc-like, libfoo 3.0~rc1-1 and
 * tool. `broken-app` needs `middle`, which needs a libfoo that does not exist.
 */
export const SAMPLE_SUITE: ArchiveSpec = {
  suite: 'testing-cairn',
  components: {
    main: [
      {
        name: 'app',
        version: '1.0-1',
        fields: {
          'Pre-Depends': 'base-lib',
          Depends: 'libfoo (<< 3.0), nonexistent-editor | fallback-editor, mail-transport-agent, tool:any, libabi (>= 2)',
          Recommends: 'recommended',
        },
        files: { 'usr/bin/app': script('#!/bin/sh\necho app\n'), 'usr/bin/app-link': { symlink: 'app' }, 'usr/share/doc/app/README': 'the app\n' },
      },
      { name: 'base-lib', version: '1.0-1', compression: 'none', fields: { Essential: 'yes', 'Pre-Depends': 'libc-like (>= 1:0.5)' }, files: { 'usr/lib/base/libbase.so.1': 'base\n', 'usr/lib/base/libbase.so': { symlink: 'libbase.so.1' } } },
      { name: 'libc-like', version: '0.9-1', files: { 'usr/lib/libc-like.so': 'old\n' } },
      { name: 'libc-like', version: '1:0.5-1', files: { 'usr/lib/libc-like.so': 'epoch 1\n' } },
      { name: 'libfoo', version: '1.5-1', compression: 'gzip', files: { 'usr/lib/libfoo.so.1': 'foo 1.5\n' } },
      { name: 'libfoo', version: '2.1-1', compression: 'gzip', files: { 'usr/lib/libfoo.so.2': 'foo 2.1\n' } },
      { name: 'libfoo', version: '3.0~rc1-1', compression: 'gzip', files: { 'usr/lib/libfoo.so.3': 'foo 3.0~rc1\n', 'usr/lib/libfoo.so': { symlink: 'libfoo.so.3' }, 'etc/shared.conf': 'from libfoo\n' } },
      { name: 'libfoo', version: '3.0-1', compression: 'gzip', files: { 'usr/lib/libfoo.so.3': 'foo 3.0\n' } },
      { name: 'fallback-editor', version: '1.0', architecture: 'all', files: { 'usr/bin/editor': script('#!/bin/sh\n') } },
      { name: 'tinymta', version: '0.9-1', fields: { Provides: 'mail-transport-agent' }, files: { 'usr/sbin/tinymta': 'tiny\n' } },
      { name: 'bigmta', version: '2.0-1', fields: { Provides: 'mail-transport-agent' }, files: { 'usr/sbin/bigmta': 'big\n' } },
      { name: 'tool', version: '1.2-1', compression: 'zstd', fields: { 'Multi-Arch': 'allowed', Depends: 'libfoo (>= 2.0)' }, files: { 'usr/bin/tool': script('#!/bin/sh\n'), 'etc/shared.conf': 'from tool\n' } },
      { name: 'abi-compat', version: '1.0-1', fields: { Provides: 'libabi' }, files: { 'usr/lib/abi-compat': 'unversioned\n' } },
      { name: 'libabi-impl', version: '2.3-1', fields: { Provides: 'libabi (= 2.3)' }, files: { 'usr/lib/libabi.so.2': 'abi 2.3\n' } },
      { name: 'recommended', version: '1.0-1', files: { 'usr/share/recommended': 'r\n' } },
      { name: 'essential-extra', version: '1.0-1', fields: { Essential: 'yes' }, files: { 'usr/bin/essential-extra': 'e\n' } },
      { name: 'broken-app', version: '1.0-1', fields: { Depends: 'middle' } },
      { name: 'middle', version: '1.0-1', fields: { Depends: 'libfoo (>= 9)' } },
    ],
  },
};

/** The closure `track` must find for `packages: [app]`, with the version of each. */
export const APP_CLOSURE: ReadonlyArray<readonly [string, string]> = [
  ['app', '1.0-1'],
  ['base-lib', '1.0-1'],
  ['bigmta', '2.0-1'],
  ['fallback-editor', '1.0'],
  ['libabi-impl', '2.3-1'],
  ['libc-like', '1:0.5-1'],
  ['libfoo', '3.0~rc1-1'],
  ['tool', '1.2-1'],
];
