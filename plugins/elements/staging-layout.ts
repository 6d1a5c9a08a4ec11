// Where each build dependency is staged, read from the dependencies' `config:` the way
// BuildStream's BuildElement and ScriptElement do in configure_dependencies(), and the layout
// entries those kinds put in their unique keys. It never decides whether the entries appear.

import type { JsonValue } from '../../src/cache/canonical-json.js';
import type { BuildContext, DependencyView, ElementView } from '../../src/project/plugin-api.js';
import { checkKeys, readOptionalString, readString } from './config-values.js';
import { isBuild } from './dependency-rules.js';
import { sortedLikePython } from './python-order.js';

export interface StagingPlan {
  /** Staging location → dependency paths, in the order the dependencies were configured. */
  readonly layout: ReadonlyMap<string, readonly string[]>;
  /** Environment variable → dependency paths whose subsandbox digest it receives. */
  readonly digestEnvironment: ReadonlyMap<string, readonly string[]>;
}

/** The name BuildStream records for a dependency in these keys: the junction path and name as declared. */
export function declaredPath(dep: DependencyView): string {
  return dep.path;
}

function append(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Every build dependency is staged at `/` unless a `config:` says `location:`; a dependency
 * declared with several configs is added once per config, as BuildStream does.
 */
export function readStagingPlan(element: ElementView, allowedKeys: readonly string[]): StagingPlan {
  const layout = new Map<string, string[]>();
  const digestEnvironment = new Map<string, string[]>();
  for (const dep of element.dependencies) {
    if (!isBuild(dep)) continue;
    const path = declaredPath(dep);
    // BuildStream drops an empty `config:` when it reads the declaration.
    const configs = dep.configs.filter((config) => config.entries.size > 0);
    if (configs.length === 0) {
      append(layout, '/', path);
      continue;
    }
    for (const config of configs) {
      const what = `the config of dependency '${dep.name}'`;
      checkKeys(config, allowedKeys, what);
      append(layout, readString(config, 'location', what, '/'), path);
      if (allowedKeys.includes('digest-environment')) {
        const variable = readOptionalString(config, 'digest-environment');
        if (variable !== undefined) append(digestEnvironment, variable, path);
      }
    }
  }
  return { layout, digestEnvironment };
}

/** `{location: [paths]}` with locations in Python's sorted order. */
export function sortedGroups(groups: ReadonlyMap<string, readonly string[]>): { [key: string]: JsonValue } {
  return Object.fromEntries(sortedLikePython([...groups.keys()]).map((key) => [key, [...groups.get(key)!]]));
}

/** Stages every build dependency at the location its configuration gives (`/` by default). */
export function stageByLayout(element: ElementView, build: BuildContext, plan: StagingPlan): void {
  // Location by location in sorted order, as BuildStream does: it decides which file wins an overlap.
  for (const location of sortedLikePython([...plan.layout.keys()])) {
    const wanted = new Set(plan.layout.get(location));
    const dependencies = element.dependencies.filter((dep) => isBuild(dep) && wanted.has(declaredPath(dep)));
    build.stageDependencies(dependencies, location || '/');
  }
}
