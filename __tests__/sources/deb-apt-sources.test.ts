// The machine's apt sources, which a deb package set without `url` falls back on: sources.list
// and sources.list.d in both formats, read from a configuration root the test writes.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { findAptArchive, parseDeb822Sources, parseOneLineSources, readAptSources } from '../../src/sources/debian/apt-sources.js';
import { lines } from '../helpers/fixture-project.js';
import { removeTemporaries, temporaryDirectory } from './archives.js';

afterAll(removeTemporaries);

/** A configuration root holding the given files under etc/apt. */
function aptRoot(files: Readonly<Record<string, string>>): string {
  const root = temporaryDirectory('cairn-apt-root-');
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(root, 'etc', 'apt', name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return root;
}

describe('reading apt sources', () => {
  it('the one-line format keeps deb and deb-src lines with their options and skips comments', () => {
    const sources = parseOneLineSources(
      lines(
        '# a comment line',
        'deb http://127.0.0.1:9/debian bookworm main contrib # trailing comment',
        'deb-src http://127.0.0.1:9/debian bookworm main',
        'deb [arch=amd64 signed-by=/etc/keys/local.gpg] http://127.0.0.1:9/local stable main',
        '',
        'not-a-type http://127.0.0.1:9/x y',
      ),
      'sources.list',
    );
    expect(sources.map((source) => [source.types, source.uris, source.suites, source.components, source.signedBy])).toEqual([
      [['deb'], ['http://127.0.0.1:9/debian'], ['bookworm'], ['main', 'contrib'], undefined],
      [['deb-src'], ['http://127.0.0.1:9/debian'], ['bookworm'], ['main'], undefined],
      [['deb'], ['http://127.0.0.1:9/local'], ['stable'], ['main'], '/etc/keys/local.gpg'],
    ]);
  });

  it('deb822 stanzas keep several suites, skip Enabled: no, and allow comments inside a stanza', () => {
    const sources = parseDeb822Sources(
      lines(
        'Types: deb',
        '# a comment inside the stanza',
        'URIs: http://127.0.0.1:9/debian',
        'Suites: bookworm bookworm-updates',
        'Components: main',
        'Signed-By: /usr/share/keyrings/some-keyring.gpg',
        '',
        'Enabled: no',
        'Types: deb',
        'URIs: http://127.0.0.1:9/disabled',
        'Suites: trixie',
        'Components: main',
        '',
        'Types: deb deb-src',
        'URIs: file:///srv/mirror/',
        'Suites: trixie',
        'Components: main non-free',
        'Signed-By:',
        ' -----BEGIN PGP PUBLIC KEY BLOCK-----',
        ' .',
        ' -----END PGP PUBLIC KEY BLOCK-----',
      ),
      'debian.sources',
    );
    expect(sources.map((source) => [source.types, source.uris, source.suites, source.components, source.signedBy])).toEqual([
      [['deb'], ['http://127.0.0.1:9/debian'], ['bookworm', 'bookworm-updates'], ['main'], '/usr/share/keyrings/some-keyring.gpg'],
      [['deb', 'deb-src'], ['file:///srv/mirror/'], ['trixie'], ['main', 'non-free'], undefined],
    ]);
  });

  it('sources.list comes first, then sources.list.d in name order; other file names are ignored', () => {
    const root = aptRoot({
      'sources.list': lines('deb-src http://127.0.0.1:9/src bookworm main', 'deb http://127.0.0.1:9/first-list sid main'),
      'sources.list.d/20-later.list': lines('deb http://127.0.0.1:9/later bookworm main'),
      'sources.list.d/10-earlier.sources': lines('Types: deb', 'URIs: http://127.0.0.1:9/earlier', 'Suites: bookworm-security', 'Components: main'),
      'sources.list.d/05-off.list.disabled': lines('deb http://127.0.0.1:9/off bookworm main'),
    });
    const sources = readAptSources(root);
    expect(sources.map((source) => [path.basename(source.file), source.uris[0]])).toEqual([
      ['sources.list', 'http://127.0.0.1:9/src'],
      ['sources.list', 'http://127.0.0.1:9/first-list'],
      ['10-earlier.sources', 'http://127.0.0.1:9/earlier'],
      ['20-later.list', 'http://127.0.0.1:9/later'],
    ]);
  });

  it('the archive for a suite is the first binary source whose Suites include it', () => {
    const root = aptRoot({
      'sources.list': lines('deb-src http://127.0.0.1:9/src bookworm main'),
      'sources.list.d/10-main.sources': lines('Types: deb', 'URIs: http://127.0.0.1:9/debian', 'Suites: bookworm bookworm-updates', 'Components: main', 'Signed-By: /etc/keys/debian.gpg'),
      'sources.list.d/20-other.list': lines('deb http://127.0.0.1:9/other bookworm main'),
    });
    const sources = readAptSources(root);
    expect(findAptArchive(sources, 'bookworm-updates')).toEqual({ url: 'http://127.0.0.1:9/debian/', signedBy: '/etc/keys/debian.gpg', file: path.join(root, 'etc/apt/sources.list.d/10-main.sources') });
    expect(findAptArchive(sources, 'sid')).toBeUndefined();
  });

  it('a machine without apt configuration has no sources', () => {
    expect(readAptSources(temporaryDirectory('cairn-apt-root-'))).toEqual([]);
  });
});
