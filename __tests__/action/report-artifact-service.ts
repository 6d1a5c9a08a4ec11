// A local double of the GitHub Actions artifact service (results service), on node:http.
//
// It is NOT GitHub's service: it implements only what @actions/artifact 6's uploadArtifact
// calls, as read from node_modules/@actions/artifact/lib (internal/upload/upload-artifact.js,
// internal/shared/artifact-twirp-client.js, internal/upload/blob-upload.js):
//  - twirp JSON `POST /twirp/github.actions.results.api.v1.ArtifactService/CreateArtifact`
//    → `{ ok, signed_upload_url }`, and `.../FinalizeArtifact` (size, `sha256:` hash)
//    → `{ ok, artifact_id }`; requests must carry `Authorization: Bearer <ACTIONS_RUNTIME_TOKEN>`
//    and the backend ids the client reads from the token's `scp` claim;
//  - the Azure block-blob calls @azure/storage-blob's uploadStream makes on the signed URL:
//    `PUT ?comp=block&blockid=…` per chunk, then `PUT ?comp=blocklist` (plus a single-shot `PUT`).
// Like the real service, a name can be created once per run. `refuse` makes CreateArtifact
// answer with a non-retryable twirp error, so a failed upload is quick to provoke.

import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StoredArtifact {
  readonly id: number;
  readonly name: string;
  readonly runBackendId: string;
  readonly jobBackendId: string;
  readonly expiresAt?: string;
  readonly size: number;
  readonly hash: string;
  readonly content: Buffer;
}

export const RUN_BACKEND_ID = 'c0ffee00-0000-4000-8000-000000000001';
export const JOB_BACKEND_ID = 'c0ffee00-0000-4000-8000-000000000002';

/** An unsigned JWT whose `scp` claim names the run and job, which is all the client reads from it. */
export function runtimeToken(): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ scp: `Actions.GenericRead:${RUN_BACKEND_ID} Actions.Results:${RUN_BACKEND_ID}:${JOB_BACKEND_ID}` })}.`;
}

interface Pending {
  readonly name: string;
  readonly runBackendId: string;
  readonly jobBackendId: string;
  readonly expiresAt?: string;
  readonly blocks: Map<string, Buffer>;
  blob?: Buffer;
}

const TWIRP = '/twirp/github.actions.results.api.v1.ArtifactService/';

export class ArtifactServiceDouble {
  readonly artifacts: StoredArtifact[] = [];
  /** When set, CreateArtifact fails with this twirp error message. */
  refuse: string | undefined;
  private readonly token = runtimeToken();
  private readonly pending = new Map<string, Pending>();
  private readonly server = http.createServer((request, response) => {
    this.handle(request, response).catch((error: unknown) => reply(response, 500, { code: 'internal', msg: String(error) }));
  });
  private nextId = 1;

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** What the runner sets for a step, pointing at this double. */
  environment(): Record<string, string> {
    return { ACTIONS_RUNTIME_TOKEN: this.token, ACTIONS_RESULTS_URL: this.url };
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const body = await readBody(request);
    if (request.method === 'POST' && url.pathname.startsWith(TWIRP)) {
      if (request.headers.authorization !== `Bearer ${this.token}`) return reply(response, 401, { code: 'unauthenticated', msg: 'bad token' });
      const message = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      const method = url.pathname.slice(TWIRP.length);
      if (method === 'CreateArtifact') return this.create(message, response);
      if (method === 'FinalizeArtifact') return this.finalize(message, response);
      return reply(response, 404, { code: 'bad_route', msg: `no method ${method}` });
    }
    const blob = /^\/devstoreaccount1\/artifacts\/([a-z0-9]+)$/.exec(url.pathname);
    if (request.method === 'PUT' && blob && url.searchParams.get('sig') === 'double') {
      const pending = this.pending.get(blob[1]!);
      if (!pending) return blobReply(response, 404);
      const comp = url.searchParams.get('comp');
      if (comp === 'block') {
        pending.blocks.set(url.searchParams.get('blockid') ?? '', body);
      } else if (comp === 'blocklist') {
        const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)].map((m) => m[1]!);
        const missing = ids.find((id) => !pending.blocks.has(id));
        if (missing !== undefined) return blobReply(response, 400);
        pending.blob = Buffer.concat(ids.map((id) => pending.blocks.get(id)!));
      } else {
        pending.blob = body;
      }
      return blobReply(response, 201);
    }
    return reply(response, 404, { code: 'not_found', msg: `${request.method} ${url.pathname}` });
  }

  private create(message: Record<string, unknown>, response: http.ServerResponse): void {
    if (this.refuse !== undefined) return reply(response, 403, { code: 'permission_denied', msg: this.refuse });
    const name = String(message['name']);
    const runBackendId = String(message['workflow_run_backend_id']);
    const jobBackendId = String(message['workflow_job_run_backend_id']);
    if (runBackendId !== RUN_BACKEND_ID || jobBackendId !== JOB_BACKEND_ID) return reply(response, 400, { code: 'invalid_argument', msg: 'unknown run or job' });
    const taken = this.artifacts.some((a) => a.name === name) || [...this.pending.values()].some((p) => p.name === name);
    if (taken) return reply(response, 409, { code: 'already_exists', msg: `an artifact named ${name} already exists in this run` });
    const key = crypto.randomBytes(8).toString('hex');
    const expiresAt = typeof message['expires_at'] === 'string' ? message['expires_at'] : undefined;
    this.pending.set(key, { name, runBackendId, jobBackendId, ...(expiresAt ? { expiresAt } : {}), blocks: new Map() });
    reply(response, 200, { ok: true, signed_upload_url: `${this.url}devstoreaccount1/artifacts/${key}?sig=double&se=2099-01-01` });
  }

  private finalize(message: Record<string, unknown>, response: http.ServerResponse): void {
    const name = String(message['name']);
    const entry = [...this.pending.entries()].find(([, p]) => p.name === name);
    if (!entry || !entry[1].blob) return reply(response, 404, { code: 'not_found', msg: `no upload for ${name}` });
    const [key, pending] = entry;
    const content = pending.blob!;
    const hash = `sha256:${crypto.createHash('sha256').update(content).digest('hex')}`;
    if (message['hash'] !== undefined && message['hash'] !== hash) return reply(response, 400, { code: 'invalid_argument', msg: `hash ${String(message['hash'])} is not ${hash}` });
    if (Number(message['size']) !== content.length) return reply(response, 400, { code: 'invalid_argument', msg: `size ${String(message['size'])} is not ${content.length}` });
    this.pending.delete(key);
    const id = this.nextId++;
    this.artifacts.push({ id, name, runBackendId: pending.runBackendId, jobBackendId: pending.jobBackendId, ...(pending.expiresAt ? { expiresAt: pending.expiresAt } : {}), size: content.length, hash, content });
    // int64 travels as a string in protobuf JSON.
    reply(response, 200, { ok: true, artifact_id: String(id) });
  }
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function reply(response: http.ServerResponse, status: number, body: object): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function blobReply(response: http.ServerResponse, status: number): void {
  response.writeHead(status, {
    'x-ms-request-id': crypto.randomUUID(),
    'x-ms-version': '2025-01-05',
    'x-ms-request-server-encrypted': 'true',
    etag: `"0x${crypto.randomBytes(8).toString('hex').toUpperCase()}"`,
    'last-modified': new Date().toUTCString(),
    'content-length': '0',
  });
  response.end();
}
