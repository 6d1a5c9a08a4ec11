// The public data an artifact carries: the element's `public:` with its variables expanded, as
// dependents read it at build time (integration commands, split rules, overlap whitelist).

import type { JsonValue } from '../cache/canonical-json.js';
import { toPlain } from '../format/node.js';
import type { ComposedElement } from '../project/element.js';

export function artifactPublic(composed: ComposedElement, passedIntegration: readonly string[] = []): JsonValue {
  const plain = toPlain(composed.variables.expandNode(composed.public)) as { [key: string]: JsonValue };
  if (passedIntegration.length === 0) return plain;
  const bst = { ...((plain['bst'] as { [key: string]: JsonValue } | undefined) ?? {}) };
  const own = Array.isArray(bst['integration-commands']) ? (bst['integration-commands'] as JsonValue[]) : [];
  // A filter's pass-integration puts its parent's commands before its own, as BuildStream does.
  bst['integration-commands'] = [...passedIntegration, ...own];
  return { ...plain, bst };
}
