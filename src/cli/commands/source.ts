// `cairn source checkout|fetch|track`: BuildStream's `bst source` group. checkout fetches what
// is missing, then stages the element's sources (and with --deps, its dependencies' sources)
// into a directory or a tarball, optionally with build scripts.

import path from 'node:path';
import { checkoutElements, type CheckoutDeps } from '../../engine/checkout.js';
import { sourceCheckout } from '../../engine/source-checkout.js';
import { exceptElements } from '../../project/graph.js';
import { one, UsageError, type OptionSpec } from '../args.js';
import type { CommandContext } from '../context.js';
import { fetchCommand, runFetch } from './fetch.js';
import { trackCommand } from './track.js';

export const SOURCE_OPTIONS: OptionSpec[] = [
  { name: 'deps', short: 'd', values: 1, choices: ['none', 'plan', 'run', 'build', 'all'] },
  { name: 'except', values: 1, repeat: true },
  { name: 'tar', values: 1 },
  { name: 'include-build-scripts', values: 0 },
];

const DEPS_OF: Record<string, readonly string[]> = {
  checkout: ['none', 'run', 'build', 'all'],
  fetch: ['none', 'plan', 'run', 'build', 'all'],
  track: ['none', 'all'],
};

export async function sourceCommand(context: CommandContext): Promise<number> {
  const [verb, ...rest] = context.parsed.positionals;
  const allowed = verb !== undefined ? DEPS_OF[verb] : undefined;
  if (!allowed) throw new UsageError(`cairn source takes checkout, fetch or track${verb ? `, not '${verb}'` : ''}`);
  const deps = one(context.parsed, 'deps');
  if (deps !== undefined && !allowed.includes(deps)) throw new UsageError(`cairn source ${verb} --deps takes one of ${allowed.join(', ')}, not '${deps}'`);
  if (verb !== 'checkout' && (context.parsed.flags.has('tar') || context.parsed.flags.has('include-build-scripts'))) {
    throw new UsageError(`--tar and --include-build-scripts belong to cairn source checkout`);
  }
  if (verb === 'fetch') return fetchCommand(context, rest);
  if (verb === 'track') return trackCommand(context, rest);
  return checkoutCommand(context, rest);
}

async function checkoutCommand(context: CommandContext, args: readonly string[]): Promise<number> {
  const tarFile = one(context.parsed, 'tar');
  const expected = tarFile !== undefined ? 1 : 2;
  if (args.length !== expected) {
    throw new UsageError(tarFile !== undefined ? 'cairn source checkout --tar FILE takes one element' : 'cairn source checkout takes an element and a directory');
  }
  const [elementName, directory] = args as [string, string | undefined];
  const graph = await context.loadGraph([elementName]);
  const element = graph.targets[0]!;
  const except = (context.parsed.flags.get('except') ?? []).map(([name]) => graph.lookup(name!));
  const deps = (one(context.parsed, 'deps') ?? 'none') as CheckoutDeps;
  const elements = exceptElements(graph.targets, checkoutElements(graph, element, deps), except).filter((e) => e.kind !== 'junction' && e.kind !== 'link');
  if (!(await runFetch(context, graph, elements))) return 255;
  const target = tarFile !== undefined ? { tar: path.resolve(context.io.cwd, tarFile) } : { directory: path.resolve(context.io.cwd, directory!) };
  const result = await sourceCheckout({
    graph,
    elements,
    sourceDirectory: context.userConfig.sourceDirectory,
    target,
    includeBuildScripts: context.flag('include-build-scripts'),
    workDirectory: path.join(context.userConfig.cacheDirectory, 'tmp'),
  });
  const scripts = result.scripts.length > 0 ? ` and ${result.scripts.length} build script${result.scripts.length === 1 ? '' : 's'}` : '';
  context.io.err.write(`checked out the sources of ${result.directories.length} element${result.directories.length === 1 ? '' : 's'}${scripts} to ${'tar' in target ? target.tar : target.directory}\n`);
  return 0;
}
