// Builds bubblewrap command lines: the isolation every sandbox gets, and the root as a bind or as an
// overlay. Pure; and no path is ever spliced into shell text, so no path can be misread as code.

import path from 'node:path';

/** The hostname inside every sandbox: fixed, so nothing a build records depends on the host. */
export const SANDBOX_HOSTNAME = 'cairn';

export interface Isolation {
  readonly uid: number;
  readonly gid: number;
  readonly env: Readonly<Record<string, string>>;
  readonly interactive: boolean;
}

/**
 * Namespaces, identity and environment. The user namespace is asked for explicitly (--unshare-all
 * only tries it) so that a host without one fails loudly instead of silently running as the host
 * user. All capabilities are dropped: bubblewrap keeps them for uid 0 when the host user is root,
 * and CAP_SYS_ADMIN would let a build remount the read-only root read-write and write through to
 * the content store. Dropping them makes root and ordinary hosts behave the same.
 */
export function isolationArguments(isolation: Isolation): string[] {
  const args = ['--unshare-all', '--unshare-user', '--die-with-parent'];
  // A new session detaches the build from any terminal (no TIOCSTI into the user's shell); a shell
  // for a person needs the terminal.
  if (!isolation.interactive) args.push('--new-session');
  args.push('--cap-drop', 'ALL', '--hostname', SANDBOX_HOSTNAME);
  args.push('--uid', String(isolation.uid), '--gid', String(isolation.gid));
  args.push('--clearenv');
  for (const [name, value] of Object.entries(isolation.env)) args.push('--setenv', name, value);
  return args;
}

/** bwrap 0.11.0 added --overlay-src/--overlay; older ones (0.9.0 on Ubuntu 24.04) get their overlay from unshare and mount. */
export type OverlayRoute = 'bwrap' | 'unshare';

export function overlayRoute(version: string): OverlayRoute {
  const [major = 0, minor = 0] = version.split('.').map((n) => Number.parseInt(n, 10));
  return major > 0 || minor >= 11 ? 'bwrap' : 'unshare';
}

/** Where an overlay keeps its parts inside the run's scratch directory. */
export function overlayLayout(scratch: string): { lower: string; upper: string; work: string; merged: string } {
  return {
    // A symlink to the staged root, so the mount options name only fixed words (see below).
    lower: path.join(scratch, 'lower'),
    upper: path.join(scratch, 'upper'),
    work: path.join(scratch, 'work'),
    merged: path.join(scratch, 'merged'),
  };
}

/**
 * The shell run in a new user and mount namespace (the unshare route) before bwrap: it mounts the
 * overlay and then becomes bwrap. Its arguments are the scratch directory, the mount program, then
 * bwrap's argv. The options name the layers relative to the scratch directory because overlayfs
 * options cannot carry a ',' or ':' in a path; `userxattr` lets the overlay record whiteouts and
 * opaque directories in a user namespace (without it, deleting a staged directory fails with EIO).
 */
export const UNSHARE_OVERLAY_SCRIPT = [
  'cd "$1" || exit 1',
  '"$2" -t overlay -o lowerdir=lower,upperdir=upper,workdir=work,userxattr overlay merged || exit 1',
  'shift 2',
  'exec "$@"',
].join('\n');

export interface HostTools {
  readonly unshare: string;
  readonly mount: string;
  readonly sh: string;
}

/** The program and arguments that wrap bwrap for the unshare route; bwrap's own argv follows them. */
export function unsharePrefix(tools: HostTools, scratch: string): string[] {
  return [
    tools.unshare,
    '--user',
    '--map-root-user',
    '--mount',
    '--propagation',
    'private',
    '--',
    tools.sh,
    '-c',
    UNSHARE_OVERLAY_SCRIPT,
    'cairn-overlay',
    scratch,
    tools.mount,
  ];
}

/** The bwrap arguments that put a writable overlay of `lower` at `dest`, writes going to scratch. */
export function overlayArguments(route: OverlayRoute, lower: string, scratch: string, dest: string): string[] {
  const layout = overlayLayout(scratch);
  return route === 'bwrap'
    ? ['--overlay-src', lower, '--overlay', layout.upper, layout.work, dest]
    : ['--bind', layout.merged, dest];
}
