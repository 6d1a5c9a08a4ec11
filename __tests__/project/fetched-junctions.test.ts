// Junctions whose subproject is fetched (a git repository, a tar archive) rather than a local
// directory: before the fetch, nothing loads through them and the error says how to fetch;
// after it, the subproject loads from its sources staged under .bst/staged-junctions/, once
// per set of refs.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { fetchElementSources, idleContext, sourcesCached } from '../../src/engine/element-sources.js';
import type { KeyedGraph } from '../../src/engine/pipeline.js';
import { errorOf, lines, load, loadError, names, removeProjects, whereOf, writeProject } from '../helpers/fixture-project.js';
import { hostTar, removeTemporaries, sha256Of, temporaryDirectory, writeTree } from '../sources/archives.js';
import { TestRepo } from '../sources/git-repos.js';

afterAll(() => {
  removeProjects();
  removeTemporaries();
});

const SUB_CONF = lines('name: sub', 'min-version: 2.0', 'element-path: elements');

/** The subproject's files: a base and an app depending on it, the app's greeting given. */
function subproject(greeting: string): Record<string, string> {
  return {
    'project.conf': SUB_CONF,
    'elements/base.bst': lines('kind: import', 'sources:', '- kind: local', '  path: files'),
    'files/hello.txt': 'hello\n',
    'elements/app.bst': lines('kind: manual', 'variables:', `  greeting: ${greeting}`, 'build-depends:', '- base.bst', 'config:', '  install-commands:', '  - echo %{greeting} > %{install-root}/greeting'),
  };
}

/** A top project with `sub.bst`, a junction with one git source, and app.bst depending through it. */
function gitTop(repo: TestRepo, ref: string | undefined, junctionExtra: readonly string[] = []): string {
  return writeProject({
    'project.conf': lines('name: top', 'min-version: 2.0', 'aliases:', `  repos: file://${path.dirname(repo.directory)}/`),
    'sub.bst': gitJunction(ref, junctionExtra),
    'app.bst': lines('kind: stack', 'depends:', '- sub.bst:app.bst'),
  });
}

function gitJunction(ref: string | undefined, extra: readonly string[] = []): string {
  return lines('kind: junction', 'sources:', '- kind: git', '  url: repos:sub', ref ? `  ref: ${ref}` : '  track: main', ...extra);
}

function sourceCache(): string {
  return temporaryDirectory('cairn-junction-sources-');
}

/** What `cairn fetch sub.bst` does: the junction element's own sources into the source cache. */
async function fetchJunction(project: string, sources: string, junction = 'sub.bst'): Promise<void> {
  const graph = await load(project, [junction], { sourceDirectory: sources });
  await fetchElementSources(graph.keyed(graph.targets[0]!), idleContext(sources));
}

function stagedDirectories(project: string, junction = 'sub'): string[] {
  const parent = path.join(project, '.bst', 'staged-junctions', junction);
  return fs.existsSync(parent) ? fs.readdirSync(parent).sort() : [];
}

function variable(graph: KeyedGraph, element: string, name: string): string | undefined {
  return graph.keyed(graph.lookup(element)).composed.variables.get(name);
}

describe('a junction to a git repository', () => {
  it('is not fetched at first, and loading an element through it names the junction and how to fetch it', async () => {
    const repo = TestRepo.create('sub');
    const ref = repo.commit(subproject('hello'));
    const project = gitTop(repo, ref);
    const sources = sourceCache();
    const graph = await load(project, ['sub.bst'], { sourceDirectory: sources });
    expect(sourcesCached(graph.keyed(graph.targets[0]!), sources)).toBe(false);

    const error = await loadError(project, ['app.bst'], { sourceDirectory: sources });
    expect(error.reason).toBe('source-not-cached');
    expect(error.message).toBe("junction 'sub.bst' must be fetched before its subproject can load");
    expect(error.hint).toBe('run cairn fetch sub.bst');
    expect(whereOf(error)).toBe('app.bst:3:3');
    // Named on the command line, the error points at the junction itself.
    expect(whereOf(await loadError(project, ['sub.bst:app.bst'], { sourceDirectory: sources }))).toBe('sub.bst:1:7');
    expect(stagedDirectories(project)).toEqual([]);
  });

  it('once fetched, loads its subproject from the sources staged under .bst/staged-junctions/sub/', async () => {
    const repo = TestRepo.create('sub');
    const ref = repo.commit(subproject('hello'));
    const project = gitTop(repo, ref);
    const sources = sourceCache();
    await fetchJunction(project, sources);

    const graph = await load(project, ['app.bst'], { sourceDirectory: sources });
    expect(names(graph.scope('all'))).toEqual(['sub.bst:base.bst', 'sub.bst:app.bst', 'app.bst']);
    const [staged] = stagedDirectories(project);
    expect(staged).toMatch(/^[0-9a-f]{64}$/);
    const app = graph.keyed(graph.lookup('sub.bst:app.bst'));
    expect(app.loaded.project.name).toBe('sub');
    expect(app.loaded.project.directory).toBe(path.join(project, '.bst', 'staged-junctions', 'sub', staged!));
    expect(app.composed.variables.get('greeting')).toBe('hello');
    // The subproject's local sources are read from the staged copy, so its elements have keys.
    expect(app.keys?.strict).toMatch(/^[0-9a-f]{64}$/);
    // The staging directory holds only the finished copy, never a half-written one.
    expect(fs.readdirSync(path.join(project, '.bst', 'staged-junctions', 'sub'))).toEqual([staged]);
  });

  it('a second load reuses the staged directory, even once the source cache has lost the sources', async () => {
    const repo = TestRepo.create('sub');
    const ref = repo.commit(subproject('hello'));
    const project = gitTop(repo, ref);
    const sources = sourceCache();
    await fetchJunction(project, sources);
    const first = await load(project, ['app.bst'], { sourceDirectory: sources });
    const [staged] = stagedDirectories(project);
    const marker = path.join(project, '.bst', 'staged-junctions', 'sub', staged!, 'marker');
    fs.writeFileSync(marker, 'left by the test\n');

    fs.rmSync(sources, { recursive: true, force: true });
    const second = await load(project, ['app.bst'], { sourceDirectory: sources });
    expect(stagedDirectories(project)).toEqual([staged]);
    expect(fs.existsSync(marker)).toBe(true);
    expect(second.keyed(second.targets[0]!).keys).toEqual(first.keyed(first.targets[0]!).keys);
  });

  it('a changed ref stages a new directory, and the subproject loads from it', async () => {
    const repo = TestRepo.create('sub');
    const before = repo.commit(subproject('hello'));
    const project = gitTop(repo, before);
    const sources = sourceCache();
    await fetchJunction(project, sources);
    const old = await load(project, ['app.bst'], { sourceDirectory: sources });
    const [oldStaged] = stagedDirectories(project);

    const after = repo.commit(subproject('bonjour'));
    fs.writeFileSync(path.join(project, 'sub.bst'), gitJunction(after));
    // The new ref is not fetched yet: the old staged copy is not used in its place.
    expect((await loadError(project, ['app.bst'], { sourceDirectory: sources })).hint).toBe('run cairn fetch sub.bst');
    await fetchJunction(project, sources);
    const now = await load(project, ['app.bst'], { sourceDirectory: sources });
    expect(stagedDirectories(project)).toHaveLength(2);
    const newStaged = stagedDirectories(project).find((name) => name !== oldStaged)!;
    expect(now.lookup('sub.bst:app.bst').project.directory).toBe(path.join(project, '.bst', 'staged-junctions', 'sub', newStaged));
    expect(variable(now, 'sub.bst:app.bst', 'greeting')).toBe('bonjour');
    expect(variable(old, 'sub.bst:app.bst', 'greeting')).toBe('hello');
    expect(now.keyed(now.targets[0]!).keys?.strict).not.toBe(old.keyed(old.targets[0]!).keys?.strict);
  });

  it('without targets, the elements of staged subprojects are not taken for the project\'s own', async () => {
    const repo = TestRepo.create('sub');
    const project = gitTop(repo, repo.commit(subproject('hello')));
    const sources = sourceCache();
    await fetchJunction(project, sources);
    await load(project, ['app.bst'], { sourceDirectory: sources });
    const graph = await load(project, [], { sourceDirectory: sources });
    expect(names(graph.targets)).toEqual(['app.bst', 'sub.bst']);
  });

  it('without a ref, loading through it says to track the junction', async () => {
    const repo = TestRepo.create('sub');
    repo.commit(subproject('hello'));
    const project = gitTop(repo, undefined);
    const graph = await load(project, ['sub.bst'], { sourceDirectory: sourceCache() });
    expect(graph.keyed(graph.targets[0]!).resolved).toBe(false);
    const error = await loadError(project, ['app.bst'], { sourceDirectory: sourceCache() });
    expect(error.reason).toBe('invalid-junction');
    expect(error.message).toBe("junction 'sub.bst' has no ref, so its subproject cannot load");
    expect(error.hint).toBe('pin it with cairn track sub.bst');
    expect(whereOf(error)).toBe('app.bst:3:3');
  });

  it("the junction's config: path: is a directory of the staged sources", async () => {
    const repo = TestRepo.create('sub');
    const files = Object.fromEntries(Object.entries(subproject('nested')).map(([name, text]) => [`project/${name}`, text]));
    const ref = repo.commit({ ...files, 'README': 'the project is in project/\n' });
    const project = gitTop(repo, ref, ['config:', '  path: project']);
    const sources = sourceCache();
    await fetchJunction(project, sources);
    const graph = await load(project, ['app.bst'], { sourceDirectory: sources });
    const [staged] = stagedDirectories(project);
    expect(graph.lookup('sub.bst:app.bst').project.directory).toBe(path.join(project, '.bst', 'staged-junctions', 'sub', staged!, 'project'));
    expect(variable(graph, 'sub.bst:app.bst', 'greeting')).toBe('nested');
  });

  it('a config: path: that leaves the staged sources is an error', async () => {
    const repo = TestRepo.create('sub');
    const ref = repo.commit(subproject('hello'));
    const project = gitTop(repo, ref, ['config:', '  path: ../..']);
    const sources = sourceCache();
    await fetchJunction(project, sources);
    const error = await loadError(project, ['app.bst'], { sourceDirectory: sources });
    expect(error.reason).toBe('invalid-path');
    expect(whereOf(error)).toBe('sub.bst:7:9');
  });

  it('a failure to stage its sources names the junction, at the junction element', async () => {
    const repo = TestRepo.create('sub');
    const project = gitTop(repo, repo.commit(subproject('hello')));
    const sources = sourceCache();
    await fetchJunction(project, sources);
    // A file where the staging area's directory must go: staging fails with a system error.
    fs.mkdirSync(path.join(project, '.bst'));
    fs.writeFileSync(path.join(project, '.bst', 'staged-junctions'), '');
    const error = await loadError(project, ['app.bst'], { sourceDirectory: sources });
    expect(error.reason).toBe('fetch-failed');
    expect(error.message).toMatch(/^staging junction 'sub\.bst' failed: E[A-Z]+: /);
    expect(whereOf(error)).toBe('sub.bst:1:7');
  });

  it("a user error in staging keeps its reason, position and words, and is said to be the junction's", async () => {
    const repo = TestRepo.create('sub');
    const project = gitTop(repo, repo.commit(subproject('hello')), ['  directory: ../escape']);
    const sources = sourceCache();
    await fetchJunction(project, sources);
    const error = await loadError(project, ['app.bst'], { sourceDirectory: sources });
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("staging junction 'sub.bst' failed: source directory '../escape' leaves the element's source directory");
    // The source's own line, inside the junction element: closer than the junction's kind.
    expect(whereOf(error)).toBe('sub.bst:3:9');
  });

  it('a fetched junction inside a fetched subproject is staged too, under the top project', async () => {
    const inner = TestRepo.create('inner');
    const innerRef = inner.commit({ 'project.conf': lines('name: inner', 'min-version: 2.0'), 'leaf.bst': 'kind: manual\n' });
    const outer = TestRepo.create('sub', path.dirname(inner.directory));
    const outerRef = outer.commit({
      'project.conf': lines('name: sub', 'min-version: 2.0', 'aliases:', `  repos: file://${path.dirname(inner.directory)}/`),
      'inner.bst': lines('kind: junction', 'sources:', '- kind: git', '  url: repos:inner', `  ref: ${innerRef}`),
      'app.bst': lines('kind: manual', 'depends:', '- inner.bst:leaf.bst'),
    });
    const project = gitTop(outer, outerRef);
    const sources = sourceCache();
    await fetchJunction(project, sources);
    const error = await loadError(project, ['app.bst'], { sourceDirectory: sources });
    expect(error.message).toBe("junction 'sub.bst:inner.bst' must be fetched before its subproject can load");
    expect(error.hint).toBe('run cairn fetch sub.bst:inner.bst');
    await fetchJunction(project, sources, 'sub.bst:inner.bst');
    const graph = await load(project, ['app.bst'], { sourceDirectory: sources });
    expect(names(graph.scope('all'))).toEqual(['sub.bst:inner.bst:leaf.bst', 'sub.bst:app.bst', 'app.bst']);
    expect(stagedDirectories(project, 'sub:inner')).toHaveLength(1);
  });
});

describe('a junction to a tar archive', () => {
  /** The subproject packed as sub-1.0/... in a .tar.gz; returns its file:// URL and sha256. */
  function archive(greeting: string): { url: string; ref: string } {
    const directory = temporaryDirectory('cairn-junction-tar-');
    writeTree(path.join(directory, 'sub-1.0'), subproject(greeting));
    const file = path.join(directory, 'sub-1.0.tar.gz');
    hostTar(['-czf', file, 'sub-1.0'], directory);
    return { url: `file://${file}`, ref: sha256Of(file) };
  }

  function tarTop(url: string, ref: string): string {
    return writeProject({
      'project.conf': lines('name: top', 'min-version: 2.0'),
      'sub.bst': lines('kind: junction', 'sources:', '- kind: tar', `  url: ${url}`, `  ref: ${ref}`),
      'app.bst': lines('kind: stack', 'depends:', '- sub.bst:app.bst'),
    });
  }

  it('loads once the archive is fetched, with the same keys as the same subproject in a local directory', async () => {
    const { url, ref } = archive('hello');
    const project = tarTop(url, ref);
    const sources = sourceCache();
    expect((await loadError(project, ['app.bst'], { sourceDirectory: sources })).hint).toBe('run cairn fetch sub.bst');
    await fetchJunction(project, sources);
    const graph = await load(project, ['app.bst'], { sourceDirectory: sources });
    expect(names(graph.scope('all'))).toEqual(['sub.bst:base.bst', 'sub.bst:app.bst', 'app.bst']);
    expect(stagedDirectories(project)).toHaveLength(1);

    // A subproject's keys depend on its files, not on where the junction found them.
    const local = writeProject({
      'project.conf': lines('name: top', 'min-version: 2.0'),
      'sub.bst': lines('kind: junction', 'sources:', '- kind: local', '  path: sub'),
      'app.bst': lines('kind: stack', 'depends:', '- sub.bst:app.bst'),
      ...Object.fromEntries(Object.entries(subproject('hello')).map(([name, text]) => [`sub/${name}`, text])),
    });
    const inPlace = await load(local, ['app.bst']);
    for (const name of ['sub.bst:base.bst', 'sub.bst:app.bst', 'app.bst']) {
      expect(graph.keyed(graph.lookup(name)).keys).toEqual(inPlace.keyed(inPlace.lookup(name)).keys);
    }
  });

  it('a new archive (a new ref) stages a new directory', async () => {
    const first = archive('hello');
    const second = archive('bonjour');
    const project = tarTop(first.url, first.ref);
    const sources = sourceCache();
    await fetchJunction(project, sources);
    await load(project, ['app.bst'], { sourceDirectory: sources });
    fs.writeFileSync(path.join(project, 'sub.bst'), lines('kind: junction', 'sources:', '- kind: tar', `  url: ${second.url}`, `  ref: ${second.ref}`));
    await fetchJunction(project, sources);
    const graph = await load(project, ['app.bst'], { sourceDirectory: sources });
    expect(stagedDirectories(project)).toHaveLength(2);
    expect(variable(graph, 'sub.bst:app.bst', 'greeting')).toBe('bonjour');
  });

  it('two fetched junctions in one load are each staged', async () => {
    const one = archive('one');
    const two = archive('two');
    const project = writeProject({
      'project.conf': lines('name: top', 'min-version: 2.0'),
      'one.bst': lines('kind: junction', 'sources:', '- kind: tar', `  url: ${one.url}`, `  ref: ${one.ref}`),
      'two.bst': lines('kind: junction', 'sources:', '- kind: tar', `  url: ${two.url}`, `  ref: ${two.ref}`),
      'app.bst': lines('kind: stack', 'depends:', '- one.bst:app.bst', '- two.bst:app.bst'),
    });
    const sources = sourceCache();
    await fetchJunction(project, sources, 'one.bst');
    await fetchJunction(project, sources, 'two.bst');
    const graph = await load(project, ['app.bst'], { sourceDirectory: sources });
    expect(variable(graph, 'one.bst:app.bst', 'greeting')).toBe('one');
    expect(variable(graph, 'two.bst:app.bst', 'greeting')).toBe('two');
    expect([stagedDirectories(project, 'one'), stagedDirectories(project, 'two')].map((d) => d.length)).toEqual([1, 1]);
  });

  it('without a source cache, an unstaged fetched junction cannot load', async () => {
    const { url, ref } = archive('hello');
    const error = await errorOf(() => load(tarTop(url, ref), ['app.bst']));
    expect(error.message).toBe("junction 'sub.bst' must be fetched before its subproject can load");
  });
});
