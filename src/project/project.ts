// Loads a project: project.conf composed onto BuildStream's built-in defaults, its includes,
// options and conditionals resolved, and everything elements need from it set out as plain
// data. It reads files and nothing else.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getBool, getMapping, getSequence, getStringList, requireString, scalarOf, validateKeys } from '../format/accessors.js';
import { CairnError } from '../format/errors.js';
import { processIncludes, type IncludeContext, type IncludedFile } from '../format/includes.js';
import { assertFullyComposited, compositeInto, MappingNode, ScalarNode, SYNTHETIC, type SequenceNode } from '../format/node.js';
import { resolveConditionals } from '../format/conditionals.js';
import { OptionPool } from '../format/options.js';
import { assertNotProtected, BUILTIN_VARIABLES_YAML, Variables } from '../format/variables.js';
import type { SourceMirror } from './source-api.js';
import { readYaml } from '../format/yaml-reader.js';
import { projectPath } from './project-path.js';
import { FORMAT_MAJOR, FORMAT_MINOR, KEYS_NOT_CONDITIONAL, PROJECT_DEFAULTS_FILE, PROJECT_DEFAULTS_YAML, PROJECT_KEYS } from './project-defaults.js';
import { resolvePlugins, type BuiltinPlugins, type PluginTable } from './plugins.js';

export type RefStorage = 'inline' | 'project.refs';

/** What a project contributes to each of its elements, after loading. */
export interface Project {
  readonly name: string;
  /** Absolute path of the directory holding project.conf. */
  readonly directory: string;
  readonly elementPath: string;
  /** Prefix for file names in errors: '' for the top-level project, 'junction.bst:' below it. */
  readonly displayPrefix: string;
  readonly options: OptionPool;
  /** Project variables, unexpanded: builtin defaults, project.conf, exported options, project-name, max-jobs. */
  readonly variables: MappingNode;
  readonly environment: MappingNode;
  readonly environmentNocache: readonly string[];
  readonly sandbox: MappingNode;
  readonly splitRules: MappingNode;
  /** project.conf `elements:` and `sources:` per-kind overrides. */
  readonly elementOverrides: MappingNode;
  readonly sourceOverrides: MappingNode;
  readonly aliases: ReadonlyMap<string, string>;
  /** `mirrors:` in order (the user's first): each names, per alias, the URL prefixes to try before the alias's own. */
  readonly mirrors: readonly SourceMirror[];
  /** The user's mirrors for every project, handed on to subprojects. */
  readonly userMirrors: ReadonlyMap<string, readonly SourceMirror[]>;
  readonly fatalWarnings: readonly string[];
  readonly refStorage: RefStorage;
  /** With `ref-storage: project.refs`, the refs of this project's sources: element name → one mapping per source. */
  readonly refs: ReadonlyMap<string, readonly MappingNode[]>;
  readonly defaultTargets: readonly string[];
  readonly plugins: PluginTable;
  /** The built-in kinds, handed on to subprojects. */
  readonly builtins: BuiltinPlugins;
  readonly conditionals: (node: MappingNode) => void;
  /** Reads a project-relative YAML file for `(@)` includes, cached per project. */
  readonly includes: IncludeContext;
  readonly maxJobs: number;
}

export interface ProjectSettings {
  /** `-o NAME VALUE` pairs from the command line, applied last. */
  readonly cliOptions?: ReadonlyArray<readonly [string, string]>;
  /** Values for this project's options from a junction's `config: options:`. */
  readonly junctionOptions?: MappingNode;
  readonly maxJobs?: number;
  readonly displayPrefix?: string;
  /** Resolves `junction.bst:file.yml` includes in project.conf (given by the element loader). */
  readonly crossProjectIncludes?: (include: ScalarNode) => IncludedFile;
  /** Mirrors from the user configuration (`projects: <name>: mirrors:`), tried before the project's own. */
  readonly userMirrors?: ReadonlyMap<string, readonly SourceMirror[]>;
  /** The element and source kinds Cairn builds in. */
  readonly builtins: BuiltinPlugins;
}

/** Finds the directory holding project.conf, from `start` upwards. */
export function findProjectDirectory(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'project.conf'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new CairnError('missing-project-conf', `no project.conf in ${path.resolve(start)} or any directory above it`, undefined, 'run cairn in a project, or give -C DIR');
    }
    dir = parent;
  }
}

export function readProjectFile(file: string, shownAs: string): MappingNode {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new CairnError('loading-directory', `${shownAs} is a directory, not a file`);
    throw new CairnError('missing-file', `cannot read ${shownAs}: ${code === 'ENOENT' ? 'no such file' : String(code)}`);
  }
  return readYaml(text, shownAs);
}

function checkMinVersion(conf: MappingNode): void {
  const scalar = scalarOf(conf, 'min-version');
  if (!scalar) {
    const hint = conf.has('format-version') ? 'this looks like a BuildStream 1 project: Cairn reads the BuildStream 2 format' : "add 'min-version: 2.0'";
    throw new CairnError('invalid-data', "project.conf has no 'min-version'", conf.at, hint);
  }
  const match = /^(\d+)\.(\d+)$/.exec(scalar.value);
  if (!match) throw new CairnError('invalid-data', `min-version '${scalar.value}' is not MAJOR.MINOR`, scalar.at, 'for example 2.0');
  const [major, minor] = [Number(match[1]), Number(match[2])];
  if (major !== FORMAT_MAJOR) {
    throw new CairnError('unsupported-project', `project needs BuildStream ${major}; Cairn reads the BuildStream ${FORMAT_MAJOR} format`, scalar.at);
  }
  if (minor > FORMAT_MINOR) {
    throw new CairnError('unsupported-project', `project needs format ${scalar.value}; Cairn supports up to ${FORMAT_MAJOR}.${FORMAT_MINOR}`, scalar.at);
  }
}

const SYMBOL = /^[A-Za-z_-][A-Za-z0-9_-]*$/;

export function loadProject(directoryIn: string, settings: ProjectSettings): Project {
  const directory = path.resolve(directoryIn);
  const prefix = settings.displayPrefix ?? '';
  const confFile = path.join(directory, 'project.conf');
  if (!fs.existsSync(confFile)) {
    throw new CairnError('missing-project-conf', `no project.conf in ${directory}`);
  }
  const conf = readProjectFile(confFile, `${prefix}project.conf`);

  // Keys that decide how the project loads are read from project.conf itself, before includes.
  // min-version first, as BuildStream does: a BuildStream 1 project gets the hint, not an unknown key.
  checkMinVersion(conf);
  validateKeys(conf, PROJECT_KEYS, 'project.conf');
  const nameScalar = requireString(conf, 'name', 'project.conf');
  if (!SYMBOL.test(nameScalar.value) || /^[0-9]/.test(nameScalar.value)) {
    throw new CairnError('invalid-symbol-name', `project name '${nameScalar.value}' may hold only letters, digits, '_' and '-', and may not start with a digit`, nameScalar.at);
  }
  const name = nameScalar.value;
  const elementPathScalar = scalarOf(conf, 'element-path') ?? new ScalarNode('.', SYNTHETIC);
  const elementPath = projectPath(directory, elementPathScalar, 'element-path', 'directory');

  const includeCache = new Map<string, MappingNode>();
  const includes: IncludeContext = {
    resolve(include: ScalarNode): IncludedFile {
      if (include.value.includes(':')) {
        if (!settings.crossProjectIncludes) {
          throw new CairnError('invalid-data', `project.conf cannot include '${include.value}' from a junction`, include.at, 'include it from an element instead');
        }
        return settings.crossProjectIncludes(include);
      }
      const file = projectPath(directory, include, 'include');
      let parsed = includeCache.get(file);
      if (!parsed) {
        try {
          parsed = readProjectFile(file, `${prefix}${path.relative(directory, file)}`);
        } catch (error) {
          if (error instanceof CairnError && !error.provenance) throw new CairnError(error.reason, error.message, include.at, error.hint);
          throw error;
        }
        includeCache.set(file, parsed);
      }
      return { node: parsed.clone(), identity: file, context: includes };
    },
  };

  // Includes first (their conditionals wait, since options may be declared in them), then the
  // built-in defaults beneath, then options, then the conditionals of the whole.
  const composed = conf.clone();
  processIncludes(composed, includes);
  for (const key of ['name', 'element-path', 'min-version', 'plugins']) {
    const at = composed.has(key) ? composed.whereIs(key) : undefined;
    if (at && at.file !== `${prefix}project.conf`) {
      throw new CairnError('invalid-data', `'${key}' may only be set in project.conf itself, not in an included file`, at);
    }
  }
  const config = readYaml(PROJECT_DEFAULTS_YAML, PROJECT_DEFAULTS_FILE);
  config.set('variables', readYaml(BUILTIN_VARIABLES_YAML, PROJECT_DEFAULTS_FILE).get('variables')!);
  compositeInto(config, composed);
  const options = OptionPool.declare(getMapping(config, 'options') ?? MappingNode.empty(), { elementPath });
  if (settings.junctionOptions) options.setFromYaml(settings.junctionOptions, 'junction');
  for (const [option, value] of settings.cliOptions ?? []) options.setFromCommandLine(option, value);
  options.resolve();
  const conditionals = (node: MappingNode): void => resolveConditionals(node, options);
  resolveConditionals(config, options, KEYS_NOT_CONDITIONAL);
  validateKeys(config, PROJECT_KEYS, 'project.conf');
  const elementOverrides = getMapping(config, 'elements') ?? MappingNode.empty();
  const sourceOverrides = getMapping(config, 'sources') ?? MappingNode.empty();
  config.delete('elements');
  config.delete('sources');
  assertFullyComposited(config);

  const variables = getMapping(config, 'variables') ?? MappingNode.empty();
  assertNotProtected(variables);
  for (const override of elementOverrides.entries.values()) {
    if (override.kind === 'mapping') {
      const overrideVariables = getMapping(override, 'variables');
      if (overrideVariables) assertNotProtected(overrideVariables);
    }
  }
  const maxJobs = settings.maxJobs ?? defaultMaxJobs();
  variables.set('project-name', new ScalarNode(name, SYNTHETIC));
  variables.set('max-jobs', new ScalarNode(String(maxJobs), SYNTHETIC));
  for (const [variable, value, at] of options.exportVariables()) variables.set(variable, new ScalarNode(value, at));

  const aliases = readAliases(config, variables, directory);
  const mirrors = [...(settings.userMirrors?.get(name) ?? []), ...readMirrorList(getSequence(config, 'mirrors'))];
  const refStorageScalar = scalarOf(config, 'ref-storage')!;
  if (refStorageScalar.value !== 'inline' && refStorageScalar.value !== 'project.refs') {
    throw new CairnError('invalid-data', `ref-storage '${refStorageScalar.value}' is not 'inline' or 'project.refs'`, refStorageScalar.at);
  }
  const defaults = getMapping(config, 'defaults') ?? MappingNode.empty();
  validateKeys(defaults, ['targets'], "'defaults'");
  const fatalWarnings = getStringList(config, 'fatal-warnings').map((s) => s.value);
  if (getBool(config, 'fail-on-overlap', false) && !fatalWarnings.includes('overlaps')) fatalWarnings.push('overlaps');
  const junctions = getMapping(config, 'junctions');
  if (junctions) validateKeys(junctions, ['duplicates', 'internal', 'disallow-subproject-uris'], "'junctions'");
  const sandbox = getMapping(config, 'sandbox') ?? MappingNode.empty();
  validateKeys(sandbox, ['build-uid', 'build-gid', 'build-os', 'build-arch', 'remote-apis-socket'], "'sandbox'");

  return {
    name,
    directory,
    elementPath,
    displayPrefix: prefix,
    options,
    variables,
    environment: getMapping(config, 'environment') ?? MappingNode.empty(),
    environmentNocache: getStringList(config, 'environment-nocache').map((s) => s.value),
    sandbox,
    splitRules: getMapping(config, 'split-rules') ?? MappingNode.empty(),
    elementOverrides,
    sourceOverrides,
    aliases,
    mirrors,
    userMirrors: settings.userMirrors ?? new Map(),
    fatalWarnings,
    refStorage: refStorageScalar.value,
    refs: refStorageScalar.value === 'project.refs' ? readRefs(directory, prefix, name) : new Map(),
    defaultTargets: getStringList(defaults, 'targets').map((s) => s.value),
    plugins: resolvePlugins(getSequence(conf, 'plugins'), directory, settings.builtins),
    builtins: settings.builtins,
    conditionals,
    includes,
    maxJobs,
  };
}

/**
 * project.refs: `projects: {<project name>: {<element name>: [<ref mapping per source>]}}`.
 * A missing file means no refs yet (they are written by tracking).
 */
function readRefs(directory: string, prefix: string, projectName: string): Map<string, MappingNode[]> {
  const refs = new Map<string, MappingNode[]>();
  const file = path.join(directory, 'project.refs');
  if (!fs.existsSync(file)) return refs;
  const root = readProjectFile(file, `${prefix}project.refs`);
  validateKeys(root, ['projects'], 'project.refs');
  const ours = getMapping(getMapping(root, 'projects') ?? MappingNode.empty(), projectName);
  for (const [element, list] of ours?.entries ?? []) {
    if (list.kind !== 'sequence') throw new CairnError('invalid-data', `the refs of '${element}' must be a list, one entry per source`, list.at);
    refs.set(element, list.items.map((item) => {
      if (item.kind !== 'mapping') throw new CairnError('invalid-data', 'each source ref must be a mapping such as {ref: ...}', item.at);
      return item;
    }));
  }
  return refs;
}

/** BuildStream's automatic max-jobs: the usable processors, at most 8. */
function defaultMaxJobs(): number {
  return Math.max(1, Math.min(os.availableParallelism(), 8));
}

/** A `mirrors:` list (project.conf, or a project in the user configuration): `{name, aliases: {alias: [url prefix, ...]}}`. */
export function readMirrorList(list: SequenceNode | undefined): SourceMirror[] {
  if (!list) return [];
  return list.items.map((item) => {
    if (item.kind !== 'mapping') throw new CairnError('invalid-data', 'each mirror must be a mapping with name and aliases', item.at);
    validateKeys(item, ['name', 'aliases'], 'a mirror');
    const name = requireString(item, 'name', 'a mirror').value;
    const aliases = new Map<string, string[]>();
    const node = getMapping(item, 'aliases');
    if (!node) throw new CairnError('invalid-data', `mirror '${name}' has no aliases`, item.at, 'give aliases: {alias: [url prefixes]}');
    for (const [alias, value] of node.entries) {
      if (value.kind !== 'sequence') throw new CairnError('invalid-data', `mirror '${name}': alias '${alias}' must list URL prefixes`, value.at);
      aliases.set(alias, value.items.map((url) => {
        if (url.kind !== 'scalar') throw new CairnError('invalid-data', `mirror '${name}': a URL prefix must be a string`, url.at);
        return url.value;
      }));
    }
    return { name, aliases };
  });
}

/** Aliases may use the project variables plus project-root and toplevel-root (and their URIs). */
function readAliases(config: MappingNode, variables: MappingNode, directory: string): Map<string, string> {
  const aliasesNode = getMapping(config, 'aliases');
  const aliases = new Map<string, string>();
  if (!aliasesNode) return aliases;
  const scope = variables.clone();
  const uri = `file://${encodeURI(directory)}`;
  for (const [key, value] of [['project-root', directory], ['toplevel-root', directory], ['project-root-uri', uri], ['toplevel-root-uri', uri]] as const) {
    scope.set(key, new ScalarNode(value, SYNTHETIC));
  }
  const resolver = new Variables(scope);
  for (const [alias, value] of aliasesNode.entries) {
    if (value.kind !== 'scalar') throw new CairnError('invalid-data', `alias '${alias}' must be a URL prefix`, value.at);
    aliases.set(alias, resolver.expand(value.value, value.at));
  }
  return aliases;
}

