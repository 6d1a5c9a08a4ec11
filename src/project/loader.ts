// Loads element files from the targets outwards: each file is read once, its conditionals and
// includes resolved, its dependency declarations turned into edges to other loaded elements
// (following links, and junctions into their subprojects). The result is the raw element graph;
// composing configuration and computing keys come after. A junction whose sources are fetched
// loads from their staged copy (junction-sources.ts); it never fetches.

import fs from 'node:fs';
import path from 'node:path';
import { getMapping, getString, scalarOf, validateKeys } from '../format/accessors.js';
import { CairnError, messageOf, type Provenance } from '../format/errors.js';
import { processIncludes, type IncludeContext, type IncludedFile } from '../format/includes.js';
import { ScalarNode } from '../format/node.js';
import { Variables } from '../format/variables.js';
import { readYaml } from '../format/yaml-reader.js';
import { readDependencies } from './dependencies.js';
import { ElementComposer } from './element.js';
import type { ComposedSource } from './source-api.js';
import { checkElementName } from './element-name.js';
import { locateJunction, stageJunction, type JunctionStaging } from './junction-sources.js';
import { loadProject, type Project, type ProjectSettings } from './project.js';
import { isInside, projectPath } from './project-path.js';
import type { LoadedElement } from './loaded-element.js';

export const ELEMENT_KEYS = [
  'kind', 'description', 'depends', 'build-depends', 'runtime-depends', 'sources', 'variables',
  'environment', 'environment-nocache', 'config', 'public', 'sandbox',
] as const;

export type { LoadedDependency, LoadedElement } from './loaded-element.js';

/** One project's share of the loading: its elements by name, and its subprojects by junction. */
class ProjectLoader {
  readonly elements = new Map<string, LoadedElement>();
  private readonly subprojects = new Map<string, ProjectLoader>();

  constructor(
    readonly project: Project,
    readonly junctionPath: string,
    private readonly shared: LoadState,
    /** Overrides from the junction that loaded this project: sub-element → element in the parent. */
    private readonly overrides: ReadonlyMap<string, { loader: ProjectLoader; name: string; at: Provenance }> = new Map(),
  ) {}

  /** The element `name` (which may cross junctions), reading its file on first use. */
  element(name: string, at: Provenance | undefined): LoadedElement {
    const cut = name.indexOf(':');
    if (cut >= 0) {
      const junction = checkElementName(name.slice(0, cut), at);
      return this.subproject(junction, at).element(name.slice(cut + 1), at);
    }
    const normal = checkElementName(name, at);
    const override = this.overrides.get(normal);
    if (override) return override.loader.element(override.name, override.at);
    return this.elements.get(normal) ?? this.read(normal, at);
  }

  private read(name: string, at: Provenance | undefined): LoadedElement {
    const file = path.join(this.project.elementPath, name);
    const shownAs = this.project.displayPrefix + path.relative(this.project.directory, file);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const problem = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(code);
      throw new CairnError(code === 'EISDIR' ? 'loading-directory' : 'missing-file', `cannot load element '${name}' from ${shownAs}: ${problem}`, at);
    }
    const node = readYaml(text, shownAs);
    this.project.conditionals(node);
    processIncludes(node, this.includeContext());
    validateKeys(node, ELEMENT_KEYS, `element '${name}'`);
    const kindScalar = node.get('kind');
    if (!kindScalar || kindScalar.kind !== 'scalar' || kindScalar.value === '') {
      throw new CairnError('invalid-data', `element '${name}' has no 'kind'`, kindScalar?.at ?? node.at, 'add for example kind: manual');
    }
    const element: LoadedElement = {
      index: this.shared.all.length,
      name,
      fullName: this.junctionPath ? `${this.junctionPath}:${name}` : name,
      junction: this.junctionPath,
      project: this.project,
      node,
      kind: kindScalar.value,
      kindAt: kindScalar.at,
      dependencies: [],
    };
    this.elements.set(name, element);
    this.shared.all.push(element);
    this.shared.pending.push({ element, loader: this });
    return element;
  }

  /**
   * How an element file's `(@)` includes resolve: each included file's conditionals are
   * evaluated with its own project's options, and a file included from a junction is expanded
   * with that subproject's variables when it is included, as BuildStream does.
   */
  includeContext(): IncludeContext {
    const context: IncludeContext = {
      resolve: (include: ScalarNode): IncludedFile => {
        const cut = include.value.lastIndexOf(':');
        if (cut < 0) return { ...this.project.includes.resolve(include), context };
        const sub = this.subproject(include.value.slice(0, cut), include.at);
        const file = sub.project.includes.resolve(new ScalarNode(include.value.slice(cut + 1), include.at));
        const node = new Variables(sub.project.variables).expandNode(file.node);
        return { node, identity: file.identity, context: sub.includeContext() };
      },
      conditionals: this.project.conditionals,
    };
    return context;
  }

  /** Turns the element's declarations into edges, loading what they name. */
  resolveDependencies(element: LoadedElement): void {
    const declared = readDependencies(element.node);
    for (const key of ['depends', 'build-depends', 'runtime-depends']) element.node.delete(key);
    if (declared.length > 0 && (element.kind === 'junction' || element.kind === 'link')) {
      throw new CairnError('invalid-data', `a ${element.kind} element cannot have dependencies`, declared[0]!.at);
    }
    for (const dependency of declared) {
      const name = dependency.junction ? `${dependency.junction}:${dependency.name}` : dependency.name;
      const target = this.followLinks(this.element(name, dependency.at), dependency.at);
      if (target.kind === 'junction') {
        throw new CairnError('invalid-data', `'${name}' is a junction: depend on an element inside it, as '${name}:element.bst'`, dependency.at);
      }
      element.dependencies.push({ element: target, path: name, type: dependency.type, strict: dependency.strict, configs: dependency.configs, at: dependency.at });
    }
  }

  /** A link stands for its target, which may be another link, or be across a junction. */
  followLinks(element: LoadedElement, at: Provenance): LoadedElement {
    const seen = new Set<LoadedElement>();
    let current = element;
    while (current.kind === 'link') {
      if (seen.has(current)) {
        throw new CairnError('circular-dependency', `links form a loop: ${[...seen, current].map((e) => e.fullName).join(' -> ')}`, at);
      }
      seen.add(current);
      const config = getMapping(current.node, 'config');
      if (config) validateKeys(config, ['target'], `link '${current.name}'`);
      const targetScalar = config?.get('target');
      if (!config || !targetScalar || targetScalar.kind !== 'scalar') {
        throw new CairnError('invalid-data', `link '${current.name}' needs 'config: target:'`, current.kindAt);
      }
      if (current.node.has('sources')) throw new CairnError('invalid-data', `a link element cannot have sources`, current.node.whereIs('sources'));
      const owner = this.shared.loaderOf(current);
      current = owner.element(targetScalar.value, targetScalar.at);
    }
    return current;
  }

  /** The subproject behind the junction element `name` of this project. */
  subproject(name: string, at: Provenance | undefined): ProjectLoader {
    const known = this.subprojects.get(name);
    if (known) return known;
    const junction = this.followLinks(this.element(name, at), at ?? COMMAND_LINE);
    if (junction.kind !== 'junction') {
      throw new CairnError('invalid-junction', `'${name}' is not a junction (its kind is '${junction.kind}')`, at);
    }
    const owner = this.shared.loaderOf(junction);
    const directory = owner.junctionDirectory(junction, at);
    const config = getMapping(junction.node, 'config');
    if (config) validateKeys(config, ['path', 'options', 'overrides', 'aliases', 'map-aliases'], `junction '${junction.name}'`);
    const options = config ? getMapping(config, 'options') : undefined;
    const fullPath = junction.fullName;
    const settings: ProjectSettings = {
      displayPrefix: `${fullPath}:`,
      maxJobs: this.project.maxJobs,
      userMirrors: this.project.userMirrors,
      builtins: this.project.builtins,
      ...(options ? { junctionOptions: options } : {}),
    };
    let project: Project;
    try {
      project = loadProject(directory, settings);
    } catch (error) {
      if (error instanceof CairnError && error.reason === 'missing-project-conf') {
        throw new CairnError('invalid-junction', `junction '${junction.name}' has no project.conf at ${path.relative(this.project.directory, directory) || '.'}`, junction.kindAt, "set the junction's config: path: to the directory holding project.conf");
      }
      throw error;
    }
    const overrides = new Map<string, { loader: ProjectLoader; name: string; at: Provenance }>();
    const overridesNode = config ? getMapping(config, 'overrides') : undefined;
    for (const [subName, value] of overridesNode?.entries ?? []) {
      if (value.kind !== 'scalar') throw new CairnError('invalid-data', `the override of '${subName}' must be an element name`, value.at);
      if (subName === value.value) throw new CairnError('invalid-data', `'${subName}' cannot override itself`, value.at);
      overrides.set(checkElementName(subName, value.at), { loader: owner, name: value.value, at: value.at });
    }
    const loader = new ProjectLoader(project, fullPath, this.shared, overrides);
    this.subprojects.set(name, loader);
    this.shared.loaders.push(loader);
    return loader;
  }

  /**
   * Where a junction's subproject lives: its one local source in place, else its sources staged
   * from the source cache; then `config: path:` below that. `at` is where the junction was needed.
   */
  private junctionDirectory(junction: LoadedElement, at: Provenance | undefined): string {
    const sources = junction.node.get('sources');
    const list = sources?.kind === 'sequence' ? sources.items : [];
    const first = list[0];
    const config = getMapping(junction.node, 'config');
    const subdir = config ? scalarOf(config, 'path') : undefined;
    if (list.length === 1 && first?.kind === 'mapping' && getString(first, 'kind') === 'local') {
      const sourcePath = scalarOf(first, 'path');
      // Checked on its own first, so a path that leaves the project is reported at its own line.
      const source = sourcePath ? projectPath(this.project.directory, sourcePath, `the local source path of junction '${junction.name}'`) : this.project.directory;
      return junctionSubdirectory(junction, source, subdir, this.project.directory, 'the project');
    }
    const staged = this.stagedJunction(junction, at);
    return junctionSubdirectory(junction, staged, subdir, staged, 'its staged sources');
  }

  /** The staged copy of a fetched junction's sources, or an error saying what the user must do first. */
  private stagedJunction(junction: LoadedElement, at: Provenance | undefined): string {
    const name = junction.fullName;
    const sources: readonly ComposedSource[] = this.shared.composer.compose(junction, []).sources;
    if (sources.length === 0) {
      throw new CairnError('invalid-junction', `junction '${name}' has no sources, so it has no subproject`, junction.kindAt, 'add a source holding the subproject (kind: local, git, tar...)');
    }
    const location = locateJunction(name, sources, { stagingRoot: this.shared.stagingRoot, sourceDirectory: this.shared.sourceDirectory });
    switch (location.state) {
      case 'staged':
        return location.directory;
      case 'no-ref':
        throw new CairnError('invalid-junction', `junction '${name}' has no ref, so its subproject cannot load`, at ?? location.unpinned.view.at, `pin it with cairn track ${name}`);
      case 'fetch-needed':
        throw new CairnError('source-not-cached', `junction '${name}' must be fetched before its subproject can load`, at ?? junction.kindAt, `run cairn fetch ${name}`);
      case 'stage-needed':
        // Staging is asynchronous and loading is not: loadElements stages, then loads again.
        throw new JunctionNotStaged(location.staging, at ?? junction.kindAt, junction.kindAt);
    }
  }
}

/**
 * The directory `config: path:` names below a junction's sources, where the subproject is
 * loaded from. It must stay inside `root`: the project for a local source used in place, the
 * staged copy for fetched sources.
 */
function junctionSubdirectory(junction: LoadedElement, sources: string, subdir: ScalarNode | undefined, root: string, rootName: string): string {
  const directory = path.resolve(sources, subdir?.value ?? '');
  if (!isInside(root, directory)) {
    throw new CairnError('invalid-path', `the config: path: of junction '${junction.name}' leaves ${rootName}`, subdir?.at ?? junction.kindAt);
  }
  return directory;
}

/** Thrown through a load that reached a fetched junction not yet staged; loadElements stages it and loads again. */
class JunctionNotStaged extends Error {
  constructor(
    readonly staging: JunctionStaging,
    /** Where the junction was needed. */
    readonly at: Provenance,
    /** The junction element itself, where errors in staging it are reported. */
    readonly junctionAt: Provenance,
  ) {
    super(`junction '${staging.junction}' is fetched but not staged`);
  }
}

interface LoadState {
  /** The top-level project's directory, which holds `.bst/staged-junctions/`. */
  readonly stagingRoot: string;
  readonly sourceDirectory: string | undefined;
  /** Composes junctions, to find their sources' refs and keys. */
  readonly composer: ElementComposer;
  readonly all: LoadedElement[];
  readonly pending: Array<{ element: LoadedElement; loader: ProjectLoader }>;
  readonly loaders: ProjectLoader[];
  loaderOf(element: LoadedElement): ProjectLoader;
}

/** Where names given on the command line come from, for errors about them. */
const COMMAND_LINE: Provenance = Object.freeze({ file: '<command line>', line: 0, column: 0 });

export interface LoadedGraph {
  readonly project: Project;
  /** The top-level project and every subproject loaded through a junction. */
  readonly projects: readonly Project[];
  /** The targets, links followed, in the order asked for. */
  readonly targets: readonly LoadedElement[];
  /** Every element loaded, in load order. */
  readonly elements: readonly LoadedElement[];
  /** Finds an element by name without loading anything new (for `--except`). */
  lookup(name: string, at?: Provenance): LoadedElement;
}

export interface LoadOptions {
  /**
   * The user's source cache. Junctions whose sources are fetched (git, tar...) load once their
   * sources are in it; without it, only junctions already staged or with one local source load.
   */
  readonly sourceDirectory?: string;
}

/**
 * Loads the targets and everything they depend on. A fetched junction met on the way is staged
 * (once: later loads reuse its staged directory) and the load starts again.
 */
export async function loadElements(project: Project, targetNames: readonly string[], options: LoadOptions = {}): Promise<LoadedGraph> {
  const staged = new Set<string>();
  const composer = new ElementComposer();
  for (;;) {
    try {
      return loadOnce(project, targetNames, options, composer);
    } catch (error) {
      if (!(error instanceof JunctionNotStaged)) throw error;
      // The staged directory exists after staging, so the same junction cannot come back.
      if (staged.has(error.staging.directory)) throw stillNotStaged(error);
      staged.add(error.staging.directory);
      await stageNeededJunction(error);
    }
  }
}

/** Stages the junction a load stopped at; a failure names the junction and points at it. */
async function stageNeededJunction(needed: JunctionNotStaged): Promise<void> {
  try {
    await stageJunction(needed.staging);
  } catch (error) {
    throw stagingFailed(needed, error);
  }
}

/**
 * A staging failure as the user's error: said to be the junction's, at its element. A CairnError
 * keeps its reason, hint and own position (a source's line inside the junction element is the
 * closer one); anything else (a full disk, a file in the way) is a failure to get the sources.
 */
function stagingFailed(needed: JunctionNotStaged, error: unknown): CairnError {
  const message = `staging junction '${needed.staging.junction}' failed: ${messageOf(error)}`;
  if (error instanceof CairnError) return new CairnError(error.reason, message, error.provenance ?? needed.junctionAt, error.hint);
  return new CairnError('fetch-failed', message, needed.junctionAt);
}


/** Staging said it put the directory in place, yet the next load did not find it there. */
function stillNotStaged(needed: JunctionNotStaged): CairnError {
  const { junction, directory } = needed.staging;
  return new CairnError('fetch-failed', `junction '${junction}' was staged but is still not found at ${directory}`, needed.junctionAt, 'check that nothing else removes .bst/staged-junctions/ while Cairn loads');
}

function loadOnce(project: Project, targetNames: readonly string[], options: LoadOptions, composer: ElementComposer): LoadedGraph {
  const loaders: ProjectLoader[] = [];
  const owners = new Map<Project, ProjectLoader>();
  const state: LoadState = {
    stagingRoot: project.directory,
    sourceDirectory: options.sourceDirectory,
    composer,
    all: [],
    pending: [],
    loaders,
    loaderOf(element) {
      let loader = owners.get(element.project);
      if (!loader) {
        loader = loaders.find((candidate) => candidate.project === element.project)!;
        owners.set(element.project, loader);
      }
      return loader;
    },
  };
  const root = new ProjectLoader(project, '', state);
  loaders.push(root);
  const drain = (): void => {
    // A work list, not recursion: a chain of 100,000 elements loads like a flat project.
    while (state.pending.length > 0) {
      const { element, loader } = state.pending.pop()!;
      loader.resolveDependencies(element);
    }
  };
  const targets = targetNames.map((name) => {
    const element = root.followLinks(root.element(name, undefined), COMMAND_LINE);
    drain();
    return element;
  });
  drain();
  detectCycles(state.all);
  return {
    project,
    get projects() {
      return loaders.map((loader) => loader.project);
    },
    targets,
    elements: state.all,
    lookup(name, at) {
      const before = state.all.length;
      let element: LoadedElement;
      try {
        element = root.followLinks(root.element(name, at), at ?? COMMAND_LINE);
        drain();
      } catch (error) {
        // A lookup cannot wait for staging; the targets' load stages what they reach.
        if (!(error instanceof JunctionNotStaged)) throw error;
        throw new CairnError('source-not-cached', `junction '${error.staging.junction}' is fetched but its subproject is not staged yet`, error.at, `name an element of ${error.staging.junction} among the targets first`);
      }
      if (state.all.length > before) detectCycles(state.all);
      return element;
    },
  };
}

/** A dependency cycle is an error that prints every element in the loop. */
function detectCycles(elements: readonly LoadedElement[]): void {
  const state = new Uint8Array(elements.length); // 0 new, 1 on the path, 2 done
  for (const start of elements) {
    if (state[start.index] !== 0) continue;
    const path: LoadedElement[] = [start];
    const next: number[] = [0];
    state[start.index] = 1;
    while (path.length > 0) {
      const top = path[path.length - 1]!;
      const i = next[next.length - 1]!;
      if (i >= top.dependencies.length) {
        state[top.index] = 2;
        path.pop();
        next.pop();
        continue;
      }
      next[next.length - 1] = i + 1;
      const dependency = top.dependencies[i]!;
      const child = dependency.element;
      if (state[child.index] === 1) {
        const loop = path.slice(path.indexOf(child)).map((e) => e.fullName);
        throw new CairnError('circular-dependency', `dependency cycle: ${[...loop, child.fullName].join(' -> ')}`, dependency.at);
      }
      if (state[child.index] === 0) {
        state[child.index] = 1;
        path.push(child);
        next.push(0);
      }
    }
  }
}
