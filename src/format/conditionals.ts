// Resolves `(?)` conditionals and `(!)` assertions in a loaded tree, in place, as BuildStream's
// option pool does: each true branch is composed onto the mapping that holds the conditional,
// in order. It never reads files and never looks at what the keys mean, except for the keys a
// caller forbids inside conditionals.

import { CairnError } from './errors.js';
import { compositeInto, type MappingNode, type Node, type SequenceNode } from './node.js';
import type { OptionPool } from './options.js';

export const CONDITIONAL = '(?)';
export const ASSERTION = '(!)';

/** What resolving conditionals needs from a pool: an expression's truth. */
export type ConditionEvaluator = Pick<OptionPool, 'evaluate'>;

const kindName = (node: Node): string => (node.kind === 'scalar' ? 'a string' : node.kind === 'sequence' ? 'a list' : 'a mapping');

/**
 * Resolves every `(?)` and `(!)` in `node`, at any depth. `forbiddenKeys` are keys no
 * conditional at the top of `node` may set (project.conf's `name`, `options`, ...); as in
 * BuildStream they are refused even in a branch whose condition is false.
 */
export function resolveConditionals(node: MappingNode, pool: ConditionEvaluator, forbiddenKeys: readonly string[] = []): void {
  // A true branch can bring in more conditionals: keep going until none is left at this level.
  while (resolveOneLevel(node, pool, forbiddenKeys));
  for (const value of node.entries.values()) {
    if (value.kind === 'mapping') resolveConditionals(value, pool);
    else if (value.kind === 'sequence') resolveInList(value, pool);
  }
}

function resolveInList(list: SequenceNode, pool: ConditionEvaluator): void {
  for (const item of list.items) {
    if (item.kind === 'mapping') resolveConditionals(item, pool);
    else if (item.kind === 'sequence') resolveInList(item, pool);
  }
}

/** Applies the `(?)` list of `node`, if any; says whether there was one. */
function resolveOneLevel(node: MappingNode, pool: ConditionEvaluator, forbiddenKeys: readonly string[]): boolean {
  // The assertion is checked first, so that one already composed is not lost to a later branch.
  const assertion = node.get(ASSERTION);
  if (assertion !== undefined) {
    if (assertion.kind !== 'scalar') {
      throw new CairnError('invalid-data', `${ASSERTION} must be a message, not ${kindName(assertion)}`, assertion.at);
    }
    throw new CairnError('user-assertion', assertion.value.trim(), assertion.at);
  }

  const conditions = node.get(CONDITIONAL);
  if (conditions === undefined) return false;
  if (conditions.kind !== 'sequence') {
    throw new CairnError('invalid-data', `${CONDITIONAL} must be a list of conditions, not ${kindName(conditions)}`, conditions.at, 'write each condition as a list item EXPRESSION: MAPPING');
  }
  node.delete(CONDITIONAL);

  for (const condition of conditions.items) {
    if (condition.kind !== 'mapping') {
      throw new CairnError('invalid-data', `a condition must be a mapping of an expression to what it applies, not ${kindName(condition)}`, condition.at);
    }
    const keys = [...condition.entries.keys()];
    if (keys.length === 0) throw new CairnError('invalid-data', 'a condition has no expression', condition.at);
    if (keys.length > 1) {
      throw new CairnError('invalid-data', `a condition has more than one key: '${keys[1]}' follows '${keys[0]}'`, condition.whereIs(keys[1]!), 'give each condition its own list item');
    }
    const expression = keys[0]!;
    const branch = condition.get(expression)!;
    const applies = pool.evaluate(expression, condition.whereIs(expression));
    if (branch.kind !== 'mapping') {
      throw new CairnError('illegal-composite', `only mappings can be applied by a conditional, not ${kindName(branch)}`, branch.at);
    }
    for (const key of forbiddenKeys) {
      if (branch.has(key)) {
        throw new CairnError('illegal-composite', `'${key}' cannot be set by a conditional`, branch.whereIs(key), 'set it unconditionally');
      }
    }
    if (applies) compositeInto(node, branch);
  }
  return true;
}
