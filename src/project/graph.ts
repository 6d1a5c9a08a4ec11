// The element graph's orders: each element's direct dependencies sorted for staging exactly as
// BuildStream sorts them (the order feeds cache keys), and the build, run and all scopes walked
// in BuildStream's order.

import type { LoadedDependency, LoadedElement } from './loader.js';
import { sortWithCmp } from './listsort.js';

/**
 * Sorts every element's dependencies: a dependency that (transitively) depends on a sibling
 * goes after it; otherwise runtime-only ones last; otherwise by name, then by junction.
 * The comparator is not a total order, so the algorithm must be CPython's list.sort.
 */
export function sortDependencies(elements: readonly LoadedElement[]): void {
  const reaches = transitiveDependencies(elements);
  const depends = (a: LoadedElement, b: LoadedElement): boolean => {
    const bits = reaches[a.index]!;
    return (bits[b.index >>> 5]! & (1 << (b.index & 31))) !== 0;
  };
  const compare = (a: LoadedDependency, b: LoadedDependency): number => {
    const ea = a.element;
    const eb = b.element;
    if (depends(ea, eb)) return 1;
    if (depends(eb, ea)) return -1;
    if (a.type !== b.type) {
      if (a.type === 'runtime') return 1;
      if (b.type === 'runtime') return -1;
    }
    if (ea.name !== eb.name) return ea.name > eb.name ? 1 : -1;
    if (ea.junction && eb.junction) return ea.junction === eb.junction ? 0 : ea.junction > eb.junction ? 1 : -1;
    if (ea.junction) return -1;
    if (eb.junction) return 1;
    return 0;
  };
  for (const element of elements) {
    if (element.dependencies.length > 1) sortWithCmp(element.dependencies, compare);
  }
}

/** For each element, a bitset of every element it depends on through any chain of dependencies. */
function transitiveDependencies(elements: readonly LoadedElement[]): Uint32Array[] {
  const words = (elements.length + 31) >>> 5;
  const sets: Array<Uint32Array | undefined> = new Array(elements.length);
  // Post-order without recursion, so dependencies are complete before their dependents.
  for (const root of elements) {
    if (sets[root.index]) continue;
    const stack: Array<[LoadedElement, number]> = [[root, 0]];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const [element, i] = frame;
      if (i < element.dependencies.length) {
        frame[1] = i + 1;
        const child = element.dependencies[i]!.element;
        if (!sets[child.index]) stack.push([child, 0]);
        continue;
      }
      stack.pop();
      if (sets[element.index]) continue;
      const bits = new Uint32Array(words);
      for (const dependency of element.dependencies) {
        const child = dependency.element;
        bits[child.index >>> 5]! |= 1 << (child.index & 31);
        const childBits = sets[child.index]!;
        for (let w = 0; w < words; w++) bits[w]! |= childBits[w]!;
      }
      sets[element.index] = bits;
    }
  }
  return sets as Uint32Array[];
}

export type Scope = 'build' | 'run' | 'all';

const isBuild = (d: LoadedDependency): boolean => d.type !== 'runtime';
const isRun = (d: LoadedDependency): boolean => d.type !== 'build';

/** Visited sets shared across several targets, as BuildStream shares them. */
export class ScopeWalker {
  private readonly visitedBuild = new Set<LoadedElement>();
  private readonly visitedRun = new Set<LoadedElement>();

  /**
   * The elements in `scope` of `target`, in BuildStream's order: build = build dependencies with
   * their runtime closure (not the target); run = the runtime closure then the target;
   * all = everything beneath, build list before runtime list, then the target.
   */
  walk(target: LoadedElement, scope: Scope, out: LoadedElement[] = []): LoadedElement[] {
    if ((scope === 'build' || scope === 'all') && this.visitedBuild.has(target)) return out;
    if ((scope === 'run' || scope === 'all') && this.visitedRun.has(target)) return out;
    // An explicit stack keeps deep chains from overflowing the call stack.
    type Frame = { element: LoadedElement; scope: Scope; deps: LoadedDependency[]; i: number; emit: boolean };
    const frame = (element: LoadedElement, frameScope: Scope): Frame => {
      if (frameScope === 'all') {
        this.visitedBuild.add(element);
        this.visitedRun.add(element);
        const build = element.dependencies.filter(isBuild);
        const run = element.dependencies.filter(isRun);
        return { element, scope: frameScope, deps: [...build, ...run], i: 0, emit: true };
      }
      if (frameScope === 'build') {
        this.visitedBuild.add(element);
        return { element, scope: frameScope, deps: element.dependencies.filter(isBuild), i: 0, emit: false };
      }
      this.visitedRun.add(element);
      return { element, scope: frameScope, deps: element.dependencies.filter(isRun), i: 0, emit: true };
    };
    const stack: Frame[] = [frame(target, scope)];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.i < top.deps.length) {
        const child = top.deps[top.i++]!.element;
        if (top.scope === 'all') {
          if (!this.visitedBuild.has(child) && !this.visitedRun.has(child)) stack.push(frame(child, 'all'));
        } else if (!this.visitedRun.has(child)) {
          stack.push(frame(child, 'run'));
        }
        continue;
      }
      stack.pop();
      if (top.emit) out.push(top.element);
    }
    return out;
  }
}

/** The elements of `scope` for several targets with one shared visited set. */
export function dependenciesOf(targets: readonly LoadedElement[], scope: Scope): LoadedElement[] {
  const walker = new ScopeWalker();
  const out: LoadedElement[] = [];
  for (const target of targets) walker.walk(target, scope, out);
  return out;
}

/** The direct dependencies, build ones first (BuildStream's non-recursive listing). */
export function directDependencies(element: LoadedElement, scope: Scope): LoadedElement[] {
  const out = new Set<LoadedElement>();
  if (scope !== 'run') for (const d of element.dependencies) if (isBuild(d)) out.add(d.element);
  if (scope !== 'build') for (const d of element.dependencies) if (isRun(d)) out.add(d.element);
  return [...out];
}

/**
 * Removes the excepted elements and whatever is reachable only through them: elements still
 * reachable from a target by another path stay.
 */
export function exceptElements(targets: readonly LoadedElement[], elements: readonly LoadedElement[], excepted: readonly LoadedElement[]): LoadedElement[] {
  if (excepted.length === 0) return [...elements];
  const targeted = new Set(dependenciesOf(targets, 'all'));
  const seen = new Set<LoadedElement>();
  const border = new Set<LoadedElement>();
  const queue = [...excepted].reverse();
  // The border: the nearest elements, going down from each excepted one, that the targets need.
  while (queue.length > 0) {
    const element = queue.pop()!;
    if (seen.has(element)) continue;
    seen.add(element);
    if (targeted.has(element)) border.add(element);
    else queue.push(...directDependencies(element, 'all').reverse());
  }
  const kept = new Set<LoadedElement>();
  const work = [...targets];
  while (work.length > 0) {
    const element = work.pop()!;
    if (kept.has(element) || border.has(element)) continue;
    kept.add(element);
    work.push(...directDependencies(element, 'all'));
  }
  return elements.filter((element) => kept.has(element));
}
