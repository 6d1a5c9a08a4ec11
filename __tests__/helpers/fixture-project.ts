// Small projects on disk for loader tests: each test writes the files it talks about into a
// fresh temporary directory, loads it through the engine as `cairn show` would, and looks at
// what came back (or at the error, with its file:line:column).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CairnError } from '../../src/format/errors.js';
import { loadPipeline, type KeyedElement, type KeyedGraph, type PipelineOptions } from '../../src/engine/pipeline.js';

/** The smallest valid project.conf. */
export const PROJECT_CONF = 'name: test\nmin-version: 2.0\n';

const created: string[] = [];

/** Joins lines into a file, so that line numbers in a test are easy to count. */
export function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

/**
 * Writes `files` (relative path → content) into a new temporary directory and returns it.
 * A project.conf naming the project `test` is added unless the files give one (pass
 * `'project.conf': null` to leave it out). Remove them all with removeProjects().
 */
export function writeProject(files: Readonly<Record<string, string | null>>): string {
  const directory = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-project-')));
  created.push(directory);
  const all: Record<string, string | null> = { 'project.conf': PROJECT_CONF, ...files };
  for (const [name, content] of Object.entries(all)) {
    if (content === null) continue;
    const file = path.join(directory, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return directory;
}

/** Deletes every directory writeProject() made; call it from afterAll. */
export function removeProjects(): void {
  for (const directory of created.splice(0)) fs.rmSync(directory, { recursive: true, force: true });
}

export type LoadOptions = Omit<PipelineOptions, 'directory' | 'targets'>;

/** Loads `targets` of the project in `directory` and keys every element of their `all` scope. */
export async function load(directory: string, targets: readonly string[], options: LoadOptions = {}): Promise<KeyedGraph> {
  const graph = await loadPipeline({ directory, targets, ...options });
  for (const element of graph.scope('all')) graph.keyed(element);
  return graph;
}

/** Loads `target` and returns it keyed (composed variables, config, environment, keys). */
export async function loadOne(directory: string, target: string, options: LoadOptions = {}): Promise<KeyedElement> {
  const graph = await load(directory, [target], options);
  return graph.keyed(graph.targets[0]!);
}

/** Full names of elements, for comparing scopes with BuildStream's expected lists. */
export function names(elements: ReadonlyArray<{ readonly fullName: string }>): string[] {
  return elements.map((element) => element.fullName);
}

/** The CairnError that loading (and keying) `targets` raises; fails the test if there is none. */
export async function loadError(directory: string, targets: readonly string[], options: LoadOptions = {}): Promise<CairnError> {
  return errorOf(() => load(directory, targets, options));
}

export async function errorOf(fn: () => unknown): Promise<CairnError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof CairnError) return error;
    throw error;
  }
  throw new Error('expected a CairnError, but nothing was thrown');
}

/** `file:line:column` of an error, or undefined when it has no position. */
export function whereOf(error: CairnError): string | undefined {
  const at = error.provenance;
  return at ? `${at.file}:${at.line}:${at.column}` : undefined;
}
