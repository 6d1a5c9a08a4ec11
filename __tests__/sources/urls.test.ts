// Source URLs as BuildStream reads them: `alias:path` is the project's alias prefix followed by
// the path; URLs with a real scheme are left alone; an alias the project does not define is an
// error at the `url:` line.

import { SYNTHETIC } from '../../src/format/node.js';
import { aliasOf, translateUrl } from '../../src/sources/urls.js';
import { errorOf, lines, removeProjects, whereOf, writeProject } from '../helpers/fixture-project.js';
import { removeTemporaries } from './archives.js';
import { contextFor, sourceOf } from './source-fixture.js';

afterAll(() => {
  removeProjects();
  removeTemporaries();
});

const ALIASES = new Map([
  ['gnu', 'https://ftp.gnu.org/gnu/'],
  ['github', 'https://github.com/'],
]);

describe('alias translation', () => {
  it("an aliased URL is the alias's prefix followed by the rest, joined as written", () => {
    expect(translateUrl('gnu:hello/hello-2.12.tar.gz', ALIASES, SYNTHETIC)).toBe('https://ftp.gnu.org/gnu/hello/hello-2.12.tar.gz');
    expect(translateUrl('github:owner/repo/archive/v1.tar.gz', ALIASES, SYNTHETIC)).toBe('https://github.com/owner/repo/archive/v1.tar.gz');
  });

  it.each(['https://example.com/a.tar.gz', 'HTTP://example.com/a', 'http://example.com/a', 'ftp://example.com/a', 'file:///srv/a.tar', 'git://example.com/r.git', 'ssh://example.com/r', 'sftp://example.com/a'])(
    '%s has a scheme, not an alias, and is left alone',
    (url) => {
      expect(aliasOf(url)).toBeUndefined();
      expect(translateUrl(url, new Map(), SYNTHETIC)).toBe(url);
    },
  );

  it('an unknown alias is an invalid-data error with a hint naming the defined aliases', async () => {
    const at = { file: 'element.bst', line: 4, column: 8 };
    const error = await errorOf(() => translateUrl('gnome:glib.tar.xz', ALIASES, at));
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("invalid alias 'gnome' in URL 'gnome:glib.tar.xz'");
    expect(error.hint).toBe('defined aliases: github, gnu');
    expect(error.provenance).toEqual(at);
  });

  it("fetching a source with an alias the project does not define fails at the source's url line", async () => {
    const project = writeProject({
      'project.conf': lines('name: test', 'min-version: 2.0'),
      'element.bst': lines('kind: import', 'sources:', '- kind: tar', '  url: upstream:pkg-1.0.tar.gz', `  ref: ${'a'.repeat(64)}`),
    });
    const source = await sourceOf(project);
    const error = await errorOf(() => source.plugin.fetch!(source.view, contextFor()));
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("invalid alias 'upstream' in URL 'upstream:pkg-1.0.tar.gz'");
    expect(error.hint).toBe("define 'upstream' under 'aliases:' in project.conf");
    expect(whereOf(error)).toBe('element.bst:4:8');
  });

  it('the key keeps the URL as written, so alias targets never change it', async () => {
    const element = lines('kind: import', 'sources:', '- kind: tar', '  url: upstream:pkg-1.0.tar.gz', `  ref: ${'a'.repeat(64)}`);
    const one = writeProject({ 'project.conf': lines('name: test', 'min-version: 2.0', 'aliases:', '  upstream: https://one.example/'), 'element.bst': element });
    const two = writeProject({ 'project.conf': lines('name: test', 'min-version: 2.0', 'aliases:', '  upstream: https://two.example/'), 'element.bst': element });
    const keyOf = async (dir: string): Promise<unknown> => {
      const source = await sourceOf(dir);
      return source.plugin.uniqueKey(source.view);
    };
    expect(await keyOf(one)).toEqual(['upstream:pkg-1.0.tar.gz', 'a'.repeat(64), '*']);
    expect(await keyOf(two)).toEqual(await keyOf(one));
  });
});
