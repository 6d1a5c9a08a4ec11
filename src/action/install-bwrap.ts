// bubblewrap on the runner: GitHub's Ubuntu images do not ship it, so when something must be
// built and bwrap is missing, the action installs Debian/Ubuntu's package with apt-get (through
// `sudo -n` unless root). Where that is impossible it leaves the build to say what is missing.

import type { CommandResult } from './fix-userns.js';

export interface InstallHost {
  /** The absolute path of a program on PATH, or undefined. */
  findProgram(name: string): string | undefined;
  run(program: string, args: readonly string[]): Promise<CommandResult>;
  readonly isRoot: boolean;
  readonly log: { info(text: string): void; warning(text: string): void };
}

export type BwrapInstall = 'present' | 'installed' | 'failed' | 'no-apt';

export async function ensureBwrap(host: InstallHost, configured?: string): Promise<BwrapInstall> {
  if (configured !== undefined || host.findProgram('bwrap') !== undefined) return 'present';
  if (host.findProgram('apt-get') === undefined) return 'no-apt';
  const sudo = host.isRoot ? [] : ['sudo', '-n'];
  const apt = (...args: string[]): Promise<CommandResult> => {
    const [program, ...rest] = [...sudo, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', '-q', '-y', ...args];
    return host.run(program!, rest);
  };
  host.log.info('bubblewrap (bwrap) is not installed: installing it with apt-get');
  let result = await apt('install', '--no-install-recommends', 'bubblewrap');
  // A fresh image's package lists may be stale or absent.
  if (result.code !== 0) {
    await apt('update');
    result = await apt('install', '--no-install-recommends', 'bubblewrap');
  }
  if (result.code === 0 && host.findProgram('bwrap') !== undefined) return 'installed';
  const said = result.stderr.trim().split('\n').pop() ?? '';
  host.log.warning(`could not install bubblewrap with apt-get${said ? `: ${said}` : ''}`);
  return 'failed';
}
