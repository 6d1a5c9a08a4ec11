// `cairn fetch`, `track` and `source checkout` as users run them: the bundled dist/cli/index.js
// in a child process, on small projects whose sources are local files behind file:// URLs.
// Tracking uses a project-local source kind (`pinned`, a file pinned by its sha256), so these
// tests do not depend on which built-in kinds can track.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import * as tar from 'tar';
import { writeProject } from '../helpers/project.js';
import { cli, env, removeAfterTest, temporary, type Run } from '../helpers/cli.js';

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** A source kind for tests: one project file (`path:`), pinned by its sha256, tracked by hashing it. */
const PINNED_PLUGIN = `
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const text = (source, key) => { const node = source.config.get(key); return node && node.kind === 'scalar' ? node.value : undefined; };
const file = (source) => path.join(source.projectDirectory, text(source, 'path'));
const digest = (f) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');
const entry = (source, context) => path.join(context.sourceCache, 'pinned', text(source, 'ref'));

export default {
  kind: 'pinned',
  configKeys: ['path', 'ref'],
  needsFetch: true,
  validate(source) { if (!text(source, 'path')) throw new Error('a pinned source needs path'); },
  isResolved: (source) => text(source, 'ref') !== undefined,
  uniqueKey: (source) => [text(source, 'path'), text(source, 'ref') ?? null],
  isCached: (source, context) => fs.existsSync(entry(source, context)),
  async fetch(source, context) {
    if (digest(file(source)) !== text(source, 'ref')) throw new Error(file(source) + ' does not match its ref');
    fs.mkdirSync(path.dirname(entry(source, context)), { recursive: true });
    fs.copyFileSync(file(source), entry(source, context));
  },
  async track(source) { return { ref: digest(file(source)) }; },
  async stage(source, directory, context) { fs.copyFileSync(entry(source, context), path.join(directory, path.basename(file(source)))); },
};
`;

const HELLO = 'hello, world\n';
const PINNED_CONF = 'plugins:\n- origin: local\n  path: plugins\n  sources:\n  - pinned\n';

/** The pkg-1.0/ tarball the tar source unpacks (its base-dir is stripped). */
function pkgTarball(): Buffer {
  const dir = temporary('cairn-pkg-');
  fs.mkdirSync(path.join(dir, 'pkg-1.0', 'src'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'pkg-1.0', 'configure'), '#!/bin/sh\necho configured\n', { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'pkg-1.0', 'src', 'main.c'), 'int main(void) { return 0; }\n');
  tar.c({ cwd: dir, file: path.join(dir, 'pkg.tar'), sync: true, portable: true }, ['pkg-1.0']);
  return fs.readFileSync(path.join(dir, 'pkg.tar'));
}

/**
 * base (local files), hello (one remote file), pkg (a manual element building from a tarball),
 * app (a stack of hello and pkg); the files alias points into the project's own files/.
 */
class Project {
  readonly cache = temporary('cairn-src-cache-');
  readonly dir: string;

  constructor(files: Record<string, string> = {}, projectConf = '') {
    const tarball = pkgTarball();
    this.dir = writeProject({
      'project.conf': `name: demo\nmin-version: 2.0\nelement-path: elements\naliases:\n  files: '%{project-root-uri}/files/'\n${PINNED_CONF}${projectConf}`,
      'plugins/pinned.mjs': PINNED_PLUGIN,
      'files/base/etc/base-release': 'base\n',
      'files/hello.txt': HELLO,
      'elements/base.bst': 'kind: import\nsources:\n- kind: local\n  path: files/base\n',
      'elements/hello.bst': `kind: import\nsources:\n- kind: remote\n  url: files:hello.txt\n  ref: ${sha256(HELLO)}\n`,
      'elements/pkg.bst': [
        'kind: manual',
        'build-depends:',
        '- base.bst',
        'variables:',
        '  greeting: hello from %{element-name}',
        'environment:',
        "  GREETING: \"it's %{greeting}\"",
        'sources:',
        '- kind: tar',
        '  url: files:pkg.tar',
        `  ref: ${sha256(tarball)}`,
        'config:',
        '  configure-commands:',
        '  - ./configure --prefix=%{prefix}',
        '  install-commands:',
        '  - mkdir -p %{install-root}%{datadir}/pkg',
        '  - cp src/main.c %{install-root}%{datadir}/pkg/',
        '',
      ].join('\n'),
      'elements/app.bst': 'kind: stack\ndepends:\n- hello.bst\n- pkg.bst\n',
      ...files,
    });
    fs.writeFileSync(path.join(this.dir, 'files', 'pkg.tar'), tarball);
    removeAfterTest(this.dir);
  }

  cairn(...args: string[]): Run {
    const result = spawnSync(process.execPath, [cli, '-C', this.dir, '--cache-dir', this.cache, ...args], { encoding: 'utf8', env, cwd: this.dir });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  /** `cairn show` as { element: state }. */
  states(...targets: string[]): Record<string, string> {
    const shown = this.cairn('show', '--format', '%{name}=%{state}', ...targets);
    expect(shown.stderr).toBe('');
    return Object.fromEntries(shown.stdout.trimEnd().split('\n').map((line) => line.split('=') as [string, string]));
  }

  read(file: string): string {
    return fs.readFileSync(path.join(this.dir, file), 'utf8');
  }

  write(file: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
    fs.writeFileSync(path.join(this.dir, file), text);
  }
}

/** Every file and directory below `dir`, relative and sorted. */
function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (sub: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const relative = sub ? `${sub}/${entry.name}` : entry.name;
      out.push(entry.isDirectory() ? `${relative}/` : relative);
      if (entry.isDirectory()) walk(relative);
    }
  };
  walk('');
  return out.sort();
}

describe('cairn fetch', () => {
  it('downloads what is not in the source cache, one job line per element, after which show says buildable or waiting', () => {
    const project = new Project();
    expect(project.states('app.bst')).toEqual({ 'base.bst': 'buildable', 'hello.bst': 'fetch needed', 'pkg.bst': 'fetch needed', 'app.bst': 'waiting' });

    const fetched = project.cairn('fetch', 'app.bst');
    expect(fetched.status).toBe(0);
    expect(fetched.stderr).toMatch(/\[[0-9a-f]{8}\]\[fetch:hello\.bst\] SUCCESS/);
    expect(fetched.stderr).toMatch(/\[[0-9a-f]{8}\]\[fetch:pkg\.bst {2}\] SUCCESS/);
    expect(fetched.stderr).toContain('Fetch succeeded: 2 fetched, 0 already cached, 0 failed');
    expect(fetched.stderr).not.toContain('fetch:base.bst');

    // hello has no build dependencies; pkg waits for base to be built.
    expect(project.states('app.bst')).toEqual({ 'base.bst': 'buildable', 'hello.bst': 'buildable', 'pkg.bst': 'waiting', 'app.bst': 'waiting' });

    const again = project.cairn('fetch', 'app.bst');
    expect(again.status).toBe(0);
    expect(again.stderr).not.toContain('[fetch:');
    expect(again.stderr).toContain('Fetch succeeded: 0 fetched, 2 already cached, 0 failed');
  });

  it('fetches only the targets with --deps none, and the dependencies too with --deps all', () => {
    const project = new Project();
    const none = project.cairn('fetch', '--deps', 'none', 'app.bst');
    expect(none.status).toBe(0);
    expect(none.stderr).toContain('Fetch succeeded: 0 fetched, 0 already cached, 0 failed');
    const pkg = project.cairn('source', 'fetch', '--deps', 'none', 'pkg.bst');
    expect(pkg.stderr).toContain('Fetch succeeded: 1 fetched');
    expect(project.states('hello.bst', 'pkg.bst')).toEqual({ 'hello.bst': 'fetch needed', 'pkg.bst': 'waiting', 'base.bst': 'buildable' });
    const all = project.cairn('fetch', '--deps', 'all', '--except', 'pkg.bst', 'app.bst');
    expect(all.stderr).toContain('Fetch succeeded: 1 fetched, 0 already cached');
    expect(all.stderr).toContain('[fetch:hello.bst]');
  });

  it('fails with 255 when a download does not match its ref, naming the element, the ref and the digest it got', () => {
    const wrong = sha256('something else\n');
    const project = new Project({ 'elements/hello.bst': `kind: import\nsources:\n- kind: remote\n  url: files:hello.txt\n  ref: ${wrong}\n` });
    const fetched = project.cairn('fetch', 'app.bst');
    expect(fetched.status).toBe(255);
    expect(fetched.stderr).toMatch(/\[fetch:hello\.bst\] FAILURE/);
    expect(fetched.stderr).toContain(`elements/hello.bst:5:8: file downloaded from file://${project.dir}/files/hello.txt has the wrong sha256: expected ${wrong}, got ${sha256(HELLO)}`);
    expect(fetched.stderr).toMatch(/Fetch failed: 1 fetched, 0 already cached, 1 failed/);
    expect(fetched.stderr).toMatch(/ {2}failed: hello\.bst: elements\/hello\.bst:5:8: file downloaded .* \(log: .*hello\/[0-9a-f]{8}-fetch\.[0-9T]+-\d+\.log\)/);
    expect(project.states('hello.bst')).toEqual({ 'hello.bst': 'fetch needed' });
  });

  it('refuses elements without a ref, naming each of them, and hints at track', () => {
    const project = new Project({
      'elements/loose.bst': 'kind: import\nsources:\n- kind: remote\n  url: files:hello.txt\n',
      'elements/loose2.bst': 'kind: import\nsources:\n- kind: pinned\n  path: files/hello.txt\n',
      'elements/both.bst': 'kind: stack\ndepends:\n- loose.bst\n- loose2.bst\n',
    });
    const fetched = project.cairn('fetch', 'both.bst');
    expect(fetched.status).toBe(255);
    expect(fetched.stderr).toBe('error: elements/loose.bst:1:7: loose.bst, loose2.bst have sources without a ref, so there is nothing to fetch (run cairn track loose.bst loose2.bst to pin them)\n');
  });
});

describe('cairn track', () => {
  const TRACKED = [
    '# Pinned files, tracked by cairn track',
    'kind: import    # files only',
    '',
    'sources:',
    '- kind: pinned',
    '  # the greeting',
    '  path: files/hello.txt',
    '- {kind: pinned, path: "files/base/etc/base-release"}',
    '',
    'public:',
    '  bst:',
    '    split-rules: {}',
    '',
  ].join('\n');

  it('writes each new ref into the element file, keeping its comments, key order and layout', () => {
    const project = new Project({ 'elements/tracked.bst': TRACKED });
    expect(project.states('tracked.bst')).toEqual({ 'tracked.bst': 'no reference' });
    const tracked = project.cairn('track', 'tracked.bst');
    expect(tracked.status).toBe(0);
    const hello = sha256(HELLO);
    const base = sha256('base\n');
    expect(tracked.stdout).toBe(`tracked.bst: source 1 (pinned): ref ${hello}; source 2 (pinned): ref ${base}\n`);
    expect(project.read('elements/tracked.bst')).toBe(
      TRACKED.replace('  path: files/hello.txt\n', `  path: files/hello.txt\n  ref: ${hello}\n`).replace(
        '- {kind: pinned, path: "files/base/etc/base-release"}',
        `- {kind: pinned, path: "files/base/etc/base-release", ref: ${base}}`,
      ),
    );
    expect(project.states('tracked.bst')).toEqual({ 'tracked.bst': 'fetch needed' });
    expect(project.cairn('fetch', 'tracked.bst').status).toBe(0);
    expect(project.states('tracked.bst')).toEqual({ 'tracked.bst': 'buildable' });
  });

  it('says unchanged the second time and leaves the file as it was', () => {
    const project = new Project({ 'elements/tracked.bst': TRACKED });
    expect(project.cairn('track', 'tracked.bst').status).toBe(0);
    const after = project.read('elements/tracked.bst');
    const mtime = fs.statSync(path.join(project.dir, 'elements/tracked.bst')).mtimeMs;
    const again = project.cairn('track', 'tracked.bst');
    expect(again.status).toBe(0);
    expect(again.stdout).toBe('tracked.bst: unchanged\n');
    expect(project.read('elements/tracked.bst')).toBe(after);
    expect(fs.statSync(path.join(project.dir, 'elements/tracked.bst')).mtimeMs).toBe(mtime);
  });

  it('replaces an outdated ref in place, in the quotes it was written in', () => {
    const old = sha256('old\n');
    const text = `kind: import\nsources:\n- kind: pinned\n  ref: "${old}"   # outdated\n  path: files/hello.txt\n`;
    const project = new Project({ 'elements/outdated.bst': text });
    const tracked = project.cairn('track', 'outdated.bst');
    expect(tracked.stdout).toBe(`outdated.bst: ref ${sha256(HELLO)}\n`);
    expect(project.read('elements/outdated.bst')).toBe(text.replace(old, sha256(HELLO)));
  });

  it('with ref-storage: project.refs, writes project.refs, keeping other entries, and leaves the element alone', () => {
    const project = new Project({ 'elements/tracked.bst': TRACKED, 'project.refs': '# refs of demo\nprojects:\n  demo:\n    other.bst:\n    - ref: by-hand\n' }, 'ref-storage: project.refs\n');
    const tracked = project.cairn('track', 'tracked.bst');
    expect(tracked.status).toBe(0);
    expect(project.read('elements/tracked.bst')).toBe(TRACKED);
    expect(project.read('project.refs')).toBe(
      `# refs of demo\nprojects:\n  demo:\n    other.bst:\n      - ref: by-hand\n    tracked.bst:\n      - ref: ${sha256(HELLO)}\n      - ref: ${sha256('base\n')}\n`,
    );
    expect(project.states('tracked.bst')).toEqual({ 'tracked.bst': 'fetch needed' });
    expect(project.cairn('track', 'tracked.bst').stdout).toBe('tracked.bst: unchanged\n');
  });

  it('creates project.refs when there is none', () => {
    const project = new Project({ 'elements/one.bst': 'kind: import\nsources:\n- kind: local\n  path: files/base\n- kind: pinned\n  path: files/hello.txt\n' }, 'ref-storage: project.refs\n');
    expect(project.cairn('track', 'one.bst').stdout).toBe(`one.bst: source 2 (pinned): ref ${sha256(HELLO)}\n`);
    expect(project.read('project.refs')).toBe(`projects:\n  demo:\n    one.bst:\n      - {}\n      - ref: ${sha256(HELLO)}\n`);
    expect(project.states('one.bst')).toEqual({ 'one.bst': 'fetch needed' });
  });

  it('tracks only the targets by default, and their dependencies with --deps all', () => {
    const project = new Project({
      'elements/leaf.bst': 'kind: import\nsources:\n- kind: pinned\n  path: files/hello.txt\n',
      'elements/top.bst': 'kind: import\ndepends:\n- leaf.bst\nsources:\n- kind: pinned\n  path: files/base/etc/base-release\n',
    });
    expect(project.cairn('track', 'top.bst').stdout).toBe(`top.bst: ref ${sha256('base\n')}\n`);
    expect(project.read('elements/leaf.bst')).not.toContain('ref:');
    const all = project.cairn('track', '--deps', 'all', 'top.bst');
    expect(all.stdout.split('\n').sort().join('\n')).toBe(`\nleaf.bst: ref ${sha256(HELLO)}\ntop.bst: unchanged`);
    expect(project.cairn('track', 'base.bst').stdout).toBe('base.bst: nothing to track\n');
  });

  it('refuses, before tracking anything, an element of a subproject and a source declared in an included file', () => {
    const project = new Project({
      'elements/sub.bst': 'kind: junction\nsources:\n- kind: local\n  path: sub\n',
      'sub/project.conf': `name: sub\nmin-version: 2.0\n${PINNED_CONF}`,
      'sub/plugins/pinned.mjs': PINNED_PLUGIN,
      'sub/files/inner.txt': 'inner\n',
      'sub/inner.bst': 'kind: import\nsources:\n- kind: pinned\n  path: files/inner.txt\n',
      'include/sources.yml': 'sources:\n- kind: pinned\n  path: files/hello.txt\n',
      'elements/included.bst': 'kind: import\n(@): include/sources.yml\n',
      'elements/mine.bst': 'kind: import\nsources:\n- kind: pinned\n  path: files/hello.txt\n',
    });
    const sub = project.cairn('track', 'mine.bst', 'sub.bst:inner.bst');
    expect(sub.status).toBe(255);
    expect(sub.stderr).toBe(
      'error: sub.bst:inner.bst:1:7: cannot track sub.bst:inner.bst: it belongs to the subproject behind sub.bst, and Cairn does not write refs into a subproject (junction.refs) (track it in its own project, or override the element from this project)\n',
    );
    expect(project.read('elements/mine.bst')).not.toContain('ref:');
    const included = project.cairn('track', 'included.bst');
    expect(included.status).toBe(255);
    expect(included.stderr).toMatch(/^error: include\/sources\.yml:2:3: cannot track included\.bst: its source 1 is declared in include\/sources\.yml, not in the element file/);
  });

  it('tracks a remote source by downloading it and writing its sha256', () => {
    const project = new Project({ 'elements/hello.bst': 'kind: import\nsources:\n- kind: remote\n  url: files:hello.txt # the file\n' });
    const tracked = project.cairn('track', 'hello.bst');
    expect(tracked.status).toBe(0);
    expect(project.read('elements/hello.bst')).toBe(`kind: import\nsources:\n- kind: remote\n  url: files:hello.txt # the file\n  ref: ${sha256(HELLO)}\n`);
  });
});

describe('cairn source checkout', () => {
  it("fetches what is missing, then stages each element's sources into DIRECTORY/<element>/", () => {
    const project = new Project();
    const out = path.join(temporary('cairn-checkout-'), 'sources');
    const checkout = project.cairn('source', 'checkout', '--deps', 'all', 'app.bst', out);
    expect(checkout.status).toBe(0);
    expect(checkout.stderr).toContain('Fetch succeeded: 2 fetched');
    expect(listTree(out)).toEqual(['base/', 'base/etc/', 'base/etc/base-release', 'hello/', 'hello/hello.txt', 'pkg/', 'pkg/configure', 'pkg/src/', 'pkg/src/main.c']);
    expect(fs.statSync(path.join(out, 'pkg', 'configure')).mode & 0o111).not.toBe(0);
    expect(fs.readFileSync(path.join(out, 'hello', 'hello.txt'), 'utf8')).toBe(HELLO);

    // --deps none (the default): the element's own sources only.
    const alone = path.join(temporary('cairn-checkout-'), 'alone');
    expect(project.cairn('source', 'checkout', 'pkg.bst', alone).status).toBe(0);
    expect(listTree(alone)).toEqual(['pkg/', 'pkg/configure', 'pkg/src/', 'pkg/src/main.c']);
  });

  it('refuses a directory that is not empty, and leaves it as it was', () => {
    const project = new Project();
    const out = temporary('cairn-checkout-');
    fs.writeFileSync(path.join(out, 'keep'), 'mine\n');
    const checkout = project.cairn('source', 'checkout', 'hello.bst', out);
    expect(checkout.status).toBe(255);
    expect(checkout.stderr).toContain(`error: ${out} is not empty (give an empty or new directory)`);
    expect(fs.readdirSync(out)).toEqual(['keep']);
  });

  it('writes a tarball, and with --include-build-scripts a build script per build element and a build.sh', async () => {
    const project = new Project();
    const file = path.join(temporary('cairn-checkout-'), 'sources.tar.gz');
    const checkout = project.cairn('source', 'checkout', '--deps', 'build', '--include-build-scripts', '--tar', file, 'app.bst');
    expect(checkout.status).toBe(0);
    const names: string[] = [];
    await tar.t({ file, onReadEntry: (entry) => void names.push(entry.path) });
    // The build scope of app: what its build stages (hello, pkg), not what pkg's build needs (base).
    expect(names.sort()).toEqual(['build-pkg', 'build.sh', 'hello/', 'hello/hello.txt', 'pkg/', 'pkg/configure', 'pkg/src/', 'pkg/src/main.c']);

    const extracted = temporary('cairn-extracted-');
    await tar.x({ file, cwd: extracted });
    const script = fs.readFileSync(path.join(extracted, 'build-pkg'), 'utf8');
    expect(fs.statSync(path.join(extracted, 'build-pkg')).mode & 0o111).not.toBe(0);
    expect(script).toMatch(/^#!\/bin\/sh\n/);
    expect(script).toContain(`cp -a "$SRCDIR/pkg/." '/buildstream/demo/pkg.bst'`);
    expect(script).toContain("cd '/buildstream/demo/pkg.bst'");
    expect(script).toContain(`export GREETING='it'\\''s hello from pkg.bst'`);
    expect(script).toContain('# configure-commands\n(set -ex; ./configure --prefix=/usr\n) || exit 1\n');
    expect(script).toContain('# install-commands\n(set -ex; mkdir -p /buildstream-install/usr/share/pkg\n) || exit 1\n(set -ex; cp src/main.c /buildstream-install/usr/share/pkg/\n) || exit 1\n');
    expect(script).not.toContain('%{');
    expect(script).toContain("cp -a '/buildstream-install/.' /");
    const master = fs.readFileSync(path.join(extracted, 'build.sh'), 'utf8');
    expect(master).toContain("for script in 'build-pkg'; do");
    // Both scripts are valid shell.
    for (const name of ['build-pkg', 'build.sh']) expect(spawnSync('sh', ['-n', path.join(extracted, name)]).status).toBe(0);
  });

  it('takes --deps none|run|build|all only, and an element and a directory', () => {
    const project = new Project();
    const bad = project.cairn('source', 'checkout', '--deps', 'plan', 'app.bst', 'out');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("cairn source checkout --deps takes one of none, run, build, all, not 'plan'");
    const missing = project.cairn('source', 'checkout', 'app.bst');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cairn source checkout takes an element and a directory');
  });
});
