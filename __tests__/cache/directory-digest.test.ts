// REAPI Directory digests of trees on disk and in memory, including BuildStream's golden value.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  blobDigest,
  directoryDigest,
  directoryDigestSync,
  encodeDirectory,
  treeDigest,
  type Digest,
} from '../../src/cache/directory-digest.js';
import { sharedDir } from '../helpers/paths.js';

const fixture = path.join(sharedDir, 'conformance', 'cachekey', 'files', 'local');
const GOLDEN: Digest = { hash: 'b14708535e0cc5cc97cb5b3dd218d176e00051273518d818ff55a5db8bbaee3c', sizeBytes: 155 };
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

let scratch = '';

beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-dirdigest-'));
});

afterEach(() => {
  makeWritable(scratch);
  fs.rmSync(scratch, { recursive: true, force: true });
});

function makeWritable(dir: string): void {
  if (!fs.existsSync(dir)) return;
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) makeWritable(path.join(dir, entry.name));
  }
}

/** Both implementations, checked to agree. */
async function digestBoth(p: string): Promise<Digest> {
  const sync = directoryDigestSync(p);
  expect(await directoryDigest(p)).toEqual(sync);
  return sync;
}

function write(rel: string, contents: string | Buffer, mode = 0o644): string {
  const full = path.join(scratch, rel);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, contents);
  fs.chmodSync(full, mode);
  return full;
}

describe('BuildStream golden tree (tests/cachekey files/local)', () => {
  it('matches the expected digest once usr/bin/goodbye is a symlink again', async () => {
    const copy = path.join(scratch, 'local');
    fs.cpSync(fixture, copy, { recursive: true });
    makeWritable(copy);
    const goodbye = path.join(copy, 'usr', 'bin', 'goodbye');
    expect(fs.readFileSync(goodbye, 'utf8')).toBe('hello');
    fs.rmSync(goodbye);
    fs.symlinkSync('hello', goodbye);
    expect(await digestBoth(copy)).toEqual(GOLDEN);
  });

  it('differs for the shared copy, where goodbye is a regular file', async () => {
    const digest = await digestBoth(fixture);
    expect(digest.hash).not.toBe(GOLDEN.hash);
  });

  it('matches the same tree described in memory', () => {
    const tree = treeDigest({
      etc: {
        kind: 'directory',
        entries: {
          'hello.conf': { kind: 'file', contents: fs.readFileSync(path.join(fixture, 'etc', 'hello.conf')) },
          'ponystyle.conf': { kind: 'file', contents: fs.readFileSync(path.join(fixture, 'etc', 'ponystyle.conf')) },
        },
      },
      usr: {
        kind: 'directory',
        entries: {
          bin: {
            kind: 'directory',
            entries: {
              goodbye: { kind: 'symlink', target: 'hello' },
              hello: { kind: 'file', contents: fs.readFileSync(path.join(fixture, 'usr', 'bin', 'hello')), executable: true },
            },
          },
        },
      },
    });
    expect(tree).toEqual(GOLDEN);
  });
});

describe('directoryDigest on disk', () => {
  it('changes with the owner-execute bit only', async () => {
    const file = write('tree/run.sh', '#!/bin/sh\necho hi\n', 0o644);
    const tree = path.join(scratch, 'tree');
    const plain = await digestBoth(tree);
    fs.chmodSync(file, 0o654); // group/other execute do not count
    expect(await digestBoth(tree)).toEqual(plain);
    fs.chmodSync(file, 0o744);
    const executable = await digestBoth(tree);
    expect(executable.hash).not.toBe(plain.hash);
    fs.chmodSync(file, 0o500); // other permission bits do not matter
    expect(await digestBoth(tree)).toEqual(executable);
    expect(executable).toEqual(treeDigest({ 'run.sh': { kind: 'file', contents: '#!/bin/sh\necho hi\n', executable: true } }));
  });

  it('ignores mtimes', async () => {
    const file = write('tree/a/b.txt', 'bee');
    const tree = path.join(scratch, 'tree');
    const before = await digestBoth(tree);
    fs.utimesSync(file, new Date(2001, 1, 1), new Date(2001, 1, 1));
    fs.utimesSync(path.join(tree, 'a'), new Date(1999, 1, 1), new Date(1999, 1, 1));
    expect(await digestBoth(tree)).toEqual(before);
  });

  it('imports a single file as a directory holding it under its basename', async () => {
    const file = write('some/where/hello.txt', 'hello world\n');
    const expected = treeDigest({ 'hello.txt': { kind: 'file', contents: 'hello world\n' } });
    expect(await digestBoth(file)).toEqual(expected);
    // The same as importing a directory that contains only that file.
    expect(await digestBoth(path.join(scratch, 'some', 'where'))).toEqual(expected);
    fs.chmodSync(file, 0o755);
    expect(await digestBoth(file)).toEqual(
      treeDigest({ 'hello.txt': { kind: 'file', contents: 'hello world\n', executable: true } }),
    );
  });

  it('gives the empty message digest for an empty directory', async () => {
    const empty = path.join(scratch, 'empty');
    fs.mkdirSync(empty);
    expect(await digestBoth(empty)).toEqual({ hash: EMPTY_SHA256, sizeBytes: 0 });
    expect(treeDigest({})).toEqual({ hash: EMPTY_SHA256, sizeBytes: 0 });
  });

  it('encodes a directory holding an empty directory exactly', async () => {
    fs.mkdirSync(path.join(scratch, 'outer', 'e'), { recursive: true });
    // Directory{directories: [DirectoryNode{name: "e", digest: Digest{hash: sha256("")}}]};
    // size_bytes 0 is omitted.
    const digestMsg = Buffer.concat([Buffer.from([0x0a, 64]), Buffer.from(EMPTY_SHA256)]);
    const dirNode = Buffer.concat([Buffer.from([0x0a, 1]), Buffer.from('e'), Buffer.from([0x12, digestMsg.length]), digestMsg]);
    const message = Buffer.concat([Buffer.from([0x12, dirNode.length]), dirNode]);
    expect(message.length).toBe(73);
    expect(await digestBoth(path.join(scratch, 'outer'))).toEqual({
      hash: createHash('sha256').update(message).digest('hex'),
      sizeBytes: 73,
    });
  });

  it('sorts nested children by name bytes regardless of creation order', async () => {
    for (const name of ['zeta', 'b', 'é', 'B', 'a']) {
      write(`tree/${name}/inner/${name}.txt`, name);
      write(`tree/${name}/file-${name}`, 'x');
    }
    write('tree/c.txt', 'c');
    fs.symlinkSync('b', path.join(scratch, 'tree', 'link'));
    const tree = path.join(scratch, 'tree');
    const inMemory: Record<string, Parameters<typeof treeDigest>[0][string]> = { 'c.txt': { kind: 'file', contents: 'c' } };
    inMemory['link'] = { kind: 'symlink', target: 'b' };
    for (const name of ['a', 'é', 'B', 'zeta', 'b']) {
      inMemory[name] = {
        kind: 'directory',
        entries: {
          [`file-${name}`]: { kind: 'file', contents: 'x' },
          inner: { kind: 'directory', entries: { [`${name}.txt`]: { kind: 'file', contents: name } } },
        },
      };
    }
    expect(await digestBoth(tree)).toEqual(treeDigest(inMemory));
  });

  it('records symlinks without following them', async () => {
    write('tree/real/file', 'data');
    fs.symlinkSync('real', path.join(scratch, 'tree', 'alias'));
    fs.symlinkSync('/does/not/exist', path.join(scratch, 'tree', 'dangling'));
    expect(await digestBoth(path.join(scratch, 'tree'))).toEqual(
      treeDigest({
        real: { kind: 'directory', entries: { file: { kind: 'file', contents: 'data' } } },
        alias: { kind: 'symlink', target: 'real' },
        dangling: { kind: 'symlink', target: '/does/not/exist' },
      }),
    );
  });

  it('hashes large and empty files correctly (streamed in chunks)', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31 + (i >> 11)) & 0xff;
    write('tree/big.bin', big);
    write('tree/empty', '');
    expect(await digestBoth(path.join(scratch, 'tree'))).toEqual(
      treeDigest({ 'big.bin': { kind: 'file', contents: big }, empty: { kind: 'file', contents: '' } }),
    );
  });

  it('rejects a missing path', async () => {
    expect(() => directoryDigestSync(path.join(scratch, 'missing'))).toThrow();
    await expect(directoryDigest(path.join(scratch, 'missing'))).rejects.toThrow();
  });
});

describe('encodeDirectory', () => {
  const digest = blobDigest(Buffer.from('x'));

  it('orders by UTF-8 bytes (code points), not UTF-16 units', () => {
    const bytes = encodeDirectory([
      { kind: 'file', name: '😀', digest, isExecutable: false },
      { kind: 'file', name: '\ue000', digest, isExecutable: false },
      { kind: 'file', name: 'z', digest, isExecutable: false },
    ]);
    const z = bytes.indexOf(Buffer.from('z'));
    const pua = bytes.indexOf(Buffer.from('\ue000'));
    const emoji = bytes.indexOf(Buffer.from('😀'));
    expect(z).toBeGreaterThan(0);
    expect(z).toBeLessThan(pua);
    expect(pua).toBeLessThan(emoji);
  });

  it('writes files, then directories, then symlinks, and is_executable only when true', () => {
    const bytes = encodeDirectory([
      { kind: 'symlink', name: 'a-link', target: 't' },
      { kind: 'directory', name: 'b-dir', digest },
      { kind: 'file', name: 'c-exe', digest, isExecutable: true },
      { kind: 'file', name: 'd-plain', digest, isExecutable: false },
    ]);
    const fileNode = (name: string, exe: boolean): Buffer => {
      const d = Buffer.concat([Buffer.from([0x0a, 64]), Buffer.from(digest.hash), Buffer.from([0x10, 1])]);
      const parts = [Buffer.from([0x0a, name.length]), Buffer.from(name), Buffer.from([0x12, d.length]), d];
      if (exe) parts.push(Buffer.from([0x20, 1]));
      return Buffer.concat(parts);
    };
    const exe = fileNode('c-exe', true);
    const plain = fileNode('d-plain', false);
    const dirDigest = Buffer.concat([Buffer.from([0x0a, 64]), Buffer.from(digest.hash), Buffer.from([0x10, 1])]);
    const dir = Buffer.concat([Buffer.from([0x0a, 5]), Buffer.from('b-dir'), Buffer.from([0x12, dirDigest.length]), dirDigest]);
    const link = Buffer.concat([Buffer.from([0x0a, 6]), Buffer.from('a-link'), Buffer.from([0x12, 1]), Buffer.from('t')]);
    const expected = Buffer.concat([
      Buffer.from([0x0a, exe.length]),
      exe,
      Buffer.from([0x0a, plain.length]),
      plain,
      Buffer.from([0x12, dir.length]),
      dir,
      Buffer.from([0x1a, link.length]),
      link,
    ]);
    expect(bytes.equals(expected)).toBe(true);
  });

  it('encodes sizes beyond 32 bits as full varints', () => {
    const huge: Digest = { hash: digest.hash, sizeBytes: 2 ** 33 + 1 };
    const bytes = encodeDirectory([{ kind: 'file', name: 'f', digest: huge, isExecutable: false }]);
    const varint = Buffer.from([0x10, 0x81, 0x80, 0x80, 0x80, 0x20]);
    expect(bytes.subarray(bytes.length - varint.length).equals(varint)).toBe(true);
  });

  it('rejects duplicate names', () => {
    expect(() =>
      encodeDirectory([
        { kind: 'file', name: 'x', digest, isExecutable: false },
        { kind: 'symlink', name: 'x', target: 'y' },
      ]),
    ).toThrow(/duplicate/);
  });
});
