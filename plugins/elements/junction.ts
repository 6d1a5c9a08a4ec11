// The junction element: a subproject, staged from its sources. Cairn's loader reads the
// configuration to open the subproject; this module only checks it. Junctions are never built.

import { CairnError } from '../../src/format/errors.js';
import type { ElementPlugin, ElementView } from '../../src/project/plugin-api.js';
import { checkKeys, readChoice, readOptionalMapping, readString } from './config-values.js';
import { checkShape } from './dependency-rules.js';

// BuildStream ships no junction.yaml: every key is optional.
export const JUNCTION_DEFAULTS = `# junction: path, options, overrides, aliases and map-aliases are all optional.
`;

const CONFIG_KEYS = ['path', 'options', 'overrides', 'aliases', 'map-aliases'] as const;

export const MAP_ALIASES = ['none', 'identity'] as const;

export const junctionPlugin: ElementPlugin = {
  kind: 'junction',
  defaults: JUNCTION_DEFAULTS,
  defaultsFile: 'plugins/elements/junction.yaml',
  configKeys: CONFIG_KEYS,
  artifactVersion: 0,
  strictRebuild: false,
  runsCommands: () => false,
  acceptsDependencyConfig: false,
  validate(element: ElementView): void {
    const { config } = element;
    checkKeys(config, CONFIG_KEYS, 'junction config');
    readString(config, 'path', 'junction config', '');
    readOptionalMapping(config, 'options');
    const overrides = readOptionalMapping(config, 'overrides');
    for (const [key, value] of overrides?.entries ?? []) {
      if (value.kind !== 'scalar') {
        throw new CairnError('invalid-data', `the override of '${key}' must be a junction name`, value.at);
      }
      if (value.value === element.name) {
        throw new CairnError(
          'invalid-data',
          `junction '${element.name}' cannot override its subproject's junction '${key}' with itself`,
          value.at,
          'name a different junction, declared in this project',
        );
      }
    }
    readOptionalMapping(config, 'aliases');
    readChoice(config, 'map-aliases', MAP_ALIASES, 'none');
    checkShape(element, { forbidRuntimeDependencies: true, forbidBuildDependencies: true });
  },
  // Junctions produce no artifact; BuildStream keeps a constant key for fetching their sources.
  uniqueKey: () => 1,
};
