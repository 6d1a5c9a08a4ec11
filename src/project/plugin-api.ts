// The contract between Cairn's engine and an element kind. Built-in kinds in plugins/ use exactly
// this API, as a project's own plugin (project.conf `plugins:` with `origin: local`) would.

import type { JsonValue } from '../cache/canonical-json.js';
import type { Provenance } from '../format/errors.js';
import type { MappingNode } from '../format/node.js';

export type DependencyType = 'build' | 'runtime' | 'all';

/** A direct dependency as the element kind sees it, after loading and merging declarations. */
export interface DependencyView {
  /** The dependency's name inside its own project (`base/alpine.bst`). */
  readonly name: string;
  /** The dependency's full name from the top-level project (`junction.bst:base/alpine.bst`). */
  readonly fullName: string;
  /** The name as the declaration wrote it (`junction.bst:name.bst`), before links are followed. */
  readonly path: string;
  readonly type: DependencyType;
  /** Each `config:` given where the dependency was declared, variables expanded (build deps only). */
  readonly configs: readonly MappingNode[];
  readonly at: Provenance;
}

/** Everything an element kind may read about the element it configures. */
export interface ElementView {
  readonly name: string;
  readonly kind: string;
  /** The composed `config:` with variables expanded. */
  readonly config: MappingNode;
  /** The resolved variables. */
  readonly variables: ReadonlyMap<string, string>;
  readonly dependencies: readonly DependencyView[];
  readonly sourceCount: number;
  /** Where `kind:` was written, for errors about the element as a whole. */
  readonly at: Provenance;
}

export interface ElementPlugin {
  readonly kind: string;
  /**
   * The kind's default configuration as YAML text (keys: variables, environment,
   * environment-nocache, config, public, sandbox), composed under project.conf `elements:`
   * overrides and the element file exactly as BuildStream composes a plugin's YAML.
   */
  readonly defaults: string;
  /** The name under which errors in `defaults` are reported, e.g. `plugins/elements/manual.yaml`. */
  readonly defaultsFile: string;
  /** The keys allowed under `config:` (anything else is an error naming the key), or 'any'. */
  readonly configKeys: readonly string[] | 'any';
  /** BuildStream's BST_ARTIFACT_VERSION of the kind (enters the cache key). */
  readonly artifactVersion: number;
  /** Whether dependencies' weak keys enter the weak key (BST_STRICT_REBUILD). */
  readonly strictRebuild: boolean;
  /** Whether the element runs commands in a sandbox (sandbox and environment then enter its key). */
  runsCommands(element: ElementView): boolean;
  /** Whether dependency `config:` is accepted (BuildStream's configure_dependencies). */
  readonly acceptsDependencyConfig: boolean;
  /** Checks the configuration and the dependency shape; throws CairnError with provenance. */
  validate(element: ElementView): void;
  /** The kind's contribution to the cache key (BuildStream's get_unique_key). */
  uniqueKey(element: ElementView): JsonValue;
}
