// Reads one YAML file into nodes with provenance, as BuildStream reads it: one document whose
// root is a mapping, every scalar kept as stripped text, no anchors, aliases, tags or duplicate
// keys. Two readers give the same tree: a fast one for the block-style YAML that element files
// are written in, and the `yaml` library for everything else and for every syntax error.

import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { CairnError, type Provenance } from './errors.js';
import { MappingNode, ScalarNode, SequenceNode, type Node } from './node.js';

/** Parse `text` (read from the file shown to users as `file`) into a mapping. */
export function readYaml(text: string, file: string): MappingNode {
  return readYamlFast(text, file) ?? readYamlWithLibrary(text, file);
}

// ---------------------------------------------------------------------------------------------
// The library reader: complete YAML 1.2, failsafe schema so nothing is typed.

export function readYamlWithLibrary(text: string, file: string): MappingNode {
  const lines = new LineCounter();
  const doc = parseDocument(text, { schema: 'failsafe', lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number): Provenance => {
    const pos = lines.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const message = problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new CairnError('invalid-yaml', `invalid YAML: ${message}`, at(problem.pos[0]));
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === '' && root.source === '')) {
    return new MappingNode(new Map(), { file, line: 1, column: 1 });
  }
  const converted = convert(root, at);
  if (converted.kind !== 'mapping') {
    throw new CairnError('invalid-yaml', 'the top level of the file must be a mapping of keys to values', converted.at);
  }
  return converted;
}

function convert(node: YamlNode, at: (offset: number) => Provenance): Node {
  const start = at(node.range?.[0] ?? 0);
  if (isAlias(node) || ('anchor' in node && node.anchor)) {
    throw new CairnError('invalid-yaml', 'YAML anchors and aliases are not supported', start, 'write the value out in full');
  }
  if (node.tag && !isScalar(node)) {
    throw new CairnError('invalid-yaml', `YAML tags are not supported (${node.tag})`, start);
  }
  if (isScalar(node)) {
    if (node.tag && node.tag !== 'tag:yaml.org,2002:str') {
      throw new CairnError('invalid-yaml', `YAML tags are not supported (${node.tag})`, start);
    }
    return new ScalarNode(String(node.value).trim(), start);
  }
  if (isSeq(node)) {
    return new SequenceNode(
      node.items.map((item) => (item === null ? new ScalarNode('', start) : convert(item as YamlNode, at))),
      start,
    );
  }
  if (isMap(node)) {
    const mapping = new MappingNode(new Map(), start);
    for (const pair of node.items) {
      const key = pair.key as YamlNode | null;
      if (!key || !isScalar(key)) {
        const where = key?.range ? at(key.range[0]) : start;
        throw new CairnError('invalid-yaml', 'mapping keys must be plain strings', where);
      }
      const keyAt = at(key.range?.[0] ?? 0);
      const value = pair.value as YamlNode | null;
      const keyText = String(key.value);
      const valueNode =
        value === null || (isScalar(value) && value.type === 'PLAIN' && value.source === '')
          ? new ScalarNode('', keyAt) /* an empty value points at its key, in both readers */
          : convert(value, at);
      mapping.set(keyText, valueNode, keyAt);
    }
    return mapping;
  }
  throw new CairnError('invalid-yaml', 'unsupported YAML construct', start);
}


// ---------------------------------------------------------------------------------------------
// The fast reader. It returns undefined for anything outside the subset it knows exactly, and
// the library reader then takes the whole file, so both always agree on what a file means.

class Unsupported extends Error {}

/** Does a list item's dash ("- " or a lone "-") start at `column`? */
function isDash(text: string, column: number): boolean {
  return text.startsWith('- ', column) || (text.length === column + 1 && text.charCodeAt(column) === 45);
}
const bail = (): never => {
  throw new Unsupported();
};

interface Line {
  /** 0-based index in the file. */
  readonly number: number;
  readonly text: string;
  /** Column (0-based) of the first non-space character. */
  readonly indent: number;
}

export function readYamlFast(text: string, file: string): MappingNode | undefined {
  try {
    return new FastReader(text, file).document();
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

class FastReader {
  private readonly lines: Line[] = [];
  private pos = 0;

  constructor(
    text: string,
    private readonly file: string,
  ) {
    if (text.charCodeAt(0) === 0xfeff) bail();
    const raw = text.split('\n');
    for (let number = 0; number < raw.length; number++) {
      let line = raw[number]!;
      if (line.endsWith('\r')) line = line.slice(0, -1);
      let indent = 0;
      while (line.charCodeAt(indent) === 32) indent++;
      if (indent === line.length) continue; // blank
      const first = line.charCodeAt(indent);
      if (first === 9) bail(); // tabs in indentation
      if (first === 35) continue; // comment-only line
      if (indent === 0 && (line.startsWith('---') || line.startsWith('...') || first === 37)) bail();
      this.lines.push({ number, text: line, indent });
    }
    this.raw = raw;
  }
  private readonly raw: string[];

  private at(line: number, column: number): Provenance {
    return { file: this.file, line: line + 1, column: column + 1 };
  }

  document(): MappingNode {
    if (this.lines.length === 0) return new MappingNode(new Map(), this.at(0, 0));
    const first = this.lines[0]!;
    if (first.indent !== 0) bail();
    const root = this.block(first, 0);
    if (this.pos !== this.lines.length || root.kind !== 'mapping') bail();
    return root as MappingNode;
  }

  /** A block node whose first content starts at `column` of `line` (which may be mid-line after "- "). */
  private block(line: Line, column: number): Node {
    return isDash(line.text, column) ? this.sequence(line, column) : this.mapping(line, column);
  }

  private sequence(firstLine: Line, column: number): SequenceNode {
    const items: Node[] = [];
    const node = new SequenceNode(items, this.at(firstLine.number, column));
    let line: Line | undefined = firstLine;
    let col = column;
    while (line) {
      const text = line.text;
      // A list written at its key's indentation ends at the next key.
      if (text.charCodeAt(col) !== 45 /* - */) {
        if (items.length > 0) break;
        bail();
      }
      const after = col + 1;
      if (after < text.length && text.charCodeAt(after) !== 32) bail();
      let contentCol = after;
      while (text.charCodeAt(contentCol) === 32) contentCol++;
      this.pos++;
      if (contentCol >= text.length || text.charCodeAt(contentCol) === 35 /* # */) {
        // The item's value is on the following, more indented lines (or it is empty).
        const next = this.lines[this.pos];
        if (next && next.indent > col) items.push(this.block(next, next.indent));
        else items.push(new ScalarNode('', this.at(line.number, col)));
      } else {
        items.push(this.inlineItem(line, contentCol, col));
      }
      const next: Line | undefined = this.lines[this.pos];
      if (!next || next.indent < column) break;
      if (next.indent > column) bail();
      line = next;
      col = column;
    }
    return node;
  }

  /** The content after "- ": a nested mapping or sequence starting on this line, or a scalar. */
  private inlineItem(line: Line, contentCol: number, dashCol: number): Node {
    if (isDash(line.text, contentCol)) {
      this.pos--;
      return this.sequence(line, contentCol);
    }
    if (this.keyEnd(line.text, contentCol) >= 0) {
      this.pos--;
      return this.mapping(line, contentCol);
    }
    return this.scalarValue(line, contentCol, dashCol);
  }

  /** Index of the ':' that ends a plain key starting at `col`, or -1 if this is not a key line. */
  private keyEnd(text: string, col: number): number {
    const first = text.charCodeAt(col);
    // Keys that start with an indicator ("quoted", [flow], &anchor, ? complex ...) take the slow path.
    if ('"\'[]{}&*!|>%@`?#,'.includes(text[col]!)) {
      if (first === 34 || first === 39 || first === 63 || first === 123 || first === 91) {
        // Might be a key; do not guess.
        if (/^.*:(\s|$)/.test(text.slice(col))) bail();
      }
      return -1;
    }
    for (let i = col; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 58 /* : */) {
        const next = text.charCodeAt(i + 1);
        if (i + 1 === text.length || next === 32) return i;
      } else if (c === 35 /* # */ && text.charCodeAt(i - 1) === 32) {
        return -1;
      } else if (c === 9) {
        bail();
      }
    }
    return -1;
  }

  private mapping(firstLine: Line, column: number): MappingNode {
    const node = new MappingNode(new Map(), this.at(firstLine.number, column));
    let line: Line | undefined = firstLine;
    let col = column;
    while (line) {
      const text = line.text;
      const end = this.keyEnd(text, col);
      if (end < 0) bail();
      const key = text.slice(col, end);
      if (key.length === 0 || key.endsWith(' ') || node.entries.has(key)) bail();
      const keyAt = this.at(line.number, col);
      let valueCol = end + 1;
      while (text.charCodeAt(valueCol) === 32) valueCol++;
      this.pos++;
      let value: Node;
      if (valueCol >= text.length || text.charCodeAt(valueCol) === 35) {
        const next = this.lines[this.pos];
        if (next && next.indent > col) {
          value = this.block(next, next.indent);
        } else if (next && next.indent === col && isDash(next.text, col)) {
          value = this.sequence(next, col);
        } else {
          value = new ScalarNode('', keyAt);
        }
      } else {
        value = this.scalarValue(line, valueCol, col);
      }
      node.set(key, value, keyAt);
      const next: Line | undefined = this.lines[this.pos];
      if (!next || next.indent < column) break;
      if (next.indent > column) bail();
      line = next;
      col = column;
    }
    return node;
  }

  /** A value that starts at `col` of `line`; `parentIndent` is the column of its key or dash. */
  private scalarValue(line: Line, col: number, parentIndent: number): Node {
    const first = line.text[col];
    const value = this.sameLineValue(line, col, parentIndent);
    // A more indented line after a one-line value would continue it (or be an error): leave
    // both to the library.
    const next = this.lines[this.pos];
    if (first !== '|' && first !== '>' && next && next.indent > parentIndent) bail();
    return value;
  }

  private sameLineValue(line: Line, col: number, parentIndent: number): Node {
    const text = line.text;
    const first = text[col]!;
    const at = this.at(line.number, col);
    switch (first) {
      case '"':
        return new ScalarNode(this.doubleQuoted(text, col), at);
      case "'":
        return new ScalarNode(this.singleQuoted(text, col), at);
      case '|':
      case '>':
        return new ScalarNode(this.blockScalar(line, col, parentIndent).trim(), at);
      case '[':
      case '{':
        return this.flow(text, col, at);
      case '&':
      case '*':
      case '!':
      case '%':
      case '@':
      case '`':
      case '?':
      case ',':
      case ']':
      case '}':
        return bail();
      case '-':
        if (text.charCodeAt(col + 1) === 32 || col + 1 === text.length) bail();
    }
    // A plain scalar: up to a comment, on this line only.
    let end = text.length;
    for (let i = col; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 35 && text.charCodeAt(i - 1) === 32) {
        end = i;
        break;
      }
      if (c === 58 && (i + 1 === text.length || text.charCodeAt(i + 1) === 32)) bail();
      if (c === 9) bail();
    }
    return new ScalarNode(text.slice(col, end).trim(), at);
  }

  /** The rest of the line after a closing quote may hold only spaces and a comment. */
  private expectLineEnd(text: string, from: number): void {
    let i = from;
    while (text.charCodeAt(i) === 32) i++;
    if (i < text.length && !(text.charCodeAt(i) === 35 && i > from)) bail();
  }

  private doubleQuoted(text: string, col: number): string {
    const close = text.indexOf('"', col + 1);
    if (close > 0 && text.lastIndexOf('\\', close) <= col) {
      // No escapes: the common case is one slice.
      this.expectLineEnd(text, close + 1);
      return text.slice(col + 1, close).trim();
    }
    let out = '';
    let i = col + 1;
    for (;;) {
      if (i >= text.length) bail(); // multi-line quoted scalars take the slow path
      const c = text[i]!;
      if (c === '"') break;
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { n: '\n', t: '\t', '"': '"', '\\': '\\', '/': '/', r: '\r', '0': '\0', ' ': ' ', b: '\b', f: '\f', e: '\x1b', a: '\x07', v: '\v' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
          continue;
        }
        return bail();
      }
      out += c;
      i++;
    }
    this.expectLineEnd(text, i + 1);
    return out.trim();
  }

  private singleQuoted(text: string, col: number): string {
    let out = '';
    let i = col + 1;
    for (;;) {
      if (i >= text.length) bail();
      const c = text[i]!;
      if (c === "'") {
        if (text[i + 1] === "'") {
          out += "'";
          i += 2;
          continue;
        }
        break;
      }
      out += c;
      i++;
    }
    this.expectLineEnd(text, i + 1);
    return out.trim();
  }

  /** `|` and `>` with optional chomping; explicit indentation indicators take the slow path. */
  private blockScalar(line: Line, col: number, parentIndent: number): string {
    const header = line.text.slice(col);
    const match = /^([|>])([+-]?)\s*(#.*)?$/.exec(header);
    if (!match) return bail();
    const folded = match[1] === '>';
    // Block scalar content is taken from the raw lines, blank and comment-looking lines included.
    const startRaw = line.number + 1;
    let contentIndent = -1;
    let lastRaw = line.number;
    const body: string[] = [];
    for (let n = startRaw; n < this.raw.length; n++) {
      let t = this.raw[n]!;
      if (t.endsWith('\r')) t = t.slice(0, -1);
      let ind = 0;
      while (t.charCodeAt(ind) === 32) ind++;
      if (ind === t.length) {
        body.push('');
        continue;
      }
      if (t.charCodeAt(ind) === 9 && ind <= parentIndent) bail();
      if (contentIndent < 0) {
        if (ind <= parentIndent) break;
        contentIndent = ind;
      }
      if (ind < contentIndent) break;
      if (folded && ind > contentIndent) bail();
      body.push(t.slice(contentIndent));
      lastRaw = n;
    }
    // Trailing blank lines belong to the scalar only through chomping; drop them here.
    while (body.length > 0 && body[body.length - 1] === '') body.pop();
    // Skip the structural lines that were consumed as content.
    while (this.pos < this.lines.length && this.lines[this.pos]!.number <= lastRaw) this.pos++;
    // The value is stripped by the caller, so chomping does not change the result.
    if (!folded) return body.join('\n');
    let out = '';
    for (let i = 0; i < body.length; i++) {
      const piece = body[i]!;
      if (i === 0) out = piece;
      else if (piece === '') out += '\n';
      else out += out.endsWith('\n') || out === '' ? piece : ` ${piece}`;
    }
    return out;
  }

  /** Single-line flow collections of plain or quoted scalars: `[a, b]`, `[]`, `{}`. */
  private flow(text: string, col: number, at: Provenance): Node {
    const open = text[col];
    const close = open === '[' ? ']' : '}';
    let end = -1;
    for (let i = col + 1; i < text.length; i++) {
      const c = text[i]!;
      if (c === '[' || c === '{' || c === '"' || c === "'" || c === '#' || c === '&' || c === '*' || c === '!' || c === '?' || c === ':') bail();
      if (c === close) {
        end = i;
        break;
      }
    }
    if (end < 0) bail();
    this.expectLineEnd(text, end + 1);
    const inner = text.slice(col + 1, end);
    if (open === '{') {
      if (inner.trim() !== '') bail();
      return new MappingNode(new Map(), at);
    }
    if (inner.trim() === '') return new SequenceNode([], at);
    const items: Node[] = [];
    let start = col + 1;
    for (const part of inner.split(',')) {
      const lead = part.length - part.trimStart().length;
      const value = part.trim();
      if (value === '' || value.startsWith('-') || value.startsWith('%') || value.startsWith('@') || value.startsWith('`') || value.startsWith('|') || value.startsWith('>')) bail();
      items.push(new ScalarNode(value, this.at(at.line - 1, start + lead)));
      start += part.length + 1;
    }
    return new SequenceNode(items, at);
  }
}
