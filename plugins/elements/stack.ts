// The stack element: a named group of dependencies. Its artifact is empty, it runs nothing, and
// every dependency must be both build and runtime so that its key stands for the whole group.

import { CairnError } from '../../src/format/errors.js';
import type { AssemblingElementPlugin, BuildContext, BuildOutput, ElementView } from '../../src/project/plugin-api.js';
import { checkShape } from './dependency-rules.js';

// BuildStream ships no stack.yaml; a stack has no configuration.
export const STACK_DEFAULTS = `# stack: no configuration.
`;

export const stackPlugin: AssemblingElementPlugin = {
  kind: 'stack',
  defaults: STACK_DEFAULTS,
  defaultsFile: 'plugins/elements/stack.yaml',
  // BuildStream's stack reads nothing from config: and never checks its keys.
  // BuildStream never checks a stack's config.
  configKeys: 'any',
  artifactVersion: 0,
  strictRebuild: false,
  runsCommands: () => false,
  acceptsDependencyConfig: false,
  validate(element: ElementView): void {
    checkShape(element, { forbidSources: true });
    const partial = element.dependencies.find((dep) => dep.type !== 'all');
    if (partial !== undefined) {
      throw new CairnError(
        'invalid-data',
        `every dependency of stack element '${element.name}' must be both a build and a runtime dependency, but '${partial.name}' is only a ${partial.type} dependency`,
        partial.at,
        'list it under depends, without a type',
      );
    }
  },
  uniqueKey: () => 1,
  // A stack's artifact is empty: it only gathers its dependencies.
  assemble: async (_element: ElementView, build: BuildContext): Promise<BuildOutput> => ({ files: build.emptyTree() }),
};
