// The dependency and source shape rules element kinds declare (BuildStream's BST_FORBID_RDEPENDS,
// BST_FORBID_BDEPENDS, BST_FORBID_SOURCES), checked in BuildStream's order. Each rule throws a
// CairnError at the first offending dependency, or at the element when sources are at fault.

import { CairnError } from '../../src/format/errors.js';
import type { DependencyView, ElementView } from '../../src/project/plugin-api.js';

export interface ShapeRules {
  readonly forbidRuntimeDependencies?: boolean;
  readonly forbidBuildDependencies?: boolean;
  readonly forbidSources?: boolean;
}

export const isBuild = (dep: DependencyView): boolean => dep.type !== 'runtime';
export const isRuntime = (dep: DependencyView): boolean => dep.type !== 'build';

export function checkShape(element: ElementView, rules: ShapeRules): void {
  const { kind } = element;
  if (rules.forbidRuntimeDependencies && rules.forbidBuildDependencies) {
    const first = element.dependencies[0];
    if (first !== undefined) {
      throw new CairnError(
        'invalid-data',
        `${kind} element '${element.name}' may not have dependencies, but depends on '${first.name}'`,
        first.at,
        `remove the dependency; ${kind} elements take none`,
      );
    }
  }
  if (rules.forbidRuntimeDependencies) {
    const runtime = element.dependencies.find(isRuntime);
    if (runtime !== undefined) {
      throw new CairnError(
        'invalid-data',
        `${kind} element '${element.name}' may not have runtime dependencies, but '${runtime.name}' is one`,
        runtime.at,
        'list it under build-depends (a plain depends entry is both build and runtime)',
      );
    }
  }
  if (rules.forbidBuildDependencies) {
    const build = element.dependencies.find(isBuild);
    if (build !== undefined) {
      throw new CairnError(
        'invalid-data',
        `${kind} element '${element.name}' may not have build dependencies, but '${build.name}' is one`,
        build.at,
      );
    }
  }
  if (rules.forbidSources && element.sourceCount > 0) {
    throw new CairnError(
      'invalid-data',
      `${kind} element '${element.name}' may not have sources`,
      element.at,
      `remove its sources: list; ${kind} elements ignore sources`,
    );
  }
}
