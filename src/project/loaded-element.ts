// An element as loading leaves it: its names, its project, its file after conditionals and
// includes, and its dependencies. Plain data that every later stage reads.

import type { Provenance } from '../format/errors.js';
import type { MappingNode } from '../format/node.js';
import type { DependencyType } from './dependencies.js';
import type { Project } from './project.js';

export interface LoadedDependency {
  readonly element: LoadedElement;
  /** The name as declared, before links are followed. */
  readonly path: string;
  readonly type: DependencyType;
  readonly strict: boolean;
  readonly configs: readonly MappingNode[];
  readonly at: Provenance;
}

export interface LoadedElement {
  /** Dense number, in load order, for bitsets. */
  readonly index: number;
  /** The name inside its own project (`base/alpine.bst`). */
  readonly name: string;
  /** The name from the top-level project (`junction.bst:base/alpine.bst`). */
  readonly fullName: string;
  /** The junction path the element was reached through ('' at the top level). */
  readonly junction: string;
  readonly project: Project;
  /** The element file after conditionals and includes, without its dependency lists. */
  readonly node: MappingNode;
  readonly kind: string;
  readonly kindAt: Provenance;
  /** Direct dependencies: in declaration order after loading, in staging order after sorting. */
  dependencies: LoadedDependency[];
}

