// Real git repositories for the git source tests, made with the host's git in temporary
// directories and served as file:// URLs. Authors and dates are fixed and the user's own git
// configuration is kept out, so every run makes the same commits.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { temporaryDirectory } from './archives.js';

const ENV: NodeJS.ProcessEnv = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Test Committer',
  GIT_COMMITTER_EMAIL: 'committer@example.com',
  LC_ALL: 'C',
};

let clock = 1_700_000_000;

/** Runs the host git in `cwd` and returns its trimmed output. */
export function hostGit(cwd: string, ...args: string[]): string {
  const date = `${clock++} +0000`;
  return execFileSync('git', ['-c', 'protocol.file.allow=always', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    env: { ...ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  }).trim();
}

export type Files = Readonly<Record<string, string | { readonly symlink: string } | { readonly text: string; readonly executable: true } | null>>;

/** A working repository (a `main` branch) under a fresh temporary directory. */
export class TestRepo {
  private constructor(readonly directory: string) {}

  /** A new repository named `name` in `parent` (a fresh temporary directory unless given). */
  static create(name = 'repo', parent = temporaryDirectory('cairn-git-')): TestRepo {
    const directory = path.join(parent, name);
    fs.mkdirSync(directory, { recursive: true });
    hostGit(directory, 'init', '--quiet');
    return new TestRepo(directory);
  }

  get url(): string {
    return `file://${this.directory}`;
  }

  /** Writes (or with null, deletes) files, then commits everything; returns the commit. */
  commit(files: Files, message = 'change'): string {
    for (const [name, spec] of Object.entries(files)) {
      const file = path.join(this.directory, name);
      fs.rmSync(file, { force: true, recursive: true });
      if (spec === null) continue;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      if (typeof spec === 'string') fs.writeFileSync(file, spec);
      else if ('symlink' in spec) fs.symlinkSync(spec.symlink, file);
      else {
        fs.writeFileSync(file, spec.text);
        fs.chmodSync(file, 0o755);
      }
    }
    this.git('add', '--all');
    this.git('commit', '--quiet', '--allow-empty', '-m', message);
    return this.head();
  }

  head(rev = 'HEAD'): string {
    return this.git('rev-parse', `${rev}^{commit}`);
  }

  tag(name: string, options: { annotated?: boolean; at?: string } = {}): void {
    const at = options.at ?? 'HEAD';
    if (options.annotated) this.git('tag', '-a', '-m', `release ${name}`, name, at);
    else this.git('tag', name, at);
  }

  branch(name: string, at = 'HEAD'): void {
    this.git('branch', '--force', name, at);
  }

  checkout(rev: string): void {
    this.git('checkout', '--quiet', rev);
  }

  /** Adds `url` as a submodule at `where` (its url in .gitmodules as given) and commits. */
  addSubmodule(url: string, where: string): string {
    this.git('submodule', '--quiet', 'add', url, where);
    this.git('commit', '--quiet', '-m', `add ${where}`);
    return this.head();
  }

  /** Moves the submodule at `where` to `commit` and commits the superproject. */
  bumpSubmodule(where: string, commit: string): string {
    hostGit(path.join(this.directory, where), 'fetch', '--quiet', 'origin');
    hostGit(path.join(this.directory, where), 'checkout', '--quiet', commit);
    this.git('add', where);
    this.git('commit', '--quiet', '-m', `bump ${where}`);
    return this.head();
  }

  git(...args: string[]): string {
    return hostGit(this.directory, ...args);
  }
}
