// Letting bubblewrap create user namespaces on a hosted runner. Ubuntu 24.04 (ubuntu-latest)
// restricts unprivileged user namespaces through AppArmor; with `fix-userns: true` the action
// lifts that restriction with sudo, as BuildStream's own CI does. It never changes anything the
// user did not ask for: without the input it only explains.

import type { HostFacts } from '../sandbox/setup-failure.js';
import { Inputs } from './constants.js';

export const USERNS_SYSCTL = 'kernel.apparmor_restrict_unprivileged_userns';
export const USERNS_SYSCTL_FILE = '/proc/sys/kernel/apparmor_restrict_unprivileged_userns';

export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** What fixing the restriction needs from the machine: injected, so tests run it against fakes. */
export interface UsernsHost {
  /** The text of a /proc/sys file, or undefined when the kernel has no such setting. */
  readSysctl(file: string): string | undefined;
  run(program: string, args: readonly string[]): Promise<CommandResult>;
  readonly isRoot: boolean;
  readonly log: { info(text: string): void; warning(text: string): void };
}

export type UsernsFix = 'not-restricted' | 'fixed' | 'failed';

/** Sets the AppArmor sysctl to 0 when it is 1 (through `sudo -n` unless already root). */
export async function fixUserns(host: UsernsHost): Promise<UsernsFix> {
  const value = host.readSysctl(USERNS_SYSCTL_FILE)?.trim();
  if (value === undefined || value === '0') {
    host.log.info(`${Inputs.FixUserns}: this kernel does not restrict unprivileged user namespaces; nothing to change`);
    return 'not-restricted';
  }
  const command = ['sysctl', '-w', `${USERNS_SYSCTL}=0`];
  const [program, ...args] = host.isRoot ? command : ['sudo', '-n', ...command];
  const result = await host.run(program!, args);
  if (result.code === 0) {
    host.log.info(`${Inputs.FixUserns}: ran \`${[program, ...args].join(' ')}\` so that bubblewrap can create user namespaces`);
    return 'fixed';
  }
  const said = firstLine(result.stderr) || firstLine(result.stdout) || `exit status ${String(result.code)}`;
  host.log.warning(`${Inputs.FixUserns}: could not run \`${[program, ...args].join(' ')}\`: ${said}`);
  return 'failed';
}

/**
 * The advice to add to a sandbox that could not start: the action's own input first when the
 * AppArmor restriction is on and the input was not set, the container options in a container.
 */
export function sandboxAdvice(facts: HostFacts, fixUsernsAsked: boolean): string | undefined {
  if (facts.inContainer) {
    return 'in a container job, run the container with `options: --privileged` (or --security-opt seccomp=unconfined --security-opt apparmor=unconfined)';
  }
  if (facts.apparmorRestrictsUserns && !fixUsernsAsked) {
    return `set \`${Inputs.FixUserns}: true\` on this step to run \`sudo sysctl -w ${USERNS_SYSCTL}=0\` before building`;
  }
  if (facts.apparmorRestrictsUserns && fixUsernsAsked) {
    return `${Inputs.FixUserns} is set but the restriction is still on: the step needs passwordless sudo (GitHub-hosted runners have it)`;
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n').map((line) => line.trim()).find((line) => line !== '') ?? '';
}
