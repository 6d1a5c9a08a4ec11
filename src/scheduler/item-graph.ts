// Turns a session's items into index-based dependency and dependent lists for the scheduler,
// and rejects what it cannot schedule (duplicate ids, cycles). It describes the graph; it never
// decides what runs.

export interface GraphItem {
  readonly id: string;
  readonly dependsOn: readonly string[];
}

export interface ItemGraph {
  /** Per item, the distinct indices of the items it depends on (ids not in the session are dropped). */
  readonly dependencies: ReadonlyArray<readonly number[]>;
  /** Per item, the indices of the items that depend on it: the reverse edges, walked when it passes a queue or fails. */
  readonly dependents: ReadonlyArray<readonly number[]>;
}

/**
 * Builds the graph in O(items + edges). Throws an Error (a programming error of the caller: the
 * loader already rejects cycles) on a duplicate id or a dependency cycle, which would otherwise
 * leave an ordered queue waiting forever.
 */
export function buildItemGraph(items: readonly GraphItem[]): ItemGraph {
  const indexOf = new Map<string, number>();
  items.forEach((item, index) => {
    if (indexOf.has(item.id)) throw new Error(`scheduler: item id '${item.id}' appears more than once`);
    indexOf.set(item.id, index);
  });

  const dependencies: number[][] = [];
  const dependents: number[][] = items.map(() => []);
  // lastSeenBy[j] === i when item i already listed j: dedupes without a Set per item.
  const lastSeenBy = new Int32Array(items.length).fill(-1);
  items.forEach((item, index) => {
    const own: number[] = [];
    for (const id of item.dependsOn) {
      const dep = indexOf.get(id);
      if (dep === undefined || lastSeenBy[dep] === index) continue;
      lastSeenBy[dep] = index;
      own.push(dep);
      dependents[dep]!.push(index);
    }
    dependencies.push(own);
  });

  assertAcyclic(items, dependencies, dependents);
  return { dependencies, dependents };
}

/** Kahn's algorithm; on failure, names one cycle (not everything downstream of it). */
function assertAcyclic(
  items: readonly GraphItem[],
  dependencies: ReadonlyArray<readonly number[]>,
  dependents: ReadonlyArray<readonly number[]>,
): void {
  const remaining = Int32Array.from(dependencies, (deps) => deps.length);
  const free: number[] = [];
  remaining.forEach((count, index) => {
    if (count === 0) free.push(index);
  });
  let sorted = 0;
  while (free.length > 0) {
    const index = free.pop()!;
    sorted++;
    for (const dependent of dependents[index]!) {
      if (--remaining[dependent]! === 0) free.push(dependent);
    }
  }
  if (sorted === items.length) return;

  // Every unsorted item has an unsorted dependency, so following those from any of them must loop.
  let at = remaining.findIndex((count) => count > 0);
  const visitedAt = new Map<number, number>();
  const path: number[] = [];
  while (!visitedAt.has(at)) {
    visitedAt.set(at, path.length);
    path.push(at);
    at = dependencies[at]!.find((dep) => remaining[dep]! > 0)!;
  }
  const cycle = [...path.slice(visitedAt.get(at)), at].map((index) => items[index]!.id);
  throw new Error(`scheduler: dependency cycle: ${cycle.join(' -> ')}`);
}
