// Writing tracked refs back into YAML: an element file keeps every byte but the values that
// changed (comments, quoting, flow style, order, blank lines), and project.refs keeps the
// entries of other elements and projects.

import { describe, expect, it } from '@jest/globals';
import { CairnError } from '../../src/format/errors.js';
import { readYaml } from '../../src/format/yaml-reader.js';
import { toPlain } from '../../src/format/node.js';
import { setInlineRefs, setProjectRefs } from '../../src/engine/ref-writer.js';

const SHA = 'a'.repeat(64);
const DIGITS = '1'.repeat(64);

/** Where the n-th source mapping starts, as Cairn's loader reports it. */
function sourceAt(text: string, index: number): { line: number; column: number } {
  const sources = readYaml(text, 'element.bst').get('sources');
  if (sources?.kind !== 'sequence') throw new Error('no sources');
  const { line, column } = sources.items[index]!.at;
  return { line, column };
}

function sourcesOf(text: string): unknown {
  return toPlain(readYaml(text, 'element.bst').get('sources')!);
}

describe('writing refs into an element file', () => {
  it('adds a ref where there was none, after the last key, keeping comments and blank lines', () => {
    const before = [
      '# The hello element',
      'kind: import   # imports files',
      '',
      'sources:',
      '- kind: remote  # one file',
      '  url: files:hello.txt   # from the files alias',
      '',
      '# the end',
      '',
    ].join('\n');
    const after = setInlineRefs(before, 'element.bst', [{ ...sourceAt(before, 0), values: { ref: SHA } }]);
    expect(after).toBe(before.replace('  url: files:hello.txt   # from the files alias\n', `  url: files:hello.txt   # from the files alias\n  ref: ${SHA}\n`));
  });

  it('replaces an existing ref in its own quoting: plain, single or double quoted', () => {
    const before = `kind: import\nsources:\n- kind: remote\n  ref: old\n  url: a\n- kind: remote\n  ref: 'old'\n  url: b\n- kind: remote\n  ref: "old"   # pinned\n  url: c\n`;
    const edits = [0, 1, 2].map((i) => ({ ...sourceAt(before, i), values: { ref: SHA } }));
    const after = setInlineRefs(before, 'element.bst', edits);
    expect(after).toBe(`kind: import\nsources:\n- kind: remote\n  ref: ${SHA}\n  url: a\n- kind: remote\n  ref: '${SHA}'\n  url: b\n- kind: remote\n  ref: "${SHA}"   # pinned\n  url: c\n`);
  });

  it('quotes a plain value that YAML would read as a number, and Cairn still reads the same digits', () => {
    const before = 'kind: import\nsources:\n- kind: remote\n  url: a\n';
    const after = setInlineRefs(before, 'element.bst', [{ ...sourceAt(before, 0), values: { ref: DIGITS } }]);
    expect(after).toBe(`kind: import\nsources:\n- kind: remote\n  url: a\n  ref: '${DIGITS}'\n`);
    expect(sourcesOf(after)).toEqual([{ kind: 'remote', url: 'a', ref: DIGITS }]);
  });

  it('keeps a flow-style source in flow style, adding or replacing keys inside the braces', () => {
    const before = 'kind: import\nsources:\n- {kind: remote, url: a}   # short\n- { kind: tar, url: b, ref: old }\n';
    const after = setInlineRefs(before, 'element.bst', [
      { ...sourceAt(before, 0), values: { ref: SHA } },
      { ...sourceAt(before, 1), values: { ref: SHA } },
    ]);
    expect(after).toBe(`kind: import\nsources:\n- {kind: remote, url: a, ref: ${SHA}}   # short\n- { kind: tar, url: b, ref: ${SHA} }\n`);
  });

  it('writes into the right source of several, at any indentation, in a file without a final newline', () => {
    const before = 'kind: manual\nsources:\n  - kind: local\n    path: files\n  - kind: tar\n    url: up:x.tar\n    base-dir: ""';
    const after = setInlineRefs(before, 'element.bst', [{ ...sourceAt(before, 1), values: { ref: SHA } }]);
    expect(after).toBe(`${before}\n    ref: ${SHA}`);
    expect(sourcesOf(after)).toEqual([{ kind: 'local', path: 'files' }, { kind: 'tar', url: 'up:x.tar', 'base-dir': '', ref: SHA }]);
  });

  it('adds after a source whose last value is a block scalar or a nested mapping', () => {
    const before = 'sources:\n- kind: git\n  url: a\n  submodules:\n    sub:\n      checkout: false\n- kind: tar\n  description: |\n    two\n    lines\n\nconfig: {}\n';
    const after = setInlineRefs(before, 'element.bst', [
      { ...sourceAt(before, 0), values: { ref: 'abc' } },
      { ...sourceAt(before, 1), values: { ref: 'def' } },
    ]);
    expect(after).toBe('sources:\n- kind: git\n  url: a\n  submodules:\n    sub:\n      checkout: false\n  ref: abc\n- kind: tar\n  description: |\n    two\n    lines\n  ref: def\n\nconfig: {}\n');
  });

  it('sets an empty value and writes lists (git tags, package sets) one item a line', () => {
    const before = 'sources:\n- kind: git\n  url: a\n  ref:\n  track: main\n';
    const tags = [{ tag: 'v1.0', commit: 'abc', annotated: true }];
    const after = setInlineRefs(before, 'element.bst', [{ ...sourceAt(before, 0), values: { ref: 'v1.0-0-gabc', tags } }]);
    expect(after).toBe('sources:\n- kind: git\n  url: a\n  ref: v1.0-0-gabc\n  track: main\n  tags:\n  - {tag: v1.0, commit: abc, annotated: true}\n');
    expect(sourcesOf(after)).toEqual([{ kind: 'git', url: 'a', ref: 'v1.0-0-gabc', track: 'main', tags: [{ tag: 'v1.0', commit: 'abc', annotated: 'true' }] }]);
  });

  it('writes into a source declared under a (?) conditional, where the loader found it', () => {
    const before = 'kind: import\n(?):\n- arch == "x86_64":\n    sources:\n    - kind: remote\n      url: a\n';
    const branch = readYaml(before, 'element.bst').get('(?)');
    if (branch?.kind !== 'sequence' || branch.items[0]?.kind !== 'mapping') throw new Error('no (?) branch');
    const body = branch.items[0].get('arch == "x86_64"');
    const sources = body?.kind === 'mapping' ? body.get('sources') : undefined;
    if (sources?.kind !== 'sequence') throw new Error('no sources in the branch');
    const { line, column } = sources.items[0]!.at;
    expect({ line, column }).toEqual({ line: 5, column: 7 });
    const after = setInlineRefs(before, 'element.bst', [{ line, column, values: { ref: SHA } }]);
    expect(after).toBe(`${before}      ref: ${SHA}\n`);
  });

  it('refuses a source whose keys come from a (@) include, or whose (?) branch sets the ref', () => {
    const included = 'sources:\n- kind: remote\n  (@): common.yml\n  url: a\n';
    expect(() => setInlineRefs(included, 'element.bst', [{ line: 2, column: 3, values: { ref: SHA } }])).toThrow(/\(@\)/);
    const conditional = 'sources:\n- kind: remote\n  url: a\n  (?):\n  - debug:\n      ref: old\n';
    let error: unknown;
    try {
      setInlineRefs(conditional, 'element.bst', [{ line: 2, column: 3, values: { ref: SHA } }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CairnError);
    expect((error as CairnError).describe()).toMatch(/^element\.bst:4:3: a \(\?\) condition of this source sets ref/);
  });

  it('says so when the source is no longer where the loader saw it', () => {
    expect(() => setInlineRefs('kind: import\n', 'element.bst', [{ line: 3, column: 3, values: { ref: SHA } }])).toThrow(/cannot find the source mapping at line 3, column 3 of element\.bst/);
  });
});

describe('writing refs into project.refs', () => {
  it('creates the file with one entry per source, padding sources that have no ref with {}', () => {
    const text = setProjectRefs(undefined, 'demo', 'app.bst', [{ index: 1, values: { ref: SHA } }]);
    expect(text).toBe(`projects:\n  demo:\n    app.bst:\n      - {}\n      - ref: ${SHA}\n`);
    expect(toPlain(readYaml(text, 'project.refs'))).toEqual({ projects: { demo: { 'app.bst': [{}, { ref: SHA }] } } });
  });

  it('updates one element and keeps the comments and entries of the others', () => {
    const before = `# Written by cairn track\nprojects:\n  demo:\n    lib.bst:\n    - ref: keep-me   # pinned by hand\n    app.bst:\n    - ref: old\n  other:\n    x.bst:\n    - ref: theirs\n`;
    const after = setProjectRefs(before, 'demo', 'app.bst', [{ index: 0, values: { ref: DIGITS } }]);
    expect(after).toContain('# Written by cairn track');
    expect(after).toContain('# pinned by hand');
    expect(toPlain(readYaml(after, 'project.refs'))).toEqual({
      projects: { demo: { 'lib.bst': [{ ref: 'keep-me' }], 'app.bst': [{ ref: DIGITS }] }, other: { 'x.bst': [{ ref: 'theirs' }] } },
    });
  });

  it('adds a project and an element to an existing file', () => {
    const after = setProjectRefs('projects:\n  other:\n    x.bst:\n    - ref: theirs\n', 'demo', 'sub/app.bst', [{ index: 0, values: { ref: SHA } }]);
    expect(toPlain(readYaml(after, 'project.refs'))).toEqual({ projects: { other: { 'x.bst': [{ ref: 'theirs' }] }, demo: { 'sub/app.bst': [{ ref: SHA }] } } });
  });
});

describe('writing a long tracked list', () => {
  it('replaces an existing block list in place, one package a line', () => {
    const before = 'kind: import\nsources:\n- kind: deb\n  packages: [a, b]\n  ref:\n  - {package: a, version: "1", sha256: x}\n# after\n';
    const ref = [
      { package: 'a', version: '2', sha256: 'y' },
      { package: 'b', version: '1.0-1', sha256: 'z' },
    ];
    const after = setInlineRefs(before, 'element.bst', [{ ...sourceAt(before, 0), values: { ref } }]);
    expect(after).toBe("kind: import\nsources:\n- kind: deb\n  packages: [a, b]\n  ref:\n  - {package: a, version: '2', sha256: y}\n  - {package: b, version: 1.0-1, sha256: z}\n# after\n");
  });
});
