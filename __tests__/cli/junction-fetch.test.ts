// `cairn show`, `fetch` and `build` on a project whose junction is a git repository, as a user
// meets it: show says the junction needs fetching, an element behind it cannot load until
// `cairn fetch JUNCTION` ran, and then it builds from the subproject. The command line runs in
// this process, on a cache and a home of its own.

import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from '@jest/globals';
import { main } from '../../src/cli/main.js';
import { writeSysroot } from '../helpers/build-project.js';
import { lines, removeProjects, writeProject } from '../helpers/fixture-project.js';
import { removeTemporaries, temporaryDirectory } from '../sources/archives.js';
import { TestRepo } from '../sources/git-repos.js';

afterAll(() => {
  removeProjects();
  removeTemporaries();
});

interface Ran {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

function sink(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** A top project whose `sub.bst` is a git junction to a buildable busybox subproject. */
class JunctionWorkspace {
  readonly home = temporaryDirectory('cairn-junction-home-');
  readonly cache = path.join(this.home, 'cache');
  readonly repo = TestRepo.create('sub');
  readonly project: string;

  constructor(pinned = true) {
    fs.writeFileSync(path.join(this.repo.directory, 'project.conf'), lines('name: sub', 'min-version: 2.0', 'element-path: elements'));
    fs.mkdirSync(path.join(this.repo.directory, 'elements'));
    fs.writeFileSync(path.join(this.repo.directory, 'elements', 'base.bst'), lines('kind: import', 'sources:', '- kind: local', '  path: files/sysroot'));
    fs.writeFileSync(
      path.join(this.repo.directory, 'elements', 'hello.bst'),
      lines('kind: manual', 'build-depends:', '- base.bst', 'config:', '  install-commands:', '  - echo "hello from %{project-name}" > %{install-root}/greeting'),
    );
    writeSysroot(path.join(this.repo.directory, 'files', 'sysroot'));
    const ref = this.repo.commit({});
    this.project = writeProject({
      'project.conf': lines('name: top', 'min-version: 2.0', 'aliases:', `  repos: file://${path.dirname(this.repo.directory)}/`),
      'sub.bst': lines('kind: junction', 'sources:', '- kind: git', '  url: repos:sub', pinned ? `  ref: ${ref}` : '  track: main'),
    });
  }

  async cairn(...args: string[]): Promise<Ran> {
    const out = sink();
    const err = sink();
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: this.home, XDG_CONFIG_HOME: path.join(this.home, 'config'), XDG_CACHE_HOME: this.cache };
    const status = await main(['-C', this.project, '--cache-dir', this.cache, ...args], { out: out.stream, err: err.stream, env, cwd: this.project, tty: false });
    return { status, stdout: out.text(), stderr: err.text() };
  }

  async state(target: string): Promise<string> {
    const shown = await this.cairn('show', '--deps', 'none', '--format', '%{state}', target);
    expect(shown.stderr).toBe('');
    return shown.stdout.trim();
  }
}

describe('a junction fetched from git, on the command line', () => {
  it('shows fetch needed, refuses to load through it with a hint, fetches, then builds from the subproject', async () => {
    const workspace = new JunctionWorkspace();
    expect(await workspace.state('sub.bst')).toBe('fetch needed');

    const through = await workspace.cairn('show', 'sub.bst:hello.bst');
    expect(through.status).toBe(255);
    expect(through.stderr).toBe("error: sub.bst:1:7: junction 'sub.bst' must be fetched before its subproject can load (run cairn fetch sub.bst)\n");

    const fetched = await workspace.cairn('fetch', 'sub.bst');
    expect(fetched.stderr).toContain('Fetch succeeded: 1 fetched, 0 already cached, 0 failed');
    expect(fetched.status).toBe(0);
    expect(await workspace.state('sub.bst')).toBe('junction');
    expect((await workspace.cairn('fetch', 'sub.bst')).stderr).toContain('Fetch succeeded: 0 fetched, 1 already cached, 0 failed');

    expect(await workspace.state('sub.bst:hello.bst')).toBe('waiting');
    const built = await workspace.cairn('build', 'sub.bst:hello.bst');
    expect(built.stderr).toContain('Build succeeded');
    expect(built.status).toBe(0);
    expect(await workspace.state('sub.bst:hello.bst')).toBe('cached');

    const checkout = path.join(workspace.home, 'checkout');
    const checkedOut = await workspace.cairn('artifact', 'checkout', '--directory', checkout, 'sub.bst:hello.bst');
    expect(checkedOut.status).toBe(0);
    expect(fs.readFileSync(path.join(checkout, 'greeting'), 'utf8')).toBe('hello from sub\n');
    expect(fs.readdirSync(path.join(workspace.project, '.bst', 'staged-junctions', 'sub'))).toHaveLength(1);
  });

  it('shows no reference for a junction without a ref, and loading through it says to track it', async () => {
    const workspace = new JunctionWorkspace(false);
    expect(await workspace.state('sub.bst')).toBe('no reference');
    const through = await workspace.cairn('show', 'sub.bst:hello.bst');
    expect(through.status).toBe(255);
    expect(through.stderr).toContain("junction 'sub.bst' has no ref, so its subproject cannot load (pin it with cairn track sub.bst)");
  });
});
