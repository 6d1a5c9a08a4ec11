// Packs on their own (a manifest and one data file): what opening one checks before anything may be published.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contentHash, neededObjects, openPack, planPacks, writePack, type PackPlan } from '../../src/action/cache/packs.js';
import { ArtifactCache, type ArtifactRecord } from '../../src/cache/artifact-cache.js';
import { Pacer } from '../../src/cache/reachability.js';

let scratch = '';

beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-packs-'));
});

afterEach(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** A pack plan for one small artifact built in its own cache (plus any `extra` files). */
async function plannedPack(extra: Readonly<Record<string, Buffer>> = {}): Promise<PackPlan> {
  const cache = new ArtifactCache(path.join(scratch, 'source'));
  const output = path.join(scratch, 'output');
  fs.mkdirSync(path.join(output, 'bin'), { recursive: true });
  fs.writeFileSync(path.join(output, 'bin', 'tool'), '#!/bin/sh\n');
  fs.chmodSync(path.join(output, 'bin', 'tool'), 0o755);
  fs.writeFileSync(path.join(output, 'README'), 'read me\n');
  for (const [file, bytes] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(output, file)), { recursive: true });
    fs.writeFileSync(path.join(output, file), bytes);
  }
  const ingested = await cache.store.putDirectory(output, { move: false });
  const record: ArtifactRecord = {
    version: 1,
    project: 'demo',
    element: 'tools/tool.bst',
    keys: { strong: 'strong', weak: 'weak', strict: 'strong' },
    dependencies: [],
    result: { success: true },
    files: ingested.digest,
    log: cache.store.putBytes(Buffer.from('log\n')),
    public: {},
    timing: { started: new Date(0).toISOString(), durationMs: 0 },
    size: ingested.bytes,
  };
  cache.put(record);
  const text = fs.readFileSync(cache.refPath({ project: 'demo', element: record.element, key: 'strong' }), 'utf8');
  const walk = await neededObjects(cache.store, record, new Pacer());
  if (!walk.complete) throw new Error(walk.problem);
  const [plan] = planPacks([{ artifact: { record, text, keys: ['strong', 'weak'] }, objects: walk.objects }], 1 << 30);
  if (!plan) throw new Error('no plan');
  return plan;
}

describe('opening a pack', () => {
  it('publishes nothing itself, and hands back every verified ref with its record', async () => {
    const plan = await plannedPack();
    expect(plan.objects.size).toBe(5);
    const directory = path.join(scratch, 'pack');
    writePack(plan, directory);
    const target = new ArtifactCache(path.join(scratch, 'target'));
    const opened = await openPack(directory, plan.hash, target);
    if (!opened.ok) throw new Error(opened.problem);
    expect([...opened.refs.keys()].sort()).toEqual(['demo/tools-tool/strong', 'demo/tools-tool/weak']);
    expect([...target.listRefs()]).toEqual([]);
  });

  it('rejects a pack whose tree is incomplete, even when its content list matches its name', async () => {
    const plan = await plannedPack();
    const [dropped] = [...plan.objects.keys()].filter((name) => name.endsWith('x'));
    const objects = new Map(plan.objects);
    objects.delete(dropped ?? '');
    const incomplete: PackPlan = { ...plan, objects, hash: contentHash(objects.keys(), plan.refs) };
    const directory = path.join(scratch, 'pack');
    writePack(incomplete, directory);
    const opened = await openPack(directory, incomplete.hash, new ArtifactCache(path.join(scratch, 'target')));
    expect(opened).toEqual({ ok: false, problem: `ref demo/tools-tool/strong: its tree is incomplete (file ${dropped} is missing)` });
  });

  it('rejects anything the layout does not allow, such as a symlink for its data or an extra file', async () => {
    const plan = await plannedPack();
    const directory = path.join(scratch, 'pack');
    const target = new ArtifactCache(path.join(scratch, 'target'));
    writePack(plan, directory);
    fs.rmSync(path.join(directory, 'data'));
    fs.symlinkSync('/etc/passwd', path.join(directory, 'data'));
    expect(await openPack(directory, plan.hash, target)).toEqual({ ok: false, problem: "'data' is not a regular file" });

    writePack(plan, directory);
    fs.writeFileSync(path.join(directory, 'extra'), '');
    expect(await openPack(directory, plan.hash, target)).toEqual({ ok: false, problem: "unexpected entry 'extra'" });
  });

  it('rejects a manifest that does not add up to its data, or names a ref outside its place', async () => {
    const plan = await plannedPack();
    const directory = path.join(scratch, 'pack');
    const target = new ArtifactCache(path.join(scratch, 'target'));
    writePack(plan, directory);
    fs.appendFileSync(path.join(directory, 'data'), 'x');
    const opened = await openPack(directory, plan.hash, target);
    expect(opened.ok ? '' : opened.problem).toMatch(/^its data holds \d+ bytes, not the \d+ its manifest lists$/);

    writePack(plan, directory);
    const manifestFile = path.join(directory, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { refs: Array<[string, number]> };
    manifest.refs[0]![0] = 'demo/../escape';
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    expect(await openPack(directory, plan.hash, target)).toEqual({ ok: false, problem: 'manifest refs: invalid name "demo/../escape"' });
    expect([...target.listRefs()]).toEqual([]);
  });

  it('carries an object larger than its copy buffer whole', async () => {
    const big = Buffer.alloc(9 * 1024 * 1024 + 7, 'cairn');
    const plan = await plannedPack({ 'usr/share/big.img': big });
    const directory = path.join(scratch, 'pack');
    writePack(plan, directory);
    const target = new ArtifactCache(path.join(scratch, 'target'));
    const opened = await openPack(directory, plan.hash, target);
    if (!opened.ok) throw new Error(opened.problem);
    const hash = createHash('sha256').update(big).digest('hex');
    expect(fs.readFileSync(target.store.objectPath(hash)).equals(big)).toBe(true);
  });

  it('rejects a record stored under a key it does not have', async () => {
    const plan = await plannedPack();
    const refs = plan.refs.map((ref) => (ref.name.endsWith('/weak') ? { ...ref, name: ref.name.replace(/weak$/, 'other') } : ref));
    const renamed: PackPlan = { ...plan, refs, hash: contentHash(plan.objects.keys(), refs) };
    const directory = path.join(scratch, 'pack');
    writePack(renamed, directory);
    const opened = await openPack(directory, renamed.hash, new ArtifactCache(path.join(scratch, 'target')));
    expect(opened).toEqual({ ok: false, problem: 'ref demo/tools-tool/other: it is stored under a key it does not have' });
  });
});
