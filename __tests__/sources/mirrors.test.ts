// Mirrors as BuildStream uses them: fetching an `alias:path` URL tries each mirror of project.conf
// (each of its prefixes, in order) before the alias's own URL; tracking asks in the reverse
// order, upstream first. Downloads fall through to the next URL when one fails, against a real
// nginx on 127.0.0.1 and a port nobody listens on.

import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { SYNTHETIC } from '../../src/format/node.js';
import type { SourceMirror } from '../../src/project/source-api.js';
import { candidateUrls } from '../../src/sources/urls.js';
import { errorOf, lines, removeProjects, whereOf, writeProject } from '../helpers/fixture-project.js';
import { hostTar, listTree, removeTemporaries, sha256Of, temporaryDirectory, writeTree } from './archives.js';
import { startNginx, type Nginx } from './servers.js';
import { contextFor, fetchAndStage, sourceOf } from './source-fixture.js';

const BODY = 'mirrored\n';
let nginx: Nginx;
let ref: string;
let deadUrl: string;

/** A port that was free a moment ago and that nobody listens on. */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

beforeAll(async () => {
  nginx = await startNginx();
  for (const dir of ['first', 'second']) {
    fs.mkdirSync(path.join(nginx.files, dir));
    fs.writeFileSync(path.join(nginx.files, dir, 'hello.txt'), BODY);
  }
  fs.mkdirSync(path.join(nginx.files, 'stale'));
  fs.writeFileSync(path.join(nginx.files, 'stale', 'hello.txt'), 'an older release\n');
  ref = sha256Of(path.join(nginx.files, 'first', 'hello.txt'));
  deadUrl = `http://127.0.0.1:${await deadPort()}/`;
});

afterAll(async () => {
  await nginx.stop();
  removeProjects();
  removeTemporaries();
});

const ALIASES = new Map([
  ['upstream', 'https://upstream.example/'],
  ['other', 'https://other.example/'],
]);
const MIRRORS: readonly SourceMirror[] = [
  { name: 'near', aliases: new Map([['upstream', ['https://near.example/a/', 'https://near.example/b/']]]) },
  { name: 'far', aliases: new Map([['upstream', ['https://far.example/']], ['other', ['https://far.example/other/']]]) },
];

describe('the URLs a source may be had from', () => {
  it("fetching tries each mirror's prefixes in project.conf order, then the alias's own URL", () => {
    expect(candidateUrls('upstream:pkg.tar.gz', ALIASES, MIRRORS, SYNTHETIC, 'fetch')).toEqual([
      'https://near.example/a/pkg.tar.gz',
      'https://near.example/b/pkg.tar.gz',
      'https://far.example/pkg.tar.gz',
      'https://upstream.example/pkg.tar.gz',
    ]);
  });

  it("tracking asks in the reverse order: the alias's own URL first, then the mirrors from the last", () => {
    expect(candidateUrls('upstream:pkg.tar.gz', ALIASES, MIRRORS, SYNTHETIC, 'track')).toEqual([
      'https://upstream.example/pkg.tar.gz',
      'https://far.example/pkg.tar.gz',
      'https://near.example/b/pkg.tar.gz',
      'https://near.example/a/pkg.tar.gz',
    ]);
  });

  it('a mirror that does not mirror the alias is skipped', () => {
    expect(candidateUrls('other:x.zip', ALIASES, MIRRORS, SYNTHETIC)).toEqual(['https://far.example/other/x.zip', 'https://other.example/x.zip']);
  });

  it('a URL with a scheme has no mirrors: it is its only candidate', () => {
    expect(candidateUrls('https://example.com/x.tar', ALIASES, MIRRORS, SYNTHETIC)).toEqual(['https://example.com/x.tar']);
  });

  it('a mirror prefix equal to the alias URL is tried once', () => {
    const mirrors = [{ name: 'same', aliases: new Map([['upstream', ['https://upstream.example/']]]) }];
    expect(candidateUrls('upstream:a', ALIASES, mirrors, SYNTHETIC)).toEqual(['https://upstream.example/a']);
  });

  it('an alias the project does not define is still an error, mirrors or not', async () => {
    const error = await errorOf(() => candidateUrls('nowhere:a', ALIASES, MIRRORS, SYNTHETIC));
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("invalid alias 'nowhere' in URL 'nowhere:a'");
  });
});

/** A project whose alias `upstream` points at `aliasUrl`, with `mirrors` (name → prefixes for upstream) and one source. */
function mirroredProject(aliasUrl: string, mirrors: ReadonlyArray<readonly [string, readonly string[]]>, source: readonly string[]): string {
  const mirrorLines = mirrors.flatMap(([name, prefixes]) => [`- name: ${name}`, '  aliases:', '    upstream:', ...prefixes.map((prefix) => `    - ${prefix}`)]);
  return writeProject({
    'project.conf': lines('name: test', 'min-version: 2.0', 'aliases:', `  upstream: ${aliasUrl}`, ...(mirrorLines.length > 0 ? ['mirrors:', ...mirrorLines] : [])),
    'element.bst': lines('kind: import', 'sources:', ...source),
  });
}

const remoteSource = (): string[] => ['- kind: remote', '  url: upstream:hello.txt', `  ref: ${ref}`];

describe('fetching from mirrors', () => {
  it("a file is fetched from a mirror while the alias's own server is down", async () => {
    const project = mirroredProject(deadUrl, [['local', [`${nginx.url}/files/first/`]]], remoteSource());
    const context = contextFor();
    const staged = await fetchAndStage(await sourceOf(project), context);
    expect(fs.readFileSync(path.join(staged, 'hello.txt'), 'utf8')).toBe(BODY);
    expect(context.lines).toContain(`fetching ${nginx.url}/files/first/hello.txt`);
    expect(context.lines.some((line) => line.includes(deadUrl))).toBe(false);
  });

  it('the first mirror that serves the file is used, and later ones are never asked', async () => {
    const before = { first: nginx.hits('/files/first/hello.txt'), second: nginx.hits('/files/second/hello.txt') };
    const project = mirroredProject(deadUrl, [['one', [`${nginx.url}/files/first/`]], ['two', [`${nginx.url}/files/second/`]]], remoteSource());
    await fetchAndStage(await sourceOf(project), contextFor());
    expect(nginx.hits('/files/first/hello.txt')).toBe(before.first + 1);
    expect(nginx.hits('/files/second/hello.txt')).toBe(before.second);
  });

  it('a mirror that fails is logged and the next one is tried, in order', async () => {
    const missing = `${nginx.url}/files/missing/`;
    const project = mirroredProject(deadUrl, [['broken', [missing]], ['good', [`${nginx.url}/files/second/`]]], remoteSource());
    const context = contextFor();
    const before = { missing: nginx.hits('/files/missing/hello.txt'), second: nginx.hits('/files/second/hello.txt') };
    await fetchAndStage(await sourceOf(project), context);
    const failure = context.lines.find((line) => line.startsWith(`fetching from ${missing}hello.txt failed:`));
    expect(failure).toContain('HTTP 404');
    expect(failure).toContain(`trying ${nginx.url}/files/second/hello.txt`);
    expect(context.lines.indexOf(failure!)).toBeLessThan(context.lines.indexOf(`fetching ${nginx.url}/files/second/hello.txt`));
    // A 404 is not retried: the broken mirror is asked once, the good one once, and the alias never.
    expect(nginx.hits('/files/missing/hello.txt')).toBe(before.missing + 1);
    expect(nginx.hits('/files/second/hello.txt')).toBe(before.second + 1);
  });

  it("the alias's own URL is the last resort after every mirror failed", async () => {
    const project = mirroredProject(`${nginx.url}/files/first/`, [['broken', [`${nginx.url}/files/missing/`]]], remoteSource());
    const context = contextFor();
    await fetchAndStage(await sourceOf(project), context);
    expect(context.lines.at(-2)).toBe(`fetching ${nginx.url}/files/first/hello.txt`);
    const failure = context.lines.findIndex((line) => line.startsWith(`fetching from ${nginx.url}/files/missing/hello.txt failed`));
    expect(failure).toBeGreaterThanOrEqual(0);
    expect(failure).toBeLessThan(context.lines.lastIndexOf(`fetching ${nginx.url}/files/first/hello.txt`));
  });

  it('a mirror serving a different file is passed over for the next one', async () => {
    const project = mirroredProject(deadUrl, [['stale', [`${nginx.url}/files/stale/`]], ['good', [`${nginx.url}/files/first/`]]], remoteSource());
    const context = contextFor();
    await fetchAndStage(await sourceOf(project), context);
    expect(context.lines.find((line) => line.startsWith(`fetching from ${nginx.url}/files/stale/hello.txt failed:`))).toContain('wrong sha256');
  });

  it('when every URL fails, one error at the url line lists each URL tried and why', async () => {
    const project = mirroredProject(deadUrl, [['one', [`${nginx.url}/files/missing/`]], ['two', [`${nginx.url}/files/gone/`]]], remoteSource());
    const source = await sourceOf(project);
    const error = await errorOf(() => source.plugin.fetch!(source.view, contextFor()));
    expect(error.reason).toBe('fetch-failed');
    expect(whereOf(error)).toBe('element.bst:4:8');
    expect(error.message.startsWith('fetching upstream:hello.txt failed at every URL tried: ')).toBe(true);
    const tried = [`${nginx.url}/files/missing/hello.txt`, `${nginx.url}/files/gone/hello.txt`, `${deadUrl}hello.txt`];
    const positions = tried.map((url) => error.message.indexOf(`${url} (`));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(error.message).toContain('HTTP 404');
    expect(error.message).toContain('ECONNREFUSED');
  }, 30_000);

  it('when every URL serves the wrong file, the error is still a checksum mismatch at the ref line', async () => {
    const project = mirroredProject(`${nginx.url}/files/stale/`, [['stale', [`${nginx.url}/files/stale/`, `${nginx.url}/files/first/`]]], ['- kind: remote', '  url: upstream:hello.txt', `  ref: ${'0'.repeat(64)}`]);
    const source = await sourceOf(project);
    const error = await errorOf(() => source.plugin.fetch!(source.view, contextFor()));
    expect(error.reason).toBe('checksum-mismatch');
    expect(whereOf(error)).toBe('element.bst:5:8');
    expect(error.message).toContain(`${nginx.url}/files/stale/hello.txt (file downloaded from`);
    expect(error.message).toContain(`${nginx.url}/files/first/hello.txt (file downloaded from`);
    expect(error.hint).toBe('if the file changed upstream on purpose, update the ref');
  });

  it('without mirrors, a failing download keeps its own error', async () => {
    const project = mirroredProject(`${nginx.url}/files/missing/`, [], remoteSource());
    const source = await sourceOf(project);
    const error = await errorOf(() => source.plugin.fetch!(source.view, contextFor()));
    expect(error.reason).toBe('fetch-failed');
    expect(error.message).toBe(`cannot download ${nginx.url}/files/missing/hello.txt: HTTP 404 Not Found from ${nginx.url}/files/missing/hello.txt`);
  });

  it('a tar source is fetched from a mirror too', async () => {
    const scratch = writeTree(temporaryDirectory(), { 'pkg-1.0/README': 'read me\n' });
    const tarball = path.join(nginx.files, 'first', 'pkg-1.0.tar.gz');
    hostTar(['-czf', tarball, 'pkg-1.0'], scratch);
    const project = mirroredProject(deadUrl, [['local', [`${nginx.url}/files/first/`]]], ['- kind: tar', '  url: upstream:pkg-1.0.tar.gz', `  ref: ${sha256Of(tarball)}`]);
    const staged = await fetchAndStage(await sourceOf(project), contextFor());
    expect(listTree(staged)).toEqual(['README']);
  });
});
