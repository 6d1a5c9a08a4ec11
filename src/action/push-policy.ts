// Whether this run may write to the shared caches. Artifacts written by one run are trusted by
// every later run of the branches that can read them, so only trusted code may write: never a
// fork's, never an untrusted trigger's. Pure: the run is described by a GithubContext.

import { branchOf, type GithubContext } from './github-context.js';
import type { PushMode } from './inputs.js';

export type PushDecision = { readonly push: true; readonly reason: string } | { readonly push: false; readonly reason: string };

/**
 * Triggers that run with the base repository's rights on behalf of someone who may not have
 * them (a fork's pull request, a comment). GitHub hands them a read-only cache token anyway.
 */
const UNTRUSTED_EVENTS = new Set(['pull_request_target', 'issue_comment', 'pull_request_review', 'pull_request_review_comment', 'discussion', 'discussion_comment']);

/**
 * Events that run the default branch's own code with a write token: a push, a schedule (always
 * on the default branch) and a manual dispatch. With `push: auto` only these save, and only on
 * the default branch, whose cache scope every branch and pull request can read.
 */
const TRUSTED_DEFAULT_BRANCH_EVENTS = new Set(['push', 'schedule', 'workflow_dispatch']);

export function decidePush(mode: PushMode, run: Pick<GithubContext, 'eventName' | 'ref' | 'defaultBranch' | 'fromFork' | 'cacheMode'>): PushDecision {
  if (mode === 'false') return { push: false, reason: 'push is false' };
  if (run.fromFork) return { push: false, reason: `the code comes from a fork (${run.eventName || 'unknown event'}); forks never write to the cache` };
  if (UNTRUSTED_EVENTS.has(run.eventName)) return { push: false, reason: `${run.eventName} is an untrusted trigger; it never writes to the cache` };
  if (run.cacheMode === 'read' || run.cacheMode === 'none') return { push: false, reason: `the workflow sets cache-mode: ${run.cacheMode}` };
  if (mode === 'true') return { push: true, reason: 'push is true' };

  const branch = branchOf(run.ref);
  if (!TRUSTED_DEFAULT_BRANCH_EVENTS.has(run.eventName)) {
    return { push: false, reason: `push: auto saves only on pushes to the default branch, and this run is a ${run.eventName || 'run of an unknown event'}` };
  }
  if (run.defaultBranch === undefined) return { push: false, reason: 'push: auto cannot tell the default branch (the event payload does not name it)' };
  if (branch !== run.defaultBranch) {
    return { push: false, reason: `push: auto saves only on the default branch (${run.defaultBranch}), and this run is on ${branch ?? (run.ref || 'an unknown ref')}` };
  }
  return { push: true, reason: `a ${run.eventName} on the default branch (${run.defaultBranch})` };
}
