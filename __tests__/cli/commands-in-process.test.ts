// Commands whose failures users meet rarely but must understand: a log directory that cannot be
// made, and checkouts of empty artifacts or to places that cannot be written. The command line
// runs in this process on the TypeScript sources, with a home, cache and configuration of its own.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from '@jest/globals';
import { OBJECT_MTIME } from '../../src/cache/content-store.js';
import { main } from '../../src/cli/main.js';
import { manual, writeBuildProject } from '../helpers/build-project.js';
import { removeProjects } from '../helpers/fixture-project.js';
import { removeTemporaries, temporaryDirectory } from '../sources/archives.js';
import { TestRepo } from '../sources/git-repos.js';

afterAll(() => {
  removeProjects();
  removeTemporaries();
});

interface Ran {
  readonly status: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

function sink(): { stream: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      done();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

/** A project and a home of its own; the user configuration names the cache and the log directory. */
class Workspace {
  readonly home = temporaryDirectory('cairn-in-process-home-');
  readonly config = path.join(this.home, 'cairn.conf');

  constructor(
    readonly project: string,
    logDirectory?: string,
  ) {
    fs.writeFileSync(this.config, `cachedir: ${path.join(this.home, 'cache')}\nlogdir: ${logDirectory ?? path.join(this.home, 'logs')}\n`);
  }

  async cairn(...args: string[]): Promise<Ran> {
    const out = sink();
    const err = sink();
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: this.home, XDG_CONFIG_HOME: path.join(this.home, 'config'), XDG_CACHE_HOME: path.join(this.home, 'xdg-cache') };
    const status = await main(['-C', this.project, '-c', this.config, ...args], { out: out.stream, err: err.stream, env, cwd: this.project, tty: false });
    return { status, stdout: out.bytes(), stderr: err.bytes().toString('utf8') };
  }
}

/** A log directory that cannot be made: a regular file stands where its parent should be. */
function blockedLogDirectory(): string {
  const blocker = path.join(temporaryDirectory('cairn-blocked-logs-'), 'not-a-directory');
  fs.writeFileSync(blocker, 'a file, not a directory\n');
  return path.join(blocker, 'logs');
}

/** A project whose `repo.bst` has a git source following `main` of a fresh repository, pinned unless `pinned` is false. */
function gitProject(pinned: boolean): string {
  const repo = TestRepo.create('upstream');
  const ref = repo.commit({ 'README': 'hello\n' });
  return writeBuildProject({
    'elements/repo.bst': `kind: import\nsources:\n- kind: git\n  url: ${repo.url}\n  track: main\n${pinned ? `  ref: ${ref}\n` : ''}`,
  });
}

describe('a job whose log cannot be opened', () => {
  it('fails the build with the reason, not a bare "failed"', async () => {
    const logs = blockedLogDirectory();
    const workspace = new Workspace(writeBuildProject({ 'elements/hello.bst': manual(['true']) }), logs);
    const built = await workspace.cairn('build', 'hello.bst');
    expect(built.status).toBe(255);
    expect(built.stderr).toContain('Build failed: 0 built, 0 cached, 1 failed, 1 skipped');
    expect(built.stderr).toMatch(/\n {2}failed: base\.bst: ENOTDIR: not a directory, mkdir '[^']*not-a-directory\/logs[^']*'\n/);
    // The job line says it too, once, under the failed job.
    expect(built.stderr).toMatch(/\[build:base\.bst *\] FAILURE +\d+\.\d\ds\n {4}ENOTDIR: not a directory/);
    expect(built.stderr).not.toContain('internal error');
  });

  it('fails the fetch with the reason', async () => {
    const workspace = new Workspace(gitProject(true), blockedLogDirectory());
    const fetched = await workspace.cairn('fetch', 'repo.bst');
    expect(fetched.status).toBe(255);
    expect(fetched.stderr).toContain('Fetch failed: 0 fetched, 0 already cached, 1 failed');
    expect(fetched.stderr).toMatch(/\n {2}failed: repo\.bst: ENOTDIR: not a directory, mkdir '[^']*not-a-directory\/logs[^']*'\n/);
  });

  it('fails the track with the reason, and no log that does not exist', async () => {
    const workspace = new Workspace(gitProject(false), blockedLogDirectory());
    const tracked = await workspace.cairn('track', 'repo.bst');
    expect(tracked.status).toBe(255);
    expect(tracked.stderr).toMatch(/^repo\.bst: FAILURE ENOTDIR: not a directory, mkdir '[^']*not-a-directory\/logs[^']*'\n/);
    expect(tracked.stderr).not.toContain('(log: undefined)');
    expect(tracked.stderr).toContain('Track failed: 0 changed, 0 unchanged, 1 failed, 0 skipped');
  });
});

describe('cairn artifact checkout --tar of an empty artifact', () => {
  async function builtEmpty(): Promise<Workspace> {
    const workspace = new Workspace(writeBuildProject({ 'elements/empty.bst': manual(['true']) }));
    const built = await workspace.cairn('build', 'empty.bst');
    expect(built.stderr).toContain('Build succeeded');
    return workspace;
  }

  it('writes a valid archive without members, and nothing beside it', async () => {
    const workspace = await builtEmpty();
    const directory = temporaryDirectory('cairn-empty-checkout-');
    const tarball = path.join(directory, 'empty.tar');
    const checkedOut = await workspace.cairn('artifact', 'checkout', '--deps', 'none', '--tar', tarball, 'empty.bst');
    expect(checkedOut.stderr).toBe(`checked out empty.bst (0 files) to ${tarball}\n`);
    expect(checkedOut.status).toBe(0);
    const listed = spawnSync('tar', ['-tvf', tarball], { encoding: 'utf8' });
    expect(listed.status).toBe(0);
    expect(listed.stdout).toBe('');
    expect(fs.readdirSync(directory)).toEqual(['empty.tar']);
  });

  it('compresses the empty archive when the name ends in .tar.gz, and writes it to stdout for -', async () => {
    const workspace = await builtEmpty();
    const tarball = path.join(temporaryDirectory('cairn-empty-checkout-'), 'empty.tar.gz');
    expect((await workspace.cairn('artifact', 'checkout', '--deps', 'none', '--tar', tarball, 'empty.bst')).status).toBe(0);
    expect(spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout).toBe('');
    expect(zlib.gunzipSync(fs.readFileSync(tarball)).every((byte) => byte === 0)).toBe(true);

    const streamed = await workspace.cairn('artifact', 'checkout', '--deps', 'none', '--tar', '-', 'empty.bst');
    expect(streamed.status).toBe(0);
    expect(streamed.stdout.length).toBeGreaterThanOrEqual(1024);
    expect(streamed.stdout.every((byte) => byte === 0)).toBe(true);
  });

  it('says which file it cannot write when the directory for it does not exist', async () => {
    const workspace = await builtEmpty();
    const tarball = path.join(temporaryDirectory('cairn-empty-checkout-'), 'missing', 'empty.tar');
    const checkedOut = await workspace.cairn('artifact', 'checkout', '--tar', tarball, 'empty.bst');
    expect(checkedOut.status).toBe(255);
    expect(checkedOut.stderr).toMatch(new RegExp(`^error: cannot write ${tarball.replace(/[.]/g, '\\.')}: ENOENT`));
    expect(fs.existsSync(path.dirname(tarball))).toBe(false);
  });
});

describe('cairn artifact checkout --tar', () => {
  it('gives files the modification time of the cache objects, so the same artifact gives the same bytes', async () => {
    const workspace = new Workspace(writeBuildProject({ 'elements/hello.bst': manual(['mkdir -p %{install-root}/share', 'echo hi > %{install-root}/share/greeting']) }));
    expect((await workspace.cairn('build', 'hello.bst')).status).toBe(0);
    const tarball = path.join(temporaryDirectory('cairn-checkout-'), 'hello.tar');
    expect((await workspace.cairn('artifact', 'checkout', '--deps', 'none', '--tar', tarball, 'hello.bst')).status).toBe(0);
    const listed = spawnSync('tar', ['--full-time', '--utc', '-tvf', tarball], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    const members = listed.stdout.trimEnd().split('\n');
    expect(members.map((line) => line.split(/\s+/).pop()).sort()).toEqual(['share/', 'share/greeting']);
    // Directories carry no time at all (node-tar's portable mode), which is as reproducible.
    expect(members.find((line) => line.endsWith('share/greeting'))).toContain(new Date(OBJECT_MTIME * 1000).toISOString().slice(0, 19).replace('T', ' '));
  });
});

describe('cairn source checkout --tar', () => {
  it('writes the staged sources through the same tarball writer, leaving nothing beside it', async () => {
    const workspace = new Workspace(
      writeBuildProject({
        'elements/with-sources.bst': `kind: import\nsources:\n- kind: local\n  path: files/src\n`,
        'files/src/input.txt': 'source text\n',
      }),
    );
    const directory = temporaryDirectory('cairn-source-checkout-');
    const tarball = path.join(directory, 'sources.tar.gz');
    const checkedOut = await workspace.cairn('source', 'checkout', '--deps', 'none', '--tar', tarball, 'with-sources.bst');
    expect(checkedOut.status).toBe(0);
    expect(spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort()).toEqual(['with-sources/', 'with-sources/input.txt']);
    expect(fs.readdirSync(directory)).toEqual(['sources.tar.gz']);
  });
});
