// What the sandbox needs from the host outside it: programs by absolute path, the settings that
// explain a namespace failure, overlay directories in a run's scratch, and running a program to its
// end. Host programs always run with an empty environment, so a build's env never reaches them.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { overlayLayout, type HostTools } from './bwrap-arguments.js';
import type { HostFacts } from './setup-failure.js';

// Where unshare and mount live when PATH is minimal (services, some CI images leave out sbin).
const SYSTEM_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The absolute path of `name` on PATH, then in the usual system directories; undefined if absent. */
export function findProgram(name: string, searchPath: string | undefined = process.env['PATH']): string | undefined {
  const dirs = [...(searchPath ?? '').split(path.delimiter).filter((d) => path.isAbsolute(d)), ...SYSTEM_DIRS];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** Whether an explicitly configured program path can be run. */
export function isProgram(file: string): boolean {
  return isExecutableFile(file);
}

/** The host programs of the unshare overlay route, or undefined when one is missing. */
export function findHostTools(): HostTools | undefined {
  const unshare = findProgram('unshare');
  const mount = findProgram('mount');
  const sh = isExecutableFile('/bin/sh') ? '/bin/sh' : findProgram('sh');
  return unshare && mount && sh ? { unshare, mount, sh } : undefined;
}

function readSysctl(file: string): number | undefined {
  try {
    const value = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    return Number.isNaN(value) ? undefined : value;
  } catch {
    return undefined;
  }
}

/** The kernel settings and container markers that decide which namespace fix to suggest. */
export function readHostFacts(): HostFacts {
  const apparmor = readSysctl('/proc/sys/kernel/apparmor_restrict_unprivileged_userns');
  const clone = readSysctl('/proc/sys/kernel/unprivileged_userns_clone');
  const maxUserNamespaces = readSysctl('/proc/sys/user/max_user_namespaces');
  const inContainer = fs.existsSync('/.dockerenv') || fs.existsSync('/run/.containerenv');
  return {
    ...(apparmor === undefined ? {} : { apparmorRestrictsUserns: apparmor === 1 }),
    ...(clone === undefined ? {} : { usernsCloneDisabled: clone === 0 }),
    ...(maxUserNamespaces === undefined ? {} : { maxUserNamespaces }),
    inContainer,
  };
}

/**
 * Creates the overlay's directories in the scratch directory, `lower` being a symlink to the staged
 * root. Only the unshare route needs `merged` and the link, but they cost nothing. A scratch that an
 * earlier run over the same root prepared is reused as it is, its upper layer included.
 */
export async function prepareOverlay(root: string, scratch: string): Promise<void> {
  const layout = overlayLayout(scratch);
  await Promise.all([layout.upper, layout.work, layout.merged].map((dir) => fs.promises.mkdir(dir, { recursive: true })));
  try {
    await fs.promises.symlink(root, layout.lower);
  } catch (error) {
    const existing = await fs.promises.readlink(layout.lower).catch(() => undefined);
    if (existing !== root) throw error;
  }
}

export interface Completed {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the program could not be started at all (ENOENT, EACCES). */
  readonly spawnError?: NodeJS.ErrnoException;
}

/** Runs a host program to its end with an empty environment and no stdin, collecting its output. */
export function runToCompletion(program: string, args: readonly string[]): Promise<Completed> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'], env: {} });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ code: null, signal: null, stdout, stderr, spawnError: error }),
    );
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
