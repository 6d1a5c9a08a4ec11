// The import element: its artifact is its sources, optionally a subdirectory of them placed
// under a target directory. It runs no commands and must have a source.

import type { JsonValue } from '../../src/cache/canonical-json.js';
import { CairnError } from '../../src/format/errors.js';
import type { AssemblingElementPlugin, BuildContext, BuildOutput, ElementView } from '../../src/project/plugin-api.js';
import { checkKeys, readString } from './config-values.js';

// Values as BuildStream 2's import.yaml: they enter cache keys.
export const IMPORT_DEFAULTS = `# import: take everything the sources stage (source) and put it at the artifact's root (target).
config:
  source: /
  target: /
`;

const CONFIG_KEYS = ['source', 'target'] as const;

function readConfig(element: ElementView): { source: string; target: string } {
  checkKeys(element.config, CONFIG_KEYS, 'import config');
  return {
    source: readString(element.config, 'source', 'import config'),
    target: readString(element.config, 'target', 'import config'),
  };
}

export const importPlugin: AssemblingElementPlugin = {
  kind: 'import',
  defaults: IMPORT_DEFAULTS,
  defaultsFile: 'plugins/elements/import.yaml',
  configKeys: CONFIG_KEYS,
  artifactVersion: 0,
  strictRebuild: false,
  runsCommands: () => false,
  acceptsDependencyConfig: false,
  validate(element: ElementView): void {
    readConfig(element);
    if (element.sourceCount === 0) {
      throw new CairnError(
        'invalid-data',
        `import element '${element.name}' has no sources`,
        element.at,
        'an import element imports its sources; add a sources: list',
      );
    }
  },
  uniqueKey(element: ElementView): JsonValue {
    const { source, target } = readConfig(element);
    return { source, target };
  },
  async assemble(element: ElementView, build: BuildContext): Promise<BuildOutput> {
    const { source, target } = readConfig(element);
    const sources = await build.sourceTree();
    const picked = build.subtree(sources, source);
    const at = element.config.get('source')?.at ?? element.at;
    if (!picked) throw new CairnError('invalid-data', `import element '${element.name}': its sources have no directory '${source}'`, at);
    // BuildStream refuses to import nothing: an empty artifact is almost always a wrong source:.
    if (picked.hash === build.emptyTree().hash) throw new CairnError('invalid-data', `import element '${element.name}': its sources have no files in '${source}'`, at);
    return { files: build.placeTree(picked, target) };
  },
};
