// Who may write to the shared cache: what one run saves, every later run of the branches that can
// read it trusts. So `push: auto` saves only trusted runs of the default branch, and nothing ever
// saves from a fork or an untrusted trigger.

import { describe, expect, it } from '@jest/globals';
import { isFromFork, readGithubContext } from '../../src/action/github-context.js';
import { decidePush } from '../../src/action/push-policy.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const onMain = { eventName: 'push', ref: 'refs/heads/main', defaultBranch: 'main', fromFork: false, cacheMode: '' };

describe('push: auto', () => {
  it('saves on a push to the default branch', () => {
    expect(decidePush('auto', onMain)).toEqual({ push: true, reason: 'a push on the default branch (main)' });
  });

  it('saves on a schedule or a manual dispatch of the default branch, which run its own code', () => {
    expect(decidePush('auto', { ...onMain, eventName: 'schedule' }).push).toBe(true);
    expect(decidePush('auto', { ...onMain, eventName: 'workflow_dispatch' }).push).toBe(true);
  });

  it('does not save on a push to another branch', () => {
    expect(decidePush('auto', { ...onMain, ref: 'refs/heads/feature/x' })).toEqual({
      push: false,
      reason: 'push: auto saves only on the default branch (main), and this run is on feature/x',
    });
  });

  it('does not save on a tag push', () => {
    expect(decidePush('auto', { ...onMain, ref: 'refs/tags/v1.0' }).push).toBe(false);
  });

  it('does not save on a pull request, even from the same repository', () => {
    expect(decidePush('auto', { ...onMain, eventName: 'pull_request', ref: 'refs/pull/7/merge' })).toEqual({
      push: false,
      reason: 'push: auto saves only on pushes to the default branch, and this run is a pull_request',
    });
  });

  it('does not save on a merge queue run', () => {
    expect(decidePush('auto', { ...onMain, eventName: 'merge_group', ref: 'refs/heads/gh-readonly-queue/main/pr-7-abc' }).push).toBe(false);
  });

  it('does not save when the event payload does not name the default branch', () => {
    expect(decidePush('auto', { ...onMain, defaultBranch: undefined }).push).toBe(false);
  });
});

describe('push: true', () => {
  it('saves on pull requests from the same repository and on other branches', () => {
    expect(decidePush('true', { ...onMain, eventName: 'pull_request', ref: 'refs/pull/7/merge' }).push).toBe(true);
    expect(decidePush('true', { ...onMain, ref: 'refs/heads/feature' }).push).toBe(true);
  });

  it('never saves from a fork', () => {
    expect(decidePush('true', { ...onMain, eventName: 'pull_request', ref: 'refs/pull/7/merge', fromFork: true })).toEqual({
      push: false,
      reason: 'the code comes from a fork (pull_request); forks never write to the cache',
    });
  });

  it('never saves from untrusted triggers, which run with the base repository rights', () => {
    for (const eventName of ['pull_request_target', 'issue_comment', 'pull_request_review_comment']) {
      expect(decidePush('true', { ...onMain, eventName })).toEqual({ push: false, reason: `${eventName} is an untrusted trigger; it never writes to the cache` });
    }
  });

  it("respects the workflow's cache-mode", () => {
    expect(decidePush('true', { ...onMain, cacheMode: 'read' })).toEqual({ push: false, reason: 'the workflow sets cache-mode: read' });
    expect(decidePush('auto', { ...onMain, cacheMode: 'none' }).push).toBe(false);
    expect(decidePush('auto', { ...onMain, cacheMode: 'write' }).push).toBe(true);
  });
});

describe('push: false', () => {
  it('never saves', () => {
    expect(decidePush('false', onMain)).toEqual({ push: false, reason: 'push is false' });
  });
});

describe('forks, from the event payload', () => {
  const repository = 'octo/cairn';

  it('a pull request whose head is another repository comes from a fork', () => {
    expect(isFromFork('pull_request', { pull_request: { head: { repo: { full_name: 'someone/cairn' } } } }, repository)).toBe(true);
    expect(isFromFork('pull_request_target', { pull_request: { head: { repo: { full_name: 'someone/cairn' } } } }, repository)).toBe(true);
  });

  it('a pull request from a branch of the same repository does not', () => {
    expect(isFromFork('pull_request', { pull_request: { head: { repo: { full_name: repository } } } }, repository)).toBe(false);
  });

  it('a pull request whose head repository was deleted counts as a fork', () => {
    expect(isFromFork('pull_request', { pull_request: { head: { repo: null } } }, repository)).toBe(true);
  });

  it('a workflow run triggered from a fork comes from a fork', () => {
    expect(isFromFork('workflow_run', { workflow_run: { head_repository: { full_name: 'someone/cairn' } } }, repository)).toBe(true);
    expect(isFromFork('workflow_run', { workflow_run: { head_repository: { full_name: repository } } }, repository)).toBe(false);
  });

  it('the runner environment and payload file give the whole context', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-event-'));
    try {
      const event = path.join(dir, 'event.json');
      fs.writeFileSync(event, JSON.stringify({ repository: { full_name: repository, default_branch: 'trunk' }, pull_request: { head: { repo: { full_name: 'someone/cairn' } } } }));
      const context = readGithubContext({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/3/merge', GITHUB_EVENT_PATH: event, GITHUB_REPOSITORY: repository, RUNNER_TEMP: dir });
      expect(context).toMatchObject({ eventName: 'pull_request', ref: 'refs/pull/3/merge', defaultBranch: 'trunk', fromFork: true, runnerTemp: dir });
      expect(decidePush('auto', context).push).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
