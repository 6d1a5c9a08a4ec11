// The `patch` source: a project file made with `diff -u`, applied by the host's GNU patch to
// what the sources before it staged. All or nothing: a patch that does not apply changes no file
// and says which file and hunk failed, at the source's `path:` line.

import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { errorOf, lines, loadOne, removeProjects, whereOf, writeProject } from '../helpers/fixture-project.js';
import { listTree, removeTemporaries, temporaryDirectory, writeTree, type TreeSpec } from './archives.js';
import { contextFor, type TestContext } from './source-fixture.js';

afterAll(() => {
  removeProjects();
  removeTemporaries();
});

/** `diff -u` (recursive) from tree `before` to tree `after`, as `a/...` and `b/...`. */
function unifiedDiff(before: TreeSpec, after: TreeSpec): string {
  const scratch = temporaryDirectory();
  writeTree(path.join(scratch, 'a'), before);
  writeTree(path.join(scratch, 'b'), after);
  fs.mkdirSync(path.join(scratch, 'a'), { recursive: true });
  fs.mkdirSync(path.join(scratch, 'b'), { recursive: true });
  try {
    execFileSync('diff', ['-ruN', 'a', 'b'], { cwd: scratch, encoding: 'utf8' });
  } catch (error) {
    // diff exits 1 when the trees differ, which is the point.
    const { status, stdout } = error as { status: number; stdout: string };
    if (status === 1) return stdout;
    throw error;
  }
  throw new Error('the trees do not differ');
}

const ORIGINAL = { 'src/main.c': lines('int main(void)', '{', '  return 0;', '}'), 'README': lines('hello', 'world') };
const CHANGED = { 'src/main.c': lines('int main(void)', '{', '  return 42;', '}'), 'README': lines('hello', 'patched world') };

/**
 * A project whose element stages files/tree with a local source, then applies patches/fix.patch
 * (`patchLines` are extra keys of the patch source).
 */
function patchProject(tree: TreeSpec, patch: string, patchLines: readonly string[] = []): string {
  const project = writeProject({
    'element.bst': lines('kind: import', 'sources:', '- kind: local', '  path: files/tree', '- kind: patch', '  path: patches/fix.patch', ...patchLines),
    'patches/fix.patch': patch,
  });
  writeTree(path.join(project, 'files', 'tree'), tree);
  fs.mkdirSync(path.join(project, 'files', 'tree'), { recursive: true });
  return project;
}

/** Stages every source of element.bst in order into a fresh directory, as a build does. */
async function stageAll(project: string, context: TestContext = contextFor(), directory = temporaryDirectory('cairn-stage-')): Promise<string> {
  const element = await loadOne(project, 'element.bst');
  for (const { plugin, view } of element.composed.sources) {
    const target = view.directory ? path.join(directory, view.directory) : directory;
    fs.mkdirSync(target, { recursive: true });
    await plugin.stage!(view, target, context);
  }
  return directory;
}

describe('patch sources', () => {
  it('a patch made with diff -u is applied to the files the sources before it staged', async () => {
    const project = patchProject(ORIGINAL, unifiedDiff(ORIGINAL, CHANGED));
    const staged = await stageAll(project);
    expect(fs.readFileSync(path.join(staged, 'src', 'main.c'), 'utf8')).toBe(CHANGED['src/main.c']);
    expect(fs.readFileSync(path.join(staged, 'README'), 'utf8')).toBe(CHANGED.README);
  });

  it('a patch can create and delete files', async () => {
    const after = { 'src/main.c': ORIGINAL['src/main.c'], 'NEWS': lines('version 2') };
    const staged = await stageAll(patchProject(ORIGINAL, unifiedDiff(ORIGINAL, after)));
    expect(listTree(staged)).toEqual(['NEWS', 'src/', 'src/main.c']);
  });

  it('strip-level 0 applies a patch whose file names have no leading directory', async () => {
    const patch = unifiedDiff(ORIGINAL, CHANGED).replace(/^(---|\+\+\+) [ab]\//gm, '$1 ');
    const staged = await stageAll(patchProject(ORIGINAL, patch, ['  strip-level: 0']));
    expect(fs.readFileSync(path.join(staged, 'README'), 'utf8')).toBe(CHANGED.README);
  });

  it('a patch applies with an offset and leaves no backup or reject files behind', async () => {
    const shifted = { ...ORIGINAL, 'README': lines('new first line', 'hello', 'world') };
    const staged = await stageAll(patchProject(shifted, unifiedDiff(ORIGINAL, CHANGED)));
    expect(fs.readFileSync(path.join(staged, 'README'), 'utf8')).toBe(lines('new first line', 'hello', 'patched world'));
    expect(listTree(staged)).toEqual(['README', 'src/', 'src/main.c']);
  });

  it('the applied patch is logged in the job log', async () => {
    const context = contextFor();
    await stageAll(patchProject(ORIGINAL, unifiedDiff(ORIGINAL, CHANGED)), context);
    expect(context.lines).toEqual(expect.arrayContaining(['patching file README', 'patching file src/main.c']));
  });

  it('a patch with one failing hunk changes no file at all and names the file and the hunk', async () => {
    const drifted = { ...ORIGINAL, 'src/main.c': lines('int main(int argc, char **argv)', '{', '  return 1;', '}') };
    const project = patchProject(drifted, unifiedDiff(ORIGINAL, CHANGED));
    const staging = temporaryDirectory('cairn-stage-');
    const error = await errorOf(() => stageAll(project, contextFor(), staging));
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("patch 'patches/fix.patch' does not apply: src/main.c: Hunk #1 FAILED at 1");
    expect(whereOf(error)).toBe('element.bst:6:9');
    expect(error.hint).toBe('the patch is applied with strip-level 1 to the files the sources before it staged');
    // README's hunk would have applied; all or nothing means it did not.
    expect(fs.readFileSync(path.join(staging, 'README'), 'utf8')).toBe(ORIGINAL.README);
    expect(listTree(staging)).toEqual(['README', 'src/', 'src/main.c']);
  });

  it('a patch that changes the same file twice, as a git format-patch series does, applies in order', async () => {
    const step1 = { 'src/main.c': lines('int main(void)', '{', '  return 1;', '}') };
    const step2 = { 'src/main.c': lines('int main(void)', '{', '  return 2;', '}') };
    // The second diff removes a line only the first one adds: a dry run alone would reject it.
    const series = unifiedDiff(ORIGINAL, { ...ORIGINAL, ...step1 }) + unifiedDiff(step1, step2);
    const staged = await stageAll(patchProject(ORIGINAL, series));
    expect(fs.readFileSync(path.join(staged, 'src', 'main.c'), 'utf8')).toBe(step2['src/main.c']);
    expect(listTree(staged)).toEqual(['README', 'src/', 'src/main.c']);
  });

  it('a series whose later change does not apply changes nothing, and names the failing hunk', async () => {
    const step1 = { 'src/main.c': lines('int main(void)', '{', '  return 1;', '}') };
    const elsewhere = { 'src/main.c': lines('int main(void)', '{', '  return 7;', '}') };
    const series = unifiedDiff(ORIGINAL, { ...ORIGINAL, ...step1, README: CHANGED.README }) + unifiedDiff(elsewhere, CHANGED);
    const staging = temporaryDirectory('cairn-stage-');
    const error = await errorOf(() => stageAll(patchProject(ORIGINAL, series), contextFor(), staging));
    expect(error.message).toBe("patch 'patches/fix.patch' does not apply: src/main.c: Hunk #1 FAILED at 1");
    expect(fs.readFileSync(path.join(staging, 'src', 'main.c'), 'utf8')).toBe(ORIGINAL['src/main.c']);
    expect(fs.readFileSync(path.join(staging, 'README'), 'utf8')).toBe(ORIGINAL.README);
  });

  it('a patch that is already applied is an error, never quietly reversed', async () => {
    const project = patchProject(CHANGED, unifiedDiff(ORIGINAL, CHANGED));
    const staging = temporaryDirectory('cairn-stage-');
    const error = await errorOf(() => stageAll(project, contextFor(), staging));
    expect(error.message).toBe("patch 'patches/fix.patch' does not apply: README: the patch looks already applied (or reversed); src/main.c: the patch looks already applied (or reversed)");
    expect(fs.readFileSync(path.join(staging, 'README'), 'utf8')).toBe(CHANGED.README);
  });

  it('a patch for a file no earlier source staged says which file it looked for', async () => {
    const project = patchProject({ 'README': ORIGINAL.README }, unifiedDiff({ 'lib/util.c': 'a\n' }, { 'lib/util.c': 'b\n' }));
    const error = await errorOf(() => stageAll(project));
    expect(error.message).toBe("patch 'patches/fix.patch' does not apply: no file to patch for 'a/lib/util.c' at line 4 of the patch");
  });

  it('the wrong strip-level fails rather than patching the wrong files', async () => {
    const project = patchProject(ORIGINAL, unifiedDiff(ORIGINAL, CHANGED), ['  strip-level: 2']);
    const error = await errorOf(() => stageAll(project));
    expect(error.message).toContain('no file to patch for');
    expect(error.hint).toContain('strip-level 2');
  });

  it('a file that is not a patch at all is reported as such', async () => {
    const error = await errorOf(() => stageAll(patchProject(ORIGINAL, 'this is not a patch\n')));
    expect(error.message).toBe("patch 'patches/fix.patch' does not apply: Only garbage was found in the patch input.");
  });

  it("patching when no source before it staged anything fails, as BuildStream's patch-no-files does", async () => {
    const project = writeProject({
      'element.bst': lines('kind: import', 'sources:', '- kind: patch', '  path: patches/fix.patch'),
      'patches/fix.patch': unifiedDiff(ORIGINAL, CHANGED),
    });
    const error = await errorOf(() => stageAll(project));
    expect(error.reason).toBe('missing-file');
    expect(error.message).toBe("nothing to patch: no source before patch 'patches/fix.patch' staged any files");
    expect(whereOf(error)).toBe('element.bst:3:9');
  });

  it('a symlink staged by an earlier source is never patched through', async () => {
    const outside = writeTree(temporaryDirectory(), { 'README': ORIGINAL.README });
    const project = patchProject({ 'README': { symlink: path.join(outside, 'README') } }, unifiedDiff({ README: ORIGINAL.README }, { README: CHANGED.README }));
    const error = await errorOf(() => stageAll(project));
    expect(error.message).toBe("patch 'patches/fix.patch' does not apply: README: not a regular file (a symbolic link?), refusing to patch it");
    expect(fs.readFileSync(path.join(outside, 'README'), 'utf8')).toBe(ORIGINAL.README);
  });

  it('a patch path outside the project is refused when the element is loaded', async () => {
    const project = writeProject({ 'element.bst': lines('kind: import', 'sources:', '- kind: patch', '  path: ../fix.patch') });
    const error = await errorOf(() => loadOne(project, 'element.bst'));
    expect(error.reason).toBe('invalid-path');
    expect(whereOf(error)).toBe('element.bst:4:9');
  });

  it("the key is BuildStream's: the patch's project path, its sha256 and the strip level", async () => {
    const patch = unifiedDiff(ORIGINAL, CHANGED);
    const element = await loadOne(patchProject(ORIGINAL, patch, ['  strip-level: 2']), 'element.bst');
    const source = element.composed.sources[1]!;
    expect(source.plugin.uniqueKey(source.view)).toEqual(['patches/fix.patch', crypto.createHash('sha256').update(patch).digest('hex'), 2]);
  });
});
