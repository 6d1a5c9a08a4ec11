// `cairn show` as users run it: the bundled dist/cli/index.js in a child process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../helpers/paths.js';
import { writeProject } from '../helpers/project.js';

const cli = path.join(repoRoot, 'dist', 'cli', 'index.js');

function cairn(args: string[], cwd?: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const project = (): string =>
  writeProject({
    'project.conf': 'name: demo\nmin-version: 2.0\nelement-path: elements\naliases:\n  up: https://example.invalid/\noptions:\n  debug:\n    type: bool\n    description: Debugging\n    default: False\n',
    'files/hello.txt': 'hello\n',
    'elements/base.bst': 'kind: import\nsources:\n- kind: local\n  path: files\n',
    'elements/lib.bst': 'kind: manual\ndepends:\n- base.bst\nvariables:\n  flavour: release\n  (?):\n  - debug:\n      flavour: debug\nconfig:\n  build-commands:\n  - echo %{flavour}\n',
    'elements/app.bst': 'kind: manual\ndescription: |\n  The app,\n  on two lines\nbuild-depends:\n- lib.bst\nruntime-depends:\n- base.bst\n',
    'elements/remote.bst': 'kind: import\nsources:\n- kind: remote\n  url: up:file.txt\n',
  });

describe('cairn show', () => {
  it('lists the whole graph in staging order by default, with state, full key and name', () => {
    const dir = writeProject({
      'project.conf': 'name: demo\nmin-version: 2.0\n',
      'a.bst': 'kind: stack\ndepends:\n- b.bst\n',
      'b.bst': 'kind: stack\n',
    });
    const { status, stdout } = cairn(['-C', dir, 'show', 'a.bst']);
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.trim().split(/\s+/).at(-1))).toEqual(['b.bst', 'a.bst']);
    expect(lines[0]).toMatch(/^ {3}buildable [0-9a-f]{64} b\.bst/);
    expect(lines[1]).toMatch(/^ {5}waiting [0-9a-f]{64} a\.bst/);
  });

  it('selects scopes with --deps and prints placeholders in --format', () => {
    const dir = project();
    const show = (deps: string): string[] => cairn(['-C', dir, 'show', '--deps', deps, '--format', '%{name}', 'app.bst']).stdout.trimEnd().split('\n');
    expect(show('none')).toEqual(['app.bst']);
    expect(show('build')).toEqual(['base.bst', 'lib.bst']);
    expect(show('run')).toEqual(['base.bst', 'app.bst']);
    expect(show('all')).toEqual(['base.bst', 'lib.bst', 'app.bst']);
    const except = cairn(['-C', dir, 'show', '--except', 'lib.bst', '--format', '%{name}', 'app.bst']).stdout.trimEnd().split('\n');
    expect(except).toEqual(['base.bst', 'app.bst']);
  });

  it('applies -o options to conditionals and prints variables, config and dependencies as YAML', () => {
    const dir = project();
    const release = cairn(['-C', dir, 'show', '--deps', 'none', '--format', '%{config}', 'lib.bst']).stdout;
    expect(release).toContain('- echo release');
    const debug = cairn(['-C', dir, '-o', 'debug', 'True', 'show', '--deps', 'none', '--format', '%{vars}', 'lib.bst']).stdout;
    expect(debug).toContain('flavour: debug');
    expect(debug).toContain('element-name: lib.bst');
    const deps = cairn(['-C', dir, 'show', '--deps', 'none', '--format', '%{build-deps}|%{runtime-deps}|%{description}|%{kind}', 'app.bst']).stdout;
    expect(deps.trimEnd()).toBe('- lib.bst|- base.bst|The app, on two lines|manual');
  });

  it('pads placeholders with Python-style format specs', () => {
    const dir = project();
    expect(cairn(['-C', dir, 'show', '--deps', 'none', '--format', '[%{name: >12}][%{name:<10}][%{name:*^11}]', 'lib.bst']).stdout).toBe('[     lib.bst][lib.bst   ][**lib.bst**]\n');
  });

  it('shows an unpinned source as "no reference" without a key, and a remote one as "fetch needed"', () => {
    const dir = project();
    expect(cairn(['-C', dir, 'show', '--deps', 'none', '--format', '%{state}|%{key}', 'remote.bst']).stdout).toBe('no reference|????????\n');
    fs.appendFileSync(path.join(dir, 'elements', 'remote.bst'), '  ref: 6c9f6f68a131ec6381da82f2bff978083ed7f4f7991d931bfa767b7965ebc94b\n');
    expect(cairn(['-C', dir, 'show', '--deps', 'none', '--format', '%{state}', 'remote.bst']).stdout).toBe('fetch needed\n');
  });

  it('in non-strict mode shows strong keys as unknown', () => {
    const dir = project();
    expect(cairn(['-C', dir, '--no-strict', 'show', '--deps', 'none', '--format', '%{full-key}', 'base.bst']).stdout).toBe(`${'?'.repeat(64)}\n`);
  });

  it('reports a project error on one line with file:line:column and exits 255, without a stack trace', () => {
    const dir = writeProject({ 'project.conf': 'name: demo\nmin-version: 2.0\n', 'a.bst': 'kind: stack\ndepends:\n- missing.bst\n' });
    const { status, stdout, stderr } = cairn(['-C', dir, 'show', 'a.bst']);
    expect(status).toBe(255);
    expect(stdout).toBe('');
    expect(stderr).toBe("error: a.bst:3:3: cannot load element 'missing.bst' from missing.bst: no such file\n");
  });

  it('names the option and its allowed values when -o gives an invalid value', () => {
    const dir = project();
    const { status, stderr } = cairn(['-C', dir, '-o', 'debug', 'maybe', 'show', 'app.bst']);
    expect(status).toBe(255);
    expect(stderr.split('\n')[0]).toMatch(/debug/);
    expect(stderr.split('\n')[0]).toMatch(/maybe/);
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('exits 2 with usage for unknown options and commands', () => {
    expect(cairn(['show', '--frobnicate']).status).toBe(2);
    expect(cairn(['frobnicate']).status).toBe(2);
    expect(cairn(['show', '--deps', 'sideways']).stderr).toContain("takes one of none, run, build, all, plan");
  });

  it('finds project.conf from a subdirectory', () => {
    const dir = project();
    const { status, stdout } = cairn(['show', '--deps', 'none', '--format', '%{name}', 'base.bst'], path.join(dir, 'elements'));
    expect(status).toBe(0);
    expect(stdout).toBe('base.bst\n');
  });

  it('reads refs from project.refs when ref-storage says so, ignoring refs written inline', () => {
    const ref = '6c9f6f68a131ec6381da82f2bff978083ed7f4f7991d931bfa767b7965ebc94b';
    const dir = writeProject({
      'project.conf': 'name: demo\nmin-version: 2.0\nref-storage: project.refs\n',
      'a.bst': 'kind: import\nsources:\n- kind: remote\n  url: https://example.invalid/a.txt\n',
      'b.bst': `kind: import\nsources:\n- kind: remote\n  url: https://example.invalid/a.txt\n  ref: ${ref}\n`,
    });
    const show = (): string => cairn(['-C', dir, 'show', '--format', '%{name} %{state} %{key}', 'a.bst', 'b.bst']).stdout;
    expect(show()).toBe('a.bst no reference ????????\nb.bst no reference ????????\n');
    fs.writeFileSync(path.join(dir, 'project.refs'), `projects:\n  demo:\n    a.bst:\n    - ref: ${ref}\n`);
    const lines = show().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^a\.bst fetch needed [0-9a-f]{8}$/);
    expect(lines[1]).toBe('b.bst no reference ????????');
  });

  it('accepts --debug after the command too', () => {
    const dir = writeProject({ 'project.conf': 'name: demo\nmin-version: 2.0\n', 'a.bst': 'kind: stack\n' });
    expect(cairn(['-C', dir, 'show', '--debug', '--format', '%{name}', 'a.bst']).stdout).toBe('a.bst\n');
  });

  it('sets %{max-jobs} from the usable processors by default, and from --max-jobs when given', () => {
    const dir = writeProject({ 'project.conf': 'name: demo\nmin-version: 2.0\n', 'a.bst': 'kind: manual\n' });
    const jobs = (extra: string[]): string => cairn(['-C', dir, ...extra, 'show', '--format', '%{vars}', 'a.bst']).stdout.match(/max-jobs: "?(\d+)/)![1]!;
    expect(Number(jobs([]))).toBe(Math.min(8, os.availableParallelism()));
    expect(jobs(['--max-jobs', '3'])).toBe('3');
  });

  it('without targets shows defaults: targets:, or else every element file', () => {
    const dir = writeProject({ 'project.conf': 'name: demo\nmin-version: 2.0\n', 'b.bst': 'kind: stack\n', 'sub/a.bst': 'kind: stack\n' });
    expect(cairn(['-C', dir, 'show', '--format', '%{name}']).stdout).toBe('b.bst\nsub/a.bst\n');
    fs.appendFileSync(path.join(dir, 'project.conf'), 'defaults:\n  targets: [sub/a.bst]\n');
    expect(cairn(['-C', dir, 'show', '--format', '%{name}']).stdout).toBe('sub/a.bst\n');
  });
});
