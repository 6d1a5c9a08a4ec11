// Preparing a hosted runner for bubblewrap: lifting Ubuntu's AppArmor restriction on user
// namespaces only when asked and only when it is on, installing bwrap when it is missing, and
// naming the fix when the sandbox cannot start. The machine is a fake given to the functions.

import { describe, expect, it } from '@jest/globals';
import { fixUserns, sandboxAdvice, USERNS_SYSCTL_FILE, type CommandResult } from '../../src/action/fix-userns.js';
import { ensureBwrap } from '../../src/action/install-bwrap.js';

function machine(options: { sysctl?: string; root?: boolean; programs?: string[]; fail?: (argv: string[]) => boolean } = {}) {
  const ran: string[][] = [];
  const logged: string[] = [];
  const programs = new Set(options.programs ?? []);
  return {
    ran,
    logged,
    readSysctl: (file: string) => (file === USERNS_SYSCTL_FILE ? options.sysctl : undefined),
    findProgram: (name: string) => (programs.has(name) ? `/usr/bin/${name}` : undefined),
    run: async (program: string, args: readonly string[]): Promise<CommandResult> => {
      const argv = [program, ...args];
      ran.push(argv);
      const failed = options.fail?.(argv) ?? false;
      if (argv.includes('install') && !failed) programs.add('bwrap');
      return failed ? { code: 1, stdout: '', stderr: 'sudo: a password is required\n' } : { code: 0, stdout: '', stderr: '' };
    },
    isRoot: options.root ?? false,
    log: { info: (text: string) => logged.push(`info: ${text}`), warning: (text: string) => logged.push(`warning: ${text}`) },
  };
}

describe('fix-userns', () => {
  it('runs the sysctl through sudo when the restriction is on', async () => {
    const host = machine({ sysctl: '1\n' });
    expect(await fixUserns(host)).toBe('fixed');
    expect(host.ran).toEqual([['sudo', '-n', 'sysctl', '-w', 'kernel.apparmor_restrict_unprivileged_userns=0']]);
  });

  it('runs it directly as root', async () => {
    const host = machine({ sysctl: '1', root: true });
    expect(await fixUserns(host)).toBe('fixed');
    expect(host.ran).toEqual([['sysctl', '-w', 'kernel.apparmor_restrict_unprivileged_userns=0']]);
  });

  it('changes nothing on a kernel without the restriction, or with it off', async () => {
    for (const sysctl of [undefined, '0']) {
      const host = machine(sysctl === undefined ? {} : { sysctl });
      expect(await fixUserns(host)).toBe('not-restricted');
      expect(host.ran).toEqual([]);
    }
  });

  it('warns, quoting sudo, when it cannot', async () => {
    const host = machine({ sysctl: '1', fail: () => true });
    expect(await fixUserns(host)).toBe('failed');
    expect(host.logged).toEqual(['warning: fix-userns: could not run `sudo -n sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`: sudo: a password is required']);
  });
});

describe('a sandbox that cannot start', () => {
  it('names the input on a runner with the restriction', () => {
    expect(sandboxAdvice({ apparmorRestrictsUserns: true }, false)).toBe('set `fix-userns: true` on this step to run `sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0` before building');
  });

  it('names the container options in a container job', () => {
    expect(sandboxAdvice({ inContainer: true }, false)).toMatch(/--privileged/);
  });
});

describe('bubblewrap on the runner', () => {
  it('is installed with apt-get through sudo when missing', async () => {
    const host = machine({ programs: ['apt-get'] });
    expect(await ensureBwrap(host)).toBe('installed');
    expect(host.ran).toEqual([['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', '-q', '-y', 'install', '--no-install-recommends', 'bubblewrap']]);
  });

  it('updates the package lists when the first install fails', async () => {
    let installs = 0;
    const host = machine({ programs: ['apt-get'], root: true, fail: (argv) => argv.includes('install') && ++installs === 1 });
    expect(await ensureBwrap(host)).toBe('installed');
    expect(host.ran.map((argv) => argv.slice(5).join(' '))).toEqual(['install --no-install-recommends bubblewrap', 'update', 'install --no-install-recommends bubblewrap']);
  });

  it('is left alone when present or configured', async () => {
    expect(await ensureBwrap(machine({ programs: ['bwrap', 'apt-get'] }))).toBe('present');
    expect(await ensureBwrap(machine({ programs: ['apt-get'] }), '/opt/bwrap')).toBe('present');
  });

  it('is not installed without apt-get', async () => {
    expect(await ensureBwrap(machine())).toBe('no-apt');
  });
});
