// Cache keys, bit for bit as BuildStream 2 computes them: sha256 of canonical JSON of the
// element's own ingredients plus its build-scope dependencies in staging order. Pure functions:
// no clock, no host paths, nothing from the environment but the build OS and architecture.

import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from './canonical-json.js';

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

const MARKER = '\u0000dependencies\u0000';

/**
 * An element's key dictionary serialised once, split around its dependency list, so that its
 * weak and strict keys only join pre-serialised dependency entries. `weak-cache-key` sorts
 * after every other key, so it always goes just before the closing brace.
 */
export class KeyTemplate {
  private readonly before: string;
  private readonly after: string;

  constructor(base: Record<string, JsonValue>) {
    const json = canonicalJson({ ...base, dependencies: MARKER });
    const quoted = canonicalJson(MARKER);
    const at = json.indexOf(quoted);
    this.before = json.slice(0, at);
    this.after = json.slice(at + quoted.length, -1);
  }

  /** `joined`: the canonical JSON entries of the build scope, in staging order, joined by commas. */
  key(joined: string, weakKey?: string): string {
    const tail = weakKey === undefined ? '}' : `,"weak-cache-key":${canonicalJson(weakKey)}}`;
    // Canonical JSON escapes everything outside ASCII, so latin1 bytes are its UTF-8 bytes.
    return createHash('sha256').update(`${this.before}[${joined}]${this.after}${tail}`, 'latin1').digest('hex');
  }
}

/** The three keys of an element; strong equals strict in strict mode. */
export interface ElementKeys {
  readonly weak: string;
  readonly strict: string;
  /** Undefined in non-strict mode until the artifact exists. */
  readonly strong: string | undefined;
}
