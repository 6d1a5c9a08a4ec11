// project.conf as BuildStream 2 documents it: the required keys, validation with positions,
// `(@)` includes and `(?)` conditionals, and the built-in defaults every element inherits.

import { lines, load, loadError, loadOne, removeProjects, whereOf, writeProject } from '../helpers/fixture-project.js';

afterAll(removeProjects);

const ELEMENT = { 'hello.bst': 'kind: manual\n' };

describe('project.conf name', () => {
  it('a project.conf without a name is refused', async () => {
    const dir = writeProject({ 'project.conf': lines('min-version: 2.0', 'element-path: .'), ...ELEMENT });
    const error = await loadError(dir, ['hello.bst']);
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("project.conf has no 'name'");
    expect(whereOf(error)).toBe('project.conf:1:1');
  });

  it('a project name may not start with a digit', async () => {
    const dir = writeProject({ 'project.conf': lines('name: 1project', 'min-version: 2.0'), ...ELEMENT });
    const error = await loadError(dir, ['hello.bst']);
    expect(error.reason).toBe('invalid-symbol-name');
    expect(error.message).toBe("project name '1project' may hold only letters, digits, '_' and '-', and may not start with a digit");
    expect(whereOf(error)).toBe('project.conf:1:7');
  });
});

describe('project.conf min-version', () => {
  it('a project.conf without min-version is refused', async () => {
    const dir = writeProject({ 'project.conf': lines('name: test'), ...ELEMENT });
    const error = await loadError(dir, ['hello.bst']);
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("project.conf has no 'min-version'");
    expect(error.hint).toBe("add 'min-version: 2.0'");
    expect(whereOf(error)).toBe('project.conf:1:1');
  });

  it('a BuildStream 1 project (format-version, no min-version) is told it is a BuildStream 1 project', async () => {
    const dir = writeProject({ 'project.conf': lines('name: test', 'format-version: 18'), ...ELEMENT });
    const error = await loadError(dir, ['hello.bst']);
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("project.conf has no 'min-version'");
    expect(error.hint).toMatch(/BuildStream 1 project/);
    expect(whereOf(error)).toBe('project.conf:1:1');
  });

  it('a project that needs BuildStream 3 is unsupported', async () => {
    const dir = writeProject({ 'project.conf': lines('name: test', 'min-version: 3.0'), ...ELEMENT });
    const error = await loadError(dir, ['hello.bst']);
    expect(error.reason).toBe('unsupported-project');
    expect(error.message).toBe('project needs BuildStream 3; Cairn reads the BuildStream 2 format');
    expect(whereOf(error)).toBe('project.conf:2:14');
  });

  it('a project that needs a newer BuildStream 2 minor version is unsupported', async () => {
    const dir = writeProject({ 'project.conf': lines('name: test', 'min-version: 2.99'), ...ELEMENT });
    const error = await loadError(dir, ['hello.bst']);
    expect(error.reason).toBe('unsupported-project');
    expect(error.message).toBe('project needs format 2.99; Cairn supports up to 2.8');
    expect(whereOf(error)).toBe('project.conf:2:14');
  });

  it('a project for BuildStream 2.0 loads', async () => {
    const dir = writeProject({ ...ELEMENT });
    const graph = await load(dir, ['hello.bst']);
    expect(graph.project.name).toBe('test');
  });
});

describe('project.conf keys', () => {
  it('an unknown top-level key is an error at the key', async () => {
    const dir = writeProject({ 'project.conf': lines('name: test', 'min-version: 2.0', '', 'frobnicate: yes'), ...ELEMENT });
    const error = await loadError(dir, ['hello.bst']);
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("unexpected key 'frobnicate' in project.conf");
    expect(whereOf(error)).toBe('project.conf:4:1');
  });

  it('an element-path that does not exist is an error at its value', async () => {
    const dir = writeProject({ 'project.conf': lines('name: test', 'min-version: 2.0', 'element-path: elements'), ...ELEMENT });
    const error = await loadError(dir, ['hello.bst']);
    expect(error.reason).toBe('missing-file');
    expect(error.message).toBe("element-path 'elements' does not exist");
    expect(whereOf(error)).toBe('project.conf:3:15');
  });

  it('elements are found under the element-path', async () => {
    const dir = writeProject({
      'project.conf': lines('name: test', 'min-version: 2.0', 'element-path: elements'),
      'elements/hello.bst': 'kind: manual\n',
    });
    const hello = await loadOne(dir, 'hello.bst');
    expect(hello.loaded.fullName).toBe('hello.bst');
  });

  it('ref-storage must be inline or project.refs', async () => {
    const dir = writeProject({ 'project.conf': lines('name: test', 'min-version: 2.0', 'ref-storage: git-notes'), ...ELEMENT });
    const error = await loadError(dir, ['hello.bst']);
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("ref-storage 'git-notes' is not 'inline' or 'project.refs'");
    expect(whereOf(error)).toBe('project.conf:3:14');
  });

  it('a conditional may not set the project name', async () => {
    const dir = writeProject({
      'project.conf': lines(
        'name: test',
        'min-version: 2.0',
        'options:',
        '  debug:',
        '    type: bool',
        '    description: Debug build',
        '    default: False',
        '(?):',
        '- debug:',
        '    name: other',
      ),
      ...ELEMENT,
    });
    const error = await loadError(dir, ['hello.bst']);
    expect(error.reason).toBe('illegal-composite');
    expect(error.message).toBe("'name' cannot be set by a conditional");
    expect(whereOf(error)).toBe('project.conf:10:5');
  });
});

describe('project.conf includes', () => {
  it('an included file adds variables, and project.conf wins over it', async () => {
    const dir = writeProject({
      'project.conf': lines('name: test', 'min-version: 2.0', '(@): common.yml', 'variables:', '  flavour: mine'),
      'common.yml': lines('variables:', '  flavour: common', '  colour: blue'),
      ...ELEMENT,
    });
    const hello = await loadOne(dir, 'hello.bst');
    expect(hello.composed.variables.get('flavour')).toBe('mine');
    expect(hello.composed.variables.get('colour')).toBe('blue');
  });

  it('of several included files, a later one wins over an earlier one', async () => {
    const dir = writeProject({
      'project.conf': lines('name: test', 'min-version: 2.0', '(@):', '- first.yml', '- second.yml'),
      'first.yml': lines('variables:', '  colour: red', '  shape: round'),
      'second.yml': lines('variables:', '  colour: green'),
      ...ELEMENT,
    });
    const hello = await loadOne(dir, 'hello.bst');
    expect(hello.composed.variables.get('colour')).toBe('green');
    expect(hello.composed.variables.get('shape')).toBe('round');
  });

  it('a file that includes itself through another names the include and where it is written', async () => {
    const dir = writeProject({
      'project.conf': lines('name: test', 'min-version: 2.0', '(@): a.yml'),
      'a.yml': lines('variables:', '  a: 1', '(@): b.yml'),
      'b.yml': lines('variables:', '  b: 2', '(@): a.yml'),
      ...ELEMENT,
    });
    const error = await loadError(dir, ['hello.bst']);
    expect(error.reason).toBe('recursive-include');
    expect(error.message).toMatch(/^'a\.yml' includes itself/);
    expect(whereOf(error)).toBe('b.yml:3:6');
  });

  it('including a missing file is an error at the (@) line', async () => {
    const dir = writeProject({
      'project.conf': lines('name: test', 'min-version: 2.0', '', '(@): missing.yml'),
      ...ELEMENT,
    });
    const error = await loadError(dir, ['hello.bst']);
    expect(error.reason).toBe('missing-file');
    expect(error.message).toBe('cannot read missing.yml: no such file');
    expect(whereOf(error)).toBe('project.conf:4:6');
  });
});

describe('project.conf includes and options', () => {
  it('conditionals in included files are resolved with the project\'s options', async () => {
    const dir = writeProject({
      'project.conf': lines(
        'name: test',
        'min-version: 2.0',
        'options:',
        '  build_arch:',
        '    type: enum',
        '    description: Architecture',
        '    values: [i586, x86_64]',
        '    default: x86_64',
        '(@): sizes.yml',
      ),
      'sizes.yml': lines('variables:', '  (?):', '  - build_arch == "i586":', '      size: "4"', '  - build_arch == "x86_64":', '      size: "8"'),
      ...ELEMENT,
    });
    expect((await loadOne(dir, 'hello.bst')).composed.variables.get('size')).toBe('8');
    expect((await loadOne(dir, 'hello.bst', { cliOptions: [['build_arch', 'i586']] })).composed.variables.get('size')).toBe('4');
  });

  it('options may be declared in an included file (BuildStream\'s conditional-conflicts-complex)', async () => {
    const dir = writeProject({
      'project.conf': lines('name: test', 'min-version: 2.0', '', '(@):', '- extra_conf.yml', '- work_around.yml', '- options.yml'),
      'options.yml': lines('', 'options:', '  build_arch:', '    type: arch', '    description: Architecture', '    variable: build_arch', '    values:', '      - i586', '      - x86_64'),
      'extra_conf.yml': lines('(?):', '- build_arch == "i586":', '    (@): extra_conf_i586.yml', '- build_arch == "x86_64":', '    (@): extra_conf_x86_64.yml'),
      'extra_conf_i586.yml': lines('variables:', '  (?):', '  - build_arch == "i586":', '      size: 4'),
      'extra_conf_x86_64.yml': lines('variables:', '  (?):', '  - build_arch == "x86_64":', '      size: 8'),
      'work_around.yml': lines('(?):', '- build_arch == "i586":', '    (@): enable_work_around.yml'),
      'enable_work_around.yml': lines('variables:', '  enable-work-around: "false"', '  (?):', '  - build_arch == "i586":', '      enable-work-around: "true"'),
      'element.bst': 'kind: manual\n',
    });
    const element = await loadOne(dir, 'element.bst', { cliOptions: [['build_arch', 'i586']] });
    expect(element.composed.variables.get('enable-work-around')).toBe('true');
    expect(element.composed.variables.get('size')).toBe('4');
  });

  it('plugins: in an included file is refused: only project.conf may declare plugins', async () => {
    const dir = writeProject({
      'project.conf': lines('name: test', 'min-version: 2.0', '(@): plugins.yml'),
      'plugins.yml': lines('plugins:', '- origin: pip', '  package-name: buildstream-plugins', '  elements: [autotools]'),
      ...ELEMENT,
    });
    const error = await loadError(dir, ['hello.bst']);
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toMatch(/plugins/);
    expect(whereOf(error)).toBe('plugins.yml:1:1');
  });
});

describe('project.conf environment and aliases', () => {
  it('elements get BuildStream 2\'s default environment', async () => {
    const dir = writeProject({ ...ELEMENT });
    const hello = await loadOne(dir, 'hello.bst');
    const environment = hello.composed.environment;
    const value = (name: string): string | undefined => {
      const node = environment.get(name);
      return node?.kind === 'scalar' ? node.value : undefined;
    };
    expect(value('TERM')).toBe('dumb');
    expect(value('USER')).toBe('tomjon');
    expect(value('SOURCE_DATE_EPOCH')).toBe('1321009871');
    expect(value('PATH')).toBe('/usr/bin:/bin:/usr/sbin:/sbin');
    expect(value('LC_ALL')).toBe('C');
  });

  it('project.conf can override one default environment variable and keep the others', async () => {
    const dir = writeProject({
      'project.conf': lines('name: test', 'min-version: 2.0', 'environment:', '  PATH: /opt/bin:/usr/bin'),
      ...ELEMENT,
    });
    const hello = await loadOne(dir, 'hello.bst');
    const path = hello.composed.environment.get('PATH');
    const term = hello.composed.environment.get('TERM');
    expect(path?.kind === 'scalar' ? path.value : undefined).toBe('/opt/bin:/usr/bin');
    expect(term?.kind === 'scalar' ? term.value : undefined).toBe('dumb');
  });

  it('an alias keeps the URL prefix it is given', async () => {
    const dir = writeProject({
      'project.conf': lines('name: test', 'min-version: 2.0', 'aliases:', '  upstream: https://example.com/releases/'),
      ...ELEMENT,
    });
    const graph = await load(dir, ['hello.bst']);
    expect(graph.project.aliases.get('upstream')).toBe('https://example.com/releases/');
  });
});
