// `cairn show`: elements of a scope with their keys and states.

import type { OptionSpec } from '../args.js';
import { one } from '../args.js';
import type { CommandContext } from '../context.js';
import { DEFAULT_SHOW_FORMAT, renderShow, selectElements, type ShowDeps } from './show-render.js';

export const SHOW_OPTIONS: OptionSpec[] = [
  { name: 'deps', short: 'd', values: 1, choices: ['none', 'run', 'build', 'all', 'plan'] },
  { name: 'except', values: 1, repeat: true },
  { name: 'format', short: 'f', values: 1 },
  { name: 'order', values: 1, choices: ['stage', 'alpha'] },
];

export async function showCommand(context: CommandContext): Promise<number> {
  const { parsed } = context;
  const graph = await context.loadGraph(parsed.positionals);
  const except = (parsed.flags.get('except') ?? []).map(([name]) => graph.lookup(name!));
  let elements = selectElements(graph, (one(parsed, 'deps') ?? 'all') as ShowDeps, except);
  if (one(parsed, 'order') === 'alpha') elements = [...elements].sort((a, b) => (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0));
  context.io.out.write(renderShow(graph, elements, one(parsed, 'format') ?? DEFAULT_SHOW_FORMAT, context.artifactState(graph), context.sourceState()));
  return 0;
}
