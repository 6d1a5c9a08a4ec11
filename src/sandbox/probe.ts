// Finds bubblewrap and proves, by running it, that it can build the sandbox a build needs and whether
// it can give a writable root as an overlay. It never keeps what it learns: callers cache per path.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { removeTreeAsync } from '../cache/remove-tree.js';
import { CairnError } from '../format/errors.js';
import {
  isolationArguments,
  overlayArguments,
  overlayLayout,
  overlayRoute,
  unsharePrefix,
  type OverlayRoute,
} from './bwrap-arguments.js';
import { findHostTools, findProgram, isProgram, prepareOverlay, readHostFacts, runToCompletion } from './host.js';
import { bwrapNotInstalled, explainSetupFailure, INSTALL_HINT } from './setup-failure.js';

/** What the host's bwrap can do, as the probe found it. */
export interface SandboxCapabilities {
  /** Path of the bwrap binary used. */
  readonly bwrap: string;
  /** Its version, e.g. '0.8.0'. */
  readonly version: string;
  /** Whether a writable root can be given as an overlay over the staged root (so no write reaches the staged files). */
  readonly overlay: boolean;
}

/** Finds bwrap (option `bwrap` path, else PATH) and checks it can create the namespaces a build needs. */
export async function probeSandbox(options: { bwrap?: string } = {}): Promise<SandboxCapabilities> {
  const bwrap = locateBwrap(options.bwrap);
  const version = await readVersion(bwrap);
  await checkNamespaces(bwrap);
  const overlay = await canOverlay(bwrap, overlayRoute(version));
  return { bwrap, version, overlay };
}

function locateBwrap(configured: string | undefined): string {
  if (configured !== undefined && !configured.includes('/')) {
    const found = findProgram(configured);
    if (found === undefined) throw bwrapNotInstalled(configured);
    return found;
  }
  if (configured !== undefined) {
    const file = path.resolve(configured);
    if (!isProgram(file)) throw bwrapNotInstalled(file);
    return file;
  }
  const found = findProgram('bwrap');
  if (found === undefined) throw bwrapNotInstalled();
  return found;
}

async function readVersion(bwrap: string): Promise<string> {
  const result = await runToCompletion(bwrap, ['--version']);
  if (result.spawnError) throw bwrapNotInstalled(bwrap);
  const version = /(\d+\.\d+(?:\.\d+)?)/.exec(result.stdout)?.[1];
  if (result.code !== 0 || version === undefined) {
    const said = (result.stderr || result.stdout).trim().split('\n')[0] ?? '';
    const message = `${bwrap} --version did not report a bubblewrap version: "${said}"`;
    throw new CairnError('sandbox-unavailable', message, undefined, INSTALL_HINT);
  }
  return version;
}

/**
 * Runs bwrap with every namespace, mount and identity option a build uses, over a read-only view of
 * the host, and expects it to run bwrap's own `--version` inside. Anything less is explained.
 */
async function checkNamespaces(bwrap: string): Promise<void> {
  const inside = '/tmp/bwrap';
  const args = [
    ...isolationArguments({ uid: 0, gid: 0, env: {}, interactive: false }),
    '--ro-bind', '/', '/',
    '--proc', '/proc',
    '--dev', '/dev',
    '--tmpfs', '/tmp',
    '--ro-bind', bwrap, inside,
    '--', inside, '--version',
  ];
  const result = await runToCompletion(bwrap, args);
  if (result.code === 0 && /bubblewrap/.test(result.stdout)) return;
  const failure = explainSetupFailure(result.stderr || `exit status ${String(result.code ?? result.signal)}`, readHostFacts());
  throw new CairnError('sandbox-unavailable', failure.message, undefined, failure.hint);
}

/**
 * Tries, in a temporary directory, exactly the overlay a writable root gets: inside the sandbox it
 * deletes and recreates a directory of the lower layer and appends to one of its files; the overlay
 * only counts if both work and the lower layer is unchanged afterwards.
 */
async function canOverlay(bwrap: string, route: OverlayRoute): Promise<boolean> {
  const tools = route === 'unshare' ? findHostTools() : undefined;
  if (route === 'unshare' && tools === undefined) return false;
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'cairn-overlay-probe-'));
  try {
    const lower = path.join(dir, 'lower-root');
    const scratch = path.join(dir, 'scratch');
    await fs.promises.mkdir(path.join(lower, 'dir'), { recursive: true });
    await fs.promises.writeFile(path.join(lower, 'dir', 'file'), 'lower\n');
    await fs.promises.writeFile(path.join(lower, 'file'), 'lower\n');
    await fs.promises.mkdir(scratch);
    await prepareOverlay(lower, scratch);

    const dest = '/tmp/overlay';
    const bwrapArgs = [
      ...isolationArguments({ uid: 0, gid: 0, env: { PATH: '/usr/bin:/bin' }, interactive: false }),
      '--ro-bind', '/', '/',
      '--proc', '/proc',
      '--dev', '/dev',
      '--tmpfs', '/tmp',
      ...overlayArguments(route, lower, scratch, dest),
      '--chdir', dest,
      '--', '/bin/sh', '-e', '-c', 'rm -r dir && mkdir dir && test ! -e dir/file && echo sandbox >> file',
    ];
    const argv = tools === undefined ? [bwrap, ...bwrapArgs] : [...unsharePrefix(tools, scratch), bwrap, ...bwrapArgs];
    const [program = bwrap, ...args] = argv;
    const result = await runToCompletion(program, args);
    if (result.code !== 0) return false;
    const upper = overlayLayout(scratch).upper;
    const lowerIntact =
      (await fs.promises.readFile(path.join(lower, 'file'), 'utf8')) === 'lower\n' &&
      fs.existsSync(path.join(lower, 'dir', 'file'));
    const copiedUp = path.join(upper, 'file');
    // A missing copy-up makes the read throw, which the catch below turns into a failed probe.
    const written = (await fs.promises.readFile(copiedUp, 'utf8')) === 'lower\nsandbox\n';
    return lowerIntact && written;
  } catch {
    return false;
  } finally {
    // A temporary directory left behind must not turn a working sandbox into a failed probe.
    // removeTreeAsync opens up overlayfs's mode-000 work/work before retrying.
    await removeTreeAsync(dir).catch(() => undefined);
  }
}
