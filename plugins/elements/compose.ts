// The compose element: its artifact is its build dependencies staged together, optionally
// integrated, then filtered by split domains. It may not have runtime dependencies or sources.

import type { JsonValue } from '../../src/cache/canonical-json.js';
import type { AssemblingElementPlugin, BuildContext, BuildOutput, ElementView } from '../../src/project/plugin-api.js';
import { checkKeys, readBool, readStringList } from './config-values.js';
import { checkShape, isBuild } from './dependency-rules.js';
import { sortedLikePython } from './python-order.js';

// Values as BuildStream 2's compose.yaml: they enter cache keys.
export const COMPOSE_DEFAULTS = `# compose: run the dependencies' integration commands, and keep every domain and the orphans.
config:
  # Run the integration commands of the staged dependencies.
  integrate: True

  # Split domains to keep; empty keeps them all. Domains an artifact lacks are ignored.
  include: []

  # Split domains to drop; a file in both an included and an excluded domain is dropped.
  exclude: []

  # Keep files that no split rule claims.
  include-orphans: True
`;

const CONFIG_KEYS = ['integrate', 'include', 'exclude', 'include-orphans'] as const;

interface ComposeConfig {
  readonly integrate: boolean;
  readonly include: string[];
  readonly exclude: string[];
  readonly includeOrphans: boolean;
}

function readConfig(element: ElementView): ComposeConfig {
  const { config } = element;
  checkKeys(config, CONFIG_KEYS, 'compose config');
  return {
    integrate: readBool(config, 'integrate', 'compose config'),
    include: readStringList(config, 'include', 'compose config'),
    exclude: readStringList(config, 'exclude', 'compose config'),
    includeOrphans: readBool(config, 'include-orphans', 'compose config'),
  };
}

export const composePlugin: AssemblingElementPlugin = {
  kind: 'compose',
  defaults: COMPOSE_DEFAULTS,
  defaultsFile: 'plugins/elements/compose.yaml',
  configKeys: CONFIG_KEYS,
  artifactVersion: 0,
  strictRebuild: true,
  // Integration commands run in the sandbox; without them compose runs nothing.
  runsCommands: (element) => readConfig(element).integrate,
  acceptsDependencyConfig: false,
  validate(element: ElementView): void {
    readConfig(element);
    checkShape(element, { forbidRuntimeDependencies: true, forbidSources: true });
  },
  uniqueKey(element: ElementView): JsonValue {
    const config = readConfig(element);
    const key: { [name: string]: JsonValue } = {
      integrate: config.integrate,
      include: sortedLikePython(config.include),
      orphans: config.includeOrphans,
    };
    if (config.exclude.length > 0) key['exclude'] = sortedLikePython(config.exclude);
    return key;
  },
  async assemble(element: ElementView, build: BuildContext): Promise<BuildOutput> {
    const config = readConfig(element);
    build.stageDependencies(element.dependencies.filter(isBuild), '/');
    const split = config.include.length > 0 || config.exclude.length > 0 || !config.includeOrphans;
    const manifest = split ? build.manifest('staged', { include: config.include, exclude: config.exclude, includeOrphans: config.includeOrphans }) : undefined;
    if (!config.integrate) return { files: await build.stagedTree(manifest ? (p) => manifest.has(p) : () => true) };
    const before = manifest ? await build.stagedPaths() : undefined;
    await build.integrate({ inPlace: true });
    if (!manifest || !before) return { files: await build.stagedTree(() => true) };
    // What integration adds is kept whatever the split says; what it removes is gone.
    const after = await build.stagedPaths();
    const keep = (p: string): boolean => (manifest.has(p) && after.has(p)) || (after.has(p) && !before.has(p));
    return { files: await build.stagedTree(keep) };
  },
};
