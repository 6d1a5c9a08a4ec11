// Sharing artifacts through the Actions cache, end to end: real local caches in temporary
// directories, the real @actions/cache client (tar, zstd, twirp, blob upload and download) and an
// in-process double of GitHub's cache service. Each "job" below has its own run id, as separate
// jobs of separate workflow runs would, and (unless a test shares one) its own local cache.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { actionsCacheService, type CacheLog } from '../../src/action/cache/actions-cache.js';
import { cacheScope } from '../../src/action/cache/keys.js';
import { parseIndex, type PackIndex } from '../../src/action/cache/pack-index.js';
import { restoreArtifacts, saveArtifacts, type ArtifactKey, type SharingContext } from '../../src/action/cache/sharing.js';
import { ArtifactCache, type ArtifactRecord } from '../../src/cache/artifact-cache.js';
import { checkCache } from '../../src/cache/cache-check.js';
import { rewriteArchive, startFakeActionsCache, type FakeActionsCache } from '../helpers/fake-actions-cache.js';

const MAIN = 'refs/heads/main';
const FEATURE = 'refs/heads/feature';
const SCOPE = cacheScope('linux', 'x64', 'demo');

let fake: FakeActionsCache;
let scratch = '';
let jobs = 0;
let printed: string[] = [];
const originalEnv = { ...process.env };
const originalWrite = process.stdout.write;

beforeEach(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-cache-sharing-'));
  fake = await startFakeActionsCache();
  useEnv(fake.env);
  // What would reach the runner: the library's own annotations must never get there.
  printed = [];
  process.stdout.write = ((chunk: unknown) => {
    printed.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
});

afterEach(async () => {
  process.stdout.write = originalWrite;
  expect(printed.join('').split('\n').filter((line) => /^::(warning|error)/.test(line))).toEqual([]);
  await fake.close();
  fs.rmSync(scratch, { recursive: true, force: true });
  for (const name of Object.keys(process.env)) if (!(name in originalEnv)) delete process.env[name];
  Object.assign(process.env, originalEnv);
});

function useEnv(env: Readonly<Record<string, string>>): void {
  delete process.env['ACTIONS_CACHE_MODE'];
  Object.assign(process.env, env);
}

interface Job {
  readonly context: SharingContext;
  readonly cache: ArtifactCache;
  readonly warnings: string[];
}

/** A job on `branch` with its own local cache (empty unless one is given) and work directory. */
function job(options: { readonly branch?: string; readonly cache?: ArtifactCache; readonly lineage?: string } = {}): Job {
  const id = ++jobs;
  const warnings: string[] = [];
  const log: CacheLog = { info: () => undefined, warning: (text) => warnings.push(text) };
  const cache = options.cache ?? new ArtifactCache(path.join(scratch, `cache-${id}`));
  const context: SharingContext = {
    cache,
    service: actionsCacheService(log),
    scope: SCOPE,
    branch: options.branch ?? MAIN,
    defaultBranch: MAIN,
    runId: `${1000 + id}-1`,
    lineage: options.lineage ?? 'build',
    // RUNNER_TEMP: the same path in every job, as on hosted runners (the path is part of an entry's version).
    workDirectory: path.join(scratch, 'runner-temp'),
    log,
  };
  return { context, cache, warnings };
}

type Files = Readonly<Record<string, string | { readonly contents: string; readonly executable: true } | { readonly symlink: string }>>;

/** Builds an artifact the way a build does: a real output directory ingested into the store, then its record. */
async function artifact(cache: ArtifactCache, name: string, files: Files, version = 'v1'): Promise<ArtifactKey> {
  const output = fs.mkdtempSync(path.join(scratch, `output-${name}-`));
  for (const [file, contents] of Object.entries(files)) {
    const full = path.join(output, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    if (typeof contents === 'string') fs.writeFileSync(full, contents);
    else if ('symlink' in contents) fs.symlinkSync(contents.symlink, full);
    else {
      fs.writeFileSync(full, contents.contents);
      fs.chmodSync(full, 0o755);
    }
  }
  const ingested = await cache.store.putDirectory(output, { move: false });
  const record: ArtifactRecord = {
    version: 1,
    project: 'demo',
    element: `${name}.bst`,
    keys: { strong: `${name}-${version}-strong`, weak: `${name}-weak`, strict: `${name}-${version}-strong` },
    dependencies: [],
    result: { success: true },
    files: ingested.digest,
    log: cache.store.putBytes(Buffer.from(`build log of ${name} ${version}\n`)),
    public: {},
    timing: { started: new Date(0).toISOString(), durationMs: 0 },
    size: ingested.bytes,
  };
  cache.put(record);
  return { project: 'demo', element: record.element, key: record.keys.strong };
}

/** Every ref file of a cache, by path under refs/, with its text. */
function refFiles(cache: ArtifactCache): Map<string, string> {
  const refs = new Map<string, string>();
  for (const entry of cache.listRefs()) refs.set(`${entry.ref.project}/${entry.ref.element}/${entry.ref.key}`, fs.readFileSync(entry.path, 'utf8'));
  return refs;
}

function requests(route: string, key?: string): number {
  return fake.requests().filter((r) => r.route === route && (key === undefined || r.key === key)).length;
}

const packKeys = (): string[] => fake.entries().filter((e) => e.key.includes('-pack-')).map((e) => e.key);
const indexKeys = (): string[] => fake.entries().filter((e) => e.key.includes('-index-')).map((e) => e.key);

/** The newest index entry the fake holds under a branch's prefix, read out of its archive. */
function newestIndex(branchSlug: string): PackIndex {
  const entry = fake
    .entries()
    .filter((e) => e.key.startsWith(`${SCOPE}-index-${branchSlug}-`))
    .sort((a, b) => b.created - a.created)[0];
  if (!entry) throw new Error(`no index for ${branchSlug}`);
  const tar = path.join(scratch, 'index.tar');
  rewriteArchive(fake.blob(entry.key) ?? Buffer.alloc(0), (bytes) => {
    fs.writeFileSync(tar, bytes);
    return bytes;
  });
  const listed = spawnSync('tar', ['-xOPf', tar, '--wildcards', '*index.json']);
  const index = parseIndex(listed.stdout.toString('utf8'), () => true);
  if (!index) throw new Error(`index ${entry.key} does not parse`);
  return index;
}

/** The member names of the archive stored under `key`. */
function archiveMembers(key: string): string[] {
  const tar = path.join(scratch, 'members.tar');
  rewriteArchive(fake.blob(key) ?? Buffer.alloc(0), (bytes) => {
    fs.writeFileSync(tar, bytes);
    return bytes;
  });
  return spawnSync('tar', ['-tPf', tar]).stdout.toString('utf8').split('\n').filter(Boolean);
}

/** The manifest of the pack stored under `key`: what its data file holds, in order. */
function packManifest(key: string): { objects: Array<[string, number]>; refs: Array<[string, number]> } {
  const tar = path.join(scratch, 'manifest.tar');
  rewriteArchive(fake.blob(key) ?? Buffer.alloc(0), (bytes) => {
    fs.writeFileSync(tar, bytes);
    return bytes;
  });
  return JSON.parse(spawnSync('tar', ['-xOPf', tar, '--wildcards', '*manifest.json']).stdout.toString('utf8')) as { objects: Array<[string, number]>; refs: Array<[string, number]> };
}

function refNames(index: PackIndex): string[][] {
  return index.packs.map((pack) => pack.artifacts.map((a) => `${a.element}@${a.keys.join('+')}`));
}

describe('saving and restoring artifacts through the Actions cache', () => {
  it('a save then a restore into an empty cache gives the same artifacts, and the cache check finds nothing wrong', async () => {
    const builder = job();
    const produced = [
      await artifact(builder.cache, 'base', { 'usr/lib/libbase.so': 'base library', 'usr/share/doc/base/README': 'read me' }),
      await artifact(builder.cache, 'tool', {
        'usr/bin/tool': { contents: '#!/bin/sh\necho tool\n', executable: true },
        'usr/bin/tool-alias': { symlink: 'tool' },
        'usr/share/tool/data.txt': 'base library',
      }),
      await artifact(builder.cache, 'empty', {}),
    ];

    const saved = await saveArtifacts(builder.context, produced, produced);
    expect(saved).toMatchObject({ artifacts: 3, packs: 1, indexSaved: true, readOnly: false, compacted: false, warnings: [] });
    expect(packKeys()).toHaveLength(1);
    expect(indexKeys()).toHaveLength(1);
    expect(builder.warnings).toEqual([]);

    const consumer = job();
    const restored = await restoreArtifacts(consumer.context, produced);
    expect(restored).toMatchObject({ artifacts: 3, packs: 1, warnings: [] });
    expect(restored.bytes).toBeGreaterThan(0);
    // Strong and weak refs come back byte for byte.
    expect(refFiles(consumer.cache)).toEqual(refFiles(builder.cache));
    const check = await checkCache(consumer.cache, { repair: false });
    expect(check.corrupt).toEqual([]);
    expect(check.brokenRefs).toEqual([]);
    expect(check.objectsChecked).toBeGreaterThan(0);
    expect(consumer.warnings).toEqual([]);
  });

  it('saving the same artifacts again (the post step after the main step) uploads nothing', async () => {
    const builder = job();
    const produced = [await artifact(builder.cache, 'base', { 'lib/a': 'a' }), await artifact(builder.cache, 'app', { 'bin/app': 'app' })];
    await restoreArtifacts(builder.context, produced);
    const first = await saveArtifacts(builder.context, produced, produced);
    expect(first).toMatchObject({ packs: 1, indexSaved: true });
    const creates = requests('CreateCacheEntry');
    const uploads = requests('upload');

    // The post step: a new process, the same work directory.
    const post = { ...builder.context, service: actionsCacheService(builder.context.log) };
    const second = await saveArtifacts(post, produced, produced);
    expect(second).toMatchObject({ artifacts: 0, packs: 0, bytes: 0, indexSaved: false, readOnly: false, warnings: [] });
    expect(requests('CreateCacheEntry')).toBe(creates);
    expect(requests('upload')).toBe(uploads);

    // A later run that already has them locally finds them in the index and uploads nothing either.
    const later = job({ cache: builder.cache });
    await restoreArtifacts(later.context, produced);
    const third = await saveArtifacts(later.context, produced, produced);
    expect(third).toMatchObject({ packs: 0, indexSaved: false });
    expect(requests('upload')).toBe(uploads);
    expect(packKeys()).toHaveLength(1);
    expect(indexKeys()).toHaveLength(1);
  });

  it('restores only the packs that hold wanted artifacts the local cache lacks', async () => {
    const first = job();
    const a = await artifact(first.cache, 'a', { 'a.txt': 'payload of a' });
    await saveArtifacts(first.context, [a], [a]);

    const second = job({ cache: first.cache });
    await restoreArtifacts(second.context, [a]);
    const b = await artifact(second.cache, 'b', { 'b.txt': 'payload of b' });
    const secondSave = await saveArtifacts(second.context, [a, b], [a, b]);
    expect(secondSave).toMatchObject({ artifacts: 1, packs: 1, indexSaved: true });
    const [packA, packB] = packKeys();
    expect(packA).toBeDefined();
    expect(packB).toBeDefined();

    // A job that lacks only b downloads only b's pack.
    const hasA = new ArtifactCache(path.join(scratch, 'has-a'));
    await artifact(hasA, 'a', { 'a.txt': 'payload of a' });
    fake.clearRequests();
    const restored = await restoreArtifacts(job({ cache: hasA }).context, [a, b]);
    expect(restored).toMatchObject({ artifacts: 1, packs: 1 });
    expect(requests('download', packB)).toBe(1);
    expect(requests('download', packA)).toBe(0);

    // Nothing wanted is lacking: only the two small index lookups happen.
    fake.clearRequests();
    const again = await restoreArtifacts(job({ cache: hasA }).context, [a, b]);
    expect(again).toMatchObject({ artifacts: 0, packs: 0 });
    expect(fake.requests().filter((r) => r.route === 'download' && r.key?.includes('-pack-'))).toEqual([]);
  });

  it('a second round of restores in the same job neither reads the indexes again nor downloads a pack twice', async () => {
    const builder = job();
    const a = await artifact(builder.cache, 'a', { 'a.txt': 'a' });
    const b = await artifact(builder.cache, 'b', { 'b.txt': 'b' });
    await saveArtifacts(builder.context, [a, b], [a, b]);

    const consumer = job();
    fake.clearRequests();
    expect(await restoreArtifacts(consumer.context, [a])).toMatchObject({ artifacts: 2, packs: 1 });
    // On the default branch, where the newest index of any job is this job's own: one lookup.
    const lookups = fake.requests().filter((r) => r.route === 'GetCacheEntryDownloadURL' && r.key?.includes('-index-')).length;
    expect(lookups).toBe(1);
    // The first round published b too, from the pack it had downloaded and verified anyway.
    fake.clearRequests();
    expect(await restoreArtifacts(consumer.context, [a, b])).toMatchObject({ artifacts: 0, packs: 0 });
    expect(fake.requests()).toEqual([]);
  });

  it('a branch reads its own newest index and the default branch newest index, and unions them', async () => {
    const onMain = job();
    const a = await artifact(onMain.cache, 'a', { 'a.txt': 'a' });
    await saveArtifacts(onMain.context, [a], [a]);

    // A feature branch sees main's index, and adds its own delta in its own scope.
    useEnv(fake.envFor(FEATURE));
    const onFeature = job({ branch: FEATURE });
    expect(await restoreArtifacts(onFeature.context, [a])).toMatchObject({ artifacts: 1 });
    const b = await artifact(onFeature.cache, 'b', { 'b.txt': 'b' });
    expect(await saveArtifacts(onFeature.context, [a, b], [a, b])).toMatchObject({ packs: 1, indexSaved: true });
    const onBranch = fake.entries().filter((e) => e.scope === FEATURE);
    expect(onBranch.map((e) => (e.key.startsWith(`${SCOPE}-index-feature-`) ? 'index' : e.key.startsWith(`${SCOPE}-pack-`) ? 'pack' : e.key))).toEqual(['pack', 'index']);

    // Main moves on after the branch's index was written.
    useEnv(fake.env);
    const mainLater = job({ cache: onMain.cache });
    await restoreArtifacts(mainLater.context, [a]);
    const c = await artifact(mainLater.cache, 'c', { 'c.txt': 'c' });
    await saveArtifacts(mainLater.context, [a, c], [a, c]);

    // A fresh job on the branch gets b from its own index and c from main's newer one.
    useEnv(fake.envFor(FEATURE));
    const fresh = job({ branch: FEATURE });
    const restored = await restoreArtifacts(fresh.context, [a, b, c]);
    expect(restored).toMatchObject({ artifacts: 3, warnings: [] });
    expect([...refFiles(fresh.cache).keys()].sort()).toEqual(
      ['demo/a/a-v1-strong', 'demo/a/a-weak', 'demo/b/b-v1-strong', 'demo/b/b-weak', 'demo/c/c-v1-strong', 'demo/c/c-weak'].sort(),
    );

    // Main cannot see what only the branch saved.
    useEnv(fake.env);
    const mainFresh = job();
    expect(await restoreArtifacts(mainFresh.context, [a, b, c])).toMatchObject({ artifacts: 2 });
    expect(fs.existsSync(mainFresh.cache.refPath(b))).toBe(false);
  });

  it('jobs that save side by side keep their own indexes, so neither loses what the other saved', async () => {
    // Two matrix legs building different targets start together from the same (empty) cache.
    const legA = job({ lineage: 'leg_a' });
    const legB = job({ lineage: 'leg_b' });
    expect(await restoreArtifacts(legA.context, [])).toMatchObject({ artifacts: 0 });
    expect(await restoreArtifacts(legB.context, [])).toMatchObject({ artifacts: 0 });
    const a = await artifact(legA.cache, 'a', { 'a.txt': 'a' });
    const b = await artifact(legB.cache, 'b', { 'b.txt': 'b' });
    expect(await saveArtifacts(legA.context, [a], [a])).toMatchObject({ packs: 1, indexSaved: true });
    expect(await saveArtifacts(legB.context, [b], [b])).toMatchObject({ packs: 1, indexSaved: true });

    // B's index is the branch's newest, yet the next run of leg A still finds a through its own.
    const nextA = job({ lineage: 'leg_a' });
    expect(await restoreArtifacts(nextA.context, [a])).toMatchObject({ artifacts: 1, warnings: [] });
    const nextB = job({ lineage: 'leg_b' });
    expect(await restoreArtifacts(nextB.context, [b])).toMatchObject({ artifacts: 1, warnings: [] });
  });

  it('a job that restored another job\'s pack lists it in its own index, without copying the artifacts', async () => {
    const base = job({ lineage: 'base' });
    const a = await artifact(base.cache, 'a', { 'a.txt': 'a' });
    await saveArtifacts(base.context, [a], [a]);

    // The app job needs a (found through the newest index of any job) and builds c on top.
    const app = job({ lineage: 'app' });
    expect(await restoreArtifacts(app.context, [a])).toMatchObject({ artifacts: 1 });
    const c = await artifact(app.cache, 'c', { 'c.txt': 'c' });
    fake.clearRequests();
    await saveArtifacts(app.context, [c], [a, c]);
    expect(requests('CreateCacheEntry')).toBe(2); // one delta pack holding c only, one index
    expect(newestIndex('main').packs.map((p) => p.artifacts.map((x) => x.element))).toEqual([['a.bst'], ['c.bst']]);

    // Another job saves later, so the app job's index is no longer the newest of the branch.
    const other = job({ lineage: 'other' });
    const d = await artifact(other.cache, 'd', { 'd.txt': 'd' });
    await saveArtifacts(other.context, [d], [d]);
    const nextApp = job({ lineage: 'app' });
    expect(await restoreArtifacts(nextApp.context, [a, c])).toMatchObject({ artifacts: 2, warnings: [] });
  });

  it('a pack evicted from the cache is a miss, and the job that rebuilds its artifact saves it again', async () => {
    const first = job();
    const a = await artifact(first.cache, 'a', { 'a.txt': 'a' });
    await saveArtifacts(first.context, [a], [a]);
    const second = job({ cache: first.cache });
    await restoreArtifacts(second.context, [a]);
    const b = await artifact(second.cache, 'b', { 'b.txt': 'b' });
    await saveArtifacts(second.context, [b], [a, b]);
    const [packA] = packKeys();
    fake.evict(packA ?? '');

    const third = job();
    const restored = await restoreArtifacts(third.context, [a, b]);
    expect(restored).toMatchObject({ artifacts: 1, packs: 1, warnings: [] });
    expect(fs.existsSync(third.cache.refPath(a))).toBe(false);
    // This job rebuilds a, reproducibly: the same pack, under the same key, is uploaded again.
    const rebuilt = await artifact(third.cache, 'a', { 'a.txt': 'a' });
    expect(await saveArtifacts(third.context, [rebuilt, b], [rebuilt, b])).toMatchObject({ artifacts: 1, packs: 1, indexSaved: true });
    expect(packKeys().sort()).toEqual([...new Set(packKeys())].sort());
    expect(packKeys()).toContain(packA);
    expect(refNames(newestIndex('main'))).toEqual([['b.bst@b-v1-strong+b-weak'], ['a.bst@a-v1-strong+a-weak']]);
    expect(await restoreArtifacts(job().context, [a, b])).toMatchObject({ artifacts: 2, packs: 2, warnings: [] });
  });

  it('a corrupted pack is rejected with a warning and publishes no ref', async () => {
    const builder = job();
    const produced = [await artifact(builder.cache, 'a', { 'a.txt': 'payload of a' }), await artifact(builder.cache, 'b', { 'b.txt': 'payload of b' })];
    await saveArtifacts(builder.context, produced, produced);
    const [pack] = packKeys();
    expect(pack).toBeDefined();
    // Same length, so the archive stays a valid tar: only the object's bytes are wrong.
    fake.tamper(pack ?? '', (archive) => rewriteArchive(archive, (tar) => replaceOnce(tar, 'payload of b', 'PAYLOAD OF B')));

    const consumer = job();
    const restored = await restoreArtifacts(consumer.context, produced);
    expect(restored).toMatchObject({ artifacts: 0, packs: 0 });
    expect(restored.warnings).toHaveLength(1);
    expect(restored.warnings[0]).toMatch(/^Rejected pack .*-pack-[0-9a-f]{64} from the Actions cache: object [0-9a-f]{64} is corrupt/);
    expect(consumer.warnings).toEqual(restored.warnings);
    expect(refFiles(consumer.cache).size).toBe(0);
    // What did enter the store is stored under the hash of its bytes: the check finds nothing wrong.
    expect((await checkCache(consumer.cache, { repair: false })).corrupt).toEqual([]);
  });

  it('a pack whose records do not match its key is rejected too', async () => {
    const builder = job();
    const produced = [await artifact(builder.cache, 'a', { 'a.txt': 'payload of a' })];
    await saveArtifacts(builder.context, produced, produced);
    const [pack] = packKeys();
    fake.tamper(pack ?? '', (archive) => rewriteArchive(archive, (tar) => replaceAll(tar, '"durationMs": 0', '"durationMs": 9')));

    const consumer = job();
    const restored = await restoreArtifacts(consumer.context, produced);
    expect(restored).toMatchObject({ artifacts: 0, packs: 0 });
    expect(restored.warnings.join('\n')).toMatch(/its contents hash to [0-9a-f]{64}, not to the [0-9a-f]{64} its key names/);
    expect(refFiles(consumer.cache).size).toBe(0);
  });

  it.each([
    ['the service answers 429 (rate limited)', () => fake.inject429(100)],
    ['the service denies cache writes', () => fake.setReadOnly(true)],
    ['the token has no writable scope', () => useEnv(fake.envFor(MAIN, { writable: false }))],
    ['the job runs with cache-mode read', () => useEnv({ ACTIONS_CACHE_MODE: 'read' })],
  ])('when %s, saving reports read-only with one warning and never throws', async (_case, setUp) => {
    const builder = job();
    const produced = [await artifact(builder.cache, 'a', { 'a.txt': 'a' })];
    await restoreArtifacts(builder.context, produced);
    setUp();
    const first = await saveArtifacts(builder.context, produced, produced);
    expect(first).toMatchObject({ packs: 0, indexSaved: false, readOnly: true, warnings: [] });
    const second = await saveArtifacts(builder.context, produced, produced);
    expect(second).toMatchObject({ packs: 0, indexSaved: false, readOnly: true, warnings: [] });
    expect(builder.warnings).toHaveLength(1);
    expect(builder.warnings[0]).toMatch(/^The Actions cache is read-only for this job \(.+\): built artifacts are not saved to it\.$/);
    expect(fake.entries()).toEqual([]);
  });

  it('compaction on the default branch leaves one base pack holding what the run used', async () => {
    const cache = new ArtifactCache(path.join(scratch, 'shared-cache'));
    const keys: ArtifactKey[] = [];
    for (const name of ['a', 'b', 'c']) {
      const builder = job({ cache });
      await restoreArtifacts(builder.context, keys);
      const key = await artifact(cache, name, { [`${name}.txt`]: `payload of ${name}`.repeat(50) });
      keys.push(key);
      await saveArtifacts(builder.context, [key], keys);
    }
    expect(newestIndex('main').packs.map((p) => p.kind)).toEqual(['delta', 'delta', 'delta']);
    const [a, b, c] = keys as [ArtifactKey, ArtifactKey, ArtifactKey];

    // A feature branch never compacts, however small the budget.
    useEnv(fake.envFor(FEATURE));
    const onFeature = job({ branch: FEATURE, cache });
    await restoreArtifacts(onFeature.context, keys);
    const d = await artifact(cache, 'd', { 'd.txt': 'payload of d' });
    expect(await saveArtifacts(onFeature.context, [d], [a, d], { maxBytes: 100 })).toMatchObject({ compacted: false, packs: 1 });
    expect(newestIndex('feature').packs).toHaveLength(4);

    useEnv(fake.env);
    const compactor = job({ cache });
    await restoreArtifacts(compactor.context, keys);
    const report = await saveArtifacts(compactor.context, [], [a, c], { maxBytes: 100 });
    expect(report).toMatchObject({ compacted: true, indexSaved: true, packs: 1, artifacts: 2 });
    const index = newestIndex('main');
    expect(index.packs.map((p) => p.kind)).toEqual(['base']);
    expect(refNames(index)).toEqual([['a.bst@a-v1-strong+a-weak', 'c.bst@c-v1-strong+c-weak']]);

    // The post step finds nothing left to do.
    const post = await saveArtifacts({ ...compactor.context, service: actionsCacheService(compactor.context.log) }, [], [a, c], { maxBytes: 100 });
    expect(post).toMatchObject({ packs: 0, indexSaved: false, compacted: false });

    // A fresh job gets a and c from the one base pack; b is gone from main's index.
    const fresh = job();
    fake.clearRequests();
    expect(await restoreArtifacts(fresh.context, [a, b, c])).toMatchObject({ artifacts: 2, packs: 1 });
    expect(fake.requests().filter((r) => r.route === 'download' && r.key?.includes('-pack-'))).toHaveLength(1);
  });

  it('after a one-element change the delta pack holds only that element new artifact', async () => {
    const builder = job();
    const first = [
      await artifact(builder.cache, 'a', { 'a.txt': 'a' }),
      await artifact(builder.cache, 'b', { 'b.txt': 'b, first version' }),
      await artifact(builder.cache, 'c', { 'c.txt': 'c' }),
    ];
    await saveArtifacts(builder.context, first, first);

    const next = job();
    expect(await restoreArtifacts(next.context, first)).toMatchObject({ artifacts: 3 });
    const changed = await artifact(next.cache, 'b', { 'b.txt': 'b, second version' }, 'v2');
    const produced = [first[0] as ArtifactKey, changed, first[2] as ArtifactKey];
    const report = await saveArtifacts(next.context, produced, produced);
    expect(report).toMatchObject({ artifacts: 1, packs: 1, indexSaved: true });

    const index = newestIndex('main');
    expect(refNames(index)).toEqual([['a.bst@a-v1-strong+a-weak', 'b.bst@b-v1-strong+b-weak', 'c.bst@c-v1-strong+c-weak'], ['b.bst@b-v2-strong+b-weak']]);
    // The delta itself: b's two refs and b's three objects (its root directory, b.txt and its log).
    const members = archiveMembers(index.packs[1]?.key ?? '').map((name) => name.replace(/^.*\/pack-[0-9a-f]{64}\//, ''));
    expect(members.filter((name) => /^[a-z.]+$/.test(name)).sort()).toEqual(['data', 'manifest.json']);
    expect(members.filter((name) => name.includes('/') && !name.endsWith('/'))).toEqual([]);
    const manifest = packManifest(index.packs[1]?.key ?? '');
    expect(manifest.refs.map(([name]) => name).sort()).toEqual(['demo/b/b-v2-strong', 'demo/b/b-weak']);
    expect(manifest.objects).toHaveLength(3);
  });
});

function replaceOnce(buffer: Buffer, from: string, to: string): Buffer {
  const at = buffer.indexOf(from);
  if (at < 0) throw new Error(`'${from}' is not in the archive`);
  const copy = Buffer.from(buffer);
  copy.write(to, at);
  return copy;
}

function replaceAll(buffer: Buffer, from: string, to: string): Buffer {
  let copy = Buffer.from(buffer);
  let at = copy.indexOf(from);
  if (at < 0) throw new Error(`'${from}' is not in the archive`);
  while (at >= 0) {
    copy.write(to, at);
    at = copy.indexOf(from, at + to.length);
  }
  return copy;
}
