// Package relationship fields (Depends, Pre-Depends, Provides) as Debian Policy 7.1 writes them:
// comma-separated groups of `|` alternatives, each `name[:arch] [(op version)] [[archs]] [<profiles>]`.
// It parses text into data; what satisfies a relation is the resolver's business.

import { CairnError, type Provenance } from '../../format/errors.js';
import { normaliseRelation, type VersionRelation } from './version.js';

export interface Relation {
  readonly name: string;
  /** The architecture qualifier (`any`, `native`, or an architecture), when written. */
  readonly qualifier?: string;
  readonly constraint?: { readonly relation: VersionRelation; readonly version: string };
  /** As written, for messages. */
  readonly text: string;
}

/** A comma-separated group: satisfied by any one of its alternatives. */
export type AlternativeGroup = readonly Relation[];

const ALTERNATIVE =
  /^([A-Za-z0-9][A-Za-z0-9+.\-_]*)(?::([A-Za-z0-9-]+))?\s*(?:\(\s*(<<|<=|>=|>>|=|<|>)\s*([^\s)]+)\s*\))?\s*(?:\[([^\]]*)\])?\s*((?:<[^>]*>\s*)*)$/;

export interface RelationContext {
  /** The architecture being resolved, for `[arch]` restrictions. */
  readonly architecture: string;
  /** Names the field in errors: "the Depends of libfoo 1.0-1". */
  readonly what: string;
  readonly at: Provenance;
}

/** One relationship field; alternatives restricted away from `architecture` are dropped. */
export function parseRelations(field: string, context: RelationContext): AlternativeGroup[] {
  const groups: AlternativeGroup[] = [];
  for (const written of field.split(',')) {
    if (written.trim() === '') continue;
    const group: Relation[] = [];
    for (const alternative of written.split('|')) {
      const relation = parseOne(alternative.replace(/\s+/g, ' ').trim(), context);
      if (relation) group.push(relation);
    }
    if (group.length > 0) groups.push(group);
  }
  return groups;
}

function parseOne(text: string, context: RelationContext): Relation | undefined {
  const match = ALTERNATIVE.exec(text);
  if (!match) throw new CairnError('invalid-data', `${context.what}: cannot parse the relation '${text}'`, context.at);
  const [, name, qualifier, op, version, architectures] = match;
  if (architectures !== undefined && !architectureMatches(architectures, context.architecture)) return undefined;
  let constraint: Relation['constraint'];
  if (op !== undefined && version !== undefined) {
    const relation = normaliseRelation(op);
    if (relation === undefined) throw new CairnError('invalid-data', `${context.what}: unknown version relation '${op}'`, context.at);
    constraint = { relation, version };
  }
  return {
    name: name!.toLowerCase(),
    ...(qualifier !== undefined ? { qualifier: qualifier.toLowerCase() } : {}),
    ...(constraint !== undefined ? { constraint } : {}),
    text,
  };
}

/** `[amd64 arm64]` keeps only those; `[!i386]` keeps all but those (Policy 7.1). */
function architectureMatches(list: string, architecture: string): boolean {
  const entries = list.split(/\s+/).filter((entry) => entry !== '');
  if (entries.length === 0) return true;
  const negated = entries.every((entry) => entry.startsWith('!'));
  if (negated) return !entries.some((entry) => entry.slice(1) === architecture || entry.slice(1) === 'any');
  return entries.some((entry) => entry === architecture || entry === 'any' || entry === `linux-${architecture}`);
}

/** How a relation reads in a message: `libfoo (>= 2.0)`. */
export function describeRelation(relation: Relation): string {
  const qualifier = relation.qualifier !== undefined ? `:${relation.qualifier}` : '';
  const constraint = relation.constraint ? ` (${relation.constraint.relation} ${relation.constraint.version})` : '';
  return `${relation.name}${qualifier}${constraint}`;
}
