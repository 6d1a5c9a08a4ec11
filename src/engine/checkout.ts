// Puts cached artifacts on the host: an element alone or with a scope of its dependencies,
// staged in BuildStream's order into a directory (copies, or hard links into the cache) or a
// tarball, optionally after running their integration commands in a sandbox.

import fs from 'node:fs';
import path from 'node:path';
import type { ArtifactCache, ArtifactRecord } from '../cache/artifact-cache.js';
import { OBJECT_MTIME } from '../cache/content-store.js';
import { removeTree } from '../cache/remove-tree.js';
import { StagingArea } from '../cache/staging.js';
import { CairnError } from '../format/errors.js';
import { dependenciesOf } from '../project/graph.js';
import type { LoadedElement } from '../project/loader.js';
import { probeSandbox, runInSandbox } from '../sandbox/bwrap.js';
import { requireEmptyDirectory, writeTarball } from './checkout-target.js';
import type { KeyedGraph } from './pipeline.js';

export type CheckoutDeps = 'none' | 'run' | 'build' | 'all';

export interface CheckoutRequest {
  readonly graph: KeyedGraph;
  readonly cache: ArtifactCache;
  readonly element: LoadedElement;
  readonly deps: CheckoutDeps;
  readonly artifactOf: (element: LoadedElement) => ArtifactRecord;
  /** Either a directory (must be empty or absent) or a tarball path (`-` for stdout). */
  readonly target: { readonly directory: string; readonly hardlinks: boolean } | { readonly tar: string; readonly stdout?: NodeJS.WritableStream };
  readonly integrate: boolean;
  readonly bwrap?: string;
}

/** The elements a checkout stages, in staging order. */
export function checkoutElements(graph: KeyedGraph, element: LoadedElement, deps: CheckoutDeps): LoadedElement[] {
  switch (deps) {
    case 'none':
      return [element];
    case 'run':
      return dependenciesOf([element], 'run');
    case 'build':
      return graph.buildScope(element);
    case 'all':
      return dependenciesOf([element], 'all');
  }
}

export async function checkout(request: CheckoutRequest): Promise<{ files: number }> {
  const { cache, target } = request;
  const elements = checkoutElements(request.graph, request.element, request.deps).filter((e) => e.kind !== 'junction' && e.kind !== 'link');
  const area = new StagingArea(cache.store);
  const records = elements.map((element) => ({ element, record: request.artifactOf(element) }));
  for (const { element, record } of records) {
    if (record.files) area.add({ name: element.fullName, tree: record.files.hash, location: '/' });
  }

  if ('directory' in target) {
    prepareEmptyDirectory(target.directory);
    if (!request.integrate) {
      return { files: await area.materialize(target.directory, target.hardlinks ? 'link' : 'copy') };
    }
  }
  // Integration and tarballs work on a private staged copy first.
  const work = cache.store.temporaryPath('checkout');
  fs.mkdirSync(work);
  try {
    const files = await area.materialize(work, 'copy');
    if (request.integrate) await integrate(request, records, work);
    if ('directory' in target) {
      moveContents(work, target.directory);
    } else {
      // Every member gets the time the cache gives its files, as BuildStream's tarballs do: the same artifact gives the same bytes.
      await writeTarball(work, target.tar, { mtime: OBJECT_MTIME, ...(target.stdout ? { stdout: target.stdout } : {}) });
    }
    return { files };
  } finally {
    removeTree(work);
  }
}

async function integrate(request: CheckoutRequest, records: ReadonlyArray<{ element: LoadedElement; record: ArtifactRecord }>, root: string): Promise<void> {
  const commands = records.flatMap(({ element, record }) => {
    const bst = (record.public as { bst?: { 'integration-commands'?: unknown } } | null)?.bst;
    const list = Array.isArray(bst?.['integration-commands']) ? (bst!['integration-commands'] as unknown[]) : [];
    return list.filter((c): c is string => typeof c === 'string').map((command, i) => ({ label: `integration-commands[${i}] of ${element.fullName}`, command }));
  });
  if (commands.length === 0) return;
  const before = new Set(fs.readdirSync(root));
  const capabilities = await probeSandbox(request.bwrap ? { bwrap: request.bwrap } : {});
  const scratch = request.cache.store.temporaryPath('scratch');
  fs.mkdirSync(scratch);
  const env = Object.fromEntries([...request.graph.keyed(request.element).composed.environment.entries].flatMap(([k, v]) => (v.kind === 'scalar' ? [[k, v.value]] : [])));
  try {
    const result = await runInSandbox({ ...capabilities, overlay: false }, { root, rootWritable: true, scratch, writable: [], cwd: '/', env, uid: 0, gid: 0, commands });
    if (!result.ok) {
      throw new CairnError('build-failed', `integration command failed while checking out ${request.element.fullName}: ${result.failed?.label ?? 'sandbox'} (exit ${result.failed?.exitCode ?? '?'})`);
    }
  } finally {
    removeTree(scratch);
  }
  // The sandbox needed mount points the artifacts did not have; they are not part of the checkout.
  for (const name of ['proc', 'dev', 'tmp']) {
    const p = path.join(root, name);
    if (!before.has(name) && fs.existsSync(p) && fs.readdirSync(p).length === 0) fs.rmdirSync(p);
  }
}

function prepareEmptyDirectory(directory: string): void {
  requireEmptyDirectory(directory);
  fs.mkdirSync(directory, { recursive: true });
}

function moveContents(from: string, to: string): void {
  for (const name of fs.readdirSync(from)) {
    try {
      fs.renameSync(path.join(from, name), path.join(to, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      fs.cpSync(path.join(from, name), path.join(to, name), { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    }
  }
}
