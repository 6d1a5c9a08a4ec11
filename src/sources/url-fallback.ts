// Trying a source's candidate URLs (mirrors, then the alias's own URL) one after the other until
// one works. It never decides the order (urls.ts does) and never swallows an interruption: only
// user-visible failures (CairnError) move on to the next URL.

import { CairnError, type Provenance } from '../format/errors.js';

export interface FallbackOptions {
  /** The URL as the source writes it (`upstream:foo.tar.gz`), for the final error. */
  readonly written: string;
  /** Where the URL is written, for the final error. */
  readonly at: Provenance;
  readonly log: (line: string) => void;
  /** What is being done, for log lines: "fetching", "tracking". */
  readonly doing: string;
}

/**
 * Runs `attempt` on each URL in turn and returns the first result. A failure is logged and the
 * next URL tried; when every URL fails, one error lists them all with their reasons. It keeps
 * the reason, place and hint the failures share (every URL served a file with the wrong
 * checksum: still a 'checksum-mismatch' at the ref), and is a 'fetch-failed' at the URL
 * otherwise. With a single URL its own error is thrown unchanged.
 */
export async function firstThatWorks<T>(urls: readonly string[], attempt: (url: string) => Promise<T>, options: FallbackOptions): Promise<T> {
  const failures: CairnError[] = [];
  for (const [index, url] of urls.entries()) {
    try {
      return await attempt(url);
    } catch (error) {
      if (!(error instanceof CairnError)) throw error;
      failures.push(error);
      const next = urls[index + 1];
      options.log(`${options.doing} from ${url} failed: ${error.message}${next === undefined ? '' : `; trying ${next}`}`);
    }
  }
  const [first] = failures;
  if (failures.length === 1 && first !== undefined) throw first;
  const shared = <V>(pick: (failure: CairnError) => V): V | undefined => {
    const value = first === undefined ? undefined : pick(first);
    return failures.every((failure) => pick(failure) === value) ? value : undefined;
  };
  const reason = shared((failure) => failure.reason) ?? 'fetch-failed';
  const at = reason === 'fetch-failed' ? options.at : (shared((failure) => failure.provenance) ?? options.at);
  throw new CairnError(
    reason,
    `${options.doing} ${options.written} failed at every URL tried: ${failures.map((failure, i) => `${urls[i]} (${failure.message})`).join('; ')}`,
    at,
    shared((failure) => failure.hint) ?? 'check the mirrors and aliases in project.conf',
  );
}
