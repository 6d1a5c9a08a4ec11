import { CairnError } from '../../src/format/errors.js';
import { MappingNode, toPlain } from '../../src/format/node.js';
import {
  assertNotProtected,
  BUILTIN_VARIABLES_YAML,
  isNotParallel,
  Variables,
} from '../../src/format/variables.js';
import { readYaml } from '../../src/format/yaml-reader.js';

/** The `variables:` mapping of a small YAML file, read as the loader reads it. */
function vars(text: string, file = 'project.conf'): MappingNode {
  const node = readYaml(text, file).get('variables');
  if (node?.kind !== 'mapping') throw new Error('fixture has no variables mapping');
  return node;
}

const builtins = (): MappingNode => vars(BUILTIN_VARIABLES_YAML, '[builtin]');
const here = { file: 'elements/hello.bst', line: 7, column: 5 };

function errorOf(fn: () => unknown): CairnError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CairnError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

function projectVariables(): Variables {
  return new Variables(builtins(), { 'project-name': 'demo', 'max-jobs': '4' });
}

describe('builtin defaults', () => {
  it('%{bindir} expands to /usr/bin', () => {
    expect(projectVariables().expand('%{bindir}', here)).toBe('/usr/bin');
  });

  it('%{build-root} names the project and the element', () => {
    const element = Variables.derive(projectVariables(), undefined, { 'element-name': 'base/foo.bst' });
    expect(element.expand('cd %{build-root}', here)).toBe('cd /buildstream/demo/base/foo.bst');
  });

  it('every builtin resolves to the value BuildStream documents', () => {
    const element = Variables.derive(projectVariables(), undefined, { 'element-name': 'x.bst' });
    expect(Object.fromEntries(element.resolved())).toEqual({
      prefix: '/usr',
      exec_prefix: '/usr',
      bindir: '/usr/bin',
      sbindir: '/usr/sbin',
      libexecdir: '/usr/libexec',
      datadir: '/usr/share',
      sysconfdir: '/etc',
      sharedstatedir: '/usr/com',
      localstatedir: '/var',
      lib: 'lib',
      libdir: '/usr/lib',
      debugdir: '/usr/lib/debug',
      includedir: '/usr/include',
      docdir: '/usr/share/doc',
      infodir: '/usr/share/info',
      mandir: '/usr/share/man',
      'build-root': '/buildstream/demo/x.bst',
      'conf-root': '.',
      'install-root': '/buildstream-install',
      'strip-binaries': '',
      'project-name': 'demo',
      'max-jobs': '4',
      'element-name': 'x.bst',
    });
  });

  it('resolved() lists variables in declaration order, new ones after inherited ones', () => {
    const element = Variables.derive(projectVariables(), vars('variables:\n  zzz: a\n  prefix: /opt\n', 'e.bst'), {
      'element-name': 'e.bst',
    });
    const names = [...element.resolved().keys()];
    expect(names.slice(0, 2)).toEqual(['prefix', 'exec_prefix']);
    expect(names.slice(-2)).toEqual(['zzz', 'element-name']);
  });
});

describe('overriding variables', () => {
  it('an element that sets prefix to /opt moves bindir, libdir and everything built on them', () => {
    const project = projectVariables();
    const element = Variables.derive(project, vars('variables:\n  prefix: /opt\n', 'e.bst'), { 'element-name': 'e.bst' });
    expect(element.expand('%{bindir} %{libdir} %{debugdir} %{mandir}', here)).toBe(
      '/opt/bin /opt/lib /opt/lib/debug /opt/share/man',
    );
    expect(element.get('sysconfdir')).toBe('/etc');
  });

  it('one element overriding a variable does not change it for the project or other elements', () => {
    const project = projectVariables();
    const opt = Variables.derive(project, vars('variables:\n  prefix: /opt\n', 'a.bst'), { 'element-name': 'a.bst' });
    const plain = Variables.derive(project, undefined, { 'element-name': 'b.bst' });
    expect(opt.get('bindir')).toBe('/opt/bin');
    expect(plain.get('bindir')).toBe('/usr/bin');
    expect(project.get('bindir')).toBe('/usr/bin');
    expect(opt.get('bindir')).toBe('/opt/bin');
  });

  it('values the project has already resolved are recomputed for an element that changes their inputs', () => {
    const project = projectVariables();
    expect(project.get('docdir')).toBe('/usr/share/doc');
    const element = Variables.derive(project, vars('variables:\n  datadir: /data\n', 'e.bst'));
    expect(element.get('docdir')).toBe('/data/doc');
    expect(element.get('libdir')).toBe('/usr/lib');
  });

  it('a variable the project left undefined can be supplied by an element', () => {
    const project = new Variables(vars('variables:\n  flags: -O2 %{extra}\n'));
    const element = Variables.derive(project, vars('variables:\n  extra: -g\n', 'e.bst'));
    expect(element.get('flags')).toBe('-O2 -g');
  });

  it('layers stack: an element over a plugin layer over the project', () => {
    const project = projectVariables();
    const plugin = Variables.derive(project, vars('variables:\n  conf-args: --prefix=%{prefix} %{conf-local}\n  conf-local: ""\n', 'autotools.yaml'));
    const element = Variables.derive(plugin, vars('variables:\n  conf-local: --enable-x\n  lib: lib64\n', 'e.bst'), {
      'element-name': 'e.bst',
    });
    expect(element.get('conf-args')).toBe('--prefix=/usr --enable-x');
    expect(element.get('libdir')).toBe('/usr/lib64');
    expect(plugin.get('conf-args')).toBe('--prefix=/usr ');
  });
});

describe('declaration order', () => {
  it('a variable may refer to one declared after it', () => {
    const variables = new Variables(vars('variables:\n  greeting: hello %{name}\n  name: "%{first} %{last}"\n  first: Ada\n  last: Lovelace\n'));
    expect(variables.get('greeting')).toBe('hello Ada Lovelace');
  });
});

describe('text that is not a reference', () => {
  it('%{9x}, %%, a lone %{ and %{a b} stay as written', () => {
    const variables = new Variables(vars('variables:\n  x: "%{9x} %% %{ %{a b} 100%"\n'));
    expect(variables.get('x')).toBe('%{9x} %% %{ %{a b} 100%');
    expect(variables.expand('%%{x}', here)).toBe('%%{9x} %% %{ %{a b} 100%');
  });

  it('names may contain dashes, underscores and digits after the first letter', () => {
    const variables = new Variables(vars('variables:\n  a-b_9: ok\n'));
    expect(variables.expand('[%{a-b_9}]', here)).toBe('[ok]');
  });
});

describe('undefined variables', () => {
  it('a string referring to an undefined variable is an error at that string', () => {
    const error = errorOf(() => projectVariables().expand('make %{nope}', here));
    expect(error.reason).toBe('unresolved-variable');
    expect(error.describe()).toMatch(/^elements\/hello\.bst:7:5: reference to undefined variable 'nope'/);
  });

  it('a variable referring to an undefined variable is reported at its value, naming it', () => {
    const variables = new Variables(vars('variables:\n  ok: fine\n  cmd: make %{nope}\n', 'project.conf'));
    const error = errorOf(() => variables.expand('run %{cmd}', here));
    expect(error.reason).toBe('unresolved-variable');
    expect(error.describe()).toMatch(/^project\.conf:3:8: reference to undefined variable 'nope' in variable 'cmd'/);
  });

  it('check() reports undefined references in variables nobody uses', () => {
    const variables = new Variables(vars('variables:\n  ok: fine\n  unused: "%{missing}"\n'));
    expect(variables.expand('%{ok}', here)).toBe('fine');
    const error = errorOf(() => variables.check());
    expect(error.reason).toBe('unresolved-variable');
    expect(error.describe()).toMatch(/^project\.conf:3:11: reference to undefined variable 'missing' in variable 'unused'/);
  });

  it('an element inherits a broken project variable and check() reports it there', () => {
    const project = new Variables(vars('variables:\n  broken: "%{missing}"\n'));
    const element = Variables.derive(project, vars('variables:\n  fine: ok\n', 'e.bst'));
    expect(errorOf(() => element.check()).describe()).toMatch(/^project\.conf:2:11: reference to undefined variable 'missing'/);
  });

  it('check() reports the first problem in declaration order', () => {
    const project = new Variables(vars('variables:\n  first: "%{one}"\n  second: "%{two}"\n'));
    const element = Variables.derive(project, vars('variables:\n  second: "%{three}"\n', 'e.bst'));
    expect(errorOf(() => element.check()).message).toMatch(/'one'/);
  });

  it('check() passes for an element that supplies what the project left open', () => {
    const project = projectVariables();
    expect(() => project.check()).toThrow(/element-name/);
    const element = Variables.derive(project, undefined, { 'element-name': 'e.bst' });
    expect(() => element.check()).not.toThrow();
  });
});

describe('circular references', () => {
  const cycle = 'variables:\n  a: "%{b}"\n  b: x %{c}\n  c: \'%{a}\'\n  d: "%{b}"\n';

  it('a cycle of three names the whole chain and where each hop is declared', () => {
    const error = errorOf(() => new Variables(vars(cycle, 'p.bst')).get('a'));
    expect(error.reason).toBe('circular-variable');
    expect(error.message).toBe('variables form a cycle: a -> b -> c -> a');
    expect(error.provenance).toEqual({ file: 'p.bst', line: 2, column: 6 });
    expect(error.hint).toBe(
      "'a' at p.bst:2:6 refers to 'b'; 'b' at p.bst:3:6 refers to 'c'; 'c' at p.bst:4:6 refers to 'a'",
    );
  });

  it('the chain starts where resolution entered the cycle', () => {
    const error = errorOf(() => new Variables(vars(cycle, 'p.bst')).expand('%{d}', here));
    expect(error.message).toBe('variables form a cycle: b -> c -> a -> b');
    expect(error.describe()).toMatch(/^p\.bst:3:6: /);
  });

  it('a variable referring to itself is a cycle', () => {
    const error = errorOf(() => new Variables(vars('variables:\n  me: "%{me}/x"\n')).check());
    expect(error.message).toBe('variables form a cycle: me -> me');
  });

  it('check() reports cycles among variables nobody uses', () => {
    const variables = Variables.derive(projectVariables(), vars(cycle, 'e.bst'), { 'element-name': 'e.bst' });
    expect(variables.get('bindir')).toBe('/usr/bin');
    expect(errorOf(() => variables.check()).reason).toBe('circular-variable');
  });
});

describe('long chains', () => {
  it('a chain of 10,000 variables, each referring to the previous one, resolves', () => {
    const lines = ['variables:', '  v0: root'];
    for (let i = 1; i < 10_000; i++) lines.push(`  v${i}: "%{v${i - 1}}"`);
    const variables = new Variables(vars(lines.join('\n') + '\n'));
    expect(variables.expand('%{v9999}/x', here)).toBe('root/x');
    const element = Variables.derive(variables, vars('variables:\n  v0: leaf\n', 'e.bst'));
    expect(element.get('v9999')).toBe('leaf');
    expect(() => element.check()).not.toThrow();
  });
});

describe('protected variables', () => {
  it.each(['project-name', 'element-name', 'max-jobs'])('setting %s is an error at the key', (name) => {
    const node = vars(`variables:\n  prefix: /opt\n  ${name}: mine\n`, 'elements/x.bst');
    const error = errorOf(() => assertNotProtected(node));
    expect(error.reason).toBe('protected-variable');
    expect(error.describe()).toMatch(
      new RegExp(`^elements/x\\.bst:3:3: invalid redefinition of protected variable '${name}'`),
    );
  });

  it('ordinary variables are allowed', () => {
    expect(() => assertNotProtected(vars('variables:\n  prefix: /opt\n'))).not.toThrow();
  });
});

describe('notparallel', () => {
  it('notparallel: True forces max-jobs to 1 for that element only', () => {
    const project = projectVariables();
    const serial = Variables.derive(project, vars('variables:\n  notparallel: True\n', 'a.bst'), { 'element-name': 'a.bst' });
    const parallel = Variables.derive(project, undefined, { 'element-name': 'b.bst' });
    expect(serial.expand('make -j%{max-jobs}', here)).toBe('make -j1');
    expect(parallel.expand('make -j%{max-jobs}', here)).toBe('make -j4');
  });

  it('an element can turn a project-wide notparallel off again', () => {
    const project = new Variables(vars('variables:\n  notparallel: "true"\n  jobs: -j%{max-jobs}\n'), { 'max-jobs': '8' });
    expect(project.get('jobs')).toBe('-j1');
    const element = Variables.derive(project, vars('variables:\n  notparallel: "0"\n', 'e.bst'));
    expect(element.get('jobs')).toBe('-j8');
    expect(Variables.derive(project, undefined).get('jobs')).toBe('-j1');
  });

  it('accepts exactly True, true and 1 as true and False, false and 0 as false', () => {
    const at = { file: 'e.bst', line: 3, column: 16 };
    for (const value of ['True', 'true', '1']) expect(isNotParallel({ value, at })).toBe(true);
    for (const value of ['False', 'false', '0']) expect(isNotParallel({ value, at })).toBe(false);
    expect(isNotParallel(undefined)).toBe(false);
    const error = errorOf(() => isNotParallel({ value: 'yes', at }));
    expect(error.reason).toBe('invalid-data');
    expect(error.describe()).toMatch(/^e\.bst:3:16: /);
  });

  it('an element with notparallel: yes fails to load', () => {
    const error = errorOf(() => Variables.derive(projectVariables(), vars('variables:\n  notparallel: yes\n', 'e.bst')));
    expect(error.reason).toBe('invalid-data');
  });
});

describe('expanding node trees', () => {
  it('every string in a copy is expanded, keys are not, and the original is untouched', () => {
    const config = readYaml('config:\n  "%{prefix}": "%{bindir}"\n  commands:\n  - make install DESTDIR=%{install-root}\n', 'e.bst');
    const expanded = projectVariables().expandNode(config);
    expect(toPlain(expanded)).toEqual({
      config: { '%{prefix}': '/usr/bin', commands: ['make install DESTDIR=/buildstream-install'] },
    });
    expect(toPlain(config)).toEqual({
      config: { '%{prefix}': '%{bindir}', commands: ['make install DESTDIR=%{install-root}'] },
    });
  });

  it('an undefined reference deep in a tree points at that string', () => {
    const config = readYaml('config:\n  commands:\n  - ok\n  - echo %{nope}\n', 'e.bst');
    expect(errorOf(() => projectVariables().expandNode(config)).describe()).toMatch(/^e\.bst:4:5: /);
  });
});

describe('variable values', () => {
  it('a list as a variable value is invalid data at the list', () => {
    const error = errorOf(() => new Variables(vars('variables:\n  flags:\n  - -O2\n', 'e.bst')));
    expect(error.reason).toBe('invalid-data');
    expect(error.provenance?.line).toBe(3);
  });
});
