import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CairnError } from '../../src/format/errors.js';
import type { Node } from '../../src/format/node.js';
import { readYaml, readYamlFast, readYamlWithLibrary } from '../../src/format/yaml-reader.js';
import { sharedDir } from '../helpers/paths.js';

/** A node as plain data with every position, so two trees compare exactly. */
function dump(node: Node): unknown {
  const where = `${node.at.line}:${node.at.column}`;
  switch (node.kind) {
    case 'scalar':
      return [where, node.value];
    case 'sequence':
      return [where, node.items.map(dump)];
    case 'mapping':
      return [where, [...node.entries].map(([k, v]) => [k, `${node.whereIs(k).line}:${node.whereIs(k).column}`, dump(v)])];
  }
}

function errorOf(fn: () => unknown): CairnError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CairnError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

const snippets: Record<string, string> = {
  'plain values stay text': 'a: 1.20\nb: True\nc: yes\nd: ~\ne: null\n',
  'empty values': 'a:\nb:\n  # comment\nc: # comment\n',
  'nested mappings and lists': 'a:\n  b:\n    c: d\n  e:\n  - f\n  - g: h\n    i: j\n  -\n    k: l\n',
  'lists at the key indentation': 'depends:\n- a.bst\n- filename: b.bst\n  type: build\nnext: x\n',
  'quoted scalars': `a: "x %{y} \\"q\\""\nb: 'it''s'\nc: ""\nd: '  padded  '\n`,
  'block scalars': 'a: |\n  line one\n    indented\n\n  after blank\nb: >\n  folded\n  text\n\n  para\nc: |-\n  x\nd: |+\n  y\n\n',
  'comments everywhere': '# head\na: b # tail\n# mid\nc:\n  # inside\n  - d # x\n',
  'flow collections': 'a: []\nb: {}\nc: [x, y, z]\nd: [ spaced , out ]\n',
  'nested lists': 'a:\n- - x\n  - y\n- - z\n',
  'directives': 'a:\n  (>):\n  - x\n  (<): [y]\n(@): inc.yml\n(?):\n- arch == "x86-64":\n    v: 1\n',
  'colons inside values': 'url: https://example.com/x\ntime: 12:30\n',
  'indented sequence under key': 'a:\n  - x\n  - y\n',
  'windows line endings': 'a: b\r\nc:\r\n- d\r\n',
  'multi-line plain scalar': 'a: first\n  second\nb: c\n',
  'multi-line quoted scalar': 'a: "first\n  second"\n',
  'document marker': '---\na: b\n',
  'explicit indentation block': 'a: |2\n   x\n',
  'anchors are rejected': 'a: &x b\nc: *x\n',
};

describe('reading YAML files', () => {
  it.each(Object.entries(snippets))('the fast reader and the library agree on %s', (_name, text) => {
    let library: unknown;
    let libraryError: string | undefined;
    try {
      library = dump(readYamlWithLibrary(text, 'f.yml'));
    } catch (error) {
      libraryError = (error as CairnError).describe();
    }
    const fast = readYamlFast(text, 'f.yml');
    if (libraryError !== undefined) {
      // The fast reader never accepts a file the library rejects.
      expect(fast).toBeUndefined();
    } else if (fast !== undefined) {
      expect(dump(fast)).toEqual(library);
    }
  });

  it('the fast reader takes the common element file shapes itself', () => {
    for (const name of ['nested mappings and lists', 'lists at the key indentation', 'quoted scalars', 'block scalars', 'comments everywhere', 'flow collections', 'directives']) {
      expect([name, readYamlFast(snippets[name]!, 'f.yml') !== undefined]).toEqual([name, true]);
    }
  });

  it('agrees with the library on every BuildStream conformance file and a generated project', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'files') walk(p);
        }
        else if (/\.(bst|conf|yml|yaml)$/.test(entry.name)) files.push(p);
      }
    };
    walk(path.join(sharedDir, 'conformance'));
    const generated = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-yaml-'));
    execFileSync('python3', [path.join(sharedDir, 'bench', 'gen-project.py'), '300', '--out', path.join(generated, 'p'), '--format', '2']);
    walk(generated);
    expect(files.length).toBeGreaterThan(300);
    let fastCount = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const fast = readYamlFast(text, file);
      if (fast) fastCount++;
      expect([file, fast ? dump(fast) : dump(readYamlWithLibrary(text, file))]).toEqual([file, dump(readYamlWithLibrary(text, file))]);
    }
    expect(fastCount).toBe(files.length);
    fs.rmSync(generated, { recursive: true, force: true });
  });

  it('scalars keep their text: numbers and booleans are not converted, and values are stripped', () => {
    const root = readYaml('a: 1.20\nb: True\nc: "  x  "\nd: |\n  text\n', 'f.yml');
    expect(['a', 'b', 'c', 'd'].map((k) => (root.get(k) as { value: string }).value)).toEqual(['1.20', 'True', 'x', 'text']);
  });

  it('an empty file is an empty mapping', () => {
    expect(readYaml('# nothing here\n', 'f.yml').entries.size).toBe(0);
    expect(readYaml('', 'f.yml').entries.size).toBe(0);
  });

  it('a duplicate key is an error at the second key', () => {
    const error = errorOf(() => readYaml('a: 1\nb: 2\na: 3\n', 'dup.yml'));
    expect(error.reason).toBe('invalid-yaml');
    expect(error.describe()).toMatch(/^dup\.yml:3:1: invalid YAML: Map keys must be unique/);
  });

  it('anchors and aliases are refused with their position', () => {
    const error = errorOf(() => readYaml('a: &x b\nc: *x\n', 'anchor.yml'));
    expect(error.describe()).toMatch(/^anchor\.yml:1:\d+: YAML anchors and aliases are not supported/);
  });

  it('a top level that is not a mapping is an error', () => {
    expect(errorOf(() => readYaml('- a\n- b\n', 'list.yml')).describe()).toMatch(/^list\.yml:1:1: the top level of the file must be a mapping/);
  });

  it('broken YAML names the line and column', () => {
    const error = errorOf(() => readYaml('a: b\nc: [d, e\nf: g\n', 'bad.yml'));
    expect(error.reason).toBe('invalid-yaml');
    expect(error.describe()).toMatch(/^bad\.yml:\d+:\d+: invalid YAML: /);
    expect(error.provenance!.line).toBeGreaterThan(1);
  });
});
