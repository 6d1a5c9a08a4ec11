// Reads a tar stream member by member, as an async iterator over the `tar` package's parser.
// The next member is handed out only when the caller asks for it, so each member is fully
// handled before the next; it never writes anything and never judges member names.

import type { Readable } from 'node:stream';
import { Parser, type ReadEntry } from 'tar';

/**
 * Yields each member of the (plain or gzip-compressed) tar stream `input`. The caller must
 * consume or `resume()` each member's data before asking for the next one. A corrupt or
 * truncated archive throws.
 */
export async function* tarEntries(input: Readable): AsyncGenerator<ReadEntry, void, undefined> {
  // strict: a bad checksum or truncation is an error, not a warning. No brotli or zstd guessing:
  // anything that is neither tar nor gzip was decompressed before it got here.
  const parser = new Parser({ strict: true, brotli: false, zstd: false });
  const queue: ReadEntry[] = [];
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  parser.on('entry', (entry: ReadEntry) => {
    queue.push(entry);
    notify();
  });
  parser.on('error', (error: unknown) => {
    failure ??= error;
    notify();
  });
  parser.on('end', () => {
    ended = true;
    notify();
  });
  input.on('data', (chunk: Buffer) => {
    // The parser says false while the member being handled has not taken its data yet.
    if (!parser.write(chunk)) {
      input.pause();
      parser.once('drain', () => input.resume());
    }
  });
  input.on('end', () => parser.end());
  input.on('error', (error: unknown) => {
    failure ??= error;
    notify();
  });
  try {
    for (;;) {
      if (failure !== undefined) throw failure;
      const next = queue.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (ended) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    input.destroy();
  }
}
