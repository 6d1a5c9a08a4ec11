// Typed reads from an element's `config:` (or a dependency's `config:`) with BuildStream's rules:
// booleans are only True/true/1 and False/false/0, lists hold only strings, unknown keys are
// errors. Every error names the key and points at the offending value. Nothing here knows a kind.

import { booleanValue } from '../../src/format/accessors.js';
import { CairnError } from '../../src/format/errors.js';
import type { MappingNode, Node, ScalarNode, SequenceNode } from '../../src/format/node.js';

function describe(node: Node): string {
  if (node.kind === 'scalar') return `'${node.value}'`;
  return node.kind === 'sequence' ? 'a list' : 'a mapping';
}

/** Any key outside `allowed` is an error pointing at that key; `what` says whose keys these are. */
export function checkKeys(mapping: MappingNode, allowed: readonly string[], what: string): void {
  for (const key of mapping.keys()) {
    if (allowed.includes(key)) continue;
    const hint = allowed.length === 0 ? `${what} takes no keys` : `${what} accepts: ${allowed.join(', ')}`;
    throw new CairnError('invalid-data', `unexpected key '${key}' in ${what}`, mapping.whereIs(key), hint);
  }
}

function missing(mapping: MappingNode, key: string, what: string): CairnError {
  return new CairnError('invalid-data', `${what} has no '${key}'`, mapping.at, `add '${key}:' to ${what}`);
}

function scalar(mapping: MappingNode, key: string): ScalarNode | undefined {
  const value = mapping.get(key);
  if (value === undefined) return undefined;
  if (value.kind !== 'scalar') {
    throw new CairnError('invalid-data', `'${key}' must be a single value, not ${describe(value)}`, value.at);
  }
  return value;
}

/** A string value; without a fallback the key is required. */
export function readString(mapping: MappingNode, key: string, what: string, fallback?: string): string {
  const value = scalar(mapping, key);
  if (value !== undefined) return value.value;
  if (fallback === undefined) throw missing(mapping, key, what);
  return fallback;
}

/** A string value, or undefined when the key is absent. */
export function readOptionalString(mapping: MappingNode, key: string): string | undefined {
  return scalar(mapping, key)?.value;
}

/** A boolean as BuildStream's ScalarNode.as_bool reads it; without a fallback the key is required. */
export function readBool(mapping: MappingNode, key: string, what: string, fallback?: boolean): boolean {
  const value = mapping.get(key);
  if (value === undefined) {
    if (fallback === undefined) throw missing(mapping, key, what);
    return fallback;
  }
  const parsed = value.kind === 'scalar' ? booleanValue(value.value) : undefined;
  if (parsed !== undefined) return parsed;
  throw new CairnError(
    'invalid-data',
    `'${key}' must be a boolean, not ${describe(value)}`,
    value.at,
    'write True, true or 1, or False, false or 0',
  );
}

function sequence(mapping: MappingNode, key: string): SequenceNode | undefined {
  const value = mapping.get(key);
  if (value === undefined) return undefined;
  if (value.kind !== 'sequence') {
    throw new CairnError('invalid-data', `'${key}' must be a list, not ${describe(value)}`, value.at);
  }
  return value;
}

/** A list of strings; without a fallback the key is required. */
export function readStringList(mapping: MappingNode, key: string, what: string, fallback?: readonly string[]): string[] {
  const list = sequence(mapping, key);
  if (list === undefined) {
    if (fallback === undefined) throw missing(mapping, key, what);
    return [...fallback];
  }
  return list.items.map((item) => {
    if (item.kind !== 'scalar') {
      throw new CairnError('invalid-data', `'${key}' must be a list of strings, but an item is ${describe(item)}`, item.at);
    }
    return item.value;
  });
}

/** A mapping, or undefined when the key is absent. */
export function readOptionalMapping(mapping: MappingNode, key: string): MappingNode | undefined {
  const value = mapping.get(key);
  if (value === undefined) return undefined;
  if (value.kind !== 'mapping') {
    throw new CairnError('invalid-data', `'${key}' must be a mapping, not ${describe(value)}`, value.at);
  }
  return value;
}

/** One of a fixed set of words; absent means `fallback`. */
export function readChoice<T extends string>(mapping: MappingNode, key: string, choices: readonly T[], fallback: T): T {
  const value = scalar(mapping, key);
  if (value === undefined) return fallback;
  const found = choices.find((choice) => choice === value.value);
  if (found === undefined) {
    throw new CairnError('invalid-data', `'${key}' must be one of ${choices.join(', ')}, not '${value.value}'`, value.at);
  }
  return found;
}
