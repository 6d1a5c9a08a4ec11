// Build scopes for every element, fast: the same walk as ScopeWalker's 'build' scope, over
// integer arrays with a generation stamp instead of sets, because keying walks one scope per
// element and scopes in real graphs hold thousands of elements.

import type { LoadedElement } from './loader.js';

export class BuildScopes {
  private readonly buildDeps: Int32Array[];
  private readonly runDeps: Int32Array[];
  private readonly stamp: Int32Array;
  private generation = 0;
  private readonly stack: Int32Array;
  private readonly cursor: Int32Array;

  constructor(elements: readonly LoadedElement[]) {
    this.buildDeps = elements.map((e) => Int32Array.from(e.dependencies.filter((d) => d.type !== 'runtime').map((d) => d.element.index)));
    this.runDeps = elements.map((e) => Int32Array.from(e.dependencies.filter((d) => d.type !== 'build').map((d) => d.element.index)));
    this.stamp = new Int32Array(elements.length);
    this.stack = new Int32Array(elements.length + 1);
    this.cursor = new Int32Array(elements.length + 1);
  }

  /** The build scope of `element` in staging order: each build dependency's runtime closure, post-order. */
  of(element: LoadedElement): Int32Array {
    const generation = ++this.generation;
    const { stamp, stack, cursor, runDeps } = this;
    const out: number[] = [];
    for (const root of this.buildDeps[element.index]!) {
      if (stamp[root] === generation) continue;
      stamp[root] = generation;
      let depth = 0;
      stack[0] = root;
      cursor[0] = 0;
      while (depth >= 0) {
        const node = stack[depth]!;
        const children = runDeps[node]!;
        const i = cursor[depth]!;
        if (i < children.length) {
          cursor[depth] = i + 1;
          const child = children[i]!;
          if (stamp[child] !== generation) {
            stamp[child] = generation;
            depth++;
            stack[depth] = child;
            cursor[depth] = 0;
          }
          continue;
        }
        out.push(node);
        depth--;
      }
    }
    return Int32Array.from(out);
  }
}
