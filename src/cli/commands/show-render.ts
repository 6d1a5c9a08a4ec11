// `cairn show`: the elements of a scope, one line each, in a `--format` of BuildStream's
// placeholders. It renders what the engine computed; it decides nothing itself.

import { stringify } from 'yaml';
import { toPlain } from '../../format/node.js';
import { directDependencies, exceptElements, type Scope } from '../../project/graph.js';
import type { LoadedElement } from '../../project/loader.js';
import type { KeyedElement, KeyedGraph } from '../../engine/pipeline.js';
import { placeholdersOf, renderFormat } from '../format.js';

export type ShowDeps = Scope | 'none' | 'plan';

export const DEFAULT_SHOW_FORMAT = '%{state: >12} %{full-key} %{name} %{workspace-dirs}';

const UNKNOWN_KEY = '?'.repeat(64);

/** What the artifact cache says of an element: a built artifact, a cached failure, or nothing. */
export type ArtifactState = (keyed: KeyedElement) => 'cached' | 'failed' | undefined;

/**
 * Whether every source of an element is available without fetching. Without a source cache to
 * ask, only sources that never need fetching (local ones) count as available.
 */
export type SourceState = (keyed: KeyedElement) => boolean;

const WITHOUT_SOURCE_CACHE: SourceState = (keyed) => keyed.sourcesLocal;

/** An element's state as BuildStream names it. */
export function stateOf(
  graph: KeyedGraph,
  keyed: KeyedElement,
  artifact: ArtifactState,
  memo = new Map<LoadedElement, boolean>(),
  sources: SourceState = WITHOUT_SOURCE_CACHE,
): string {
  if (!keyed.resolved) return 'no reference';
  // A junction is never built: what it can lack is its sources, without which nothing loads through it.
  if (keyed.loaded.kind === 'junction') return sources(keyed) ? 'junction' : 'fetch needed';
  if (!keyed.keys) return 'waiting';
  const state = artifact(keyed);
  if (state) return state;
  if (!sources(keyed)) return 'fetch needed';
  // Buildable once everything its build stages is cached: each build dependency and, through
  // them, their runtime dependencies.
  const ready = keyed.loaded.dependencies.every((d) => d.type === 'runtime' || runtimeClosureCached(graph, d.element, artifact, memo));
  return ready ? 'buildable' : 'waiting';
}

function runtimeClosureCached(graph: KeyedGraph, element: LoadedElement, artifact: ArtifactState, memo: Map<LoadedElement, boolean>): boolean {
  const known = memo.get(element);
  if (known !== undefined) return known;
  memo.set(element, false);
  const cached =
    artifact(graph.keyed(element)) === 'cached' &&
    element.dependencies.every((d) => d.type === 'build' || runtimeClosureCached(graph, d.element, artifact, memo));
  memo.set(element, cached);
  return cached;
}

function yamlOf(value: unknown): string {
  if (Array.isArray(value) && value.length === 0) return '[]\n';
  if (value && typeof value === 'object' && Object.keys(value).length === 0) return '{}\n';
  return stringify(value, { lineWidth: 0 });
}

export function selectElements(graph: KeyedGraph, deps: ShowDeps, except: readonly LoadedElement[]): LoadedElement[] {
  const scope = deps === 'plan' ? 'all' : deps;
  const elements = graph.scope(scope);
  return exceptElements(graph.targets, elements, except);
}

export function renderShow(
  graph: KeyedGraph,
  elements: readonly LoadedElement[],
  format: string,
  artifact: ArtifactState = () => undefined,
  sources: SourceState = WITHOUT_SOURCE_CACHE,
): string {
  const wanted = placeholdersOf(format);
  const needsKeyed = ['key', 'full-key', 'state', 'config', 'vars', 'env', 'public', 'description'].some((name) => wanted.has(name));
  const lines: string[] = [];
  const memo = new Map<LoadedElement, boolean>();
  for (const element of elements) {
    const keyed = needsKeyed ? graph.keyed(element) : undefined;
    const fullKey = keyed?.keys?.strong ?? UNKNOWN_KEY;
    const values = (name: string): string | undefined => {
      switch (name) {
        case 'name':
          return element.fullName;
        case 'kind':
          return element.kind;
        case 'key':
          return fullKey.slice(0, 8);
        case 'full-key':
          return fullKey;
        case 'state':
          return stateOf(graph, keyed!, artifact, memo, sources);
        case 'description': {
          const description = element.node.get('description');
          return description?.kind === 'scalar' ? description.value.split(/\r?\n/).join(' ') : '';
        }
        case 'config':
          return yamlOf(toPlain(keyed!.composed.config));
        case 'vars':
          return yamlOf(Object.fromEntries(keyed!.composed.variables.resolved()));
        case 'env':
          return yamlOf(toPlain(keyed!.composed.environment));
        case 'public':
          return yamlOf(toPlain(keyed!.composed.public));
        case 'deps':
          return yamlOf(directDependencies(element, 'all').map((e) => e.fullName)).trimEnd();
        case 'build-deps':
          return yamlOf(directDependencies(element, 'build').map((e) => e.fullName)).trimEnd();
        case 'runtime-deps':
          return yamlOf(directDependencies(element, 'run').map((e) => e.fullName)).trimEnd();
        case 'workspaced':
        case 'workspace-dirs':
          return '';
        default:
          return undefined;
      }
    };
    lines.push(renderFormat(format, values));
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
