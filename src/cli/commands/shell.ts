// `cairn shell`: a shell (or one command) in a sandbox holding an element's staged run scope,
// or with --build what its build would stage plus its sources at the build root. Changes to
// the root are thrown away with the sandbox.

import fs from 'node:fs';
import path from 'node:path';
import { removeTree } from '../../cache/remove-tree.js';
import { StagingArea } from '../../cache/staging.js';
import { checkoutElements } from '../../engine/checkout.js';
import { idleContext, stageElementSources } from '../../engine/element-sources.js';
import { probeSandbox, runInSandbox } from '../../sandbox/bwrap.js';
import { UsageError, type OptionSpec } from '../args.js';
import type { CommandContext } from '../context.js';

export const SHELL_OPTIONS: OptionSpec[] = [{ name: 'build', short: 'b', values: 0 }];

export async function shellCommand(context: CommandContext, command: readonly string[]): Promise<number> {
  const targets = context.parsed.positionals;
  if (targets.length !== 1) throw new UsageError('cairn shell takes exactly one element (and, after --, a command)');
  const graph = await context.loadGraph(targets);
  const element = graph.targets[0]!;
  const keyed = graph.keyed(element);
  const build = context.flag('build');
  const staged = (build ? graph.buildScope(element) : checkoutElements(graph, element, 'run')).filter((e) => e.kind !== 'junction' && e.kind !== 'link');
  const store = context.cache.store;
  const area = new StagingArea(store);
  const integration: Array<{ label: string; command: string }> = [];
  for (const e of staged) {
    const record = context.requireArtifact(graph, e, 'success');
    if (record.files) area.add({ name: e.fullName, tree: record.files.hash, location: '/' });
    const bst = (record.public as { bst?: { 'integration-commands'?: unknown } } | null)?.bst;
    const commands = Array.isArray(bst?.['integration-commands']) ? (bst!['integration-commands'] as unknown[]) : [];
    commands.forEach((command, i) => {
      if (typeof command === 'string') integration.push({ label: `integration-commands[${i}] of ${e.fullName}`, command });
    });
  }
  const capabilities = await probeSandbox(context.userConfig.bwrap ? { bwrap: context.userConfig.bwrap } : {});
  const work = store.temporaryPath('shell');
  const root = path.join(work, 'root');
  const scratch = path.join(work, 'scratch');
  fs.mkdirSync(root, { recursive: true });
  fs.mkdirSync(scratch);
  try {
    // Without an overlay, a private copy keeps writes away from the cache.
    await area.materialize(root, capabilities.overlay ? 'link' : 'copy');
    const variables = keyed.composed.view.variables;
    const writable: Array<{ host: string; path: string }> = [];
    let cwd = '/';
    if (build) {
      const buildRoot = variables.get('build-root') ?? '/buildstream/build';
      const host = path.join(work, 'build');
      fs.mkdirSync(host);
      await stageElementSources(keyed, host, idleContext(context.userConfig.sourceDirectory));
      writable.push({ host, path: buildRoot });
      cwd = buildRoot;
    }
    const env: Record<string, string> = {};
    for (const [name, value] of keyed.composed.environment.entries) if (value.kind === 'scalar') env[name] = value.value;
    env['PS1'] = `[${element.fullName}:\\w]\\$ `;
    const interactive = command.length === 0;
    // As in a build, the staged elements are integrated first; the shell then sees the result.
    if (integration.length > 0) {
      const integrated = await runInSandbox(capabilities, { root, rootWritable: true, layered: true, scratch, writable: [], cwd: '/', env, uid: 0, gid: 0, commands: integration });
      if (!integrated.ok) return integrated.failed?.exitCode ?? 1;
    }
    const result = await runInSandbox(capabilities, {
      layered: true,
      root,
      rootWritable: true,
      scratch,
      writable,
      cwd,
      env,
      uid: 0,
      gid: 0,
      commands: [{ label: interactive ? 'shell' : 'command', command: interactive ? 'exec /bin/sh -i' : command.map(shellQuote).join(' ') }],
      // A command, like a shell, talks to the terminal directly (no log headers), as bst shell does.
      interactive: true,
    });
    return result.ok ? 0 : result.failed?.exitCode ?? 1;
  } finally {
    removeTree(work);
  }
}

function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
