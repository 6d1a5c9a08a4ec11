// Element kinds, built for real: what each kind puts in its artifact, checked file by file in the
// content store after a build in a bwrap sandbox over the busybox sysroot.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { artifactFiles, freshCache, manual, writeBuildProject, type BuildRun } from '../helpers/build-project.js';

/** A variable of an element as the build saw it. */
function variable(run: BuildRun, element: string, name: string): string {
  const value = run.graph.keyed(run.graph.lookup(element)).composed.view.variables.get(name);
  if (value === undefined) throw new Error(`${element} has no variable ${name}`);
  return value;
}

function succeeded(run: BuildRun): void {
  expect(run.summary.failed).toEqual([]);
}

// An application installing one file into each default split domain, plus an orphan.
const APP_BST = manual([
  'mkdir -p %{install-root}%{bindir} %{install-root}%{libdir} %{install-root}%{includedir} %{install-root}%{docdir}/app %{install-root}%{sysconfdir}',
  'echo app > %{install-root}%{bindir}/app',
  'echo so > %{install-root}%{libdir}/libapp.so.1',
  'echo a > %{install-root}%{libdir}/libapp.a',
  'echo h > %{install-root}%{includedir}/app.h',
  'echo readme > %{install-root}%{docdir}/app/README',
  'echo conf > %{install-root}%{sysconfdir}/app.conf',
]);

const APP_RUNTIME = {
  '/usr': '<dir>',
  '/usr/bin': '<dir>',
  '/usr/bin/app': 'app\n',
  '/usr/lib': '<dir>',
  '/usr/lib/libapp.so.1': 'so\n',
};
const APP_DEVEL = {
  '/usr/include': '<dir>',
  '/usr/include/app.h': 'h\n',
  '/usr/lib/libapp.a': 'a\n',
};
const APP_DOC = {
  '/usr/share': '<dir>',
  '/usr/share/doc': '<dir>',
  '/usr/share/doc/app': '<dir>',
  '/usr/share/doc/app/README': 'readme\n',
};
const APP_ORPHANS = {
  '/etc': '<dir>',
  '/etc/app.conf': 'conf\n',
};
const APP_ALL = { ...APP_RUNTIME, ...APP_DEVEL, ...APP_DOC, ...APP_ORPHANS };

// A library whose integration commands add a file, and remove one of its own and one of the base sysroot.
const LIB_BST = `kind: manual
build-depends: [base.bst]
config:
  install-commands:
  - mkdir -p %{install-root}%{libdir} %{install-root}%{docdir}/lib
  - echo so > %{install-root}%{libdir}/libfoo.so.1
  - echo stale > %{install-root}%{libdir}/libstale.so.0
  - echo readme > %{install-root}%{docdir}/lib/README
public:
  bst:
    integration-commands:
    - rm /etc/base-release %{libdir}/libstale.so.0
    - ls %{libdir} > /etc/ld.so.cache
`;

describe('an import element', () => {
  const payload = {
    'files/payload/keep/a.txt': 'a\n',
    'files/payload/keep/deeper/b.txt': 'b\n',
    'files/payload/other.txt': 'other\n',
  };

  it('imports all of its sources at the root by default', async () => {
    const project = writeBuildProject({ ...payload, 'elements/all.bst': 'kind: import\nsources:\n- kind: local\n  path: files/payload\n' });
    const cache = freshCache();
    const run = await cache.build(project, ['all.bst']);
    succeeded(run);
    expect(artifactFiles(cache, run.graph, 'all.bst')).toEqual({
      '/keep': '<dir>',
      '/keep/a.txt': 'a\n',
      '/keep/deeper': '<dir>',
      '/keep/deeper/b.txt': 'b\n',
      '/other.txt': 'other\n',
    });
  });

  it('takes only the source: subdirectory and places it under target:', async () => {
    const project = writeBuildProject({
      ...payload,
      'elements/placed.bst': 'kind: import\nsources:\n- kind: local\n  path: files/payload\nconfig:\n  source: keep\n  target: /opt/placed\n',
    });
    const cache = freshCache();
    const run = await cache.build(project, ['placed.bst']);
    succeeded(run);
    expect(run.builtNow).toEqual(['placed.bst']);
    expect(artifactFiles(cache, run.graph, 'placed.bst')).toEqual({
      '/opt': '<dir>',
      '/opt/placed': '<dir>',
      '/opt/placed/a.txt': 'a\n',
      '/opt/placed/deeper': '<dir>',
      '/opt/placed/deeper/b.txt': 'b\n',
    });
  });

  it('fails when the source: directory is empty', async () => {
    const project = writeBuildProject({ ...payload, 'elements/empty.bst': 'kind: import\nsources:\n- kind: local\n  path: files/payload\nconfig:\n  source: empty\n' });
    fs.mkdirSync(path.join(project, 'files/payload/empty'));
    const run = await freshCache().build(project, ['empty.bst']);
    expect(run.summary.failed.map((f) => f.element)).toEqual(['empty.bst']);
    expect(run.summary.failed[0]!.message).toContain("no files in 'empty'");
  });

  it('fails, naming the directory, when the source: directory is not in its sources', async () => {
    const project = writeBuildProject({
      ...payload,
      'elements/missing.bst': 'kind: import\nsources:\n- kind: local\n  path: files/payload\nconfig:\n  source: not-there\n',
    });
    const run = await freshCache().build(project, ['missing.bst']);
    expect(run.summary.failed.map((f) => f.element)).toEqual(['missing.bst']);
    expect(run.summary.failed[0]!.message).toContain("'not-there'");
    expect(run.summary.failed[0]!.at?.file).toContain('missing.bst');
  });
});

describe('a stack element', () => {
  const files = {
    'elements/a.bst': manual(['mkdir -p %{install-root}/a', 'echo a > %{install-root}/a/file']),
    'elements/b.bst': manual(['mkdir -p %{install-root}/b', 'echo b > %{install-root}/b/file']),
    'elements/group.bst': 'kind: stack\ndepends:\n- a.bst\n- b.bst\n',
  };

  it('has an empty artifact, and building it builds its dependencies', async () => {
    const project = writeBuildProject(files);
    const cache = freshCache();
    const run = await cache.build(project, ['group.bst']);
    succeeded(run);
    expect([...run.builtNow].sort()).toEqual(['a.bst', 'b.bst', 'base.bst', 'group.bst']);
    expect(run.builtNow[run.builtNow.length - 1]).toBe('group.bst');
    expect(artifactFiles(cache, run.graph, 'group.bst')).toEqual({});
  });

  it('stages its dependencies for the elements that depend on it', async () => {
    const project = writeBuildProject({
      ...files,
      'elements/user.bst': manual(['mkdir -p %{install-root}', 'cat /a/file /b/file > %{install-root}/seen'], ['base.bst', 'group.bst']),
      'elements/all.bst': 'kind: compose\nbuild-depends:\n- group.bst\n',
    });
    const cache = freshCache();
    const run = await cache.build(project, ['user.bst', 'all.bst']);
    succeeded(run);
    expect(artifactFiles(cache, run.graph, 'user.bst')).toEqual({ '/seen': 'a\nb\n' });
    expect(artifactFiles(cache, run.graph, 'all.bst')).toEqual({ '/a': '<dir>', '/a/file': 'a\n', '/b': '<dir>', '/b/file': 'b\n' });
  });
});

describe('a compose element', () => {
  function compose(deps: string[], config = ''): string {
    return `kind: compose\nbuild-depends:\n${deps.map((d) => `- ${d}`).join('\n')}\n${config ? `config:\n${config}` : ''}`;
  }

  it('keeps every file of its dependencies by default, with what their integration commands add and without what they remove', async () => {
    const project = writeBuildProject({ 'elements/lib.bst': LIB_BST, 'elements/system.bst': compose(['base.bst', 'lib.bst']) });
    const cache = freshCache();
    const run = await cache.build(project, ['system.bst']);
    succeeded(run);
    const base = artifactFiles(cache, run.graph, 'base.bst');
    const { ['/etc/base-release']: removed, ...kept } = base;
    expect(removed).toBe('busybox test sysroot\n');
    expect(artifactFiles(cache, run.graph, 'system.bst')).toEqual({
      ...kept,
      '/etc/ld.so.cache': 'libfoo.so.1\n',
      '/usr/lib': '<dir>',
      '/usr/lib/libfoo.so.1': 'so\n',
      '/usr/share': '<dir>',
      '/usr/share/doc': '<dir>',
      '/usr/share/doc/lib': '<dir>',
      '/usr/share/doc/lib/README': 'readme\n',
    });
  });

  it('with include: [runtime], keeps the runtime domain and the orphans', async () => {
    const project = writeBuildProject({ 'elements/app.bst': APP_BST, 'elements/runtime.bst': compose(['app.bst'], '  include: [runtime]\n') });
    const cache = freshCache();
    const run = await cache.build(project, ['runtime.bst']);
    succeeded(run);
    expect(artifactFiles(cache, run.graph, 'app.bst')).toEqual(APP_ALL);
    // /usr/share is an orphan directory: it stays, emptied of the doc domain.
    expect(artifactFiles(cache, run.graph, 'runtime.bst')).toEqual({ ...APP_RUNTIME, ...APP_ORPHANS, '/usr/share': '<dir>' });
  });

  it('with exclude: [devel], drops the headers and static libraries', async () => {
    const project = writeBuildProject({ 'elements/app.bst': APP_BST, 'elements/nodevel.bst': compose(['app.bst'], '  exclude: [devel]\n') });
    const cache = freshCache();
    const run = await cache.build(project, ['nodevel.bst']);
    succeeded(run);
    expect(artifactFiles(cache, run.graph, 'nodevel.bst')).toEqual({ ...APP_RUNTIME, ...APP_DOC, ...APP_ORPHANS });
  });

  it('with include-orphans: False, drops the files no split rule claims', async () => {
    const project = writeBuildProject({ 'elements/app.bst': APP_BST, 'elements/claimed.bst': compose(['app.bst'], '  include-orphans: False\n') });
    const cache = freshCache();
    const run = await cache.build(project, ['claimed.bst']);
    succeeded(run);
    expect(artifactFiles(cache, run.graph, 'claimed.bst')).toEqual({ ...APP_RUNTIME, ...APP_DEVEL, ...APP_DOC });
  });

  it('lets exclude win over include', async () => {
    const project = writeBuildProject({
      'elements/app.bst': APP_BST,
      'elements/both.bst': compose(['app.bst'], '  include: [runtime, devel]\n  exclude: [devel]\n  include-orphans: False\n'),
    });
    const cache = freshCache();
    const run = await cache.build(project, ['both.bst']);
    succeeded(run);
    expect(artifactFiles(cache, run.graph, 'both.bst')).toEqual(APP_RUNTIME);
  });

  it('keeps files its integration commands add even when splitting, and drops files they remove', async () => {
    const project = writeBuildProject({
      'elements/lib.bst': LIB_BST,
      'elements/runtime.bst': compose(['base.bst', 'lib.bst'], '  include: [runtime]\n  include-orphans: False\n'),
    });
    const cache = freshCache();
    const run = await cache.build(project, ['runtime.bst']);
    succeeded(run);
    expect(artifactFiles(cache, run.graph, 'runtime.bst')).toEqual({
      '/usr': '<dir>',
      // The base sysroot's /usr/bin is a symlink, claimed by the runtime domain.
      '/usr/bin': '-> ../bin',
      '/usr/lib': '<dir>',
      // libstale.so.0 is runtime too, but integration removed it.
      '/usr/lib/libfoo.so.1': 'so\n',
      // An orphan, yet integration made it.
      '/etc': '<dir>',
      '/etc/ld.so.cache': 'libfoo.so.1\n',
    });
  });

  it("splits each dependency's files by that dependency's own split rules", async () => {
    const project = writeBuildProject({
      'elements/app.bst': `${APP_BST}public:\n  bst:\n    split-rules:\n      runtime:\n        (>):\n        - '%{sysconfdir}/app.conf'\n`,
      'elements/other.bst': manual(['mkdir -p %{install-root}/etc', 'echo other > %{install-root}/etc/other.conf']),
      'elements/runtime.bst': compose(['app.bst', 'other.bst'], '  include: [runtime]\n  include-orphans: False\n'),
    });
    const cache = freshCache();
    const run = await cache.build(project, ['runtime.bst']);
    succeeded(run);
    expect(artifactFiles(cache, run.graph, 'runtime.bst')).toEqual({ ...APP_RUNTIME, '/etc': '<dir>', '/etc/app.conf': 'conf\n' });
  });

  it('with integrate: False, runs no integration commands', async () => {
    const project = writeBuildProject({
      'elements/lib.bst': LIB_BST,
      'elements/raw.bst': compose(['base.bst', 'lib.bst'], '  integrate: False\n'),
    });
    const cache = freshCache();
    const run = await cache.build(project, ['raw.bst']);
    succeeded(run);
    const files = artifactFiles(cache, run.graph, 'raw.bst');
    expect(files).toEqual({
      ...artifactFiles(cache, run.graph, 'base.bst'),
      ...artifactFiles(cache, run.graph, 'lib.bst'),
    });
    expect(files['/etc/base-release']).toBe('busybox test sysroot\n');
    expect(files['/etc/ld.so.cache']).toBeUndefined();
  });

  it('honours split rules an element extends with (>) in its public data', async () => {
    const project = writeBuildProject({
      'elements/app.bst': `${APP_BST}public:
  bst:
    split-rules:
      runtime:
        (>):
        - '%{sysconfdir}/app.conf'
      extras:
      - '%{docdir}/app/README'
`,
      'elements/runtime.bst': compose(['app.bst'], '  include: [runtime]\n  include-orphans: False\n'),
      'elements/extras.bst': compose(['app.bst'], '  include: [extras]\n  include-orphans: False\n'),
    });
    const cache = freshCache();
    const run = await cache.build(project, ['runtime.bst', 'extras.bst']);
    succeeded(run);
    expect(artifactFiles(cache, run.graph, 'runtime.bst')).toEqual({ ...APP_RUNTIME, '/etc': '<dir>', '/etc/app.conf': 'conf\n' });
    expect(artifactFiles(cache, run.graph, 'extras.bst')).toEqual({ '/usr': '<dir>', ...APP_DOC });
  });
});

describe('a filter element', () => {
  function filter(parent: string, config = ''): string {
    return `kind: filter\nbuild-depends:\n- ${parent}\n${config ? `config:\n${config}` : ''}`;
  }

  it("keeps every domain of its parent's artifact but not the orphans by default", async () => {
    const project = writeBuildProject({ 'elements/app.bst': APP_BST, 'elements/claimed.bst': filter('app.bst') });
    const cache = freshCache();
    const run = await cache.build(project, ['claimed.bst']);
    succeeded(run);
    expect(artifactFiles(cache, run.graph, 'claimed.bst')).toEqual({ ...APP_RUNTIME, ...APP_DEVEL, ...APP_DOC });
  });

  it('with include: [runtime], keeps only the runtime domain', async () => {
    const project = writeBuildProject({ 'elements/app.bst': APP_BST, 'elements/app-runtime.bst': filter('app.bst', '  include: [runtime]\n') });
    const cache = freshCache();
    const run = await cache.build(project, ['app-runtime.bst']);
    succeeded(run);
    expect(artifactFiles(cache, run.graph, 'app-runtime.bst')).toEqual(APP_RUNTIME);
  });

  it('with exclude: [devel] and include-orphans: True, keeps all but the devel domain', async () => {
    const project = writeBuildProject({
      'elements/app.bst': APP_BST,
      'elements/app-nodevel.bst': filter('app.bst', '  exclude: [devel]\n  include-orphans: True\n'),
    });
    const cache = freshCache();
    const run = await cache.build(project, ['app-nodevel.bst']);
    succeeded(run);
    expect(artifactFiles(cache, run.graph, 'app-nodevel.bst')).toEqual({ ...APP_RUNTIME, ...APP_DOC, ...APP_ORPHANS });
  });

  it('fails, naming every unknown domain, when it names split domains its parent does not define', async () => {
    const project = writeBuildProject({
      'elements/app.bst': APP_BST,
      'elements/odd.bst': filter('app.bst', '  include: [runtime, nonsense]\n  exclude: [devel, rubbish]\n'),
      'elements/odd-exclude.bst': filter('app.bst', '  include: [runtime]\n  exclude: [rubbish]\n'),
    });
    const run = await freshCache().build(project, ['odd.bst', 'odd-exclude.bst'], { onError: 'continue' });
    expect(run.summary.failed.map((f) => f.element).sort()).toEqual(['odd-exclude.bst', 'odd.bst']);
    const odd = run.summary.failed.find((f) => f.element === 'odd.bst')!;
    expect(odd.message).toContain("'nonsense'");
    expect(odd.message).toContain("'rubbish'");
    expect(odd.at).toMatchObject({ line: 5 });
    const oddExclude = run.summary.failed.find((f) => f.element === 'odd-exclude.bst')!;
    expect(oddExclude.message).toContain("'rubbish'");
    expect(oddExclude.message).not.toContain("'runtime'");
    expect(oddExclude.at?.file).toContain('odd-exclude.bst');
    expect(oddExclude.at).toMatchObject({ line: 6 });
  });

  it("with pass-integration: True, makes its dependents run the parent's integration commands", async () => {
    const seen = (filterName: string): string =>
      manual(['mkdir -p %{install-root}', '(cat /etc/ld.so.cache 2>/dev/null || echo none) > %{install-root}/seen'], ['base.bst', filterName]);
    const project = writeBuildProject({
      'elements/lib.bst': LIB_BST,
      'elements/lib-runtime.bst': filter('lib.bst', '  include: [runtime]\n  pass-integration: True\n'),
      'elements/lib-runtime-bare.bst': filter('lib.bst', '  include: [runtime]\n'),
      'elements/user.bst': seen('lib-runtime.bst'),
      'elements/bare-user.bst': seen('lib-runtime-bare.bst'),
    });
    const cache = freshCache();
    const run = await cache.build(project, ['user.bst', 'bare-user.bst']);
    succeeded(run);
    expect(artifactFiles(cache, run.graph, 'lib-runtime.bst')).toEqual({
      '/usr': '<dir>',
      '/usr/lib': '<dir>',
      '/usr/lib/libfoo.so.1': 'so\n',
      '/usr/lib/libstale.so.0': 'stale\n',
    });
    expect(artifactFiles(cache, run.graph, 'user.bst')).toEqual({ '/seen': 'libfoo.so.1\n' });
    expect(artifactFiles(cache, run.graph, 'bare-user.bst')).toEqual({ '/seen': 'none\n' });
  });
});

describe('a script element', () => {
  const data = {
    'elements/lib.bst': LIB_BST,
    'elements/data.bst': manual(['mkdir -p %{install-root}/data', 'echo payload > %{install-root}/data/file']),
    'elements/tool.bst': manual(['mkdir -p %{install-root}/share', 'echo tool > %{install-root}/share/tool']),
  };

  it('stages each dependency at its location and collects the install root', async () => {
    const project = writeBuildProject({
      ...data,
      'elements/image.bst': `kind: script
build-depends:
- base.bst
- filename: data.bst
  config:
    location: /sysroot
- filename: tool.bst
  config:
    location: /tools
- filename: lib.bst
  config:
    location: /tools
config:
  commands:
  - mkdir -p %{install-root}
  - find /sysroot /tools | sort > %{install-root}/listing
  - test ! -e /data && test ! -e /share && echo not-at-root > %{install-root}/root
  - cat /etc/base-release > %{install-root}/not-integrated
`,
    });
    const cache = freshCache();
    const run = await cache.build(project, ['image.bst']);
    succeeded(run);
    expect(artifactFiles(cache, run.graph, 'image.bst')).toEqual({
      '/listing': [
        '/sysroot',
        '/sysroot/data',
        '/sysroot/data/file',
        '/tools',
        '/tools/share',
        '/tools/share/tool',
        '/tools/usr',
        '/tools/usr/lib',
        '/tools/usr/lib/libfoo.so.1',
        '/tools/usr/lib/libstale.so.0',
        '/tools/usr/share',
        '/tools/usr/share/doc',
        '/tools/usr/share/doc/lib',
        '/tools/usr/share/doc/lib/README',
        '',
      ].join('\n'),
      '/root': 'not-at-root\n',
      // lib.bst's integration commands would have removed it: only dependencies at / integrate.
      '/not-integrated': 'busybox test sysroot\n',
    });
  });

  it('has a writable root by default, and writes there stay out of the artifact', async () => {
    const project = writeBuildProject({
      'elements/writes.bst': `kind: script
build-depends: [base.bst]
config:
  commands:
  - echo scratch > /scratch-file
  - mkdir -p %{install-root} && cat /scratch-file > %{install-root}/copied
`,
    });
    const cache = freshCache();
    const run = await cache.build(project, ['writes.bst']);
    succeeded(run);
    expect(artifactFiles(cache, run.graph, 'writes.bst')).toEqual({ '/copied': 'scratch\n' });
  });

  it('with root-read-only: True, fails a command that writes to /', async () => {
    const project = writeBuildProject({
      'elements/readonly.bst': `kind: script
build-depends: [base.bst]
config:
  root-read-only: True
  commands:
  - mkdir -p %{install-root} && echo install-root-is-writable > %{install-root}/ok
  - echo scratch > /scratch-file
`,
    });
    const run = await freshCache().build(project, ['readonly.bst']);
    expect(run.summary.failed.map((f) => f.element)).toEqual(['readonly.bst']);
    expect(run.summary.failed[0]!.message).toContain("'commands[1]'");
    expect(run.summary.failed[0]!.at?.line).toBe(7);
  });

  it('runs its commands in %{cwd}, creating it', async () => {
    const project = writeBuildProject({
      'elements/where.bst': `kind: script
build-depends: [base.bst]
variables:
  cwd: /work/here
config:
  commands:
  - mkdir -p %{install-root} && pwd > %{install-root}/pwd
`,
    });
    const cache = freshCache();
    const run = await cache.build(project, ['where.bst']);
    succeeded(run);
    expect(artifactFiles(cache, run.graph, 'where.bst')).toEqual({ '/pwd': '/work/here\n' });
  });

  it('runs the integration commands of the dependencies staged at /', async () => {
    const project = writeBuildProject({
      'elements/lib.bst': LIB_BST,
      'elements/probe.bst': `kind: script
build-depends: [base.bst, lib.bst]
config:
  commands:
  - mkdir -p %{install-root} && cat /etc/ld.so.cache > %{install-root}/cache
`,
    });
    const cache = freshCache();
    const run = await cache.build(project, ['probe.bst']);
    succeeded(run);
    expect(artifactFiles(cache, run.graph, 'probe.bst')).toEqual({ '/cache': 'libfoo.so.1\n' });
  });
});

describe('a manual element', () => {
  it('runs configure, build, install and then strip commands, whatever order the config lists them in', async () => {
    const project = writeBuildProject(
      {
        'elements/steps.bst': `kind: manual
build-depends: [base.bst]
config:
  install-commands:
  - echo install >> %{install-root}/order
  build-commands:
  - echo build >> %{install-root}/order
  configure-commands:
  - echo configure >> %{install-root}/order
`,
      },
      'variables:\n  strip-binaries: echo strip >> %{install-root}/order\n',
    );
    const cache = freshCache();
    const run = await cache.build(project, ['steps.bst']);
    succeeded(run);
    expect(artifactFiles(cache, run.graph, 'steps.bst')).toEqual({ '/order': 'configure\nbuild\ninstall\nstrip\n' });
  });

  it('runs its commands in the build root, or in command-subdir of it', async () => {
    const project = writeBuildProject({
      'files/tree/marker': 'top\n',
      'files/tree/sub/marker': 'sub\n',
      'elements/top.bst': `${manual(['pwd > %{install-root}/pwd', 'cat marker > %{install-root}/marker'])}sources:\n- kind: local\n  path: files/tree\n`,
      'elements/sub.bst': `${manual(['pwd > %{install-root}/pwd', 'cat marker > %{install-root}/marker'])}sources:\n- kind: local\n  path: files/tree\nvariables:\n  command-subdir: sub\n`,
    });
    const cache = freshCache();
    const run = await cache.build(project, ['top.bst', 'sub.bst']);
    succeeded(run);
    expect(artifactFiles(cache, run.graph, 'top.bst')).toEqual({ '/pwd': `${variable(run, 'top.bst', 'build-root')}\n`, '/marker': 'top\n' });
    expect(artifactFiles(cache, run.graph, 'sub.bst')).toEqual({ '/pwd': `${variable(run, 'sub.bst', 'build-root')}/sub\n`, '/marker': 'sub\n' });
  });

  it('stages its dependencies location by location, in sorted order of location', async () => {
    const project = writeBuildProject({
      'files/opt/x/file': 'from-opt\n',
      'files/root/opt/x/file': 'from-root\n',
      // Imports, so that nothing orders them after base.bst: a-opt.bst comes first by name.
      'elements/a-opt.bst': 'kind: import\nsources:\n- kind: local\n  path: files/opt\n',
      'elements/root.bst': 'kind: import\nsources:\n- kind: local\n  path: files/root\n',
      'elements/user.bst': `kind: manual
build-depends:
- filename: a-opt.bst
  config:
    location: /opt
- base.bst
- root.bst
config:
  install-commands:
  - cat /opt/x/file > %{install-root}/seen
`,
    });
    const cache = freshCache();
    const run = await cache.build(project, ['user.bst']);
    succeeded(run);
    // BuildStream stages / before /opt, so a-opt.bst's file is the one left at /opt/x/file.
    expect(artifactFiles(cache, run.graph, 'user.bst')).toEqual({ '/seen': 'from-opt\n' });
  });

  it("runs each dependency's integration commands with that dependency's environment", async () => {
    const project = writeBuildProject({
      'elements/lib.bst': `kind: manual
build-depends: [base.bst]
environment:
  WHO: lib
public:
  bst:
    integration-commands:
    - echo "integrated by $WHO" > /etc/who
`,
      'elements/user.bst': `${manual(['cat /etc/who > %{install-root}/seen', 'echo "built by $WHO" >> %{install-root}/seen'], ['base.bst', 'lib.bst'])}environment:\n  WHO: user\n`,
    });
    const cache = freshCache();
    const run = await cache.build(project, ['user.bst']);
    succeeded(run);
    expect(artifactFiles(cache, run.graph, 'user.bst')).toEqual({ '/seen': 'integrated by lib\nbuilt by user\n' });
  });

  it('sees %{max-jobs} as 1 when notparallel is true', async () => {
    const jobs = manual(['echo %{max-jobs} > %{install-root}/jobs']);
    const project = writeBuildProject({
      'elements/parallel.bst': jobs,
      'elements/serial.bst': `${jobs}variables:\n  notparallel: true\n`,
    });
    const cache = freshCache();
    const run = await cache.build(project, ['parallel.bst', 'serial.bst']);
    succeeded(run);
    expect(artifactFiles(cache, run.graph, 'parallel.bst')).toEqual({ '/jobs': `${Math.max(1, Math.min(os.availableParallelism(), 8))}\n` });
    expect(artifactFiles(cache, run.graph, 'serial.bst')).toEqual({ '/jobs': '1\n' });
  });

  it('passes environment-nocache variables to the sandbox, and changing them rebuilds nothing', async () => {
    const element = (stamp: string): string =>
      `${manual(['echo "$BUILD_STAMP $KEPT" > %{install-root}/env'])}environment:\n  BUILD_STAMP: ${stamp}\n  KEPT: kept\nenvironment-nocache:\n- BUILD_STAMP\n`;
    const project = writeBuildProject({ 'elements/stamped.bst': element('first') });
    const cache = freshCache();
    const run = await cache.build(project, ['stamped.bst']);
    succeeded(run);
    expect(artifactFiles(cache, run.graph, 'stamped.bst')).toEqual({ '/env': 'first kept\n' });

    fs.writeFileSync(path.join(project, 'elements/stamped.bst'), element('second'));
    const again = await cache.build(project, ['stamped.bst']);
    expect(again.builtNow).toEqual([]);
  });
});

// busybox has no toolchain: these kinds run against shell scripts named make, cmake, meson and
// ninja that record how they were called into the install root.
describe('the make, autotools, cmake and meson elements', () => {
  const RECORDER = `#!/bin/sh
{
  printf '%s' "\${0##*/}"
  for arg in "$@"; do printf ' [%s]' "$arg"; done
  printf ' in %s' "$PWD"
  for name in MAKEFLAGS V JOBS DESTDIR; do eval "value=\\\${$name-}"; [ -n "$value" ] && printf ' %s=%s' "$name" "$value"; done
  printf '\\n'
} >> /buildstream-install/calls
`;
  const TOOLS_BST = `kind: import
sources:
- kind: local
  path: files/tools
`;
  function toolsProject(files: Record<string, string>): string {
    const project = writeBuildProject({
      'files/tools/bin/make': RECORDER,
      'files/tools/bin/cmake': RECORDER,
      'files/tools/bin/meson': RECORDER,
      'files/tools/bin/ninja': RECORDER,
      'elements/tools.bst': TOOLS_BST,
      ...files,
    });
    for (const tool of ['make', 'cmake', 'meson', 'ninja']) fs.chmodSync(path.join(project, 'files/tools/bin', tool), 0o755);
    return project;
  }
  const deps = 'build-depends:\n- base.bst\n- tools.bst\n';
  const jobs = Math.max(1, Math.min(os.availableParallelism(), 8));

  it('make runs make with PREFIX, then make -j1 install into the install root, in parallel and verbose', async () => {
    const project = toolsProject({ 'elements/hello.bst': `kind: make\n${deps}` });
    const cache = freshCache();
    const run = await cache.build(project, ['hello.bst']);
    succeeded(run);
    const buildRoot = variable(run, 'hello.bst', 'build-root');
    expect(artifactFiles(cache, run.graph, 'hello.bst')).toEqual({
      '/calls': [
        `make [PREFIX=/usr] in ${buildRoot} MAKEFLAGS=-j${jobs} V=1`,
        `make [-j1] [PREFIX=/usr] [DESTDIR=/buildstream-install] [install] in ${buildRoot} MAKEFLAGS=-j${jobs} V=1`,
        '',
      ].join('\n'),
    });
  });

  it('make gives MAKEFLAGS=-j1 when notparallel is true', async () => {
    const project = toolsProject({ 'elements/serial.bst': `kind: make\n${deps}variables:\n  notparallel: true\n` });
    const cache = freshCache();
    const run = await cache.build(project, ['serial.bst']);
    succeeded(run);
    expect(artifactFiles(cache, run.graph, 'serial.bst')['/calls']).toContain(`make [PREFIX=/usr] in ${variable(run, 'serial.bst', 'build-root')} MAKEFLAGS=-j1 V=1\n`);
  });

  it('autotools runs an executable ./configure with the standard directories, then make and make install', async () => {
    const project = toolsProject({
      'files/hello/configure': RECORDER,
      'elements/hello.bst': `kind: autotools\n${deps}sources:\n- kind: local\n  path: files/hello\nvariables:\n  conf-local: --enable-greeting\n`,
    });
    fs.chmodSync(path.join(project, 'files/hello/configure'), 0o755);
    const cache = freshCache();
    const run = await cache.build(project, ['hello.bst']);
    succeeded(run);
    const buildRoot = variable(run, 'hello.bst', 'build-root');
    const env = `MAKEFLAGS=-j${jobs} V=1`;
    const configureArgs = [
      '--prefix=/usr',
      '--exec-prefix=/usr',
      '--bindir=/usr/bin',
      '--sbindir=/usr/sbin',
      '--sysconfdir=/etc',
      '--datadir=/usr/share',
      '--includedir=/usr/include',
      '--libdir=/usr/lib',
      '--libexecdir=/usr/libexec',
      '--localstatedir=/var',
      '--sharedstatedir=/usr/com',
      '--mandir=/usr/share/man',
      '--infodir=/usr/share/info',
      '--enable-greeting',
    ];
    expect(artifactFiles(cache, run.graph, 'hello.bst')).toEqual({
      '/calls': [
        `configure ${configureArgs.map((a) => `[${a}]`).join(' ')} in ${buildRoot} ${env}`,
        `make in ${buildRoot} ${env}`,
        `make [-j1] [DESTDIR=/buildstream-install] [install] in ${buildRoot} ${env}`,
        '',
      ].join('\n'),
    });
  });

  it('cmake configures into _builddir with Ninja, then builds and installs with cmake --build', async () => {
    const project = toolsProject({ 'elements/hello.bst': `kind: cmake\n${deps}` });
    const cache = freshCache();
    const run = await cache.build(project, ['hello.bst']);
    succeeded(run);
    const buildRoot = variable(run, 'hello.bst', 'build-root');
    expect(artifactFiles(cache, run.graph, 'hello.bst')).toEqual({
      '/calls': [
        `cmake [-B_builddir] [-H.] [-GNinja] [-DCMAKE_VERBOSE_MAKEFILE=ON] [-DCMAKE_INSTALL_PREFIX:PATH=/usr] [-DCMAKE_INSTALL_LIBDIR:PATH=lib] in ${buildRoot} JOBS=-j${jobs}`,
        `cmake [--build] [_builddir] [--] [-j${jobs}] in ${buildRoot} JOBS=-j${jobs}`,
        `cmake [--build] [_builddir] [--target] [install] in ${buildRoot} JOBS=-j${jobs} DESTDIR=/buildstream-install`,
        '',
      ].join('\n'),
    });
  });

  it('meson sets up _builddir with the standard directories, builds with ninja and installs with meson install', async () => {
    const project = toolsProject({ 'elements/hello.bst': `kind: meson\n${deps}` });
    const cache = freshCache();
    const run = await cache.build(project, ['hello.bst']);
    succeeded(run);
    const buildRoot = variable(run, 'hello.bst', 'build-root');
    const args = [
      '--prefix=/usr',
      '--bindir=/usr/bin',
      '--sbindir=/usr/sbin',
      '--sysconfdir=/etc',
      '--datadir=/usr/share',
      '--includedir=/usr/include',
      '--libdir=/usr/lib',
      '--libexecdir=/usr/libexec',
      '--localstatedir=/var',
      '--sharedstatedir=/usr/com',
      '--mandir=/usr/share/man',
      '--infodir=/usr/share/info',
    ];
    // The block scalar's newline goes: BuildStream strips every scalar it loads.
    const env = `JOBS=${jobs}`;
    expect(artifactFiles(cache, run.graph, 'hello.bst')).toEqual({
      '/calls': [
        `meson [setup] [.] [_builddir] ${args.map((a) => `[${a}]`).join(' ')} in ${buildRoot} ${env}`,
        `ninja [-v] [-j] [${jobs}] [-C] [_builddir] in ${buildRoot} ${env}`,
        `meson [install] [-C] [_builddir] [--no-rebuild] in ${buildRoot} ${env} DESTDIR=/buildstream-install`,
        '',
      ].join('\n'),
    });
  });
});
