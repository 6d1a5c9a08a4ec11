// What every build element kind shares (BuildStream's BuildElement): four command lists run in
// order, dependencies staged by `location`, and one unique key shape. Kinds differ only in their
// defaults YAML, so a kind module is one call to buildElementPlugin().

import type { JsonValue } from '../../src/cache/canonical-json.js';
import type { ElementPlugin, ElementView } from '../../src/project/plugin-api.js';
import { checkKeys, readStringList } from './config-values.js';
import { readStagingPlan, sortedGroups } from './staging-layout.js';

export const COMMAND_STEPS = ['configure-commands', 'build-commands', 'install-commands', 'strip-commands'] as const;

const DEPENDENCY_CONFIG_KEYS = ['digest-environment', 'location'] as const;

/** The commands of each step, already variable-expanded; a step the config omits has none. */
function readCommands(element: ElementView): { [step: string]: string[] } {
  const what = `${element.kind} config`;
  checkKeys(element.config, COMMAND_STEPS, what);
  const commands: { [step: string]: string[] } = {};
  for (const step of COMMAND_STEPS) commands[step] = readStringList(element.config, step, what, []);
  return commands;
}

function uniqueKey(element: ElementView): JsonValue {
  const key: { [name: string]: JsonValue } = { ...readCommands(element) };

  // Both variables count when non-empty, whatever they say: even `notparallel: false` sets the flag.
  const commandSubdir = element.variables.get('command-subdir');
  if (commandSubdir) key['command-subdir'] = commandSubdir;
  if (element.variables.get('notparallel')) key['notparallel'] = true;

  const plan = readStagingPlan(element, DEPENDENCY_CONFIG_KEYS);
  // An empty location is falsy in BuildStream's test, so like `/` it adds no layout entry.
  if ([...plan.layout.keys()].some((location) => location !== '' && location !== '/')) {
    key['layout'] = sortedGroups(plan.layout);
  }
  if (plan.digestEnvironment.size > 0) {
    // BuildStream spells this key so; it is part of every such cache key and must stay as it is.
    key['digest-enviornment'] = sortedGroups(plan.digestEnvironment);
  }
  return key;
}

export function buildElementPlugin(kind: string, defaults: string): ElementPlugin {
  return {
    kind,
    defaults,
    defaultsFile: `plugins/elements/${kind}.yaml`,
    configKeys: COMMAND_STEPS,
    artifactVersion: 0,
    strictRebuild: false,
    runsCommands: () => true,
    acceptsDependencyConfig: true,
    validate(element: ElementView): void {
      readCommands(element);
      readStagingPlan(element, DEPENDENCY_CONFIG_KEYS);
    },
    uniqueKey,
  };
}
