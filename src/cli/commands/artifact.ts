// `cairn artifact checkout|log|list-contents|delete`: reading and removing cached artifacts.

import path from 'node:path';
import { checkout, type CheckoutDeps } from '../../engine/checkout.js';
import { lookupArtifact } from '../../engine/artifact-state.js';
import { CairnError } from '../../format/errors.js';
import { defaultFileMode } from '../../cache/directory-digest.js';
import { UsageError, one, type OptionSpec } from '../args.js';
import type { CommandContext } from '../context.js';

export const ARTIFACT_OPTIONS: OptionSpec[] = [
  { name: 'deps', short: 'd', values: 1, choices: ['none', 'run', 'build', 'all'] },
  { name: 'hardlinks', values: 0 },
  { name: 'tar', values: 1 },
  { name: 'integrate', values: 0 },
  { name: 'directory', values: 1 },
  { name: 'long', short: 'l', values: 0 },
];

export async function artifactCommand(context: CommandContext): Promise<number> {
  const [verb, ...targets] = context.parsed.positionals;
  switch (verb) {
    case 'checkout':
      return checkoutCommand(context, targets);
    case 'log':
      return logCommand(context, targets);
    case 'list-contents':
      return listContentsCommand(context, targets);
    case 'delete':
      return deleteCommand(context, targets);
    default:
      throw new UsageError(`cairn artifact takes checkout, log, list-contents or delete${verb ? `, not '${verb}'` : ''}`);
  }
}

async function checkoutCommand(context: CommandContext, targets: string[]): Promise<number> {
  if (targets.length !== 1) throw new UsageError('cairn artifact checkout takes exactly one element');
  // -C is the project directory everywhere, so the checkout directory is --directory here, given after the verb.
  const directoryFlag = one(context.parsed, 'directory');
  const tarFile = one(context.parsed, 'tar');
  if (tarFile !== undefined && directoryFlag !== undefined) throw new UsageError('give either --tar or --directory, not both');
  if (tarFile !== undefined && context.flag('hardlinks')) throw new UsageError('--hardlinks cannot be used with --tar');
  const graph = await context.loadGraph(targets);
  const element = graph.targets[0]!;
  const deps = (one(context.parsed, 'deps') ?? 'run') as CheckoutDeps;
  const directory = path.resolve(context.io.cwd, directoryFlag ?? element.name.replace(/\.bst$/, '').replace(/\//g, '-'));
  const result = await checkout({
    graph,
    cache: context.cache,
    element,
    deps,
    artifactOf: (e) => context.requireArtifact(graph, e, 'success'),
    target: tarFile !== undefined ? { tar: tarFile === '-' ? '-' : path.resolve(context.io.cwd, tarFile), stdout: context.io.out } : { directory, hardlinks: context.flag('hardlinks') },
    integrate: context.flag('integrate'),
    ...(context.userConfig.bwrap ? { bwrap: context.userConfig.bwrap } : {}),
  });
  if (tarFile !== '-') context.io.err.write(`checked out ${element.fullName} (${result.files} files) to ${tarFile ?? directory}\n`);
  return 0;
}

async function logCommand(context: CommandContext, targets: string[]): Promise<number> {
  if (targets.length === 0) throw new UsageError('cairn artifact log takes one or more elements');
  const graph = await context.loadGraph(targets);
  for (const element of graph.targets) {
    const record = context.requireArtifact(graph, element);
    if (!record.log) throw new CairnError('artifact-missing', `the artifact of ${element.fullName} has no build log`);
    context.io.out.write(context.cache.store.readBytes(record.log.hash));
  }
  return 0;
}

async function listContentsCommand(context: CommandContext, targets: string[]): Promise<number> {
  if (targets.length === 0) throw new UsageError('cairn artifact list-contents takes one or more elements');
  const graph = await context.loadGraph(targets);
  const long = context.flag('long');
  const store = context.cache.store;
  for (const element of graph.targets) {
    const record = context.requireArtifact(graph, element);
    context.io.out.write(`${element.fullName}:\n`);
    const walk = (hash: string, prefix: string): void => {
      for (const child of [...store.readDirectory(hash)].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        const p = prefix ? `${prefix}/${child.name}` : child.name;
        if (!long) context.io.out.write(`\t${p}\n`);
        else if (child.kind === 'file') context.io.out.write(`\t${permissionString(child.mode ?? defaultFileMode(child.isExecutable))} ${String(child.digest.sizeBytes).padStart(10)} ${p}\n`);
        else if (child.kind === 'symlink') context.io.out.write(`\tlrwxrwxrwx ${'0'.padStart(10)} ${p} -> ${child.target}\n`);
        else context.io.out.write(`\tdrwxr-xr-x ${'0'.padStart(10)} ${p}\n`);
        if (child.kind === 'directory') walk(child.digest.hash, p);
      }
    };
    if (record.files) walk(record.files.hash, '');
    context.io.out.write('\n');
  }
  return 0;
}

async function deleteCommand(context: CommandContext, targets: string[]): Promise<number> {
  if (targets.length === 0) throw new UsageError('cairn artifact delete takes one or more elements');
  const graph = await context.loadGraph(targets);
  let missing = 0;
  for (const element of graph.targets) {
    const keyed = graph.keyed(element);
    const record = lookupArtifact(context.cache, keyed, graph.strict, false);
    if (!record) {
      context.io.err.write(`${element.fullName}: no artifact to delete\n`);
      missing++;
      continue;
    }
    context.cache.delete({ project: record.project, element: record.element, key: record.keys.strong });
    context.io.err.write(`deleted the artifact of ${element.fullName} (${record.keys.strong.slice(0, 8)})\n`);
  }
  return missing > 0 ? 255 : 0;
}


/** `-rwsr-xr-x`, as ls shows a file's mode. */
function permissionString(mode: number): string {
  const bit = (mask: number, char: string): string => (mode & mask ? char : '-');
  const exec = (x: number, special: number, set: string): string => (mode & special ? (mode & x ? set : set.toUpperCase()) : mode & x ? 'x' : '-');
  return (
    '-' +
    bit(0o400, 'r') + bit(0o200, 'w') + exec(0o100, 0o4000, 's') +
    bit(0o40, 'r') + bit(0o20, 'w') + exec(0o10, 0o2000, 's') +
    bit(0o4, 'r') + bit(0o2, 'w') + exec(0o1, 0o1000, 't')
  );
}
