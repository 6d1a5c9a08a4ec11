// `(@)` includes: the included files' content goes under the including mapping (the includer
// wins), later files win over earlier ones, includes nest, and a file that includes itself,
// directly or not, is an error. Finding and reading the files is the caller's job.

import { CairnError } from './errors.js';
import { compositeInto, type MappingNode, type Node, type ScalarNode } from './node.js';

/** One included file, as the resolver found it. */
export interface IncludedFile {
  /** A fresh tree the caller may modify (the resolver clones cached parses). */
  readonly node: MappingNode;
  /** Identifies the file for cycle detection (e.g. its absolute path). */
  readonly identity: string;
  /**
   * How to process the included file's own directives. A file from another project (a
   * junction include) carries that project's resolver and conditional evaluation.
   */
  readonly context: IncludeContext;
}

export interface IncludeContext {
  /** Reads `include` (the scalar from `(@)`, for provenance) from the project it names. */
  resolve(include: ScalarNode): IncludedFile;
  /** Evaluates `(?)` in an included file, when that file's conditionals belong to its own project. */
  readonly conditionals?: (node: MappingNode) => void;
  /** Skip includes that cross junctions (`junction.bst:file.yml`). */
  readonly onlyLocal?: boolean;
}

/** Expands every `(@)` in `node` and below it, in place. */
export function processIncludes(node: MappingNode, context: IncludeContext, stack: Set<string> = new Set()): void {
  const includesNode = node.get('(@)');
  if (includesNode !== undefined) {
    const includes = includeList(includesNode);
    node.delete('(@)');
    // Walk backwards so that each earlier file goes under the later ones: later files win.
    for (let i = includes.length - 1; i >= 0; i--) {
      const include = includes[i]!;
      if (context.onlyLocal && include.value.includes(':')) continue;
      const file = context.resolve(include);
      if (stack.has(file.identity)) {
        throw new CairnError(
          'recursive-include',
          `'${include.value}' includes itself (through ${[...stack].map((s) => `'${s}'`).join(' -> ')})`,
          include.at,
        );
      }
      stack.add(file.identity);
      try {
        file.context.conditionals?.(file.node);
        processIncludes(file.node, file.context, stack);
      } finally {
        stack.delete(file.identity);
      }
      compositeUnder(file.node, node);
    }
  }
  for (const value of node.entries.values()) processValue(value, context, stack);
}

function processValue(value: Node, context: IncludeContext, stack: Set<string>): void {
  if (value.kind === 'mapping') processIncludes(value, context, stack);
  else if (value.kind === 'sequence') for (const item of value.items) processValue(item, context, stack);
}

function includeList(node: Node): ScalarNode[] {
  if (node.kind === 'scalar') return [node];
  if (node.kind === 'sequence' && node.items.every((item) => item.kind === 'scalar')) return node.items as ScalarNode[];
  throw new CairnError('invalid-data', '(@) takes a file name or a list of file names', node.at);
}

/** Put `lower` beneath `upper` in place: `upper` keeps its own values and gains the rest. */
function compositeUnder(lower: MappingNode, upper: MappingNode): void {
  const merged = lower;
  compositeInto(merged, upper);
  upper.entries = merged.entries;
  upper.keyAt = merged.keyAt;
}

