// Typed reads from a mapping: each returns the value as the type asked for, or throws a
// CairnError pointing at the exact value (or the mapping, when the key is missing).

import { CairnError } from './errors.js';
import type { MappingNode, Node, ScalarNode, SequenceNode } from './node.js';

const kindName = (node: Node): string => (node.kind === 'scalar' ? 'a string' : node.kind === 'sequence' ? 'a list' : 'a mapping');

/** Unknown keys are errors, as BuildStream validates them; `(@)`, `(?)`, `(!)` are always allowed. */
export function validateKeys(node: MappingNode, allowed: readonly string[], what: string): void {
  for (const key of node.entries.keys()) {
    if (allowed.includes(key) || key === '(@)' || key === '(?)' || key === '(!)') continue;
    throw new CairnError('invalid-data', `unexpected key '${key}' in ${what}`, node.whereIs(key), `valid keys: ${allowed.join(', ')}`);
  }
}

export function scalarOf(node: MappingNode, key: string): ScalarNode | undefined {
  const value = node.get(key);
  if (value === undefined) return undefined;
  if (value.kind !== 'scalar') throw new CairnError('invalid-data', `'${key}' must be a string, not ${kindName(value)}`, value.at);
  return value;
}

export function getString(node: MappingNode, key: string): string | undefined {
  return scalarOf(node, key)?.value;
}

export function requireString(node: MappingNode, key: string, what: string): ScalarNode {
  const value = scalarOf(node, key);
  if (value === undefined) throw new CairnError('invalid-data', `${what} has no '${key}'`, node.at, `add '${key}:'`);
  return value;
}

/** BuildStream's booleans: only True/true/1 and False/false/0; anything else is undefined. */
export function booleanValue(text: string): boolean | undefined {
  if (text === 'True' || text === 'true' || text === '1') return true;
  if (text === 'False' || text === 'false' || text === '0') return false;
  return undefined;
}

export function parseBool(scalar: ScalarNode, key: string): boolean {
  const value = booleanValue(scalar.value);
  if (value !== undefined) return value;
  throw new CairnError('invalid-data', `'${key}' must be a boolean, not '${scalar.value}'`, scalar.at, 'use true or false');
}

export function getBool(node: MappingNode, key: string, fallback: boolean): boolean {
  const scalar = scalarOf(node, key);
  return scalar === undefined ? fallback : parseBool(scalar, key);
}

export function getMapping(node: MappingNode, key: string): MappingNode | undefined {
  const value = node.get(key);
  if (value === undefined) return undefined;
  if (value.kind !== 'mapping') throw new CairnError('invalid-data', `'${key}' must be a mapping, not ${kindName(value)}`, value.at);
  return value;
}

export function getSequence(node: MappingNode, key: string): SequenceNode | undefined {
  const value = node.get(key);
  if (value === undefined) return undefined;
  if (value.kind !== 'sequence') throw new CairnError('invalid-data', `'${key}' must be a list, not ${kindName(value)}`, value.at);
  return value;
}

export function getStringList(node: MappingNode, key: string): ScalarNode[] {
  const list = getSequence(node, key);
  if (!list) return [];
  return list.items.map((item) => {
    if (item.kind !== 'scalar') throw new CairnError('invalid-data', `'${key}' must be a list of strings`, item.at);
    return item;
  });
}

