import { resolveConditionals } from '../../src/format/conditionals.js';
import { CairnError } from '../../src/format/errors.js';
import { toPlain, type MappingNode } from '../../src/format/node.js';
import { OptionPool } from '../../src/format/options.js';
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

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** Options of BuildStream's test projects: tests/format/options, option-flags, assertion. */
const OPTIONS = lines(
  'options:',
  '  opt: {type: bool, description: Whether to build in an opt prefix, default: False}',
  '  debug: {type: bool, description: Whether debugging is enabled, default: False}',
  '  logging: {type: bool, description: Whether logging is enabled, default: False}',
  '  pony: {type: bool, description: Whether a pony or not, default: False}',
  '  horsy: {type: bool, description: Whether a horsy or not, default: False}',
  '  animal: {type: enum, description: The kind of animal, values: [pony, horsy, zebry], default: horsy}',
  '  farm: {type: flags, description: The kinds of animals on this farm, values: [pony, horsy, zebry], default: [pony]}',
);

/** A pool with `-o NAME VALUE` applied for each entry. */
function pool(cli: Record<string, string> = {}): OptionPool {
  const options = OptionPool.declare(readYaml(OPTIONS, 'project.conf').get('options') as MappingNode, { hostArch: 'x86_64', hostOs: 'Linux' });
  for (const [name, value] of Object.entries(cli)) options.setFromCommandLine(name, value);
  return options;
}

function resolve(text: string, cli: Record<string, string> = {}, file = 'element.bst'): MappingNode {
  const node = readYaml(text, file);
  resolveConditionals(node, pool(cli));
  return node;
}

/** `variables:` of a resolved element, as plain data. */
function variables(text: string, cli: Record<string, string> = {}): unknown {
  return toPlain(resolve(text, cli).get('variables')!);
}

const SIMPLE = lines('kind: manual', 'variables:', '  (?):', '  - opt:', '      prefix: "/opt"');

describe('conditionals', () => {
  it('a true branch is composed onto the mapping that holds the conditional', () => {
    expect(variables(SIMPLE, { opt: 'True' })).toEqual({ prefix: '/opt' });
  });

  it('a false branch is dropped, and no (?) is left behind', () => {
    expect(variables(SIMPLE, { opt: 'False' })).toEqual({});
  });

  it('compound conditions use and and or', () => {
    const and = lines('variables:', "  debug: 'False'", '  (?):', '  - logging and debug:', "      debug: 'True'");
    const or = lines('variables:', "  logging: 'False'", '  (?):', '  - logging or debug:', "      logging: 'True'");
    for (const [debug, logging] of [['False', 'False'], ['True', 'False'], ['False', 'True'], ['True', 'True']] as const) {
      expect(variables(and, { debug, logging })).toEqual({ debug: debug === 'True' && logging === 'True' ? 'True' : 'False' });
      expect(variables(or, { debug, logging })).toEqual({ logging: debug === 'True' || logging === 'True' ? 'True' : 'False' });
    }
  });

  const FLAGS = lines(
    'kind: manual',
    'variables:',
    '  result: "a pony"',
    '  (?):',
    '  - farm == [ "zebry" ]:',
    '      result: "a zebry"',
    '  - farm == [ "horsy", "pony" ]:',
    '      result: "a pony and a horsy"',
    '  - farm == [ "horsy", "pony", "zebry" ]:',
    '      result: "all the animals"',
  );

  it.each([
    ['pony', 'a pony'],
    ['zebry', 'a zebry'],
    ['pony, horsy', 'a pony and a horsy'],
    ['zebry,horsy , pony', 'all the animals'],
  ])('-o farm %j compares the sorted flags with list literals: %s', (farm, result) => {
    expect(variables(FLAGS, { farm })).toEqual({ result });
  });

  const IN = lines(
    'kind: manual',
    'variables:',
    '  result: "a pony"',
    '  (?):',
    '  - ("zebry" in farm):',
    '      result: "a zebry"',
    '  - ("pony" not in farm):',
    '      result: "no pony"',
    '  - (animal not in farm):',
    '      result: "no horsy"',
  );

  it.each([
    ['zebry, horsy, pony', 'a zebry'],
    ['zebry, horsy', 'no pony'],
    ['zebry, pony', 'no horsy'],
  ])('-o farm %j tests flags with in and not in: %s', (farm, result) => {
    expect(variables(IN, { farm })).toEqual({ result });
  });

  it('later branches override earlier ones', () => {
    const text = lines('variables:', '  a: base', '  (?):', '  - pony:', '      a: first', '      b: first', '  - pony:', '      a: second');
    expect(variables(text, { pony: 'True' })).toEqual({ a: 'second', b: 'first' });
  });

  it('a branch composes as any layer does: mappings merge and list directives edit the list', () => {
    const text = lines(
      'config:',
      '  commands: [configure, make]',
      '  (?):',
      '  - pony:',
      '      commands:',
      '        (>): [install]',
      '      extra:',
      '        x: y',
    );
    expect(toPlain(resolve(text, { pony: 'true' }).get('config')!)).toEqual({ commands: ['configure', 'make', 'install'], extra: { x: 'y' } });
  });

  const NESTED = lines(
    'variables:',
    "  debug: 'False'",
    '  (?):',
    '  - logging:',
    '      # Debugging is not enabled unless logging is also enabled',
    '      (?):',
    '      - debug:',
    "          debug: 'True'",
  );

  it.each([
    ['False', 'False', 'False'],
    ['True', 'False', 'False'],
    ['False', 'True', 'False'],
    ['True', 'True', 'True'],
  ])('a conditional nested in a branch is resolved too (debug %s, logging %s)', (debug, logging, expected) => {
    expect(variables(NESTED, { debug, logging })).toEqual({ debug: expected });
  });

  it('a conditional nested in a branch applies after the branches beside it', () => {
    const text = lines('variables:', '  (?):', '  - pony:', '      (?):', '      - pony:', '          a: nested', '  - pony:', '      a: sibling');
    expect(variables(text, { pony: 'True' })).toEqual({ a: 'nested' });
  });

  it.each([
    ['False', 'horsy'],
    ['True', 'pony'],
  ])('conditionals in lists of mappings and in lists of lists are resolved (pony %s)', (pony, animal) => {
    const shallow = lines('public:', '  shallow-nest:', '  - animal: horsy', '    (?):', '    - pony:', '        animal: pony');
    const deep = lines('public:', '  deep-nest:', '  -', '    - animal: horsy', '      (?):', '      - pony:', '          animal: pony');
    expect(toPlain(resolve(shallow, { pony }).get('public')!)).toEqual({ 'shallow-nest': [{ animal }] });
    expect(toPlain(resolve(deep, { pony }).get('public')!)).toEqual({ 'deep-nest': [[{ animal }]] });
  });

  it('a conditional inside a mapping that a branch brings in is resolved', () => {
    const text = lines('kind: manual', '(?):', '- pony:', '    variables:', '      (?):', '      - horsy:', '          a: b');
    expect(toPlain(resolve(text, { pony: 'True', horsy: 'True' }))).toEqual({ kind: 'manual', variables: { a: 'b' } });
  });
});

describe('conditional errors', () => {
  it('a condition with more than one key is refused at the second key', () => {
    const text = lines('variables:', '  (?):', '  - not: Allowed any adjacent keys beside the expression.', '    opt:', '      prefix: "/opt"');
    const error = errorOf(() => resolve(text, {}, 'project.conf'));
    expect(error.reason).toBe('invalid-data');
    expect(error.describe()).toBe("project.conf:4:5: a condition has more than one key: 'opt' follows 'not' (give each condition its own list item)");
  });

  it('an undefined option is reported at the expression', () => {
    const text = lines('variables:', '  (?):', '  - pony == foo:', '      prefix: "/opt"');
    const error = errorOf(() => resolve(text, {}, 'project.conf'));
    expect(error.reason).toBe('expression-failed');
    expect(error.message).toBe("cannot evaluate 'pony == foo': undefined option 'foo'");
    expect(error.describe()).toMatch(/^project\.conf:3:5: cannot evaluate 'pony == foo': undefined option 'foo' \(declared options: opt, /);
  });

  it('an expression that does not parse is reported at the expression', () => {
    const text = lines('kind: manual', 'variables:', '  prefix: /usr', '  (?):', '  - opt:', '      prefix: /opt', '  - is defined pony:', '      prefix: "/opt"');
    const error = errorOf(() => resolve(text));
    expect(error.reason).toBe('expression-failed');
    expect(error.describe()).toBe("element.bst:7:5: cannot evaluate 'is defined pony': unexpected 'is'");
  });

  it('a branch that is not a mapping is refused, even when its condition is false', () => {
    const text = lines('variables:', '  (?):', '  - opt: /opt');
    const error = errorOf(() => resolve(text));
    expect(error.reason).toBe('illegal-composite');
    expect(error.describe()).toBe('element.bst:3:10: only mappings can be applied by a conditional, not a string');
    const list = errorOf(() => resolve(lines('variables:', '  (?):', '  - opt:', '    - a', '    - b')));
    expect(list.describe()).toBe('element.bst:4:5: only mappings can be applied by a conditional, not a list');
  });

  it('(?) must be a list of conditions', () => {
    const error = errorOf(() => resolve(lines('variables:', '  (?): opt')));
    expect(error.reason).toBe('invalid-data');
    expect(error.describe()).toBe('element.bst:2:8: (?) must be a list of conditions, not a string (write each condition as a list item EXPRESSION: MAPPING)');
    const item = errorOf(() => resolve(lines('variables:', '  (?):', '  - opt')));
    expect(item.reason).toBe('invalid-data');
    expect(item.describe()).toBe('element.bst:3:5: a condition must be a mapping of an expression to what it applies, not a string');
  });
});

describe('conditionals in project.conf', () => {
  const FORBIDDEN = ['min-version', 'name', 'element-path', 'junctions', 'defaults', 'fatal-warnings', 'ref-storage', 'options', 'plugins'];
  const project = (...branch: string[]): MappingNode => readYaml(lines('name: test', 'min-version: 2.0', '(?):', '- pony:', ...branch), 'project.conf');

  it.each(FORBIDDEN)("'%s' cannot be set by a conditional, even a false one", (key) => {
    const conf = project(`    ${key}: x`);
    const error = errorOf(() => resolveConditionals(conf, pool({ pony: 'False' }), FORBIDDEN));
    expect(error.reason).toBe('illegal-composite');
    expect(error.describe()).toBe(`project.conf:5:5: '${key}' cannot be set by a conditional (set it unconditionally)`);
  });

  it('a nested conditional in a true branch is held to the same rule', () => {
    const conf = project('    (?):', '    - horsy:', '        name: other');
    const error = errorOf(() => resolveConditionals(conf, pool({ pony: 'True' }), FORBIDDEN));
    expect(error.reason).toBe('illegal-composite');
    expect(error.describe()).toBe("project.conf:7:9: 'name' cannot be set by a conditional (set it unconditionally)");
  });

  it('other keys, and the same keys deeper down, may be set conditionally', () => {
    const conf = project('    variables:', '      name: pony-variable', '    elements:', '      manual:', '        plugins: x');
    resolveConditionals(conf, pool({ pony: 'True' }), FORBIDDEN);
    expect(toPlain(conf)).toEqual({ name: 'test', 'min-version': '2.0', variables: { name: 'pony-variable' }, elements: { manual: { plugins: 'x' } } });
  });
});

describe('assertions', () => {
  it('an unconditional (!) fails with its message, trimmed, at the message', () => {
    const text = lines('kind: manual', 'variables:', '  thepony: "not pony"', '  (!): |', '', '    Raw assertion boogey');
    const error = errorOf(() => resolve(text));
    expect(error.reason).toBe('user-assertion');
    expect(error.message).toBe('Raw assertion boogey');
    expect(error.describe()).toBe('element.bst:4:8: Raw assertion boogey');
  });

  const CONDITIONAL = lines(
    'kind: manual',
    'variables:',
    '  thepony: "not pony"',
    '  (?):',
    '  - pony == True:',
    '      thepony: "It\'s a ponay !"',
    "      (!): It's not pony time yet",
    '  - horsy == True:',
    '      thepony: "It\'s a horsay !"',
    "      (!): It's not horsy time yet",
  );

  it('a (!) in a true branch fails at the assertion', () => {
    const error = errorOf(() => resolve(CONDITIONAL, { pony: 'True' }));
    expect(error.reason).toBe('user-assertion');
    expect(error.describe()).toBe("element.bst:7:12: It's not pony time yet");
  });

  it('a (!) in a false branch does nothing', () => {
    expect(variables(CONDITIONAL)).toEqual({ thepony: 'not pony' });
  });

  it('when several true branches assert, the last one composed is reported', () => {
    const error = errorOf(() => resolve(CONDITIONAL, { pony: 'True', horsy: 'True' }));
    expect(error.reason).toBe('user-assertion');
    expect(error.describe()).toBe("element.bst:10:12: It's not horsy time yet");
  });

  it('a (!) deep inside a list is found', () => {
    const text = lines('public:', '  list:', '  - a: b', '    (?):', '    - animal == "horsy":', '        (!): "  no horsies here  "');
    const error = errorOf(() => resolve(text));
    expect(error.reason).toBe('user-assertion');
    expect(error.describe()).toBe('element.bst:6:14: no horsies here');
  });

  it('(!) must be a message', () => {
    const error = errorOf(() => resolve(lines('variables:', '  (!):', '    a: b')));
    expect(error.reason).toBe('invalid-data');
    expect(error.describe()).toBe('element.bst:3:5: (!) must be a message, not a mapping');
  });
});
