// Fetching downloadable sources into the content-addressed cache, against a real nginx (and a
// scripted node server for failures nginx cannot stage): verified by sha256, cached under
// `<kind>/<sha256>`, never downloaded twice, nothing left behind when something goes wrong.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { ensureDownloaded, type DownloadRequest } from '../../src/sources/download-cache.js';
import { errorOf, lines, removeProjects, whereOf, writeProject } from '../helpers/fixture-project.js';
import { repoRoot } from '../helpers/paths.js';
import { removeTemporaries, sha256Of, temporaryDirectory } from './archives.js';
import { startNginx, startScriptedServer, type Nginx, type ScriptedServer } from './servers.js';
import { contextFor, sourceOf } from './source-fixture.js';

const execFileAsync = promisify(execFile);
const BODY = 'hello, cache\n'.repeat(1000);
let nginx: Nginx;
let ref: string;

beforeAll(async () => {
  nginx = await startNginx();
  fs.writeFileSync(path.join(nginx.files, 'hello.txt'), BODY);
  ref = sha256Of(path.join(nginx.files, 'hello.txt'));
});

afterAll(async () => {
  await nginx.stop();
  removeProjects();
  removeTemporaries();
});

/** A direct request to the download cache, with quick retries for tests. */
function request(url: string, overrides: Partial<DownloadRequest> = {}): DownloadRequest & { readonly lines: string[] } {
  const lines: string[] = [];
  return {
    sourceCache: temporaryDirectory('cairn-source-cache-'),
    kind: 'remote',
    ref,
    url,
    at: { file: 'element.bst', line: 4, column: 8 },
    signal: new AbortController().signal,
    log: (line) => void lines.push(line),
    retryDelayMs: 10,
    lines,
    ...overrides,
  };
}

/** A server that answers only once two requests are in, so that two downloads truly overlap. */
function startPairedServer(): Promise<ScriptedServer> {
  const held: ServerResponse[] = [];
  return startScriptedServer((_n, response) => {
    held.push(response);
    if (held.length === 2) for (const each of held) each.writeHead(200, { 'Content-Length': Buffer.byteLength(BODY) }).end(BODY);
  });
}

/** Everything in a cache directory, temporary files included. */
function cacheContents(sourceCache: string): string[] {
  return fs.readdirSync(sourceCache, { recursive: true, encoding: 'utf8' }).sort();
}

/** A project whose element.bst has a remote source for `url` pinned to `pin`. */
function remoteProject(url: string, pin: string): string {
  return writeProject({
    'project.conf': lines('name: test', 'min-version: 2.0', 'aliases:', `  mirror: ${nginx.url}/files/`),
    'element.bst': lines('kind: import', 'sources:', '- kind: remote', `  url: ${url}`, `  ref: ${pin}`),
  });
}

describe('fetching into the download cache', () => {
  it('an HTTP download is verified and cached under <kind>/<sha256>, read-only', async () => {
    const req = request(`${nginx.url}/files/hello.txt`);
    const file = await ensureDownloaded(req);
    expect(file).toBe(path.join(req.sourceCache, 'remote', ref));
    expect(fs.readFileSync(file, 'utf8')).toBe(BODY);
    expect(fs.statSync(file).mode & 0o777).toBe(0o444);
    expect(cacheContents(req.sourceCache)).toEqual(['remote', path.join('remote', ref)]);
  });

  it('a file:// URL is copied into the cache the same way', async () => {
    const req = request(`file://${path.join(nginx.files, 'hello.txt')}`);
    expect(fs.readFileSync(await ensureDownloaded(req), 'utf8')).toBe(BODY);
  });

  it('a second fetch does not download again', async () => {
    const project = remoteProject('mirror:hello.txt', ref);
    const source = await sourceOf(project);
    const context = contextFor();
    const before = nginx.hits('/files/hello.txt');
    await source.plugin.fetch!(source.view, context);
    expect(source.plugin.isCached!(source.view, context)).toBe(true);
    await source.plugin.fetch!(source.view, context);
    expect(nginx.hits('/files/hello.txt')).toBe(before + 1);
  });

  it('a wrong ref is a checksum-mismatch error naming both digests, at the ref, and nothing is cached', async () => {
    const wrong = '0'.repeat(64);
    const project = remoteProject('mirror:hello.txt', wrong);
    const source = await sourceOf(project);
    const context = contextFor();
    const error = await errorOf(() => source.plugin.fetch!(source.view, context));
    expect(error.reason).toBe('checksum-mismatch');
    expect(error.message).toBe(`file downloaded from ${nginx.url}/files/hello.txt has the wrong sha256: expected ${wrong}, got ${ref}`);
    expect(whereOf(error)).toBe('element.bst:5:8');
    expect(source.plugin.isCached!(source.view, context)).toBe(false);
    expect(cacheContents(context.sourceCache)).toEqual(['remote']);
  });

  it('a ref that is not a sha256 is an error at the ref, before anything is downloaded', async () => {
    const project = remoteProject('mirror:hello.txt', '../../etc/passwd');
    const source = await sourceOf(project);
    const context = contextFor();
    const before = nginx.hits('/files/hello.txt');
    const error = await errorOf(() => source.plugin.fetch!(source.view, context));
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("ref '../../etc/passwd' is not a sha256");
    expect(whereOf(error)).toBe('element.bst:5:8');
    expect(source.plugin.isCached!(source.view, context)).toBe(false);
    expect(nginx.hits('/files/hello.txt')).toBe(before);
  });

  it('redirects are followed', async () => {
    const req = request(`${nginx.url}/redirect/hello.txt`);
    expect(fs.readFileSync(await ensureDownloaded(req), 'utf8')).toBe(BODY);
    expect(nginx.hits('/redirect/hello.txt')).toBe(1);
  });

  it('a redirect to a malformed location is a fetch-failed error at the URL, not a crash', async () => {
    const server = await startScriptedServer((_n, response) => {
      response.writeHead(302, { Location: 'http://[bad' }).end();
    });
    try {
      const req = request(`${server.url}/hello.txt`);
      const error = await errorOf(() => ensureDownloaded(req));
      expect(error.reason).toBe('fetch-failed');
      expect(error.message).toBe(`cannot download ${server.url}/hello.txt: redirected to an invalid location 'http://[bad'`);
      expect(whereOf(error)).toBe('element.bst:4:8');
      expect(server.requests()).toBe(1);
      expect(cacheContents(req.sourceCache)).toEqual(['remote']);
    } finally {
      await server.stop();
    }
  });

  it('a 404 is a fetch-failed error at once, without retries', async () => {
    const req = request(`${nginx.url}/files/missing.txt`);
    const error = await errorOf(() => ensureDownloaded(req));
    expect(error.reason).toBe('fetch-failed');
    expect(error.message).toBe(`cannot download ${nginx.url}/files/missing.txt: HTTP 404 Not Found from ${nginx.url}/files/missing.txt`);
    expect(whereOf(error)).toBe('element.bst:4:8');
    expect(nginx.hits('/files/missing.txt')).toBe(1);
    expect(cacheContents(req.sourceCache)).toEqual(['remote']);
  });

  it('a server error is retried with backoff, then reported as fetch-failed', async () => {
    const req = request(`${nginx.url}/broken/hello.txt`, { attempts: 3 });
    const error = await errorOf(() => ensureDownloaded(req));
    expect(error.reason).toBe('fetch-failed');
    expect(error.message).toBe(`could not download ${nginx.url}/broken/hello.txt: HTTP 503 Service Temporarily Unavailable from ${nginx.url}/broken/hello.txt`);
    expect(error.hint).toBe('gave up after 3 attempts');
    expect(nginx.hits('/broken/hello.txt')).toBe(3);
    expect(req.lines.filter((line) => line.includes('retrying in'))).toEqual([
      `download of ${nginx.url}/broken/hello.txt failed (HTTP 503 Service Temporarily Unavailable from ${nginx.url}/broken/hello.txt); retrying in 10 ms`,
      `download of ${nginx.url}/broken/hello.txt failed (HTTP 503 Service Temporarily Unavailable from ${nginx.url}/broken/hello.txt); retrying in 20 ms`,
    ]);
  });

  it('a download that fails once is retried and succeeds', async () => {
    const server = await startScriptedServer((n, response) => {
      if (n === 1) response.writeHead(502).end();
      else response.writeHead(200, { 'Content-Length': Buffer.byteLength(BODY) }).end(BODY);
    });
    try {
      const req = request(`${server.url}/hello.txt`);
      expect(fs.readFileSync(await ensureDownloaded(req), 'utf8')).toBe(BODY);
      expect(server.requests()).toBe(2);
    } finally {
      await server.stop();
    }
  });

  it('a connection that goes silent mid-body is timed out and retried', async () => {
    const server = await startScriptedServer((n, response) => {
      response.writeHead(200, { 'Content-Length': Buffer.byteLength(BODY) });
      if (n === 1) response.write(BODY.slice(0, 100));
      else response.end(BODY);
    });
    try {
      const req = request(`${server.url}/hello.txt`, { idleTimeoutMs: 200 });
      expect(fs.readFileSync(await ensureDownloaded(req), 'utf8')).toBe(BODY);
      expect(server.requests()).toBe(2);
      expect(req.lines.some((line) => line.includes('no data for 0.2 s'))).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it('a connection closed before the promised length is retried, never cached short', async () => {
    const server = await startScriptedServer((n, response) => {
      response.writeHead(200, { 'Content-Length': Buffer.byteLength(BODY) });
      if (n === 1) {
        response.write(BODY.slice(0, 100));
        response.socket?.destroy();
      } else response.end(BODY);
    });
    try {
      const req = request(`${server.url}/hello.txt`);
      expect(fs.readFileSync(await ensureDownloaded(req), 'utf8')).toBe(BODY);
      expect(server.requests()).toBe(2);
    } finally {
      await server.stop();
    }
  });

  it('an interrupted fetch stops at once and leaves nothing in the cache', async () => {
    const server = await startScriptedServer((_n, response) => {
      response.writeHead(200, { 'Content-Length': Buffer.byteLength(BODY) });
      response.write(BODY.slice(0, 100));
    });
    try {
      const controller = new AbortController();
      const req = request(`${server.url}/hello.txt`, { signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      await expect(ensureDownloaded(req)).rejects.toMatchObject({ name: 'AbortError' });
      expect(server.requests()).toBe(1);
      expect(cacheContents(req.sourceCache)).toEqual(['remote']);
    } finally {
      await server.stop();
    }
  });

  it('two fetches of the same file at the same time both succeed, and the cache holds one entry', async () => {
    // Each download writes its own temporary file and renames it into place, the second over the first.
    const server = await startPairedServer();
    try {
      const first = request(`${server.url}/hello.txt`);
      const second = request(`${server.url}/hello.txt`, { sourceCache: first.sourceCache });
      const [a, b] = await Promise.all([ensureDownloaded(first), ensureDownloaded(second)]);
      expect(a).toBe(b);
      expect(fs.readFileSync(a, 'utf8')).toBe(BODY);
      expect(server.requests()).toBe(2);
      expect(cacheContents(first.sourceCache)).toEqual(['remote', path.join('remote', ref)]);
    } finally {
      await server.stop();
    }
  });

  it('two processes fetching the same file at the same time both succeed', async () => {
    // The cache modules, transpiled as they are, run in two separate node processes.
    const build = temporaryDirectory();
    fs.writeFileSync(path.join(build, 'package.json'), '{"type":"module"}');
    for (const module of ['format/errors', 'sources/download', 'sources/download-cache']) {
      const source = fs.readFileSync(path.join(repoRoot, 'src', `${module}.ts`), 'utf8');
      const output = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText;
      fs.mkdirSync(path.join(build, path.dirname(module)), { recursive: true });
      fs.writeFileSync(path.join(build, `${module}.js`), output);
    }
    const script = path.join(build, 'fetch.js');
    fs.writeFileSync(
      script,
      [
        "import { ensureDownloaded } from './sources/download-cache.js';",
        'const [sourceCache, ref, url] = process.argv.slice(2);',
        "const file = await ensureDownloaded({ sourceCache, kind: 'remote', ref, url, at: { file: 'x', line: 1, column: 1 }, signal: new AbortController().signal, log: () => {} });",
        'console.log(file);',
      ].join('\n'),
    );
    const server = await startPairedServer();
    try {
      const sourceCache = temporaryDirectory('cairn-source-cache-');
      const run = (): Promise<string> => execFileAsync(process.execPath, [script, sourceCache, ref, `${server.url}/hello.txt`]).then(({ stdout }) => stdout.trim());
      const [a, b] = await Promise.all([run(), run()]);
      expect(a).toBe(path.join(sourceCache, 'remote', ref));
      expect(b).toBe(a);
      expect(server.requests()).toBe(2);
      expect(fs.readFileSync(a, 'utf8')).toBe(BODY);
      expect(cacheContents(sourceCache)).toEqual(['remote', path.join('remote', ref)]);
    } finally {
      await server.stop();
    }
  });

  it('a URL scheme Cairn cannot download is a fetch-failed error', async () => {
    const error = await errorOf(() => ensureDownloaded(request('ftp://example.invalid/hello.txt')));
    expect(error.reason).toBe('fetch-failed');
    expect(error.message).toBe('cannot download ftp://example.invalid/hello.txt: the ftp scheme is not supported');
  });
});
