// The filter element: its artifact is part of its one build dependency's artifact, chosen by
// split domains. It runs nothing and has no sources; its key follows its parent's (strict rebuild).

import type { JsonValue } from '../../src/cache/canonical-json.js';
import { CairnError } from '../../src/format/errors.js';
import type { AssemblingElementPlugin, BuildContext, BuildOutput, ElementView } from '../../src/project/plugin-api.js';
import { checkKeys, readBool, readStringList } from './config-values.js';
import { checkShape, isBuild, isRuntime } from './dependency-rules.js';
import { sortedLikePython } from './python-order.js';

// Values as BuildStream 2's filter.yaml: they enter cache keys.
export const FILTER_DEFAULTS = `# filter: keep every domain of the parent's artifact, but not its orphans.
config:
  # Split domains of the parent to keep; empty keeps them all. Unknown domains fail the build.
  include: []

  # Split domains of the parent to drop; a file in both an included and an excluded domain is dropped.
  exclude: []

  # Keep files that no split rule of the parent claims.
  include-orphans: False

  # Pass the parent's integration-commands on, before the filter's own.
  pass-integration: False
`;

const CONFIG_KEYS = ['include', 'exclude', 'include-orphans', 'pass-integration'] as const;

interface FilterConfig {
  readonly include: string[];
  readonly exclude: string[];
  readonly includeOrphans: boolean;
  readonly passIntegration: boolean;
}

function readConfig(element: ElementView): FilterConfig {
  const { config } = element;
  checkKeys(config, CONFIG_KEYS, 'filter config');
  const include = readStringList(config, 'include', 'filter config');
  const exclude = readStringList(config, 'exclude', 'filter config');
  const includeOrphans = readBool(config, 'include-orphans', 'filter config');
  const passIntegration = readBool(config, 'pass-integration', 'filter config', false);
  return { include, exclude, includeOrphans, passIntegration };
}

export const filterPlugin: AssemblingElementPlugin = {
  kind: 'filter',
  defaults: FILTER_DEFAULTS,
  defaultsFile: 'plugins/elements/filter.yaml',
  configKeys: CONFIG_KEYS,
  artifactVersion: 1,
  strictRebuild: true,
  runsCommands: () => false,
  acceptsDependencyConfig: false,
  validate(element: ElementView): void {
    readConfig(element);
    checkShape(element, { forbidSources: true });
    const builds = element.dependencies.filter(isBuild);
    const [parent] = builds;
    if (parent === undefined || builds.length > 1) {
      throw new CairnError(
        'invalid-data',
        `filter element '${element.name}' must have exactly one build dependency, but has ${builds.length}` +
          (builds.length > 1 ? ` (${builds.map((dep) => `'${dep.name}'`).join(', ')})` : ''),
        element.at,
        'list the element to filter, and only it, under build-depends',
      );
    }
    if (isRuntime(parent)) {
      throw new CairnError(
        'invalid-data',
        `the build dependency of filter element '${element.name}', '${parent.name}', must not also be a runtime dependency`,
        parent.at,
        'list it under build-depends rather than depends',
      );
    }
  },
  uniqueKey(element: ElementView): JsonValue {
    const config = readConfig(element);
    return {
      include: sortedLikePython(config.include),
      exclude: sortedLikePython(config.exclude),
      orphans: config.includeOrphans,
    };
  },
  async assemble(element: ElementView, build: BuildContext): Promise<BuildOutput> {
    const config = readConfig(element);
    const parent = element.dependencies.find(isBuild)!;
    const unknown: string[] = [];
    const manifest = build.manifest(parent, config, (domain) => unknown.push(domain));
    if (unknown.length > 0) {
      // Every unknown domain at once, pointing at the list that holds the first of them.
      const list = config.include.includes(unknown[0]!) ? 'include' : 'exclude';
      const names = unknown.map((domain) => `'${domain}'`).join(', ');
      throw new CairnError(
        'invalid-data',
        `filter element '${element.name}' names split domains that '${parent.name}' does not define: ${names}`,
        element.config.get(list)?.at ?? element.at,
        'use domains from its split-rules',
      );
    }
    const files = await build.dependencyTree(parent, (p) => manifest.has(p));
    if (!config.passIntegration) return { files };
    return { files, integrationCommands: build.dependencyPublicList(parent, 'integration-commands') };
  },
};
