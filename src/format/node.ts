// The YAML data model: every value is a string, a list or a mapping, and every one of them
// remembers the file, line and column it came from. Nothing here reads files or knows BuildStream
// keys; it only holds data and composes one tree onto another.

import { CairnError, type Provenance } from './errors.js';

export type Node = ScalarNode | SequenceNode | MappingNode;

/** Where a node made up by Cairn itself (not read from a file) claims to come from. */
export const SYNTHETIC: Provenance = Object.freeze({ file: '[synthetic]', line: 0, column: 0 });

/** A scalar; BuildStream keeps every scalar as its (stripped) text and types it on demand. */
export class ScalarNode {
  readonly kind = 'scalar' as const;
  constructor(
    public value: string,
    public at: Provenance,
  ) {}
  clone(): ScalarNode {
    return new ScalarNode(this.value, this.at);
  }
}

export class SequenceNode {
  readonly kind = 'sequence' as const;
  constructor(
    public items: Node[],
    public at: Provenance,
  ) {}
  clone(): SequenceNode {
    return new SequenceNode(
      this.items.map((item) => item.clone()),
      this.at,
    );
  }
}

export class MappingNode {
  readonly kind = 'mapping' as const;
  constructor(
    public entries: Map<string, Node>,
    public at: Provenance,
    /** Where each key was written, for "unknown key" errors; absent for keys Cairn added. */
    public keyAt: Map<string, Provenance> = new Map(),
  ) {}

  static empty(at: Provenance = SYNTHETIC): MappingNode {
    return new MappingNode(new Map(), at);
  }

  clone(): MappingNode {
    const entries = new Map<string, Node>();
    for (const [key, value] of this.entries) entries.set(key, value.clone());
    return new MappingNode(entries, this.at, new Map(this.keyAt));
  }

  get(key: string): Node | undefined {
    return this.entries.get(key);
  }
  has(key: string): boolean {
    return this.entries.has(key);
  }
  set(key: string, value: Node, keyAt?: Provenance): void {
    this.entries.set(key, value);
    if (keyAt) this.keyAt.set(key, keyAt);
  }
  delete(key: string): void {
    this.entries.delete(key);
    this.keyAt.delete(key);
  }
  keys(): IterableIterator<string> {
    return this.entries.keys();
  }
  /** Where the key was written, falling back to the mapping itself. */
  whereIs(key: string): Provenance {
    return this.keyAt.get(key) ?? this.entries.get(key)?.at ?? this.at;
  }
}

/** List composition directives: prepend, append, overwrite. */
export const PREPEND = '(<)';
export const APPEND = '(>)';
export const OVERWRITE = '(=)';
const LIST_DIRECTIVES = new Set([PREPEND, APPEND, OVERWRITE]);

/** Is this a mapping of list directives only (a "composite list")? Mixing them with keys is an error. */
export function isCompositeList(node: Node): boolean {
  if (node.kind !== 'mapping') return false;
  let directives = false;
  let others = false;
  for (const key of node.entries.keys()) {
    if (LIST_DIRECTIVES.has(key)) directives = true;
    else others = true;
  }
  if (directives && others) {
    throw new CairnError(
      'invalid-data',
      'a mapping mixes list directives ((<), (>), (=)) with ordinary keys',
      node.at,
      'put the directives in a mapping of their own under the list key',
    );
  }
  return directives;
}

function describeKind(node: Node): string {
  if (node.kind === 'scalar') return 'a string';
  if (node.kind === 'sequence') return 'a list';
  return isCompositeList(node) ? 'a list directive' : 'a mapping';
}

function illegal(source: Node, path: string[], target: Node): CairnError {
  return new CairnError(
    'illegal-composite',
    `cannot compose ${describeKind(source)} onto ${describeKind(target)} at '${path.join('.')}' (declared at ${target.at.file}:${target.at.line}:${target.at.column})`,
    source.at,
  );
}

/**
 * Compose `source` onto `target` in place: the source wins key by key, mappings merge
 * recursively, plain lists replace, list directives edit the list beneath them, and `(?)`
 * lists accumulate so that every layer's conditionals are evaluated later.
 * `source` is not modified; what is taken from it is cloned.
 */
export function compositeInto(target: MappingNode, source: MappingNode, path: string[] = []): void {
  for (const [key, value] of source.entries) {
    path.push(key);
    composeValue(key, value, target, path);
    const keyAt = source.keyAt.get(key);
    if (keyAt) target.keyAt.set(key, keyAt);
    path.pop();
  }
  if (source.at !== SYNTHETIC) target.at = source.at;
}

function composeValue(key: string, value: Node, target: MappingNode, path: string[]): void {
  const existing = target.entries.get(key);
  switch (value.kind) {
    case 'scalar':
      if (existing && existing.kind !== 'scalar') throw illegal(value, path, existing);
      target.entries.set(key, value.clone());
      return;
    case 'sequence':
      if (existing && existing.kind !== 'sequence' && !isCompositeList(existing)) {
        throw illegal(value, path, existing);
      }
      if (existing?.kind === 'sequence' && key === '(?)') {
        for (const item of value.items) existing.items.push(item.clone());
      } else {
        target.entries.set(key, value.clone());
      }
      return;
    case 'mapping':
      if (isCompositeList(value)) {
        if (!existing) target.entries.set(key, value.clone());
        else if (existing.kind === 'sequence') applyListDirectives(value, existing);
        else if (existing.kind === 'mapping' && isCompositeList(existing)) mergeListDirectives(value, existing);
        else throw illegal(value, path, existing);
        return;
      }
      if (!existing) {
        const fresh = new MappingNode(new Map(), value.at);
        target.entries.set(key, fresh);
        compositeInto(fresh, value, path);
      } else if (existing.kind === 'mapping') {
        compositeInto(existing, value, path);
      } else {
        throw illegal(value, path, existing);
      }
      return;
  }
}

function directiveList(node: MappingNode, directive: string): SequenceNode | undefined {
  const list = node.entries.get(directive);
  if (list === undefined) return undefined;
  if (list.kind !== 'sequence') {
    throw new CairnError('invalid-data', `the value of ${directive} must be a list`, list.at);
  }
  return list;
}

function applyListDirectives(directives: MappingNode, list: SequenceNode): void {
  const overwrite = directiveList(directives, OVERWRITE);
  const prepend = directiveList(directives, PREPEND);
  const append = directiveList(directives, APPEND);
  if (overwrite) list.items = overwrite.items.map((item) => item.clone());
  if (prepend) list.items = [...prepend.items.map((item) => item.clone()), ...list.items];
  if (append) list.items.push(...append.items.map((item) => item.clone()));
}

/** Two layers of directives before the list exists: the upper one's prefix goes first, its suffix last. */
function mergeListDirectives(upper: MappingNode, lower: MappingNode): void {
  const overwrite = directiveList(upper, OVERWRITE);
  const prepend = directiveList(upper, PREPEND);
  const append = directiveList(upper, APPEND);
  if (overwrite) {
    lower.entries.set(OVERWRITE, overwrite.clone());
    lower.entries.set(PREPEND, prepend ? prepend.clone() : new SequenceNode([], upper.at));
    lower.entries.set(APPEND, append ? append.clone() : new SequenceNode([], upper.at));
    return;
  }
  if (prepend) {
    const existing = directiveList(lower, PREPEND);
    if (existing) existing.items = [...prepend.items.map((item) => item.clone()), ...existing.items];
    else lower.entries.set(PREPEND, prepend.clone());
  }
  if (append) {
    const existing = directiveList(lower, APPEND);
    if (existing) existing.items.push(...append.items.map((item) => item.clone()));
    else lower.entries.set(APPEND, append.clone());
  }
}

/**
 * After all layers are composed no list directive may remain: one left over means a layer
 * tried to extend a list that no lower layer declared.
 */
export function assertFullyComposited(node: Node): void {
  if (node.kind === 'sequence') {
    for (const item of node.items) assertFullyComposited(item);
  } else if (node.kind === 'mapping') {
    for (const [key, value] of node.entries) {
      if (LIST_DIRECTIVES.has(key)) {
        throw new CairnError(
          'trailing-list-directive',
          `${key} extends a list that does not exist beneath it`,
          node.whereIs(key),
          'declare the list in a lower layer, or write it as a plain list',
        );
      }
      assertFullyComposited(value);
    }
  }
}

/** Plain data without positions, for printing (`%{vars}`, `%{config}`) and for cache keys. */
export type PlainValue = string | PlainValue[] | { [key: string]: PlainValue };

export function toPlain(node: Node): PlainValue {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'sequence':
      return node.items.map(toPlain);
    case 'mapping': {
      const out: { [key: string]: PlainValue } = {};
      for (const [key, value] of node.entries) out[key] = toPlain(value);
      return out;
    }
  }
}
