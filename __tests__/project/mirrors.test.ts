// Mirrors: project.conf `mirrors:` and the user's `projects: <name>: mirrors:` reach every
// source, the user's first, and a malformed mirror is an error at its line.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { readUserConfig } from '../../src/engine/user-config.js';
import { loadError, loadOne, removeProjects, writeProject, lines } from '../helpers/fixture-project.js';

afterAll(removeProjects);

const ELEMENT = lines('kind: import', 'sources:', '- kind: remote', '  url: upstream:file.txt', `  ref: ${'a'.repeat(64)}`);

describe('mirrors', () => {
  it("project mirrors reach the source views in the order they are written", async () => {
    const dir = writeProject({
      'project.conf': lines(
        'name: test',
        'min-version: 2.0',
        'aliases:',
        '  upstream: https://upstream.invalid/',
        'mirrors:',
        '- name: first',
        '  aliases:',
        '    upstream: [https://one.invalid/, https://two.invalid/]',
        '- name: second',
        '  aliases:',
        '    upstream: [https://three.invalid/]',
      ),
      'x.bst': ELEMENT,
    });
    const element = await loadOne(dir, 'x.bst');
    const mirrors = element.composed.sources[0]!.view.mirrors;
    expect(mirrors.map((m) => [m.name, m.aliases.get('upstream')])).toEqual([
      ['first', ['https://one.invalid/', 'https://two.invalid/']],
      ['second', ['https://three.invalid/']],
    ]);
  });

  it("the user's mirrors for a project come before the project's own", async () => {
    const dir = writeProject({
      'project.conf': lines('name: test', 'min-version: 2.0', 'aliases:', '  upstream: https://upstream.invalid/', 'mirrors:', '- name: project', '  aliases:', '    upstream: [https://project.invalid/]'),
      'x.bst': ELEMENT,
    });
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-user-'));
    const file = path.join(home, 'cairn.conf');
    fs.writeFileSync(file, lines('projects:', '  test:', '    mirrors:', '    - name: local', '      aliases:', '        upstream: [file:///srv/mirror/]'));
    const config = readUserConfig({ file, env: { HOME: home } });
    const element = await loadOne(dir, 'x.bst', { userMirrors: config.mirrors });
    expect(element.composed.sources[0]!.view.mirrors.map((m) => m.name)).toEqual(['local', 'project']);
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('a mirror without aliases is an error at its line', async () => {
    const dir = writeProject({
      'project.conf': lines('name: test', 'min-version: 2.0', 'mirrors:', '- name: broken'),
      'x.bst': ELEMENT,
    });
    const error = await loadError(dir, ['x.bst']);
    expect(error.describe()).toMatch(/project\.conf:4:3: mirror 'broken' has no aliases/);
  });
});
