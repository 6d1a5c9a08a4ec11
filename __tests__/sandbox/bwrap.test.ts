// The build sandbox, run for real with bubblewrap over tiny sysroots made of a static busybox: what a
// command can see and do inside, how a batch reports failure, aborts, and why a host cannot sandbox.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CairnError } from '../../src/format/errors.js';
import {
  explainSetupFailure,
  probeSandbox,
  runInSandbox,
  type SandboxCapabilities,
  type SandboxCommand,
  type SandboxResult,
  type SandboxRun,
} from '../../src/sandbox/bwrap.js';
import { commandHeader, readBatchStatus } from '../../src/sandbox/batch-script.js';
import { repoRoot } from '../helpers/paths.js';

const BUSYBOX = '/usr/bin/busybox';
const APPLETS = [
  'sh', 'cat', 'echo', 'env', 'false', 'hostname', 'id', 'ls', 'mkdir', 'mount', 'nc', 'printf',
  'pwd', 'rm', 'sleep', 'sort', 'test', 'touch', 'true', 'unshare',
];

// CAIRN_TEST_BWRAP runs the suite against another bubblewrap build (0.9+ takes the --overlay route).
const testBwrap = process.env['CAIRN_TEST_BWRAP'];
const capabilities: SandboxCapabilities = await probeSandbox(testBwrap ? { bwrap: testBwrap } : {});
const withOverlay = capabilities.overlay ? it : it.skip;

let dir = '';
let root = '';
let install = '';
let build = '';
let scratch = '';
let logPath = '';
/** A file outside the root, hard-linked into it as /linked, standing in for a content-store object. */
let original = '';

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-sandbox-test-'));
  root = path.join(dir, 'root');
  install = path.join(dir, 'install');
  build = path.join(dir, 'build');
  scratch = path.join(dir, 'scratch');
  logPath = path.join(dir, 'build.log');
  for (const d of [path.join(root, 'bin'), path.join(root, 'etc'), install, build, scratch]) fs.mkdirSync(d, { recursive: true });
  fs.copyFileSync(BUSYBOX, path.join(root, 'bin', 'busybox'));
  fs.chmodSync(path.join(root, 'bin', 'busybox'), 0o755);
  for (const applet of APPLETS) fs.symlinkSync('busybox', path.join(root, 'bin', applet));
  fs.writeFileSync(path.join(root, 'etc', 'staged'), 'staged\n');
  original = path.join(dir, 'cas-object');
  fs.writeFileSync(original, 'hello\n');
  fs.linkSync(original, path.join(root, 'linked'));
});

afterEach(() => {
  // Overlayfs leaves a mode-000 directory in its work dir; open everything up before removing.
  execFileSync('chmod', ['-R', 'u+rwX', dir]);
  fs.rmSync(dir, { recursive: true, force: true });
});

function baseRun(commands: SandboxCommand[], overrides: Partial<SandboxRun> = {}): SandboxRun {
  return {
    root,
    rootWritable: false,
    scratch,
    writable: [
      { host: build, path: '/build' },
      { host: install, path: '/install' },
    ],
    cwd: '/build',
    env: { PATH: '/bin' },
    uid: 0,
    gid: 0,
    commands,
    ...overrides,
  };
}

async function run(commands: SandboxCommand[], overrides: Partial<SandboxRun> = {}): Promise<SandboxResult> {
  const logFd = fs.openSync(logPath, 'a');
  try {
    return await runInSandbox(capabilities, baseRun(commands, { logFd, ...overrides }));
  } finally {
    fs.closeSync(logFd);
  }
}

const cmd = (label: string, command: string): SandboxCommand => ({ label, command });
const read = (file: string): string => fs.readFileSync(file, 'utf8');
const log = (): string => read(logPath);

describe('running a batch of commands', () => {
  it('runs the commands in order, in the working directory, with exactly the given environment', async () => {
    const result = await run(
      [
        cmd('configure', 'echo first >> /install/order'),
        cmd('build', 'pwd > /install/pwd; env > /install/env'),
        cmd('install', 'echo second >> /install/order'),
      ],
      { cwd: '/build/src', env: { PATH: '/bin', PREFIX: '/usr', SPACED: 'a b  c', QUOTED: `it's "$HOME"` } },
    );
    expect(result).toEqual({ ok: true, aborted: false });
    expect(read(path.join(install, 'order'))).toBe('first\nsecond\n');
    expect(read(path.join(install, 'pwd'))).toBe('/build/src\n');
    expect(fs.existsSync(path.join(build, 'src'))).toBe(true);
    const env = new Map(
      read(path.join(install, 'env'))
        .trim()
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    // The shell adds what every shell adds (PWD, SHLVL); nothing comes from the host.
    for (const shellOwn of ['PWD', 'SHLVL', 'OLDPWD', '_']) env.delete(shellOwn);
    expect(Object.fromEntries(env)).toEqual({ PATH: '/bin', PREFIX: '/usr', SPACED: 'a b  c', QUOTED: `it's "$HOME"` });
  });

  it('runs commands with quotes, dollars, backslashes and several lines exactly as written', async () => {
    const tricky = `printf '%s\\n' "a'b" 'c"d' '$HOME' "\\\\x" > /install/out\necho 'second line' >> /install/out`;
    const result = await run([cmd('tricky', tricky)]);
    expect(result.ok).toBe(true);
    expect(read(path.join(install, 'out'))).toBe(`a'b\nc"d\n$HOME\n\\x\nsecond line\n`);
  });

  it("writes a '+ label: command' header before each command's output in the log", async () => {
    await run([cmd('configure', 'echo configuring'), cmd('build', 'echo building >&2')]);
    expect(log()).toBe('+ configure: echo configuring\nconfiguring\n+ build: echo building >&2\nbuilding\n');
  });

  it('indents the continuation lines of a multi-line command in its header', () => {
    expect(commandHeader('install', 'make install\nrm -f /usr/lib/*.la\n')).toBe('+ install: make install\n  rm -f /usr/lib/*.la');
  });

  it('stops at the first failing command and reports its index, label and exit code', async () => {
    const result = await run([
      cmd('configure', 'true'),
      cmd('build', 'echo compiling; exit 3'),
      cmd('install', 'touch /install/never'),
    ]);
    expect(result).toEqual({ ok: false, aborted: false, failed: { index: 1, label: 'build', exitCode: 3 } });
    expect(fs.existsSync(path.join(install, 'never'))).toBe(false);
    expect(log()).toContain('compiling\n');
    expect(log()).not.toContain('+ install');
  });

  it('runs each command with sh -e, so a failing line fails the command', async () => {
    const result = await run([cmd('build', 'false\ntouch /install/after-false')]);
    expect(result.failed).toEqual({ index: 0, label: 'build', exitCode: 1 });
    expect(fs.existsSync(path.join(install, 'after-false'))).toBe(false);
  });

  it('does not let a command forge the report on the status descriptor', async () => {
    const result = await run([cmd('sneaky', "printf 'd\\n' >&3"), cmd('after', 'touch /install/after')]);
    expect(result.ok).toBe(false);
    expect(result.failed?.index).toBe(0);
    expect(fs.existsSync(path.join(install, 'after'))).toBe(false);
  });

  it('reports a command that kills the batch driver as failing with the signal status', async () => {
    const result = await run([cmd('suicide', 'kill -9 $PPID; sleep 5'), cmd('after', 'true')]);
    expect(result.ok).toBe(false);
    expect(result.failed).toEqual({ index: 0, label: 'suicide', exitCode: 137 });
  });

  it('succeeds at once for an empty batch', async () => {
    expect(await run([])).toEqual({ ok: true, aborted: false });
  });

  it('runs commands with the uid and gid of the run', async () => {
    const result = await run([cmd('whoami', 'id -u > /install/uid; id -g > /install/gid')], { uid: 1234, gid: 567 });
    expect(result.ok).toBe(true);
    expect(read(path.join(install, 'uid'))).toBe('1234\n');
    expect(read(path.join(install, 'gid'))).toBe('567\n');
  });

  it('runs an interactive batch with the terminal and reports its failures the same way', async () => {
    const result = await runInSandbox(capabilities, baseRun([cmd('shell', 'true'), cmd('exit', 'exit 4')], { interactive: true }));
    expect(result).toEqual({ ok: false, aborted: false, failed: { index: 1, label: 'exit', exitCode: 4 } });
  });
});

describe('isolation from the host', () => {
  it('shows none of the host filesystem, only the staged root and the mounts a build needs', async () => {
    const result = await run([
      cmd('look', `ls / > /install/root; test ! -e ${JSON.stringify(repoRoot)} && test ! -e ${JSON.stringify(dir)} && test ! -e /etc/hostname && test ! -e /usr`),
      cmd('hostname', 'hostname > /install/hostname'),
    ]);
    expect(result).toEqual({ ok: true, aborted: false });
    expect(read(path.join(install, 'root')).trim().split('\n').sort()).toEqual(['bin', 'build', 'dev', 'etc', 'install', 'linked', 'proc', 'tmp']);
    expect(read(path.join(install, 'hostname'))).toBe('cairn\n');
  });

  it('has no network but loopback', async () => {
    const result = await run([cmd('net', 'cat /proc/net/dev > /install/dev')]);
    expect(result.ok).toBe(true);
    const interfaces = read(path.join(install, 'dev'))
      .split('\n')
      .slice(2)
      .filter((l) => l.includes(':'))
      .map((l) => l.split(':')[0]?.trim());
    expect(interfaces).toEqual(['lo']);
  });

  it('cannot connect to a server listening on the host loopback', async () => {
    let connections = 0;
    const server = net.createServer((socket) => {
      connections += 1;
      socket.end('hello from the host\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const result = await run([cmd('connect', `nc 127.0.0.1 ${port} < /dev/null > /install/reply`)]);
      expect(result.ok).toBe(false);
      expect(connections).toBe(0);
      expect(read(path.join(install, 'reply'))).toBe('');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('gives commands an empty stdin', async () => {
    const result = await run([cmd('stdin', 'cat > /install/stdin')]);
    expect(result.ok).toBe(true);
    expect(read(path.join(install, 'stdin'))).toBe('');
  });
});

describe('a read-only root', () => {
  it('refuses writes outside the writable directories, while writes to the install root land on the host', async () => {
    const result = await run([cmd('install', 'echo built > /install/artifact; echo tmp > /tmp/ok')]);
    expect(result.ok).toBe(true);
    expect(read(path.join(install, 'artifact'))).toBe('built\n');

    for (const attempt of ['touch /new-file', 'echo more >> /linked', 'rm /etc/staged', 'mkdir /bin/sub']) {
      const refused = await run([cmd('escape', attempt)]);
      expect(refused.failed?.exitCode).toBeGreaterThan(0);
    }
    expect(read(original)).toBe('hello\n');
    expect(read(path.join(root, 'etc', 'staged'))).toBe('staged\n');
    expect(fs.existsSync(path.join(root, 'new-file'))).toBe(false);
  });

  it('cannot be remounted read-write from inside, not even by uid 0 in a nested user namespace', async () => {
    const remount = await run([cmd('remount', 'mount -o remount,bind,rw / && echo pwned >> /linked')]);
    expect(remount.ok).toBe(false);
    const nested = await run([cmd('nested', "unshare -Urm sh -c 'mount -o remount,bind,rw / && echo pwned >> /linked'")]);
    expect(nested.ok).toBe(false);
    expect(read(original)).toBe('hello\n');
  });
});

describe('a writable root', () => {
  withOverlay('lets a command append to a staged hard link without changing the file it links to', async () => {
    const result = await run(
      [
        cmd('append', 'echo more >> /linked && cat /linked > /install/seen'),
        cmd('replace', 'rm -r /etc && mkdir /etc && echo new > /etc/new && echo made > /made-at-root'),
      ],
      { rootWritable: true },
    );
    expect(result).toEqual({ ok: true, aborted: false });
    expect(read(path.join(install, 'seen'))).toBe('hello\nmore\n');
    expect(read(original)).toBe('hello\n');
    expect(fs.statSync(original).nlink).toBe(2);
    expect(read(path.join(root, 'linked'))).toBe('hello\n');
    expect(read(path.join(root, 'etc', 'staged'))).toBe('staged\n');
    expect(fs.existsSync(path.join(root, 'made-at-root'))).toBe(false);
  });

  it('is bound directly when the host has no overlay, the caller having staged a copy', async () => {
    fs.unlinkSync(path.join(root, 'linked'));
    const result = await runInSandbox(
      { ...capabilities, overlay: false },
      baseRun([cmd('write', 'echo made > /made-at-root')], { rootWritable: true }),
    );
    expect(result.ok).toBe(true);
    expect(read(path.join(root, 'made-at-root'))).toBe('made\n');
  });
});

describe('aborting', () => {
  function sandboxedSleeps(marker: string): number[] {
    const pids: number[] = [];
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8') === `sleep\0${marker}\0`) pids.push(Number(entry));
      } catch {
        // The process ended while we looked.
      }
    }
    return pids;
  }

  async function until<T>(probe: () => T | undefined, ms: number): Promise<T | undefined> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = probe();
      if (value !== undefined || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('kills a long sleep promptly and leaves no process behind', async () => {
    const marker = String(900000 + Math.floor(Math.random() * 99999));
    const controller = new AbortController();
    const running = run([cmd('hang', `sleep ${marker}`)], { signal: controller.signal });
    const pids = await until(() => {
      const found = sandboxedSleeps(marker);
      return found.length > 0 ? found : undefined;
    }, 10000);
    expect(pids).toHaveLength(1);
    const started = Date.now();
    controller.abort();
    expect(await running).toEqual({ ok: false, aborted: true });
    expect(Date.now() - started).toBeLessThan(2000);
    const gone = await until(() => (fs.existsSync(`/proc/${pids?.[0]}`) ? undefined : true), 2000);
    expect(gone).toBe(true);
  });

  it('does not start anything when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await run([cmd('never', 'touch /install/never')], { signal: controller.signal });
    expect(result).toEqual({ ok: false, aborted: true });
    expect(fs.existsSync(path.join(install, 'never'))).toBe(false);
  });
});

describe('when the sandbox cannot be set up', () => {
  it('says bubblewrap is not installed when there is no bwrap at the given path', async () => {
    const missing = path.join(dir, 'no-such-bwrap');
    const error = await probeSandbox({ bwrap: missing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CairnError);
    expect(error).toMatchObject({
      reason: 'sandbox-unavailable',
      message: `bubblewrap (bwrap) is not installed at ${missing}`,
      hint: 'install it: apt-get install bubblewrap',
    });
  });

  it("quotes bwrap's own error when the kernel refuses a namespace", async () => {
    // A user namespace whose max_user_namespaces is 0 is a real host that cannot nest namespaces.
    const wrapper = path.join(dir, 'bwrap-without-namespaces');
    fs.writeFileSync(
      wrapper,
      `#!/bin/sh\nexec unshare -Ur /bin/sh -c 'echo 0 > /proc/sys/user/max_user_namespaces && exec "$0" "$@"' ${capabilities.bwrap} "$@"\n`,
      { mode: 0o755 },
    );
    const error = await probeSandbox({ bwrap: wrapper }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CairnError);
    const { reason, message, hint } = error as CairnError;
    expect(reason).toBe('sandbox-unavailable');
    expect(message).toMatch(/^bubblewrap cannot create the namespaces a build needs: "bwrap: Creating new namespace failed: .*"$/);
    expect(hint).toContain('user.max_user_namespaces');
  });

  it('gives the AppArmor fix first for the error Ubuntu 24.04 runners print', () => {
    const { message, hint } = explainSetupFailure('bwrap: setting up uid map: Permission denied\n');
    expect(message).toBe('bubblewrap cannot create the namespaces a build needs: "bwrap: setting up uid map: Permission denied"');
    expect(hint).toMatch(/^let bubblewrap create user namespaces: on Ubuntu 23\.10 and later .*sudo sysctl -w kernel\.apparmor_restrict_unprivileged_userns=0/);
    expect(hint).toContain('kernel.unprivileged_userns_clone=1');
    expect(hint).toContain('inside a container');
  });

  it('gives the unprivileged_userns_clone fix first for older Debian kernels', () => {
    const stderr =
      "bwrap: No permissions to creating new namespace, likely because the kernel does not allow non-privileged user namespaces. On e.g. debian this can be enabled with 'sysctl kernel.unprivileged_userns_clone=1'.\n";
    const { message, hint } = explainSetupFailure(stderr);
    expect(message).toContain('"bwrap: No permissions to creating new namespace');
    expect(hint).toMatch(/^let bubblewrap create user namespaces: on older Debian and Ubuntu kernels run `sudo sysctl -w kernel\.unprivileged_userns_clone=1`/);
  });

  it('gives the container fix first when proc cannot be mounted inside a container', () => {
    const { hint } = explainSetupFailure('bwrap: Can\'t mount proc on /newroot/proc: Operation not permitted\n', { inContainer: true });
    expect(hint).toMatch(/^let bubblewrap create user namespaces: inside a container/);
  });

  it("names the missing host directory in bwrap's words", async () => {
    const error = await run([cmd('build', 'true')], { writable: [{ host: path.join(dir, 'missing'), path: '/build' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CairnError);
    expect((error as CairnError).message).toMatch(/^bubblewrap could not set up the sandbox: "bwrap: Can't find source path .*missing/);
  });

  it('says so when the staged root has no /bin/sh', async () => {
    fs.rmSync(path.join(root, 'bin'), { recursive: true });
    const error = await run([cmd('build', 'true')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CairnError);
    expect((error as CairnError).message).toMatch(/^the sandbox has no usable \/bin\/sh: "bwrap: execvp \/bin\/sh/);
  });
});

describe('the batch report', () => {
  it('tells a command that never started from one that failed', () => {
    expect(readBatchStatus('', 2)).toEqual({ state: 'not-started' });
    expect(readBatchStatus('s 4\ns 2\n', 2)).toEqual({ state: 'interrupted', index: 1 });
    expect(readBatchStatus('s 4\nf 4 2\n', 2)).toEqual({ state: 'failed', index: 0, exitCode: 2 });
    expect(readBatchStatus('s 4\ns 2\nd\n', 2)).toEqual({ state: 'done' });
  });
});
