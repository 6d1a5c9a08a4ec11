// Building: real bwrap sandboxes over a busybox sysroot, a real content store, and the
// artifacts each build leaves behind.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { lookupArtifact } from '../../src/engine/artifact-state.js';
import { artifactFiles, freshCache, manual, writeBuildProject } from '../helpers/build-project.js';

describe('a manual element', () => {
  it('runs its commands in the sandbox and keeps the install root as its artifact, with modes and symlinks', async () => {
    const project = writeBuildProject({
      'elements/hello.bst': manual([
        'mkdir -p %{install-root}/usr/share/hello %{install-root}/bin',
        'echo "built by $(id -u):$(id -g) in $(pwd)" > %{install-root}/usr/share/hello/greeting',
        'printf "#!/bin/sh\\necho hi\\n" > %{install-root}/bin/hi && chmod 755 %{install-root}/bin/hi',
        'ln -s ../usr/share/hello/greeting %{install-root}/bin/greeting-link',
      ]),
    });
    const cache = freshCache();
    const run = await cache.build(project, ['hello.bst']);
    expect(run.summary.failed).toEqual([]);
    expect(run.builtNow).toEqual(['base.bst', 'hello.bst']);
    const files = artifactFiles(cache, run.graph, 'hello.bst');
    expect(files['/usr/share/hello/greeting']).toBe('built by 0:0 in /buildstream/test/hello.bst/build\n'.replace('/buildstream/test/hello.bst/build', run.graph.keyed(run.graph.lookup('hello.bst')).composed.view.variables.get('build-root')!));
    expect(files['/bin/hi']).toBe('#!/bin/sh\necho hi\n (x)');
    expect(files['/bin/greeting-link']).toBe('-> ../usr/share/hello/greeting');
  });

  it('sees only its own environment, no network and nothing of the host', async () => {
    const project = writeBuildProject({
      'elements/probe.bst': manual(
        [
          'mkdir -p %{install-root}',
          'env | sort > %{install-root}/env',
          'cat /proc/net/dev | tail -n +3 | cut -d: -f1 | tr -d " " > %{install-root}/interfaces',
          'test ! -e /work && test ! -e /usr/lib/os-release && echo isolated > %{install-root}/host',
        ],
        ['base.bst'],
        'environment:\n  GREETING: hello\n',
      ),
    });
    const cache = freshCache();
    const run = await cache.build(project, ['probe.bst']);
    expect(run.summary.failed).toEqual([]);
    const files = artifactFiles(cache, run.graph, 'probe.bst');
    const env = files['/env']!.trim().split('\n');
    expect(env).toContain('GREETING=hello');
    expect(env).toContain('PATH=/usr/bin:/bin:/usr/sbin:/sbin');
    expect(env.some((line) => line.startsWith('HOME=') && line !== 'HOME=/tmp')).toBe(false);
    expect(env.some((line) => line.startsWith('JEST_WORKER_ID='))).toBe(false);
    expect(files['/interfaces']!.trim()).toBe('lo');
    expect(files['/host']).toBe('isolated\n');
  });

  it('runs as the uid and gid of its sandbox configuration', async () => {
    const project = writeBuildProject({
      'elements/ids.bst': manual(['mkdir -p %{install-root}', 'echo $(id -u):$(id -g) > %{install-root}/ids'], ['base.bst'], 'sandbox:\n  build-uid: 1000\n  build-gid: 100\n'),
    });
    const cache = freshCache();
    const run = await cache.build(project, ['ids.bst']);
    expect(run.summary.failed).toEqual([]);
    expect(artifactFiles(cache, run.graph, 'ids.bst')['/ids']).toBe('1000:100\n');
  });
});

describe('rebuilding', () => {
  it('builds nothing when nothing changed, and only the changed element and its reverse dependencies after a change', async () => {
    const project = writeBuildProject({
      'elements/a.bst': manual(['mkdir -p %{install-root}/a', 'echo a1 > %{install-root}/a/file']),
      'elements/b.bst': manual(['mkdir -p %{install-root}/b', 'cat /a/file > %{install-root}/b/copy'], ['base.bst', 'a.bst']),
      'elements/c.bst': manual(['mkdir -p %{install-root}/c', 'echo c > %{install-root}/c/file']),
      'elements/top.bst': 'kind: stack\ndepends:\n- b.bst\n- c.bst\n',
    });
    const cache = freshCache();
    const first = await cache.build(project, ['top.bst']);
    expect(first.builtNow.sort()).toEqual(['a.bst', 'b.bst', 'base.bst', 'c.bst', 'top.bst']);

    const second = await cache.build(project, ['top.bst']);
    expect(second.builtNow).toEqual([]);
    expect(second.summary.cached.length).toBeGreaterThan(0);

    fs.writeFileSync(path.join(project, 'elements/a.bst'), manual(['mkdir -p %{install-root}/a', 'echo a2 > %{install-root}/a/file']));
    const third = await cache.build(project, ['top.bst']);
    expect(third.builtNow).toEqual(['a.bst', 'b.bst', 'top.bst']);
    expect(artifactFiles(cache, third.graph, 'b.bst')['/b/copy']).toBe('a2\n');
  });
});

describe('the cache is out of reach of builds', () => {
  it("a build that appends to a file of its dependency leaves the dependency's artifact unchanged", async () => {
    const project = writeBuildProject({
      'elements/dep.bst': manual(['mkdir -p %{install-root}/data', 'echo original > %{install-root}/data/file']),
      // A script element has a writable root, so the append succeeds inside the sandbox.
      'elements/tamper.bst': `kind: script
build-depends:
- base.bst
- dep.bst
config:
  commands:
  - echo tampered >> /data/file
  - mkdir -p %{install-root} && cat /data/file > %{install-root}/seen
`,
      // A build element's root is read-only: the same append fails the build.
      'elements/tamper-ro.bst': manual(['echo tampered >> /data/file'], ['base.bst', 'dep.bst']),
    });
    const cache = freshCache();
    const run = await cache.build(project, ['tamper.bst', 'tamper-ro.bst'], { onError: 'continue' });
    expect(artifactFiles(cache, run.graph, 'tamper.bst')['/seen']).toBe('original\ntampered\n');
    expect(run.summary.failed.map((f) => f.element)).toEqual(['tamper-ro.bst']);
    expect(artifactFiles(cache, run.graph, 'dep.bst')['/data/file']).toBe('original\n');
    // And a later build still stages the original.
    fs.writeFileSync(path.join(project, 'elements/reader.bst'), manual(['mkdir -p %{install-root}', 'cat /data/file > %{install-root}/read'], ['base.bst', 'dep.bst']));
    const again = await cache.build(project, ['reader.bst']);
    expect(artifactFiles(cache, again.graph, 'reader.bst')['/read']).toBe('original\n');
  });
});

describe('failures', () => {
  it('are cached, reported with the line of the failing command, and retried only with --retry-failed', async () => {
    const project = writeBuildProject({
      'elements/broken.bst': manual(['mkdir -p %{install-root}', 'echo about to fail', 'exit 3']),
    });
    const cache = freshCache();
    const first = await cache.build(project, ['broken.bst']);
    expect(first.summary.failed).toHaveLength(1);
    const failure = first.summary.failed[0]!;
    expect(failure.message).toContain('exit code 3');
    expect(failure.at?.file).toContain('broken.bst');
    expect(failure.at?.line).toBe(8);
    expect(fs.readFileSync(failure.log!, 'utf8')).toContain('about to fail');

    const second = await cache.build(project, ['broken.bst']);
    expect(second.summary.failed[0]!.message).toContain('build failure cached');
    expect(second.events.some((e) => e.type === 'job-start' && e.action === 'build')).toBe(false);

    const third = await cache.build(project, ['broken.bst'], { retryFailed: true });
    expect(third.events.some((e) => e.type === 'job-start' && e.action === 'build' && e.element === 'broken.bst')).toBe(true);
  });

  it('with on-error continue, everything that does not depend on the failure is still built', async () => {
    const project = writeBuildProject({
      'elements/bad.bst': manual(['exit 1']),
      'elements/after-bad.bst': manual(['mkdir -p %{install-root}'], ['base.bst', 'bad.bst']),
      'elements/good.bst': manual(['mkdir -p %{install-root}', 'sleep 0.3']),
    });
    const cache = freshCache();
    const run = await cache.build(project, ['after-bad.bst', 'good.bst'], { onError: 'continue', builders: 1 });
    expect(run.summary.failed.map((f) => f.element)).toEqual(['bad.bst']);
    expect(run.summary.skipped).toEqual(['after-bad.bst']);
    expect(run.builtNow).toContain('good.bst');
  });

  it('with on-error quit, running builds finish and no new one starts', async () => {
    const project = writeBuildProject({
      'elements/bad.bst': manual(['exit 1']),
      'elements/slow.bst': manual(['mkdir -p %{install-root}', 'sleep 0.5']),
      'elements/later.bst': manual(['mkdir -p %{install-root}'], ['base.bst', 'slow.bst']),
    });
    const cache = freshCache();
    const run = await cache.build(project, ['bad.bst', 'later.bst'], { onError: 'quit', builders: 2 });
    expect(run.summary.failed.map((f) => f.element)).toEqual(['bad.bst']);
    expect(run.builtNow).toContain('slow.bst');
    expect(run.builtNow).not.toContain('later.bst');
  });

  it('terminate stops a running sandbox at once and caches nothing for it', async () => {
    const project = writeBuildProject({ 'elements/forever.bst': manual(['sleep 100']) });
    const cache = freshCache();
    const started = Date.now();
    const run = await cache.build(project, ['forever.bst'], {
      onEvent: (event, session) => {
        if (event.type === 'job-start' && event.element === 'forever.bst') setTimeout(() => session.terminate(), 300);
      },
    });
    expect(run.summary.interrupted).toBe(true);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(lookupArtifact(cache.cache, run.graph.keyed(run.graph.lookup('forever.bst')), true, false)).toBeUndefined();
    expect(fs.readdirSync(path.join(cache.directory, 'build'))).toEqual([]);
  });
});

describe('staging', () => {
  it('runs the integration commands of the staged dependencies before the build', async () => {
    const project = writeBuildProject({
      'elements/lib.bst': `kind: manual
build-depends: [base.bst]
config:
  install-commands:
  - mkdir -p %{install-root}/etc
public:
  bst:
    integration-commands:
    - echo integrated-by-lib > /etc/lib.conf
`,
      'elements/app.bst': manual(['mkdir -p %{install-root}', 'cat /etc/lib.conf > %{install-root}/seen'], ['base.bst', 'lib.bst']),
    });
    const cache = freshCache();
    const run = await cache.build(project, ['app.bst']);
    expect(run.summary.failed).toEqual([]);
    expect(artifactFiles(cache, run.graph, 'app.bst')['/seen']).toBe('integrated-by-lib\n');
  });

  it('reports overlapping files unless the overlapping element whitelists them, and fails on them when overlaps are fatal', async () => {
    const files = {
      'elements/one.bst': manual(['mkdir -p %{install-root}/etc', 'echo one > %{install-root}/etc/shared', 'echo one > %{install-root}/etc/allowed']),
      'elements/two.bst': manual(['mkdir -p %{install-root}/etc', 'echo two > %{install-root}/etc/shared', 'echo two > %{install-root}/etc/allowed'], ['base.bst'], 'public:\n  bst:\n    overlap-whitelist:\n    - /etc/allowed\n'),
      'elements/user.bst': manual(['mkdir -p %{install-root}', 'cat /etc/shared /etc/allowed > %{install-root}/seen'], ['base.bst', 'one.bst', 'two.bst']),
    };
    const cache = freshCache();
    const lenient = await cache.build(writeBuildProject(files), ['user.bst']);
    expect(artifactFiles(cache, lenient.graph, 'user.bst')['/seen']).toBe('two\ntwo\n');
    const userLog = lenient.events.find((e) => e.type === 'job-end' && e.element === 'user.bst');
    const log = fs.readFileSync((userLog as { log: string }).log, 'utf8');
    expect(log).toContain('/etc/shared: one.bst over two.bst');
    expect(log).not.toContain('/etc/allowed:');

    const strict = await freshCache().build(writeBuildProject(files, 'fatal-warnings:\n- overlaps\n'), ['user.bst']);
    expect(strict.summary.failed.map((f) => f.element)).toEqual(['user.bst']);
    expect(strict.summary.failed[0]!.message).toContain('/etc/shared');
  });

  it('never writes through a symlink of an earlier dependency', async () => {
    const project = writeBuildProject({
      'elements/linker.bst': manual(['mkdir -p %{install-root}', 'ln -s /tmp %{install-root}/escape']),
      'elements/writer.bst': manual(['mkdir -p %{install-root}/escape', 'echo x > %{install-root}/escape/file']),
      'elements/user.bst': manual(['true'], ['base.bst', 'linker.bst', 'writer.bst']),
    });
    const cache = freshCache();
    const run = await cache.build(project, ['user.bst']);
    expect(run.summary.failed.map((f) => f.element)).toEqual(['user.bst']);
    expect(run.summary.failed[0]!.message).toContain('/escape is a symlink');
  });
});

describe('the cache quota', () => {
  it('expires the least recently used artifacts after a build that took the cache over its quota', async () => {
    const big = (name: string): string => manual([`mkdir -p %{install-root} && head -c 200000 /dev/urandom > %{install-root}/${name}`]);
    const project = writeBuildProject({ 'elements/old.bst': big('old'), 'elements/new.bst': big('new') });
    const cache = freshCache();
    const first = await cache.build(project, ['old.bst']);
    expect(first.summary.failed).toEqual([]);
    // Make the first artifact look long unused, then build another with a quota only one fits in.
    for (const ref of cache.cache.listRefs()) if (ref.ref.element === 'old') fs.utimesSync(ref.path, new Date(0), new Date(0));
    const second = await cache.build(project, ['new.bst'], { quotaBytes: 1_000_000 });
    expect(second.events.some((e) => e.type === 'message' && e.text.includes('expired'))).toBe(true);
    expect(lookupArtifact(cache.cache, second.graph.keyed(second.graph.lookup('new.bst')), true, false)).toBeDefined();
    const again = await cache.build(project, ['old.bst']);
    expect(again.builtNow).toEqual(['old.bst']);
  });
});

describe('symlinks in artifacts', () => {
  it('stay inside the artifact: absolute targets become relative, and targets climbing above the root are clamped', async () => {
    const project = writeBuildProject({
      'elements/links.bst': manual([
        'mkdir -p %{install-root}/usr/lib %{install-root}/usr/bin %{install-root}/etc',
        'echo lib > %{install-root}/usr/lib/libdemo.so.1',
        'ln -s /usr/lib/libdemo.so.1 %{install-root}/usr/lib/libdemo.so',
        'ln -s / %{install-root}/usr/bin/root',
        'ln -s ../../../../etc/passwd %{install-root}/usr/bin/climber',
        'ln -s ../lib/libdemo.so.1 %{install-root}/usr/bin/relative',
      ]),
    });
    const cache = freshCache();
    const run = await cache.build(project, ['links.bst']);
    expect(run.summary.failed).toEqual([]);
    const files = artifactFiles(cache, run.graph, 'links.bst');
    expect(files['/usr/lib/libdemo.so']).toBe('-> libdemo.so.1');
    expect(files['/usr/bin/root']).toBe('-> ../..');
    expect(files['/usr/bin/climber']).toBe('-> ../../etc/passwd');
    expect(files['/usr/bin/relative']).toBe('-> ../lib/libdemo.so.1');
  });
});

describe('dependency configuration of build elements', () => {
  it('digest-environment sets a variable to the digest of a sandbox holding those dependencies', async () => {
    const project = writeBuildProject({
      'elements/data.bst': manual(['mkdir -p %{install-root}/data', 'echo payload > %{install-root}/data/file']),
      'elements/user.bst': `kind: manual
build-depends:
- base.bst
- filename: data.bst
  config:
    digest-environment: DATA_DIGEST
config:
  install-commands:
  - mkdir -p %{install-root} && echo "$DATA_DIGEST" > %{install-root}/digest
`,
    });
    const cache = freshCache();
    const run = await cache.build(project, ['user.bst']);
    expect(run.summary.failed).toEqual([]);
    const data = lookupArtifact(cache.cache, run.graph.keyed(run.graph.lookup('data.bst')), true, false)!;
    expect(artifactFiles(cache, run.graph, 'user.bst')['/digest']).toBe(`${data.files!.hash}/${data.files!.sizeBytes}\n`);
  });
});

describe('file modes in artifacts', () => {
  it('keeps setuid, private and read-only modes, and dependents see them staged', async () => {
    const project = writeBuildProject({
      'elements/modes.bst': manual([
        'mkdir -p %{install-root}/bin %{install-root}/etc',
        'echo tool > %{install-root}/bin/su-like && chmod 4755 %{install-root}/bin/su-like',
        'echo secret > %{install-root}/etc/shadow-like && chmod 0600 %{install-root}/etc/shadow-like',
        'echo fixed > %{install-root}/etc/fixed && chmod 0444 %{install-root}/etc/fixed',
        'echo plain > %{install-root}/etc/plain',
      ]),
      'elements/reader.bst': manual(
        ['mkdir -p %{install-root}', 'stat -c "%a %n" /bin/su-like /etc/shadow-like /etc/fixed /etc/plain > %{install-root}/modes'],
        ['base.bst', 'modes.bst'],
      ),
    });
    const cache = freshCache();
    const run = await cache.build(project, ['reader.bst']);
    expect(run.summary.failed).toEqual([]);
    expect(artifactFiles(cache, run.graph, 'reader.bst')['/modes']).toBe('4755 /bin/su-like\n600 /etc/shadow-like\n444 /etc/fixed\n644 /etc/plain\n');
    const record = lookupArtifact(cache.cache, run.graph.keyed(run.graph.lookup('modes.bst')), true, false)!;
    const etcNode = cache.cache.store.readDirectory(record.files!.hash).find((c) => c.name === 'etc');
    if (etcNode?.kind !== 'directory') throw new Error('no /etc in the artifact');
    const etc = cache.cache.store.readDirectory(etcNode.digest.hash);
    expect(Object.fromEntries(etc.map((c) => [c.name, c.kind === 'file' ? c.mode : undefined]))).toEqual({ 'shadow-like': 0o600, fixed: 0o444, plain: undefined });
  });
});
