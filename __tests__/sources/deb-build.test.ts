// A Debian package set built end to end: an import element whose deb source is tracked against
// a local archive (reached through a project alias), then fetched, staged and cached by the real
// build session; the artifact holds every package's files.

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { lookupArtifact } from '../../src/engine/artifact-state.js';
import { TestCache, writeBuildProject, type BuildRun } from '../helpers/build-project.js';
import { removeProjects } from '../helpers/fixture-project.js';
import { removeTemporaries } from './archives.js';
import { SAMPLE_SUITE, refYaml, writeArchive, type BuiltArchive } from './deb-archive.js';
import { startNginx, type Nginx } from './servers.js';
import { contextFor, sourceOf } from './source-fixture.js';

let nginx: Nginx;
let archive: BuiltArchive;
const cache = new TestCache();

beforeAll(async () => {
  nginx = await startNginx();
  archive = writeArchive(path.join(nginx.files, 'debian'), SAMPLE_SUITE);
}, 120_000);

afterAll(async () => {
  cache.remove();
  await nginx.stop();
  removeProjects();
  removeTemporaries();
});

/** The files of an element's artifact as { path: contents, '-> target' or '<dir>' }. */
function artifactFiles(run: BuildRun, name: string): Record<string, string> {
  const record = lookupArtifact(cache.cache, run.graph.keyed(run.graph.lookup(name)), true, false);
  if (!record?.files) throw new Error(`${name} is not cached`);
  const out: Record<string, string> = {};
  const store = cache.cache.store;
  const walk = (hash: string, prefix: string): void => {
    for (const child of store.readDirectory(hash)) {
      const where = `${prefix}/${child.name}`;
      if (child.kind === 'directory') {
        out[where] = '<dir>';
        walk(child.digest.hash, where);
      } else if (child.kind === 'symlink') out[where] = `-> ${child.target}`;
      else out[where] = store.readBytes(child.digest.hash).toString('utf8') + (child.isExecutable ? ' (x)' : '');
    }
  };
  walk(record.files.hash, '');
  return out;
}

const element = (ref: readonly string[]): string =>
  ['kind: import', 'sources:', '- kind: deb', "  url: 'debian:'", `  suite: ${SAMPLE_SUITE.suite}`, '  architecture: amd64', '  packages: [tool, fallback-editor]', ...ref, ''].join('\n');

describe('building a Debian package set', () => {
  it('an import element with a tracked deb source holds the files of every package of the closure', async () => {
    const projectConf = `aliases:\n  debian: ${nginx.url}/files/debian/\n`;
    const unpinned = writeBuildProject({ 'elements/debian.bst': element([]) }, projectConf);
    const source = await sourceOf(unpinned, 'debian.bst');
    const tracked = await source.plugin.track!(source.view, contextFor());
    const project = writeBuildProject({ 'elements/debian.bst': element(['  ref:', ...refYaml(tracked?.ref)]) }, projectConf);

    const run = await cache.build(project, ['debian.bst']);
    expect(run.summary.failed).toEqual([]);
    expect(run.builtNow).toEqual(['debian.bst']);
    for (const name of ['tool', 'fallback-editor']) expect(nginx.hits(`/files/debian/${archive.get(name).filename}`)).toBe(1);
    expect(artifactFiles(run, 'debian.bst')).toEqual({
      '/etc': '<dir>',
      '/etc/shared.conf': 'from tool\n',
      '/usr': '<dir>',
      '/usr/bin': '<dir>',
      '/usr/bin/editor': '#!/bin/sh\n (x)',
      '/usr/bin/tool': '#!/bin/sh\n (x)',
      '/usr/lib': '<dir>',
      '/usr/lib/libfoo.so.3': 'foo 3.0\n',
      '/var': '<dir>',
      '/var/lib': '<dir>',
      '/var/lib/cairn-deb': '<dir>',
      '/var/lib/cairn-deb/fallback-editor.list': '/.\n/usr\n/usr/bin\n/usr/bin/editor\n',
      '/var/lib/cairn-deb/libfoo.list': '/.\n/usr\n/usr/lib\n/usr/lib/libfoo.so.3\n',
      '/var/lib/cairn-deb/tool.list': '/.\n/etc\n/etc/shared.conf\n/usr\n/usr/bin\n/usr/bin/tool\n',
    });
  });
});
