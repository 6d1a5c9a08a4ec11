// The deb source against a real (small) Debian archive served by nginx: tracking a package set
// into its exact closure, refusing indices the Release does not vouch for, checking signatures,
// fetching every .deb by sha256, and staging their data with symlinks and file lists.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { JsonValue } from '../../src/cache/canonical-json.js';
import type { TrackResult } from '../../src/project/source-api.js';
import { findProgram } from '../../src/sandbox/host.js';
import { debSourceKind, type DebMachine } from '../../src/sources/debian/deb-kind.js';
import { errorOf, lines, removeProjects, whereOf, writeProject } from '../helpers/fixture-project.js';
import { listTree, rawTar, removeTemporaries, sha256Of, temporaryDirectory } from './archives.js';
import { APP_CLOSURE, SAMPLE_SUITE, makeTestKey, rawAr, refYaml, writeArchive, writeRelease, type BuiltArchive, type TestKey } from './deb-archive.js';
import { startNginx, type Nginx } from './servers.js';
import { contextFor, fetchAndStage, sourceOf } from './source-fixture.js';

const SUITE = SAMPLE_SUITE.suite;
/** A real keyring that does not hold the test key; only machines with Debian's keyring have it. */
const debianKeyring = '/usr/share/keyrings/debian-archive-keyring.gpg';
const withDebianKeyring = fs.existsSync(debianKeyring) ? it : it.skip;
let nginx: Nginx;
let archive: BuiltArchive;
let key: TestKey;

beforeAll(async () => {
  nginx = await startNginx();
  archive = writeArchive(path.join(nginx.files, 'debian'), SAMPLE_SUITE);
  // A copy whose Packages.xz changed after the Release was written.
  const stale = writeArchive(path.join(nginx.files, 'stale'), SAMPLE_SUITE);
  const binary = path.join(stale.root, 'dists', SUITE, 'main', 'binary-amd64');
  fs.appendFileSync(path.join(binary, 'Packages.xz'), Buffer.from([0]));
  // A copy clearsigned by a throwaway key.
  key = makeTestKey();
  const signed = writeArchive(path.join(nginx.files, 'signed'), SAMPLE_SUITE);
  key.sign(signed.root, SUITE);
}, 120_000);

afterAll(async () => {
  key.remove();
  await nginx.stop();
  removeProjects();
  removeTemporaries();
});

/** This machine, but with a keyring and apt configuration of the test's choosing. */
function machine(overrides: Partial<DebMachine> = {}): DebMachine {
  return { aptRoot: temporaryDirectory('cairn-apt-root-'), keyring: path.join(temporaryDirectory(), 'no-keyring.gpg'), gpgv: () => findProgram('gpgv'), architecture: 'amd64', ...overrides };
}

/** A project whose element.bst holds one deb source with these lines (after `- kind: deb`). */
function debProject(source: readonly string[], archiveDirectory = 'debian'): string {
  return writeProject({
    'project.conf': lines('name: test', 'min-version: 2.0', 'aliases:', `  debian: ${nginx.url}/files/${archiveDirectory}/`),
    'element.bst': lines('kind: import', 'sources:', '- kind: deb', ...source),
  });
}

const setLines = (packages: readonly string[], extra: readonly string[] = []): string[] => ["  url: 'debian:'", `  suite: ${SUITE}`, '  architecture: amd64', '  packages:', ...packages.map((name) => `  - ${name}`), ...extra];

async function track(project: string, kind = debSourceKind(machine())): Promise<{ ref: TrackResult; lines: string[] }> {
  const source = await sourceOf(project);
  const context = contextFor();
  const ref = await kind.track!(source.view, context);
  if (ref === undefined) throw new Error('nothing tracked');
  return { ref, lines: context.lines };
}

/** The ref as [package, version] pairs. */
function closureOf(ref: JsonValue | undefined): Array<[string, string]> {
  if (!Array.isArray(ref)) throw new Error('no ref list');
  return ref.map((entry: JsonValue) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new Error('bad entry');
    return [String(entry.package), String(entry.version)];
  });
}

describe('tracking a package set', () => {
  it('resolves the exact closure: Pre-Depends, alternatives, virtual and versioned names, :any, ~ and epochs', async () => {
    const { ref, lines: log } = await track(debProject(setLines(['app'])));
    expect(closureOf(ref.ref)).toEqual(APP_CLOSURE);
    // Neither Recommends nor the archive's other Essential packages are pulled in.
    expect(closureOf(ref.ref).map(([name]) => name)).not.toContain('recommended');
    expect(closureOf(ref.ref).map(([name]) => name)).not.toContain('essential-extra');
    expect(log).toContain('mail-transport-agent is provided by bigmta, tinymta; choosing bigmta');
    expect(log.some((line) => line.startsWith(`warning: Release of ${SUITE} from ${nginx.url}/files/debian/ is not verified`))).toBe(true);
  });

  it('each ref entry pins the package by its sha256 and pool filename, sorted by package name', async () => {
    const { ref } = await track(debProject(setLines(['tool'])));
    const libfoo = archive.get('libfoo', '3.0-1');
    const tool = archive.get('tool');
    expect(ref).toEqual({
      ref: [
        { package: 'libfoo', version: '3.0-1', sha256: libfoo.sha256, filename: libfoo.filename },
        { package: 'tool', version: '1.2-1', sha256: tool.sha256, filename: tool.filename },
      ],
    });
    expect(tool.filename).toBe('pool/main/t/tool/tool_1.2-1_amd64.deb');
  });

  it('a package asked for by name is chosen even when an earlier one provides its name, and a constraint picks its version', async () => {
    const { ref } = await track(debProject(setLines(['bigmta', 'tinymta', "'libfoo (<< 2.0)'"])));
    expect(closureOf(ref.ref)).toEqual([
      ['bigmta', '2.0-1'],
      ['libfoo', '1.5-1'],
      ['tinymta', '0.9-1'],
    ]);
  });

  it('a constraint met late in the closure changes a version chosen earlier', async () => {
    // tool (asked for first) is content with the newest libfoo; app then needs libfoo (<< 3.0).
    const { ref, lines: log } = await track(debProject(setLines(['tool', 'app'])));
    expect(closureOf(ref.ref)).toEqual(APP_CLOSURE);
    expect(log).toContain("libfoo: resolving again for a version that also satisfies 'libfoo (<< 3.0)'");
  });

  it('versions no single package can satisfy are an error naming both chains', async () => {
    const error = await errorOf(() => track(debProject(setLines(["'libfoo (>= 3.0)'", 'app']))));
    expect(error.message).toBe("cannot satisfy 'libfoo (<< 3.0)' needed by app 1.0-1: libfoo 3.0-1 was chosen in packages: ('libfoo (>= 3.0)')");
  });

  it('an unsatisfiable dependency names the package and the chain that needed it', async () => {
    const project = debProject(setLines(['broken-app']));
    const error = await errorOf(() => track(project));
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("unsatisfiable dependency 'libfoo (>= 9)', which middle 1.0-1 needs (Depends); chain: broken-app 1.0-1 → middle 1.0-1 → libfoo (>= 9)");
    expect(error.hint).toBe('the archive has libfoo 3.0-1, 3.0~rc1-1, 2.1-1, 1.5-1');
    // It points at the package list entry that started the chain.
    expect(whereOf(error)).toBe('element.bst:8:5');
  });

  it('a package that does not exist is an error at its entry in packages', async () => {
    const error = await errorOf(() => track(debProject(setLines(['app', 'no-such-package']))));
    expect(error.message).toBe("unsatisfiable dependency 'no-such-package' (asked for in packages:)");
    expect(error.hint).toBe('no package is named or provides no-such-package');
  });

  it('a Packages index whose digest differs from the Release is an error', async () => {
    const error = await errorOf(() => track(debProject(setLines(['app']), 'stale')));
    expect(error.reason).toBe('checksum-mismatch');
    expect(error.message).toMatch(new RegExp(`^${nginx.url}/files/stale/dists/${SUITE}/main/binary-amd64/Packages.xz does not match the Release: expected sha256 [0-9a-f]{64}`));
  });

  it('a Packages.gz listed in the Release is read when there is no Packages.xz', async () => {
    const root = path.join(nginx.files, 'gzip-only');
    writeArchiveCopy(root);
    const binary = path.join(root, 'dists', SUITE, 'main', 'binary-amd64');
    fs.rmSync(path.join(binary, 'Packages.xz'));
    const { execFileSync } = await import('node:child_process');
    execFileSync('gzip', ['-k', '-n', path.join(binary, 'Packages')]);
    writeRelease(root, SUITE, ['main'], 'amd64', ['main/binary-amd64/Packages.gz']);
    const { ref } = await track(debProject(setLines(['tool']), 'gzip-only'));
    expect(closureOf(ref.ref)).toEqual([
      ['libfoo', '3.0-1'],
      ['tool', '1.2-1'],
    ]);
  });

  it('a component the Release does not have is an error naming the ones it has', async () => {
    const error = await errorOf(() => track(debProject(setLines(['app'], ['  components: [main, contrib]']))));
    expect(error.message).toBe(`suite ${SUITE} at ${nginx.url}/files/debian/ has no component contrib`);
    expect(error.hint).toBe('it has: main');
  });

  it('one .deb has nothing to track', async () => {
    const app = archive.get('app');
    const source = await sourceOf(debProject([`  url: debian:${app.filename}`, `  ref: ${app.sha256}`]));
    expect(await debSourceKind(machine()).track!(source.view, contextFor())).toBeUndefined();
  });
});

/** Copies the sample archive's tree to `root` (same packages, same digests). */
function writeArchiveCopy(root: string): void {
  fs.cpSync(archive.root, root, { recursive: true });
}

describe('signed archives', () => {
  it('an InRelease signed by a key in the keyring is verified by gpgv', async () => {
    const { ref, lines: log } = await track(debProject(setLines(['tool']), 'signed'), debSourceKind(machine({ keyring: key.keyring })));
    expect(closureOf(ref.ref).map(([name]) => name)).toEqual(['libfoo', 'tool']);
    expect(log).toContain(`verified InRelease of ${SUITE} with ${key.keyring}`);
  });

  it('an InRelease whose text was changed after signing is refused', async () => {
    const root = path.join(nginx.files, 'tampered');
    fs.cpSync(path.join(nginx.files, 'signed'), root, { recursive: true });
    const inRelease = path.join(root, 'dists', SUITE, 'InRelease');
    fs.writeFileSync(inRelease, fs.readFileSync(inRelease, 'utf8').replace('Origin: Cairn tests', 'Origin: Someone else'));
    const error = await errorOf(() => track(debProject(setLines(['tool']), 'tampered'), debSourceKind(machine({ keyring: key.keyring }))));
    expect(error.reason).toBe('checksum-mismatch');
    expect(error.message).toMatch(new RegExp(`^the signature of ${nginx.url}/files/tampered/dists/${SUITE}/InRelease does not verify: .*BAD signature`));
  });

  withDebianKeyring('an archive signed by a key outside the keyring is refused', async () => {
    const error = await errorOf(() => track(debProject(setLines(['tool']), 'signed'), debSourceKind(machine({ keyring: debianKeyring }))));
    expect(error.message).toMatch(/does not verify: .*No public key/);
    expect(error.hint).toBe(`the archive must be signed by a key in ${debianKeyring}`);
  });

  it('without gpgv the signed archive is read with a warning', async () => {
    const { ref, lines: log } = await track(debProject(setLines(['tool']), 'signed'), debSourceKind(machine({ keyring: key.keyring, gpgv: () => undefined })));
    expect(closureOf(ref.ref).map(([name]) => name)).toEqual(['libfoo', 'tool']);
    expect(log).toContain(`warning: InRelease of ${SUITE} from ${nginx.url}/files/signed/ is not verified: the host has no gpgv`);
  });
});

describe('fetching and staging a package set', () => {
  it('fetches every .deb by sha256 and stages the data of each, symlinks kept, later packages replacing earlier files', async () => {
    const { ref } = await track(debProject(setLines(['app'])));
    const source = await sourceOf(debProject(setLines(['app'], ['  ref:', ...refYaml(ref.ref)])));
    const kind = debSourceKind(machine());
    const context = contextFor();
    expect(kind.isResolved(source.view)).toBe(true);
    expect(kind.isCached!(source.view, context)).toBe(false);
    await kind.fetch!(source.view, context);
    expect(kind.isCached!(source.view, context)).toBe(true);
    for (const [name, version] of APP_CLOSURE) {
      const built = archive.get(name, version);
      expect(sha256Of(path.join(context.sourceCache, 'deb', built.sha256))).toBe(built.sha256);
    }
    const staged = temporaryDirectory('cairn-stage-');
    await kind.stage!(source.view, staged, context);
    const tree = listTree(staged);
    expect(tree).toEqual(
      expect.arrayContaining([
        'usr/bin/app',
        'usr/bin/app-link -> app',
        'usr/share/doc/app/README',
        'usr/lib/base/libbase.so -> libbase.so.1',
        'usr/lib/base/libbase.so.1',
        'usr/lib/libc-like.so',
        'usr/lib/libfoo.so -> libfoo.so.3',
        'usr/lib/libfoo.so.3',
        'usr/lib/libabi.so.2',
        'usr/bin/editor',
        'usr/sbin/bigmta',
        'usr/bin/tool',
        'etc/shared.conf',
      ]),
    );
    expect(tree.filter((entry) => entry.includes('recommended') || entry.includes('tinymta') || entry.includes('abi-compat'))).toEqual([]);
    expect(fs.readFileSync(path.join(staged, 'usr/lib/libc-like.so'), 'utf8')).toBe('epoch 1\n');
    expect(fs.readFileSync(path.join(staged, 'usr/lib/libfoo.so.3'), 'utf8')).toBe('foo 3.0~rc1\n');
    expect(fs.statSync(path.join(staged, 'usr/bin/app')).mode & 0o777).toBe(0o755);
    // tool sorts after libfoo, so its file wins, and the log says whose it replaced.
    expect(fs.readFileSync(path.join(staged, 'etc/shared.conf'), 'utf8')).toBe('from tool\n');
    expect(context.lines).toContain('tool replaces /etc/shared.conf from libfoo');
    // Each package's file list, in dpkg's format and archive order (dpkg-deb puts symlinks last).
    expect(tree.filter((entry) => entry.endsWith('.list'))).toEqual(APP_CLOSURE.map(([name]) => `var/lib/cairn-deb/${name}.list`));
    expect(fs.readFileSync(path.join(staged, 'var/lib/cairn-deb/app.list'), 'utf8')).toBe(
      lines('/.', '/usr', '/usr/bin', '/usr/bin/app', '/usr/share', '/usr/share/doc', '/usr/share/doc/app', '/usr/share/doc/app/README', '/usr/bin/app-link'),
    );
  });

  it('a wrong sha256 in the ref is a checksum error naming the package, and nothing is cached for it', async () => {
    const { ref } = await track(debProject(setLines(['tool'])));
    const wrong = 'ab'.repeat(32);
    const yaml = refYaml(ref.ref).map((line) => line.replace(archive.get('libfoo', '3.0-1').sha256, wrong));
    const project = debProject(setLines(['tool'], ['  ref:', ...yaml]));
    const source = await sourceOf(project);
    const context = contextFor();
    const error = await errorOf(() => debSourceKind(machine()).fetch!(source.view, context));
    expect(error.reason).toBe('checksum-mismatch');
    expect(error.message).toMatch(new RegExp(`^package libfoo 3\\.0-1: file downloaded from ${nginx.url}/files/debian/pool/main/l/libfoo/libfoo_3\\.0-1_amd64\\.deb has the wrong sha256: expected ${wrong}`));
    // The error points at the ref entry of that package.
    expect(whereOf(error)).toBe('element.bst:10:5');
    expect(fs.existsSync(path.join(context.sourceCache, 'deb', wrong))).toBe(false);
  });

  it('the unique key is the pinned packages, never the archive they came from', async () => {
    const { ref } = await track(debProject(setLines(['tool'])));
    const here = await sourceOf(debProject(setLines(['tool'], ['  ref:', ...refYaml(ref.ref)])));
    const elsewhere = await sourceOf(debProject(setLines(['tool'], ['  ref:', ...refYaml(ref.ref)]), 'signed'));
    const kind = debSourceKind(machine());
    expect(kind.uniqueKey(here.view)).toEqual([
      ['libfoo', '3.0-1', archive.get('libfoo', '3.0-1').sha256],
      ['tool', '1.2-1', archive.get('tool').sha256],
    ]);
    expect(kind.uniqueKey(elsewhere.view)).toEqual(kind.uniqueKey(here.view));
    const unresolved = await sourceOf(debProject(setLines(['tool'])));
    expect(kind.isResolved(unresolved.view)).toBe(false);
  });

  it('loading reads the pinned ref list once per source, however many questions the engine asks', async () => {
    const { ref } = await track(debProject(setLines(['tool'])));
    const pinned = await sourceOf(debProject(setLines(['tool'], ['  ref:', ...refYaml(ref.ref)])));
    const kind = debSourceKind(machine());
    const reads = jest.spyOn(pinned.view.config, 'get');
    kind.validate(pinned.view);
    const readsOfOneLoad = reads.mock.calls.length;
    expect(readsOfOneLoad).toBeGreaterThan(0);
    expect(kind.isResolved(pinned.view)).toBe(true);
    expect(kind.uniqueKey(pinned.view)).toHaveLength(2);
    expect(kind.isCached!(pinned.view, contextFor())).toBe(false);
    expect(reads.mock.calls.length).toBe(readsOfOneLoad);
  });

  it('without url, the machine apt source for the suite is the archive', async () => {
    const aptRoot = temporaryDirectory('cairn-apt-root-');
    fs.mkdirSync(path.join(aptRoot, 'etc/apt/sources.list.d'), { recursive: true });
    fs.writeFileSync(path.join(aptRoot, 'etc/apt/sources.list'), lines(`deb ${nginx.url}/files/nowhere other-suite main`));
    fs.writeFileSync(
      path.join(aptRoot, 'etc/apt/sources.list.d/test.sources'),
      lines('Types: deb', `URIs: ${nginx.url}/files/debian`, `Suites: ${SUITE}`, 'Components: main'),
    );
    const kind = debSourceKind(machine({ aptRoot }));
    const withoutUrl = (extra: readonly string[] = []): string => debProject([`  suite: ${SUITE}`, '  packages: [tool]', ...extra]);
    const tracked = await kind.track!((await sourceOf(withoutUrl())).view, contextFor());
    expect(closureOf(tracked?.ref)).toEqual([
      ['libfoo', '3.0-1'],
      ['tool', '1.2-1'],
    ]);
    const source = await sourceOf(withoutUrl(['  ref:', ...refYaml(tracked?.ref)]));
    const staged = await fetchAndStageWith(kind, source);
    expect(listTree(staged)).toContain('usr/bin/tool');
    // A machine with no source for the suite says what to do.
    const error = await errorOf(async () => debSourceKind(machine()).track!((await sourceOf(withoutUrl())).view, contextFor()));
    expect(error.message).toBe(`no url, and no apt source of this machine has suite ${SUITE}`);
  });

  it('tracking asks the alias itself first and falls back to a mirror; fetching asks the mirror first', async () => {
    const project = writeProject({
      'project.conf': lines('name: test', 'min-version: 2.0', 'aliases:', `  debian: ${nginx.url}/files/missing/`, 'mirrors:', '- name: local', '  aliases:', '    debian:', `    - ${nginx.url}/files/debian/`),
      'element.bst': lines('kind: import', 'sources:', '- kind: deb', ...setLines(['fallback-editor'])),
    });
    const tracked = await track(project);
    expect(closureOf(tracked.ref.ref)).toEqual([['fallback-editor', '1.0']]);
    expect(nginx.hits(`/files/missing/dists/${SUITE}/Release`)).toBe(1);
    const pinned = writeProject({
      'project.conf': lines('name: test', 'min-version: 2.0', 'aliases:', `  debian: ${nginx.url}/files/missing/`, 'mirrors:', '- name: local', '  aliases:', '    debian:', `    - ${nginx.url}/files/debian/`),
      'element.bst': lines('kind: import', 'sources:', '- kind: deb', ...setLines(['fallback-editor'], ['  ref:', ...refYaml(tracked.ref.ref)])),
    });
    const staged = await fetchAndStageWith(debSourceKind(machine()), await sourceOf(pinned));
    expect(listTree(staged)).toContain('usr/bin/editor');
    const filename = archive.get('fallback-editor').filename;
    expect(nginx.hits(`/files/debian/${filename}`)).toBeGreaterThanOrEqual(1);
    expect(nginx.hits(`/files/missing/${filename}`)).toBe(0);
  });
});

async function fetchAndStageWith(kind: ReturnType<typeof debSourceKind>, source: Awaited<ReturnType<typeof sourceOf>>): Promise<string> {
  const context = contextFor();
  await kind.fetch!(source.view, context);
  const staged = temporaryDirectory('cairn-stage-');
  await kind.stage!(source.view, staged, context);
  return staged;
}

describe('one .deb', () => {
  it('is fetched by its sha256 and staged, with its file list named from its control file', async () => {
    const app = archive.get('app');
    const source = await sourceOf(debProject([`  url: debian:${app.filename}`, `  ref: ${app.sha256}`]));
    expect(source.plugin.kind).toBe('deb');
    expect(source.plugin.uniqueKey(source.view)).toBe(app.sha256);
    const context = contextFor();
    const staged = await fetchAndStage(source, context);
    expect(listTree(staged)).toEqual([
      'usr/',
      'usr/bin/',
      'usr/bin/app',
      'usr/bin/app-link -> app',
      'usr/share/',
      'usr/share/doc/',
      'usr/share/doc/app/',
      'usr/share/doc/app/README',
      'var/',
      'var/lib/',
      'var/lib/cairn-deb/',
      'var/lib/cairn-deb/app.list',
    ]);
  });

  it('a package whose data would leave the staging directory is refused, naming the member', async () => {
    const control = rawTar([{ path: './control', body: 'Package: sneaky\nVersion: 1.0\nArchitecture: all\n' }]);
    const data = rawTar([{ path: './usr/', type: 'Directory' }, { path: './usr/../../escaped', body: 'out\n' }]);
    const file = path.join(nginx.files, 'sneaky.deb');
    fs.writeFileSync(file, rawAr([{ name: 'debian-binary', body: Buffer.from('2.0\n') }, { name: 'control.tar', body: control }, { name: 'data.tar', body: data }]));
    const source = await sourceOf(debProject(['  url: debian:../sneaky.deb', `  ref: ${sha256Of(file)}`]));
    const error = await errorOf(() => fetchAndStage(source, contextFor()));
    expect(error.reason).toBe('unsafe-archive');
    expect(error.message).toBe("tar member './usr/../../escaped' has a '..' component and could escape the staging directory");
  });

  it('a file that is not a Debian package is an error, not a crash', async () => {
    const file = path.join(nginx.files, 'not-a-deb.deb');
    fs.writeFileSync(file, 'just text\n');
    const source = await sourceOf(debProject(['  url: debian:../not-a-deb.deb', `  ref: ${sha256Of(file)}`]));
    const error = await errorOf(() => fetchAndStage(source, contextFor()));
    expect(error.message).toBe('debian:../not-a-deb.deb is not a Debian package (no ar header)');
  });

  it('a wrong ref is a checksum error at the ref', async () => {
    const app = archive.get('app');
    const project = debProject([`  url: debian:${app.filename}`, `  ref: ${'0'.repeat(64)}`]);
    const source = await sourceOf(project);
    const error = await errorOf(() => source.plugin.fetch!(source.view, contextFor()));
    expect(error.reason).toBe('checksum-mismatch');
    expect(whereOf(error)).toBe('element.bst:5:8');
  });

  it('a source with neither url nor suite says what it needs, when the project loads', async () => {
    const error = await errorOf(() => sourceOf(debProject(['  ref: abc'])));
    expect(error.message).toBe("a deb source needs 'url' (one package) or 'suite' and 'packages' (a package set)");
    expect(whereOf(error)).toBe('element.bst:3:9');
  });
});
