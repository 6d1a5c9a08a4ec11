// The items ready for one queue, handed out earliest in the session's list first (callers list
// items in dependency order, so this starts what unblocks most). It orders indices; it never
// decides whether an item may run.

/** A binary min-heap of item indices: O(log n) per push and pop, so 10,000 ready items stay cheap. */
export class ReadyList {
  private readonly heap: number[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(index: number): void {
    const heap = this.heap;
    let at = heap.length;
    heap.push(index);
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const above = heap[parent]!;
      if (above <= index) break;
      heap[at] = above;
      at = parent;
    }
    heap[at] = index;
  }

  /** The smallest index, or undefined when nothing is ready. */
  pop(): number | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    // Sift the last element down from the root into the hole left by the top.
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && heap[right]! < heap[left]! ? right : left;
      const below = heap[child]!;
      if (below >= last) break;
      heap[at] = below;
      at = child;
    }
    heap[at] = last;
    return top;
  }
}
