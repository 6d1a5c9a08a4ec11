// Runs a batch of build commands in one bubblewrap sandbox whose root is a staged sysroot. It must
// never let a write reach the staged files (they are hard links into the content store), never show
// the host's files, network or environment to a command, and never leave a process behind.

import { spawn, type StdioOptions } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { CairnError } from '../format/errors.js';
import { DRIVER_NAME, STATUS_FD, driverArguments, driverScript, readBatchStatus, type BatchOutcome } from './batch-script.js';
import { isolationArguments, overlayArguments, overlayRoute, unsharePrefix } from './bwrap-arguments.js';
import { findHostTools, prepareOverlay, readHostFacts } from './host.js';
import { bwrapNotInstalled, explainSetupFailure } from './setup-failure.js';

export { probeSandbox, type SandboxCapabilities } from './probe.js';
import type { SandboxCapabilities } from './probe.js';
export { explainSetupFailure, type HostFacts, type SetupFailure } from './setup-failure.js';


export interface SandboxCommand {
  readonly label: string;
  readonly command: string;
}

export interface SandboxRun {
  /** The staged sysroot on the host; it becomes `/`. Its files may be hard links into a content store and must never be written through. */
  readonly root: string;
  /** Whether commands may write to `/`. */
  readonly rootWritable: boolean;
  /**
   * The root is an overlay whose upper layer lives in `scratch` and persists between runs that
   * share it, so a read-only run sees what an earlier writable run (integration) changed.
   * Implied by a writable root when the host supports overlays.
   */
  readonly layered?: boolean;
  /** An empty host directory owned by this run, for overlay upper/work dirs or anything else the sandbox needs; the caller deletes it afterwards. */
  readonly scratch: string;
  /** Host directories bound read-write at absolute sandbox paths (the build root, the install root). Created inside the sandbox if missing. */
  readonly writable: ReadonlyArray<{ readonly host: string; readonly path: string }>;
  /** Working directory inside the sandbox (created if missing). */
  readonly cwd: string;
  /** The complete environment of the commands; nothing from the host leaks in. */
  readonly env: Readonly<Record<string, string>>;
  readonly uid: number;
  readonly gid: number;
  /** Run in order; each as `sh -e -c <command>` in cwd; the first failure stops the batch. */
  readonly commands: readonly SandboxCommand[];
  /** File descriptor (opened for append) receiving the commands' stdout and stderr, and one line `+ <label>: <command>`-style header per command so a log reads well. Ignored when interactive. */
  readonly logFd?: number;
  /** Aborting kills every process of the sandbox at once and resolves with aborted: true. */
  readonly signal?: AbortSignal;
  /** For `cairn shell`: stdin/stdout/stderr inherited from the terminal, full `--dev /dev`, no --new-session. */
  readonly interactive?: boolean;
}

export interface SandboxResult {
  readonly ok: boolean;
  readonly aborted: boolean;
  /** The command that failed (index into commands) and its exit code, when one did. */
  readonly failed?: { readonly index: number; readonly label: string; readonly exitCode: number };
}

const ABORTED: SandboxResult = { ok: false, aborted: true };

// bwrap's own complaints are a line or two; a runaway writer must not grow Cairn's memory.
const STDERR_LIMIT = 64 * 1024;

/**
 * Runs `run.commands` in one bwrap process. Resolves with how the batch ended; throws a CairnError
 * ('sandbox-unavailable') when the sandbox itself could not be set up.
 */
export async function runInSandbox(capabilities: SandboxCapabilities, run: SandboxRun): Promise<SandboxResult> {
  checkRun(run);
  if (run.signal?.aborted) return ABORTED;
  const interactive = run.interactive === true;

  const [program, ...args] = await commandLine(capabilities, run, interactive);
  if (program === undefined) throw new Error('empty sandbox command line');
  if (run.signal?.aborted) return ABORTED;

  const stdio: StdioOptions = interactive
    ? ['inherit', 'inherit', 'inherit', 'pipe']
    : ['ignore', run.logFd ?? 'ignore', 'pipe', 'pipe'];
  // Its own process group, so one kill reaches bwrap and anything the unshare route started. A
  // shell for a person stays in the terminal's foreground group, or it could not read the terminal.
  const child = spawn(program, args, { stdio, env: {}, detached: !interactive });

  let aborted = false;
  const kill = (): void => {
    aborted = true;
    if (child.pid === undefined) return;
    try {
      if (interactive) child.kill('SIGKILL');
      else process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    // bwrap's --die-with-parent kills its pid 1 once bwrap dies, and the kernel then kills every
    // other process of the sandbox's pid namespace, whatever session or group it moved to.
  };
  run.signal?.addEventListener('abort', kill, { once: true });

  let stderr = '';
  child.stdio[2]?.setEncoding('utf8').on('data', (chunk: string) => {
    if (stderr.length < STDERR_LIMIT) stderr += chunk;
  });
  let status = '';
  const statusStream = child.stdio[STATUS_FD];
  if (statusStream instanceof Readable) statusStream.setEncoding('utf8').on('data', (chunk: string) => (status += chunk));

  try {
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal }));
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' && program === capabilities.bwrap) throw bwrapNotInstalled(program);
      throw new CairnError('sandbox-unavailable', `could not start ${program}: ${error.message}`);
    });
    if (aborted) return ABORTED;
    return outcome(run, readBatchStatus(status, run.commands.length), exit, stderr, interactive);
  } finally {
    run.signal?.removeEventListener('abort', kill);
  }
}

function outcome(
  run: SandboxRun,
  batch: BatchOutcome,
  exit: { code: number | null; signal: NodeJS.Signals | null },
  stderr: string,
  interactive: boolean,
): SandboxResult {
  const failed = (index: number, exitCode: number): SandboxResult => ({
    ok: false,
    aborted: false,
    failed: { index, label: run.commands[index]?.label ?? '', exitCode },
  });
  switch (batch.state) {
    case 'done':
      return { ok: true, aborted: false };
    case 'failed':
      return failed(batch.index, batch.exitCode);
    case 'interrupted':
      // bwrap reports a child killed by signal n as 128 + n, as shells do; the same if bwrap was.
      return failed(batch.index, exit.code ?? 128 + (exit.signal ? os.constants.signals[exit.signal] : 0));
    case 'not-started': {
      // An interactive bwrap wrote its complaint straight to the terminal.
      if (interactive) {
        throw new CairnError('sandbox-unavailable', 'bubblewrap could not set up the sandbox (its own message is above)');
      }
      const failure = explainSetupFailure(stderr, readHostFacts());
      throw new CairnError('sandbox-unavailable', failure.message, undefined, failure.hint);
    }
  }
}

/** Paths and ids come from Cairn's own code, never straight from a user: a bad one is a bug. */
function checkRun(run: SandboxRun): void {
  const absolute = (p: string, what: string): void => {
    if (!path.isAbsolute(p)) throw new Error(`sandbox ${what} must be an absolute path: ${p}`);
  };
  absolute(run.root, 'root');
  absolute(run.scratch, 'scratch directory');
  absolute(run.cwd, 'working directory');
  for (const w of run.writable) {
    absolute(w.host, 'writable host directory');
    absolute(w.path, 'writable path');
  }
  for (const id of [run.uid, run.gid]) {
    if (!Number.isInteger(id) || id < 0) throw new Error(`sandbox uid and gid must be non-negative integers: ${id}`);
  }
  for (const name of Object.keys(run.env)) {
    if (name === '' || name.includes('=')) throw new Error(`invalid environment variable name: ${JSON.stringify(name)}`);
  }
}

/** The full argv: maybe the unshare route's prefix, then bwrap, its options, and the driver. */
async function commandLine(capabilities: SandboxCapabilities, run: SandboxRun, interactive: boolean): Promise<string[]> {
  const isolation = isolationArguments({ uid: run.uid, gid: run.gid, env: run.env, interactive });
  let prefix: string[] = [];
  let rootArgs = ['--bind', run.root, '/'];
  if ((run.rootWritable || run.layered === true) && capabilities.overlay) {
    const route = overlayRoute(capabilities.version);
    if (route === 'unshare') {
      const tools = findHostTools();
      if (tools === undefined) {
        const message = 'unshare and mount are needed to give a build a writable root';
        throw new CairnError('sandbox-unavailable', message, undefined, 'install util-linux');
      }
      prefix = unsharePrefix(tools, run.scratch);
    }
    await prepareOverlay(run.root, run.scratch);
    rootArgs = overlayArguments(route, run.root, run.scratch, '/');
  }
  // Without an overlay a writable root is bound directly: the caller staged it by copying.

  const mounts = [...rootArgs, '--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp'];
  for (const w of run.writable) mounts.push('--bind', w.host, w.path);
  if (run.cwd !== '/') mounts.push('--dir', run.cwd);
  // Last, so the mount points above could still be made; it is not recursive, so /proc, /dev, /tmp
  // and the writable binds stay writable. Without capabilities nothing inside can undo it.
  if (!run.rootWritable) mounts.push('--remount-ro', '/');

  const driver = ['/bin/sh', '-c', driverScript({ interactive }), DRIVER_NAME, ...driverArguments(run.commands)];
  return [...prefix, capabilities.bwrap, ...isolation, ...mounts, '--chdir', run.cwd, '--', ...driver];
}
