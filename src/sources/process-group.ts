// Host programs a source runs (git, ostree) start helpers of their own (git-remote-https, a
// pull's fetchers); each is spawned detached, as the leader of its own process group, so that an
// abort stops the whole group and nothing keeps downloading after Cairn stopped waiting.

import type { ChildProcess } from 'node:child_process';

/** Sends SIGTERM to the child's process group when `signal` aborts; returns the call that stops listening. */
export function stopGroupOnAbort(child: ChildProcess, signal: AbortSignal): () => void {
  const onAbort = (): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}
