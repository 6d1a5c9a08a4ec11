// Debian version numbers as dpkg compares them (Debian Policy 5.6.12): `[epoch:]upstream[-revision]`,
// compared epoch first (numerically), then upstream and revision by dpkg's verrevcmp, where `~`
// sorts before everything, even the end of the string. It never judges whether a version is wise.

/** A version relation as written in a Depends field; `<` and `>` are dpkg's obsolete spellings of `<=` and `>=`. */
export type VersionRelation = '<<' | '<=' | '=' | '>=' | '>>';

interface ParsedVersion {
  readonly epoch: number;
  readonly upstream: string;
  readonly revision: string;
}

function parse(version: string): ParsedVersion {
  const text = version.trim();
  const colon = text.indexOf(':');
  const epoch = colon >= 0 ? Number.parseInt(text.slice(0, colon), 10) : 0;
  const rest = colon >= 0 ? text.slice(colon + 1) : text;
  const dash = rest.lastIndexOf('-');
  return {
    epoch: Number.isFinite(epoch) ? epoch : 0,
    upstream: dash >= 0 ? rest.slice(0, dash) : rest,
    revision: dash >= 0 ? rest.slice(dash + 1) : '',
  };
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/** dpkg's character weight: letters first, then `~` lowest, then every other character after letters. */
function order(c: string): number {
  if (c === '') return 0;
  if (isDigit(c)) return 0;
  if (isLetter(c)) return c.charCodeAt(0);
  if (c === '~') return -1;
  return c.charCodeAt(0) + 256;
}

/** dpkg's verrevcmp: alternating non-digit and digit runs, non-digits by `order`, digits numerically. */
function compareFragment(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a.charAt(i))) || (j < b.length && !isDigit(b.charAt(j)))) {
      const ac = order(a.charAt(i));
      const bc = order(b.charAt(j));
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    while (a.charAt(i) === '0') i++;
    while (b.charAt(j) === '0') j++;
    let firstDifference = 0;
    while (isDigit(a.charAt(i)) && isDigit(b.charAt(j))) {
      if (firstDifference === 0) firstDifference = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (isDigit(a.charAt(i))) return 1;
    if (isDigit(b.charAt(j))) return -1;
    if (firstDifference !== 0) return firstDifference;
  }
  return 0;
}

/** Negative when `a` is older than `b`, zero when dpkg deems them equal, positive when newer. */
export function compareVersions(a: string, b: string): number {
  const left = parse(a);
  const right = parse(b);
  if (left.epoch !== right.epoch) return left.epoch - right.epoch;
  return compareFragment(left.upstream, right.upstream) || compareFragment(left.revision, right.revision);
}

/** Whether `version` stands in `relation` to `wanted` (`2.1 >= 2.0`). */
export function satisfiesRelation(version: string, relation: VersionRelation, wanted: string): boolean {
  const c = compareVersions(version, wanted);
  switch (relation) {
    case '<<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '=':
      return c === 0;
    case '>=':
      return c >= 0;
    case '>>':
      return c > 0;
  }
}

/** The relation as dpkg means it: the obsolete `<` and `>` are `<=` and `>=`. */
export function normaliseRelation(written: string): VersionRelation | undefined {
  if (written === '<') return '<=';
  if (written === '>') return '>=';
  return written === '<<' || written === '<=' || written === '=' || written === '>=' || written === '>>' ? written : undefined;
}
