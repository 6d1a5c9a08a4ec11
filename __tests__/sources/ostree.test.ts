// The `ostree` source: a commit pulled by the host's ostree into a cache repository per URL,
// tracked from a branch, verified with the project's GPG key when it names one, and staged from
// a user-mode checkout. The repositories are real ones made with `ostree init` and `ostree
// commit`, served over file:// and by a real nginx.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { errorOf, lines, loadOne, removeProjects, whereOf, writeProject } from '../helpers/fixture-project.js';
import { listTree, modeOf, removeTemporaries, temporaryDirectory, writeTree, type TreeSpec } from './archives.js';
import { startNginx, type Nginx } from './servers.js';
import { contextFor, fetchAndStage, sourceOf } from './source-fixture.js';

let servers: string;
let gpgHome: string;
let keyId: string;
let nginx: Nginx;

function run(program: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync(program, [...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env }).trim();
}

/** A new archive-mode repository `name` under the servers' directory, as a publisher makes one. */
function serverRepo(name: string): string {
  const repo = path.join(servers, name);
  run('ostree', ['init', `--repo=${repo}`, '--mode=archive-z2']);
  return repo;
}

/** Commits `tree` to `branch` of `repo` (signed with the test key when asked); returns the checksum. */
function commit(repo: string, branch: string, tree: TreeSpec, options: { signed?: boolean; modes?: Readonly<Record<string, number>> } = {}): string {
  const content = writeTree(temporaryDirectory(), tree);
  for (const [name, mode] of Object.entries(options.modes ?? {})) fs.chmodSync(path.join(content, name), mode);
  const signing = options.signed ? [`--gpg-sign=${keyId}`, `--gpg-homedir=${gpgHome}`] : [];
  return run('ostree', ['commit', `--repo=${repo}`, `--branch=${branch}`, '--subject=test', ...signing, `--tree=dir=${content}`]);
}

beforeAll(async () => {
  servers = temporaryDirectory('cairn-ostree-servers-');
  gpgHome = temporaryDirectory('cairn-gnupg-');
  fs.chmodSync(gpgHome, 0o700);
  const env = { ...process.env, GNUPGHOME: gpgHome };
  run('gpg', ['--batch', '--passphrase', '', '--quick-gen-key', 'Cairn Test <test@example.com>', 'ed25519', 'sign', 'never'], env);
  keyId = run('gpg', ['--with-colons', '--list-keys'], env)
    .split('\n')
    .find((line) => line.startsWith('fpr:'))!
    .split(':')[9]!;
  nginx = await startNginx();
});

afterAll(async () => {
  await nginx.stop();
  try {
    run('gpgconf', ['--homedir', gpgHome, '--kill', 'all']);
  } catch {
    // No agent was started.
  }
  removeProjects();
  removeTemporaries();
});

/** The test key, exported into the project as `keys/test.gpg`. */
function exportKey(project: string): void {
  fs.mkdirSync(path.join(project, 'keys'));
  fs.writeFileSync(path.join(project, 'keys', 'test.gpg'), execFileSync('gpg', ['--export', keyId], { env: { ...process.env, GNUPGHOME: gpgHome } }));
}

/**
 * A project with alias `repos:` for the servers' directory (or `aliasUrl`), optional mirrors of
 * it, and element.bst with one ostree source of `sourceLines`.
 */
function ostreeProject(sourceLines: readonly string[], options: { aliasUrl?: string; mirrors?: readonly string[] } = {}): string {
  const mirrors = options.mirrors ?? [];
  const mirrorLines = mirrors.length === 0 ? [] : ['mirrors:', ...mirrors.flatMap((prefix, i) => [`- name: mirror${i}`, '  aliases:', '    repos:', `    - ${prefix}`])];
  return writeProject({
    'project.conf': lines('name: test', 'min-version: 2.0', 'aliases:', `  repos: ${options.aliasUrl ?? `file://${servers}/`}`, ...mirrorLines),
    'element.bst': lines('kind: import', 'sources:', '- kind: ostree', ...sourceLines),
  });
}

const TREE: TreeSpec = {
  'usr/bin/hello': { text: '#!/bin/sh\necho hello\n', mode: 0o755 },
  'usr/bin/hi': { symlink: 'hello' },
  'usr/share/doc/README': { text: 'read me\n', mode: 0o600 },
};

describe('ostree sources', () => {
  it('fetching pulls the pinned commit into a cache repository for the URL, after which the source is cached', async () => {
    const repo = serverRepo('fetch');
    const checksum = commit(repo, 'runtime/stable', TREE);
    const source = await sourceOf(ostreeProject(['  url: repos:fetch', `  ref: ${checksum}`]));
    const context = contextFor();
    expect(source.plugin.isCached!(source.view, context)).toBe(false);
    await source.plugin.fetch!(source.view, context);
    expect(source.plugin.isCached!(source.view, context)).toBe(true);
    expect(fs.readdirSync(path.join(context.sourceCache, 'ostree'))).toEqual(['repos_fetch']);
    expect(context.lines).toContain(`pulling ostree commit ${checksum} from file://${servers}/fetch`);
  });

  it('staging checks the commit out: files, symlinks and the executable bit, other modes normalised', async () => {
    const repo = serverRepo('stage');
    const checksum = commit(repo, 'main', TREE);
    const staged = await fetchAndStage(await sourceOf(ostreeProject(['  url: repos:stage', `  ref: ${checksum}`])), contextFor());
    expect(listTree(staged)).toEqual(['usr/', 'usr/bin/', 'usr/bin/hello', 'usr/bin/hi -> hello', 'usr/share/', 'usr/share/doc/', 'usr/share/doc/README']);
    expect(fs.readFileSync(path.join(staged, 'usr', 'bin', 'hello'), 'utf8')).toBe('#!/bin/sh\necho hello\n');
    expect(modeOf(path.join(staged, 'usr', 'bin', 'hello'))).toBe(0o755);
    expect(modeOf(path.join(staged, 'usr', 'share', 'doc', 'README'))).toBe(0o644);
  });

  it('the checkout joins what earlier sources staged, and no scratch checkout is left in the cache', async () => {
    const repo = serverRepo('merge');
    const checksum = commit(repo, 'main', TREE);
    const staging = writeTree(temporaryDirectory('cairn-stage-'), { 'usr/bin/earlier': 'from an earlier source' });
    const context = contextFor();
    await fetchAndStage(await sourceOf(ostreeProject(['  url: repos:merge', `  ref: ${checksum}`])), context, staging);
    expect(listTree(path.join(staging, 'usr', 'bin'))).toEqual(['earlier', 'hello', 'hi -> hello']);
    expect(fs.readdirSync(path.join(context.sourceCache, 'ostree'))).toEqual(['repos_merge']);
  });

  it('tracking a branch pulls it and returns its newest commit as the ref', async () => {
    const repo = serverRepo('track');
    commit(repo, 'runtime/stable', { 'v': '1' });
    const newest = commit(repo, 'runtime/stable', { 'v': '2' });
    const source = await sourceOf(ostreeProject(['  url: repos:track', '  track: runtime/stable']));
    expect(source.plugin.isResolved(source.view)).toBe(false);
    const context = contextFor();
    expect(await source.plugin.track!(source.view, context)).toEqual({ ref: newest });
    expect(context.lines).toContain(`pulling ostree branch runtime/stable from file://${servers}/track`);
  });

  it('a source without track has nothing to track', async () => {
    const repo = serverRepo('notrack');
    const source = await sourceOf(ostreeProject(['  url: repos:notrack', `  ref: ${commit(repo, 'main', { a: 'a' })}`]));
    expect(await source.plugin.track!(source.view, contextFor())).toBeUndefined();
  });

  it('tracking a branch the remote does not have fails at the url line, naming the branch', async () => {
    serverRepo('nobranch');
    const source = await sourceOf(ostreeProject(['  url: repos:nobranch', '  track: no/such/branch']));
    const error = await errorOf(() => source.plugin.track!(source.view, contextFor()));
    expect(error.reason).toBe('fetch-failed');
    expect(error.message).toBe(`could not pull branch 'no/such/branch' from file://${servers}/nobranch: Refspec 'no/such/branch' not found`);
    expect(whereOf(error)).toBe('element.bst:4:8');
  });

  it('a commit the remote does not have fails to fetch, naming the commit and the URL', async () => {
    serverRepo('missing');
    const absent = 'ab'.repeat(32);
    const source = await sourceOf(ostreeProject(['  url: repos:missing', `  ref: ${absent}`]));
    const context = contextFor();
    const error = await errorOf(() => source.plugin.fetch!(source.view, context));
    expect(error.reason).toBe('fetch-failed');
    expect(error.message.startsWith(`could not pull commit ${absent} from file://${servers}/missing: `)).toBe(true);
    expect(whereOf(error)).toBe('element.bst:4:8');
    expect(source.plugin.isCached!(source.view, context)).toBe(false);
  });

  it('a ref that is not a commit checksum is an error at the ref line', async () => {
    const source = await sourceOf(ostreeProject(['  url: repos:whatever', '  ref: main']));
    const error = await errorOf(() => source.plugin.fetch!(source.view, contextFor()));
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("ref 'main' is not an ostree commit checksum");
    expect(whereOf(error)).toBe('element.bst:5:8');
  });

  it('staging a source that was never fetched is a source-not-cached error', async () => {
    const source = await sourceOf(ostreeProject(['  url: repos:never', `  ref: ${'cd'.repeat(32)}`]));
    const error = await errorOf(() => source.plugin.stage!(source.view, temporaryDirectory(), contextFor()));
    expect(error.reason).toBe('source-not-cached');
  });

  it('an interrupted pull is not mistaken for a cached commit', async () => {
    const repo = serverRepo('partial');
    const checksum = commit(repo, 'main', TREE);
    const source = await sourceOf(ostreeProject(['  url: repos:partial', `  ref: ${checksum}`]));
    const context = contextFor();
    await source.plugin.fetch!(source.view, context);
    expect(source.plugin.isCached!(source.view, context)).toBe(true);
    // What ostree leaves behind while a commit's objects are still coming in.
    fs.writeFileSync(path.join(context.sourceCache, 'ostree', 'repos_partial', 'state', `${checksum}.commitpartial`), '');
    expect(source.plugin.isCached!(source.view, context)).toBe(false);
  });

  it('a source with neither ref nor track is refused when the element is loaded', async () => {
    const error = await errorOf(() => loadOne(ostreeProject(['  url: repos:x']), 'element.bst'));
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("an ostree source needs 'ref', 'track' or both");
    expect(whereOf(error)).toBe('element.bst:3:9');
  });

  it('a gpg-key that is not in the project is refused when the element is loaded', async () => {
    const error = await errorOf(() => loadOne(ostreeProject(['  url: repos:x', '  track: main', '  gpg-key: keys/missing.gpg']), 'element.bst'));
    expect(error.reason).toBe('missing-file');
    expect(whereOf(error)).toBe('element.bst:6:12');
  });

  it("the key is BuildStream's: the URL as written and the ref", async () => {
    const source = await sourceOf(ostreeProject(['  url: repos:x', `  ref: ${'ef'.repeat(32)}`]));
    expect(source.plugin.uniqueKey(source.view)).toEqual(['repos:x', 'ef'.repeat(32)]);
  });
});

describe('ostree sources verified with a GPG key', () => {
  it('a commit signed by the gpg-key is fetched and staged', async () => {
    const repo = serverRepo('signed');
    const checksum = commit(repo, 'main', TREE, { signed: true });
    const project = ostreeProject(['  url: repos:signed', `  ref: ${checksum}`, '  gpg-key: keys/test.gpg']);
    exportKey(project);
    const staged = await fetchAndStage(await sourceOf(project), contextFor());
    expect(listTree(staged)).toContain('usr/bin/hello');
  });

  it('an unsigned commit is refused, at the gpg-key line, and is not cached', async () => {
    const repo = serverRepo('unsigned');
    const checksum = commit(repo, 'main', TREE);
    const project = ostreeProject(['  url: repos:unsigned', `  ref: ${checksum}`, '  gpg-key: keys/test.gpg']);
    exportKey(project);
    const source = await sourceOf(project);
    const context = contextFor();
    const error = await errorOf(() => source.plugin.fetch!(source.view, context));
    expect(error.reason).toBe('fetch-failed');
    expect(error.message).toContain('GPG verification enabled, but no signatures found');
    expect(whereOf(error)).toBe('element.bst:6:12');
    expect(source.plugin.isCached!(source.view, context)).toBe(false);
  });

  it('tracking verifies the branch head too', async () => {
    const repo = serverRepo('tracksigned');
    const signed = commit(repo, 'main', TREE, { signed: true });
    const project = ostreeProject(['  url: repos:tracksigned', '  track: main', '  gpg-key: keys/test.gpg']);
    exportKey(project);
    const source = await sourceOf(project);
    expect(await source.plugin.track!(source.view, contextFor())).toEqual({ ref: signed });
    commit(repo, 'main', { 'usr/bin/hello': 'tampered' });
    const error = await errorOf(() => source.plugin.track!(source.view, contextFor()));
    expect(error.message).toContain('GPG verification enabled, but no signatures found');
  });
});

describe('ostree sources with mirrors', () => {
  const dead = (): string => `file://${path.join(servers, 'does-not-exist')}/`;

  it('fetching pulls from a mirror while the alias URL is unreachable', async () => {
    const repo = serverRepo('mirrored');
    const checksum = commit(repo, 'main', TREE);
    const context = contextFor();
    const staged = await fetchAndStage(await sourceOf(ostreeProject(['  url: repos:mirrored', `  ref: ${checksum}`], { aliasUrl: dead(), mirrors: [`file://${servers}/`] })), context);
    expect(listTree(staged)).toContain('usr/bin/hello');
    expect(context.lines[0]).toMatch(/^created ostree cache repository /);
    expect(context.lines[1]).toBe(`pulling ostree commit ${checksum} from file://${servers}/mirrored`);
  });

  it("tracking asks the alias's own URL first, and a lagging mirror only when upstream fails", async () => {
    const upstream = serverRepo('upstream-branch');
    fs.mkdirSync(path.join(servers, 'mirror'));
    const lagging = path.join(servers, 'mirror', 'upstream-branch');
    run('ostree', ['init', `--repo=${lagging}`, '--mode=archive-z2']);
    const old = commit(lagging, 'main', { v: 'old' });
    const newest = commit(upstream, 'main', { v: 'new' });
    const mirrors = [`file://${servers}/mirror/`];
    const both = await sourceOf(ostreeProject(['  url: repos:upstream-branch', '  track: main'], { mirrors }));
    expect(await both.plugin.track!(both.view, contextFor())).toEqual({ ref: newest });
    const upstreamDown = await sourceOf(ostreeProject(['  url: repos:upstream-branch', '  track: main'], { mirrors, aliasUrl: dead() }));
    const context = contextFor();
    expect(await upstreamDown.plugin.track!(upstreamDown.view, context)).toEqual({ ref: old });
    expect(context.lines.some((line) => line.startsWith(`tracking from ${dead()}upstream-branch failed: `))).toBe(true);
  });

  it('when every URL fails, one error lists each URL tried', async () => {
    const source = await sourceOf(ostreeProject(['  url: repos:nowhere', `  ref: ${'12'.repeat(32)}`], { aliasUrl: dead(), mirrors: [`file://${servers}/also-missing/`] }));
    const error = await errorOf(() => source.plugin.fetch!(source.view, contextFor()));
    expect(error.reason).toBe('fetch-failed');
    expect(error.message).toContain(`fetching repos:nowhere failed at every URL tried: file://${servers}/also-missing/nowhere (`);
    expect(error.message).toContain(`; ${dead()}nowhere (`);
  });
});

describe('ostree sources over HTTP', () => {
  it('a repository served by nginx can be tracked and fetched', async () => {
    const repo = serverRepo('http');
    const checksum = commit(repo, 'app/stable', TREE);
    fs.cpSync(repo, path.join(nginx.files, 'http'), { recursive: true, verbatimSymlinks: true });
    const project = ostreeProject(['  url: repos:http', '  track: app/stable', `  ref: ${checksum}`], { aliasUrl: `${nginx.url}/files/` });
    const source = await sourceOf(project);
    const context = contextFor();
    expect(await source.plugin.track!(source.view, context)).toEqual({ ref: checksum });
    const staged = await fetchAndStage(source, context);
    expect(listTree(staged)).toContain('usr/bin/hi -> hello');
    expect(nginx.hits(`/files/http/objects/${checksum.slice(0, 2)}/${checksum.slice(2)}.commit`)).toBeGreaterThan(0);
  });
});
