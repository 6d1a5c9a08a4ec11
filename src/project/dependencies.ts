// Reads an element's dependency declarations (`build-depends`, `runtime-depends`, `depends`:
// strings, mappings, filename lists) into one list, merging repeated declarations of the same
// element the way BuildStream does: types and strictness are OR-ed, configs accumulate.

import { getBool, getMapping, getSequence, getString, validateKeys } from '../format/accessors.js';
import { CairnError, type Provenance } from '../format/errors.js';
import type { MappingNode, Node, ScalarNode } from '../format/node.js';

export type DependencyType = 'build' | 'runtime' | 'all';

export interface DeclaredDependency {
  /** The junction path the name is relative to (`a.bst` or `a.bst:b.bst`), if any. */
  readonly junction: string | undefined;
  readonly name: string;
  type: DependencyType;
  strict: boolean;
  configs: MappingNode[];
  readonly at: Provenance;
}

const TYPED_KEYS = ['filename', 'junction', 'strict', 'config'];
const UNTYPED_KEYS = ['filename', 'type', 'junction', 'strict', 'config'];

function union(a: DependencyType, b: DependencyType): DependencyType {
  return a === b ? a : 'all';
}

/** BuildStream reads build-depends, then runtime-depends, then depends; the order matters for sorting. */
export function readDependencies(element: MappingNode): DeclaredDependency[] {
  const byPath = new Map<string, DeclaredDependency>();
  readGroup(element, 'build-depends', 'build', byPath);
  readGroup(element, 'runtime-depends', 'runtime', byPath);
  readGroup(element, 'depends', undefined, byPath);
  return [...byPath.values()];
}

function readGroup(element: MappingNode, key: string, groupType: DependencyType | undefined, byPath: Map<string, DeclaredDependency>): void {
  const list = getSequence(element, key);
  if (!list) return;
  for (const item of list.items) {
    for (const dependency of readOne(item, groupType)) {
      const path = `${dependency.junction ?? ''}\u0000${dependency.name}`;
      const existing = byPath.get(path);
      if (!existing) {
        byPath.set(path, dependency);
        continue;
      }
      existing.type = union(existing.type, dependency.type);
      existing.strict ||= dependency.strict;
      existing.configs = [...existing.configs, ...dependency.configs];
    }
  }
}

function splitName(scalar: ScalarNode, junction: string | undefined): { junction: string | undefined; name: string } {
  const name = scalar.value;
  if (junction !== undefined) {
    if (name.includes(':')) {
      throw new CairnError('invalid-data', `dependency '${name}' contains ':' although 'junction' is given`, scalar.at, "drop the junction prefix from 'filename', or drop 'junction'");
    }
    return { junction, name };
  }
  const cut = name.lastIndexOf(':');
  return cut < 0 ? { junction: undefined, name } : { junction: name.slice(0, cut), name: name.slice(cut + 1) };
}

function readOne(item: Node, groupType: DependencyType | undefined): DeclaredDependency[] {
  if (item.kind === 'scalar') {
    return [{ ...splitName(item, undefined), type: groupType ?? 'all', strict: false, configs: [], at: item.at }];
  }
  if (item.kind !== 'mapping') {
    throw new CairnError('invalid-data', 'a dependency must be an element name or a mapping with a filename', item.at);
  }
  validateKeys(item, groupType ? TYPED_KEYS : UNTYPED_KEYS, 'a dependency');
  let type: DependencyType = groupType ?? 'all';
  const typeScalar = item.get('type');
  if (!groupType && typeScalar) {
    if (typeScalar.kind !== 'scalar' || !['build', 'runtime', 'all'].includes(typeScalar.value)) {
      throw new CairnError('invalid-data', `dependency type '${typeScalar.kind === 'scalar' ? typeScalar.value : '?'}' is not 'build', 'runtime' or 'all'`, typeScalar.at);
    }
    type = typeScalar.value as DependencyType;
  }
  const strict = getBool(item, 'strict', false);
  const strictNode = item.get('strict');
  if (!strict && strictNode) {
    throw new CairnError('invalid-data', "setting 'strict' to false is not supported", strictNode.at, "remove 'strict', or set it to true");
  }
  if (strict && type === 'runtime') {
    throw new CairnError('invalid-data', 'a runtime dependency cannot be strict', item.at, 'only dependencies needed at build time may be strict');
  }
  const config = getMapping(item, 'config');
  if (config && type === 'runtime') {
    throw new CairnError('invalid-data', "a runtime dependency cannot have 'config'", config.at);
  }
  const junction = getString(item, 'junction');
  const filename = item.get('filename');
  if (!filename) throw new CairnError('invalid-data', "a dependency mapping needs 'filename'", item.at);
  const names: ScalarNode[] = [];
  if (filename.kind === 'scalar') names.push(filename);
  else if (filename.kind === 'sequence') {
    for (const entry of filename.items) {
      if (entry.kind !== 'scalar') throw new CairnError('invalid-data', "'filename' lists must hold element names", entry.at);
      names.push(entry);
    }
  } else {
    throw new CairnError('invalid-data', "'filename' must be an element name or a list of them", filename.at);
  }
  return names.map((scalar) => ({
    ...splitName(scalar, junction),
    type,
    strict,
    configs: config ? [config] : [],
    at: scalar.at,
  }));
}
