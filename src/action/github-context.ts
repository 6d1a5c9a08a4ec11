// What the run is, as the runner describes it: the triggering event, the ref, the default branch,
// whether the code comes from a fork, and the run's ids and directories. Read from the
// environment and the event payload the runner writes; nothing here talks to GitHub.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface GithubContext {
  readonly eventName: string;
  /** `refs/heads/main`, `refs/pull/7/merge`, `refs/tags/v1`, or '' when unknown. */
  readonly ref: string;
  /** The default branch's name from the event payload; undefined when the payload does not say. */
  readonly defaultBranch: string | undefined;
  /** `owner/name`. */
  readonly repository: string;
  /** Whether the code being run comes from another repository (a fork's pull request or workflow run). */
  readonly fromFork: boolean;
  readonly runId: string;
  readonly runAttempt: string;
  readonly job: string;
  /** The workflow file (`owner/repo/.github/workflows/ci.yml`, without the ref), or its name when the runner does not say. */
  readonly workflow: string;
  readonly workspace: string;
  readonly runnerTemp: string;
  /** `ACTIONS_CACHE_MODE` from the workflow's `cache-mode:` (read, write, write-only, none), '' when unset. */
  readonly cacheMode: string;
}

interface Payload {
  readonly repository?: { readonly full_name?: string; readonly default_branch?: string };
  readonly pull_request?: { readonly head?: { readonly repo?: { readonly full_name?: string } | null } };
  readonly workflow_run?: { readonly head_repository?: { readonly full_name?: string } | null };
}

export function readGithubContext(env: NodeJS.ProcessEnv): GithubContext {
  const payload = readPayload(env['GITHUB_EVENT_PATH']);
  const eventName = env['GITHUB_EVENT_NAME'] ?? '';
  const repository = env['GITHUB_REPOSITORY'] || payload.repository?.full_name || '';
  const workspace = env['GITHUB_WORKSPACE'] || process.cwd();
  return {
    eventName,
    ref: env['GITHUB_REF'] ?? '',
    defaultBranch: payload.repository?.default_branch,
    repository,
    fromFork: isFromFork(eventName, payload, repository),
    runId: env['GITHUB_RUN_ID'] || 'local',
    runAttempt: env['GITHUB_RUN_ATTEMPT'] || '1',
    job: env['GITHUB_JOB'] || 'build',
    workflow: (env['GITHUB_WORKFLOW_REF'] ?? '').replace(/@.*$/, '') || env['GITHUB_WORKFLOW'] || '',
    workspace,
    // The runner always sets RUNNER_TEMP; outside it, a directory of our own under the system's.
    runnerTemp: env['RUNNER_TEMP'] || path.join(os.tmpdir(), 'cairn-action'),
    cacheMode: env['ACTIONS_CACHE_MODE'] ?? '',
  };
}

/** A pull request's or workflow run's head repository differs from this one (or was deleted). */
export function isFromFork(eventName: string, payload: Payload, repository: string): boolean {
  if (eventName.startsWith('pull_request')) {
    const head = payload.pull_request?.head?.repo;
    if (payload.pull_request === undefined) return false;
    return head === null || head === undefined || head.full_name !== repository;
  }
  if (eventName === 'workflow_run') {
    const head = payload.workflow_run?.head_repository;
    if (payload.workflow_run === undefined) return false;
    return head === null || head === undefined || head.full_name !== repository;
  }
  return false;
}

function readPayload(file: string | undefined): Payload {
  if (!file) return {};
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Payload) : {};
  } catch {
    return {};
  }
}

/** The branch name of a `refs/heads/…` ref, else undefined. */
export function branchOf(ref: string): string | undefined {
  return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
}
