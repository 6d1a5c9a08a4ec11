// Pack directories on their own: what opening one checks before anything may be published.
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

/** A pack plan for one small artifact built in its own cache. */
async function plannedPack(): Promise<PackPlan> {
  const cache = new ArtifactCache(path.join(scratch, 'source'));
  const output = path.join(scratch, 'output');
  fs.mkdirSync(path.join(output, 'bin'), { recursive: true });
  fs.writeFileSync(path.join(output, 'bin', 'tool'), '#!/bin/sh\n');
  fs.chmodSync(path.join(output, 'bin', 'tool'), 0o755);
  fs.writeFileSync(path.join(output, 'README'), 'read me\n');
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

  it('rejects anything the layout does not allow, such as a symlink among the objects', async () => {
    const plan = await plannedPack();
    const directory = path.join(scratch, 'pack');
    writePack(plan, directory);
    const [first] = [...plan.objects.keys()];
    const file = path.join(directory, 'objects', (first ?? '').slice(0, 2), (first ?? '').slice(2));
    fs.rmSync(file);
    fs.symlinkSync('/etc/passwd', file);
    const opened = await openPack(directory, plan.hash, new ArtifactCache(path.join(scratch, 'target')));
    expect(opened.ok).toBe(false);
    expect(opened.ok ? '' : opened.problem).toMatch(/^unexpected entry 'objects\//);
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
