// A tarball is untrusted input: whatever it holds, extracting it must not write outside the
// staging directory. Each archive here is built header by header, as an attacker would.

import fs from 'node:fs';
import path from 'node:path';
import type { Provenance } from '../../src/format/errors.js';
import { extractTar } from '../../src/sources/tar-extract.js';
import { errorOf, lines, removeProjects, whereOf, writeProject } from '../helpers/fixture-project.js';
import { listTree, rawTar, removeTemporaries, sha256Of, temporaryDirectory, writeTree, type RawMember } from './archives.js';
import { contextFor, fetchAndStage, sourceOf } from './source-fixture.js';

afterAll(() => {
  removeProjects();
  removeTemporaries();
});

const AT: Provenance = { file: 'element.bst', line: 3, column: 9 };

interface Extraction {
  readonly staging: string;
  readonly outside: string;
  readonly log: string[];
}

/** Extracts a hand-built archive into a fresh staging directory beside an `outside` directory. */
async function extract(members: readonly RawMember[], options: { baseDir?: string; staging?: string } = {}): Promise<Extraction> {
  const scratch = temporaryDirectory();
  const archive = path.join(scratch, 'evil.tar');
  fs.writeFileSync(archive, rawTar(members));
  const staging = options.staging ?? temporaryDirectory('cairn-stage-');
  const log: string[] = [];
  await extractTar({
    archive,
    label: 'evil.tar',
    directory: staging,
    baseDir: options.baseDir ?? '',
    at: AT,
    signal: new AbortController().signal,
    log: (line) => void log.push(line),
  });
  return { staging, outside: scratch, log };
}

describe('unsafe archives', () => {
  it('a member with an absolute path is refused, naming the member, and nothing is written there', async () => {
    const target = path.join(temporaryDirectory(), 'planted');
    const error = await errorOf(() => extract([{ path: target, body: 'pwned' }]));
    expect(error.reason).toBe('unsafe-archive');
    expect(error.message).toBe(`tar member '${target}' has an absolute path`);
    expect(whereOf(error)).toBe('element.bst:3:9');
    expect(fs.existsSync(target)).toBe(false);
  });

  it("a member with a '..' component is refused", async () => {
    const staging = path.join(temporaryDirectory(), 'stage');
    fs.mkdirSync(staging);
    const error = await errorOf(() => extract([{ path: '../escape', body: 'pwned' }], { staging }));
    expect(error.reason).toBe('unsafe-archive');
    expect(error.message).toBe("tar member '../escape' has a '..' component and could escape the staging directory");
    expect(fs.existsSync(path.join(staging, '..', 'escape'))).toBe(false);
  });

  it('a member that climbs out of the base directory is refused', async () => {
    const error = await errorOf(() => extract([{ path: 'pkg/ok.txt', body: 'ok' }, { path: 'pkg/../../escape', body: 'pwned' }], { baseDir: '*' }));
    expect(error.reason).toBe('unsafe-archive');
    expect(error.message).toContain("tar member 'pkg/../../escape'");
  });

  it('a file is never written through a symlink the archive created: link -> /tmp/x, then link/file', async () => {
    const victim = temporaryDirectory();
    const error = await errorOf(() =>
      extract([
        { path: 'link', type: 'SymbolicLink', linkpath: victim },
        { path: 'link/file', body: 'pwned' },
      ]),
    );
    expect(error.reason).toBe('unsafe-archive');
    expect(error.message).toBe("tar member 'link/file' would be written through the symbolic link 'link', which leads outside the staging directory");
    expect(fs.readdirSync(victim)).toEqual([]);
  });

  it('a relative symlink climbing out (link -> ../..) cannot be written through either', async () => {
    const { staging } = await extract([{ path: 'up', type: 'SymbolicLink', linkpath: '../..' }]);
    const error = await errorOf(() => extract([{ path: 'up/file', body: 'pwned' }], { staging }));
    expect(error.reason).toBe('unsafe-archive');
    expect(fs.existsSync(path.join(staging, '..', '..', 'file'))).toBe(false);
  });

  it('a symlink that stays inside may be written through, as Python\'s tar filter allows', async () => {
    const { staging } = await extract([
      { path: 'real/', type: 'Directory' },
      { path: 'alias', type: 'SymbolicLink', linkpath: 'real' },
      { path: 'alias/file', body: 'inside' },
    ]);
    expect(listTree(staging)).toEqual(['alias -> real', 'real/', 'real/file']);
  });

  it('a symlink left by an earlier source is not written through, and a file member replaces it', async () => {
    const victim = writeTree(temporaryDirectory(), { 'passwd': 'root:x:0:0' });
    const staging = writeTree(temporaryDirectory('cairn-stage-'), { etc: { symlink: victim }, config: { symlink: path.join(victim, 'passwd') } });
    const error = await errorOf(() => extract([{ path: 'etc/passwd', body: 'pwned' }], { staging }));
    expect(error.reason).toBe('unsafe-archive');
    await extract([{ path: 'config', body: 'mine' }], { staging });
    expect(fs.lstatSync(path.join(staging, 'config')).isFile()).toBe(true);
    expect(fs.readFileSync(path.join(victim, 'passwd'), 'utf8')).toBe('root:x:0:0');
  });

  it.each([
    ['an absolute path', '/etc/passwd', "tar member 'hard' (a hard link to '/etc/passwd') has an absolute path"],
    ['a .. path', '../outside', "tar member 'hard' (a hard link to '../outside') has a '..' component and could escape the staging directory"],
    ['a file the archive did not extract', 'earlier.txt', "tar member 'hard' is a hard link to 'earlier.txt', which is not a file extracted from this archive"],
  ])('a hard link to %s is refused', async (_what, linkpath, message) => {
    const staging = writeTree(temporaryDirectory('cairn-stage-'), { 'earlier.txt': 'from an earlier source' });
    const error = await errorOf(() => extract([{ path: 'hard', type: 'Link', linkpath }], { staging }));
    expect(error.reason).toBe('unsafe-archive');
    expect(error.message).toBe(message);
    expect(fs.existsSync(path.join(staging, 'hard'))).toBe(false);
  });

  it('device nodes and FIFOs are skipped, and the rest is extracted', async () => {
    const { staging, log } = await extract([
      { path: 'null', type: 'CharacterDevice' },
      { path: 'disk', type: 'BlockDevice' },
      { path: 'pipe', type: 'FIFO' },
      { path: 'ok.txt', body: 'ok' },
    ]);
    expect(listTree(staging)).toEqual(['ok.txt']);
    expect(log).toEqual([
      "skipping tar member 'null': device nodes and FIFOs are not staged",
      "skipping tar member 'disk': device nodes and FIFOs are not staged",
      "skipping tar member 'pipe': device nodes and FIFOs are not staged",
    ]);
  });

  it('through the tar source, the error points at the source in the element', async () => {
    const project = writeProject({ 'project.conf': lines('name: test', 'min-version: 2.0', 'aliases:', "  here: '%{project-root-uri}/files/'") });
    fs.mkdirSync(path.join(project, 'files'));
    fs.writeFileSync(path.join(project, 'files', 'evil.tar'), rawTar([{ path: 'pkg/../../escape', body: 'pwned' }]));
    const ref = sha256Of(path.join(project, 'files', 'evil.tar'));
    fs.writeFileSync(path.join(project, 'element.bst'), lines('kind: import', 'sources:', '- kind: tar', '  url: here:evil.tar', `  ref: ${ref}`));
    const staging = path.join(temporaryDirectory(), 'a', 'b');
    fs.mkdirSync(staging, { recursive: true });
    const error = await errorOf(async () => fetchAndStage(await sourceOf(project), contextFor(), staging));
    expect(error.reason).toBe('unsafe-archive');
    expect(whereOf(error)).toBe('element.bst:3:9');
    expect(fs.existsSync(path.join(staging, '..', '..', 'escape'))).toBe(false);
  });
});
