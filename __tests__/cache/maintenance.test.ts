// Cache maintenance on real caches in temporary directories: the quota, expiry with garbage
// collection, and the check that finds (and repairs) corruption.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ArtifactCache, type ArtifactRecord, type ArtifactRef } from '../../src/cache/artifact-cache.js';
import { checkCache } from '../../src/cache/cache-check.js';
import { cacheSize, collectGarbage, expireArtifacts } from '../../src/cache/expiry.js';
import { defaultQuota, diskOf, parseQuota } from '../../src/cache/quota.js';
import { CairnError } from '../../src/format/errors.js';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

let scratch = '';
let cache: ArtifactCache;

beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-maintenance-'));
  cache = new ArtifactCache(path.join(scratch, 'cache'));
});

afterEach(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

type Contents = string | { readonly contents: string; readonly executable: true };

interface Built {
  readonly record: ArtifactRecord;
  readonly strong: ArtifactRef;
  readonly weak: ArtifactRef;
  /** The sha256 of each file's contents, by file name. */
  readonly hashes: Readonly<Record<string, string>>;
}

/** Builds an artifact the way a build does: a real output directory ingested into the store. */
async function artifact(name: string, files: Readonly<Record<string, Contents>>, usedAt?: number): Promise<Built> {
  const output = path.join(scratch, 'outputs', name);
  const hashes: Record<string, string> = {};
  for (const [file, contents] of Object.entries(files)) {
    const full = path.join(output, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    const text = typeof contents === 'string' ? contents : contents.contents;
    fs.writeFileSync(full, text);
    fs.chmodSync(full, typeof contents === 'string' ? 0o644 : 0o755);
    hashes[file] = sha256(text);
  }
  const ingested = await cache.store.putDirectory(output, { move: false });
  const record: ArtifactRecord = {
    version: 1,
    project: 'demo',
    element: `${name}.bst`,
    keys: { strong: `${name}-strong`, weak: `${name}-weak`, strict: `${name}-strong` },
    dependencies: [],
    result: { success: true },
    files: ingested.digest,
    log: cache.store.putBytes(Buffer.from(`build log of ${name}\n`)),
    public: {},
    timing: { started: new Date(0).toISOString(), durationMs: 0 },
    size: ingested.bytes,
  };
  cache.put(record);
  const strong = { project: 'demo', element: record.element, key: record.keys.strong };
  const weak = { project: 'demo', element: record.element, key: record.keys.weak };
  if (usedAt !== undefined) for (const ref of [strong, weak]) fs.utimesSync(cache.refPath(ref), new Date(usedAt), new Date(usedAt));
  return { record, strong, weak, hashes };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function refsExist(built: Built): boolean[] {
  return [built.strong, built.weak].map((ref) => fs.existsSync(cache.refPath(ref)));
}

/** Ten thousand bytes unique to `seed`, so artifacts weigh the same and share nothing. */
function payload(seed: string): string {
  return `${seed}:`.padEnd(10_000, '.');
}

describe('cache quota', () => {
  const disk = { totalBytes: 1_000_000 };

  it('reads infinity, plain bytes and sizes in powers of 1024', () => {
    expect(parseQuota('infinity', disk)).toBe(Infinity);
    expect(parseQuota('Infinity', disk)).toBe(Infinity);
    expect(parseQuota('5000', disk)).toBe(5000);
    expect(parseQuota('10K', disk)).toBe(10 * 1024);
    expect(parseQuota('10KB', disk)).toBe(10 * 1024);
    expect(parseQuota('10KiB', disk)).toBe(10 * 1024);
    expect(parseQuota('512m', disk)).toBe(512 * 1024 ** 2);
    expect(parseQuota('1.5G', disk)).toBe(1.5 * 1024 ** 3);
    expect(parseQuota(' 2T ', disk)).toBe(2 * 1024 ** 4);
  });

  it('reads a percentage as a share of the disk holding the cache', () => {
    expect(parseQuota('50%', disk)).toBe(500_000);
    expect(parseQuota('100%', disk)).toBe(1_000_000);
    expect(parseQuota('12.5%', disk)).toBe(125_000);
  });

  it('rejects text that is not a size, naming the forms it accepts and where it was written', () => {
    const at = { file: 'cairn.conf', line: 3, column: 10 };
    for (const text of ['lots', '', '-5G', '10X', '5 GB please', '150%']) {
      let caught: unknown;
      try {
        parseQuota(text, disk, at);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(CairnError);
      const error = caught as CairnError;
      expect(error.reason).toBe('invalid-data');
      expect(error.provenance).toEqual(at);
      expect(error.hint).toMatch(/K, M, G or T/);
      expect(error.hint).toMatch(/50%/);
      expect(error.hint).toMatch(/infinity/);
      expect(error.describe()).toMatch(/^cairn\.conf:3:10: invalid cache quota/);
    }
  });

  it('defaults to half the disk, measured on the filesystem holding the cache even before it exists', () => {
    expect(defaultQuota(disk)).toBe(500_000);
    const measured = diskOf(path.join(scratch, 'not', 'yet', 'created'));
    expect(measured.totalBytes).toBeGreaterThan(0);
    expect(measured.availableBytes).toBeGreaterThanOrEqual(0);
    expect(measured.availableBytes).toBeLessThanOrEqual(measured.totalBytes);
    expect(measured.totalBytes).toBe(diskOf(scratch).totalBytes);
  });
});

describe('cache size', () => {
  it('is the sum of the sizes of the objects, counting each executable copy once more', () => {
    cache.store.putBytes(Buffer.alloc(10, 1));
    cache.store.putBytes(Buffer.alloc(20, 2));
    cache.store.putBytes(Buffer.alloc(30, 3));
    cache.store.putBytes(Buffer.alloc(30, 3), true);
    cache.store.putBytes(Buffer.alloc(10, 1));
    return expect(cacheSize(cache.store)).resolves.toBe(10 + 20 + 30 + 30);
  });
});

describe('expiry', () => {
  it('removes the least recently used artifacts first and stops under the low watermark', async () => {
    const now = Date.now() + HOUR;
    const oldest = await artifact('oldest', { 'usr/bin/a': payload('oldest') }, now - 4 * HOUR);
    const older = await artifact('older', { 'usr/bin/a': payload('older') }, now - 3 * HOUR);
    const newer = await artifact('newer', { 'usr/bin/a': payload('newer') }, now - 2 * HOUR);
    const newest = await artifact('newest', { 'usr/bin/a': payload('newest') }, now - 1 * HOUR);
    const size = await cacheSize(cache.store);
    // Removing one artifact leaves 75% of the cache, above 0.8 * 70%; removing two leaves 50%.
    const quotaBytes = Math.floor(size * 0.7);

    const report = await expireArtifacts(cache, { quotaBytes, now });

    expect(report.removedArtifacts).toEqual([oldest.strong, older.strong]);
    expect(report.sizeBefore).toBe(size);
    expect(report.sizeAfter).toBeLessThanOrEqual(0.8 * quotaBytes);
    expect(report.sizeAfter).toBe(await cacheSize(cache.store));
    expect(report.freedBytes).toBe(size - report.sizeAfter);
    expect([...refsExist(oldest), ...refsExist(older)]).toEqual([false, false, false, false]);
    expect(cache.store.has(oldest.hashes['usr/bin/a']!)).toBe(false);
    expect(cache.store.has(older.hashes['usr/bin/a']!)).toBe(false);
    for (const kept of [newer, newest]) {
      expect(refsExist(kept)).toEqual([true, true]);
      expect(cache.lookup(kept.weak)).toEqual(kept.record);
      expect(cache.store.has(kept.hashes['usr/bin/a']!)).toBe(true);
    }
  });

  it('does nothing while the cache is within its quota', async () => {
    const now = Date.now() + HOUR;
    const built = await artifact('small', { file: payload('small') }, now - 4 * HOUR);
    const size = await cacheSize(cache.store);
    const report = await expireArtifacts(cache, { quotaBytes: size, now });
    expect(report).toEqual({ removedArtifacts: [], freedBytes: 0, sizeBefore: size, sizeAfter: size });
    expect(refsExist(built)).toEqual([true, true]);
  });

  it('never expires a pinned artifact nor one used in the last ten minutes', async () => {
    const now = Date.now() + HOUR;
    const staging = await artifact('staging', { file: payload('staging') }, now - 5 * HOUR);
    const justUsed = await artifact('just-used', { file: payload('just-used') }, now - 2 * MINUTE);
    const idle = await artifact('idle', { file: payload('idle') }, now - 1 * HOUR);

    const report = await expireArtifacts(cache, { quotaBytes: 0, pinned: new Set([cache.refPath(staging.weak)]), now });

    expect(report.removedArtifacts).toEqual([idle.strong]);
    expect(refsExist(idle)).toEqual([false, false]);
    for (const kept of [staging, justUsed]) {
      expect(refsExist(kept)).toEqual([true, true]);
      expect(cache.store.has(kept.hashes['file']!)).toBe(true);
    }
    expect(report.sizeAfter).toBeGreaterThan(0);
  });

  it('keeps the objects an expired artifact shared with a kept one', async () => {
    const now = Date.now() + HOUR;
    const shared = payload('shared library');
    const old = await artifact('old', { 'lib/libshared.so': shared, 'bin/old-tool': payload('old tool') }, now - 3 * HOUR);
    const kept = await artifact('kept', { 'lib/libshared.so': shared, 'bin/new-tool': payload('new tool') }, now - 2 * HOUR);
    const size = await cacheSize(cache.store);

    const report = await expireArtifacts(cache, { quotaBytes: size - 1, lowWatermark: 1, now });

    expect(report.removedArtifacts).toEqual([old.strong]);
    expect(cache.store.has(old.hashes['bin/old-tool']!)).toBe(false);
    expect(cache.store.has(kept.hashes['lib/libshared.so']!)).toBe(true);
    expect(cache.store.has(kept.hashes['bin/new-tool']!)).toBe(true);
    // The kept tree still resolves completely.
    const report2 = await checkCache(cache, { repair: false });
    expect(report2.brokenRefs).toEqual([]);
  });

  it('a weak ref taken over by a newer build stays when the older build expires', async () => {
    const now = Date.now() + HOUR;
    const first = await artifact('app', { bin: payload('first build') }, now - 3 * HOUR);
    // A rebuild after a dependency changed: a new strong key under the same weak key.
    const rebuilt: ArtifactRecord = { ...first.record, keys: { ...first.record.keys, strong: 'app-strong-2' }, files: cache.store.emptyDirectory() };
    cache.put(rebuilt);
    const rebuiltRef = { ...first.strong, key: 'app-strong-2' };
    fs.utimesSync(cache.refPath(first.weak), new Date(now - 2 * HOUR), new Date(now - 2 * HOUR));
    fs.utimesSync(cache.refPath(rebuiltRef), new Date(now - 2 * HOUR), new Date(now - 2 * HOUR));
    const size = await cacheSize(cache.store);

    const report = await expireArtifacts(cache, { quotaBytes: size - 1, lowWatermark: 1, now });

    expect(report.removedArtifacts).toEqual([first.strong]);
    expect(fs.existsSync(cache.refPath(first.strong))).toBe(false);
    expect(cache.lookup(first.weak)).toEqual(rebuilt);
    expect(cache.lookup(rebuiltRef)).toEqual(rebuilt);
  });
});

describe('garbage collection', () => {
  it('keeps the executable and the plain copy of the same bytes only while an artifact needs each', async () => {
    const now = Date.now() + HOUR;
    const script = '#!/bin/sh\necho hello\n';
    const tool = await artifact('tool', { 'bin/hello': { contents: script, executable: true } }, now - HOUR);
    const docs = await artifact('docs', { 'share/hello.sh': script }, now - HOUR);
    const hash = sha256(script);
    expect([cache.store.has(hash), cache.store.has(hash, true)]).toEqual([true, true]);

    cache.delete(docs.strong);
    await collectGarbage(cache, { now });

    expect([cache.store.has(hash), cache.store.has(hash, true)]).toEqual([false, true]);
    expect(refsExist(tool)).toEqual([true, true]);
  });

  it('keeps a freshly written unreferenced object during the grace period and removes it after', async () => {
    const built = await artifact('app', { file: payload('app') });
    const orphan = cache.store.putBytes(Buffer.from('written by a build whose ref is not there yet'));

    const early = await collectGarbage(cache, { now: Date.now() });
    expect(early.removedObjects).toBe(0);
    expect(cache.store.has(orphan.hash)).toBe(true);

    const late = await collectGarbage(cache, { now: Date.now() + 2 * MINUTE });
    expect(late).toEqual({ removedObjects: 1, freedBytes: orphan.sizeBytes, removedTemporaries: 0 });
    expect(cache.store.has(orphan.hash)).toBe(false);
    expect(cache.store.has(built.hashes['file']!)).toBe(true);
    expect(cache.lookup(built.strong)).toEqual(built.record);
  });

  it('removes temporary files abandoned for over an hour and keeps current ones', async () => {
    const abandoned = cache.store.temporaryPath('blob');
    fs.writeFileSync(abandoned, 'half an object');

    await collectGarbage(cache, { now: Date.now() });
    expect(fs.existsSync(abandoned)).toBe(true);

    const report = await collectGarbage(cache, { now: Date.now() + 2 * HOUR });
    expect(report.removedTemporaries).toBe(1);
    expect(fs.existsSync(abandoned)).toBe(false);
  });
});

describe('cache check', () => {
  it('finds a corrupted file object and the refs that need it', async () => {
    const app = await artifact('app', { 'bin/app': payload('app') });
    const healthy = await artifact('healthy', { 'bin/other': payload('other') });
    const object = cache.store.objectPath(app.hashes['bin/app']!);
    fs.chmodSync(object, 0o644);
    fs.writeFileSync(object, 'tampered');

    const report = await checkCache(cache, { repair: false });

    expect(report.objectsChecked).toBe([...cache.store.listObjects()].length);
    expect(report.corrupt).toEqual([{ path: object, expected: app.hashes['bin/app'], actual: sha256('tampered') }]);
    expect(report.brokenRefs.map((b) => [b.path, b.problem])).toEqual(
      [app.strong, app.weak].map((ref) => [cache.refPath(ref), { kind: 'corrupt-object', object }]),
    );
    expect(report.repaired).toBe(false);
    expect(fs.existsSync(object)).toBe(true);
    expect(refsExist(app)).toEqual([true, true]);
    expect(refsExist(healthy)).toEqual([true, true]);
  });

  it('finds a missing object and a ref that is not readable', async () => {
    const app = await artifact('app', { 'deep/down/bin/app': payload('app') });
    const garbled = await artifact('garbled', { file: payload('garbled') });
    const object = cache.store.objectPath(app.hashes['deep/down/bin/app']!);
    fs.unlinkSync(object);
    fs.writeFileSync(cache.refPath(garbled.strong), '{ "version": 1, "files": ');

    const report = await checkCache(cache, { repair: false });

    expect(report.corrupt).toEqual([]);
    const problems = new Map(report.brokenRefs.map((b) => [b.path, b.problem]));
    expect(problems.get(cache.refPath(app.strong))).toEqual({ kind: 'missing-object', object });
    expect(problems.get(cache.refPath(app.weak))).toEqual({ kind: 'missing-object', object });
    expect(problems.get(cache.refPath(garbled.strong))?.kind).toBe('unreadable');
    expect(problems.has(cache.refPath(garbled.weak))).toBe(false);
    expect(problems.size).toBe(3);
  });

  it('repair removes the corrupt object and every ref that needs a bad object, and leaves healthy artifacts', async () => {
    const corrupted = await artifact('corrupted', { 'bin/app': payload('corrupted') });
    const incomplete = await artifact('incomplete', { 'bin/app': payload('incomplete') });
    const garbled = await artifact('garbled', { file: payload('garbled') });
    const healthy = await artifact('healthy', { 'bin/app': payload('healthy'), 'lib/lib.so': payload('lib') });
    const corruptObject = cache.store.objectPath(corrupted.hashes['bin/app']!);
    fs.chmodSync(corruptObject, 0o644);
    fs.writeFileSync(corruptObject, 'tampered');
    fs.unlinkSync(cache.store.objectPath(incomplete.hashes['bin/app']!));
    fs.writeFileSync(cache.refPath(garbled.weak), 'not json');

    const report = await checkCache(cache, { repair: true });

    expect(report.repaired).toBe(true);
    expect(report.brokenRefs).toHaveLength(5);
    expect(fs.existsSync(corruptObject)).toBe(false);
    expect(refsExist(corrupted)).toEqual([false, false]);
    expect(refsExist(incomplete)).toEqual([false, false]);
    // Only the unreadable ref goes; its strong twin is intact and still usable.
    expect(refsExist(garbled)).toEqual([true, false]);
    expect(cache.lookup(healthy.strong)).toEqual(healthy.record);
    expect(cache.store.has(healthy.hashes['bin/app']!)).toBe(true);
    expect(cache.store.has(healthy.hashes['lib/lib.so']!)).toBe(true);

    const again = await checkCache(cache, { repair: false });
    expect(again.corrupt).toEqual([]);
    expect(again.brokenRefs).toEqual([]);
  });
});

describe('artifact refs', () => {
  /** The error `run` throws, so its fields can be checked one by one. */
  function thrown(run: () => unknown): CairnError {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(CairnError);
      return error as CairnError;
    }
    throw new Error('expected a CairnError');
  }

  it('a damaged ref is a clear cache error naming the file and the repair, not an internal error', async () => {
    const garbled = await artifact('garbled', { file: payload('garbled') });
    const file = cache.refPath(garbled.strong);
    fs.writeFileSync(file, '\0\0garbage');

    for (const run of [() => cache.lookup(garbled.strong), () => cache.lookup(garbled.strong, false), () => cache.delete(garbled.strong)]) {
      const error = thrown(run);
      expect(error.reason).toBe('cache-corrupt');
      expect(error.message).toContain(`damaged artifact ref ${file}: not JSON`);
      expect(error.hint).toMatch(/cairn cache check --repair/);
    }
    // A failed delete leaves the artifact's other ref alone.
    expect(refsExist(garbled)).toEqual([true, true]);
  });

  it('JSON that is not a record (null) is damaged too', async () => {
    const built = await artifact('app', { file: payload('app') });
    fs.writeFileSync(cache.refPath(built.weak), 'null');
    expect(thrown(() => cache.lookup(built.weak)).message).toContain('not a JSON object');
    expect(cache.lookup(built.strong)).toEqual(built.record);
  });

  it('cache check --repair removes the damaged ref the error points at, and the artifact is then simply absent', async () => {
    const garbled = await artifact('garbled', { file: payload('garbled') });
    fs.writeFileSync(cache.refPath(garbled.strong), 'garbage');

    const report = await checkCache(cache, { repair: true });

    expect(report.brokenRefs.map((b) => [b.path, b.problem.kind])).toEqual([[cache.refPath(garbled.strong), 'unreadable']]);
    expect(cache.lookup(garbled.strong)).toBeUndefined();
    expect(cache.lookup(garbled.weak)).toEqual(garbled.record);
  });

  it("a record of another Cairn version is no artifact of this one, and delete leaves it", async () => {
    const built = await artifact('app', { file: payload('app') });
    const other = JSON.stringify({ ...built.record, version: 2 });
    fs.writeFileSync(cache.refPath(built.strong), other);
    expect(cache.lookup(built.strong)).toBeUndefined();
    expect(cache.delete(built.strong)).toBe(false);
    expect(fs.readFileSync(cache.refPath(built.strong), 'utf8')).toBe(other);
  });

  it('delete removes the strong and weak refs of the record, but not a weak ref that moved on', async () => {
    const first = await artifact('app', { file: payload('first') });
    expect(cache.delete(first.strong)).toBe(true);
    expect(refsExist(first)).toEqual([false, false]);

    const older = await artifact('lib', { file: payload('older') });
    const newer: ArtifactRecord = { ...older.record, keys: { ...older.record.keys, strong: 'lib-newer', strict: 'lib-newer' } };
    cache.put(newer);
    expect(cache.delete(older.strong)).toBe(true);
    expect(refsExist(older)).toEqual([false, true]);
    expect(cache.lookup(older.weak)).toEqual(newer);
  });
});
