// The link element: another name for an element or junction, resolved away while loading. It
// has a target and nothing else: no dependencies, no sources.

import { CairnError } from '../../src/format/errors.js';
import { SYNTHETIC } from '../../src/format/node.js';
import type { ElementPlugin, ElementView } from '../../src/project/plugin-api.js';
import { checkKeys, readString } from './config-values.js';
import { checkShape } from './dependency-rules.js';

// BuildStream ships no link.yaml: the target has no default.
export const LINK_DEFAULTS = `# link: config.target names the element or junction linked to; it has no default.
`;

const CONFIG_KEYS = ['target'] as const;

export const linkPlugin: ElementPlugin = {
  kind: 'link',
  defaults: LINK_DEFAULTS,
  defaultsFile: 'plugins/elements/link.yaml',
  configKeys: CONFIG_KEYS,
  artifactVersion: 0,
  strictRebuild: false,
  runsCommands: () => false,
  acceptsDependencyConfig: false,
  validate(element: ElementView): void {
    const { config } = element;
    checkKeys(config, CONFIG_KEYS, 'link config');
    if (!config.has('target')) {
      // With no config: at all there is no mapping in the file to point at, only the element.
      throw new CairnError(
        'invalid-data',
        `link element '${element.name}' has no target`,
        config.at.file === SYNTHETIC.file ? element.at : config.at,
        'add config: {target: <element or junction>}',
      );
    }
    readString(config, 'target', 'link config');
    checkShape(element, { forbidRuntimeDependencies: true, forbidBuildDependencies: true, forbidSources: true });
  },
  // BuildStream discards links while loading; the key is a constant it never uses.
  uniqueKey: () => 1,
};
