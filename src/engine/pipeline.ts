// The engine's first stages as one call: load the project and the targets' graph, sort it,
// compose every element and compute its keys. Front ends (CLI, action) call this and render
// the result; nothing here prints, fetches or builds.

import fs from 'node:fs';
import path from 'node:path';
import { hostPlatform, canonicalArch } from '../format/options.js';
import { CairnError } from '../format/errors.js';
import { getString } from '../format/accessors.js';
import { KeyTemplate, keyBase, type ElementKeys } from '../cache/cache-key.js';
import { canonicalJson, type JsonValue } from '../cache/canonical-json.js';
import { BuildScopes } from '../project/build-scope.js';
import { ElementComposer, type ComposedElement } from '../project/element.js';
import { toPlain } from '../format/node.js';
import { dependenciesOf, type Scope } from '../project/graph.js';
import { sortDependencies } from '../project/graph.js';
import { loadElements, type LoadedElement } from '../project/loader.js';
import { findProjectDirectory, loadProject, type Project } from '../project/project.js';
import type { DependencyView } from '../project/plugin-api.js';
import type { SourceMirror } from '../project/source-api.js';
import { builtinElementPlugins } from '../../plugins/elements/index.js';
import { builtinSourcePlugins } from '../../plugins/sources/index.js';

/** The kinds Cairn builds in: the engine hands them to the project layer. */
const BUILTIN_PLUGINS = { elements: builtinElementPlugins, sources: builtinSourcePlugins };

export interface PipelineOptions {
  /** Where to look for project.conf (upwards from here). */
  readonly directory: string;
  readonly targets: readonly string[];
  readonly cliOptions?: ReadonlyArray<readonly [string, string]>;
  /** BuildStream's strict mode (the default): strong keys equal strict keys. */
  readonly strict?: boolean;
  readonly maxJobs?: number;
  /** Mirrors from the user configuration, by project name. */
  readonly userMirrors?: ReadonlyMap<string, readonly SourceMirror[]>;
  /** The user's source cache: junctions whose sources are fetched there load from a staged copy. */
  readonly sourceDirectory?: string;
}

export interface KeyedElement {
  readonly loaded: LoadedElement;
  readonly composed: ComposedElement;
  /** Undefined when a source has no ref, or a build dependency has no key. */
  readonly keys: ElementKeys | undefined;
  /** Whether every source is pinned by a ref. */
  readonly resolved: boolean;
  /** Whether every source is available locally without fetching. */
  readonly sourcesLocal: boolean;
}

export interface KeyedGraph {
  readonly project: Project;
  readonly targets: readonly LoadedElement[];
  readonly strict: boolean;
  keyed(element: LoadedElement): KeyedElement;
  /** Elements in a scope of the targets, in BuildStream's order, with one shared visited set. */
  scope(scope: Scope | 'none'): LoadedElement[];
  /** Resolves more element names (for `--except`) without reloading. */
  lookup(name: string): LoadedElement;
  /** An element's build scope (what its build stages), in staging order. */
  buildScope(element: LoadedElement): LoadedElement[];
}

export async function loadPipeline(options: PipelineOptions): Promise<KeyedGraph> {
  const directory = findProjectDirectory(options.directory);
  const project = loadProject(directory, {
    builtins: BUILTIN_PLUGINS,
    ...(options.cliOptions ? { cliOptions: options.cliOptions } : {}),
    ...(options.maxJobs !== undefined ? { maxJobs: options.maxJobs } : {}),
    ...(options.userMirrors ? { userMirrors: options.userMirrors } : {}),
  });
  await project.plugins.loadLocal();
  const targetNames = options.targets.length > 0 ? options.targets : defaultTargets(project);
  const graph = await loadElements(project, targetNames, { sourceDirectory: options.sourceDirectory });
  // Subprojects may bring local plugins of their own.
  for (const sub of graph.projects) await sub.plugins.loadLocal();
  sortDependencies(graph.elements);
  const strict = options.strict ?? true;
  const scopes = new BuildScopes(graph.elements);
  const keyer = new Keyer(strict, scopes, graph.elements);
  // Every element is composed and checked at load, as BuildStream does, whatever is shown.
  for (const target of graph.targets) keyer.keyed(target);
  return {
    project,
    targets: graph.targets,
    strict,
    keyed: (element) => keyer.keyed(element),
    scope(scope) {
      if (scope === 'none') return [...new Set(graph.targets)];
      return dependenciesOf(graph.targets, scope);
    },
    lookup: (name) => graph.lookup(name),
    buildScope: (element) => Array.from(scopes.of(element), (index) => graph.elements[index]!),
  };
}

/** Without targets: project.conf's `defaults: targets:`, else every element file, as BuildStream does. */
function defaultTargets(project: Project): string[] {
  if (project.defaultTargets.length > 0) return [...project.defaultTargets];
  const found: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(project.elementPath, relative), { withFileTypes: true })) {
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      // .bst/ holds staged junctions: their subprojects' elements are not this project's.
      if (entry.isDirectory() && path.join(project.elementPath, name) === path.join(project.directory, '.bst')) continue;
      if (entry.isDirectory()) walk(name);
      else if (entry.name.endsWith('.bst')) found.push(name);
    }
  };
  walk('');
  if (found.length === 0) throw new CairnError('invalid-argument', `no targets given, and no .bst files under ${project.elementPath}`);
  return found.sort();
}

/** Composes and keys elements on demand, dependencies first, each once. */
class Keyer {
  private readonly composer = new ElementComposer();
  private readonly done = new Map<LoadedElement, KeyedElement>();
  private readonly platform = hostPlatform();

  /** Each keyed element's entries in its dependents' key lists, serialised once. */
  private readonly tuples: Array<{ name: string; withWeak: string; withStrict: string } | undefined>;

  constructor(
    private readonly strict: boolean,
    private readonly scopes: BuildScopes,
    elements: readonly LoadedElement[],
  ) {
    this.tuples = new Array(elements.length);
  }

  keyed(target: LoadedElement): KeyedElement {
    const known = this.done.get(target);
    if (known) return known;
    // Dependencies first, without recursion, never descending into what is already keyed.
    const stack: Array<[LoadedElement, number]> = [[target, 0]];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const [element, i] = frame;
      if (i < element.dependencies.length) {
        frame[1] = i + 1;
        const child = element.dependencies[i]!.element;
        if (!this.done.has(child)) stack.push([child, 0]);
        continue;
      }
      stack.pop();
      if (!this.done.has(element)) this.done.set(element, this.key(element));
    }
    return this.done.get(target)!;
  }

  private key(element: LoadedElement): KeyedElement {
    const dependencies: DependencyView[] = element.dependencies.map((d) => ({
      name: d.element.name,
      fullName: d.element.fullName,
      path: d.path,
      type: d.type,
      configs: d.configs,
      at: d.at,
    }));
    const composed = this.composer.compose(element, dependencies);
    const resolved = composed.sources.every((source) => source.plugin.isResolved(source.view));
    const sourcesLocal = composed.sources.every((source) => !source.plugin.needsFetch);
    const unkeyed = { loaded: element, composed, keys: undefined, resolved, sourcesLocal };
    if (!resolved || element.kind === 'junction') return unkeyed;

    const scope = this.scopes.of(element);
    const tuples = this.tuples;
    for (const index of scope) if (!tuples[index]) return unkeyed;

    const template = new KeyTemplate(keyBase(this.ingredients(composed)));
    const strictDeps = new Set(element.dependencies.filter((d) => d.strict).map((d) => d.element.index));
    const weakByKey = composed.plugin.strictRebuild;
    // One concatenation per key: V8 joins these as ropes and flattens once when hashing.
    let weakList = '';
    let strictList = '';
    for (let i = 0; i < scope.length; i++) {
      const index = scope[i]!;
      const tuple = tuples[index]!;
      const separator = i === 0 ? '' : ',';
      weakList += separator + (weakByKey || strictDeps.has(index) ? tuple.withWeak : tuple.name);
      strictList += separator + tuple.withStrict;
    }
    const weak = template.key(weakList);
    const strictKey = template.key(strictList, weak);
    const project = element.project.name;
    tuples[element.index] = {
      name: canonicalJson([project, element.name]),
      withWeak: canonicalJson([project, element.name, weak]),
      withStrict: canonicalJson([project, element.name, strictKey]),
    };
    return { loaded: element, composed, keys: { weak, strict: strictKey, strong: this.strict ? strictKey : undefined }, resolved, sourcesLocal };
  }

  private ingredients(composed: ComposedElement) {
    const runsCommands = composed.plugin.runsCommands(composed.view);
    const nocache = new Set(composed.environmentNocache);
    const environment: Record<string, JsonValue> = {};
    for (const [name, value] of composed.environment.entries) if (!nocache.has(name)) environment[name] = toPlain(value);
    return {
      buildRoot: composed.variables.get('build-root') ?? '',
      pluginKey: composed.plugin.uniqueKey(composed.view),
      kind: composed.loaded.kind,
      pluginVersion: composed.plugin.artifactVersion,
      public: toPlain(composed.public),
      sources: composed.sources.map((source) => {
        const entry: Record<string, JsonValue> = { key: source.plugin.uniqueKey(source.view), name: source.kind };
        if (source.view.directory) entry['directory'] = source.view.directory;
        return entry;
      }),
      fatalWarnings: composed.loaded.project.fatalWarnings,
      ...(runsCommands ? { sandbox: this.sandboxKey(composed), environment } : {}),
    };
  }

  /** The sandbox part of a key: build OS and arch always, uid/gid and the REAPI socket only when set. */
  private sandboxKey(composed: ComposedElement): JsonValue {
    const sandbox = composed.sandbox;
    const os = getString(sandbox, 'build-os');
    const arch = getString(sandbox, 'build-arch');
    const canonical = arch ? canonicalArch(arch) : canonicalArch(this.platform.arch);
    if (arch && !canonical) throw new CairnError('invalid-data', `unknown build-arch '${arch}'`, sandbox.get('build-arch')!.at);
    const result: Record<string, JsonValue> = { 'build-os': (os ?? this.platform.os).toLowerCase(), 'build-arch': canonical ?? this.platform.arch };
    for (const id of ['build-uid', 'build-gid']) {
      const text = getString(sandbox, id);
      if (text === undefined) continue;
      if (!/^-?\d+$/.test(text)) throw new CairnError('invalid-data', `'${id}' must be a whole number, not '${text}'`, sandbox.get(id)!.at);
      result[id] = Number(text);
    }
    const socket = sandbox.get('remote-apis-socket');
    if (socket?.kind === 'mapping') {
      const entry: Record<string, JsonValue> = { path: getString(socket, 'path') ?? '' };
      const update = getString(socket, 'action-cache-enable-update');
      if (update === 'True' || update === 'true' || update === '1') entry['action-cache-enable-update'] = true;
      result['remote-apis-socket'] = entry;
    }
    return result;
  }
}
