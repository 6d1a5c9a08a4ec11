// Composes each loaded element as BuildStream does (the kind's defaults with project.conf's
// `elements:` override, then the element file, over the project's variables, environment,
// sandbox and split rules), expands its variables, and lets its kind and its sources'
// kinds validate and describe themselves. Pure: data in, data out.

import { getMapping, getSequence, getString, getStringList, validateKeys } from '../format/accessors.js';
import { CairnError } from '../format/errors.js';
import { assertFullyComposited, compositeInto, MappingNode, SYNTHETIC } from '../format/node.js';
import { assertNotProtected, Variables } from '../format/variables.js';
import { readYaml } from '../format/yaml-reader.js';
import type { LoadedElement } from './loaded-element.js';
import type { DependencyView, ElementPlugin, ElementView } from './plugin-api.js';
import type { Project } from './project.js';
import type { ComposedSource, SourceView } from './source-api.js';
export type { ComposedSource } from './source-api.js';


export interface ComposedElement {
  readonly loaded: LoadedElement;
  readonly plugin: ElementPlugin;
  readonly variables: Variables;
  readonly environment: MappingNode;
  readonly environmentNocache: readonly string[];
  readonly config: MappingNode;
  readonly sandbox: MappingNode;
  readonly public: MappingNode;
  readonly sources: readonly ComposedSource[];
  readonly view: ElementView;
}

/** The kind's defaults composed for one project: split rules and `elements:` overrides applied. */
interface KindDefaults {
  readonly node: MappingNode;
  readonly variables: Variables;
}

const DEFAULTS_KEYS = ['variables', 'environment', 'environment-nocache', 'config', 'public', 'sandbox'];

/** Holds what is shared between elements of one load (per-project, per-kind defaults). */
export class ElementComposer {
  private readonly kindDefaults = new Map<Project, Map<string, KindDefaults>>();
  private readonly projectVariables = new Map<Project, Variables>();

  compose(loaded: LoadedElement, dependencies: readonly DependencyView[]): ComposedElement {
    const project = loaded.project;
    const plugin = project.plugins.element(loaded.kind, loaded.kindAt);
    const defaults = this.defaultsFor(project, loaded.kind, plugin);
    const node = loaded.node;

    const ownVariables = getMapping(node, 'variables');
    if (ownVariables) assertNotProtected(ownVariables);
    // Variables works out max-jobs itself from the composed `notparallel`.
    const variables = Variables.derive(defaults.variables, ownVariables, { 'element-name': loaded.name });
    variables.check();

    const environment = layered(project.environment, defaults.node, node, 'environment');
    const environmentNocache = [...new Set([...project.environmentNocache, ...strings(defaults.node, 'environment-nocache'), ...strings(node, 'environment-nocache')])];
    const config = layeredConfig(defaults.node, node);
    const sandbox = layered(project.sandbox, defaults.node, node, 'sandbox');
    validateKeys(sandbox, ['build-uid', 'build-gid', 'build-os', 'build-arch', 'remote-apis-socket'], "'sandbox'");
    const publicData = composePublic(defaults.node, node);

    const expandedConfig = variables.expandNode(config) as MappingNode;
    const sources = this.composeSources(loaded, variables);
    const view: ElementView = {
      name: loaded.name,
      kind: loaded.kind,
      config: expandedConfig,
      variables: variables.resolved(),
      dependencies,
      sourceCount: sources.length,
      at: loaded.kindAt,
    };
    if (plugin.configKeys !== 'any') validateKeys(expandedConfig, plugin.configKeys, `the config of a ${loaded.kind} element`);
    plugin.validate(view);
    for (const source of sources) source.plugin.validate(source.view);
    return {
      loaded,
      plugin,
      variables,
      environment: variables.expandNode(environment) as MappingNode,
      environmentNocache,
      config: expandedConfig,
      sandbox: variables.expandNode(sandbox) as MappingNode,
      public: variables.expandNode(publicData) as MappingNode,
      sources,
      view,
    };
  }

  private defaultsFor(project: Project, kind: string, plugin: ElementPlugin): KindDefaults {
    let perProject = this.kindDefaults.get(project);
    if (!perProject) {
      perProject = new Map();
      this.kindDefaults.set(project, perProject);
    }
    const known = perProject.get(kind);
    if (known) return known;
    const node = readYaml(plugin.defaults, plugin.defaultsFile);
    validateKeys(node, DEFAULTS_KEYS, `the defaults of kind '${kind}'`);
    // The project's split rules, extended by the kind's own.
    const publicNode = getMapping(node, 'public') ?? new MappingNode(new Map(), SYNTHETIC);
    const bst = getMapping(publicNode, 'bst') ?? new MappingNode(new Map(), SYNTHETIC);
    const splits = project.splitRules.clone();
    const kindSplits = getMapping(bst, 'split-rules');
    if (kindSplits) compositeInto(splits, kindSplits);
    bst.set('split-rules', splits);
    publicNode.set('bst', bst);
    node.set('public', publicNode);
    const override = getMapping(project.elementOverrides, kind);
    if (override) {
      validateKeys(override, DEFAULTS_KEYS, `elements: ${kind}`);
      compositeInto(node, override);
    }
    const defaultVariables = getMapping(node, 'variables');
    const variables = Variables.derive(this.variablesOf(project), defaultVariables, {});
    const defaults = { node, variables };
    perProject.set(kind, defaults);
    return defaults;
  }

  private variablesOf(project: Project): Variables {
    let variables = this.projectVariables.get(project);
    if (!variables) {
      variables = new Variables(project.variables);
      this.projectVariables.set(project, variables);
    }
    return variables;
  }

  private composeSources(loaded: LoadedElement, variables: Variables): ComposedSource[] {
    const list = getSequence(loaded.node, 'sources');
    if (!list) return [];
    const project = loaded.project;
    const storedRefs = project.refStorage === 'project.refs' ? project.refs.get(loaded.name) : undefined;
    return list.items.map((item, index) => {
      if (item.kind !== 'mapping') throw new CairnError('invalid-data', 'each source must be a mapping with a kind', item.at);
      const kindScalar = item.get('kind');
      if (!kindScalar || kindScalar.kind !== 'scalar') throw new CairnError('invalid-data', "a source needs 'kind'", item.at);
      const plugin = project.plugins.source(kindScalar.value, kindScalar.at);
      validateKeys(item, ['kind', 'directory', 'provenance', ...plugin.configKeys], `a ${kindScalar.value} source`);
      const config = new MappingNode(new Map(), item.at);
      const override = getMapping(project.sourceOverrides, kindScalar.value);
      const overrideConfig = override ? getMapping(override, 'config') : undefined;
      if (overrideConfig) compositeInto(config, overrideConfig);
      const own = item.clone();
      for (const key of ['kind', 'directory', 'provenance']) own.delete(key);
      compositeInto(config, own);
      // With project.refs, the stored ref replaces any ref written in the element.
      const stored = storedRefs?.[index];
      if (project.refStorage === 'project.refs') config.delete('ref');
      if (stored) compositeInto(config, stored);
      assertFullyComposited(config);
      const expanded = variables.expandNode(config) as MappingNode;
      const directory = getString(item, 'directory');
      const view: SourceView = {
        kind: kindScalar.value,
        config: expanded,
        directory: directory === undefined ? undefined : variables.expand(directory, item.get('directory')!.at),
        projectDirectory: project.directory,
        aliases: project.aliases,
        mirrors: project.mirrors,
        at: kindScalar.at,
      };
      return { kind: kindScalar.value, plugin, view };
    });
  }
}

/** project value ← kind defaults ← element, for environment and sandbox. */
function layered(projectNode: MappingNode, defaults: MappingNode, element: MappingNode, key: string): MappingNode {
  const result = projectNode.clone();
  const fromDefaults = getMapping(defaults, key);
  if (fromDefaults) compositeInto(result, fromDefaults);
  const own = getMapping(element, key);
  if (own) compositeInto(result, own);
  assertFullyComposited(result);
  return result;
}

function layeredConfig(defaults: MappingNode, element: MappingNode): MappingNode {
  const config = (getMapping(defaults, 'config') ?? new MappingNode(new Map(), SYNTHETIC)).clone();
  const own = getMapping(element, 'config');
  if (own) compositeInto(config, own);
  assertFullyComposited(config);
  return config;
}

/**
 * Public data is the element's own, with split rules that extend the project's and the kind's
 * (as BuildStream does: the kind's other public keys do not carry over).
 */
function composePublic(defaults: MappingNode, element: MappingNode): MappingNode {
  const base = getMapping(defaults, 'public');
  const baseBst = base ? getMapping(base, 'bst') : undefined;
  const splits = (baseBst ? getMapping(baseBst, 'split-rules') : undefined)?.clone() ?? new MappingNode(new Map(), SYNTHETIC);
  const own = (getMapping(element, 'public') ?? new MappingNode(new Map(), SYNTHETIC)).clone();
  const ownBst = getMapping(own, 'bst') ?? new MappingNode(new Map(), SYNTHETIC);
  const ownSplits = getMapping(ownBst, 'split-rules');
  if (ownSplits) compositeInto(splits, ownSplits);
  ownBst.set('split-rules', splits);
  own.set('bst', ownBst);
  assertFullyComposited(own);
  return own;
}

function strings(node: MappingNode, key: string): string[] {
  return getStringList(node, key).map((s) => s.value);
}


