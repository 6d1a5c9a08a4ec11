// Streams one URL (file://, http://, https://) into a file, hashing it on the way, and retries
// network failures and server errors a few times with backoff. It never holds a body in memory
// and never decides where the file lives or whether its digest is right: the download cache does.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { CairnError, type Provenance } from '../format/errors.js';

export interface TransferOptions {
  /** Aborts the download at once, without retrying. */
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
  /** Where the URL was written, for errors. */
  readonly at: Provenance;
  /** How long a connection may stay silent before the attempt fails (default 60 s). */
  readonly idleTimeoutMs?: number;
  /** Attempts in all, the first included (default 3). */
  readonly attempts?: number;
  /** Wait before the first retry, doubled for each later one (default 1 s). */
  readonly retryDelayMs?: number;
}

export interface Transferred {
  /** Lowercase hex sha256 of the bytes written. */
  readonly sha256: string;
  readonly bytes: number;
}

const DEFAULT_IDLE_TIMEOUT_MS = 60_000;
const DEFAULT_ATTEMPTS = 3;
const DEFAULT_RETRY_DELAY_MS = 1_000;
const MAX_REDIRECTS = 10;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** A failure that another attempt may not meet: a dropped connection, a timeout, a 5xx. */
class TransientFailure extends Error {}

/**
 * Writes the body of `url` to `file` (replacing it) and returns its digest. User-visible
 * failures are CairnError('fetch-failed'); an abort rethrows the signal's reason.
 */
export async function downloadToFile(url: string, file: string, options: TransferOptions): Promise<Transferred> {
  const attempts = Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS);
  const baseDelay = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
  for (let attempt = 1; ; attempt++) {
    options.signal.throwIfAborted();
    try {
      return await transferOnce(url, file, options);
    } catch (error) {
      options.signal.throwIfAborted();
      if (error instanceof CairnError) throw error;
      const why = reasonOf(error);
      // A host name that does not exist (as a placeholder alias's `.invalid` host) will not exist on retry either.
      if (attempt >= attempts || (error as NodeJS.ErrnoException).code === 'ENOTFOUND') {
        throw new CairnError(
          'fetch-failed',
          `could not download ${url}: ${why}`,
          options.at,
          attempt > 1 ? `gave up after ${attempt} attempts` : undefined,
        );
      }
      const delay = baseDelay * 2 ** (attempt - 1);
      options.log(`download of ${url} failed (${why}); retrying in ${delay} ms`);
      try {
        await sleep(delay, undefined, { signal: options.signal });
      } catch (interrupted) {
        // Whoever aborted gets their own reason back, as from an aborted transfer.
        options.signal.throwIfAborted();
        throw interrupted;
      }
    }
  }
}

async function transferOnce(url: string, file: string, options: TransferOptions): Promise<Transferred> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CairnError('fetch-failed', `'${url}' is not a URL`, options.at, 'write a full URL or use an alias defined in project.conf');
  }
  if (parsed.protocol === 'file:') return copyInto(openLocalFile(parsed, url, options), file, options.signal, undefined);
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
    const response = await openHttp(parsed, url, options, MAX_REDIRECTS);
    const length = response.headers['content-length'];
    const expected = length === undefined ? undefined : Number(length);
    return copyInto(response, file, options.signal, Number.isSafeInteger(expected) ? expected : undefined);
  }
  throw new CairnError('fetch-failed', `cannot download ${url}: the ${parsed.protocol.slice(0, -1)} scheme is not supported`, options.at, 'use an http, https or file URL');
}

function openLocalFile(url: URL, written: string, options: TransferOptions): Readable {
  const path = fileURLToPath(url);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch {
    throw new CairnError('fetch-failed', `cannot download ${written}: no such file`, options.at);
  }
  if (!stat.isFile()) throw new CairnError('fetch-failed', `cannot download ${written}: not a regular file`, options.at);
  return fs.createReadStream(path);
}

/** The response to GET `url` once redirects are followed; only 2xx responses come back. */
function openHttp(url: URL, written: string, options: TransferOptions, redirectsLeft: number): Promise<http.IncomingMessage> {
  const idle = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const get = url.protocol === 'https:' ? https.get : http.get;
  return new Promise<http.IncomingMessage>((resolve, reject) => {
    let received: http.IncomingMessage | undefined;
    const request = get(url, { signal: options.signal, timeout: idle, headers: { 'User-Agent': 'Cairn', Accept: '*/*' } }, (response) => {
      received = response;
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECT_STATUSES.has(status) && location !== undefined) {
        response.resume();
        if (redirectsLeft === 0) return reject(new CairnError('fetch-failed', `cannot download ${written}: too many redirects`, options.at));
        const next = redirectTarget(location, url);
        // Thrown here, inside the response callback, an invalid URL would escape the promise and crash Cairn.
        if (next === undefined) {
          return reject(new CairnError('fetch-failed', `cannot download ${written}: redirected to an invalid location '${location}'`, options.at));
        }
        // A redirect must not turn an HTTP download into a read of the local filesystem.
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          return reject(new CairnError('fetch-failed', `cannot download ${written}: redirected to ${next.protocol} URL`, options.at));
        }
        return openHttp(next, written, options, redirectsLeft - 1).then(resolve, reject);
      }
      if (status >= 200 && status < 300) return resolve(response);
      response.resume();
      const why = `HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''} from ${url.href}`;
      // Server trouble and rate limits pass; anything else (404, 403...) will not change on retry.
      if (status >= 500 || status === 408 || status === 429) return reject(new TransientFailure(why));
      return reject(new CairnError('fetch-failed', `cannot download ${written}: ${why}`, options.at));
    });
    // The socket timeout fires on silence, before the headers or in the middle of the body alike.
    request.on('timeout', () => {
      const failure = new TransientFailure(`no data for ${idle / 1000} s`);
      // Mid-body, the response is what the copy is reading: it must fail with the reason.
      received?.destroy(failure);
      request.destroy(failure);
    });
    request.on('error', reject);
  });
}

/** Where a Location header points, resolved against the URL that sent it; undefined when it is no URL. */
function redirectTarget(location: string, from: URL): URL | undefined {
  try {
    return new URL(location, from);
  } catch {
    return undefined;
  }
}

async function copyInto(body: Readable, file: string, signal: AbortSignal, expectedBytes: number | undefined): Promise<Transferred> {
  const hash = createHash('sha256');
  let bytes = 0;
  const hasher = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  // flush: the bytes are on disk before the cache renames the file into place.
  await pipeline(body, hasher, fs.createWriteStream(file, { flush: true }), { signal });
  if (expectedBytes !== undefined && bytes !== expectedBytes) {
    throw new TransientFailure(`connection closed after ${bytes} of ${expectedBytes} bytes`);
  }
  return { sha256: hash.digest('hex'), bytes };
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}
