// The Actions cache service wrapper over the real @actions/cache client, against the in-process
// double of GitHub's cache service: what each outcome means, and that problems come back as
// results and single warnings rather than exceptions or the library's own annotations.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { actionsCacheService, type CacheLog } from '../../src/action/cache/actions-cache.js';
import { branchSlug, cacheScope, indexKey, indexPrefix, jobLineage, packHashOf, packKey } from '../../src/action/cache/keys.js';
import { startFakeActionsCache, type FakeActionsCache } from '../helpers/fake-actions-cache.js';

let fake: FakeActionsCache;
let scratch = '';
let printed: string[] = [];
let log: CacheLog & { readonly infos: string[]; readonly warnings: string[] };
const originalEnv = { ...process.env };
const originalWrite = process.stdout.write;

beforeEach(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-cache-service-'));
  fake = await startFakeActionsCache();
  delete process.env['ACTIONS_CACHE_MODE'];
  Object.assign(process.env, fake.env);
  const infos: string[] = [];
  const warnings: string[] = [];
  log = { infos, warnings, info: (text) => infos.push(text), warning: (text) => warnings.push(text) };
  // What reaches the runner: workflow commands written to stdout.
  printed = [];
  process.stdout.write = ((chunk: unknown) => {
    printed.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
});

afterEach(async () => {
  process.stdout.write = originalWrite;
  await fake.close();
  fs.rmSync(scratch, { recursive: true, force: true });
  for (const name of Object.keys(process.env)) if (!(name in originalEnv)) delete process.env[name];
  Object.assign(process.env, originalEnv);
});

function directory(name: string, contents = name): string {
  const dir = path.join(scratch, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'file.txt'), contents);
  return dir;
}

const annotations = (): string[] => printed.join('').split('\n').filter((line) => /^::(warning|error)/.test(line));
const twirpCalls = (): number => fake.requests().filter((r) => r.route !== 'upload' && r.route !== 'download').length;

describe('the Actions cache service', () => {
  it('saves a new key, and reports a key saved before as existing without uploading it again', async () => {
    const service = actionsCacheService(log);
    const dir = directory('one');
    expect(await service.save([dir], 'key-1')).toBe('saved');
    expect(await service.save([dir], 'key-1')).toBe('exists');
    expect(fake.requests().filter((r) => r.route === 'upload')).toHaveLength(1);
    expect(log.warnings).toEqual([]);
    expect(annotations()).toEqual([]);
  });

  it('reports a key another job is still uploading as existing (the content is the same by construction)', async () => {
    const dir = directory('racing');
    const service = actionsCacheService(log);
    // Reserve the entry as a concurrent job would, with the version the client computes for these paths.
    expect(await service.save([dir], 'first')).toBe('saved');
    const version = fake.entries()[0]?.version ?? '';
    const reserved = await fetch(`${fake.url}/twirp/github.actions.results.api.v1.CacheService/CreateCacheEntry`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${fake.env['ACTIONS_RUNTIME_TOKEN'] ?? ''}` },
      body: JSON.stringify({ key: 'racing', version }),
    });
    expect(((await reserved.json()) as { ok: boolean }).ok).toBe(true);
    expect(await service.save([dir], 'racing')).toBe('exists');
    expect(log.warnings).toEqual([]);
  });

  it('restores by the primary key, then by the newest entry a restore key prefixes, and misses quietly', async () => {
    const service = actionsCacheService(log);
    const dir = directory('dir', 'first');
    await service.save([dir], 'prefix-1');
    fs.writeFileSync(path.join(dir, 'file.txt'), 'second');
    await service.save([dir], 'prefix-2');
    fs.rmSync(dir, { recursive: true });

    expect(await service.restore([dir], 'prefix-1', [])).toBe('prefix-1');
    expect(fs.readFileSync(path.join(dir, 'file.txt'), 'utf8')).toBe('first');
    expect(await service.restore([dir], 'absent', ['prefix-'])).toBe('prefix-2');
    expect(fs.readFileSync(path.join(dir, 'file.txt'), 'utf8')).toBe('second');
    // The same key saved from another path is another entry (the paths are part of its version).
    expect(await service.restore([path.join(scratch, 'elsewhere')], 'prefix-1', [])).toBeUndefined();
    expect(await service.restore([dir], 'absent', [])).toBeUndefined();
    expect(log.warnings).toEqual([]);
  });

  it('keeps the library quiet: no annotations of its own, but masks for signed URLs still reach the runner', async () => {
    const service = actionsCacheService(log);
    const dir = directory('masked');
    await service.save([dir], 'masked');
    await service.restore([dir], 'masked', []);
    fake.setReadOnly(true);
    expect(await service.save([dir], 'denied')).toBe('read-only');
    expect(annotations()).toEqual([]);
    expect(printed.join('')).toContain('::add-mask::fake-signature');
    expect(log.warnings).toHaveLength(1);
    expect(log.infos.join('\n')).toMatch(/Cache restored successfully/);
  });

  it('after a 429 it is read-only for the rest of the job, with one warning and no more calls', async () => {
    const service = actionsCacheService(log);
    fake.inject429(1);
    expect(await service.save([directory('a')], 'a')).toBe('read-only');
    const calls = twirpCalls();
    expect(await service.save([directory('b')], 'b')).toBe('read-only');
    expect(twirpCalls()).toBe(calls);
    expect(log.warnings).toEqual(['The Actions cache is read-only for this job (rate limited by the cache service): built artifacts are not saved to it.']);
    expect(fake.entries()).toEqual([]);
  });

  it('a denied write is read-only; a token without a writable scope is read-only before any upload', async () => {
    fake.setReadOnly(true);
    expect(await actionsCacheService(log).save([directory('a')], 'a')).toBe('read-only');
    expect(log.warnings[0]).toMatch(/denied cache writes/);

    fake.setReadOnly(false);
    Object.assign(process.env, fake.envFor('refs/heads/main', { writable: false }));
    fake.clearRequests();
    const other: string[] = [];
    expect(await actionsCacheService({ info: () => undefined, warning: (t) => other.push(t) }).save([directory('b')], 'b')).toBe('read-only');
    expect(other).toEqual([expect.stringMatching(/no writable cache scope.*actions: write/)]);
    expect(fake.requests()).toEqual([]);
  });

  it('without a runtime token it saves nothing and restores nothing, with one warning between them', async () => {
    delete process.env['ACTIONS_RUNTIME_TOKEN'];
    const service = actionsCacheService(log);
    const dir = directory('a');
    expect(await service.restore([dir], 'a', [])).toBeUndefined();
    expect(await service.save([dir], 'a')).toBe('read-only');
    expect(await service.restore([dir], 'a', [])).toBeUndefined();
    expect(log.warnings).toEqual([
      'The Actions cache is not available to this job (no ACTIONS_RUNTIME_TOKEN in the environment): artifacts are neither restored from it nor saved to it.',
    ]);
    expect(fake.requests()).toEqual([]);
  });

  it('honours the cache mode the runner exports', async () => {
    const dir = directory('a');
    expect(await actionsCacheService(log).save([dir], 'a')).toBe('saved');

    process.env['ACTIONS_CACHE_MODE'] = 'read';
    const reader = actionsCacheService(log);
    expect(await reader.restore([dir], 'a', [])).toBe('a');
    expect(await reader.save([dir], 'b')).toBe('read-only');

    process.env['ACTIONS_CACHE_MODE'] = 'none';
    fake.clearRequests();
    const none = actionsCacheService(log);
    expect(await none.restore([dir], 'a', [])).toBeUndefined();
    expect(await none.save([dir], 'c')).toBe('read-only');
    expect(fake.requests()).toEqual([]);
  });

  it('a save that fails for another reason is reported failed with a warning, and the next one is still tried', async () => {
    const service = actionsCacheService(log);
    expect(await service.save([path.join(scratch, 'does-not-exist')], 'missing')).toBe('failed');
    expect(log.warnings).toEqual([expect.stringMatching(/^Could not save missing to the Actions cache: .*Path Validation Error/)]);
    expect(await service.save([directory('present')], 'present')).toBe('saved');
  });
});

describe('Actions cache keys', () => {
  it('put the format version, platform, architecture and project first', () => {
    expect(cacheScope('linux', 'x64', 'demo')).toBe('cairn-2-linux-x64-demo');
    expect(cacheScope('linux', 'arm64', 'my project,v2')).toBe('cairn-2-linux-arm64-my_project_v2');
  });

  it('never let one branch index prefix match another branch index', () => {
    const scope = cacheScope('linux', 'x64', 'demo');
    const main = indexPrefix(scope, 'refs/heads/main');
    expect(main).toBe('cairn-2-linux-x64-demo-index-main-');
    for (const other of ['refs/heads/main-2', 'refs/heads/main/next', 'refs/heads/main_', 'refs/pull/12/merge']) {
      expect(indexKey(scope, other, 'l1', '77-1', 'ab'.repeat(32)).startsWith(main)).toBe(false);
    }
    expect(indexKey(scope, 'refs/heads/main', 'l1', '77-1', 'ab'.repeat(32))).toBe(`${main}l1-77-1-${'ab'.repeat(8)}`);
    expect(branchSlug('refs/pull/12/merge')).toBe('pull_12_merge');
  });

  it('give each job its own line of indexes inside the branch, which the branch prefix still finds', () => {
    const scope = cacheScope('linux', 'x64', 'demo');
    const amd = jobLineage('o/r/.github/workflows/ci.yml', 'build', '.', ['a.bst']);
    const other = jobLineage('o/r/.github/workflows/ci.yml', 'build', '.', ['b.bst']);
    expect(amd).toMatch(/^[0-9a-f]{12}$/);
    expect(other).not.toBe(amd);
    expect(jobLineage('o/r/.github/workflows/ci.yml', 'build', '.', ['b.bst', 'a.bst'])).toBe(jobLineage('o/r/.github/workflows/ci.yml', 'build', '.', ['a.bst', 'b.bst']));
    expect(jobLineage('o/r/.github/workflows/nightly.yml', 'build', '.', ['a.bst'])).not.toBe(amd);
    const key = indexKey(scope, 'refs/heads/main', amd, '9-1', 'ab'.repeat(32));
    expect(key.startsWith(indexPrefix(scope, 'refs/heads/main', amd))).toBe(true);
    expect(key.startsWith(indexPrefix(scope, 'refs/heads/main', other))).toBe(false);
    expect(key.startsWith(indexPrefix(scope, 'refs/heads/main'))).toBe(true);
  });

  it('keep long names under the service limit and distinct', () => {
    const scope = cacheScope('linux', 'x64', 'demo');
    const long = `refs/heads/${'x'.repeat(600)}`;
    const key = indexKey(scope, long, jobLineage('o/r/.github/workflows/ci.yml', 'build', '.', []), '1-1', 'cd'.repeat(32));
    expect(key.length).toBeLessThan(512);
    expect(indexPrefix(scope, long)).not.toBe(indexPrefix(scope, `${long}y`));
  });

  it('name packs by their content hash, and read it back only from this scope', () => {
    const scope = cacheScope('linux', 'x64', 'demo');
    const hash = 'ef'.repeat(32);
    expect(packHashOf(scope, packKey(scope, hash))).toBe(hash);
    expect(packHashOf(cacheScope('linux', 'x64', 'other'), packKey(scope, hash))).toBeUndefined();
    expect(packHashOf(scope, `${packKey(scope, hash)}0`)).toBeUndefined();
  });
});
