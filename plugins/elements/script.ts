// The script element: stages its build dependencies (each at its `location`), runs commands and
// collects %{install-root}. It may not have runtime dependencies or sources.

import type { JsonValue } from '../../src/cache/canonical-json.js';
import type { AssemblingElementPlugin, BuildContext, BuildOutput, ElementView } from '../../src/project/plugin-api.js';
import { CairnError } from '../../src/format/errors.js';
import { checkKeys, readBool, readStringList } from './config-values.js';
import { checkShape } from './dependency-rules.js';
import { readStagingPlan, sortedGroups, stageByLayout } from './staging-layout.js';

// Values as BuildStream 2's script.yaml: they enter cache keys. A dependency's
// config: {location: ...} stages it elsewhere than /.
export const SCRIPT_DEFAULTS = `# script: run commands from cwd with a writable root, staging dependencies at /.
variables:
  # Where the commands run.
  cwd: /

config:
  # Mount / read-only while the commands run (recommended where the commands allow it).
  root-read-only: False

  # The commands to run, each with sh -c -e.
  commands: []
`;

const CONFIG_KEYS = ['commands', 'root-read-only'] as const;
const DEPENDENCY_CONFIG_KEYS = ['location'] as const;

interface ScriptConfig {
  readonly commands: string[];
  readonly rootReadOnly: boolean;
}

function readConfig(element: ElementView): ScriptConfig {
  const { config } = element;
  checkKeys(config, CONFIG_KEYS, 'script config');
  return {
    commands: readStringList(config, 'commands', 'script config'),
    rootReadOnly: readBool(config, 'root-read-only', 'script config', false),
  };
}

export const scriptPlugin: AssemblingElementPlugin = {
  kind: 'script',
  defaults: SCRIPT_DEFAULTS,
  defaultsFile: 'plugins/elements/script.yaml',
  configKeys: CONFIG_KEYS,
  artifactVersion: 0,
  strictRebuild: true,
  runsCommands: () => true,
  acceptsDependencyConfig: true,
  validate(element: ElementView): void {
    readConfig(element);
    readStagingPlan(element, DEPENDENCY_CONFIG_KEYS);
    checkShape(element, { forbidRuntimeDependencies: true, forbidSources: true });
  },
  uniqueKey(element: ElementView): JsonValue {
    const config = readConfig(element);
    const plan = readStagingPlan(element, DEPENDENCY_CONFIG_KEYS);
    return {
      // One command group, named as BuildStream's script element names it.
      commands: { commands: config.commands },
      // Empty or undefined variables fall back to /, as in BuildStream.
      cwd: element.variables.get('cwd') || '/',
      'install-root': element.variables.get('install-root') || '/',
      // Unlike build elements, script always records its layout, even when everything is at /.
      layout: sortedGroups(plan.layout),
      'root-read-only': config.rootReadOnly,
    };
  },
  async assemble(element: ElementView, build: BuildContext): Promise<BuildOutput> {
    const config = readConfig(element);
    const installRoot = element.variables.get('install-root');
    if (!installRoot) throw new CairnError('invalid-data', `script element '${element.name}' needs the variable install-root`, element.at);
    stageByLayout(element, build, readStagingPlan(element, DEPENDENCY_CONFIG_KEYS));
    await build.integrate();
    const node = element.config.get('commands');
    const commands =
      node?.kind === 'sequence'
        ? node.items.flatMap((item, i) => (item.kind === 'scalar' ? [{ label: `commands[${i}]`, command: item.value, at: item.at }] : []))
        : [];
    // Only the install root is writable, as BuildStream's script element marks it alone.
    await build.run(commands, { cwd: element.variables.get('cwd') || '/', rootReadOnly: config.rootReadOnly, writable: [installRoot] });
    return { files: await build.collect(installRoot) };
  },
};
