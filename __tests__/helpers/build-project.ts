// Buildable test projects: a base element importing a tiny sysroot made of Debian's static
// busybox (a shell and coreutils in one file, with one relative symlink per applet), plus the
// elements a test writes. Builds go through the real engine, sandbox and cache.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from '@jest/globals';
import { ArtifactCache } from '../../src/cache/artifact-cache.js';
import { lookupArtifact } from '../../src/engine/artifact-state.js';
import { BuildSession, type BuildEvent, type BuildSummary } from '../../src/engine/build-session.js';
import { loadPipeline, type KeyedGraph } from '../../src/engine/pipeline.js';
import type { OnError } from '../../src/scheduler/scheduler.js';
import { writeProject } from './project.js';

export const BUSYBOX = '/usr/bin/busybox';

const APPLETS = ['sh', 'cat', 'echo', 'ls', 'mkdir', 'cp', 'ln', 'rm', 'touch', 'chmod', 'id', 'sleep', 'test', 'printf', 'env', 'true', 'false', 'stat', 'wc', 'grep', 'sed', 'readlink', 'find', 'sort', 'head', 'tail', 'mv', 'cut', 'tr', 'date', 'hostname', 'expr'];

/** Writes the busybox sysroot (bin/busybox plus applet links, and an empty etc) under `dir`. */
export function writeSysroot(dir: string): void {
  fs.mkdirSync(path.join(dir, 'bin'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'etc'), { recursive: true });
  fs.copyFileSync(BUSYBOX, path.join(dir, 'bin', 'busybox'));
  fs.chmodSync(path.join(dir, 'bin', 'busybox'), 0o755);
  for (const applet of APPLETS) fs.symlinkSync('busybox', path.join(dir, 'bin', applet));
  fs.mkdirSync(path.join(dir, 'usr'), { recursive: true });
  fs.symlinkSync('../bin', path.join(dir, 'usr', 'bin'));
  fs.writeFileSync(path.join(dir, 'etc', 'base-release'), 'busybox test sysroot\n');
}

export const BASE_BST = `kind: import
description: a busybox sysroot
sources:
- kind: local
  path: files/sysroot
`;

/** A project named `test` with elements/base.bst and the given files (paths relative to the project). */
export function writeBuildProject(files: Record<string, string>, projectConf = ''): string {
  const dir = writeProject({
    'project.conf': `name: test\nmin-version: 2.0\nelement-path: elements\n${projectConf}`,
    'elements/base.bst': BASE_BST,
    ...files,
  });
  writeSysroot(path.join(dir, 'files', 'sysroot'));
  return dir;
}

export interface BuildRun {
  readonly summary: BuildSummary;
  readonly events: BuildEvent[];
  readonly graph: KeyedGraph;
  /** Elements whose build job ran, in finishing order. */
  readonly builtNow: string[];
}

export class TestCache {
  readonly directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-cache-'));
  readonly cache = new ArtifactCache(this.directory);

  async build(
    project: string,
    targets: readonly string[],
    options: { onError?: OnError; builders?: number; retryFailed?: boolean; strict?: boolean; quotaBytes?: number; onEvent?: (event: BuildEvent, session: BuildSession) => void } = {},
  ): Promise<BuildRun> {
    const graph = await loadPipeline({ directory: project, targets, strict: options.strict ?? true });
    const events: BuildEvent[] = [];
    let session: BuildSession | undefined = undefined;
    session = new BuildSession({
      graph,
      cache: this.cache,
      logDirectory: path.join(this.directory, 'logs'),
      sourceDirectory: path.join(this.directory, 'sources'),
      builders: options.builders ?? 2,
      fetchers: 2,
      onError: options.onError ?? 'quit',
      retryFailed: options.retryFailed ?? false,
      ...(options.quotaBytes !== undefined ? { quotaBytes: options.quotaBytes } : {}),
      onEvent: (event) => {
        events.push(event);
        options.onEvent?.(event, session!);
      },
    });
    const summary = await session.run();
    const builtNow = events.flatMap((e) => (e.type === 'job-end' && e.action === 'build' && e.result === 'success' ? [e.element] : []));
    return { summary, events, graph, builtNow };
  }

  remove(): void {
    fs.rmSync(this.directory, { recursive: true, force: true });
  }
}

const caches: TestCache[] = [];

/** A cache of its own for one test, removed after it. */
export function freshCache(): TestCache {
  const cache = new TestCache();
  caches.push(cache);
  return cache;
}
afterEach(() => {
  for (const cache of caches.splice(0)) cache.remove();
});

/** A manual element with the given install commands (each a shell line). */
export function manual(commands: string[], deps: string[] = ['base.bst'], extra = ''): string {
  return `kind: manual
build-depends:
${deps.map((d) => `- ${d}`).join('\n')}
config:
  install-commands:
${commands.map((c) => `  - ${JSON.stringify(c)}`).join('\n')}
${extra}`;
}

/** The files of an element's artifact as { path: contents or '-> target' or '<dir>' }. */
export function artifactFiles(cache: TestCache, graph: BuildRun['graph'], name: string): Record<string, string> {
  const element = graph.lookup(name);
  const record = lookupArtifact(cache.cache, graph.keyed(element), true, false);
  if (!record?.files) throw new Error(`${name} is not cached`);
  const out: Record<string, string> = {};
  const store = cache.cache.store;
  const walk = (hash: string, prefix: string): void => {
    for (const child of store.readDirectory(hash)) {
      const p = `${prefix}/${child.name}`;
      if (child.kind === 'directory') {
        out[p] = '<dir>';
        walk(child.digest.hash, p);
      } else if (child.kind === 'symlink') out[p] = `-> ${child.target}`;
      else out[p] = store.readBytes(child.digest.hash).toString('utf8') + (child.isExecutable ? ' (x)' : '');
    }
  };
  walk(record.files.hash, '');
  return out;
}
