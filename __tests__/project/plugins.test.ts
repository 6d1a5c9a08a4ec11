// project.conf `plugins:` as BuildStream 2 documents it: kinds from a pip package (Cairn's
// built-ins stand in for buildstream-plugins), from a junction, and from a local directory
// (JavaScript modules written against Cairn's plugin API; Python plugins are refused).

import { lines, load, loadError, loadOne, removeProjects, whereOf, writeProject } from '../helpers/fixture-project.js';

afterAll(removeProjects);

const BUILDSTREAM_PLUGINS = lines(
  'name: test',
  'min-version: 2.0',
  'plugins:',
  '- origin: pip',
  '  package-name: buildstream-plugins',
  '  elements: [autotools, cmake, make, meson]',
  '  sources: [git, patch]',
);

describe('plugins from pip', () => {
  it('a project using buildstream-plugins loads, and autotools elements get autotools variables', async () => {
    const dir = writeProject({ 'project.conf': BUILDSTREAM_PLUGINS, 'hello.bst': lines('kind: autotools', 'variables:', '  conf-local: --disable-nls') });
    const hello = await loadOne(dir, 'hello.bst');
    const confArgs = hello.composed.variables.get('conf-args')!;
    expect(confArgs).toContain('--prefix=/usr');
    expect(confArgs).toContain('--bindir=/usr/bin');
    expect(confArgs).toContain('--disable-nls');
    expect(hello.composed.variables.get('make-install')).toBe('make -j1  DESTDIR="/buildstream-install" install');
    expect(hello.keys?.strict).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a pip kind Cairn does not implement is an error naming the kind where it is listed', async () => {
    const dir = writeProject({
      'project.conf': lines(
        'name: test',
        'min-version: 2.0',
        'plugins:',
        '- origin: pip',
        '  package-name: buildstream-plugins-community',
        '  elements:',
        '  - make',
        '  - docker',
      ),
      'hello.bst': 'kind: manual\n',
    });
    const error = await loadError(dir, ['hello.bst']);
    expect(error.reason).toBe('unsupported-plugin');
    expect(error.message).toBe("element kind 'docker' from pip package 'buildstream-plugins-community' is not implemented by Cairn");
    expect(error.hint).toMatch(/^Cairn builds in: .*\bautotools\b/);
    expect(whereOf(error)).toBe('project.conf:8:5');
  });
});

describe('plugins from a junction', () => {
  it('built-in kinds declared as coming from a junction load without the junction', async () => {
    const dir = writeProject({
      'project.conf': lines(
        'name: test',
        'min-version: 2.0',
        'plugins:',
        '- origin: junction',
        '  junction: plugins.bst',
        '  elements: [make]',
        '  sources: [git]',
      ),
      'hello.bst': 'kind: make\n',
    });
    const hello = await loadOne(dir, 'hello.bst');
    expect(hello.composed.variables.get('make')).toBe('make PREFIX="/usr"');
  });
});

describe('plugins from a local directory', () => {
  /** A JavaScript element plugin whose unique key includes `salt`. */
  function mykind(salt: string): string {
    return lines(
      'export default {',
      "  kind: 'mykind',",
      "  defaults: 'variables:\\n  greeting: hello\\nconfig:\\n  words: \"%{greeting} world\"\\n',",
      "  defaultsFile: 'plugins/elements/mykind.yaml',",
      "  configKeys: ['words'],",
      '  artifactVersion: 0,',
      '  strictRebuild: false,',
      '  runsCommands() { return false; },',
      '  acceptsDependencyConfig: false,',
      '  validate() {},',
      '  uniqueKey(element) {',
      "    const words = element.config.get('words');",
      `    return { words: words ? words.value : null, salt: ${JSON.stringify(salt)} };`,
      '  },',
      '};',
    );
  }

  const LOCAL_CONF = lines(
    'name: test',
    'min-version: 2.0',
    'plugins:',
    '- origin: local',
    '  path: plugins/elements',
    '  elements:',
    '  - mykind',
  );

  function project(plugin: string, element = 'kind: mykind\n'): string {
    return writeProject({
      'project.conf': LOCAL_CONF,
      'plugins/elements/mykind.mjs': plugin,
      'hello.bst': element,
    });
  }

  it('a kind from a local JavaScript module is used for elements of that kind', async () => {
    const hello = await loadOne(project(mykind('one')), 'hello.bst');
    expect(hello.composed.plugin.kind).toBe('mykind');
    expect(hello.composed.variables.get('greeting')).toBe('hello');
    const words = hello.composed.config.get('words');
    expect(words?.kind === 'scalar' ? words.value : undefined).toBe('hello world');
    expect(hello.keys?.strict).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the local plugin\'s unique key enters the element\'s key', async () => {
    const one = await loadOne(project(mykind('one')), 'hello.bst');
    const same = await loadOne(project(mykind('one')), 'hello.bst');
    const two = await loadOne(project(mykind('two')), 'hello.bst');
    const other = await loadOne(project(mykind('one'), lines('kind: mykind', 'variables:', '  greeting: goodbye')), 'hello.bst');
    expect(same.keys!.strict).toBe(one.keys!.strict);
    expect(two.keys!.strict).not.toBe(one.keys!.strict);
    expect(other.keys!.strict).not.toBe(one.keys!.strict);
  });

  it('the local plugin\'s configKeys are enforced on the element\'s config', async () => {
    const dir = project(mykind('one'), lines('kind: mykind', 'config:', '  words: hi', '  volume: loud'));
    const error = await loadError(dir, ['hello.bst']);
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("unexpected key 'volume' in the config of a mykind element");
    expect(whereOf(error)).toBe('hello.bst:4:3');
  });

  it('a Python (BuildStream) plugin in the local directory is refused, saying it is Python', async () => {
    const dir = writeProject({
      'project.conf': LOCAL_CONF,
      'plugins/elements/mykind.py': lines('from buildstream import Element', '', 'def setup():', '    return Element'),
      'hello.bst': 'kind: mykind\n',
    });
    const error = await loadError(dir, ['hello.bst']);
    expect(error.reason).toBe('unsupported-plugin');
    expect(error.message).toBe("plugin 'mykind' is a Python (BuildStream) plugin; Cairn needs mykind.mjs");
    expect(whereOf(error)).toBe('project.conf:7:5');
  });

  it('a module that exports a plugin of another kind is refused', async () => {
    const dir = project(mykind('one').replace("kind: 'mykind'", "kind: 'otherkind'"));
    const error = await loadError(dir, ['hello.bst']);
    expect(error.reason).toBe('unsupported-plugin');
    expect(error.message).toMatch(/plugins\/elements\/mykind\.mjs does not export a plugin of kind 'mykind'$/);
    expect(whereOf(error)).toBe('project.conf:7:5');
  });

  it('a subproject\'s own local plugin serves the subproject\'s elements', async () => {
    const dir = writeProject({
      'junction.bst': lines('kind: junction', 'sources:', '- kind: local', '  path: sub'),
      'sub/project.conf': LOCAL_CONF.replace('name: test', 'name: sub'),
      'sub/plugins/elements/mykind.mjs': mykind('one'),
      'sub/hello.bst': 'kind: mykind\n',
    });
    const hello = await loadOne(dir, 'junction.bst:hello.bst');
    expect(hello.composed.plugin.kind).toBe('mykind');
  });
});

describe('kinds and plugins', () => {
  it('the build element kinds are known without a plugins: section', async () => {
    const dir = writeProject({ 'hello.bst': 'kind: cmake\n' });
    const graph = await load(dir, ['hello.bst']);
    expect(graph.keyed(graph.targets[0]!).composed.variables.get('generator')).toBe('Ninja');
  });
});
