// What every build element kind shares (BuildStream's BuildElement): four command lists run in
// order, dependencies staged by `location`, and one unique key shape. Kinds differ only in their
// defaults YAML, so a kind module is one call to buildElementPlugin().

import type { JsonValue } from '../../src/cache/canonical-json.js';
import type { AssemblingElementPlugin, BuildCommand, BuildContext, BuildOutput, ElementView } from '../../src/project/plugin-api.js';
import { CairnError } from '../../src/format/errors.js';
import { checkKeys, readStringList } from './config-values.js';
import { readStagingPlan, sortedGroups, stageByLayout } from './staging-layout.js';

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

/** Each command with where it was written, labelled by its step and position. */
function commandList(element: ElementView): BuildCommand[] {
  const out: BuildCommand[] = [];
  for (const step of COMMAND_STEPS) {
    const node = element.config.get(step);
    if (!node || node.kind !== 'sequence') continue;
    node.items.forEach((item, i) => {
      if (item.kind === 'scalar') out.push({ label: `${step}[${i}]`, command: item.value, at: item.at });
    });
  }
  return out;
}

/** BuildStream's BuildElement: stage, integrate, stage sources, run the four steps, keep the install root. */
async function assemble(element: ElementView, build: BuildContext): Promise<BuildOutput> {
  const buildRoot = element.variables.get('build-root');
  const installRoot = element.variables.get('install-root');
  if (!buildRoot || !installRoot) {
    throw new CairnError('invalid-data', `element '${element.name}' needs the variables build-root and install-root`, element.at);
  }
  const plan = readStagingPlan(element, DEPENDENCY_CONFIG_KEYS);
  stageByLayout(element, build, plan);
  await build.integrate();
  await build.stageSources(buildRoot);
  const subdir = element.variables.get('command-subdir');
  const cwd = subdir ? `${buildRoot}/${subdir}` : buildRoot;
  // digest-environment: a variable naming the tree of a subsandbox holding those dependencies.
  const environment: Record<string, string> = {};
  for (const [variable, paths] of plan.digestEnvironment) {
    const wanted = new Set(paths);
    const tree = build.dependenciesTree(element.dependencies.filter((dep) => wanted.has(dep.path)));
    environment[variable] = `${tree.hash}/${tree.sizeBytes}`;
  }
  await build.run(commandList(element), { cwd, rootReadOnly: true, environment });
  return { files: await build.collect(installRoot) };
}

export function buildElementPlugin(kind: string, defaults: string): AssemblingElementPlugin {
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
    assemble,
  };
}
