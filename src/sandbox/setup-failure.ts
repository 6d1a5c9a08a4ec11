// Turns what bubblewrap printed when it could not build a sandbox into a one-line message that quotes
// it and a hint naming the host setting to change. Pure: the facts about the host are passed in.

import { CairnError } from '../format/errors.js';

/** Facts about the host that decide which fix to name first; all optional, unknown when absent. */
export interface HostFacts {
  /** `kernel.apparmor_restrict_unprivileged_userns` is 1 (Ubuntu 23.10 and later, 24.04 runners). */
  readonly apparmorRestrictsUserns?: boolean;
  /** `kernel.unprivileged_userns_clone` is 0 (older Debian and Ubuntu kernels). */
  readonly usernsCloneDisabled?: boolean;
  /** `user.max_user_namespaces`. */
  readonly maxUserNamespaces?: number;
  /** Cairn runs inside a container (docker, podman). */
  readonly inContainer?: boolean;
}

export interface SetupFailure {
  /** True when bubblewrap could not create namespaces at all, as opposed to a bad path or root. */
  readonly namespaces: boolean;
  readonly message: string;
  readonly hint?: string;
}

const NAMESPACE_FAILURE = [
  /setting up [ug]id map/i,
  /No permissions to creat(e|ing) new namespace/i,
  /Creating new namespace failed/i,
  /unshare( failed)?: .*(Operation not permitted|Permission denied)/i,
  /loopback: Failed RTM_NEWADDR/i,
  /Failed to make \/ slave/i,
  /Can't mount proc on/i,
  /Can't mount (devpts|tmpfs) on/i,
  /pivot_root/i,
  /max_\*?_?namespaces|ENOSPC/i,
];

const APPARMOR_FIX =
  'on Ubuntu 23.10 and later (24.04 runners included) allow it with `sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`, or load an AppArmor profile that grants bwrap `userns`';
const USERNS_CLONE_FIX = 'on older Debian and Ubuntu kernels run `sudo sysctl -w kernel.unprivileged_userns_clone=1`';
const MAX_NAMESPACES_FIX = 'raise the namespace limit with `sudo sysctl -w user.max_user_namespaces=10000`';
const CONTAINER_FIX =
  'inside a container, the container must allow user namespaces and mounts (docker run --security-opt seccomp=unconfined --security-opt apparmor=unconfined --security-opt systempaths=unconfined, or --privileged)';

/** The line of bubblewrap's (or mount's) output that says what went wrong. */
export function firstErrorLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines.find((l) => /^(bwrap|mount|unshare):/.test(l)) ?? lines[0] ?? '';
}

/** Explains a sandbox that bubblewrap could not set up, from its stderr and what is known of the host. */
export function explainSetupFailure(stderr: string, facts: HostFacts = {}): SetupFailure {
  const line = firstErrorLine(stderr);
  const quoted = line === '' ? 'it exited without saying why' : `"${line}"`;
  if (NAMESPACE_FAILURE.some((pattern) => pattern.test(line))) {
    const message = `bubblewrap cannot create the namespaces a build needs: ${quoted}`;
    return { namespaces: true, message, hint: namespaceHint(line, facts) };
  }
  if (/execvp \/bin\/sh/.test(line)) {
    return {
      namespaces: false,
      message: `the sandbox has no usable /bin/sh: ${quoted}`,
      hint: 'every build runs its commands with /bin/sh, so the staged dependencies must provide one',
    };
  }
  return { namespaces: false, message: `bubblewrap could not set up the sandbox: ${quoted}` };
}

/** Every fix, the one this host most likely needs first. */
function namespaceHint(line: string, facts: HostFacts): string {
  const fixes: Array<{ readonly text: string; readonly likely: boolean }> = [
    {
      text: APPARMOR_FIX,
      // Ubuntu's AppArmor lets the namespace be created and then denies the uid map or the loopback setup.
      likely: facts.apparmorRestrictsUserns === true || /setting up [ug]id map|RTM_NEWADDR/i.test(line),
    },
    { text: USERNS_CLONE_FIX, likely: facts.usernsCloneDisabled === true || /No permissions to creat/i.test(line) },
    { text: MAX_NAMESPACES_FIX, likely: facts.maxUserNamespaces === 0 || /ENOSPC|max_/i.test(line) },
    { text: CONTAINER_FIX, likely: facts.inContainer === true || /Can't mount|make \/ slave|pivot_root/i.test(line) },
  ];
  const relevant = fixes.filter((f) => f.likely || f.text !== MAX_NAMESPACES_FIX);
  const ordered = [...relevant.filter((f) => f.likely), ...relevant.filter((f) => !f.likely)];
  return `let bubblewrap create user namespaces: ${ordered.map((f) => f.text).join('; ')}`;
}

export const INSTALL_HINT = 'install it: apt-get install bubblewrap';

export function bwrapNotInstalled(where?: string): CairnError {
  const suffix = where === undefined ? '' : ` at ${where}`;
  return new CairnError('sandbox-unavailable', `bubblewrap (bwrap) is not installed${suffix}`, undefined, INSTALL_HINT);
}
