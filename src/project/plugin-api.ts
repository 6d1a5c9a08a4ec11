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

// ---------------------------------------------------------------------------------------------
// Building. The engine lends an element kind a BuildContext for one build; the kind stages,
// runs and collects through it and never touches the cache or the sandbox directly.

/** A directory tree in the content store. */
export interface TreeHandle {
  readonly hash: string;
  readonly sizeBytes: number;
}

export interface BuildCommand {
  /** Where the command comes from, for logs and errors: `build-commands[2]`, `integration of base.bst`. */
  readonly label: string;
  readonly command: string;
  /** The line that declared it, when it came from an element file. */
  readonly at?: Provenance;
}

export interface RunOptions {
  readonly cwd: string;
  readonly rootReadOnly: boolean;
  /** Sandbox directories bound read-write; by default %{build-root} and %{install-root}. */
  readonly writable?: readonly string[];
  /** Variables added to the element's environment for these commands. */
  readonly environment?: Readonly<Record<string, string>>;
}

export interface SplitSelection {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly includeOrphans: boolean;
}

export interface BuildContext {
  /** A line for the build log. */
  log(line: string): void;
  /**
   * Stages the artifacts of these direct dependencies, each with its runtime dependencies, at
   * `location` (an absolute sandbox path), in BuildStream's staging order, each element once.
   */
  stageDependencies(dependencies: readonly DependencyView[], location: string): void;
  /**
   * Runs the integration commands of every element staged at `/`, with the root writable.
   * `inPlace` keeps their changes in the staged root, so stagedTree() and stagedPaths() see them.
   */
  integrate(options?: { readonly inPlace?: boolean }): Promise<void>;
  /** Stages the element's sources into the sandbox directory `path` (the build root). */
  stageSources(path: string): Promise<void>;
  /** Runs commands in the sandbox in order; the first failure fails the build. */
  run(commands: readonly BuildCommand[], options: RunOptions): Promise<void>;
  /** The tree a sandbox holding these dependencies (with their runtime dependencies) at `/` would have. */
  dependenciesTree(dependencies: readonly DependencyView[]): TreeHandle;
  /** Stores what the sandbox holds at `path` (the install root) as a tree. */
  collect(path: string): Promise<TreeHandle>;
  /** The element's sources staged on their own, as a tree (undefined when it has none). */
  sourceTree(): Promise<TreeHandle>;
  /** The subtree of `tree` at a relative path, or undefined when there is no directory there. */
  subtree(tree: TreeHandle, path: string): TreeHandle | undefined;
  /** A tree that holds `tree` at the relative path `path`. */
  placeTree(tree: TreeHandle, path: string): TreeHandle;
  emptyTree(): TreeHandle;
  /**
   * The files a split selection keeps (absolute paths, as BuildStream's compute_manifest), of one
   * direct dependency's artifact or of every element staged so far, each judged by its own
   * split rules. Domains no artifact defines are passed to `unknownDomain` when given.
   */
  manifest(of: DependencyView | 'staged', selection: SplitSelection, unknownDomain?: (domain: string) => void): Set<string>;
  /** A dependency's artifact files, filtered to the paths `keep` accepts. */
  dependencyTree(dependency: DependencyView, keep: (path: string) => boolean): Promise<TreeHandle>;
  /** Everything staged so far (after integration, when it ran) that `keep` accepts, as a tree. */
  stagedTree(keep: (path: string) => boolean): Promise<TreeHandle>;
  /** Absolute paths currently staged (directories included); after integration, what the sandbox root holds. */
  stagedPaths(): Promise<Set<string>>;
  /** A dependency's `public: bst:` list after its variables are expanded (integration-commands and the like). */
  dependencyPublicList(dependency: DependencyView, key: string): string[];
}

export interface BuildOutput {
  readonly files: TreeHandle;
  /** Extra integration commands the artifact's public data carries (a filter's pass-integration). */
  readonly integrationCommands?: readonly string[];
}

/** Element kinds that produce artifacts implement this; link and junction do not. */
export interface AssemblingElementPlugin extends ElementPlugin {
  assemble(element: ElementView, build: BuildContext): Promise<BuildOutput>;
}

export function canAssemble(plugin: ElementPlugin): plugin is AssemblingElementPlugin {
  return typeof (plugin as Partial<AssemblingElementPlugin>).assemble === 'function';
}
