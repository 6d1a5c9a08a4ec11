// `cairn build`, `show`, `artifact`, `shell` and `cache check` as users run them: the bundled
// dist/cli/index.js in a child process, building a busybox project in real sandboxes.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { writeBuildProject } from '../helpers/build-project.js';
import { cli, env, removeAfterTest, run, temporary, type Run } from '../helpers/cli.js';


/** A project and a cache of its own; `cairn(...)` runs the CLI on both. */
class Workspace {
  readonly cache = temporary('cairn-cli-cache-');
  readonly project: string;

  constructor(files: Record<string, string> = {}) {
    this.project = writeBuildProject({ ...ELEMENTS, ...files });
    removeAfterTest(this.project);
  }

  cairn(...args: string[]): Run {
    return run(['-C', this.project, '--cache-dir', this.cache, ...args]);
  }

  /** `cairn show` as { element: state }. */
  states(...targets: string[]): Record<string, string> {
    const shown = this.cairn('show', '--format', '%{name}=%{state}', ...targets);
    expect(shown.status).toBe(0);
    return Object.fromEntries(shown.stdout.trimEnd().split('\n').map((line) => line.split('=') as [string, string]));
  }

  /** Builds and insists that it worked. */
  build(...targets: string[]): Run {
    const built = this.cairn('build', ...targets);
    expect(built.stderr).toContain('Build succeeded');
    expect(built.status).toBe(0);
    return built;
  }
}

function manual(commands: readonly string[], options: { buildDepends?: readonly string[]; depends?: readonly string[]; extra?: string } = {}): string {
  const list = (key: string, items: readonly string[] | undefined): string => (items && items.length > 0 ? `${key}:\n${items.map((d) => `- ${d}`).join('\n')}\n` : '');
  return `kind: manual\n${list('build-depends', options.buildDepends ?? ['base.bst'])}${list('depends', options.depends)}config:\n  install-commands:\n${commands
    .map((c) => `  - ${JSON.stringify(c)}`)
    .join('\n')}\n${options.extra ?? ''}`;
}

const APP_TEXT = 'hello from app\n';

// lib is a runtime dependency of app with an integration command; tool is only needed to build app.
const ELEMENTS: Record<string, string> = {
  'elements/tool.bst': manual(['mkdir -p %{install-root}/tool', 'echo tool > %{install-root}/tool/marker']),
  'elements/lib.bst': manual(['mkdir -p %{install-root}/usr/share/lib', 'echo libdata > %{install-root}/usr/share/lib/data'], {
    depends: ['base.bst'],
    extra: 'public:\n  bst:\n    integration-commands:\n    - echo integrated > /etc/integrated\n',
  }),
  'elements/app.bst': manual(['mkdir -p %{install-root}/app', `printf '${APP_TEXT.replace('\n', '\\n')}' > %{install-root}/app/hello`], {
    buildDepends: ['base.bst', 'tool.bst'],
    depends: ['lib.bst'],
  }),
  // The failing command is on line 7, column 5.
  'elements/broken.bst': 'kind: manual\nbuild-depends:\n- base.bst\nconfig:\n  install-commands:\n  - echo about to fail\n  - exit 3\n',
  'elements/independent.bst': manual(['mkdir -p %{install-root}/independent', 'echo fine > %{install-root}/independent/file']),
  'elements/with-sources.bst': `kind: manual
build-depends:
- base.bst
sources:
- kind: local
  path: files/src
config:
  install-commands:
  - mkdir -p %{install-root}/out && cp input.txt %{install-root}/out/
`,
  'files/src/input.txt': 'source text\n',
  'elements/slow.bst': manual(['sleep 100']),
};

/** Every file, link and directory below `dir`, relative and sorted. */
function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (sub: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const relative = sub ? `${sub}/${entry.name}` : entry.name;
      out.push(relative);
      if (entry.isDirectory()) walk(relative);
    }
  };
  walk('');
  return out.sort();
}

/** The job lines of a build's output: `[time][key][build:element   ] RESULT  duration  log`. */
const JOB_LINE = /^\[\d\d:\d\d:\d\d\]\[[0-9a-f]{8}\]\[(build|fetch) ?:(\S+) *\] (SUCCESS|FAILURE|SKIPPED) +(\d+\.\d\d)s(?: {2}(\S+))?$/;

function jobLines(output: string): RegExpExecArray[] {
  return output.split('\n').flatMap((line) => {
    const match = JOB_LINE.exec(line);
    return match ? [match] : [];
  });
}

describe('cairn build', () => {
  it('prints one aligned line per finished job with the element, result, duration and log, then a summary', () => {
    const ws = new Workspace();
    const { stderr } = ws.build('app.bst');
    const jobs = jobLines(stderr);
    expect(jobs.map((j) => j[2]).sort()).toEqual(['app.bst', 'base.bst', 'lib.bst', 'tool.bst']);
    for (const job of jobs) {
      expect(job[3]).toBe('SUCCESS');
      expect(fs.existsSync(job[5]!)).toBe(true);
      expect(job[5]!.startsWith(path.join(ws.cache, 'logs'))).toBe(true);
    }
    // The result column lines up although the element names differ in length.
    expect(new Set(jobs.map((j) => j.input.indexOf(' SUCCESS'))).size).toBe(1);
    expect(stderr).toMatch(/\nBuild succeeded: 4 built, 0 cached, 0 failed, 0 skipped in \d+\.\d\ds\n$/);
  });

  it('exits non-zero when a build fails and names the file, line and column of the failing command', () => {
    const ws = new Workspace();
    const { status, stderr } = ws.cairn('build', 'broken.bst');
    expect(status).not.toBe(0);
    const failed = jobLines(stderr).find((j) => j[2] === 'broken.bst')!;
    expect(failed[3]).toBe('FAILURE');
    expect(fs.readFileSync(failed[5]!, 'utf8')).toContain('about to fail');
    expect(stderr).toContain("elements/broken.bst:7:5: command 'install-commands[1]' failed with exit code 3");
    expect(stderr).toContain('Build failed: 1 built, 0 cached, 1 failed');
  });

  it('builds nothing the second time: no job lines, "0 built"', () => {
    const ws = new Workspace();
    ws.build('app.bst');
    const { stderr } = ws.build('app.bst');
    expect(jobLines(stderr)).toEqual([]);
    // tool.bst is only needed to build app.bst, so it is not even looked at now.
    expect(stderr).toContain('Build succeeded: 0 built, 3 cached, 0 failed, 0 skipped');
  });

  it('with --on-error continue, a failure does not stop an independent element from being built', () => {
    const ws = new Workspace();
    const { status, stderr } = ws.cairn('--on-error', 'continue', '--builders', '1', 'build', 'broken.bst', 'independent.bst');
    expect(status).not.toBe(0);
    expect(jobLines(stderr).find((j) => j[2] === 'independent.bst')?.[3]).toBe('SUCCESS');
    expect(ws.states('broken.bst', 'independent.bst')).toMatchObject({ 'broken.bst': 'failed', 'independent.bst': 'cached' });

    // Whereas by default (quit) the failure stops the build before the independent element starts.
    const quitting = new Workspace();
    const quit = quitting.cairn('--builders', '1', 'build', 'broken.bst', 'independent.bst');
    expect(quit.status).not.toBe(0);
    expect(jobLines(quit.stderr).map((j) => j[2])).not.toContain('independent.bst');
    expect(quit.stderr).toContain('1 skipped');
  });

  it('honours cachedir: from a user configuration given with -c', () => {
    const ws = new Workspace();
    const configured = temporary('cairn-configured-cache-');
    const config = path.join(temporary('cairn-config-'), 'cairn.conf');
    fs.writeFileSync(config, `cachedir: ${configured}\n`);
    const built = run(['-C', ws.project, '-c', config, 'build', 'base.bst']);
    expect(built.status).toBe(0);
    expect(jobLines(built.stderr)[0]![5]!.startsWith(path.join(configured, 'logs'))).toBe(true);
    expect(fs.readdirSync(path.join(configured, 'artifacts', 'refs', 'test'))).toEqual(['base']);
    expect(fs.existsSync(env['XDG_CACHE_HOME']!)).toBe(false);
    expect(run(['-C', ws.project, '-c', config, 'show', '--format', '%{state}', 'base.bst']).stdout).toBe('cached\n');
  });
});

describe('cairn show', () => {
  it('reports buildable and waiting before a build, cached after it, and failed after a failed build', () => {
    const ws = new Workspace();
    expect(ws.states('app.bst')).toEqual({ 'base.bst': 'buildable', 'tool.bst': 'waiting', 'lib.bst': 'waiting', 'app.bst': 'waiting' });
    ws.build('lib.bst');
    expect(ws.states('app.bst')).toEqual({ 'base.bst': 'cached', 'tool.bst': 'buildable', 'lib.bst': 'cached', 'app.bst': 'waiting' });
    ws.build('app.bst');
    expect(ws.states('app.bst')).toEqual({ 'base.bst': 'cached', 'tool.bst': 'cached', 'lib.bst': 'cached', 'app.bst': 'cached' });
    expect(ws.cairn('build', 'broken.bst').status).not.toBe(0);
    expect(ws.states('broken.bst')).toEqual({ 'base.bst': 'cached', 'broken.bst': 'failed' });
  });
});

describe('cairn artifact checkout', () => {
  function built(): Workspace {
    const ws = new Workspace();
    ws.build('app.bst');
    return ws;
  }

  it('puts the element and its runtime dependencies into --directory by default', () => {
    const ws = built();
    const out = path.join(temporary('cairn-checkout-'), 'out');
    const { status, stderr } = ws.cairn('artifact', 'checkout', '--directory', out, 'app.bst');
    expect(status).toBe(0);
    expect(stderr).toContain(`checked out app.bst`);
    expect(fs.readFileSync(path.join(out, 'app', 'hello'), 'utf8')).toBe(APP_TEXT);
    expect(fs.readFileSync(path.join(out, 'usr', 'share', 'lib', 'data'), 'utf8')).toBe('libdata\n');
    expect(fs.existsSync(path.join(out, 'bin', 'busybox'))).toBe(true);
    // tool is only a build dependency, and nothing was integrated.
    expect(fs.existsSync(path.join(out, 'tool'))).toBe(false);
    expect(fs.existsSync(path.join(out, 'etc', 'integrated'))).toBe(false);
  });

  it('with --deps none checks out the element alone', () => {
    const ws = built();
    const out = path.join(temporary('cairn-checkout-'), 'out');
    expect(ws.cairn('artifact', 'checkout', '--deps', 'none', '--directory', out, 'app.bst').status).toBe(0);
    expect(listTree(out)).toEqual(['app', 'app/hello']);
  });

  it('with --deps all includes build-only dependencies too', () => {
    const ws = built();
    const out = path.join(temporary('cairn-checkout-'), 'out');
    expect(ws.cairn('artifact', 'checkout', '--deps', 'all', '--directory', out, 'app.bst').status).toBe(0);
    expect(fs.readFileSync(path.join(out, 'tool', 'marker'), 'utf8')).toBe('tool\n');
    expect(fs.readFileSync(path.join(out, 'app', 'hello'), 'utf8')).toBe(APP_TEXT);
    expect(fs.readFileSync(path.join(out, 'usr', 'share', 'lib', 'data'), 'utf8')).toBe('libdata\n');
  });

  it('with --hardlinks checks out the same files', () => {
    const ws = built();
    const out = path.join(temporary('cairn-checkout-'), 'out');
    expect(ws.cairn('artifact', 'checkout', '--hardlinks', '--directory', out, 'app.bst').status).toBe(0);
    expect(fs.readFileSync(path.join(out, 'app', 'hello'), 'utf8')).toBe(APP_TEXT);
    expect(fs.readFileSync(path.join(out, 'usr', 'share', 'lib', 'data'), 'utf8')).toBe('libdata\n');
  });

  it('with --tar FILE writes a tarball the host tar can read', () => {
    const ws = built();
    const tarball = path.join(temporary('cairn-checkout-'), 'app.tar');
    expect(ws.cairn('artifact', 'checkout', '--tar', tarball, 'app.bst').status).toBe(0);
    const listed = spawnSync('tar', ['tf', tarball], { encoding: 'utf8' });
    expect(listed.status).toBe(0);
    expect(listed.stdout.split('\n')).toEqual(expect.arrayContaining(['app/hello', 'usr/share/lib/data', 'bin/busybox']));
    expect(spawnSync('tar', ['xOf', tarball, 'app/hello'], { encoding: 'utf8' }).stdout).toBe(APP_TEXT);
  });

  it('with --tar - writes the tarball to stdout', () => {
    const ws = built();
    const result = spawnSync(process.execPath, [cli, '-C', ws.project, '--cache-dir', ws.cache, 'artifact', 'checkout', '--tar', '-', 'app.bst'], { env, maxBuffer: 64 * 1024 * 1024 });
    expect(result.status).toBe(0);
    const listed = spawnSync('tar', ['tf', '-'], { input: result.stdout, encoding: 'utf8' });
    expect(listed.status).toBe(0);
    expect(listed.stdout.split('\n')).toEqual(expect.arrayContaining(['app/hello', 'usr/share/lib/data']));
  });

  it('with --integrate runs the integration commands of what it checks out', () => {
    const ws = built();
    const out = path.join(temporary('cairn-checkout-'), 'out');
    expect(ws.cairn('artifact', 'checkout', '--integrate', '--directory', out, 'app.bst').status).toBe(0);
    expect(fs.readFileSync(path.join(out, 'etc', 'integrated'), 'utf8')).toBe('integrated\n');
    expect(fs.readFileSync(path.join(out, 'app', 'hello'), 'utf8')).toBe(APP_TEXT);
  });

  it('refuses a directory that is not empty, and leaves it alone', () => {
    const ws = built();
    const out = temporary('cairn-checkout-');
    fs.writeFileSync(path.join(out, 'precious'), 'keep me\n');
    const { status, stderr } = ws.cairn('artifact', 'checkout', '--directory', out, 'app.bst');
    expect(status).toBe(255);
    expect(stderr).toBe(`error: ${out} is not empty (give an empty or new directory)\n`);
    expect(listTree(out)).toEqual(['precious']);
  });

  it('says clearly, with exit status 255, that an element is not cached or that its build failed', () => {
    const ws = new Workspace();
    const out = path.join(temporary('cairn-checkout-'), 'out');
    const missing = ws.cairn('artifact', 'checkout', '--directory', out, 'independent.bst');
    expect(missing.status).toBe(255);
    expect(missing.stderr).toMatch(/^error: elements\/independent\.bst:1:7: independent\.bst is not cached .*cairn build independent\.bst\)\n$/);
    expect(fs.existsSync(out)).toBe(false);

    ws.cairn('build', 'broken.bst');
    const failed = ws.cairn('artifact', 'checkout', '--directory', out, 'broken.bst');
    expect(failed.status).toBe(255);
    expect(failed.stderr).toContain('broken.bst failed to build');
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('cairn artifact log, list-contents and delete', () => {
  it('artifact log prints the build log with the commands that ran, for a failed build too', () => {
    const ws = new Workspace();
    ws.build('app.bst');
    const log = ws.cairn('artifact', 'log', 'app.bst');
    expect(log.status).toBe(0);
    expect(log.stdout).toContain('install-commands[0]: mkdir -p /buildstream-install/app');
    expect(log.stdout).toContain('SUCCESS');
    ws.cairn('build', 'broken.bst');
    const failed = ws.cairn('artifact', 'log', 'broken.bst');
    expect(failed.status).toBe(0);
    expect(failed.stdout).toContain('about to fail');
    expect(failed.stdout).toContain('exit 3');
  });

  it('artifact list-contents lists the files of each artifact, and --long their modes and sizes', () => {
    const ws = new Workspace();
    ws.build('app.bst');
    const short = ws.cairn('artifact', 'list-contents', 'app.bst');
    expect(short.status).toBe(0);
    expect(short.stdout).toBe('app.bst:\n\tapp\n\tapp/hello\n\n');
    const long = ws.cairn('artifact', 'list-contents', '--long', 'app.bst', 'lib.bst');
    expect(long.status).toBe(0);
    expect(long.stdout).toContain(`app.bst:\n\tdrwxr-xr-x          0 app\n\t-rw-r--r-- ${String(APP_TEXT.length).padStart(10)} app/hello\n`);
    expect(long.stdout).toContain('lib.bst:\n');
    expect(long.stdout).toContain(`-rw-r--r--          8 usr/share/lib/data\n`);
  });

  it('artifact delete removes an artifact: show says buildable and the next build builds it again', () => {
    const ws = new Workspace();
    ws.build('app.bst');
    const deleted = ws.cairn('artifact', 'delete', 'app.bst');
    expect(deleted.status).toBe(0);
    expect(deleted.stderr).toMatch(/^deleted the artifact of app\.bst \([0-9a-f]{8}\)\n$/);
    expect(ws.states('app.bst')['app.bst']).toBe('buildable');
    const rebuilt = ws.build('app.bst');
    expect(jobLines(rebuilt.stderr).map((j) => j[2])).toEqual(['app.bst']);
    expect(ws.cairn('artifact', 'delete', 'app.bst', 'independent.bst').status).toBe(255);
  });
});

describe('cairn shell', () => {
  it('runs a command in the staged run scope, after integration, and returns its exit status', () => {
    const ws = new Workspace();
    ws.build('app.bst');
    const { status, stdout } = ws.cairn('shell', 'app.bst', '--', 'sh', '-c', 'cat /app/hello /usr/share/lib/data /etc/integrated; exit 7');
    expect(stdout).toBe(`${APP_TEXT}libdata\nintegrated\n`);
    expect(status).toBe(7);
  });

  it('with --build stages the build dependencies and the sources at the build root', () => {
    const ws = new Workspace();
    ws.build('base.bst');
    const { status, stdout } = ws.cairn('shell', '--build', 'with-sources.bst', '--', 'sh', '-c', 'pwd; cat input.txt; test -x /bin/busybox && echo has-busybox');
    expect(status).toBe(0);
    expect(stdout).toBe('/buildstream/test/with-sources.bst\nsource text\nhas-busybox\n');
  });

  it('without a command opens an interactive shell on the terminal (driven here through a pseudo-terminal)', () => {
    const ws = new Workspace();
    ws.build('app.bst');
    // util-linux `script` gives the shell a real terminal; its input is what a user would type.
    const command = [process.execPath, cli, '-C', ws.project, '--cache-dir', ws.cache, 'shell', 'app.bst'].map((w) => `'${w}'`).join(' ');
    const result = spawnSync('script', ['-qec', command, '/dev/null'], { input: 'echo inside-$((6*7)); cat /etc/integrated\nexit 4\n', encoding: 'utf8', env });
    expect(result.stdout).toContain('inside-42');
    expect(result.stdout).toContain('integrated');
    expect(result.stdout).toContain('[app.bst:/]');
    expect(result.status).toBe(4);
  });

  it('refuses an element whose run scope is not cached', () => {
    const ws = new Workspace();
    const { status, stderr } = ws.cairn('shell', 'app.bst', '--', 'true');
    expect(status).toBe(255);
    expect(stderr).toContain('is not cached');
  });
});

describe('cairn cache check', () => {
  it('finds no problems in a healthy cache', () => {
    const ws = new Workspace();
    ws.build('app.bst');
    const { status, stdout } = ws.cairn('cache', 'check');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^checked \d+ objects in .*\nno problems found\n$/);
  });

  it('reports a corrupt object, and --repair removes it and the artifact needing it, which the next build rebuilds', () => {
    const ws = new Workspace();
    ws.build('app.bst');
    const hash = createHash('sha256').update(APP_TEXT).digest('hex');
    const object = path.join(ws.cache, 'cas', 'objects', hash.slice(0, 2), hash.slice(2));
    expect(fs.existsSync(object)).toBe(true);
    fs.chmodSync(object, 0o644);
    fs.writeFileSync(object, 'tampered\n');

    const check = ws.cairn('cache', 'check');
    expect(check.status).not.toBe(0);
    expect(check.stdout).toContain(`corrupt object ${object}: expected ${hash}`);
    expect(check.stdout).toMatch(/broken artifact test\/app\/[0-9a-f]{64}: needs corrupt object/);
    expect(check.stdout).toContain('cairn cache check --repair');

    const repair = ws.cairn('cache', 'check', '--repair');
    expect(repair.status).toBe(0);
    // An artifact is stored under each of its keys; every one of them is removed.
    expect(repair.stdout).toMatch(/repaired: removed 1 corrupt objects and \d+ artifact refs that needed them/);
    expect(fs.existsSync(object)).toBe(false);
    expect(ws.states('app.bst')).toMatchObject({ 'lib.bst': 'cached', 'app.bst': 'buildable' });
    expect(ws.cairn('cache', 'check').stdout).toContain('no problems found');

    const rebuilt = ws.build('app.bst');
    expect(jobLines(rebuilt.stderr).map((j) => j[2])).toEqual(['app.bst']);
    expect(fs.readFileSync(object, 'utf8')).toBe(APP_TEXT);
  });
});

describe('interrupting cairn build', () => {
  /** Processes running `sleep 100` that descend from `ancestor`. */
  function sleepsUnder(ancestor: number): number[] {
    const found: number[] = [];
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let cmdline: string;
      try {
        cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      if (!/(^|\/)sleep\x00100\x00/.test(cmdline)) continue;
      for (let pid = Number(entry); pid > 1; pid = parentOf(pid)) {
        if (pid === ancestor) {
          found.push(Number(entry));
          break;
        }
      }
    }
    return found;
  }

  function parentOf(pid: number): number {
    try {
      // The command name in parentheses may hold spaces; the parent follows the state after it.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      return 0;
    }
  }

  function stillSleeping(pid: number): boolean {
    try {
      return /(^|\/)sleep\x00100\x00/.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
    } catch {
      return false;
    }
  }

  async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 30000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  it.each(['SIGTERM', 'SIGINT'] as const)('on %s stops the running command promptly and leaves no process, work directory or artifact behind', async (signal) => {
    const ws = new Workspace();
    ws.build('base.bst');
    const child = spawn(process.execPath, [cli, '-C', ws.project, '--cache-dir', ws.cache, 'build', 'slow.bst'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exit = exited(child);
    try {
      const logs = path.join(ws.cache, 'logs', 'test', 'slow');
      await until('the command to start in the log', () => {
        const files = fs.existsSync(logs) ? fs.readdirSync(logs) : [];
        return files.some((f) => fs.readFileSync(path.join(logs, f), 'utf8').includes('sleep 100')) ? true : undefined;
      });
      const sleeps = await until('the sleep process', () => {
        const pids = sleepsUnder(child.pid!);
        return pids.length > 0 ? pids : undefined;
      });
      const sent = Date.now();
      child.kill(signal);
      const { code } = await exit;
      expect(Date.now() - sent).toBeLessThan(20000);
      expect(code).not.toBe(0);
      expect(code).not.toBeNull();
      expect(stderr).toContain('Build interrupted');
      expect(sleeps.filter(stillSleeping)).toEqual([]);
      expect(fs.readdirSync(path.join(ws.cache, 'build'))).toEqual([]);
      expect(fs.existsSync(path.join(ws.cache, 'artifacts', 'refs', 'test', 'slow'))).toBe(false);
      expect(ws.states('slow.bst')['slow.bst']).toBe('buildable');
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exit;
      }
    }
  });
});

describe('two cairn processes sharing one cache', () => {
  it('both build the same project at once, and the cache is whole afterwards', async () => {
    const ws = new Workspace();
    const once = (): Promise<number | null> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [cli, '-C', ws.project, '--cache-dir', ws.cache, 'build', 'app.bst'], { env, stdio: 'ignore' });
        child.on('close', (code) => resolve(code));
      });
    const [first, second] = await Promise.all([once(), once()]);
    expect(first).toBe(0);
    expect(second).toBe(0);
    expect(ws.states('app.bst')['app.bst']).toBe('cached');
    const check = ws.cairn('cache', 'check');
    expect(check.stdout).toContain('no problems found');
    expect(check.status).toBe(0);
  });
});
