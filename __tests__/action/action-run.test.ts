// The action as a runner runs it: the BUNDLED dist/action/main/index.js and then
// dist/action/post/index.js as separate node processes, with INPUT_* variables (hyphens kept),
// GITHUB_OUTPUT, GITHUB_STATE (turned into STATE_* for post, as the runner does),
// GITHUB_STEP_SUMMARY, RUNNER_TEMP and the GITHUB_* context, building a real project with bwrap.
//
// GitHub's cache and artifact services cannot run here, so the runs talk to local doubles of
// their protocols on 127.0.0.1 (__tests__/helpers/fake-actions-cache.ts and
// report-artifact-service.ts), reached through one small router, since a runner gives a step a
// single ACTIONS_RESULTS_URL and token for both. The real @actions/cache and @actions/artifact
// clients inside the bundles do the talking. `npm run -s build` must have bundled src/ first.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { READ, WRITE, rewriteArchive, startFakeActionsCache, type CacheScope, type FakeActionsCache } from '../helpers/fake-actions-cache.js';
import { writeBuildProject } from '../helpers/build-project.js';
import { repoRoot } from '../helpers/paths.js';
import { ArtifactServiceDouble, JOB_BACKEND_ID, RUN_BACKEND_ID } from './report-artifact-service.js';

const MAIN_JS = path.join(repoRoot, 'dist', 'action', 'main', 'index.js');
const POST_JS = path.join(repoRoot, 'dist', 'action', 'post', 'index.js');
const REPOSITORY = 'octo/cairn-test';
const MAIN_REF = 'refs/heads/main';

// ---------------------------------------------------------------------------------------------
// The runner's side

/** The services of one "GitHub": the cache double, the artifact double, and the router in front. */
interface Services {
  readonly cache: FakeActionsCache;
  readonly artifacts: ArtifactServiceDouble;
  readonly url: string;
  close(): Promise<void>;
}

async function startServices(): Promise<Services> {
  const cache = await startFakeActionsCache();
  const artifacts = new ArtifactServiceDouble();
  await artifacts.start();
  const artifactToken = artifacts.environment()['ACTIONS_RUNTIME_TOKEN']!;
  const router = http.createServer((request, response) => {
    const toArtifacts = (request.url ?? '').startsWith('/twirp/github.actions.results.api.v1.ArtifactService/');
    const target = new URL(request.url ?? '/', toArtifacts ? artifacts.url : cache.url);
    // The artifact double knows only its own token; the cache double reads the scopes from ours.
    const headers = { ...request.headers, host: target.host, ...(toArtifacts ? { authorization: `Bearer ${artifactToken}` } : {}) };
    const forward = http.request(target, { method: request.method, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    forward.on('error', () => response.destroy());
    request.pipe(forward);
  });
  await new Promise<void>((resolve) => router.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(router.address() as AddressInfo).port}/`;
  return {
    cache,
    artifacts,
    url,
    async close() {
      await new Promise<void>((resolve) => router.close(() => resolve()));
      await artifacts.stop();
      await cache.close();
    },
  };
}

/** The runtime token a job gets: cache scopes (`ac`, own ref then the default branch) and the run and job ids (`scp`). */
function runtimeToken(ref: string): string {
  const scopes: CacheScope[] = [{ Scope: ref, Permission: READ | WRITE }];
  if (ref !== MAIN_REF) scopes.push({ Scope: MAIN_REF, Permission: READ });
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${encode({ typ: 'JWT', alg: 'none' })}.${encode({ ac: JSON.stringify(scopes), scp: `Actions.GenericRead:${RUN_BACKEND_ID} Actions.Results:${RUN_BACKEND_ID}:${JOB_BACKEND_ID}`, iat: now, exp: now + 3600 })}.`;
}

interface Job {
  /** The checked-out repository, holding the project. */
  readonly workspace: string;
  /** RUNNER_TEMP: the same path in every job, emptied before each, as on a hosted runner. */
  readonly runnerTemp: string;
  readonly event: { readonly name: string; readonly ref: string; readonly payload: object };
  readonly runId: number;
}

interface StepResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly state: Record<string, string>;
  readonly summary: string;
}

const scratchDirs: string[] = [];
let services: Services;
let runs = 0;

beforeEach(async () => {
  if (!fs.existsSync(MAIN_JS) || !fs.existsSync(POST_JS)) throw new Error('bundle the action first: npm run -s build');
  services = await startServices();
});

afterEach(async () => {
  await services.close();
  for (const dir of scratchDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function scratch(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  scratchDirs.push(dir);
  return dir;
}

/** A new job (a fresh runner: empty RUNNER_TEMP, so an empty local cache) for an event. */
function newJob(workspace: string, runnerTemp: string, event: 'push' | 'pull_request' = 'push'): Job {
  fs.rmSync(runnerTemp, { recursive: true, force: true });
  fs.mkdirSync(runnerTemp, { recursive: true });
  const repository = { full_name: REPOSITORY, default_branch: 'main' };
  const job: Job =
    event === 'push'
      ? { workspace, runnerTemp, runId: ++runs, event: { name: 'push', ref: MAIN_REF, payload: { repository } } }
      : { workspace, runnerTemp, runId: ++runs, event: { name: 'pull_request', ref: 'refs/pull/7/merge', payload: { repository, pull_request: { head: { repo: { full_name: REPOSITORY } } } } } };
  return job;
}

function stepEnvironment(job: Job, step: string, inputs: Record<string, string>, extra: Record<string, string> = {}): { env: NodeJS.ProcessEnv; files: { output: string; state: string; summary: string } } {
  const dir = path.join(job.runnerTemp, '..', `runner-files-${job.runId}-${step}`);
  fs.mkdirSync(dir, { recursive: true });
  const files = { output: path.join(dir, 'output'), state: path.join(dir, 'state'), summary: path.join(dir, 'summary.md') };
  for (const file of Object.values(files)) if (!fs.existsSync(file)) fs.writeFileSync(file, '');
  const eventFile = path.join(dir, 'event.json');
  fs.writeFileSync(eventFile, JSON.stringify(job.event.payload));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: path.join(job.runnerTemp, '..', 'home'),
    ACTIONS_CACHE_SERVICE_V2: 'True',
    ACTIONS_RESULTS_URL: services.url,
    ACTIONS_RUNTIME_TOKEN: runtimeToken(job.event.ref),
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_EVENT_NAME: job.event.name,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_REF: job.event.ref,
    GITHUB_RUN_ID: String(1000 + job.runId),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'build',
    GITHUB_WORKSPACE: job.workspace,
    RUNNER_TEMP: job.runnerTemp,
    RUNNER_OS: 'Linux',
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    ...extra,
  };
  // The runner passes every input, hyphens kept: INPUT_MAX-CACHE-SIZE.
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return { env, files };
}

function resultOf(status: number | null, stdout: string, stderr: string, files: { output: string; state: string; summary: string }): StepResult {
  return { status, stdout, stderr, outputs: readFileCommands(files.output), state: readFileCommands(files.state), summary: fs.readFileSync(files.summary, 'utf8') };
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs the main step to its end (asynchronously: the service doubles live in this process). */
async function runMain(job: Job, inputs: Record<string, string> = {}, extra: Record<string, string> = {}): Promise<StepResult> {
  const { env, files } = stepEnvironment(job, 'main', inputs, extra);
  const { status, stdout, stderr } = await runNode(MAIN_JS, job.workspace, env);
  return resultOf(status, stdout, stderr, files);
}

/** Runs the post step with the state the main step saved, as STATE_* variables. */
async function runPost(job: Job, main: Pick<StepResult, 'state'>, inputs: Record<string, string> = {}): Promise<StepResult> {
  const state = Object.fromEntries(Object.entries(main.state).map(([name, value]) => [`STATE_${name}`, value]));
  const { env, files } = stepEnvironment(job, `post-${Date.now()}`, inputs, state);
  const { status, stdout, stderr } = await runNode(POST_JS, job.workspace, env);
  return resultOf(status, stdout, stderr, files);
}

function runNode(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** `name<<delimiter\nvalue\ndelimiter` blocks, as @actions/core appends them to GITHUB_OUTPUT and GITHUB_STATE. */
function readFileCommands(file: string): Record<string, string> {
  const text = fs.readFileSync(file, 'utf8');
  const out: Record<string, string> = {};
  const pattern = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) out[match[1]!] = match[3]!;
  return out;
}

/** The result of a step that must have succeeded; else the error shows what it printed. */
function succeeded(result: StepResult): StepResult {
  if (result.status !== 0) throw new Error(`the step failed (exit ${String(result.status)}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

function list(result: StepResult, output: string): string[] {
  return (JSON.parse(result.outputs[output] ?? 'null') as string[]).slice().sort();
}

// ---------------------------------------------------------------------------------------------
// The project: base (busybox) <- liba, libb <- app, all runtime dependencies, so that every
// element is part of what a build of app needs.

function manual(name: string, deps: readonly string[], content: string): string {
  return `kind: manual
depends:
${deps.map((d) => `- ${d}`).join('\n')}
config:
  install-commands:
  - mkdir -p %{install-root}/usr/share/${name}
  - echo ${JSON.stringify(content)} > %{install-root}/usr/share/${name}/content
`;
}

function writeProject(extra: Record<string, string> = {}): string {
  return writeBuildProject(
    {
      'elements/liba.bst': manual('liba', ['base.bst'], 'liba 1'),
      'elements/libb.bst': manual('libb', ['base.bst'], 'libb 1'),
      'elements/app.bst': manual('app', ['liba.bst', 'libb.bst'], 'app 1'),
      ...extra,
    },
    'defaults:\n  targets:\n  - app.bst\n',
  );
}

const ALL = ['app.bst', 'base.bst', 'liba.bst', 'libb.bst'];

function newEntries(before: number): ReturnType<FakeActionsCache['entries']> {
  return services.cache.entries().slice(before);
}

/** The artifacts the pack entry `key` holds, read from the newest index the service stores. */
function packArtifacts(packKey: string): string[] {
  const indexes = services.cache.entries().filter((e) => e.key.includes('-index-'));
  const newest = indexes[indexes.length - 1]!;
  let index: { packs: Array<{ key: string; artifacts: Array<{ element: string }> }> } | undefined;
  rewriteArchive(services.cache.blob(newest.key)!, (tar) => {
    for (const content of tarFiles(tar)) {
      try {
        const parsed = JSON.parse(content.toString('utf8')) as { format?: string };
        if (parsed.format === 'cairn-actions-cache-index') index = parsed as typeof index;
      } catch {
        // not the index
      }
    }
    return tar;
  });
  const pack = index?.packs.find((p) => p.key === packKey);
  return (pack?.artifacts.map((a) => a.element) ?? []).sort();
}

/** The contents of the regular files in a tar archive. */
function tarFiles(tar: Buffer): Buffer[] {
  const files: Buffer[] = [];
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/, '').trim() || '0', 8);
    const type = String.fromCharCode(header[156]!);
    if (type === '0' || type === '\0') files.push(tar.subarray(offset + 512, offset + 512 + size));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

// ---------------------------------------------------------------------------------------------

describe('the bundled action, run as the runner runs it', () => {
  it('a cold run builds everything and saves it; the next job, on an empty runner, restores everything and builds nothing', async () => {
    const project = writeProject();
    const runnerTemp = path.join(scratch('cairn-runner-'), 'temp');

    const job = newJob(project, runnerTemp);
    const cold = succeeded(await runMain(job));
    expect(list(cold, 'built')).toEqual(ALL);
    expect(list(cold, 'cached')).toEqual([]);
    expect(list(cold, 'failed')).toEqual([]);
    // One pack and one index, however many artifacts.
    const saved = services.cache.entries();
    expect(saved.filter((e) => e.key.includes('-pack-'))).toHaveLength(1);
    expect(saved.filter((e) => e.key.includes('-index-'))).toHaveLength(1);
    expect(saved).toHaveLength(2);
    expect(packArtifacts(saved.find((e) => e.key.includes('-pack-'))!.key)).toEqual(ALL);
    expect(cold.summary).toContain('## Cairn: test');
    expect(cold.summary.trim()).toBe(fs.readFileSync(cold.outputs['summary-path']!, 'utf8').trim());

    // The post step of the same job: the main step saved it all.
    const post = succeeded(await runPost(job, cold));
    expect(post.stdout).toContain('nothing left to save');
    expect(services.cache.entries()).toHaveLength(saved.length);

    const warm = succeeded(await runMain(newJob(project, runnerTemp)));
    expect(list(warm, 'built')).toEqual([]);
    expect(list(warm, 'cached')).toEqual(ALL);
    expect(warm.outputs['cache-hit-ratio']).toBe('1');
    expect(warm.stdout).toContain('Restored 4 of the 4 artifacts the build needs that this runner lacked');
    expect(warm.summary).toMatch(/\| 0 \| 0 \| 4 \| 0 \| 0 \| 100 % \|/);
    expect(services.cache.entries()).toHaveLength(saved.length);
  });

  it('changing one leaf element rebuilds it and its reverse dependencies only, and saves only what changed', async () => {
    const project = writeProject();
    const runnerTemp = path.join(scratch('cairn-runner-'), 'temp');
    succeeded(await runMain(newJob(project, runnerTemp)));
    const before = services.cache.entries().length;

    fs.writeFileSync(path.join(project, 'elements', 'liba.bst'), manual('liba', ['base.bst'], 'liba 2'));
    const changed = succeeded(await runMain(newJob(project, runnerTemp)));
    expect(list(changed, 'built')).toEqual(['app.bst', 'liba.bst']);
    expect(list(changed, 'cached')).toEqual(['base.bst', 'libb.bst']);
    const added = newEntries(before);
    expect(added.filter((e) => e.key.includes('-pack-'))).toHaveLength(1);
    expect(added.filter((e) => e.key.includes('-index-'))).toHaveLength(1);
    expect(added).toHaveLength(2);
    expect(packArtifacts(added.find((e) => e.key.includes('-pack-'))!.key)).toEqual(['app.bst', 'liba.bst']);
  });

  it('a failing element fails the step with an error annotation on its line, uploads its log, and saves what did build', async () => {
    const project = writeProject({
      'elements/broken.bst': 'kind: manual\ndepends:\n- base.bst\nconfig:\n  install-commands:\n  - echo about to fail\n  - exit 3\n',
    });
    const runnerTemp = path.join(scratch('cairn-runner-'), 'temp');
    const job = newJob(project, runnerTemp);
    const main = await runMain(job, { targets: 'app.bst\nbroken.bst' });
    expect(main.status).not.toBe(0);
    expect(list(main, 'failed')).toEqual(['broken.bst']);
    expect(list(main, 'built')).toEqual(ALL);
    expect(main.stdout).toMatch(/^::error title=broken\.bst failed,file=elements\/broken\.bst,line=7,col=\d+::/m);
    expect(main.stdout).toMatch(/^::error::Cairn: 1 element failed \(broken\.bst\)$/m);
    expect(main.summary).toContain('**broken.bst**');
    // The failed element's log, as one artifact for the job.
    expect(services.artifacts.artifacts.map((a) => a.name)).toEqual([expect.stringMatching(/^cairn-logs-build-1-/)]);
    // What did build is shared, the failure is not.
    const pack = services.cache.entries().find((e) => e.key.includes('-pack-'));
    expect(packArtifacts(pack!.key)).toEqual(ALL);
  });

  it('a pull request restores from the default branch but never saves', async () => {
    const project = writeProject();
    const runnerTemp = path.join(scratch('cairn-runner-'), 'temp');
    succeeded(await runMain(newJob(project, runnerTemp)));
    const before = services.cache.entries().length;

    fs.writeFileSync(path.join(project, 'elements', 'libb.bst'), manual('libb', ['base.bst'], 'libb 2'));
    const job = newJob(project, runnerTemp, 'pull_request');
    const main = succeeded(await runMain(job));
    expect(list(main, 'built')).toEqual(['app.bst', 'libb.bst']);
    expect(list(main, 'cached')).toEqual(['base.bst', 'liba.bst']);
    expect(main.stdout).toContain('read-only for this run, nothing will be saved: push: auto saves only on pushes to the default branch, and this run is a pull_request');
    await runPost(job, main);
    expect(services.cache.entries()).toHaveLength(before);
    expect(services.cache.requests().filter((r) => r.route === 'CreateCacheEntry')).toHaveLength(2); // the first run's pack and index
  });

  it('the post step saves what a killed main step had built, and a second save uploads nothing new', async () => {
    const project = writeProject({
      'elements/slow.bst': 'kind: manual\ndepends:\n- app.bst\nconfig:\n  install-commands:\n  - sleep 30\n',
    });
    const runnerTemp = path.join(scratch('cairn-runner-'), 'temp');
    const job = newJob(project, runnerTemp);
    const { env, files } = stepEnvironment(job, 'main', { targets: 'slow.bst' });
    const child = spawn(process.execPath, [MAIN_JS], { cwd: project, env, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // Wait until everything but the slow element is built, then kill the step outright.
    const state = await waitFor(() => {
      const known = readFileCommands(files.state);
      const produced = known['run-file'] ? readLines(`${known['run-file']}.produced`) : [];
      return produced.length === 4 ? known : undefined;
    });
    child.kill('SIGKILL');
    await exited;
    expect(services.cache.entries()).toHaveLength(0);

    const post = succeeded(await runPost(job, { state }));
    expect(post.stdout).toContain('Saving the 4 artifacts the main step built (it ended before saving)');
    const saved = services.cache.entries();
    expect(packArtifacts(saved.find((e) => e.key.includes('-pack-'))!.key)).toEqual(ALL);

    services.cache.clearRequests();
    succeeded(await runPost(job, { state }));
    expect(services.cache.entries()).toEqual(saved);
    expect(services.cache.requests().filter((r) => r.route === 'upload')).toEqual([]);
  }, 120_000);

  it('a cache service that rate-limits every call leaves the build green, with one warning for the whole job', async () => {
    const project = writeProject();
    const runnerTemp = path.join(scratch('cairn-runner-'), 'temp');
    services.cache.inject429(1000);
    const job = newJob(project, runnerTemp);
    const main = succeeded(await runMain(job));
    expect(list(main, 'built')).toEqual(ALL);
    const post = succeeded(await runPost(job, { state: main.state }));
    // The first 429 stops reads and writes alike; nothing asks the service again, main or post.
    const warnings = [main, post].flatMap((step) => step.stdout.match(/^::warning::.*/gm) ?? []);
    expect(warnings).toEqual([expect.stringContaining('rate limited by the cache service')]);
    expect(services.cache.requests().filter((r) => r.status === 429)).toHaveLength(1);
    expect(services.cache.entries()).toHaveLength(0);
  });

  it('a cache service that does not answer at all leaves the build green, with one warning and no long retries', async () => {
    const project = writeProject();
    const runnerTemp = path.join(scratch('cairn-runner-'), 'temp');
    const down = await closedPort();
    const job = newJob(project, runnerTemp);
    const started = Date.now();
    const main = succeeded(await runMain(job, {}, { ACTIONS_RESULTS_URL: `http://127.0.0.1:${down}/` }));
    expect(list(main, 'built')).toEqual(ALL);
    const warnings = main.stdout.match(/^::warning::.*/gm) ?? [];
    expect(warnings).toEqual([expect.stringContaining('The Actions cache is not available to this job')]);
    // The client's own retries back off for most of a minute per call; one refused call is enough.
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 120_000);

  it('a rate limit met while saving leaves restores alone and warns once', async () => {
    const project = writeProject();
    const runnerTemp = path.join(scratch('cairn-runner-'), 'temp');
    services.cache.inject429OnUploads(1000);
    const job = newJob(project, runnerTemp);
    const main = succeeded(await runMain(job));
    expect(list(main, 'built')).toEqual(ALL);
    const post = succeeded(await runPost(job, { state: main.state }));
    const warnings = [main, post].flatMap((step) => step.stdout.match(/^::warning::.*/gm) ?? []);
    expect(warnings).toEqual([expect.stringMatching(/read-only for this job \(rate limited by the cache service\)/)]);
    expect(services.cache.entries()).toHaveLength(0);
  });

  it('a load error is one annotation at its file, line and column, and fails the step with one line', async () => {
    const project = writeProject({ 'elements/app.bst': 'kind: manual\ndepends:\n- base.bst\n- missing.bst\n' });
    const runnerTemp = path.join(scratch('cairn-runner-'), 'temp');
    const main = await runMain(newJob(project, runnerTemp), { cache: 'none' });
    expect(main.status).not.toBe(0);
    expect(main.stdout).toMatch(/^::error title=Cairn could not load [^,]*,file=elements\/app\.bst,line=4,col=3::/m);
    const failures = main.stdout.split('\n').filter((line) => line.startsWith('::error::'));
    expect(failures).toEqual([expect.stringMatching(/^::error::elements\/app\.bst:4:3: cannot load element 'missing\.bst'/)]);
    expect(main.outputs['failed']).toBe('[]');
  });

  it('wrong inputs fail the step naming each input', async () => {
    const project = writeProject();
    const runnerTemp = path.join(scratch('cairn-runner-'), 'temp');
    const main = await runMain(newJob(project, runnerTemp), { cache: 'github', 'max-cache-size': 'lots' });
    expect(main.status).not.toBe(0);
    expect(main.stdout).toContain("input 'cache': must be actions or none, not 'github'");
    expect(main.stdout).toContain("input 'max-cache-size': must be a size");
  });

  it('a sandbox that cannot start is one error naming the fix, and fails the step', async () => {
    const project = writeProject();
    const runnerTemp = path.join(scratch('cairn-runner-'), 'temp');
    // A self-hosted runner's user configuration naming a bwrap that is not there.
    const home = path.join(runnerTemp, '..', 'home');
    fs.mkdirSync(path.join(home, '.config'), { recursive: true });
    fs.writeFileSync(path.join(home, '.config', 'cairn.conf'), 'sandbox:\n  bwrap: /nonexistent/bwrap\n');
    const main = await runMain(newJob(project, runnerTemp), { cache: 'none' });
    expect(main.status).not.toBe(0);
    // Nothing is built when the sandbox cannot run, and the one error says why.
    expect(main.stdout).toMatch(/^::error title=Cairn%3A the build sandbox cannot run on this runner::bubblewrap \(bwrap\) is not installed at \/nonexistent\/bwrap \(install it: apt-get install bubblewrap\)$/m);
    expect(main.stdout).toMatch(/^::error::Cairn: the build sandbox cannot run on this runner \(the error above says why\)$/m);
    expect(main.stdout).not.toContain('SUCCESS');
    expect(main.summary).toContain('The build sandbox cannot run on this runner');
  });

  it('checks an element out for later steps', async () => {
    const project = writeProject();
    const runnerTemp = path.join(scratch('cairn-runner-'), 'temp');
    const main = succeeded(await runMain(newJob(project, runnerTemp), { checkout: 'app.bst', cache: 'none' }));
    const directory = main.outputs['checkout-path']!;
    expect(fs.readFileSync(path.join(directory, 'usr/share/app/content'), 'utf8')).toBe('app 1\n');
    expect(fs.readFileSync(path.join(directory, 'usr/share/liba/content'), 'utf8')).toBe('liba 1\n');
  });
});

function readLines(file: string): string[] {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
  } catch {
    return [];
  }
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
