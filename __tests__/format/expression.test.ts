import { CairnError, type Provenance } from '../../src/format/errors.js';
import { ExpressionEvaluator, type OptionValue } from '../../src/format/expression.js';
import type { MappingNode } from '../../src/format/node.js';
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

/** The options of BuildStream's option-flags and option-bool test projects, at chosen values. */
function context(values: Record<string, OptionValue> = {}): ReadonlyMap<string, OptionValue> {
  return new Map(Object.entries({ pony: true, horsy: false, animal: 'horsy', farm: ['pony'], empty: '', none: [], ...values }));
}

const nowhere: Provenance = { file: 'element.bst', line: 1, column: 1 };

function holds(expression: string, values: Record<string, OptionValue> = {}): boolean {
  return new ExpressionEvaluator().evaluate(expression, context(values), nowhere);
}

/** The first condition of an element's `variables: (?):`, with where its expression is written. */
function firstCondition(text: string): { expression: string; at: Provenance } {
  const root = readYaml(text, 'element.bst');
  const variables = root.get('variables') as MappingNode;
  const list = variables.get('(?)');
  if (list?.kind !== 'sequence') throw new Error('no conditions');
  const item = list.items[0] as MappingNode;
  const expression = [...item.keys()][0]!;
  return { expression, at: item.whereIs(expression) };
}

function failure(expression: string, values: Record<string, OptionValue> = {}): CairnError {
  const text = `kind: manual\nvariables:\n  (?):\n  - ${expression}:\n      result: yes\n`;
  const condition = firstCondition(text);
  expect(condition.expression).toBe(expression);
  return errorOf(() => new ExpressionEvaluator().evaluate(condition.expression, context(values), condition.at));
}

describe('testing options by name', () => {
  it('a bool option is true or false by itself', () => {
    expect(holds('pony')).toBe(true);
    expect(holds('horsy')).toBe(false);
  });

  it('not, and, or and parentheses combine tests', () => {
    expect(holds('not horsy')).toBe(true);
    expect(holds('pony and horsy')).toBe(false);
    expect(holds('pony or horsy')).toBe(true);
    expect(holds('not (pony and horsy)')).toBe(true);
    expect(holds('not pony and horsy')).toBe(false);
    expect(holds('horsy or pony and not horsy')).toBe(true);
  });

  it('empty strings and empty lists are false, as in Python', () => {
    expect(holds('empty')).toBe(false);
    expect(holds('none')).toBe(false);
    expect(holds('farm')).toBe(true);
    expect(holds('animal')).toBe(true);
  });

  it('an undefined option is an error naming it', () => {
    const error = failure('pony == foo');
    expect(error.reason).toBe('expression-failed');
    expect(error.message).toBe("cannot evaluate 'pony == foo': undefined option 'foo'");
    expect(error.describe()).toBe(
      "element.bst:4:5: cannot evaluate 'pony == foo': undefined option 'foo' (declared options: pony, horsy, animal, farm, empty, none)",
    );
  });

  it('an option not reached because of and/or short-circuiting is not looked up', () => {
    expect(holds('horsy and foo')).toBe(false);
    expect(holds('pony or foo')).toBe(true);
  });

  it('is defined tells whether an option exists', () => {
    expect(holds('pony is defined')).toBe(true);
    expect(holds('foo is defined')).toBe(false);
    expect(holds('foo is not defined')).toBe(true);
    expect(holds('foo is undefined')).toBe(true);
  });
});

describe('comparing values', () => {
  it('bool options compare with True, true, False and false', () => {
    expect(holds('pony == True')).toBe(true);
    expect(holds('pony == true')).toBe(true);
    expect(holds('horsy == False')).toBe(true);
    expect(holds('horsy != false')).toBe(false);
    expect(holds('pony != True')).toBe(false);
  });

  it('enum options compare with string literals in either quotes', () => {
    expect(holds('animal == "horsy"')).toBe(true);
    expect(holds("animal == 'horsy'")).toBe(true);
    expect(holds('animal != "pony"')).toBe(true);
    expect(holds('animal == "Horsy"')).toBe(false);
  });

  it('two options compare with each other', () => {
    expect(holds('brother == sister', { brother: 'zebry', sister: 'zebry' })).toBe(true);
    expect(holds('brother == sister', { brother: 'horsy', sister: 'zebry' })).toBe(false);
  });

  it('a string never equals a bool or a list', () => {
    expect(holds('animal == True')).toBe(false);
    expect(holds('farm == "pony"')).toBe(false);
  });

  it('comparisons chain as in Python', () => {
    expect(holds('animal == "horsy" == animal')).toBe(true);
    expect(holds('"pony" in farm == False')).toBe(false);
  });
});

describe('flags and lists', () => {
  it('"pony" in farm tests whether a flag is set', () => {
    expect(holds('("pony" in farm)')).toBe(true);
    expect(holds('("zebry" in farm)')).toBe(false);
    expect(holds('("pony" not in farm)')).toBe(false);
  });

  it('an enum option can be looked for in a flags option', () => {
    expect(holds('(animal not in farm)', { animal: 'horsy', farm: ['pony', 'zebry'] })).toBe(true);
    expect(holds('(animal in farm)', { animal: 'zebry', farm: ['pony', 'zebry'] })).toBe(true);
  });

  it('a flags option equals a list literal with the same items in the same order', () => {
    const farm = ['horsy', 'pony'];
    expect(holds('farm == [ "horsy", "pony" ]', { farm })).toBe(true);
    expect(holds('farm == [ "pony", "horsy" ]', { farm })).toBe(false);
    expect(holds('farm == [ "horsy", "pony", "zebry" ]', { farm })).toBe(false);
    expect(holds('farm == []', { farm: [] })).toBe(true);
    expect(holds('farm == ["horsy", "pony",]', { farm })).toBe(true);
  });

  it('tuples hold values for in, but never equal a list', () => {
    expect(holds('animal in ("pony", "horsy")')).toBe(true);
    expect(holds('animal in ("pony",)')).toBe(false);
    expect(holds('farm == ("pony",)')).toBe(false);
    expect(holds('("pony") == "pony"')).toBe(true);
  });

  it('in on a string looks for a substring', () => {
    expect(holds('"ors" in animal')).toBe(true);
    expect(holds('"cow" in animal')).toBe(false);
  });

  it('in on a bool is an error', () => {
    const error = failure('("pony" in pony)');
    expect(error.reason).toBe('expression-failed');
    expect(error.message).toBe(`cannot evaluate '("pony" in pony)': 'in' needs a list or a string on its right, not bool`);
    expect(error.describe()).toBe(`element.bst:4:5: ${error.message}`);
  });

  it('a list on the left of in a string is an error', () => {
    const error = failure('farm in animal');
    expect(error.message).toBe("cannot evaluate 'farm in animal': 'in <string>' needs a string on its left, not list");
    expect(error.describe()).toBe(`element.bst:4:5: ${error.message}`);
  });
});

describe('expression syntax errors', () => {
  it('an unbalanced parenthesis is an error at the expression', () => {
    const error = failure('(pony))');
    expect(error.reason).toBe('expression-failed');
    expect(error.message).toBe("cannot evaluate '(pony))': unexpected ')'");
    expect(error.describe()).toBe("element.bst:4:5: cannot evaluate '(pony))': unexpected ')'");
  });

  it('a missing closing parenthesis says the expression ends too early', () => {
    const error = failure('(pony and horsy');
    expect(error.message).toBe("cannot evaluate '(pony and horsy': the expression ends too early");
    expect(error.describe()).toBe(`element.bst:4:5: ${error.message}`);
  });

  it('words in the wrong place are named', () => {
    const error = failure('is defined pony');
    expect(error.message).toBe("cannot evaluate 'is defined pony': unexpected 'is'");
    expect(error.describe()).toBe(`element.bst:4:5: ${error.message}`);
    expect(failure('pony horsy').message).toBe("cannot evaluate 'pony horsy': unexpected 'horsy'");
    expect(failure('pony ==').message).toBe("cannot evaluate 'pony ==': the expression ends too early");
  });

  it('an unclosed string is an error', () => {
    const error = failure(`animal == 'horsy`);
    expect(error.message).toBe(`cannot evaluate 'animal == 'horsy': the string 'horsy is not closed`);
    expect(error.describe()).toBe(`element.bst:4:5: ${error.message}`);
  });

  it('Jinja2 operators Cairn does not evaluate are named', () => {
    const error = failure('animal < "pony"');
    expect(error.message).toBe(`cannot evaluate 'animal < "pony"': the operator '<' is not supported`);
    expect(error.describe()).toBe(`element.bst:4:5: ${error.message} (use ==, !=, in, not in, not, and, or)`);
    expect(failure('animal|upper').message).toBe(`cannot evaluate 'animal|upper': the operator '|' is not supported`);
  });

  it('an empty expression is an error', () => {
    const error = errorOf(() => new ExpressionEvaluator().evaluate('  ', context(), nowhere));
    expect(error.reason).toBe('expression-failed');
    expect(error.describe()).toBe("element.bst:1:1: cannot evaluate '  ': there is no expression");
  });

  it('an expression is parsed once, and each failure points at its own place', () => {
    const evaluator = new ExpressionEvaluator();
    expect(evaluator.evaluate('pony and not horsy', context(), nowhere)).toBe(true);
    expect(evaluator.evaluate('pony and not horsy', context({ horsy: true }), nowhere)).toBe(false);
    const first = errorOf(() => evaluator.evaluate('pony)', context(), { file: 'a.bst', line: 3, column: 5 }));
    const second = errorOf(() => evaluator.evaluate('pony)', context(), { file: 'b.bst', line: 7, column: 9 }));
    expect(first.describe()).toBe("a.bst:3:5: cannot evaluate 'pony)': unexpected ')'");
    expect(second.describe()).toBe("b.bst:7:9: cannot evaluate 'pony)': unexpected ')'");
  });
});
