// Loading element files as BuildStream 2 documents it: names and files, the keys an element
// may hold, its kind, its variables (with `-o` options and conditionals), and max-jobs.

import { renderShow, selectElements } from '../../src/cli/commands/show-render.js';
import { loadPipeline } from '../../src/engine/pipeline.js';
import { errorOf, lines, load, loadError, loadOne, removeProjects, whereOf, writeProject } from '../helpers/fixture-project.js';

afterAll(removeProjects);

describe('element files', () => {
  it('a dependency on a missing file is an error at the dependency', async () => {
    const dir = writeProject({
      'target.bst': lines('kind: stack', 'depends:', '- present.bst', '- missing.bst'),
      'present.bst': 'kind: stack\n',
    });
    const error = await loadError(dir, ['target.bst']);
    expect(error.reason).toBe('missing-file');
    expect(error.message).toBe("cannot load element 'missing.bst' from missing.bst: no such file");
    expect(whereOf(error)).toBe('target.bst:4:3');
  });

  it('a missing element under an element-path names the file under it', async () => {
    const dir = writeProject({
      'project.conf': lines('name: test', 'min-version: 2.0', 'element-path: elements'),
      'elements/target.bst': lines('kind: stack', 'depends:', '- base/missing.bst'),
    });
    const error = await loadError(dir, ['target.bst']);
    expect(error.reason).toBe('missing-file');
    expect(error.message).toBe("cannot load element 'base/missing.bst' from elements/base/missing.bst: no such file");
    expect(whereOf(error)).toBe('elements/target.bst:3:3');
  });

  it('an element name must end in .bst', async () => {
    const dir = writeProject({ 'target.bst': lines('kind: stack', 'depends:', '- foo.txt') });
    const error = await loadError(dir, ['target.bst']);
    expect(error.reason).toBe('bad-element-suffix');
    expect(error.message).toBe("element 'foo.txt' does not end in '.bst'");
    expect(whereOf(error)).toBe('target.bst:3:3');
  });

  it('an element name may not hold < > " | ? *', async () => {
    const dir = writeProject({ 'target.bst': lines('kind: stack', 'depends:', '- a<b.bst') });
    const error = await loadError(dir, ['target.bst']);
    expect(error.reason).toBe('bad-characters-in-name');
    expect(error.message).toBe('element \'a<b.bst\' has an invalid character "<"');
    expect(whereOf(error)).toBe('target.bst:3:3');
  });

  it('./a.bst and a.bst name the same element', async () => {
    const dir = writeProject({
      'target.bst': lines('kind: stack', 'depends:', '- ./a.bst', '- b.bst'),
      'b.bst': lines('kind: stack', 'depends:', '- a.bst'),
      'a.bst': 'kind: stack\n',
    });
    const graph = await load(dir, ['./target.bst']);
    expect(graph.targets[0]!.fullName).toBe('target.bst');
    expect(graph.scope('all').map((e) => e.fullName)).toEqual(['a.bst', 'b.bst', 'target.bst']);
    const [viaDot, viaB] = [graph.targets[0]!.dependencies.find((d) => d.path === './a.bst')!, graph.lookup('b.bst').dependencies[0]!];
    expect(viaDot.element).toBe(viaB.element);
  });
});

describe('element keys and kind', () => {
  it('an element without a kind is refused', async () => {
    const dir = writeProject({ 'target.bst': lines('description: nothing to see') });
    const error = await loadError(dir, ['target.bst']);
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("element 'target.bst' has no 'kind'");
    expect(whereOf(error)).toBe('target.bst:1:1');
  });

  it('an unknown key in an element is an error at the key', async () => {
    const dir = writeProject({ 'target.bst': lines('kind: manual', '', 'dependencies:', '- a.bst') });
    const error = await loadError(dir, ['target.bst']);
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("unexpected key 'dependencies' in element 'target.bst'");
    expect(whereOf(error)).toBe('target.bst:3:1');
  });

  it('an unknown kind is an error at kind:, listing the kinds there are', async () => {
    const dir = writeProject({ 'target.bst': lines('description: a kind nobody has', 'kind: frobnicate') });
    const error = await loadError(dir, ['target.bst']);
    expect(error.reason).toBe('unsupported-plugin');
    expect(error.message).toBe("no element kind 'frobnicate'");
    expect(whereOf(error)).toBe('target.bst:2:7');
    expect(error.hint).toMatch(/^known kinds: .*\bautotools\b.*\bimport\b.*\bmanual\b.*\bstack\b/);
  });
});

describe('element validation without keys', () => {
  it('an unknown kind is reported even when only names are shown', async () => {
    const dir = writeProject({ 'target.bst': lines('kind: frobnicate') });
    const error = await errorOf(async () => {
      const graph = await loadPipeline({ directory: dir, targets: ['target.bst'] });
      return renderShow(graph, selectElements(graph, 'all', []), '%{name}');
    });
    expect(error.reason).toBe('unsupported-plugin');
    expect(error.message).toBe("no element kind 'frobnicate'");
    expect(whereOf(error)).toBe('target.bst:1:7');
  });
});

describe('element variables', () => {
  it('an element that overrides prefix moves bindir with it', async () => {
    const dir = writeProject({ 'target.bst': lines('kind: manual', 'variables:', '  prefix: /opt') });
    const target = await loadOne(dir, 'target.bst');
    expect(target.composed.variables.get('bindir')).toBe('/opt/bin');
    expect(target.composed.variables.get('libdir')).toBe('/opt/lib');
    expect(target.composed.variables.get('sysconfdir')).toBe('/etc');
  });

  it('an element gets its own name, the project name and the build root', async () => {
    const dir = writeProject({ 'base/hello.bst': 'kind: manual\n' });
    const hello = await loadOne(dir, 'base/hello.bst');
    expect(hello.composed.variables.get('element-name')).toBe('base/hello.bst');
    expect(hello.composed.variables.get('project-name')).toBe('test');
    expect(hello.composed.variables.get('build-root')).toBe('/buildstream/test/base/hello.bst');
  });

  it('a reference to an undefined variable is an error where it is written', async () => {
    const dir = writeProject({
      'target.bst': lines('kind: manual', 'variables:', '  greeting: hello', '  flags: "-O2 %{optimise}"'),
    });
    const error = await loadError(dir, ['target.bst']);
    expect(error.reason).toBe('unresolved-variable');
    expect(error.message).toBe("reference to undefined variable 'optimise' in variable 'flags'");
    expect(whereOf(error)).toBe('target.bst:4:10');
  });

  it('an element may not redefine element-name', async () => {
    const dir = writeProject({ 'target.bst': lines('kind: manual', 'variables:', '  prefix: /usr', '  element-name: other.bst') });
    const error = await loadError(dir, ['target.bst']);
    expect(error.reason).toBe('protected-variable');
    expect(error.message).toBe("invalid redefinition of protected variable 'element-name'");
    expect(whereOf(error)).toBe('target.bst:4:3');
  });
});

describe('element includes', () => {
  it('an element includes a file of the project, and its own values win', async () => {
    const dir = writeProject({
      'include/common.yml': lines('variables:', '  colour: blue', '  shape: round'),
      'target.bst': lines('kind: manual', '(@): include/common.yml', 'variables:', '  colour: red'),
    });
    const target = await loadOne(dir, 'target.bst');
    expect(target.composed.variables.get('colour')).toBe('red');
    expect(target.composed.variables.get('shape')).toBe('round');
  });

  it('including a missing file from an element is an error at the (@) line', async () => {
    const dir = writeProject({ 'target.bst': lines('kind: manual', '', '(@): include/missing.yml') });
    const error = await loadError(dir, ['target.bst']);
    expect(error.reason).toBe('missing-file');
    expect(error.message).toBe('cannot read include/missing.yml: no such file');
    expect(whereOf(error)).toBe('target.bst:3:6');
  });

  it('conditionals in a file an element includes are resolved (BuildStream\'s conditional-conflicts-element)', async () => {
    const dir = writeProject({
      'project.conf': lines(
        'name: test',
        'min-version: 2.0',
        '',
        'options:',
        '  build_arch:',
        '    type: arch',
        '    description: Architecture',
        '    variable: build_arch',
        '    values:',
        '      - i586',
        '      - x86_64',
      ),
      'work_around.yml': lines('variables:', '  enable-work-around: "false"', '  (?):', '    - build_arch == "i586":', '        enable-work-around: "true"'),
      'extra_conf.yml': lines('variables:', '  (?):', '    - build_arch == "i586":', '        size: "4"', '    - build_arch == "x86_64":', '        size: "8"'),
      'element.bst': lines('kind: manual', '', '(@):', '  - extra_conf.yml', '  - work_around.yml'),
    });
    const element = await loadOne(dir, 'element.bst', { cliOptions: [['build_arch', 'i586']] });
    expect(element.composed.variables.get('enable-work-around')).toBe('true');
    expect(element.composed.variables.get('size')).toBe('4');
  });
});

describe('options on the command line', () => {
  const CONF = lines(
    'name: test',
    'min-version: 2.0',
    'options:',
    '  debug:',
    '    type: bool',
    '    description: Build with debugging information',
    '    default: False',
    '  machine:',
    '    type: enum',
    '    description: The machine to build for',
    '    values: [x86-64, aarch64]',
    '    default: x86-64',
  );
  const TARGET = lines(
    'kind: manual',
    'variables:',
    '  cflags: -O2',
    '  (?):',
    '  - debug:',
    '      cflags: -O0 -g',
  );

  it('a bool option set with -o turns on a conditional in an element', async () => {
    const dir = writeProject({ 'project.conf': CONF, 'target.bst': TARGET });
    const plain = await loadOne(dir, 'target.bst');
    expect(plain.composed.variables.get('cflags')).toBe('-O2');
    const debug = await loadOne(dir, 'target.bst', { cliOptions: [['debug', 'True']] });
    expect(debug.composed.variables.get('cflags')).toBe('-O0 -g');
  });

  it('an enum value that is not allowed is refused, listing the allowed values', async () => {
    const dir = writeProject({ 'project.conf': CONF, 'target.bst': TARGET });
    const error = await loadError(dir, ['target.bst'], { cliOptions: [['machine', 'sparc']] });
    expect(error.reason).toBe('invalid-option');
    expect(error.message).toBe("option 'machine' has no value 'sparc': choose one of x86-64, aarch64");
    // It was written on the command line, so there is no file position.
    expect(whereOf(error)).toBeUndefined();
  });

  it('an option the project does not declare is refused', async () => {
    const dir = writeProject({ 'project.conf': CONF, 'target.bst': TARGET });
    const error = await loadError(dir, ['target.bst'], { cliOptions: [['optimise', 'True']] });
    expect(error.reason).toBe('invalid-option');
    expect(error.message).toBe("unknown option 'optimise' on the command line: this project declares debug, machine");
    expect(whereOf(error)).toBeUndefined();
  });
});

describe('max-jobs', () => {
  it('the max-jobs variable is the number of jobs asked for', async () => {
    const dir = writeProject({ 'target.bst': 'kind: manual\n' });
    const target = await loadOne(dir, 'target.bst', { maxJobs: 3 });
    expect(target.composed.variables.get('max-jobs')).toBe('3');
  });

  it('an element that sets notparallel builds with max-jobs 1', async () => {
    const dir = writeProject({
      'serial.bst': lines('kind: manual', 'variables:', '  notparallel: True'),
      'parallel.bst': 'kind: manual\n',
    });
    const graph = await load(dir, ['serial.bst', 'parallel.bst'], { maxJobs: 6 });
    expect(graph.keyed(graph.lookup('serial.bst')).composed.variables.get('max-jobs')).toBe('1');
    expect(graph.keyed(graph.lookup('parallel.bst')).composed.variables.get('max-jobs')).toBe('6');
  });
});
