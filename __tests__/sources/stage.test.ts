// Staging sources as BuildStream does: `local` copies project files (symlinks and executable
// bits kept), `remote` places one downloaded file under its name and mode, `tar` extracts the
// archive's base directory. Projects, archives and the source cache are real files on disk.

import fs from 'node:fs';
import path from 'node:path';
import { CairnError } from '../../src/format/errors.js';
import { errorOf, lines, removeProjects, whereOf, writeProject } from '../helpers/fixture-project.js';
import { hostTar, listTree, modeOf, rawTar, removeTemporaries, sha256Of, temporaryDirectory, writeTree, type TreeSpec } from './archives.js';
import { startNginx, type Nginx } from './servers.js';
import { contextFor, fetchAndStage, sourceOf } from './source-fixture.js';

afterAll(() => {
  removeProjects();
  removeTemporaries();
});

/** project.conf with an alias `here:` for the project's own files/ directory, as a file:// URL. */
const PROJECT_WITH_ALIAS = lines('name: test', 'min-version: 2.0', 'aliases:', "  here: '%{project-root-uri}/files/'");

/** A project whose element.bst has one source, written as YAML lines under `sources:`. */
function projectWithSource(sourceLines: readonly string[], files: Readonly<Record<string, string>> = {}): string {
  return writeProject({
    'project.conf': PROJECT_WITH_ALIAS,
    'element.bst': lines('kind: import', 'sources:', ...sourceLines),
    ...files,
  });
}

/** `files/<name>` in the project, its directory made. */
function inFiles(project: string, name: string): string {
  fs.mkdirSync(path.join(project, 'files'), { recursive: true });
  return path.join(project, 'files', name);
}

/** Writes `archive` with the host tar from `tree` (built in a scratch directory); returns its sha256. */
function hostTarball(archive: string, tarArgs: readonly string[], tree: TreeSpec, members: readonly string[]): string {
  const scratch = writeTree(temporaryDirectory(), tree);
  hostTar([...tarArgs, archive, ...members], scratch);
  return sha256Of(archive);
}

/** Writes a hand-built archive; returns its sha256. */
function rawTarball(archive: string, members: Parameters<typeof rawTar>[0]): string {
  fs.writeFileSync(archive, rawTar(members));
  return sha256Of(archive);
}

describe('local sources', () => {
  it('a directory stages its contents, keeping symlinks as symlinks and executable bits', async () => {
    const project = projectWithSource(['- kind: local', '  path: files/tree']);
    writeTree(path.join(project, 'files', 'tree'), {
      'bin/tool': { text: '#!/bin/sh\n', mode: 0o700 },
      'bin/alias': { symlink: 'tool' },
      'etc/hosts': { symlink: '/etc/hosts' },
      'share/data.txt': { text: 'data', mode: 0o600 },
    });
    const staged = await fetchAndStage(await sourceOf(project), contextFor());
    expect(listTree(staged)).toEqual(['bin/', 'bin/alias -> tool', 'bin/tool', 'etc/', 'etc/hosts -> /etc/hosts', 'share/', 'share/data.txt']);
    expect(modeOf(path.join(staged, 'bin', 'tool'))).toBe(0o755);
    expect(modeOf(path.join(staged, 'share', 'data.txt'))).toBe(0o644);
    expect(fs.readFileSync(path.join(staged, 'bin', 'tool'), 'utf8')).toBe('#!/bin/sh\n');
  });

  it('a single file stages under its base name', async () => {
    const project = projectWithSource(['- kind: local', '  path: files/configure'], { 'files/configure': 'echo configured\n' });
    fs.chmodSync(path.join(project, 'files', 'configure'), 0o755);
    const staged = await fetchAndStage(await sourceOf(project), contextFor());
    expect(listTree(staged)).toEqual(['configure']);
    expect(modeOf(path.join(staged, 'configure'))).toBe(0o755);
  });

  it("stages into what earlier sources left, replacing an earlier symlink rather than writing through it", async () => {
    const outside = writeTree(temporaryDirectory(), { 'config': 'outside, untouched' });
    const project = projectWithSource(['- kind: local', '  path: files/tree'], { 'files/tree/config': 'from the project', 'files/tree/lib/a.txt': 'a' });
    const staging = writeTree(temporaryDirectory('cairn-stage-'), { 'config': { symlink: path.join(outside, 'config') }, 'lib/old.txt': 'earlier' });
    await fetchAndStage(await sourceOf(project), contextFor(), staging);
    expect(listTree(staging)).toEqual(['config', 'lib/', 'lib/a.txt', 'lib/old.txt']);
    expect(fs.readFileSync(path.join(staging, 'config'), 'utf8')).toBe('from the project');
    expect(fs.readFileSync(path.join(outside, 'config'), 'utf8')).toBe('outside, untouched');
  });

  it('a directory that an earlier source made a symlink leading outside is an error, and nothing is written outside', async () => {
    const outside = temporaryDirectory();
    const project = projectWithSource(['- kind: local', '  path: files/tree'], { 'files/tree/lib/a.txt': 'a' });
    const staging = writeTree(temporaryDirectory('cairn-stage-'), { lib: { symlink: outside } });
    const error = await errorOf(async () => fetchAndStage(await sourceOf(project), contextFor(), staging));
    expect(error.reason).toBe('staging-overlap');
    expect(error.message).toBe("local file 'lib' would be written through the symbolic link 'lib', which leads outside the staging directory");
    expect(whereOf(error)).toBe('element.bst:3:9');
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  it('local sources need no fetch and are always cached', async () => {
    const project = projectWithSource(['- kind: local', '  path: files'], { 'files/a': 'a' });
    const source = await sourceOf(project);
    expect(source.plugin.needsFetch).toBe(false);
    expect(source.plugin.isCached!(source.view, contextFor())).toBe(true);
  });
});

describe('remote sources', () => {
  function remoteProject(extra: readonly string[] = []): { project: string; ref: string } {
    const project = writeProject({ 'project.conf': PROJECT_WITH_ALIAS, 'files/hello.sh': 'echo hello\n' });
    const ref = sha256Of(path.join(project, 'files', 'hello.sh'));
    fs.writeFileSync(path.join(project, 'element.bst'), lines('kind: import', 'sources:', '- kind: remote', '  url: here:hello.sh', `  ref: ${ref}`, ...extra));
    return { project, ref };
  }

  it("a fetched file stages under its URL's base name with mode 0644", async () => {
    const { project } = remoteProject();
    const staged = await fetchAndStage(await sourceOf(project), contextFor());
    expect(listTree(staged)).toEqual(['hello.sh']);
    expect(modeOf(path.join(staged, 'hello.sh'))).toBe(0o644);
    expect(fs.readFileSync(path.join(staged, 'hello.sh'), 'utf8')).toBe('echo hello\n');
  });

  it('executable: true stages it with mode 0755, and filename renames it', async () => {
    const { project } = remoteProject(['  filename: run', '  executable: true']);
    const staged = await fetchAndStage(await sourceOf(project), contextFor());
    expect(listTree(staged)).toEqual(['run']);
    expect(modeOf(path.join(staged, 'run'))).toBe(0o755);
  });

  it('isCached turns true once fetched, and the cache holds the file under <kind>/<sha256>', async () => {
    const { project, ref } = remoteProject();
    const source = await sourceOf(project);
    const context = contextFor();
    expect(source.plugin.isCached!(source.view, context)).toBe(false);
    await source.plugin.fetch!(source.view, context);
    expect(source.plugin.isCached!(source.view, context)).toBe(true);
    expect(fs.readdirSync(path.join(context.sourceCache, 'remote'))).toEqual([ref]);
  });

  it('staging a source that was never fetched is a source-not-cached error', async () => {
    const { project } = remoteProject();
    const source = await sourceOf(project);
    const error = await errorOf(() => source.plugin.stage!(source.view, temporaryDirectory(), contextFor()));
    expect(error.reason).toBe('source-not-cached');
    expect(whereOf(error)).toBe('element.bst:3:9');
  });
});

describe('tar sources', () => {
  const TWO_PACKAGES = {
    'b-pkg/second.txt': 'second',
    'a-pkg/README': 'first',
    'a-pkg/src/main.c': 'int main(void) { return 0; }\n',
    'NOTES': 'top-level file',
  };

  async function stageTar(project: string): Promise<string> {
    return fetchAndStage(await sourceOf(project), contextFor());
  }

  function tarProject(baseDir: string | undefined, archive: (project: string) => string, name = 'pkg.tar.gz'): string {
    const project = writeProject({ 'project.conf': PROJECT_WITH_ALIAS });
    const ref = archive(project);
    const baseLine = baseDir === undefined ? [] : [`  base-dir: '${baseDir}'`];
    fs.writeFileSync(path.join(project, 'element.bst'), lines('kind: import', 'sources:', '- kind: tar', `  url: here:${name}`, `  ref: ${ref}`, ...baseLine));
    return project;
  }

  it("base-dir '*' (the default) extracts the first top-level directory in sorted order, without its prefix", async () => {
    const project = tarProject(undefined, (p) => hostTarball(inFiles(p, 'pkg.tar.gz'), ['-czf'], TWO_PACKAGES, ['b-pkg', 'a-pkg', 'NOTES']));
    expect(listTree(await stageTar(project))).toEqual(['README', 'src/', 'src/main.c']);
  });

  it('files keep the modification times the archive records, so make sees generated files as up to date', async () => {
    const project = tarProject('', (p) => {
      const scratch = writeTree(temporaryDirectory(), { 'configure.ac': 'AC_INIT', configure: '#!/bin/sh' });
      fs.utimesSync(path.join(scratch, 'configure.ac'), new Date('2014-11-16T10:00:00Z'), new Date('2014-11-16T10:00:00Z'));
      fs.utimesSync(path.join(scratch, 'configure'), new Date('2014-11-16T12:00:00Z'), new Date('2014-11-16T12:00:00Z'));
      const archive = inFiles(p, 'pkg.tar.gz');
      hostTar(['-czf', archive, 'configure', 'configure.ac'], scratch);
      return sha256Of(archive);
    });
    const staged = await stageTar(project);
    expect(fs.statSync(path.join(staged, 'configure.ac')).mtime.toISOString()).toBe('2014-11-16T10:00:00.000Z');
    expect(fs.statSync(path.join(staged, 'configure')).mtime.toISOString()).toBe('2014-11-16T12:00:00.000Z');
  });

  it("base-dir '' extracts the whole archive", async () => {
    const project = tarProject('', (p) => hostTarball(inFiles(p, 'pkg.tar.gz'), ['-czf'], TWO_PACKAGES, ['b-pkg', 'a-pkg', 'NOTES']));
    expect(listTree(await stageTar(project))).toEqual(['NOTES', 'a-pkg/', 'a-pkg/README', 'a-pkg/src/', 'a-pkg/src/main.c', 'b-pkg/', 'b-pkg/second.txt']);
  });

  it('a base-dir glob matches within one path component', async () => {
    const tree = { 'src/foo-1.0/inner.txt': 'inner', 'foo-2.0/outer.txt': 'outer' };
    const topLevel = tarProject('foo-*', (p) => hostTarball(inFiles(p, 'pkg.tar.gz'), ['-czf'], tree, ['src', 'foo-2.0']));
    expect(listTree(await stageTar(topLevel))).toEqual(['outer.txt']);
    const nested = tarProject('*/foo-*', (p) => hostTarball(inFiles(p, 'pkg.tar.gz'), ['-czf'], tree, ['src', 'foo-2.0']));
    expect(listTree(await stageTar(nested))).toEqual(['inner.txt']);
  });

  it('a base-dir that matches no directory is an error naming the pattern', async () => {
    const project = tarProject('nothing-*', (p) => hostTarball(inFiles(p, 'pkg.tar.gz'), ['-czf'], TWO_PACKAGES, ['a-pkg']));
    const error = await errorOf(() => stageTar(project));
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toMatch(/^no directory in file:\/\/.*\/files\/pkg\.tar\.gz matches base-dir 'nothing-\*'$/);
    expect(whereOf(error)).toBe('element.bst:6:13');
  });

  it('a leading ./ on member names is ignored', async () => {
    const project = tarProject(undefined, (p) => hostTarball(inFiles(p, 'pkg.tar.gz'), ['-czf'], { 'pkg/a.txt': 'a' }, ['.']));
    expect(listTree(await stageTar(project))).toEqual(['a.txt']);
  });

  it('a top directory the archive only implies by its members still counts for base-dir', async () => {
    const project = tarProject(undefined, (p) => rawTarball(inFiles(p, 'pkg.tar'), [{ path: 'pkg-1.0/lib/a.txt', body: 'a' }, { path: 'pkg-1.0/b.txt', body: 'b' }]), 'pkg.tar');
    expect(listTree(await stageTar(project))).toEqual(['b.txt', 'lib/', 'lib/a.txt']);
  });

  it('files become owner-readable and writable, and keep their executable bit', async () => {
    const members = [
      { path: 'pkg/', type: 'Directory', mode: 0o500 },
      { path: 'pkg/readonly.txt', body: 'r', mode: 0o400 },
      { path: 'pkg/tool', body: '#!/bin/sh\n', mode: 0o500 },
      { path: 'pkg/setuid', body: 's', mode: 0o4777 },
    ] as const;
    const project = tarProject(undefined, (p) => rawTarball(inFiles(p, 'pkg.tar'), members), 'pkg.tar');
    const staged = await stageTar(project);
    expect(modeOf(path.join(staged, 'readonly.txt'))).toBe(0o644);
    expect(modeOf(path.join(staged, 'tool'))).toBe(0o755);
    expect(modeOf(path.join(staged, 'setuid'))).toBe(0o755);
  });

  it('symlinks and hard links between members are staged as links', async () => {
    const project = tarProject(undefined, (p) => {
      const scratch = writeTree(temporaryDirectory(), { 'pkg/real.txt': 'real', 'pkg/abs': { symlink: '/usr/lib/os-release' }, 'pkg/rel': { symlink: 'real.txt' } });
      fs.linkSync(path.join(scratch, 'pkg', 'real.txt'), path.join(scratch, 'pkg', 'hard.txt'));
      const archive = inFiles(p, 'pkg.tar.gz');
      hostTar(['-czf', archive, 'pkg'], scratch);
      return sha256Of(archive);
    });
    const staged = await stageTar(project);
    expect(listTree(staged)).toEqual(['abs -> /usr/lib/os-release', 'hard.txt', 'real.txt', 'rel -> real.txt']);
    expect(fs.statSync(path.join(staged, 'hard.txt')).ino).toBe(fs.statSync(path.join(staged, 'real.txt')).ino);
  });

  it.each([
    ['xz', 'pkg.tar.xz', '-cJf'],
    ['bzip2', 'pkg.tar.bz2', '-cjf'],
    ['zstd', 'pkg.tar.zst', '--zstd -cf'],
  ])('%s tarballs are unpacked with the host tool', async (_tool, name, flags) => {
    const project = tarProject(undefined, (p) => hostTarball(inFiles(p, name), flags.split(' '), { 'pkg/a.txt': 'a', 'pkg/sub/b.txt': 'b' }, ['pkg']), name);
    expect(listTree(await stageTar(project))).toEqual(['a.txt', 'sub/', 'sub/b.txt']);
  });

  it('a file that is not a tar archive is an invalid-data error at the source', async () => {
    const project = tarProject(undefined, (p) => {
      const archive = inFiles(p, 'pkg.tar.gz');
      fs.writeFileSync(archive, 'this is not a tarball, although it is long enough to have a header '.repeat(20));
      return sha256Of(archive);
    });
    const error = await errorOf(() => stageTar(project));
    expect(error).toBeInstanceOf(CairnError);
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toMatch(/pkg\.tar\.gz is not a valid tar archive/);
    expect(whereOf(error)).toBe('element.bst:3:9');
  });

  describe('over HTTP', () => {
    let nginx: Nginx;
    beforeAll(async () => {
      nginx = await startNginx();
    });
    afterAll(async () => {
      await nginx.stop();
    });

    it('a tar source fetched from a real HTTP server through an alias stages its base directory', async () => {
      const ref = hostTarball(path.join(nginx.files, 'hello-2.12.tar.gz'), ['-czf'], { 'hello-2.12/configure': { text: '#!/bin/sh\n', mode: 0o755 } }, ['hello-2.12']);
      const project = writeProject({
        'project.conf': lines('name: test', 'min-version: 2.0', 'aliases:', `  gnu: ${nginx.url}/files/`),
        'element.bst': lines('kind: import', 'sources:', '- kind: tar', '  url: gnu:hello-2.12.tar.gz', `  ref: ${ref}`),
      });
      const staged = await stageTar(project);
      expect(listTree(staged)).toEqual(['configure']);
      expect(modeOf(path.join(staged, 'configure'))).toBe(0o755);
      expect(nginx.hits('/files/hello-2.12.tar.gz')).toBe(1);
    });
  });
});
