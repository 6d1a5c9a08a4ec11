// The GitHub Actions cache as a best-effort CacheService over @actions/cache: a miss, an outage,
// a rate limit or a read-only token becomes a result and at most one warning, never an exception
// and never a failed job. The library reports problems only by printing through @actions/core
// (its calls return -1 or undefined whatever went wrong), so each call's output is captured and
// read to classify the outcome; nothing else a process prints is touched.

import { AsyncLocalStorage } from 'node:async_hooks';
import * as actionsCache from '@actions/cache';
import { messageOf } from '../../format/errors.js';

export interface CacheLog {
  info(text: string): void;
  warning(text: string): void;
}

/** Best effort: never throws for service problems. */
export interface CacheService {
  /** The key that matched (the primary key exactly, or a prefix match), or undefined for a miss or a failure. */
  restore(paths: string[], primaryKey: string, restoreKeys: string[]): Promise<string | undefined>;
  save(paths: string[], key: string): Promise<SaveOutcome>;
}

export type SaveOutcome = 'saved' | 'exists' | 'read-only' | 'failed';

/** What one library call printed, sorted by kind. */
interface Captured {
  /** `::warning::` and `::error::` messages, unescaped. */
  readonly problems: string[];
  /** `::debug::` messages and plain lines: the library puts the causes of failures there. */
  readonly detail: string[];
}

/**
 * The Actions cache through @actions/cache. Writes stop, with one warning, the first time the
 * service says they cannot succeed in this job: a read-only cache mode, no runtime token or
 * service URL, a token without writable scopes, "cache write denied", the storage quota, or a
 * rate limit (429 is not worth retrying within a job: the budget is per minute and shared).
 */
export function actionsCacheService(log: CacheLog): CacheService {
  let writeBlocked: string | undefined;
  let readBlocked: string | undefined;

  const blockWrites = (reason: string): 'read-only' => {
    if (writeBlocked === undefined) {
      writeBlocked = reason;
      log.warning(`The Actions cache is read-only for this job (${reason}): built artifacts are not saved to it.`);
    }
    return 'read-only';
  };
  const blockReads = (reason: string, warn: boolean): undefined => {
    if (readBlocked === undefined) {
      readBlocked = reason;
      const text = `The Actions cache cannot be read in this job (${reason}): artifacts are not restored from it.`;
      if (warn) log.warning(text);
      else log.info(text);
    }
    return undefined;
  };

  /** No service to talk to at all, or none that will answer: one warning for reads and writes together. */
  const disable = (reason: string): void => {
    if (readBlocked !== undefined) return;
    readBlocked = reason;
    if (writeBlocked !== undefined) {
      log.warning(`The Actions cache cannot be read in this job any more (${reason}): artifacts are not restored from it.`);
      return;
    }
    writeBlocked = reason;
    log.warning(`The Actions cache is not available to this job (${reason}): artifacts are neither restored from it nor saved to it.`);
  };

  const unavailable = (): string | undefined => {
    if (!actionsCache.isFeatureAvailable()) return 'no cache service URL in the environment';
    if (!process.env['ACTIONS_RUNTIME_TOKEN']) return 'no ACTIONS_RUNTIME_TOKEN in the environment';
    return undefined;
  };

  return {
    async restore(paths, primaryKey, restoreKeys) {
      if (readBlocked !== undefined) return undefined;
      const missing = unavailable();
      if (missing) {
        disable(missing);
        return undefined;
      }
      const mode = cacheMode();
      if (!modeAllowsReads(mode)) return blockReads(`cache-mode is '${mode}'`, false);
      try {
        const { result, captured } = await capture(log, () => actionsCache.restoreCache(paths, primaryKey, restoreKeys));
        const text = [...captured.problems, ...captured.detail].join('\n');
        if (/cache read denied/i.test(text)) return blockReads('the token may not read the cache', true);
        if (isRateLimited(text)) {
          // Reads and writes share the budget: stop both, and say so once.
          disable('rate limited by the cache service');
          return undefined;
        }
        if (result === undefined && captured.problems.length > 0) {
          const unreachable = unreachableReason(text);
          if (unreachable) disable(unreachable);
          else log.warning(`Could not restore ${primaryKey} from the Actions cache: ${captured.problems.join('; ')}`);
        }
        return result;
      } catch (error) {
        const unreachable = unreachableReason(messageOf(error));
        if (unreachable) disable(unreachable);
        else log.warning(`Could not restore ${primaryKey} from the Actions cache: ${messageOf(error)}`);
        return undefined;
      }
    },

    async save(paths, key) {
      if (writeBlocked !== undefined) return 'read-only';
      const missing = unavailable();
      if (missing) {
        disable(missing);
        return 'read-only';
      }
      const mode = cacheMode();
      if (!modeAllowsWrites(mode)) return blockWrites(`cache-mode is '${mode}'`);
      if (tokenCannotWrite()) return blockWrites('the token has no writable cache scope; the job needs `permissions: actions: write`');
      try {
        // Entries are immutable: asking first avoids compressing an archive the service would refuse.
        if (modeAllowsReads(mode) && readBlocked === undefined) {
          const probe = await capture(log, () => actionsCache.restoreCache(paths, key, [], { lookupOnly: true }));
          const probeText = [...probe.captured.problems, ...probe.captured.detail].join('\n');
          if (isRateLimited(probeText)) return blockWrites('rate limited by the cache service');
          if (probe.result === key) return 'exists';
        }
        const { result, captured } = await capture(log, () => actionsCache.saveCache(paths, key));
        if (result !== -1) return 'saved';
        const text = [...captured.problems, ...captured.detail].join('\n');
        if (/cache write denied/i.test(text)) return blockWrites('the service denied cache writes to this token');
        if (isRateLimited(text)) return blockWrites('rate limited by the cache service');
        if (/storage quota has been hit|insufficient usage/i.test(text)) return blockWrites('the cache storage quota is used up');
        if (/\(409\)|already exists/i.test(text)) return 'exists';
        const unreachable = unreachableReason(text);
        if (unreachable) {
          disable(unreachable);
          return 'read-only';
        }
        const problem = captured.problems.find((p) => !/^Cache reservation failed/.test(p)) ?? captured.problems[0];
        if (problem === undefined && /Unable to reserve cache/.test(text)) return 'exists';
        log.warning(`Could not save ${key} to the Actions cache: ${problem ?? 'the service did not accept it'}`);
        return 'failed';
      } catch (error) {
        const unreachable = unreachableReason(messageOf(error));
        if (unreachable) {
          disable(unreachable);
          return 'read-only';
        }
        log.warning(`Could not save ${key} to the Actions cache: ${messageOf(error)}`);
        return 'failed';
      }
    },
  };
}

/**
 * The service cannot be reached at all (refused, unknown host, timed out, reset, or a gateway
 * error): asking again in this job would only wait, since the client already retried.
 */
function unreachableReason(text: string): string | undefined {
  const code = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH)\b/.exec(text)?.[1];
  if (code) return `the cache service cannot be reached: ${code}`;
  const status = /\((502|503|504)\)|\b(502|503|504) (Bad Gateway|Service Unavailable|Gateway Timeout)\b/i.exec(text);
  if (status) return `the cache service is unavailable: HTTP ${status[1] ?? status[2]}`;
  return undefined;
}

function isRateLimited(text: string): boolean {
  return /rate limit|\(429\)|too many requests/i.test(text);
}

function cacheMode(): string {
  return (process.env['ACTIONS_CACHE_MODE'] ?? '').trim().toLowerCase();
}

// The lattice the runner exports (and @actions/cache honours): unknown or unset values permit everything.
function modeAllowsReads(mode: string): boolean {
  return !['none', 'write-only'].includes(mode);
}

function modeAllowsWrites(mode: string): boolean {
  return !['none', 'read'].includes(mode);
}

/** The write bit of a scope's `Permission` in the token's `ac` claim (1 is read, 2 write, 3 both). */
const WRITE_PERMISSION = 2;

/** True only when the runtime token's `ac` claim can be read and grants no write permission anywhere. */
function tokenCannotWrite(): boolean {
  const payload = process.env['ACTIONS_RUNTIME_TOKEN']?.split('.')[1];
  if (!payload) return false;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { ac?: unknown };
    if (typeof claims.ac !== 'string') return false;
    const scopes = JSON.parse(claims.ac) as unknown;
    if (!Array.isArray(scopes) || scopes.length === 0) return false;
    return scopes.every((scope: unknown) => {
      const permission = typeof scope === 'object' && scope !== null ? (scope as { Permission?: unknown }).Permission : undefined;
      return typeof permission === 'number' && (permission & WRITE_PERMISSION) === 0;
    });
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Capturing what @actions/core prints during one library call. Each call runs in its own async
// context, so concurrent calls (parallel pack downloads) keep their output apart, and output from
// anything else in the process passes straight through.

type Write = typeof process.stdout.write;

const sinks = new AsyncLocalStorage<(text: string) => void>();
let hooked = 0;
let originalWrite: Write | undefined;
let hook: Write | undefined;

async function capture<T>(log: CacheLog, call: () => Promise<T>): Promise<{ result: T; captured: Captured }> {
  const captured: Captured = { problems: [], detail: [] };
  let pending = '';
  const line = (text: string): void => {
    const command = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(text);
    if (!command) {
      if (!text.trim()) return;
      captured.detail.push(text);
      log.info(text);
      return;
    }
    const [, name = '', data = ''] = command;
    const message = unescapeData(data);
    if (name === 'warning' || name === 'error') captured.problems.push(message);
    else if (name === 'debug') {
      captured.detail.push(message);
      if (process.env['RUNNER_DEBUG'] === '1') passThrough(`${text}\n`);
    } else {
      // add-mask above all must reach the runner, or a signed URL could be printed in clear later.
      passThrough(`${text}\n`);
    }
  };
  const sink = (text: string): void => {
    pending += text;
    const lines = pending.split(/\r?\n/);
    pending = lines.pop() ?? '';
    for (const each of lines) line(each);
  };
  install();
  try {
    const result = await sinks.run(sink, call);
    if (pending) line(pending);
    return { result, captured };
  } finally {
    uninstall();
  }
}

function install(): void {
  if (hooked++ > 0) return;
  const stdout = process.stdout;
  originalWrite = stdout.write;
  const original = originalWrite;
  hook = function (this: unknown, chunk: unknown, ...rest: unknown[]): boolean {
    const sink = sinks.getStore();
    if (!sink) return (original as (...args: unknown[]) => boolean).call(stdout, chunk, ...rest);
    sink(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    const callback = rest.find((arg): arg is () => void => typeof arg === 'function');
    if (callback) process.nextTick(callback);
    return true;
  } as Write;
  stdout.write = hook;
}

function uninstall(): void {
  if (--hooked > 0) return;
  // Someone may have wrapped stdout after us; then our hook stays, passing everything through.
  if (process.stdout.write === hook && originalWrite) process.stdout.write = originalWrite;
  hook = undefined;
  originalWrite = undefined;
}

function passThrough(text: string): void {
  const write = originalWrite ?? process.stdout.write;
  write.call(process.stdout, text);
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
