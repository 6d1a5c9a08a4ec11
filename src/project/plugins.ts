// Which implementation serves each element and source kind a project uses. Built-in kinds are
// always there; project.conf `plugins:` may add kinds from a local directory (JavaScript
// modules written against Cairn's plugin API), a pip package or a junction. BuildStream's own
// plugin packages (buildstream-plugins and friends) are recognised by the kinds they name:
// every kind Cairn builds in resolves to its built-in, so such projects load without Python.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { getString, validateKeys } from '../format/accessors.js';
import { CairnError, type Provenance } from '../format/errors.js';
import type { MappingNode, ScalarNode, SequenceNode } from '../format/node.js';
import type { ElementPlugin } from './plugin-api.js';
import type { SourcePlugin } from './source-api.js';

interface LocalOrigin {
  readonly directory: string;
  readonly at: Provenance;
}

export interface PluginTable {
  element(kind: string, at: Provenance): ElementPlugin;
  source(kind: string, at: Provenance): SourcePlugin;
  /** Imports the local JavaScript plugins the project declares; call once before loading elements. */
  loadLocal(): Promise<void>;
}

type Kind = 'elements' | 'sources';

/** The kinds Cairn builds in, handed in by the engine (the project layer never imports plugins/). */
export interface BuiltinPlugins {
  readonly elements: ReadonlyMap<string, ElementPlugin>;
  readonly sources: ReadonlyMap<string, SourcePlugin>;
}

/** Reads `plugins:`; nothing outside the project is touched until loadLocal(). */
export function resolvePlugins(plugins: SequenceNode | undefined, projectDirectory: string, builtins: BuiltinPlugins): PluginTable {
  const builtinElementPlugins = builtins.elements;
  const builtinSourcePlugins = builtins.sources;
  const local = new Map<string, { origin: LocalOrigin; kind: Kind; name: ScalarNode }>();
  const loadedElements = new Map<string, ElementPlugin>();
  const loadedSources = new Map<string, SourcePlugin>();
  let localLoaded = false;

  for (const entry of plugins?.items ?? []) {
    if (entry.kind !== 'mapping') throw new CairnError('invalid-data', 'each plugins: entry must be a mapping with an origin', entry.at);
    const origin = getString(entry, 'origin');
    switch (origin) {
      case 'local': {
        validateKeys(entry, ['origin', 'path', 'elements', 'sources', 'source-mirrors', 'allow-deprecated'], 'a local plugin origin');
        const pathScalar = entry.get('path');
        if (!pathScalar || pathScalar.kind !== 'scalar') throw new CairnError('invalid-data', "a local plugin origin needs 'path'", entry.at);
        const directory = path.resolve(projectDirectory, pathScalar.value);
        for (const key of ['elements', 'sources'] as const) {
          for (const name of kindNames(entry, key)) local.set(`${key}:${name.value}`, { origin: { directory, at: pathScalar.at }, kind: key, name });
        }
        break;
      }
      case 'pip':
      case 'junction': {
        const keys = origin === 'pip' ? ['origin', 'package-name', 'elements', 'sources', 'source-mirrors', 'allow-deprecated'] : ['origin', 'junction', 'elements', 'sources', 'source-mirrors', 'allow-deprecated'];
        validateKeys(entry, keys, `a ${origin} plugin origin`);
        const from = origin === 'pip' ? `pip package '${getString(entry, 'package-name') ?? '?'}'` : `junction '${getString(entry, 'junction') ?? '?'}'`;
        for (const key of ['elements', 'sources'] as const) {
          const known: ReadonlyMap<string, unknown> = key === 'elements' ? builtinElementPlugins : builtinSourcePlugins;
          for (const name of kindNames(entry, key)) {
            if (!known.has(name.value)) {
              throw new CairnError(
                'unsupported-plugin',
                `${key === 'elements' ? 'element' : 'source'} kind '${name.value}' from ${from} is not implemented by Cairn`,
                name.at,
                `Cairn builds in: ${[...known.keys()].sort().join(', ')}`,
              );
            }
          }
        }
        break;
      }
      default:
        throw new CairnError('invalid-data', `unknown plugin origin '${origin ?? ''}'`, entry.at, "use 'local', 'pip' or 'junction'");
    }
  }

  const missing = (what: string, kind: string, at: Provenance, known: Iterable<string>): CairnError =>
    new CairnError('unsupported-plugin', `no ${what} kind '${kind}'`, at, `known kinds: ${[...known].sort().join(', ')}`);

  return {
    element(kind, at) {
      const found = loadedElements.get(kind) ?? builtinElementPlugins.get(kind);
      if (found) return found;
      throw missing('element', kind, at, [...builtinElementPlugins.keys(), ...loadedElements.keys()]);
    },
    source(kind, at) {
      const found = loadedSources.get(kind) ?? builtinSourcePlugins.get(kind);
      if (found) return found;
      throw missing('source', kind, at, [...builtinSourcePlugins.keys(), ...loadedSources.keys()]);
    },
    async loadLocal() {
      if (localLoaded) return;
      localLoaded = true;
      for (const { origin, kind, name } of local.values()) {
        const module = findModule(origin.directory, name);
        // The module path is only known at run time, so the bundler must leave this import alone.
        const loaded = (await import(/* webpackIgnore: true */ pathToFileURL(module).href)) as { default?: unknown; plugin?: unknown };
        const plugin = (loaded.default ?? loaded.plugin) as ElementPlugin | SourcePlugin | undefined;
        if (!plugin || typeof plugin !== 'object' || (plugin as { kind?: unknown }).kind !== name.value) {
          throw new CairnError('unsupported-plugin', `${module} does not export a plugin of kind '${name.value}'`, name.at, 'export default an object with kind, defaults and the plugin functions');
        }
        if (kind === 'elements') loadedElements.set(name.value, plugin as ElementPlugin);
        else loadedSources.set(name.value, plugin as SourcePlugin);
      }
    },
  };
}

function kindNames(entry: MappingNode, key: Kind): ScalarNode[] {
  const list = entry.get(key);
  if (!list) return [];
  if (list.kind !== 'sequence') throw new CairnError('invalid-data', `'${key}' must be a list of kinds`, list.at);
  return list.items.map((item) => {
    if (item.kind === 'scalar') return item;
    if (item.kind === 'mapping') {
      const kind = item.get('kind');
      if (kind?.kind === 'scalar') return kind;
    }
    throw new CairnError('invalid-data', `each entry of '${key}' must be a kind name`, item.at);
  });
}

function findModule(directory: string, name: ScalarNode): string {
  // An ES module: `.mjs`, or `.js` beside a package.json that says "type": "module".
  for (const extension of ['.mjs', '.js']) {
    const candidate = path.join(directory, name.value + extension);
    if (fs.existsSync(candidate)) return candidate;
  }
  const python = fs.existsSync(path.join(directory, `${name.value}.py`));
  throw new CairnError(
    'unsupported-plugin',
    python ? `plugin '${name.value}' is a Python (BuildStream) plugin; Cairn needs ${name.value}.mjs` : `no plugin module ${name.value}.mjs in ${directory}`,
    name.at,
    python ? 'port the plugin to Cairn\'s JavaScript plugin API (docs/plugins.md)' : undefined,
  );
}
