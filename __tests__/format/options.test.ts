import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CairnError } from '../../src/format/errors.js';
import type { MappingNode } from '../../src/format/node.js';
import { canonicalArch, hostPlatform, OptionPool, type OptionPoolSettings } from '../../src/format/options.js';
import { readYaml } from '../../src/format/yaml-reader.js';

function errorOf(fn: () => unknown): CairnError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CairnError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

const HOST: OptionPoolSettings = { hostArch: 'x86_64', hostOs: 'Linux' };

/** A project.conf from its lines, so that line numbers in the tests are easy to count. */
function conf(...lines: string[]): string {
  return ['name: test', 'min-version: 2.0', '', 'options:', ...lines, ''].join('\n');
}

function declare(text: string, settings: OptionPoolSettings = HOST): OptionPool {
  const project = readYaml(text, 'project.conf');
  return OptionPool.declare(project.get('options') as MappingNode, settings);
}

/** BuildStream's tests/format/option-flags project. */
const FARM = conf(
  '  animal:', //                                          5
  '    type: enum',
  '    description: The kind of animal',
  '    values:',
  '    - pony',
  '    - horsy', //                                        10
  '    - zebry',
  '    default: horsy',
  '  farm:',
  '    type: flags',
  '    description: The kinds of animals on this farm', // 15
  '    values:',
  '    - pony',
  '    - horsy',
  '    - zebry',
  '    default:', //                                       20
  '    - pony',
);

/** BuildStream's tests/format/option-exports project. */
const EXPORTS = conf(
  '  bool_export:', //                                     5
  '    type: bool',
  '    description: Exported boolean option',
  '    default: False',
  '    variable: exported-bool',
  '  enum_export:', //                                     10
  '    type: enum',
  '    description: Exported enum option',
  '    values:',
  '    - pony',
  '    - horsy', //                                        15
  '    - zebry',
  '    default: pony',
  '    variable: exported-enum',
  '  flags_export:',
  '    type: flags', //                                    20
  '    description: Exported flags option',
  '    values:',
  '    - pony',
  '    - horsy',
  '    - zebry', //                                        25
  '    default:',
  '    - pony',
  '    - horsy',
  '    variable: exported-flags',
);

const ARCH = (...values: string[]): string =>
  conf('  machine_arch:', '    type: arch', '    description: The machine architecture', '    values:', ...values.map((v) => `    - ${v}`));

const OS = conf(
  '  machine_os:',
  '    type: os',
  '    description: The machine OS',
  '    values:',
  '    - Linux',
  '    - SunOS',
  '    - Darwin',
  '    - FreeBSD',
);

const BOOL = conf('  pony:', '    type: bool', '    description: Whether a pony or not', '    default: False');

describe('declaring options', () => {
  it('each option starts at its declared default', () => {
    const pool = declare(FARM);
    expect(pool.names()).toEqual(['animal', 'farm']);
    expect(pool.context()).toEqual(new Map<string, unknown>([['animal', 'horsy'], ['farm', ['pony']]]));
  });

  it.each([
    ['True', true],
    ['true', true],
    ['1', true],
    ['False', false],
    ['false', false],
    ['0', false],
  ])('a bool default may be written %s', (written, value) => {
    const pool = declare(conf('  pony:', '    type: bool', '    description: Whether a pony', `    default: ${written}`));
    expect(pool.context().get('pony')).toBe(value);
  });

  it('a bool default that is not a boolean is refused at the default', () => {
    const error = errorOf(() => declare(conf('  pony:', '    type: bool', '    description: Whether a pony', '    default: yes')));
    expect(error.reason).toBe('invalid-option');
    expect(error.describe()).toBe("project.conf:8:14: option 'pony' has no value 'yes': choose one of True, true, 1, False, false, 0");
  });

  it.each(['name-with-dashes', '123number_is_first', 'name with spaces', 'name_with_+'])('the option name %s is refused at the name', (name) => {
    const error = errorOf(() => declare(conf(`  ${name}:`, '    type: bool', '    description: An invalid option name', '    default: False')));
    expect(error.reason).toBe('invalid-symbol-name');
    expect(error.message).toBe(`invalid option name '${name}'`);
    expect(error.describe()).toBe(
      `project.conf:5:3: invalid option name '${name}' (option names hold only letters, digits and underscores, and do not start with a digit)`,
    );
  });

  it('an exported variable name may hold dashes but no other symbols', () => {
    expect(declare(BOOL.replace('default: False', 'default: False\n    variable: the-pony')).exportVariables()[0]?.[0]).toBe('the-pony');
    const error = errorOf(() => declare(BOOL.replace('default: False', 'default: False\n    variable: pony+')));
    expect(error.reason).toBe('invalid-symbol-name');
    expect(error.message).toBe("invalid variable name 'pony+' for bool option 'pony'");
    expect(error.describe()).toMatch(/^project\.conf:9:15: invalid variable name 'pony\+' for bool option 'pony' \(/);
  });

  it('every option needs a description', () => {
    const error = errorOf(() => declare(conf('  debug:', '    type: bool', '    default: False')));
    expect(error.reason).toBe('invalid-data');
    expect(error.describe()).toBe("project.conf:5:3: bool option 'debug' has no 'description'");
  });

  it('every option needs a type', () => {
    const error = errorOf(() => declare(conf('  debug:', '    description: Debugging', '    default: False')));
    expect(error.reason).toBe('invalid-data');
    expect(error.describe()).toBe("project.conf:5:3: option 'debug' has no 'type' (choose one of bool, enum, flags, element-mask, arch, os)");
  });

  it('an unknown type is refused at the type', () => {
    const error = errorOf(() => declare(conf('  opt:', '    type: funny', '    description: This aint really an option type', '    default: False')));
    expect(error.reason).toBe('invalid-data');
    expect(error.describe()).toBe("project.conf:6:11: option 'opt' has unknown type 'funny' (choose one of bool, enum, flags, element-mask, arch, os)");
  });

  it('an unknown key is refused at the key', () => {
    const error = errorOf(() => declare(conf('  debug:', '    type: bool', '    description: Debugging', '    defualt: False')));
    expect(error.reason).toBe('invalid-data');
    expect(error.describe()).toBe(
      "project.conf:8:5: unexpected key 'defualt' in bool option 'debug' (valid keys: type, description, variable, default)",
    );
  });

  it('a bool option needs a default', () => {
    const error = errorOf(() => declare(conf('  debug:', '    type: bool', '    description: Debugging')));
    expect(error.reason).toBe('invalid-data');
    expect(error.describe()).toBe("project.conf:5:3: bool option 'debug' has no 'default' (True or False)");
  });

  it('an enum option needs values', () => {
    const error = errorOf(() => declare(conf('  animal:', '    type: enum', '    description: The kind of animal', '    default: pony')));
    expect(error.reason).toBe('invalid-data');
    expect(error.describe()).toBe("project.conf:5:3: enum option 'animal' has no 'values' (list the values it may take)");
  });

  it('an enum option needs a default', () => {
    const error = errorOf(() => declare(FARM.replace('    default: horsy\n', '')));
    expect(error.reason).toBe('invalid-data');
    expect(error.describe()).toBe("project.conf:5:3: enum option 'animal' has no 'default' (one of pony, horsy, zebry)");
  });

  it('an enum default must be one of its values', () => {
    const error = errorOf(() => declare(FARM.replace('default: horsy', 'default: giraffy')));
    expect(error.reason).toBe('invalid-option');
    expect(error.describe()).toBe("project.conf:12:14: option 'animal' has no value 'giraffy': choose one of pony, horsy, zebry");
  });

  it('a flags option needs values', () => {
    const error = errorOf(() => declare(conf('  farm:', '    type: flags', '    description: The animals')));
    expect(error.reason).toBe('invalid-data');
    expect(error.describe()).toBe("project.conf:5:3: flags option 'farm' has no 'values' (list the values it may take)");
  });

  it('a flags default may only use its values', () => {
    const error = errorOf(() => declare(`${FARM}    - giraffy\n`));
    expect(error.reason).toBe('invalid-option');
    expect(error.describe()).toBe("project.conf:22:7: option 'farm' has no value 'giraffy': choose any of pony, horsy, zebry");
  });

  it('a flags option defaults to no flags', () => {
    expect(declare(FARM.replace('    default:\n    - pony\n', '')).context().get('farm')).toEqual([]);
  });

  it('arch and os options may not declare a default', () => {
    const arch = errorOf(() => declare(`${ARCH('x86_64')}    default: x86_64\n`));
    expect(arch.reason).toBe('invalid-data');
    expect(arch.describe()).toBe(
      "project.conf:10:5: unexpected key 'default' in arch option 'machine_arch' (an arch option defaults to the host's; set it with -o machine_arch VALUE)",
    );
    const system = errorOf(() => declare(`${OS}    default: Linux\n`));
    expect(system.describe()).toBe(
      "project.conf:13:5: unexpected key 'default' in os option 'machine_os' (an os option defaults to the host's; set it with -o machine_os VALUE)",
    );
  });

  it('element-mask options may not declare values', () => {
    const error = errorOf(() =>
      declare(conf('  debug_elements:', '    type: element-mask', '    description: The elements to build in debug mode', '    values:', '    - pony')),
    );
    expect(error.reason).toBe('invalid-data');
    expect(error.describe()).toBe(
      "project.conf:8:5: unexpected key 'values' in element-mask option 'debug_elements' (an element-mask option's values are the project's elements)",
    );
  });
});

describe('arch options', () => {
  it.each([
    [['aarch32', 'aarch64', 'x86-32', 'x86-64'], 'x86_64', 'x86-64'],
    [['arm', 'x86_64'], 'amd64', 'x86_64'],
    [['amd64', 'aarch64'], 'x86_64', 'amd64'],
    [['x86_64', 'amd64'], 'x86-64', 'x86_64'],
    [['arm', 'aarch64'], 'arm', 'arm'],
    [['aarch32', 'aarch64'], 'armv8l', 'aarch64'],
    [['X86_64'], 'x86_64', 'X86_64'],
  ])('with values %j on a %s host the default is the listed spelling', (values, host, expected) => {
    expect(declare(ARCH(...values), { hostArch: host }).context().get('machine_arch')).toBe(expected);
  });

  it('a host architecture the project does not list fails unless a value is given', () => {
    const error = errorOf(() => declare(ARCH('arm', 'aarch64'), { hostArch: 'x86_64' }).resolve());
    expect(error.reason).toBe('invalid-option');
    expect(error.describe()).toBe(
      "project.conf:5:3: option 'machine_arch' has no value 'x86-64' (this host's architecture): choose one of arm, aarch64 (pick one with -o machine_arch VALUE)",
    );
    const pool = declare(ARCH('arm', 'aarch64'), { hostArch: 'x86_64' });
    pool.setFromCommandLine('machine_arch', 'aarch64');
    expect(pool.context().get('machine_arch')).toBe('aarch64');
  });

  it('a value given by the user must be spelled as listed', () => {
    const pool = declare(ARCH('x86_64', 'aarch64'));
    const error = errorOf(() => pool.setFromCommandLine('machine_arch', 'amd64'));
    expect(error.reason).toBe('invalid-option');
    expect(error.message).toBe("option 'machine_arch' has no value 'amd64': choose one of x86_64, aarch64");
    expect(error.provenance).toBeUndefined();
    expect(errorOf(() => pool.setFromCommandLine('machine_arch', 'mips')).describe()).toBe(
      "option 'machine_arch' has no value 'mips': choose one of x86_64, aarch64",
    );
  });

  it('a listed value that is not an architecture is refused at the value', () => {
    const error = errorOf(() => declare(ARCH('aarch32', 'aarch64', 'x86-128')));
    expect(error.reason).toBe('invalid-option');
    expect(error.describe()).toBe("project.conf:11:7: option 'machine_arch' lists 'x86-128', which is not an architecture BuildStream knows");
  });

  it('a host architecture BuildStream does not know is an error', () => {
    const error = errorOf(() => declare(ARCH('x86_64'), { hostArch: 'x86_128' }));
    expect(error.reason).toBe('invalid-option');
    expect(error.describe()).toBe("project.conf:5:3: option 'machine_arch' cannot default to the host's architecture 'x86_128', which BuildStream does not know");
  });

  it('architecture names are canonicalised as BuildStream does', () => {
    expect(canonicalArch('amd64')).toBe('x86-64');
    expect(canonicalArch('X86_64')).toBe('x86-64');
    expect(canonicalArch('i686')).toBe('x86-32');
    expect(canonicalArch('arm')).toBe('aarch32');
    expect(canonicalArch('ppc64le')).toBe('power-isa-le');
    expect(canonicalArch('powerpc')).toBe('power-isa-be');
    expect(canonicalArch('riscv64')).toBe('rv64g');
    expect(canonicalArch('sun4v')).toBe('sparc-v9');
    expect(canonicalArch('loongarch64')).toBe('la64v100');
    expect(canonicalArch('mips')).toBeUndefined();
  });

  it('this machine is named the way uname names it', () => {
    const host = hostPlatform();
    expect(canonicalArch(host.arch)).toBeDefined();
    if (process.arch === 'x64') expect(host.arch).toBe('x86_64');
    if (process.arch === 'arm64') expect(host.arch).toBe('aarch64');
    if (process.platform === 'linux') expect(host.os).toBe('Linux');
    if (process.platform === 'darwin') expect(host.os).toBe('Darwin');
  });
});

describe('os options', () => {
  it('the default is the host system as uname names it', () => {
    expect(declare(OS, { hostOs: 'Darwin' }).context().get('machine_os')).toBe('Darwin');
    expect(declare(OS, { hostOs: 'Linux' }).context().get('machine_os')).toBe('Linux');
  });

  it('a host system the project does not list fails unless a value is given', () => {
    const error = errorOf(() => declare(OS, { hostOs: 'ULTRIX' }).context());
    expect(error.reason).toBe('invalid-option');
    expect(error.describe()).toBe(
      "project.conf:5:3: option 'machine_os' has no value 'ULTRIX' (this host's operating system): choose one of Linux, SunOS, Darwin, FreeBSD (pick one with -o machine_os VALUE)",
    );
    const pool = declare(OS, { hostOs: 'HaikuOS' });
    pool.setFromCommandLine('machine_os', 'SunOS');
    expect(pool.context().get('machine_os')).toBe('SunOS');
  });
});

describe('setting option values', () => {
  const userConfig = (...lines: string[]): MappingNode => {
    const root = readYaml(['projects:', '  test:', '    options:', ...lines, ''].join('\n'), 'buildstream.conf');
    return ((root.get('projects') as MappingNode).get('test') as MappingNode).get('options') as MappingNode;
  };

  it('later settings win: junction configuration, then user configuration, then the command line', () => {
    const pool = declare(FARM);
    const junction = readYaml('kind: junction\nconfig:\n  options:\n    animal: pony\n    farm: [zebry]\n', 'base.bst');
    pool.setFromYaml((junction.get('config') as MappingNode).get('options') as MappingNode, 'junction');
    expect(pool.context().get('animal')).toBe('pony');
    pool.setFromYaml(userConfig('      animal: zebry'));
    expect(pool.context().get('animal')).toBe('zebry');
    pool.setFromCommandLine('animal', 'horsy');
    expect(pool.context()).toEqual(new Map<string, unknown>([['animal', 'horsy'], ['farm', ['zebry']]]));
  });

  it('set takes a command-line string or a YAML node', () => {
    const pool = declare(FARM);
    pool.set('farm', 'zebry, pony', undefined, { source: 'command-line' });
    expect(pool.context().get('farm')).toEqual(['pony', 'zebry']);
    pool.set('animal', userConfig('      animal: zebry').get('animal')!, undefined, { source: 'user-config' });
    expect(pool.context().get('animal')).toBe('zebry');
  });

  it.each(['True', 'true', 'False', 'false'])('a bool on the command line may be %s', (value) => {
    const pool = declare(BOOL);
    pool.setFromCommandLine('pony', value);
    expect(pool.context().get('pony')).toBe(value.toLowerCase() === 'true');
  });

  it.each(['falsey', 'pony', 'trUE', '1'])('a bool on the command line may not be %s', (value) => {
    const error = errorOf(() => declare(BOOL).setFromCommandLine('pony', value));
    expect(error.reason).toBe('invalid-option');
    expect(error.describe()).toBe(`option 'pony' has no value '${value}': choose one of True, true, False, false`);
  });

  it('a bool in YAML may also be 1 or 0, and nothing else', () => {
    const pool = declare(BOOL);
    pool.setFromYaml(userConfig('      pony: 1'));
    expect(pool.context().get('pony')).toBe(true);
    const error = errorOf(() => pool.setFromYaml(userConfig('      pony: falsey')));
    expect(error.reason).toBe('invalid-option');
    expect(error.describe()).toBe("buildstream.conf:4:13: option 'pony' has no value 'falsey': choose one of True, true, 1, False, false, 0");
    const list = errorOf(() => pool.setFromYaml(userConfig('      pony: [its, a, list]')));
    expect(list.describe()).toBe("buildstream.conf:4:13: option 'pony' takes a single value, not a list");
  });

  it('an unknown option on the command line is named with the declared ones', () => {
    const error = errorOf(() => declare(FARM).setFromCommandLine('fart', 'funny'));
    expect(error.reason).toBe('invalid-option');
    expect(error.provenance).toBeUndefined();
    expect(error.describe()).toBe("unknown option 'fart' on the command line: this project declares animal, farm");
    const none = errorOf(() => declare(conf('  {}').replace('options:\n  {}', 'options: {}')).setFromCommandLine('fart', 'funny'));
    expect(none.describe()).toBe("unknown option 'fart' on the command line: this project declares no options");
  });

  it('unknown command-line options can be ignored while a junction loads', () => {
    const pool = declare(FARM);
    pool.setFromCommandLine('fart', 'funny', { ignoreUnknown: true });
    expect(pool.context().get('animal')).toBe('horsy');
  });

  it('an unknown option in user configuration is refused at its name', () => {
    const error = errorOf(() => declare(FARM).setFromYaml(userConfig('      fart: Hello')));
    expect(error.reason).toBe('invalid-option');
    expect(error.describe()).toBe("buildstream.conf:4:7: unknown option 'fart': this project declares animal, farm");
  });

  it('an invalid enum value in YAML is refused at the value', () => {
    const error = errorOf(() => declare(FARM).setFromYaml(userConfig('      animal: giraffy')));
    expect(error.reason).toBe('invalid-option');
    expect(error.describe()).toBe("buildstream.conf:4:15: option 'animal' has no value 'giraffy': choose one of pony, horsy, zebry");
    const mapping = errorOf(() => declare(FARM).setFromYaml(userConfig('      animal:', '        dic: tionary')));
    expect(mapping.describe()).toBe("buildstream.conf:5:9: option 'animal' takes a single value, not a mapping");
  });

  it('flags on the command line are comma-separated, spaces ignored, and sorted', () => {
    const pool = declare(FARM);
    pool.setFromCommandLine('farm', 'zebry,horsy , pony');
    expect(pool.context().get('farm')).toEqual(['horsy', 'pony', 'zebry']);
  });

  it.each([
    ['giraffy', 'giraffy'],
    ['horsy pony', 'horsypony'],
    ['pony,', ''],
  ])('the flags %j are refused', (value, flag) => {
    const error = errorOf(() => declare(FARM).setFromCommandLine('farm', value));
    expect(error.reason).toBe('invalid-option');
    expect(error.describe()).toBe(`option 'farm' has no value '${flag}': choose any of pony, horsy, zebry`);
  });

  it('flags in YAML are a list, sorted', () => {
    const pool = declare(FARM);
    pool.setFromYaml(userConfig('      farm:', '      - zebry', '      - pony'));
    expect(pool.context().get('farm')).toEqual(['pony', 'zebry']);
    const scalar = errorOf(() => pool.setFromYaml(userConfig('      farm: pony')));
    expect(scalar.reason).toBe('invalid-option');
    expect(scalar.describe()).toBe("buildstream.conf:4:13: option 'farm' takes a list of values, not a string");
    const giraffy = errorOf(() => pool.setFromYaml(userConfig('      farm: [horsy, pony, giraffy]')));
    expect(giraffy.describe()).toBe("buildstream.conf:4:27: option 'farm' has no value 'giraffy': choose any of pony, horsy, zebry");
  });

  it('a flags default keeps the order it is written in, as BuildStream keeps it', () => {
    const pool = declare(EXPORTS);
    expect(pool.context().get('flags_export')).toEqual(['pony', 'horsy']);
    expect(pool.evaluate('flags_export == ["horsy", "pony"]', undefined)).toBe(false);
    pool.setFromCommandLine('flags_export', 'pony, horsy');
    expect(pool.evaluate('flags_export == ["horsy", "pony"]', undefined)).toBe(true);
  });
});

describe('exported variables', () => {
  it('bool, enum and flags options export 0 or 1, the string, and the comma-joined flags', () => {
    expect(declare(EXPORTS).exportVariables()).toEqual([
      ['exported-bool', '0', { file: 'project.conf', line: 9, column: 15 }],
      ['exported-enum', 'pony', { file: 'project.conf', line: 18, column: 15 }],
      ['exported-flags', 'pony,horsy', { file: 'project.conf', line: 29, column: 15 }],
    ]);
  });

  it.each([
    ['bool_export', 'False', 'exported-bool', '0'],
    ['bool_export', 'True', 'exported-bool', '1'],
    ['enum_export', 'pony', 'exported-enum', 'pony'],
    ['enum_export', 'horsy', 'exported-enum', 'horsy'],
    ['flags_export', 'pony', 'exported-flags', 'pony'],
    ['flags_export', 'pony, horsy', 'exported-flags', 'horsy,pony'],
  ])('-o %s %j exports %s as %j', (option, value, variable, expected) => {
    const pool = declare(EXPORTS);
    pool.setFromCommandLine(option, value);
    expect(new Map(pool.exportVariables().map(([name, exported]) => [name, exported])).get(variable)).toBe(expected);
  });

  it('options without a variable export nothing', () => {
    expect(declare(FARM).exportVariables()).toEqual([]);
  });
});

describe('element-mask options', () => {
  const MASK = conf('  debug_elements:', '    type: element-mask', '    description: The elements to build in debug mode');

  it('without the element directory any element file name is accepted, and tested like flags', () => {
    const pool = declare(MASK);
    expect(pool.context().get('debug_elements')).toEqual([]);
    pool.setFromCommandLine('debug_elements', 'pony.bst, horsy.bst');
    expect(pool.context().get('debug_elements')).toEqual(['horsy.bst', 'pony.bst']);
    expect(pool.evaluate('("horsy.bst" in debug_elements)', undefined)).toBe(true);
    expect(pool.evaluate('("zebry.bst" in debug_elements)', undefined)).toBe(false);
  });

  it('a value that is not an element file name is refused', () => {
    const error = errorOf(() => declare(MASK).setFromCommandLine('debug_elements', 'kitten'));
    expect(error.reason).toBe('invalid-option');
    expect(error.describe()).toBe(
      "option 'debug_elements' has no value 'kitten': element names end in .bst (element-mask values are element file names relative to the element path)",
    );
  });

  it('with the element directory, values must name elements in it', () => {
    const elements = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-mask-'));
    try {
      fs.writeFileSync(path.join(elements, 'pony.bst'), 'kind: manual\n');
      fs.mkdirSync(path.join(elements, 'stable'));
      fs.writeFileSync(path.join(elements, 'stable', 'horsy.bst'), 'kind: manual\n');
      const pool = declare(`${MASK}    default:\n    - stable/horsy.bst\n`, { elementPath: elements });
      expect(pool.context().get('debug_elements')).toEqual(['stable/horsy.bst']);
      pool.setFromCommandLine('debug_elements', 'stable/horsy.bst,pony.bst');
      expect(pool.context().get('debug_elements')).toEqual(['pony.bst', 'stable/horsy.bst']);
      const error = errorOf(() => pool.setFromCommandLine('debug_elements', 'kitten.bst'));
      expect(error.reason).toBe('invalid-option');
      expect(error.message).toBe("option 'debug_elements' has no value 'kitten.bst': it is not an element of this project");
      const inDefault = errorOf(() => declare(`${MASK}    default:\n    - zebry.bst\n`, { elementPath: elements }));
      expect(inDefault.describe()).toBe(
        "project.conf:9:7: option 'debug_elements' has no value 'zebry.bst': it is not an element of this project (element-mask values are element file names relative to the element path)",
      );
    } finally {
      fs.rmSync(elements, { recursive: true, force: true });
    }
  });
});
