// Python's ordering of strings, for the parts of unique keys BuildStream builds with sorted():
// by code point, which differs from JavaScript's UTF-16 order for characters above U+FFFF.

export function compareCodePoints(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

export function sortedLikePython(values: readonly string[]): string[] {
  return [...values].sort(compareCodePoints);
}
