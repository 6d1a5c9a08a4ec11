// The git source kind against real repositories made with the host's git: fetched into bare
// mirrors in the source cache, tracked from branches and tags, staged as the commit's files
// (submodules included) without `.git`, and built into an artifact by the real engine.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { lookupArtifact } from '../../src/engine/artifact-state.js';
import type { ComposedSource } from '../../src/project/element.js';
import { gitEnvironment } from '../../src/sources/git/host-git.js';
import { mirrorDirectory } from '../../src/sources/git/mirror.js';
import { TestCache, writeBuildProject } from '../helpers/build-project.js';
import { errorOf, lines, loadOne, removeProjects, whereOf, writeProject } from '../helpers/fixture-project.js';
import { listTree, modeOf, removeTemporaries, temporaryDirectory } from './archives.js';
import { hostGit, TestRepo } from './git-repos.js';
import { contextFor, fetchAndStage, sourceOf, type TestContext } from './source-fixture.js';

afterAll(() => {
  removeProjects();
  removeTemporaries();
});

/** A project whose element.bst has one git source with `sourceLines`; alias `repos:` is `parent`. */
function gitProject(parent: string, sourceLines: readonly string[], files: Readonly<Record<string, string>> = {}): string {
  return writeProject({
    'project.conf': lines('name: test', 'min-version: 2.0', 'aliases:', `  repos: file://${parent}/`),
    'element.bst': lines('kind: import', 'sources:', '- kind: git', ...sourceLines.map((line) => `  ${line}`)),
    ...files,
  });
}

/** The element's git source, with a fresh source cache. */
async function gitSource(project: string, context = contextFor()): Promise<{ source: ComposedSource; context: TestContext }> {
  return { source: await sourceOf(project), context };
}

async function fetch(source: ComposedSource, context: TestContext): Promise<void> {
  await source.plugin.fetch!(source.view, context);
}

async function track(source: ComposedSource, context: TestContext): Promise<unknown> {
  return source.plugin.track!(source.view, context);
}

function parentOf(repo: TestRepo): string {
  return path.dirname(repo.directory);
}

describe('fetching and staging a git source', () => {
  it('stages exactly the files of the pinned commit, without .git', async () => {
    const repo = TestRepo.create('up');
    const first = repo.commit({ 'README': 'first\n', 'bin/run.sh': { text: '#!/bin/sh\n', executable: true }, 'lib/link': { symlink: '../README' } });
    repo.commit({ 'README': 'second\n', 'later.txt': 'not yet\n' });
    const { source, context } = await gitSource(gitProject(parentOf(repo), ['url: repos:up', `ref: ${first}`]));
    const staged = await fetchAndStage(source, context);
    expect(listTree(staged)).toEqual(['README', 'bin/', 'bin/run.sh', 'lib/', 'lib/link -> ../README']);
    expect(fs.readFileSync(path.join(staged, 'README'), 'utf8')).toBe('first\n');
    expect(modeOf(path.join(staged, 'bin/run.sh')) & 0o111).not.toBe(0);
    // The throwaway git directory of the checkout is gone; only the mirror stays.
    expect(fs.readdirSync(path.join(context.sourceCache, 'git'))).toEqual([path.basename(mirrorDirectory(context.sourceCache, repo.url))]);
  });

  it('is not cached before a fetch and is after it, in a bare mirror named after the URL', async () => {
    const repo = TestRepo.create('up');
    const commit = repo.commit({ 'a.txt': 'a\n' });
    const { source, context } = await gitSource(gitProject(parentOf(repo), ['url: repos:up', `ref: ${commit}`]));
    expect(source.plugin.isCached!(source.view, context)).toBe(false);
    await fetch(source, context);
    expect(source.plugin.isCached!(source.view, context)).toBe(true);
    const mirror = mirrorDirectory(context.sourceCache, repo.url);
    expect(path.basename(mirror)).toBe(repo.url.replace(/[^A-Za-z0-9%_]/g, '_'));
    expect(hostGit(mirror, 'rev-parse', '--is-bare-repository')).toBe('true');
    // Nothing temporary is left beside the mirror.
    expect(fs.readdirSync(path.dirname(mirror))).toEqual([path.basename(mirror)]);
  });

  it('a second fetch reuses the mirror: the same directory, fetched into in place', async () => {
    const repo = TestRepo.create('up');
    const first = repo.commit({ 'a.txt': 'a\n' });
    const context = contextFor();
    const { source } = await gitSource(gitProject(parentOf(repo), ['url: repos:up', `ref: ${first}`]), context);
    await fetch(source, context);
    const mirror = mirrorDirectory(context.sourceCache, repo.url);
    const inode = fs.statSync(mirror).ino;

    const second = repo.commit({ 'b.txt': 'b\n' });
    const { source: newer } = await gitSource(gitProject(parentOf(repo), ['url: repos:up', `ref: ${second}`]), context);
    expect(newer.plugin.isCached!(newer.view, context)).toBe(false);
    await fetch(newer, context);
    expect(fs.statSync(mirror).ino).toBe(inode);
    expect(newer.plugin.isCached!(newer.view, context)).toBe(true);
    expect(context.lines.filter((line) => line.startsWith('cloning'))).toHaveLength(1);
  });

  it('a fetch of a commit the mirror holds does not touch the remote', async () => {
    const repo = TestRepo.create('up');
    const commit = repo.commit({ 'a.txt': 'a\n' });
    const { source, context } = await gitSource(gitProject(parentOf(repo), ['url: repos:up', `ref: ${commit}`]));
    await fetch(source, context);
    // Were the remote asked again, it would fail: it is gone.
    fs.rmSync(repo.directory, { recursive: true });
    context.lines.length = 0;
    await fetch(source, context);
    expect(context.lines).toEqual([]);
    const staged = await fetchAndStage(source, context);
    expect(listTree(staged)).toEqual(['a.txt']);
  });

  it('stages over what earlier sources staged, replacing files in its way', async () => {
    const repo = TestRepo.create('up');
    const commit = repo.commit({ 'shared.txt': 'from git\n', 'dir/file': 'f\n' });
    const { source, context } = await gitSource(gitProject(parentOf(repo), ['url: repos:up', `ref: ${commit}`]));
    const directory = temporaryDirectory('cairn-stage-');
    fs.writeFileSync(path.join(directory, 'shared.txt'), 'earlier\n');
    fs.writeFileSync(path.join(directory, 'earlier.txt'), 'kept\n');
    // A symlink where git has a directory is replaced, never followed out of the staging area.
    const outside = temporaryDirectory('cairn-outside-');
    fs.symlinkSync(outside, path.join(directory, 'dir'));
    await fetchAndStage(source, context, directory);
    expect(listTree(directory)).toEqual(['dir/', 'dir/file', 'earlier.txt', 'shared.txt']);
    expect(fs.readFileSync(path.join(directory, 'shared.txt'), 'utf8')).toBe('from git\n');
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  it('a commit on no branch or tag (a pull request head) is fetched by its id', async () => {
    const repo = TestRepo.create('up');
    repo.commit({ 'a.txt': 'a\n' });
    const proposed = repo.commit({ 'proposal.txt': 'p\n' });
    repo.git('update-ref', 'refs/pull/1/head', proposed);
    repo.git('reset', '--quiet', '--hard', 'HEAD~1');
    const { source, context } = await gitSource(gitProject(parentOf(repo), ['url: repos:up', `ref: ${proposed}`]));
    const staged = await fetchAndStage(source, context);
    expect(listTree(staged)).toEqual(['a.txt', 'proposal.txt']);
  });

  it('the key of a source is the same before and after fetching', async () => {
    const repo = TestRepo.create('up');
    const commit = repo.commit({ 'a.txt': 'a\n' });
    const project = gitProject(parentOf(repo), ['url: repos:up', `ref: ${commit}`]);
    const context = contextFor();
    const before = await loadOne(project, 'element.bst');
    const { source } = await gitSource(project, context);
    expect(source.plugin.uniqueKey(source.view)).toEqual(['repos:up', commit]);
    await fetch(source, context);
    const after = await loadOne(project, 'element.bst');
    expect(after.keys).toEqual(before.keys);
    expect(source.plugin.uniqueKey(source.view)).toEqual(['repos:up', commit]);
  });

  it('staging a source that was never fetched is a source-not-cached error', async () => {
    const repo = TestRepo.create('up');
    const commit = repo.commit({ 'a.txt': 'a\n' });
    const { source, context } = await gitSource(gitProject(parentOf(repo), ['url: repos:up', `ref: ${commit}`]));
    const error = await errorOf(() => source.plugin.stage!(source.view, temporaryDirectory('cairn-stage-'), context));
    expect(error.reason).toBe('source-not-cached');
    expect(error.message).toContain(commit);
    expect(whereOf(error)).toBe('element.bst:5:8');
  });
});

describe('where git sources are fetched from', () => {
  it('a project mirror is fetched from first, into the mirror named after the alias’s own URL', async () => {
    const repo = TestRepo.create('up');
    const commit = repo.commit({ 'a.txt': 'a\n' });
    const project = writeProject({
      'project.conf': lines('name: test', 'min-version: 2.0', 'aliases:', '  repos: file:///nowhere/', 'mirrors:', '- name: local', '  aliases:', `    repos: [file://${parentOf(repo)}/]`),
      'element.bst': lines('kind: import', 'sources:', '- kind: git', '  url: repos:up', `  ref: ${commit}`),
    });
    const { source, context } = await gitSource(project);
    await fetch(source, context);
    expect(fs.existsSync(mirrorDirectory(context.sourceCache, 'file:///nowhere/up'))).toBe(true);
    expect(source.plugin.isCached!(source.view, context)).toBe(true);
    expect(listTree(await fetchAndStage(source, context))).toEqual(['a.txt']);
  });

  it('two fetches of the same repository at once both succeed, with one mirror', async () => {
    const repo = TestRepo.create('up');
    const first = repo.commit({ 'a.txt': 'a\n' });
    const second = repo.commit({ 'b.txt': 'b\n' });
    const context = contextFor();
    const { source: one } = await gitSource(gitProject(parentOf(repo), ['url: repos:up', `ref: ${first}`]), context);
    const { source: two } = await gitSource(gitProject(parentOf(repo), ['url: repos:up', `ref: ${second}`]), context);
    await Promise.all([fetch(one, context), fetch(two, context)]);
    expect(one.plugin.isCached!(one.view, context) && two.plugin.isCached!(two.view, context)).toBe(true);
    expect(fs.readdirSync(path.join(context.sourceCache, 'git'))).toEqual([path.basename(mirrorDirectory(context.sourceCache, repo.url))]);
  });

  it('git runs without the user’s configuration, a calling hook’s GIT_DIR, or a prompt', () => {
    const env = gitEnvironment({ PATH: '/bin', HOME: '/home/me', GIT_DIR: '/elsewhere/.git', GIT_CONFIG_GLOBAL: '/home/me/.gitconfig', EDITOR: 'vi', https_proxy: 'http://proxy:3128' });
    expect(env).toEqual({
      PATH: '/bin',
      HOME: '/home/me',
      https_proxy: 'http://proxy:3128',
      LC_ALL: 'C',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_ATTR_NOSYSTEM: '1',
      GIT_TERMINAL_PROMPT: '0',
      GIT_SSH_COMMAND: 'ssh -o BatchMode=yes',
    });
  });
});

describe('git fetch failures', () => {
  it('a ref that is not in the repository fails, naming the ref and the URL, at the ref', async () => {
    const repo = TestRepo.create('up');
    repo.commit({ 'a.txt': 'a\n' });
    const missing = '0123456789abcdef0123456789abcdef01234567';
    const { source, context } = await gitSource(gitProject(parentOf(repo), ['url: repos:up', `ref: ${missing}`]));
    const error = await errorOf(() => fetch(source, context));
    expect(error.reason).toBe('fetch-failed');
    expect(error.message).toBe(`ref '${missing}' was not found in git repository ${repo.url}`);
    expect(whereOf(error)).toBe('element.bst:5:8');
    expect(source.plugin.isCached!(source.view, context)).toBe(false);
  });

  it('an unreachable URL fails with git’s own message, at the url, and leaves no mirror behind', async () => {
    const parent = temporaryDirectory('cairn-git-');
    const { source, context } = await gitSource(gitProject(parent, ['url: repos:nowhere', `ref: ${'a'.repeat(40)}`]));
    const error = await errorOf(() => fetch(source, context));
    expect(error.reason).toBe('fetch-failed');
    expect(error.message).toContain(`could not fetch from git repository file://${parent}/nowhere`);
    expect(error.message).toMatch(/does not appear to be a git repository|Could not read from remote repository/);
    expect(whereOf(error)).toBe('element.bst:4:8');
    expect(fs.readdirSync(path.join(context.sourceCache, 'git'))).toEqual([]);
  });

  it('an interrupted fetch ends with the interruption and leaves no mirror behind', async () => {
    const repo = TestRepo.create('up');
    const commit = repo.commit({ 'a.txt': 'a\n' });
    const controller = new AbortController();
    controller.abort(new Error('interrupted by the user'));
    const context = contextFor(undefined, controller.signal);
    const { source } = await gitSource(gitProject(parentOf(repo), ['url: repos:up', `ref: ${commit}`]), context);
    await expect(fetch(source, context)).rejects.toThrow('interrupted by the user');
    expect(fs.readdirSync(path.join(context.sourceCache, 'git'))).toEqual([]);
  });

  it('a ref that is not a commit id is refused before anything is fetched', async () => {
    const repo = TestRepo.create('up');
    repo.commit({ 'a.txt': 'a\n' });
    const { source, context } = await gitSource(gitProject(parentOf(repo), ['url: repos:up', 'ref: main']));
    const error = await errorOf(() => fetch(source, context));
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("ref 'main' is not a commit id");
    expect(whereOf(error)).toBe('element.bst:5:8');
  });

  it('a tag entry without its commit is refused when the project loads', async () => {
    const project = gitProject('/nowhere', ['url: repos:up', `ref: ${'a'.repeat(40)}`, 'tags:', '- tag: v1', '  annotated: false']);
    const error = await errorOf(() => loadOne(project, 'element.bst'));
    expect(error.message).toBe("a git tag needs 'commit'");
    expect(whereOf(error)).toBe('element.bst:7:5');
  });
});

describe('tracking a git source', () => {
  it('tracking a branch gives the head of the branch', async () => {
    const repo = TestRepo.create('up');
    repo.commit({ 'a.txt': 'a\n' });
    const stable = repo.commit({ 'b.txt': 'b\n' });
    repo.branch('stable');
    const head = repo.commit({ 'c.txt': 'c\n' });
    const { source, context } = await gitSource(gitProject(parentOf(repo), ['url: repos:up', 'track: main']));
    expect(source.plugin.isResolved(source.view)).toBe(false);
    expect(await track(source, context)).toEqual({ ref: head });
    const { source: other } = await gitSource(gitProject(parentOf(repo), ['url: repos:up', 'track: stable']), context);
    expect(await track(other, context)).toEqual({ ref: stable });
  });

  it('tracking a tag gives the commit it tags, annotated or not', async () => {
    const repo = TestRepo.create('up');
    const tagged = repo.commit({ 'a.txt': 'a\n' });
    repo.tag('v1.0', { annotated: true });
    repo.tag('light');
    repo.commit({ 'b.txt': 'b\n' });
    const context = contextFor();
    for (const name of ['v1.0', 'light']) {
      const { source } = await gitSource(gitProject(parentOf(repo), ['url: repos:up', `track: ${name}`]), context);
      expect(await track(source, context)).toEqual({ ref: tagged });
    }
  });

  it('tracking a branch that does not exist fails at track', async () => {
    const repo = TestRepo.create('up');
    repo.commit({ 'a.txt': 'a\n' });
    const { source, context } = await gitSource(gitProject(parentOf(repo), ['url: repos:up', 'track: no-such-branch']));
    const error = await errorOf(() => track(source, context));
    expect(error.reason).toBe('fetch-failed');
    expect(error.message).toBe(`'no-such-branch' is not a branch, tag or commit of git repository ${repo.url}`);
    expect(whereOf(error)).toBe('element.bst:5:10');
  });

  it('a source without track has nothing to track', async () => {
    const repo = TestRepo.create('up');
    const commit = repo.commit({ 'a.txt': 'a\n' });
    const { source, context } = await gitSource(gitProject(parentOf(repo), ['url: repos:up', `ref: ${commit}`]));
    expect(await track(source, context)).toBeUndefined();
  });

  it('with ref-format git-describe, the ref is tag-N-g<sha>, and it fetches and stages that commit', async () => {
    const repo = TestRepo.create('up');
    repo.commit({ 'version': '1.0\n' });
    repo.tag('v1.0', { annotated: true });
    repo.commit({ 'version': '1.0+1\n' });
    const head = repo.commit({ 'version': '1.0+2\n' });
    const context = contextFor();
    const { source } = await gitSource(gitProject(parentOf(repo), ['url: repos:up', 'track: main', 'ref-format: git-describe']), context);
    const tracked = await track(source, context);
    expect(tracked).toEqual({ ref: `v1.0-2-g${head}` });

    repo.commit({ 'version': '2.0\n' });
    const { source: pinned } = await gitSource(gitProject(parentOf(repo), ['url: repos:up', 'track: main', 'ref-format: git-describe', `ref: v1.0-2-g${head}`]), context);
    expect(pinned.plugin.uniqueKey(pinned.view)).toEqual(['repos:up', head]);
    const staged = await fetchAndStage(pinned, contextFor());
    expect(fs.readFileSync(path.join(staged, 'version'), 'utf8')).toBe('1.0+2\n');
  });

  it('with ref-format git-describe and no tag at all, the ref is the bare sha', async () => {
    const repo = TestRepo.create('up');
    const head = repo.commit({ 'a.txt': 'a\n' });
    const { source, context } = await gitSource(gitProject(parentOf(repo), ['url: repos:up', 'track: main', 'ref-format: git-describe']));
    expect(await track(source, context)).toEqual({ ref: head });
  });

  it('with track-tags, the nearest tags come back with their commits and whether they are annotated', async () => {
    const repo = TestRepo.create('up');
    const first = repo.commit({ 'a.txt': 'a\n' });
    repo.tag('v1.0', { annotated: true });
    const second = repo.commit({ 'b.txt': 'b\n' });
    repo.tag('snapshot');
    const head = repo.commit({ 'c.txt': 'c\n' });
    const { source, context } = await gitSource(gitProject(parentOf(repo), ['url: repos:up', 'track: main', 'track-tags: true']));
    expect(await track(source, context)).toEqual({
      ref: head,
      tags: [
        { tag: 'snapshot', commit: second, annotated: false },
        { tag: 'v1.0', commit: first, annotated: true },
      ],
    });
  });
});

describe('staging git tags', () => {
  it('a source with tags stages a minimal .git in which git describe finds them', async () => {
    const repo = TestRepo.create('up');
    const first = repo.commit({ 'a.txt': 'a\n' });
    repo.tag('v1.0', { annotated: true });
    const second = repo.commit({ 'b.txt': 'b\n' });
    repo.tag('snapshot');
    const head = repo.commit({ 'c.txt': 'c\n' });
    const { source, context } = await gitSource(
      gitProject(parentOf(repo), [
        'url: repos:up',
        `ref: ${head}`,
        'tags:',
        `- tag: v1.0`,
        `  commit: ${first}`,
        '  annotated: true',
        `- tag: snapshot`,
        `  commit: ${second}`,
        '  annotated: false',
      ]),
    );
    const staged = await fetchAndStage(source, context);
    expect(listTree(staged).filter((p) => p === '.git/' || !p.startsWith('.git/'))).toEqual(['.git/', 'a.txt', 'b.txt', 'c.txt']);
    expect(hostGit(staged, 'describe', '--long', '--abbrev=40')).toBe(`v1.0-2-g${head}`);
    expect(hostGit(staged, 'describe', '--tags')).toBe(`snapshot-1-g${head.slice(0, 7)}`);
    expect(hostGit(staged, 'rev-parse', 'HEAD')).toBe(head);
    expect(hostGit(staged, 'cat-file', '-t', 'v1.0')).toBe('tag');
    expect(fs.readFileSync(path.join(staged, '.git', 'shallow'), 'utf8')).toBe(`${first}\n`);
  });

  it('a tag name git refuses is an error at that tag, with git’s reason', async () => {
    const repo = TestRepo.create('up');
    const head = repo.commit({ 'a.txt': 'a\n' });
    const { source, context } = await gitSource(
      gitProject(parentOf(repo), ['url: repos:up', `ref: ${head}`, 'tags:', '- tag: bad..name', `  commit: ${head}`, '  annotated: false']),
    );
    const error = await errorOf(() => fetchAndStage(source, context));
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toMatch(/^git refused tag 'bad\.\.name': .+/);
    expect(whereOf(error)).toBe('element.bst:7:5');
  });
});

describe('git submodules', () => {
  /** up (with `lib` from ../lib, and `docs` overridable) plus the commits of each. */
  function withSubmodules(): { up: TestRepo; lib: TestRepo; docs: TestRepo; libCommit: string; docsCommit: string; upCommit: string } {
    const parent = temporaryDirectory('cairn-git-');
    const lib = TestRepo.create('lib', parent);
    const libCommit = lib.commit({ 'lib.c': 'int lib;\n' });
    const docs = TestRepo.create('docs', parent);
    const docsCommit = docs.commit({ 'index.md': '# docs\n' });
    const up = TestRepo.create('up', parent);
    up.commit({ 'main.c': 'int main;\n' });
    up.addSubmodule('../lib', 'vendor/lib');
    const upCommit = up.addSubmodule(docs.url, 'docs');
    return { up, lib, docs, libCommit, docsCommit, upCommit };
  }

  it('each submodule is fetched into a mirror of its own and checked out at the commit the superproject records', async () => {
    const { up, lib, docs, libCommit, upCommit } = withSubmodules();
    lib.commit({ 'lib.c': 'int lib_v2;\n' });
    const { source, context } = await gitSource(gitProject(parentOf(up), ['url: repos:up', `ref: ${upCommit}`]));
    expect(source.plugin.isCached!(source.view, context)).toBe(false);
    await fetch(source, context);
    expect(source.plugin.isCached!(source.view, context)).toBe(true);
    expect(fs.existsSync(mirrorDirectory(context.sourceCache, lib.url))).toBe(true);
    expect(fs.existsSync(mirrorDirectory(context.sourceCache, docs.url))).toBe(true);
    const staged = await fetchAndStage(source, context);
    expect(listTree(staged)).toEqual(['.gitmodules', 'docs/', 'docs/index.md', 'main.c', 'vendor/', 'vendor/lib/', 'vendor/lib/lib.c']);
    expect(fs.readFileSync(path.join(staged, 'vendor/lib/lib.c'), 'utf8')).toBe('int lib;\n');
    expect(hostGit(mirrorDirectory(context.sourceCache, lib.url), 'cat-file', '-t', libCommit)).toBe('commit');
  });

  it('isCached is false while a submodule commit is missing from its mirror', async () => {
    const { up, lib, upCommit } = withSubmodules();
    const { source, context } = await gitSource(gitProject(parentOf(up), ['url: repos:up', `ref: ${upCommit}`]));
    await fetch(source, context);
    fs.rmSync(mirrorDirectory(context.sourceCache, lib.url), { recursive: true });
    expect(source.plugin.isCached!(source.view, context)).toBe(false);
    await fetch(source, context);
    expect(source.plugin.isCached!(source.view, context)).toBe(true);
  });

  it('checkout-submodules: False leaves their directories empty and fetches nothing for them', async () => {
    const { up, lib, upCommit } = withSubmodules();
    const { source, context } = await gitSource(gitProject(parentOf(up), ['url: repos:up', `ref: ${upCommit}`, 'checkout-submodules: false']));
    const staged = await fetchAndStage(source, context);
    expect(listTree(staged)).toEqual(['.gitmodules', 'docs/', 'main.c', 'vendor/', 'vendor/lib/']);
    expect(fs.existsSync(mirrorDirectory(context.sourceCache, lib.url))).toBe(false);
  });

  it('a submodule can be turned off on its own, and another given a different URL', async () => {
    const { up, docsCommit, upCommit } = withSubmodules();
    // A copy of docs elsewhere, which the override must be fetched from.
    const elsewhere = path.join(temporaryDirectory('cairn-git-'), 'docs-copy.git');
    hostGit(parentOf(up), 'clone', '--quiet', '--bare', path.join(parentOf(up), 'docs'), elsewhere);
    fs.rmSync(path.join(parentOf(up), 'docs'), { recursive: true });
    const { source, context } = await gitSource(
      gitProject(parentOf(up), ['url: repos:up', `ref: ${upCommit}`, 'submodules:', '  vendor/lib:', '    checkout: false', '  docs:', `    url: file://${elsewhere}`]),
    );
    expect(hostGit(elsewhere, 'cat-file', '-t', docsCommit)).toBe('commit');
    const staged = await fetchAndStage(source, context);
    expect(listTree(staged)).toEqual(['.gitmodules', 'docs/', 'docs/index.md', 'main.c', 'vendor/', 'vendor/lib/']);
  });

  it('a submodule of a submodule is checked out too', async () => {
    const parent = temporaryDirectory('cairn-git-');
    const leaf = TestRepo.create('leaf', parent);
    leaf.commit({ 'leaf.txt': 'leaf\n' });
    const middle = TestRepo.create('middle', parent);
    middle.commit({ 'middle.txt': 'middle\n' });
    middle.addSubmodule('../leaf', 'leaf');
    const up = TestRepo.create('up', parent);
    up.commit({ 'top.txt': 'top\n' });
    const upCommit = up.addSubmodule('../middle', 'middle');
    const { source, context } = await gitSource(gitProject(parent, ['url: repos:up', `ref: ${upCommit}`]));
    const staged = await fetchAndStage(source, context);
    expect(listTree(staged)).toEqual(['.gitmodules', 'middle/', 'middle/.gitmodules', 'middle/leaf/', 'middle/leaf/leaf.txt', 'middle/middle.txt', 'top.txt']);
    // Overrides name nested submodules by their path from the top.
    const { source: off, context: offContext } = await gitSource(gitProject(parent, ['url: repos:up', `ref: ${upCommit}`, 'submodules:', '  middle/leaf:', '    checkout: false']));
    const partial = await fetchAndStage(off, offContext);
    expect(listTree(partial)).toEqual(['.gitmodules', 'middle/', 'middle/.gitmodules', 'middle/leaf/', 'middle/middle.txt', 'top.txt']);
  });

  it('a submodule commit missing from its repository fails, naming the submodule', async () => {
    const { up, lib, upCommit } = withSubmodules();
    // Rewrite lib so that the recorded commit no longer exists there.
    fs.rmSync(lib.directory, { recursive: true });
    const fresh = TestRepo.create('lib', parentOf(up));
    fresh.commit({ 'other.c': 'x\n' });
    const { source, context } = await gitSource(gitProject(parentOf(up), ['url: repos:up', `ref: ${upCommit}`]));
    const error = await errorOf(() => fetch(source, context));
    expect(error.reason).toBe('fetch-failed');
    expect(error.message).toMatch(new RegExp(`^commit [0-9a-f]{40} of submodule 'vendor/lib' was not found in git repository ${fresh.url}$`));
    expect(whereOf(error)).toBe('element.bst:4:8');
  });
});

describe('building with a git source', () => {
  const caches: TestCache[] = [];
  afterEach(() => {
    for (const cache of caches.splice(0)) cache.remove();
  });

  it('an import element of a git source has the repository’s files in its artifact', async () => {
    const repo = TestRepo.create('up');
    const commit = repo.commit({ 'usr/share/hello/greeting': 'hello\n', 'usr/bin/hello': { text: '#!/bin/sh\necho hello\n', executable: true } });
    repo.commit({ 'usr/share/hello/greeting': 'changed later\n' });
    const project = writeBuildProject(
      { 'elements/hello.bst': lines('kind: import', 'sources:', '- kind: git', '  url: repos:up', `  ref: ${commit}`) },
      lines('aliases:', `  repos: file://${parentOf(repo)}/`),
    );
    const cache = new TestCache();
    caches.push(cache);
    const run = await cache.build(project, ['hello.bst']);
    expect(run.summary.failed).toEqual([]);
    expect(run.events.some((e) => e.type === 'job-end' && e.action === 'fetch' && e.element.endsWith('hello.bst') && e.result === 'success')).toBe(true);
    const record = lookupArtifact(cache.cache, run.graph.keyed(run.graph.lookup('hello.bst')), true, false);
    const files: Record<string, string> = {};
    const walk = (hash: string, prefix: string): void => {
      for (const child of cache.cache.store.readDirectory(hash)) {
        const p = `${prefix}/${child.name}`;
        if (child.kind === 'directory') walk(child.digest.hash, p);
        else if (child.kind === 'file') files[p] = cache.cache.store.readBytes(child.digest.hash).toString('utf8') + (child.isExecutable ? ' (x)' : '');
      }
    };
    walk(record!.files!.hash, '');
    expect(files).toEqual({ '/usr/bin/hello': '#!/bin/sh\necho hello\n (x)', '/usr/share/hello/greeting': 'hello\n' });
  });
});
