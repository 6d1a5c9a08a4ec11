// Cache keys, bit for bit as BuildStream 2 computes them: sha256 of canonical JSON of the
// element's own ingredients plus its build-scope dependencies in staging order. Pure functions:
// no clock, no host paths, nothing from the environment but the build OS and architecture.

import { canonicalJson, sha256Hex, type JsonValue } from './canonical-json.js';

/** BuildStream's BST_CORE_ARTIFACT_VERSION: the artifact format the keys describe. */
export const CORE_ARTIFACT_VERSION = 11;

/** Everything about one element that enters its keys, apart from its dependencies. */
export interface KeyIngredients {
  readonly buildRoot: string;
  readonly pluginKey: JsonValue;
  readonly kind: string;
  readonly pluginVersion: number;
  readonly public: JsonValue;
  readonly sources: JsonValue;
  readonly fatalWarnings: readonly string[];
  /** Present only for elements that run commands. */
  readonly sandbox?: JsonValue;
  readonly environment?: JsonValue;
}

/** The ingredients as a dictionary, ready for dependencies and the weak key to be added. */
export function keyBase(ingredients: KeyIngredients): Record<string, JsonValue> {
  const base: Record<string, JsonValue> = {
    'core-artifact-version': CORE_ARTIFACT_VERSION,
    'element-base-key': { 'build-root': ingredients.buildRoot },
    'element-plugin-key': ingredients.pluginKey,
    'element-plugin-name': ingredients.kind,
    'element-plugin-version': ingredients.pluginVersion,
    public: ingredients.public,
    sources: ingredients.sources,
    'fatal-warnings': [...ingredients.fatalWarnings].sort(),
  };
  if (ingredients.sandbox !== undefined) base['sandbox'] = ingredients.sandbox;
  if (ingredients.environment !== undefined) base['environment'] = ingredients.environment;
  return base;
}

/** A build-scope dependency as it appears in a key: [project, element] or [project, element, key]. */
export type KeyDependency = readonly [string, string] | readonly [string, string, string];

export function computeKey(base: Record<string, JsonValue>, dependencies: readonly KeyDependency[], weakKey?: string): string {
  const dictionary: Record<string, JsonValue> = { ...base, dependencies: dependencies as unknown as JsonValue };
  if (weakKey !== undefined) dictionary['weak-cache-key'] = weakKey;
  return sha256Hex(canonicalJson(dictionary));
}

/** The three keys of an element; strong equals strict in strict mode. */
export interface ElementKeys {
  readonly weak: string;
  readonly strict: string;
  /** Undefined in non-strict mode until the artifact exists. */
  readonly strong: string | undefined;
}
