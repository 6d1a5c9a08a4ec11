// Debian version numbers and relationship fields, as the deb source reads them: the comparison
// dpkg makes (epochs, upstream, revision, `~`), checked against dpkg itself where it is installed.

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { CairnError } from '../../src/format/errors.js';
import { describeRelation, parseRelations } from '../../src/sources/debian/relations.js';
import { compareVersions, satisfiesRelation } from '../../src/sources/debian/version.js';
import { findProgram } from '../../src/sandbox/host.js';

/** dpkg is the reference, where the host has it. */
const withDpkg = findProgram('dpkg') === undefined ? it.skip : it;

/** [older, newer] pairs: every left version sorts strictly before its right one. */
const ORDERED: ReadonlyArray<readonly [string, string]> = [
  // Debian Policy 5.6.12: "~~, ~~a, ~, the empty part, a".
  ['1.0~~', '1.0~~a'],
  ['1.0~~a', '1.0~'],
  ['1.0~', '1.0'],
  ['1.0', '1.0a'],
  ['1.0~rc1', '1.0'],
  ['1.0~rc1-1', '1.0-1'],
  ['3.0~rc1-1', '3.0-1'],
  // The epoch wins over everything after it.
  ['0.9-1', '1:0.5-1'],
  ['1:9.9', '2:1.0'],
  // Digits compare as numbers, not strings.
  ['1.2.9', '1.2.10'],
  ['2.3-1', '2.30-1'],
  ['1.0', '1.0.0'],
  // The revision decides when upstream ties.
  ['1.0-1', '1.0-2'],
  ['1.0-9', '1.0-10'],
  ['1.0-1', '1.0-1+deb12u1'],
  ['1.0-1', '1.0.1-1'],
  ['1.0', '1.0+b1'],
  // Letters sort before other characters, and by ASCII among themselves.
  ['1.0a', '1.0+'],
  ['1.0B', '1.0a'],
  // The last hyphen separates the revision.
  ['1.0-beta-1', '1.0-beta-2'],
  ['1.0-alpha-9', '1.0-beta-1'],
];

/** Pairs dpkg deems equal. */
const EQUAL: ReadonlyArray<readonly [string, string]> = [
  ['1.0', '0:1.0'],
  ['1.0', '1.0-0'],
  ['1.0', '1.00'],
  ['1.01-1', '1.1-1'],
];

describe('Debian version comparison', () => {
  it.each(ORDERED)('%s sorts before %s', (older, newer) => {
    expect(compareVersions(older, newer)).toBeLessThan(0);
    expect(compareVersions(newer, older)).toBeGreaterThan(0);
  });

  it.each(EQUAL)('%s equals %s', (a, b) => {
    expect(compareVersions(a, b)).toBe(0);
  });

  withDpkg('agrees with dpkg --compare-versions on every pair of the table', () => {
    const dpkgSays = (a: string, op: string, b: string): boolean => {
      try {
        execFileSync('dpkg', ['--compare-versions', a, op, b], { stdio: 'pipe' });
        return true;
      } catch {
        return false;
      }
    };
    for (const [older, newer] of ORDERED) expect([older, newer, dpkgSays(older, 'lt', newer)]).toEqual([older, newer, true]);
    for (const [a, b] of EQUAL) expect([a, b, dpkgSays(a, 'eq', b)]).toEqual([a, b, true]);
  });

  it('relations read as dpkg means them, the obsolete < and > included', () => {
    expect(satisfiesRelation('2.1-1', '>=', '2.0')).toBe(true);
    expect(satisfiesRelation('3.0~rc1-1', '<<', '3.0')).toBe(true);
    expect(satisfiesRelation('3.0-1', '<<', '3.0')).toBe(false);
    expect(satisfiesRelation('1:0.5-1', '>>', '0.9')).toBe(true);
    expect(satisfiesRelation('1.0', '=', '1.0-0')).toBe(true);
    const old = parseRelations('foo (< 2.0)', { architecture: 'amd64', what: 'test', at: { file: 't', line: 1, column: 1 } })[0]?.[0];
    expect(old?.constraint).toEqual({ relation: '<=', version: '2.0' });
  });
});

describe('relationship fields', () => {
  const at = { file: 'Packages', line: 1, column: 1 };

  it('groups alternatives, keeps qualifiers and constraints, and drops other architectures', () => {
    const groups = parseRelations('libc6 (>= 2.36), a | b:any (<< 2~), perl:native, c [!amd64], d [amd64 arm64] <!nocheck>, e [i386]', { architecture: 'amd64', what: 'the Depends of x', at });
    expect(groups.map((group) => group.map(describeRelation))).toEqual([['libc6 (>= 2.36)'], ['a', 'b:any (<< 2~)'], ['perl:native'], ['d']]);
  });

  it('a relation that cannot be parsed names the field it is in', () => {
    expect(() => parseRelations('good, (bad)', { architecture: 'amd64', what: 'the Depends of x 1.0', at })).toThrow(CairnError);
    expect(() => parseRelations('good, (bad)', { architecture: 'amd64', what: 'the Depends of x 1.0', at })).toThrow(/the Depends of x 1.0: cannot parse the relation '\(bad\)'/);
  });
});
