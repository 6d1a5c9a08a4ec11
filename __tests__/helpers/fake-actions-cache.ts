// A test double of GitHub's Actions cache service (the v2 "results" service), so tests can run
// the REAL @actions/cache client against it on 127.0.0.1. It implements the three twirp JSON calls
// the client makes (CreateCacheEntry, FinalizeCacheEntryUpload, GetCacheEntryDownloadURL under
// /twirp/github.actions.results.api.v1.CacheService/) and the Azure-block-blob-compatible routes
// behind the signed URLs it hands out: PUT /devstoreaccount1/upload/<id> (single shot, or
// ?comp=block&blockid= then ?comp=blocklist) and GET/HEAD /download/<id> (ranges allowed).
//
// It follows the real service where a test can observe it: an entry is (key, version, scope) and
// immutable; scopes come from the runtime token's `ac` claim (an unsigned JWT here), writes go to
// the first scope with write permission and reads search the scopes in order (own ref, then the
// default branch); a lookup tries the primary key exactly, then as a prefix, then each restore key
// the same way, newest entry first; a denied write is `{ ok: false, message: "cache write denied: …" }`;
// rate limiting is HTTP 429 with Retry-After. Tokens and URL signatures are not verified.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.CacheService/';
/** Cache permission bits in the token's `ac` claim. */
export const READ = 1;
export const WRITE = 2;

export interface CacheScope {
  readonly Scope: string;
  readonly Permission: number;
}

export interface FakeCacheEntry {
  readonly id: number;
  readonly key: string;
  readonly version: string;
  readonly scope: string;
  /** Bytes of the stored archive. */
  readonly size: number;
  /** Creation order: larger is newer. */
  readonly created: number;
}

export type FakeRoute = 'CreateCacheEntry' | 'FinalizeCacheEntryUpload' | 'GetCacheEntryDownloadURL' | 'upload' | 'download' | 'other';

export interface FakeRequest {
  readonly method: string;
  readonly route: FakeRoute;
  /** The cache key the request concerns (for a download or upload, the entry's key). */
  readonly key?: string;
  readonly status: number;
  /** Body bytes: sent to the service for an upload, sent back for a download. */
  readonly bytes?: number;
}

export interface FakeActionsCache {
  /** Base URL, as ACTIONS_RESULTS_URL carries it. */
  readonly url: string;
  /** The variables @actions/cache needs, for a run on the default branch with a read-write token. */
  readonly env: Readonly<Record<string, string>>;
  /** The same for a run on `ref` (e.g. `refs/heads/feature`): read-write there, read-only on the default branch. */
  envFor(ref: string, options?: { readonly writable?: boolean }): Record<string, string>;
  /** Finalized entries, oldest first. */
  entries(): FakeCacheEntry[];
  /** Every request served, in order. */
  requests(): FakeRequest[];
  clearRequests(): void;
  /** The stored archive of the newest entry with this key. */
  blob(key: string): Buffer | undefined;
  /** Replaces the stored archive of every entry with this key (sizes follow). */
  tamper(key: string, rewrite: (archive: Buffer) => Buffer): void;
  /** Removes every entry with this key, as the service's LRU eviction would. */
  evict(key: string): void;
  /** The next `count` twirp calls are answered 429 with Retry-After. */
  inject429(count: number): void;
  /** The next `count` CreateCacheEntry calls (the start of every save) are answered 429; lookups pass. */
  inject429OnUploads(count: number): void;
  /** While on, every CreateCacheEntry is denied as for a read-only token. */
  setReadOnly(readOnly: boolean): void;
  close(): Promise<void>;
}

export interface FakeOptions {
  /** The default branch's ref; `refs/heads/main` unless given. */
  readonly defaultRef?: string;
}

interface Upload {
  readonly id: number;
  readonly key: string;
  readonly version: string;
  readonly scope: string;
  blob?: Buffer;
  readonly blocks: Map<string, Buffer>;
  finalized: boolean;
}

interface StoredEntry extends FakeCacheEntry {
  blob: Buffer;
}

/** An unsigned JWT (alg "none") carrying the cache scopes claim the runner's token has. */
export function runtimeToken(scopes: readonly CacheScope[]): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${encode({ typ: 'JWT', alg: 'none' })}.${encode({ ac: JSON.stringify(scopes), repository_id: '1', iat: now, exp: now + 3600 })}.`;
}

/**
 * Rewrites the tar inside a cache archive (zstd, or gzip when the client fell back to it), for
 * tests that tamper with what the service stores.
 */
export function rewriteArchive(archive: Buffer, rewrite: (tar: Buffer) => Buffer): Buffer {
  if (archive[0] === 0x1f && archive[1] === 0x8b) return zlib.gzipSync(rewrite(zlib.gunzipSync(archive)));
  const tar = runZstd(['-d', '-c'], archive);
  return runZstd(['-c', '-q'], rewrite(tar));
}

function runZstd(args: readonly string[], input: Buffer): Buffer {
  const result = spawnSync('zstd', args, { input, maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`zstd ${args.join(' ')} failed: ${result.stderr.toString()}`);
  return result.stdout;
}

export async function startFakeActionsCache(options: FakeOptions = {}): Promise<FakeActionsCache> {
  const defaultRef = options.defaultRef ?? 'refs/heads/main';
  const uploads = new Map<number, Upload>();
  const stored: StoredEntry[] = [];
  const log: FakeRequest[] = [];
  let nextId = 1;
  let created = 0;
  let pending429 = 0;
  let pendingUpload429 = 0;
  let readOnly = false;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-actions-cache-'));
  let baseUrl = '';

  const record = (method: string, route: FakeRoute, status: number, key?: string, bytes?: number): void => {
    log.push({ method, route, status, ...(key === undefined ? {} : { key }), ...(bytes === undefined ? {} : { bytes }) });
  };

  const twirp = async (request: http.IncomingMessage, response: http.ServerResponse, method: string): Promise<void> => {
    const route: FakeRoute =
      method === 'CreateCacheEntry' || method === 'FinalizeCacheEntryUpload' || method === 'GetCacheEntryDownloadURL' ? method : 'other';
    const body = await readBody(request);
    let input: Record<string, unknown> = {};
    try {
      input = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      // Answered below as a malformed request.
    }
    const key = typeof input['key'] === 'string' ? input['key'] : undefined;
    const answer = (status: number, value: unknown, headers: Record<string, string> = {}): void => {
      record('POST', route, status, key);
      sendJson(response, status, value, headers);
    };
    const limited = pending429 > 0 || (route === 'CreateCacheEntry' && pendingUpload429 > 0);
    if (limited) {
      if (pending429 > 0) pending429--;
      else pendingUpload429--;
      answer(429, { code: 'resource_exhausted', msg: 'too many requests: cache entry creation rate limit exceeded' }, { 'retry-after': '60' });
      return;
    }
    const scopes = scopesOf(request);
    if (!scopes) {
      answer(401, { code: 'unauthenticated', msg: 'token does not contain cache scopes' });
      return;
    }
    const version = typeof input['version'] === 'string' ? input['version'] : '';
    if (route === 'other' || key === undefined || version === '') {
      answer(400, { code: 'malformed', msg: `bad request to ${method}` });
      return;
    }
    switch (route) {
      case 'CreateCacheEntry': {
        const writable = scopes.find((scope) => (scope.Permission & WRITE) !== 0);
        if (readOnly || !writable) {
          answer(200, { ok: false, message: 'cache write denied: token has no writable scopes' });
          return;
        }
        const taken =
          stored.some((e) => e.key === key && e.version === version && e.scope === writable.Scope) ||
          [...uploads.values()].some((u) => !u.finalized && u.key === key && u.version === version && u.scope === writable.Scope);
        if (taken) {
          answer(409, { code: 'already_exists', msg: 'cache entry with the same key, version, and scope already exists' });
          return;
        }
        const upload: Upload = { id: nextId++, key, version, scope: writable.Scope, blocks: new Map(), finalized: false };
        uploads.set(upload.id, upload);
        answer(200, { ok: true, signed_upload_url: `${baseUrl}/devstoreaccount1/upload/${upload.id}?sig=fake-signature&sp=cw` });
        return;
      }
      case 'FinalizeCacheEntryUpload': {
        const writable = scopes.find((scope) => (scope.Permission & WRITE) !== 0);
        const upload = [...uploads.values()].find(
          (u) => !u.finalized && u.key === key && u.version === version && u.scope === writable?.Scope,
        );
        const size = Number(input['size_bytes'] ?? -1);
        if (!upload || !upload.blob) {
          answer(404, { code: 'not_found', msg: 'no upload in progress for this cache entry' });
          return;
        }
        if (upload.blob.length !== size) {
          answer(200, { ok: false, message: `size mismatch: uploaded ${upload.blob.length} bytes, finalized ${size}` });
          return;
        }
        upload.finalized = true;
        stored.push({ id: upload.id, key, version, scope: upload.scope, size, created: ++created, blob: upload.blob });
        answer(200, { ok: true, entry_id: String(upload.id) });
        return;
      }
      case 'GetCacheEntryDownloadURL': {
        const restoreKeys = Array.isArray(input['restore_keys']) ? input['restore_keys'].filter((k): k is string => typeof k === 'string') : [];
        const readable = scopes.filter((scope) => (scope.Permission & READ) !== 0).map((scope) => scope.Scope);
        const match = lookup(stored, [key, ...restoreKeys], version, readable);
        if (!match) {
          answer(200, { ok: false });
          return;
        }
        answer(200, { ok: true, signed_download_url: `${baseUrl}/download/${match.id}?sig=fake-signature&sp=r`, matched_key: match.key });
        return;
      }
    }
  };

  const upload = async (request: http.IncomingMessage, response: http.ServerResponse, id: number, query: URLSearchParams): Promise<void> => {
    const body = await readBody(request);
    const target = uploads.get(id);
    const done = (status: number): void => {
      record(request.method ?? 'PUT', 'upload', status, target?.key, body.length);
      response.writeHead(status, azureHeaders());
      response.end();
    };
    if (!target || target.finalized || request.method !== 'PUT') {
      done(404);
      return;
    }
    const comp = query.get('comp');
    if (comp === 'block') {
      const blockId = query.get('blockid');
      if (!blockId) return done(400);
      target.blocks.set(blockId, body);
      return done(201);
    }
    if (comp === 'blocklist') {
      const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Committed|Uncommitted)>([^<]*)<\//g)].map((m) => m[1] ?? '');
      const parts: Buffer[] = [];
      for (const blockId of ids) {
        const part = target.blocks.get(blockId);
        if (!part) return done(400);
        parts.push(part);
      }
      target.blob = Buffer.concat(parts);
      return done(201);
    }
    target.blob = body;
    return done(201);
  };

  const download = (request: http.IncomingMessage, response: http.ServerResponse, id: number): void => {
    const entry = stored.find((e) => e.id === id);
    const method = request.method ?? 'GET';
    if (!entry || (method !== 'GET' && method !== 'HEAD')) {
      record(method, 'download', 404, entry?.key);
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
      return;
    }
    let start = 0;
    let end = entry.blob.length - 1;
    let status = 200;
    const range = /^bytes=(\d+)-(\d*)$/.exec(String(request.headers['x-ms-range'] ?? request.headers.range ?? ''));
    if (range) {
      start = Number(range[1]);
      if (range[2]) end = Math.min(end, Number(range[2]));
      status = 206;
    }
    const slice = entry.blob.subarray(start, end + 1);
    record(method, 'download', status, entry.key, method === 'HEAD' ? 0 : slice.length);
    response.writeHead(status, {
      ...azureHeaders(),
      'content-type': 'application/octet-stream',
      'content-length': String(slice.length),
      'accept-ranges': 'bytes',
      'x-ms-blob-type': 'BlockBlob',
      ...(status === 206 ? { 'content-range': `bytes ${start}-${end}/${entry.blob.length}` } : {}),
    });
    response.end(method === 'HEAD' ? undefined : slice);
  };

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const handle = async (): Promise<void> => {
      if (url.pathname.startsWith(TWIRP_PREFIX) && request.method === 'POST') {
        await twirp(request, response, url.pathname.slice(TWIRP_PREFIX.length));
        return;
      }
      const uploadMatch = /^\/devstoreaccount1\/upload\/(\d+)$/.exec(url.pathname);
      if (uploadMatch) {
        await upload(request, response, Number(uploadMatch[1]), url.searchParams);
        return;
      }
      const downloadMatch = /^\/download\/(\d+)$/.exec(url.pathname);
      if (downloadMatch) {
        await readBody(request);
        download(request, response, Number(downloadMatch[1]));
        return;
      }
      await readBody(request);
      record(request.method ?? '?', 'other', 404);
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ code: 'bad_route', msg: `no route for ${request.method} ${url.pathname}` }));
    };
    handle().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ code: 'internal', msg: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const runnerTemp = path.join(root, 'runner-temp');
  const workspace = path.join(root, 'workspace');
  fs.mkdirSync(runnerTemp, { recursive: true });
  fs.mkdirSync(workspace, { recursive: true });

  const envFor = (ref: string, envOptions: { readonly writable?: boolean } = {}): Record<string, string> => {
    const own = envOptions.writable === false ? READ : READ | WRITE;
    const scopes: CacheScope[] = [{ Scope: ref, Permission: own }];
    if (ref !== defaultRef) scopes.push({ Scope: defaultRef, Permission: READ });
    return {
      ACTIONS_CACHE_SERVICE_V2: 'True',
      ACTIONS_RESULTS_URL: `${baseUrl}/`,
      ACTIONS_RUNTIME_TOKEN: runtimeToken(scopes),
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REF: ref,
      RUNNER_TEMP: runnerTemp,
      GITHUB_WORKSPACE: workspace,
    };
  };

  return {
    url: baseUrl,
    env: envFor(defaultRef),
    envFor,
    entries: () => stored.map(({ blob: _blob, ...entry }) => entry),
    requests: () => [...log],
    clearRequests: () => {
      log.length = 0;
    },
    blob: (key) => [...stored].reverse().find((e) => e.key === key)?.blob,
    tamper: (key, rewrite) => {
      for (const entry of stored) {
        if (entry.key !== key) continue;
        entry.blob = rewrite(entry.blob);
        (entry as { size: number }).size = entry.blob.length;
      }
    },
    evict: (key) => {
      for (let i = stored.length - 1; i >= 0; i--) if (stored[i]?.key === key) stored.splice(i, 1);
    },
    inject429: (count) => {
      pending429 += count;
    },
    inject429OnUploads: (count) => {
      pendingUpload429 += count;
    },
    setReadOnly: (value) => {
      readOnly = value;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Newest entry matching the keys in the first scope that has one: primary exact, primary prefix, then each restore key. */
function lookup(stored: readonly StoredEntry[], keys: readonly string[], version: string, scopes: readonly string[]): StoredEntry | undefined {
  const newest = (candidates: StoredEntry[]): StoredEntry | undefined => candidates.sort((a, b) => b.created - a.created)[0];
  for (const scope of scopes) {
    const inScope = stored.filter((e) => e.scope === scope && e.version === version);
    for (const key of keys) {
      const hit = newest(inScope.filter((e) => e.key === key)) ?? newest(inScope.filter((e) => e.key.startsWith(key)));
      if (hit) return hit;
    }
  }
  return undefined;
}

function scopesOf(request: http.IncomingMessage): CacheScope[] | undefined {
  const header = request.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : '';
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { ac?: unknown };
    if (typeof claims.ac !== 'string') return undefined;
    const scopes = JSON.parse(claims.ac) as unknown;
    if (!Array.isArray(scopes)) return undefined;
    return scopes.filter(
      (s): s is CacheScope => typeof s === 'object' && s !== null && typeof (s as CacheScope).Scope === 'string' && typeof (s as CacheScope).Permission === 'number',
    );
  } catch {
    return undefined;
  }
}

function sendJson(response: http.ServerResponse, status: number, value: unknown, headers: Record<string, string>): void {
  const text = JSON.stringify(value);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  response.end(text);
}

function azureHeaders(): Record<string, string> {
  return {
    'x-ms-request-id': `fake-${Math.random().toString(16).slice(2)}`,
    'x-ms-version': '2024-11-04',
    'x-ms-request-server-encrypted': 'true',
    etag: `"0x${Date.now().toString(16).toUpperCase()}"`,
    'last-modified': new Date().toUTCString(),
    date: new Date().toUTCString(),
  };
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
