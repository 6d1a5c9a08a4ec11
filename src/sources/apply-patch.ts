// Applies a patch file to a staging directory with the host's GNU `patch`, as BuildStream's
// `patch` source does (`patch -p<N> -i <file> -d <dir>`), but all or nothing: the patch must
// apply in a dry run (or, failing that, to copies of the files it touches) before it touches
// the staging directory, so a patch with one failing hunk changes no file at all. It never
// leaves backup or reject files behind and never reverses a patch that looks already applied.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CairnError, type Provenance } from '../format/errors.js';
import { findProgram } from '../sandbox/host.js';

export interface PatchRequest {
  /** Absolute path of the patch file. */
  readonly patch: string;
  /** The patch as the project names it, for messages. */
  readonly label: string;
  /** `-p<N>`: leading path components to strip from the file names in the patch. */
  readonly stripLevel: number;
  /** The staging directory holding what earlier sources staged. */
  readonly directory: string;
  /** Where the source is declared: the empty-directory error points here. */
  readonly at: Provenance;
  /** Where the patch's `path:` is written: a patch that does not apply points here. */
  readonly pathAt: Provenance;
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
}

// --forward: a hunk that looks already applied is a failure, not a cue to reverse the patch.
// --batch: never ask. No backups of fuzzed files and no .rej files: the staged tree holds sources only.
const COMMON_FLAGS = ['--forward', '--batch', '--no-backup-if-mismatch', '--reject-file=-'];
const OUTPUT_LIMIT = 64 * 1024;

export async function applyPatch(request: PatchRequest): Promise<void> {
  if ((await fs.promises.readdir(request.directory)).length === 0) {
    // BuildStream's 'patch-no-files'.
    throw new CairnError('missing-file', `nothing to patch: no source before patch '${request.label}' staged any files`, request.at, 'list the sources the patch applies to before it');
  }
  const tool = findProgram('patch');
  if (tool === undefined) throw new CairnError('missing-file', `applying '${request.label}' needs the host's 'patch', which is not installed`, request.at, 'install GNU patch');
  const args = [`-p${request.stripLevel}`, '-i', request.patch, '-d', request.directory, ...COMMON_FLAGS];
  const dryRun = await run(tool, [...args, '--dry-run'], request.signal);
  if (dryRun.code !== 0) {
    // A dry run checks each diff against the files as they were, so a patch that changes one
    // file twice (a `git format-patch` series in one file) can fail it and still apply. A real
    // run on copies of the files it touches has the last word.
    const verdict = await applyToCopies(tool, dryRun.output, request);
    if (verdict.code !== 0) {
      throw new CairnError(
        'invalid-data',
        `patch '${request.label}' does not apply: ${failuresIn(verdict.output).join('; ')}`,
        request.pathAt,
        `the patch is applied with strip-level ${request.stripLevel} to the files the sources before it staged`,
      );
    }
  }
  const applied = await run(tool, args, request.signal);
  for (const line of applied.output.split('\n')) if (line.trim() !== '') request.log(line);
  if (applied.code !== 0) {
    // The dry run passed, so only the filesystem can fail here (a read-only or full disk).
    throw new CairnError('invalid-data', `patch '${request.label}' passed a dry run but failed to apply: ${failuresIn(applied.output).join('; ')}`, request.pathAt);
  }
}

/** The lines of patch's output that say what went wrong, each with the file it concerns. */
export function failuresIn(output: string): string[] {
  const failures: string[] = [];
  const lines = output.split('\n');
  let current = '';
  for (const [index, line] of lines.entries()) {
    const file = /^(?:checking|patching) file (.*)$/.exec(line);
    if (file) {
      current = file[1]!;
      continue;
    }
    const hunk = /^(Hunk #\d+ FAILED at \d+)/.exec(line);
    if (hunk) {
      failures.push(`${current}: ${hunk[1]}`);
      continue;
    }
    if (line.startsWith('Reversed (or previously applied) patch detected')) {
      failures.push(`${current}: the patch looks already applied (or reversed)`);
      continue;
    }
    const missing = /^can't find file to patch at input line (\d+)/.exec(line);
    if (missing) {
      // patch quotes the diff header that follows; its `+++`/`---` line names the file it wanted.
      const header = lines.slice(index + 1, index + 12).find((quoted) => /^\|(?:\+\+\+|---) /.test(quoted));
      const wanted = header?.slice(5).split('\t')[0]?.trim();
      failures.push(`no file to patch for ${wanted === undefined ? 'the diff' : `'${wanted}'`} at line ${missing[1]} of the patch`);
      continue;
    }
    const refused = /^File (.*) is not a regular file -- refusing to patch/.exec(line);
    if (refused) {
      failures.push(`${refused[1]}: not a regular file (a symbolic link?), refusing to patch it`);
      continue;
    }
    const fatal = /^(?:\S*\/)?patch: \*{4} (.*)$/.exec(line);
    if (fatal) failures.push(fatal[1]!);
  }
  if (failures.length === 0) failures.push(lines.filter((line) => line.trim() !== '').at(-1) ?? 'patch failed without saying why');
  return failures;
}

/**
 * Applies the patch for real to a scratch copy of the files the dry run found (symlinks copied
 * as symlinks, so patch refuses them there too) and returns what patch said.
 */
async function applyToCopies(tool: string, dryRunOutput: string, request: PatchRequest): Promise<RunResult> {
  const scratch = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'cairn-patch-'));
  try {
    for (const name of touchedFiles(dryRunOutput)) await copyPath(request.directory, scratch, name);
    return await run(tool, [`-p${request.stripLevel}`, '-i', request.patch, '-d', scratch, ...COMMON_FLAGS], request.signal);
  } finally {
    await fs.promises.rm(scratch, { recursive: true, force: true });
  }
}

/** The files (relative to the patched directory) that patch's output says it looked at. */
function touchedFiles(output: string): Set<string> {
  const names = new Set<string>();
  for (const line of output.split('\n')) {
    const checked = /^(?:checking|patching) (?:file|symlink) (.*?)(?: \((?:renamed|copied) from (.*)\))?$/.exec(line);
    if (checked) {
      names.add(checked[1]!);
      if (checked[2] !== undefined) names.add(checked[2]);
    }
    const refused = /^File (.*) is not a regular file -- refusing to patch/.exec(line);
    if (refused) names.add(refused[1]!);
  }
  return names;
}

/** Copies `relative` from one tree to the other, making its directories; never follows a symlink. */
async function copyPath(from: string, to: string, relative: string): Promise<void> {
  const parts = relative.split('/').filter((part) => part !== '' && part !== '.');
  // patch itself refuses such names; there is nothing to copy for them.
  if (parts.includes('..') || path.isAbsolute(relative)) return;
  let source = from;
  let target = to;
  for (const [index, part] of parts.entries()) {
    source = path.join(source, part);
    target = path.join(target, part);
    let stat: fs.Stats;
    try {
      stat = await fs.promises.lstat(source);
    } catch {
      return;
    }
    if (stat.isSymbolicLink()) {
      await fs.promises.symlink(await fs.promises.readlink(source), target).catch(() => undefined);
      return;
    }
    if (stat.isDirectory() && index < parts.length - 1) {
      await fs.promises.mkdir(target, { recursive: true });
      continue;
    }
    if (stat.isFile() && index === parts.length - 1) {
      await fs.promises.copyFile(source, target);
      await fs.promises.chmod(target, stat.mode & 0o7777);
    }
    return;
  }
}

interface RunResult {
  readonly code: number | null;
  /** stdout and stderr together, as patch interleaves them. */
  readonly output: string;
}

async function run(tool: string, args: readonly string[], signal: AbortSignal): Promise<RunResult> {
  signal.throwIfAborted();
  // C locale and literal quoting: the output is parsed above.
  const child = spawn(tool, args, { stdio: ['ignore', 'pipe', 'pipe'], signal, env: { ...process.env, LC_ALL: 'C', QUOTING_STYLE: 'literal' } });
  let output = '';
  const collect = (chunk: Buffer): void => {
    if (output.length < OUTPUT_LIMIT) output += chunk.toString('utf8');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).catch((error: unknown) => {
    signal.throwIfAborted();
    throw error;
  });
  signal.throwIfAborted();
  return { code, output };
}
