// The `zip` source: downloaded and pinned like `tar`, staged from its base directory as
// BuildStream's zip source did (every file 0644, every directory 0755, a symlink member as a
// plain file holding its target). Honest archives come from the host's `zip`; hostile ones are
// written byte by byte here, as an attacker would.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Provenance } from '../../src/format/errors.js';
import { extractZip } from '../../src/sources/zip-extract.js';
import { errorOf, lines, removeProjects, whereOf, writeProject } from '../helpers/fixture-project.js';
import { listTree, modeOf, removeTemporaries, sha256Of, temporaryDirectory, writeTree, type TreeSpec } from './archives.js';
import { contextFor, fetchAndStage, sourceOf } from './source-fixture.js';

afterAll(() => {
  removeProjects();
  removeTemporaries();
});

interface ZipMember {
  readonly name: string;
  readonly body?: string;
  /** Unix mode with its type bits; 0o100644 unless given (0o40755 for names ending in '/'). */
  readonly mode?: number;
  /** 0 stored (the default), 8 deflated, anything else as written. */
  readonly method?: number;
  /** A CRC-32 to record instead of the right one. */
  readonly crc?: number;
  readonly encrypted?: boolean;
}

/** A zip archive holding exactly these members, in this order, unsanitised. */
function rawZip(members: readonly ZipMember[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const member of members) {
    const name = Buffer.from(member.name, 'utf8');
    const body = Buffer.from(member.body ?? '');
    const method = member.method ?? 0;
    const data = method === 8 ? zlib.deflateRawSync(body) : body;
    const crc = member.crc ?? zlib.crc32(body);
    const flags = 0x800 | (member.encrypted ? 0x1 : 0);
    const mode = member.mode ?? (member.name.endsWith('/') ? 0o40755 : 0o100644);
    // Traditional encryption puts a 12-byte header before the data.
    const size = member.encrypted ? body.length - 12 : body.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((mode << 16) | (member.name.endsWith('/') ? 0x10 : 0)) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Writes `archive` with the host's zip (symlinks stored as symlinks) from `tree`; returns its sha256. */
function hostZip(archive: string, tree: TreeSpec, members: readonly string[], modes: Readonly<Record<string, number>> = {}): string {
  const scratch = writeTree(temporaryDirectory(), tree);
  for (const [name, mode] of Object.entries(modes)) fs.chmodSync(path.join(scratch, name), mode);
  execFileSync('zip', ['-q', '-r', '-y', archive, ...members], { cwd: scratch, stdio: 'pipe' });
  return sha256Of(archive);
}

/** A project whose element has one zip source for `files/<archive>` (a file:// URL through an alias). */
function zipProject(archive: string, build: (file: string) => string, extra: readonly string[] = []): string {
  const project = writeProject({ 'project.conf': lines('name: test', 'min-version: 2.0', 'aliases:', "  here: '%{project-root-uri}/files/'") });
  fs.mkdirSync(path.join(project, 'files'));
  const ref = build(path.join(project, 'files', archive));
  fs.writeFileSync(path.join(project, 'element.bst'), lines('kind: import', 'sources:', '- kind: zip', `  url: here:${archive}`, `  ref: ${ref}`, ...extra));
  return project;
}

const RELEASE: TreeSpec = { 'pkg-1.0/README': 'read me\n', 'pkg-1.0/src/main.c': 'int main;\n', 'pkg-1.0/configure': '#!/bin/sh\n' };

describe('zip sources', () => {
  it("a zip source is fetched by sha256 and staged from its single top directory, as base-dir '*' says", async () => {
    const project = zipProject('pkg-1.0.zip', (file) => hostZip(file, RELEASE, ['pkg-1.0']));
    const context = contextFor();
    const staged = await fetchAndStage(await sourceOf(project), context);
    expect(listTree(staged)).toEqual(['README', 'configure', 'src/', 'src/main.c']);
    expect(fs.readFileSync(path.join(staged, 'src', 'main.c'), 'utf8')).toBe('int main;\n');
    const ref = sha256Of(path.join(project, 'files', 'pkg-1.0.zip'));
    expect(fs.readdirSync(path.join(context.sourceCache, 'zip'))).toEqual([ref]);
  });

  it("base-dir '' stages the whole archive", async () => {
    const project = zipProject('pkg.zip', (file) => hostZip(file, RELEASE, ['pkg-1.0']), ["  base-dir: ''"]);
    const staged = await fetchAndStage(await sourceOf(project), contextFor());
    expect(listTree(staged)).toEqual(['pkg-1.0/', 'pkg-1.0/README', 'pkg-1.0/configure', 'pkg-1.0/src/', 'pkg-1.0/src/main.c']);
  });

  it('base-dir picks the first matching directory in sorted order', async () => {
    const tree = { 'b-2/from-b': 'b', 'a-1/from-a': 'a', 'c/from-c': 'c' };
    const project = zipProject('two.zip', (file) => hostZip(file, tree, ['b-2', 'c', 'a-1']), ["  base-dir: '*-*'"]);
    const staged = await fetchAndStage(await sourceOf(project), contextFor());
    expect(listTree(staged)).toEqual(['from-a']);
  });

  it('a base directory only implied by its members is found all the same', async () => {
    const project = zipProject('implied.zip', (file) => {
      fs.writeFileSync(file, rawZip([{ name: 'pkg/a.txt', body: 'a' }, { name: 'pkg/sub/b.txt', body: 'b' }]));
      return sha256Of(file);
    });
    const staged = await fetchAndStage(await sourceOf(project), contextFor());
    expect(listTree(staged)).toEqual(['a.txt', 'sub/', 'sub/b.txt']);
  });

  it('a base-dir that matches no directory is an error at the base-dir line naming the pattern', async () => {
    const project = zipProject('pkg.zip', (file) => hostZip(file, RELEASE, ['pkg-1.0']), ["  base-dir: 'nothing-*'"]);
    const error = await errorOf(async () => fetchAndStage(await sourceOf(project), contextFor()));
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toMatch(/^no directory in file:\/\/.*\/files\/pkg\.zip matches base-dir 'nothing-\*'$/);
    expect(whereOf(error)).toBe('element.bst:6:13');
  });

  it('files are staged 0644 and directories 0755, whatever modes the archive records', async () => {
    const project = zipProject('modes.zip', (file) => hostZip(file, RELEASE, ['pkg-1.0'], { 'pkg-1.0/configure': 0o755, 'pkg-1.0/README': 0o600, 'pkg-1.0/src': 0o700 }));
    const staged = await fetchAndStage(await sourceOf(project), contextFor());
    expect(modeOf(path.join(staged, 'configure'))).toBe(0o644);
    expect(modeOf(path.join(staged, 'README'))).toBe(0o644);
    expect(modeOf(path.join(staged, 'src'))).toBe(0o755);
  });

  it("a symlink member is staged as a plain file holding its target, as BuildStream's zip source does", async () => {
    const tree = { 'pkg/real.txt': 'real\n', 'pkg/link.txt': { symlink: 'real.txt' } };
    const project = zipProject('links.zip', (file) => hostZip(file, tree, ['pkg']));
    const staged = await fetchAndStage(await sourceOf(project), contextFor());
    expect(listTree(staged)).toEqual(['link.txt', 'real.txt']);
    expect(fs.readFileSync(path.join(staged, 'link.txt'), 'utf8')).toBe('real.txt');
  });

  it('a deflated member is inflated', async () => {
    const body = 'compress me '.repeat(1000);
    const project = zipProject('deflated.zip', (file) => {
      fs.writeFileSync(file, rawZip([{ name: 'pkg/big.txt', body, method: 8 }]));
      return sha256Of(file);
    });
    const staged = await fetchAndStage(await sourceOf(project), contextFor());
    expect(fs.readFileSync(path.join(staged, 'big.txt'), 'utf8')).toBe(body);
  });

  it('staging a zip source that was never fetched is a source-not-cached error', async () => {
    const project = zipProject('pkg.zip', (file) => hostZip(file, RELEASE, ['pkg-1.0']));
    const source = await sourceOf(project);
    expect(source.plugin.isCached!(source.view, contextFor())).toBe(false);
    const error = await errorOf(() => source.plugin.stage!(source.view, temporaryDirectory(), contextFor()));
    expect(error.reason).toBe('source-not-cached');
  });

  it('the key of a zip source is the same as before it could be staged: url, ref and base-dir', async () => {
    const project = zipProject('pkg.zip', (file) => hostZip(file, RELEASE, ['pkg-1.0']));
    const source = await sourceOf(project);
    expect(source.plugin.uniqueKey(source.view)).toEqual(['here:pkg.zip', sha256Of(path.join(project, 'files', 'pkg.zip')), '*']);
  });
});

const AT: Provenance = { file: 'element.bst', line: 3, column: 9 };

/** Extracts a hand-built zip into a fresh (or the given) staging directory. */
async function extract(members: readonly ZipMember[], options: { baseDir?: string; staging?: string; bytes?: Buffer } = {}): Promise<string> {
  const scratch = temporaryDirectory();
  const archive = path.join(scratch, 'evil.zip');
  fs.writeFileSync(archive, options.bytes ?? rawZip(members));
  const staging = options.staging ?? temporaryDirectory('cairn-stage-');
  await extractZip({ archive, label: 'evil.zip', directory: staging, baseDir: options.baseDir ?? '', at: AT, signal: new AbortController().signal, log: () => undefined });
  return staging;
}

describe('unsafe and damaged zip archives', () => {
  it('a member with an absolute path is refused, naming the member, and nothing is written there', async () => {
    const target = path.join(temporaryDirectory(), 'planted');
    const error = await errorOf(() => extract([{ name: target, body: 'pwned' }]));
    expect(error.reason).toBe('unsafe-archive');
    expect(error.message).toBe(`zip member '${target}' has an absolute path`);
    expect(whereOf(error)).toBe('element.bst:3:9');
    expect(fs.existsSync(target)).toBe(false);
  });

  it("a member with a '..' component is refused", async () => {
    const staging = path.join(temporaryDirectory(), 'stage');
    fs.mkdirSync(staging);
    const error = await errorOf(() => extract([{ name: '../escape', body: 'pwned' }], { staging }));
    expect(error.reason).toBe('unsafe-archive');
    expect(error.message).toBe("zip member '../escape' has a '..' component and could escape the staging directory");
    expect(fs.existsSync(path.join(staging, '..', 'escape'))).toBe(false);
  });

  it('a member that climbs out of the base directory is refused', async () => {
    const error = await errorOf(() => extract([{ name: 'pkg/ok.txt', body: 'ok' }, { name: 'pkg/../../escape', body: 'pwned' }], { baseDir: '*' }));
    expect(error.reason).toBe('unsafe-archive');
    expect(error.message).toContain("zip member 'pkg/../../escape'");
  });

  it('a name with a NUL byte is refused', async () => {
    const error = await errorOf(() => extract([{ name: 'ok\0/etc/passwd', body: 'pwned' }]));
    expect(error.reason).toBe('unsafe-archive');
    expect(error.message).toContain('has a NUL byte in its name');
  });

  it('a file is never written through a symlink an earlier source staged that leads outside', async () => {
    const victim = temporaryDirectory();
    const staging = writeTree(temporaryDirectory('cairn-stage-'), { link: { symlink: victim } });
    const error = await errorOf(() => extract([{ name: 'link/file', body: 'pwned' }], { staging }));
    expect(error.reason).toBe('unsafe-archive');
    expect(error.message).toBe("zip member 'link/file' would be written through the symbolic link 'link', which leads outside the staging directory");
    expect(fs.readdirSync(victim)).toEqual([]);
  });

  it('a file replaces an earlier symlink at its own name instead of writing through it', async () => {
    const victim = writeTree(temporaryDirectory(), { 'target.txt': 'untouched' });
    const staging = writeTree(temporaryDirectory('cairn-stage-'), { 'config': { symlink: path.join(victim, 'target.txt') } });
    await extract([{ name: 'config', body: 'from the zip' }], { staging });
    expect(fs.lstatSync(path.join(staging, 'config')).isFile()).toBe(true);
    expect(fs.readFileSync(path.join(victim, 'target.txt'), 'utf8')).toBe('untouched');
  });

  it('a symlink member followed by a file beneath it writes nothing outside: the link is only a file', async () => {
    const victim = temporaryDirectory();
    const staging = await extract([
      { name: 'link', body: victim, mode: 0o120777 },
      { name: 'link/file', body: 'pwned' },
    ]);
    expect(listTree(staging)).toEqual(['link/', 'link/file']);
    expect(fs.readdirSync(victim)).toEqual([]);
  });

  it('backslashes in names are part of the file name, as on any Linux host', async () => {
    const staging = await extract([{ name: '..\\..\\evil.txt', body: 'harmless' }]);
    expect(listTree(staging)).toEqual(['..\\..\\evil.txt']);
  });

  it('a member whose data does not match its CRC-32 is reported as a damaged archive', async () => {
    const error = await errorOf(() => extract([{ name: 'a.txt', body: 'hello', crc: 0x12345678 }]));
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("evil.zip is not a valid zip archive: zip member 'a.txt': its data does not match its CRC-32");
  });

  it('a file that is not a zip archive is reported as such', async () => {
    const error = await errorOf(() => extract([], { bytes: Buffer.from('not a zip at all, just some text\n') }));
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toMatch(/^evil\.zip is not a valid zip archive: /);
    expect(whereOf(error)).toBe('element.bst:3:9');
  });

  it('an encrypted member is refused', async () => {
    const error = await errorOf(() => extract([{ name: 'secret.txt', body: 'xxxxxxxxxxxxhidden', encrypted: true }]));
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("zip member 'secret.txt' in evil.zip is encrypted");
  });

  it('a member compressed with a method Cairn cannot unpack is refused, naming the method', async () => {
    const error = await errorOf(() => extract([{ name: 'a.txt', body: 'bzip2 pretend', method: 12 }]));
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("zip member 'a.txt' in evil.zip uses compression method 12, which Cairn cannot unpack (only stored and deflated)");
  });
});
