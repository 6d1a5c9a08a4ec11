import { spawnSync } from 'node:child_process';
import { pythonListSort, sortWithCmp } from '../../src/project/listsort.js';

/** Small deterministic PRNG (mulberry32), so every run tests the same cases. */
function makeRng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A comparison case: `n` items (ids 0..n-1, initially in id order) and a full
 * n*n table, table[a*n+b] = cmp(a, b), encoded as one char per entry
 * ('0' = -1, '1' = 0, '2' = 1) to keep the JSON for Python compact.
 */
interface Case {
  name: string;
  n: number;
  table: string;
}

/** Tabulates cmp, calling it exactly once per (a, b): a cmp that draws random numbers yields a random table. */
function tableFrom(n: number, cmp: (a: number, b: number) => number): string {
  const codes = new Uint8Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) codes[a * n + b] = 49 + Math.sign(cmp(a, b));
  }
  return Buffer.from(codes).toString('latin1');
}

function cmpFromTable(c: Case): (a: number, b: number) => number {
  return (a, b) => c.table.charCodeAt(a * c.n + b) - 49;
}

/** Random length in 0..300, skewed so that plenty exceed 64 (merges, galloping). */
function randomLength(rng: () => number): number {
  const r = rng();
  if (r < 0.15) return Math.floor(rng() * 10);
  if (r < 0.35) return Math.floor(rng() * 64);
  return 64 + Math.floor(rng() * 237);
}

/** Keys with long ascending/descending stretches and duplicates: exercises galloping. */
function structuredKeys(rng: () => number, n: number): number[] {
  const keys: number[] = [];
  while (keys.length < n) {
    const len = 1 + Math.floor(rng() * 80);
    const start = Math.floor(rng() * 1000);
    const step = [-3, -1, 0, 1, 2, 5][Math.floor(rng() * 6)] ?? 1;
    for (let i = 0; i < len && keys.length < n; i++) keys.push(start + step * i);
  }
  return keys;
}

function generateCases(): Case[] {
  const rng = makeRng(20240917);
  const cases: Case[] = [];
  const add = (name: string, n: number, cmp: (a: number, b: number) => number): void => {
    cases.push({ name, n, table: tableFrom(n, cmp) });
  };
  for (let i = 0; i < 400; i++) {
    const n = randomLength(rng);
    const kind = i % 8;
    if (kind === 0) {
      // Consistent total preorder with many ties.
      const keys = Array.from({ length: n }, () => Math.floor(rng() * (1 + n / 4)));
      add(`consistent-ties-${i}`, n, (a, b) => (keys[a] ?? 0) - (keys[b] ?? 0));
    } else if (kind === 1) {
      // Consistent order with long natural runs, so merges gallop.
      const keys = structuredKeys(rng, n);
      add(`consistent-runs-${i}`, n, (a, b) => (keys[a] ?? 0) - (keys[b] ?? 0));
    } else if (kind === 2 || kind === 3 || kind === 4) {
      // Fully random table: not antisymmetric, not transitive, not even reflexive.
      add(`random-table-${i}`, n, () => Math.floor(rng() * 3) - 1);
    } else if (kind === 5) {
      // Random table biased towards one answer.
      const p = 0.1 + rng() * 0.8;
      add(`biased-table-${i}`, n, () => (rng() < p ? -1 : rng() < 0.5 ? 0 : 1));
    } else {
      // A structured consistent order with a few entries flipped at random:
      // long runs and galloping, but with contradictions along the way.
      const keys = kind === 6 ? structuredKeys(rng, n) : Array.from({ length: n }, () => Math.floor(rng() * n));
      const noise = [0.005, 0.02, 0.1][Math.floor(rng() * 3)] ?? 0.02;
      add(`noisy-${i}`, n, (a, b) =>
        rng() < noise ? Math.floor(rng() * 3) - 1 : (keys[a] ?? 0) - (keys[b] ?? 0),
      );
    }
  }
  return cases;
}

/** Sorts every case with CPython's sorted(key=cmp_to_key(...)), counting comparisons. */
const PYTHON_SORTER = `
import functools, json, sys
out = []
for case in json.load(sys.stdin):
    n, t = case["n"], case["table"]
    calls = 0
    def cmp(a, b):
        global calls
        calls += 1
        return ord(t[a * n + b]) - 49
    order = sorted(range(n), key=functools.cmp_to_key(cmp))
    out.append({"order": order, "comparisons": calls})
json.dump(out, sys.stdout)
`;

interface PythonResult {
  order: number[];
  comparisons: number;
}

function sortInPython(cases: Case[]): PythonResult[] {
  const proc = spawnSync('python3', ['-c', PYTHON_SORTER], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (proc.error) throw new Error(`could not run python3: ${proc.error.message}`);
  if (proc.status !== 0) throw new Error(`python3 failed: ${proc.stderr}`);
  return JSON.parse(proc.stdout) as PythonResult[];
}

describe('pythonListSort', () => {
  describe('against CPython list.sort with functools.cmp_to_key', () => {
    const cases = generateCases();
    const python = sortInPython(cases);

    it('covers short lists, lists needing merges, and inconsistent comparators', () => {
      expect(python).toHaveLength(cases.length);
      expect(cases.filter((c) => c.n > 256).length).toBeGreaterThan(10);
      expect(cases.filter((c) => c.n <= 1).length).toBeGreaterThan(0);
      expect(cases.filter((c) => c.name.startsWith('random-table')).length).toBeGreaterThan(100);
    });

    it('produces exactly the same order as Python for every case, with the same number of comparisons', () => {
      const mismatches: string[] = [];
      cases.forEach((c, i) => {
        const items = Array.from({ length: c.n }, (_, k) => k);
        let comparisons = 0;
        const cmp = cmpFromTable(c);
        sortWithCmp(items, (a, b) => {
          comparisons++;
          return cmp(a, b);
        });
        const expected = python[i];
        if (
          expected === undefined ||
          comparisons !== expected.comparisons ||
          items.join(',') !== expected.order.join(',')
        ) {
          mismatches.push(`${c.name} (n=${c.n})`);
        }
      });
      expect(mismatches).toEqual([]);
    });
  });

  it('keeps equal elements in their original order (stable)', () => {
    const items = Array.from({ length: 500 }, (_, i) => ({ key: (i * 7919) % 10, seq: i }));
    sortWithCmp(items, (a, b) => a.key - b.key);
    for (let i = 1; i < items.length; i++) {
      const prev = items[i - 1];
      const cur = items[i];
      if (prev === undefined || cur === undefined) throw new Error('unreachable');
      expect(prev.key < cur.key || (prev.key === cur.key && prev.seq < cur.seq)).toBe(true);
    }
  });

  it('leaves an already sorted list untouched using n-1 comparisons', () => {
    const items = Array.from({ length: 1000 }, (_, i) => i);
    let comparisons = 0;
    pythonListSort(items, (a, b) => {
      comparisons++;
      return a < b;
    });
    expect(items).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(comparisons).toBe(999);
  });

  it('sorts a strictly reversed list by reversing it', () => {
    const items = Array.from({ length: 1000 }, (_, i) => 999 - i);
    let comparisons = 0;
    pythonListSort(items, (a, b) => {
      comparisons++;
      return a < b;
    });
    expect(items).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(comparisons).toBe(999);
  });

  it('does not reorder a list whose elements are all equal', () => {
    const items = Array.from({ length: 300 }, (_, i) => ({ seq: i }));
    sortWithCmp(items, () => 0);
    expect(items.map((x) => x.seq)).toEqual(Array.from({ length: 300 }, (_, i) => i));
  });

  it('handles empty and single-element lists without calling the comparator', () => {
    const calls: string[] = [];
    const empty: string[] = [];
    const single = ['x'];
    sortWithCmp(empty, (a, b) => {
      calls.push(a + b);
      return 0;
    });
    sortWithCmp(single, (a, b) => {
      calls.push(a + b);
      return 0;
    });
    expect(empty).toEqual([]);
    expect(single).toEqual(['x']);
    expect(calls).toEqual([]);
  });

  it('sorts 10,000 items correctly and quickly', () => {
    const rng = makeRng(7);
    const items = Array.from({ length: 10000 }, () => Math.floor(rng() * 5000));
    const expected = [...items].sort((a, b) => a - b);
    const start = Date.now();
    sortWithCmp(items, (a, b) => a - b);
    expect(Date.now() - start).toBeLessThan(5000);
    expect(items).toEqual(expected);
  });

  it('leaves the list a permutation of its input if the comparator throws', () => {
    const rng = makeRng(99);
    const lessThan = (a: number, b: number): boolean => (a * 37) % 101 < (b * 37) % 101;
    let total = 0;
    pythonListSort(
      Array.from({ length: 200 }, (_, i) => i),
      (a, b) => {
        total++;
        return lessThan(a, b);
      },
    );
    for (let trial = 0; trial < 50; trial++) {
      const items = Array.from({ length: 200 }, (_, i) => i);
      const limit = Math.floor(rng() * total);
      let calls = 0;
      expect(() =>
        pythonListSort(items, (a, b) => {
          if (++calls > limit) throw new Error('boom');
          return lessThan(a, b);
        }),
      ).toThrow('boom');
      expect([...items].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    }
  });
});
