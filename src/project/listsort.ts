/**
 * A faithful TypeScript port of CPython 3.12's `list.sort` (timsort with the
 * powersort merge policy), as used by BuildStream through
 * `functools.cmp_to_key` in its vendored `_loader/listsort.c`.
 *
 * Why not `Array.prototype.sort`: BuildStream orders each element's
 * dependencies with a comparator that is not a total order, and those orders
 * feed cache keys. With such a comparator the result depends on exactly which
 * comparisons the algorithm makes and in what order, so we must reproduce
 * CPython's algorithm step for step: the same comparisons, with the same
 * operand order, and the same data movement. The only question ever asked of
 * the comparator is "is a < b?".
 *
 * See CPython's Objects/listsort.txt for the design. Comments here say why a
 * step is the way it is, where that matters for fidelity.
 */

/** Galloping is entered once a run wins this many times in a row (initially). */
const MIN_GALLOP = 7;

/**
 * Sorts `items` in place exactly as CPython 3.12's `list.sort` would, given
 * that `lessThan(a, b)` answers Python's `a < b`. The result is identical to
 * CPython's for any `lessThan`, including inconsistent or non-transitive
 * ones. If `lessThan` throws, the exception propagates and `items` is left as
 * some permutation of its original contents (as CPython guarantees).
 */
export function pythonListSort<T>(items: T[], lessThan: (a: T, b: T) => boolean): void {
  if (items.length < 2) return;
  new MergeState(items, lessThan).sort();
}

/**
 * Sorts `items` in place the way Python's
 * `list.sort(key=functools.cmp_to_key(cmp))` does: `cmp_to_key` turns
 * `a < b` into `cmp(a, b) < 0`, and that is the only test list.sort uses.
 */
export function sortWithCmp<T>(items: T[], cmp: (a: T, b: T) => number): void {
  pythonListSort(items, (a, b) => cmp(a, b) < 0);
}

/**
 * CPython's `merge_compute_minrun`: n itself below 64; otherwise a value in
 * 32..64 such that n / minrun is just below a power of two, which keeps the
 * final merges balanced.
 */
function computeMinRun(n: number): number {
  let r = 0; // becomes 1 if any 1 bits are shifted off
  while (n >= 64) {
    r |= n & 1;
    n = Math.floor(n / 2);
  }
  return n + r;
}

/**
 * CPython's `powerloop`: the depth, in a conceptual balanced merge tree over
 * [0, n), of the boundary between the run [s1, s1+n1) and the run of length
 * n2 that follows it. It compares the binary expansions of the two runs'
 * midpoints (doubled, to stay in integers) divided by n, bit by bit.
 */
function powerOf(s1: number, n1: number, n2: number, n: number): number {
  let result = 0;
  let a = 2 * s1 + n1; // 2 * midpoint of the first run
  let b = a + n1 + n2; // 2 * midpoint of the second run
  for (;;) {
    ++result;
    if (a >= n) {
      // both quotient bits are 1
      a -= n;
      b -= n;
    } else if (b >= n) {
      // bits differ: this is the depth
      break;
    }
    a *= 2;
    b *= 2;
  }
  return result;
}

/**
 * Where `key` belongs in the sorted slice a[base, base+n): the k in 0..n with
 * a[base+k-1] < key <= a[base+k], i.e. to the left of any equal elements.
 * The search starts at offset `hint` and gallops outward (1, 3, 7, ...) before
 * a binary search, so it is cheap when the hint is close. Mirrors CPython's
 * `gallop_left`, including which side of `<` the key is on at each step.
 */
function gallopLeft<T>(
  lt: (a: T, b: T) => boolean,
  key: T,
  a: T[],
  base: number,
  n: number,
  hint: number,
): number {
  const at = base + hint;
  let lastOfs = 0;
  let ofs = 1;
  if (lt(a[at] as T, key)) {
    // a[hint] < key: gallop right until a[hint+lastOfs] < key <= a[hint+ofs]
    const maxOfs = n - hint;
    while (ofs < maxOfs && lt(a[at + ofs] as T, key)) {
      lastOfs = ofs;
      ofs = ofs * 2 + 1;
    }
    if (ofs > maxOfs) ofs = maxOfs;
    lastOfs += hint;
    ofs += hint;
  } else {
    // key <= a[hint]: gallop left until a[hint-ofs] < key <= a[hint-lastOfs]
    const maxOfs = hint + 1;
    while (ofs < maxOfs && !lt(a[at - ofs] as T, key)) {
      lastOfs = ofs;
      ofs = ofs * 2 + 1;
    }
    if (ofs > maxOfs) ofs = maxOfs;
    const k = lastOfs;
    lastOfs = hint - ofs;
    ofs = hint - k;
  }
  // Now a[lastOfs] < key <= a[ofs]; binary search in between.
  ++lastOfs;
  while (lastOfs < ofs) {
    const m = lastOfs + ((ofs - lastOfs) >> 1);
    if (lt(a[base + m] as T, key)) lastOfs = m + 1;
    else ofs = m;
  }
  return ofs;
}

/**
 * Like gallopLeft, but lands to the right of any elements equal to `key`:
 * the k in 0..n with a[base+k-1] <= key < a[base+k]. Only `key < x` is ever
 * asked here (CPython's `gallop_right`), which matters for odd comparators.
 */
function gallopRight<T>(
  lt: (a: T, b: T) => boolean,
  key: T,
  a: T[],
  base: number,
  n: number,
  hint: number,
): number {
  const at = base + hint;
  let lastOfs = 0;
  let ofs = 1;
  if (lt(key, a[at] as T)) {
    // key < a[hint]: gallop left until a[hint-ofs] <= key < a[hint-lastOfs]
    const maxOfs = hint + 1;
    while (ofs < maxOfs && lt(key, a[at - ofs] as T)) {
      lastOfs = ofs;
      ofs = ofs * 2 + 1;
    }
    if (ofs > maxOfs) ofs = maxOfs;
    const k = lastOfs;
    lastOfs = hint - ofs;
    ofs = hint - k;
  } else {
    // a[hint] <= key: gallop right until a[hint+lastOfs] <= key < a[hint+ofs]
    const maxOfs = n - hint;
    while (ofs < maxOfs && !lt(key, a[at + ofs] as T)) {
      lastOfs = ofs;
      ofs = ofs * 2 + 1;
    }
    if (ofs > maxOfs) ofs = maxOfs;
    lastOfs += hint;
    ofs += hint;
  }
  // Now a[lastOfs] <= key < a[ofs]; binary search in between.
  ++lastOfs;
  while (lastOfs < ofs) {
    const m = lastOfs + ((ofs - lastOfs) >> 1);
    if (lt(key, a[base + m] as T)) ofs = m;
    else lastOfs = m + 1;
  }
  return ofs;
}

/** State of one sort: the list, the pending-run stack and merge scratch space. */
class MergeState<T> {
  private readonly a: T[];
  private readonly lt: (a: T, b: T) => boolean;
  /** Scratch copy of the smaller run during a merge; reused across merges. */
  private readonly tmp: T[] = [];
  /** Adaptive threshold for entering galloping mode (persists across merges). */
  private minGallop = MIN_GALLOP;
  /** Pending runs, bottom to top: start index, length and powersort power. */
  private readonly runBase: number[] = [];
  private readonly runLen: number[] = [];
  private readonly runPower: number[] = [];
  private runCount = 0;
  /** Set by countRun: whether the run found was strictly descending. */
  private descending = false;

  constructor(items: T[], lessThan: (a: T, b: T) => boolean) {
    this.a = items;
    this.lt = lessThan;
  }

  sort(): void {
    const a = this.a;
    const n = a.length;
    const minRun = computeMinRun(n);
    let lo = 0;
    let remaining = n;
    // One pass left to right: find natural runs, extend short ones to minRun
    // with binary insertion, and merge according to the powersort policy.
    do {
      let runLen = this.countRun(lo, lo + remaining);
      if (this.descending) reverse(a, lo, lo + runLen);
      if (runLen < minRun) {
        const force = remaining <= minRun ? remaining : minRun;
        this.binarySort(lo, lo + force, lo + runLen);
        runLen = force;
      }
      this.foundNewRun(runLen);
      const top = this.runCount++;
      this.runBase[top] = lo;
      this.runLen[top] = runLen;
      this.runPower[top] = 0;
      lo += runLen;
      remaining -= runLen;
    } while (remaining > 0);
    this.mergeForceCollapse();
  }

  /**
   * Length of the run starting at lo (lo < hi): the longest prefix that is
   * either non-descending (no a[i] < a[i-1]) or strictly descending (every
   * a[i] < a[i-1]). Strictness is what makes reversing it stable.
   */
  private countRun(lo: number, hi: number): number {
    const a = this.a;
    const lt = this.lt;
    this.descending = false;
    let i = lo + 1;
    if (i === hi) return 1;
    if (lt(a[i] as T, a[i - 1] as T)) {
      this.descending = true;
      for (++i; i < hi; ++i) {
        if (!lt(a[i] as T, a[i - 1] as T)) break;
      }
    } else {
      for (++i; i < hi; ++i) {
        if (lt(a[i] as T, a[i - 1] as T)) break;
      }
    }
    return i - lo;
  }

  /**
   * Stable binary insertion sort of a[lo, hi), given a[lo, start) is sorted.
   * Each pivot goes after any elements it is not less than.
   */
  private binarySort(lo: number, hi: number, start: number): void {
    const a = this.a;
    const lt = this.lt;
    if (start === lo) ++start;
    for (; start < hi; ++start) {
      const pivot = a[start] as T;
      let l = lo;
      let r = start;
      // Invariants: pivot >= all in [lo, l), pivot < all in [r, start).
      do {
        const p = l + ((r - l) >> 1);
        if (lt(pivot, a[p] as T)) r = p;
        else l = p + 1;
      } while (l < r);
      for (let p = start; p > l; --p) a[p] = a[p - 1] as T;
      a[l] = pivot;
    }
  }

  /**
   * A run of length n2 is about to be pushed: merge away every pending run
   * (below the top one) whose power exceeds that of the boundary between the
   * top run and the new one, then record that power on the top run.
   */
  private foundNewRun(n2: number): void {
    if (this.runCount === 0) return;
    const top = this.runCount - 1;
    const power = powerOf(this.runBase[top] as number, this.runLen[top] as number, n2, this.a.length);
    while (this.runCount > 1 && (this.runPower[this.runCount - 2] as number) > power) {
      this.mergeAt(this.runCount - 2);
    }
    this.runPower[this.runCount - 1] = power;
  }

  /** At the end, merge everything, preferring the smaller neighbour of the top three. */
  private mergeForceCollapse(): void {
    const len = this.runLen;
    while (this.runCount > 1) {
      let i = this.runCount - 2;
      if (i > 0 && (len[i - 1] as number) < (len[i + 1] as number)) --i;
      this.mergeAt(i);
    }
  }

  /** Merges pending runs i and i+1 (i is the 2nd- or 3rd-from-top run). */
  private mergeAt(i: number): void {
    const a = this.a;
    const lt = this.lt;
    let baseA = this.runBase[i] as number;
    let na = this.runLen[i] as number;
    const baseB = this.runBase[i + 1] as number;
    let nb = this.runLen[i + 1] as number;

    // Record the combined run; if merging the 3rd-from-top pair, slide the
    // top run down into the freed slot.
    this.runLen[i] = na + nb;
    if (i === this.runCount - 3) {
      this.runBase[i + 1] = this.runBase[i + 2] as number;
      this.runLen[i + 1] = this.runLen[i + 2] as number;
      this.runPower[i + 1] = this.runPower[i + 2] as number;
    }
    --this.runCount;

    // Elements of A not greater than B's first are already in place.
    const k = gallopRight(lt, a[baseB] as T, a, baseA, na, 0);
    baseA += k;
    na -= k;
    if (na === 0) return;

    // Elements of B not less than A's last are already in place.
    nb = gallopLeft(lt, a[baseA + na - 1] as T, a, baseB, nb, nb - 1);
    if (nb <= 0) return;

    // Merge the rest, buffering the shorter side.
    if (na <= nb) this.mergeLo(baseA, na, baseB, nb);
    else this.mergeHi(baseA, na, baseB, nb);
  }

  /**
   * Merges a[pa, pa+na) with the adjacent a[pb, pb+nb) left to right, with A
   * copied to scratch. Requires na <= nb (roughly), that A's last element
   * belongs at the very end, and B's first at the very front.
   */
  private mergeLo(pa: number, na: number, pb: number, nb: number): void {
    const a = this.a;
    const lt = this.lt;
    const tmp = this.tmp;
    for (let i = 0; i < na; ++i) tmp[i] = a[pa + i] as T;
    let dest = pa;
    let ia = 0; // next A element, in tmp
    let ib = pb; // next B element, in a
    // Set when exactly one A element is left: it goes after the rest of B.
    let finishWithB = false;

    try {
      merge: {
        a[dest++] = a[ib++] as T;
        --nb;
        if (nb === 0) break merge;
        if (na === 1) {
          finishWithB = true;
          break merge;
        }

        let minGallop = this.minGallop;
        for (;;) {
          let aCount = 0; // times A won in a row
          let bCount = 0; // times B won in a row

          // One element at a time, until one run wins minGallop times in a row.
          for (;;) {
            if (lt(a[ib] as T, tmp[ia] as T)) {
              a[dest++] = a[ib++] as T;
              ++bCount;
              aCount = 0;
              --nb;
              if (nb === 0) break merge;
              if (bCount >= minGallop) break;
            } else {
              a[dest++] = tmp[ia++] as T;
              ++aCount;
              bCount = 0;
              --na;
              if (na === 1) {
                finishWithB = true;
                break merge;
              }
              if (aCount >= minGallop) break;
            }
          }

          // Galloping: move whole blocks while either side keeps winning by
          // at least MIN_GALLOP; lowering minGallop rewards staying here.
          ++minGallop;
          do {
            if (minGallop > 1) --minGallop;
            this.minGallop = minGallop;

            let k = gallopRight(lt, a[ib] as T, tmp, ia, na, 0);
            aCount = k;
            if (k > 0) {
              for (let i = 0; i < k; ++i) a[dest + i] = tmp[ia + i] as T;
              dest += k;
              ia += k;
              na -= k;
              if (na === 1) {
                finishWithB = true;
                break merge;
              }
              // Impossible for a consistent comparator, but not in general.
              if (na === 0) break merge;
            }
            a[dest++] = a[ib++] as T;
            --nb;
            if (nb === 0) break merge;

            k = gallopLeft(lt, tmp[ia] as T, a, ib, nb, 0);
            bCount = k;
            if (k > 0) {
              // dest < ib, so a forward copy is a safe memmove.
              for (let i = 0; i < k; ++i) a[dest + i] = a[ib + i] as T;
              dest += k;
              ib += k;
              nb -= k;
              if (nb === 0) break merge;
            }
            a[dest++] = tmp[ia++] as T;
            --na;
            if (na === 1) {
              finishWithB = true;
              break merge;
            }
          } while (aCount >= MIN_GALLOP || bCount >= MIN_GALLOP);
          ++minGallop; // penalise leaving galloping mode
          this.minGallop = minGallop;
        }
      }
    } finally {
      // Also runs if lessThan throws, so the list stays a permutation.
      if (finishWithB) {
        for (let i = 0; i < nb; ++i) a[dest + i] = a[ib + i] as T;
        a[dest + nb] = tmp[ia] as T;
      } else {
        for (let i = 0; i < na; ++i) a[dest + i] = tmp[ia + i] as T;
      }
    }
  }

  /**
   * Mirror image of mergeLo: merges right to left with B copied to scratch.
   * Requires na >= nb (roughly), and the same end conditions as mergeLo.
   */
  private mergeHi(pa: number, na: number, pb: number, nb: number): void {
    const a = this.a;
    const lt = this.lt;
    const tmp = this.tmp;
    for (let i = 0; i < nb; ++i) tmp[i] = a[pb + i] as T;
    const baseA = pa;
    let dest = pb + nb - 1; // next slot to fill, moving left
    let ia = pa + na - 1; // last remaining A element, in a
    let ib = nb - 1; // last remaining B element, in tmp (B remains at tmp[0, nb))
    // Set when exactly one B element is left: it goes before the rest of A.
    let finishWithA = false;

    try {
      merge: {
        a[dest--] = a[ia--] as T;
        --na;
        if (na === 0) break merge;
        if (nb === 1) {
          finishWithA = true;
          break merge;
        }

        let minGallop = this.minGallop;
        for (;;) {
          let aCount = 0; // times A won in a row
          let bCount = 0; // times B won in a row

          // Note the same operand order as mergeLo: "is B's element < A's?".
          for (;;) {
            if (lt(tmp[ib] as T, a[ia] as T)) {
              a[dest--] = a[ia--] as T;
              ++aCount;
              bCount = 0;
              --na;
              if (na === 0) break merge;
              if (aCount >= minGallop) break;
            } else {
              a[dest--] = tmp[ib--] as T;
              ++bCount;
              aCount = 0;
              --nb;
              if (nb === 1) {
                finishWithA = true;
                break merge;
              }
              if (bCount >= minGallop) break;
            }
          }

          ++minGallop;
          do {
            if (minGallop > 1) --minGallop;
            this.minGallop = minGallop;

            let k = na - gallopRight(lt, tmp[ib] as T, a, baseA, na, na - 1);
            aCount = k;
            if (k > 0) {
              dest -= k;
              ia -= k;
              // dest > ia, so copy from the top down (a safe memmove).
              for (let i = k; i >= 1; --i) a[dest + i] = a[ia + i] as T;
              na -= k;
              if (na === 0) break merge;
            }
            a[dest--] = tmp[ib--] as T;
            --nb;
            if (nb === 1) {
              finishWithA = true;
              break merge;
            }

            k = nb - gallopLeft(lt, a[ia] as T, tmp, 0, nb, nb - 1);
            bCount = k;
            if (k > 0) {
              dest -= k;
              ib -= k;
              for (let i = 1; i <= k; ++i) a[dest + i] = tmp[ib + i] as T;
              nb -= k;
              if (nb === 1) {
                finishWithA = true;
                break merge;
              }
              // Impossible for a consistent comparator, but not in general.
              if (nb === 0) break merge;
            }
            a[dest--] = a[ia--] as T;
            --na;
            if (na === 0) break merge;
          } while (aCount >= MIN_GALLOP || bCount >= MIN_GALLOP);
          ++minGallop; // penalise leaving galloping mode
          this.minGallop = minGallop;
        }
      }
    } finally {
      // Also runs if lessThan throws, so the list stays a permutation.
      if (finishWithA) {
        // Shift the remaining A up by one (top down), then put B's last first.
        for (let i = 0; i < na; ++i) a[dest - i] = a[ia - i] as T;
        a[dest - na] = tmp[ib] as T;
      } else {
        for (let i = 0; i < nb; ++i) a[dest - nb + 1 + i] = tmp[i] as T;
      }
    }
  }
}

/** Reverses a[lo, hi) in place. */
function reverse<T>(a: T[], lo: number, hi: number): void {
  for (--hi; lo < hi; ++lo, --hi) {
    const t = a[lo] as T;
    a[lo] = a[hi] as T;
    a[hi] = t;
  }
}
