// Checks canonicalJson/hashKey byte-for-byte against CPython's json.dumps (one python3 process).
import { spawnSync } from 'node:child_process';
import { canonicalJson, compareCodePoints, hashKey, sha256Hex, type JsonValue } from '../../src/cache/canonical-json.js';

const controlChars = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)).join('');

const cases: JsonValue[] = [
  '',
  'plain ascii',
  'slash/es/are/not/escaped',
  'quote " and backslash \\ and \\\\',
  controlChars,
  'tilde ~ and space',
  '<html> & \'apostrophe\'',
  'café naïve é',
  '日本語テキスト',
  '😀 grinning, 𝄞 clef, 𐍈',
  '\u2028\u2029 separators, \u00a0 nbsp, \u0085 nel',
  '\uffff\ue000\ud7ff',
  '\ud800',
  '\udc00 lone low',
  'high then text \ud83dx',
  0,
  -0,
  1,
  -1,
  42,
  2 ** 31,
  2 ** 32 + 1,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  true,
  false,
  null,
  [],
  {},
  [[]],
  [{}],
  { a: {} },
  { a: [] },
  [1, 'two', true, false, null, [3, [4, [5]]], { x: { y: { z: 'deep' } } }],
  {
    b: 1,
    a: 2,
    A: 3,
    _: 4,
    aa: 5,
    'a\u00e9': 6,
    '\uffff': 7,
    '😀': 8,
    '\ue000': 9,
    '\ud7ff': 10,
    '': 11,
    '10': 12,
    '9': 13,
    '𝄞': 14,
    '~': 15,
    ' ': 16,
  },
  { '\ud800': 1, '\ud800x': 2, '\ue000': 3, '\ud83d\ude00': 4, '\udc00': 5, '\uffff': 6 },
  { 'build-root': '/buildstream/cachekey/target.bst', 'core-artifact-version': 11, sources: [{ key: 'abc', name: 'local' }] },
  { nested: { z: [{ b: 1, a: 2 }], y: { '😀': ['\n', '\t'] } }, 'zz\u0000': null },
];

const PYTHON = `
import hashlib, json, sys
for v in json.loads(sys.stdin.read()):
    s = json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    print(s)
    print(hashlib.sha256(s.encode("utf-8")).hexdigest())
`;

function pythonDumps(values: readonly JsonValue[]): { json: string; hash: string }[] {
  // JSON.stringify writes lone surrogates as \\udXXX escapes, which json.loads turns back into
  // the same code points; all integers here are safe integers, so they round-trip exactly.
  const run = spawnSync('python3', ['-c', PYTHON], { input: JSON.stringify(values), encoding: 'utf8' });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`);
  const lines = run.stdout.split('\n');
  const out: { json: string; hash: string }[] = [];
  for (let i = 0; i < values.length; i++) out.push({ json: lines[2 * i] ?? '', hash: lines[2 * i + 1] ?? '' });
  return out;
}

describe('canonicalJson', () => {
  const everything: JsonValue = [cases, { all: cases }];
  const expected = pythonDumps([...cases, everything]);

  it.each(cases.map((value, i) => [i, value] as const))('case %i matches Python json.dumps', (i, value) => {
    const want = expected[i];
    expect(want).toBeDefined();
    expect(canonicalJson(value)).toBe(want?.json);
    expect(hashKey(value)).toBe(want?.hash);
  });

  it('matches Python for all cases nested together', () => {
    expect(canonicalJson(everything)).toBe(expected[cases.length]?.json);
    expect(hashKey(everything)).toBe(expected[cases.length]?.hash);
  });

  it('prints integers beyond 2^53 as the exact value of the double, like Python ints', () => {
    expect(canonicalJson(2 ** 60)).toBe('1152921504606846976');
    expect(canonicalJson(123456789012345680000)).toBe('123456789012345683968');
    expect(canonicalJson(1e21)).toBe('1000000000000000000000');
    expect(canonicalJson([-(2 ** 70)])).toBe('[-1180591620717411303424]');
  });

  it('rejects floats and non-finite numbers', () => {
    expect(() => canonicalJson(1.5)).toThrow(TypeError);
    expect(() => canonicalJson({ a: [Number.NaN] })).toThrow(TypeError);
    expect(() => canonicalJson(Number.POSITIVE_INFINITY)).toThrow(TypeError);
  });

  it('is compact with no whitespace', () => {
    expect(canonicalJson({ b: [1, 2], a: 'x' })).toBe('{"a":"x","b":[1,2]}');
  });
});

describe('compareCodePoints', () => {
  it('orders astral characters after the rest of the BMP', () => {
    expect(['😀', '\uffff', '\ue000', 'z'].sort(compareCodePoints)).toEqual(['z', '\ue000', '\uffff', '😀']);
  });

  it('orders lone surrogates by their own code point', () => {
    expect(['😀', '\ue000', '\ud800', '\ud800x', '\ud83d'].sort(compareCodePoints)).toEqual([
      '\ud800',
      '\ud800x',
      '\ud83d',
      '\ue000',
      '😀',
    ]);
  });

  it('puts prefixes first', () => {
    expect(compareCodePoints('ab', 'abc')).toBeLessThan(0);
    expect(compareCodePoints('abc', 'ab')).toBeGreaterThan(0);
    expect(compareCodePoints('same', 'same')).toBe(0);
  });
});

describe('sha256Hex', () => {
  it('hashes the UTF-8 text', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('canonical JSON where BuildStream differs from Python', () => {
  it('writes DEL unescaped, as ujson (which BuildStream hashes with) does', () => {
    expect(canonicalJson({ a: 'x\u007fy' })).toBe('{"a":"x\u007fy"}');
    expect(canonicalJson({ a: 'x\u0080y' })).toBe('{"a":"x\\u0080y"}');
  });
});
