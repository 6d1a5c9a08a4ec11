// Writes tracked refs back where the project keeps them: into the element file itself
// (`ref-storage: inline`), changing only the bytes of the values it sets so that comments,
// quoting, order and layout stay as the user wrote them, or into project.refs. It never
// rewrites a file whose refs did not change, and replaces files by writing a temporary file
// and renaming it over the old one, so a reader never sees half a file.

import fs from 'node:fs';
import path from 'node:path';
import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Node as YamlNode, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { canonicalJson, type JsonValue } from '../cache/canonical-json.js';
import { CairnError, type Provenance } from '../format/errors.js';
import { getSequence } from '../format/accessors.js';
import type { Project } from '../project/project.js';
import type { TrackResult } from '../project/source-api.js';
import type { KeyedElement } from './pipeline.js';

/** One source's new keys, and where its mapping starts in the element file (1-based, as provenance counts). */
export interface InlineRefEdit {
  readonly line: number;
  readonly column: number;
  readonly values: TrackResult;
}

/** One source's new keys in project.refs, by the source's position in the element's `sources:`. */
export interface StoredRefEdit {
  readonly index: number;
  readonly values: TrackResult;
}

interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * The element file `text` with each edit's keys set in the source mapping that starts at the
 * edit's line and column. Existing scalar values keep their quoting; new keys go after the
 * mapping's last key, in the mapping's own style (block or flow). `file` names the file in errors.
 */
export function setInlineRefs(text: string, file: string, edits: readonly InlineRefEdit[]): string {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  const problem = doc.errors[0];
  if (problem) throw new CairnError('invalid-yaml', `cannot edit ${file}: ${problem.message.split('\n')[0]}`);
  const at = (offset: number): Provenance => {
    const pos = lines.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  const maps = new Map<string, YAMLMap>();
  visit(doc, {
    Map(_, node) {
      if (node.range) {
        const start = at(node.range[0]);
        maps.set(`${start.line}:${start.column}`, node);
      }
    },
  });

  const splices: Splice[] = [];
  const expected: Array<{ start: number; values: TrackResult }> = [];
  for (const edit of edits) {
    const map = maps.get(`${edit.line}:${edit.column}`);
    const where: Provenance = { file, line: edit.line, column: edit.column };
    if (!map || !map.range) throw new CairnError('invalid-data', `cannot find the source mapping at line ${edit.line}, column ${edit.column} of ${file}`, where, 'the file changed while it was tracked; track again');
    refuseDirectives(map, Object.keys(edit.values), at);
    const insertions: Array<[string, JsonValue]> = [];
    for (const [key, value] of Object.entries(edit.values)) {
      const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      if (pair) splices.push(replaceValue(text, pair, value, map.flow === true, at));
      else insertions.push([key, value]);
    }
    if (insertions.length > 0) splices.push(insertKeys(text, map, insertions, at));
    expected.push({ start: map.range[0], values: edit.values });
  }

  const result = applySplices(text, splices);
  verify(result, file, splices, expected);
  return result;
}

/**
 * project.refs text (undefined: no file yet) with the element's refs set: `projects:
 * {<project>: {<element>: [<mapping per source>]}}`, the list padded with empty mappings up
 * to the highest source index, as BuildStream pads it. Every other entry stays.
 */
export function setProjectRefs(text: string | undefined, project: string, element: string, edits: readonly StoredRefEdit[]): string {
  const doc: Document = text === undefined ? new Document() : parseDocument(text);
  const problem = doc.errors[0];
  if (problem) throw new CairnError('invalid-yaml', `cannot edit project.refs: ${problem.message.split('\n')[0]}`);
  if (doc.contents === null || (isScalar(doc.contents) && (doc.contents.value === null || doc.contents.value === ''))) {
    doc.contents = doc.createNode({});
  }
  const root = doc.contents;
  if (!isMap(root)) throw new CairnError('invalid-data', 'project.refs must be a mapping with projects:');
  const projects = childMap(doc, root, 'projects');
  const ours = childMap(doc, projects, project);
  let list = ours.get(element, true) as YamlNode | undefined;
  if (!isSeq(list)) {
    if (list !== undefined && !(isScalar(list) && (list.value === null || list.value === ''))) {
      throw new CairnError('invalid-data', `project.refs: the refs of '${element}' must be a list, one entry per source`);
    }
    list = doc.createNode([]) as YAMLSeq;
    ours.set(element, list);
  }
  const seq = list as YAMLSeq;
  for (const edit of edits) {
    while (seq.items.length <= edit.index) seq.items.push(doc.createNode({}));
    let entry = seq.items[edit.index] as YamlNode | null;
    if (!isMap(entry)) {
      entry = doc.createNode({}) as YAMLMap;
      seq.items[edit.index] = entry;
    }
    for (const [key, value] of Object.entries(edit.values)) (entry as YAMLMap).set(key, doc.createNode(value));
  }
  return doc.toString({ lineWidth: 0 });
}

function childMap(doc: Document, parent: YAMLMap, key: string): YAMLMap {
  const found = parent.get(key, true) as YamlNode | undefined;
  if (isMap(found)) return found;
  if (found !== undefined && !(isScalar(found) && (found.value === null || found.value === ''))) {
    throw new CairnError('invalid-data', `project.refs: '${key}' must be a mapping`);
  }
  const created = doc.createNode({}) as YAMLMap;
  parent.set(key, created);
  return created;
}

/** Writes `text` to `file` through a temporary file in the same directory and a rename. */
export function writeFileAtomic(file: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.part`);
  try {
    const mode = fs.existsSync(file) ? fs.statSync(file).mode & 0o7777 : 0o644;
    fs.writeFileSync(temporary, text, { mode });
    fs.renameSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Where an element's refs live, and writing them there.

/** The project's ref storage, as tracking writes it. */
export class RefStore {
  constructor(private readonly project: Project) {}

  /** Where refs of `element` go; throws a clear error for the places Cairn does not write. */
  check(element: KeyedElement, indexes: readonly number[]): void {
    const loaded = element.loaded;
    if (loaded.junction !== '' || loaded.project !== this.project) {
      throw new CairnError(
        'invalid-argument',
        `cannot track ${loaded.fullName}: it belongs to the subproject behind ${loaded.junction}, and Cairn does not write refs into a subproject (junction.refs)`,
        loaded.kindAt,
        'track it in its own project, or override the element from this project',
      );
    }
    if (this.project.refStorage === 'project.refs') {
      if (loaded.kind === 'junction') {
        throw new CairnError('invalid-argument', `cannot track ${loaded.fullName}: with ref-storage: project.refs, junction refs belong in junction.refs, which Cairn does not write`, loaded.kindAt, 'use ref-storage: inline, or write the ref by hand');
      }
      return;
    }
    const sources = getSequence(loaded.node, 'sources');
    const file = this.elementFile(element);
    for (const index of indexes) {
      const item = sources?.items[index];
      if (!item) continue;
      if (item.at.file !== file.shownAs) {
        throw new CairnError(
          'invalid-argument',
          `cannot track ${loaded.fullName}: its source ${index + 1} is declared in ${item.at.file}, not in the element file, and Cairn writes refs only into the element file itself`,
          item.at,
          "declare the source in the element, or use 'ref-storage: project.refs'",
        );
      }
    }
  }

  /** Writes the new keys of the element's sources; returns whether a file changed. */
  write(element: KeyedElement, edits: readonly StoredRefEdit[]): boolean {
    if (edits.length === 0) return false;
    this.check(element, edits.map((e) => e.index));
    if (this.project.refStorage === 'project.refs') {
      const file = path.join(this.project.directory, 'project.refs');
      const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
      const after = setProjectRefs(before, this.project.name, element.loaded.name, edits);
      if (after === before) return false;
      writeFileAtomic(file, after);
      return true;
    }
    const { absolute, shownAs } = this.elementFile(element);
    const sources = getSequence(element.loaded.node, 'sources')!;
    const inline = edits.map((edit) => {
      const at = sources.items[edit.index]!.at;
      return { line: at.line, column: at.column, values: edit.values };
    });
    const before = fs.readFileSync(absolute, 'utf8');
    const after = setInlineRefs(before, shownAs, inline);
    if (after === before) return false;
    writeFileAtomic(absolute, after);
    return true;
  }

  private elementFile(element: KeyedElement): { absolute: string; shownAs: string } {
    const absolute = path.join(this.project.elementPath, element.loaded.name);
    return { absolute, shownAs: this.project.displayPrefix + path.relative(this.project.directory, absolute) };
  }
}

// ---------------------------------------------------------------------------------------------
// Text edits.

/** A `(@)` include or a `(?)` branch setting one of the keys would override what is written. */
function refuseDirectives(map: YAMLMap, keys: readonly string[], at: (offset: number) => Provenance): void {
  for (const pair of map.items) {
    if (!isScalar(pair.key)) continue;
    const name = String(pair.key.value);
    const where = at(pair.key.range?.[0] ?? 0);
    if (name === '(@)') {
      throw new CairnError('invalid-data', 'this source includes a file with (@), which could override the tracked ref; Cairn will not write the ref here', where, "write the source's keys out, or use 'ref-storage: project.refs'");
    }
    if (name === '(?)' && isSeq(pair.value)) {
      for (const branch of pair.value.items) {
        if (!isMap(branch)) continue;
        for (const condition of branch.items) {
          const body = condition.value;
          if (isMap(body) && body.items.some((p) => isScalar(p.key) && keys.includes(String(p.key.value)))) {
            throw new CairnError('invalid-data', `a (?) condition of this source sets ${keys.join('/')}, so a tracked value written beside it could be overridden`, where, 'move the ref out of the condition');
          }
        }
      }
    }
  }
}

function replaceValue(text: string, pair: Pair, value: JsonValue, inFlow: boolean, at: (offset: number) => Provenance): Splice {
  const key = pair.key as Scalar;
  const existing = pair.value as YamlNode | null;
  const scalarStyles = ['PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE'];
  const empty = !existing || !existing.range || existing.range[0] === existing.range[1];
  if (!empty && isScalar(existing) && isPlainValue(value) && scalarStyles.includes(existing.type ?? '')) {
    return { start: existing.range![0], end: existing.range![1], text: renderScalar(value, existing.type, inFlow) };
  }
  // An empty value, a block scalar or a collection: the new value goes right after the colon, in
  // flow style, except that a list in a block mapping becomes a block list (one item a line).
  const colon = text.indexOf(':', key.range![1]);
  if (colon < 0) throw new CairnError('invalid-data', `cannot find the ':' after '${String(key.value)}'`, at(key.range![0]));
  const start = colon + 1;
  let end = empty ? start : existing!.range![1];
  // Keep the line break that ends a block value.
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  const indent = ' '.repeat(at(key.range![0]).column - 1);
  return { start, end, text: inFlow ? ` ${renderFlow(value, true)}` : renderBlockValue(value, indent) };
}

function insertKeys(text: string, map: YAMLMap, entries: ReadonlyArray<[string, JsonValue]>, at: (offset: number) => Provenance): Splice {
  if (map.flow) {
    const last = map.items.at(-1);
    const rendered = entries.map(([key, value]) => `${renderKey(key)}: ${renderFlow(value, true)}`).join(', ');
    if (!last) {
      const open = text.indexOf('{', map.range![0]);
      return { start: open + 1, end: open + 1, text: rendered };
    }
    const end = (last.value as YamlNode | null)?.range?.[1] ?? (last.key as YamlNode).range![1];
    return { start: end, end, text: `, ${rendered}` };
  }
  const start = map.range![0];
  const indent = ' '.repeat(at(start).column - 1);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (/\t/.test(text.slice(lineStart, start))) throw new CairnError('invalid-data', 'cannot add keys to a mapping indented with tabs', at(start));
  const body = entries.map(([key, value]) => `${indent}${renderKey(key)}:${renderBlockValue(value, indent)}`).join('\n');
  const end = map.range![1];
  if (end > 0 && text[end - 1] === '\n') return { start: end, end, text: `${body}\n` };
  // The mapping ends mid-line (before a comment on its last line, or at the end of the file).
  const lineEnd = text.indexOf('\n', end);
  if (lineEnd >= 0) return { start: lineEnd + 1, end: lineEnd + 1, text: `${body}\n` };
  return { start: text.length, end: text.length, text: `\n${body}` };
}

/**
 * A value after `key:` in a block mapping: a list goes one item a line (a long tracked list,
 * such as a Debian package set, stays readable and diffs line by line); anything else in flow style.
 */
function renderBlockValue(value: JsonValue, indent: string): string {
  if (!Array.isArray(value) || value.length === 0) return ` ${renderFlow(value, false)}`;
  return value.map((item) => `\n${indent}- ${renderFlow(item, true)}`).join('');
}

function applySplices(text: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => b.start - a.start);
  let result = text;
  for (let i = 0; i < sorted.length; i++) {
    const splice = sorted[i]!;
    const next = sorted[i + 1];
    if (next && next.end > splice.start) throw new Error('ref writer: overlapping edits');
    result = result.slice(0, splice.start) + splice.text + result.slice(splice.end);
  }
  return result;
}

/** The edited text must parse, and each edited mapping must now hold the new values. */
function verify(result: string, file: string, splices: readonly Splice[], expected: ReadonlyArray<{ start: number; values: TrackResult }>): void {
  const doc = parseDocument(result, { uniqueKeys: false });
  if (doc.errors.length > 0) throw new Error(`ref writer: editing ${file} produced invalid YAML: ${doc.errors[0]!.message}`);
  const starts = new Map<number, YAMLMap>();
  visit(doc, {
    Map(_, node) {
      if (node.range) starts.set(node.range[0], node);
    },
  });
  for (const { start, values } of expected) {
    const shifted = start + splices.filter((s) => s.start < start).reduce((sum, s) => sum + s.text.length - (s.end - s.start), 0);
    const map = starts.get(shifted);
    const plain = map?.toJSON() as Record<string, unknown> | undefined;
    for (const [key, value] of Object.entries(values)) {
      if (!plain || canonicalJson(normalise(plain[key])) !== canonicalJson(normalise(value))) {
        throw new Error(`ref writer: editing ${file} did not set '${key}' as intended`);
      }
    }
  }
}

/** Scalars compare as the text Cairn reads them as (everything is a string to BuildStream). */
function normalise(value: unknown): JsonValue {
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  if (value === null || value === undefined) return null;
  return String(value);
}

function isPlainValue(value: JsonValue): value is string | number | boolean | null {
  return value === null || typeof value !== 'object';
}

function renderKey(key: string): string {
  return renderScalar(key, 'PLAIN', true);
}

/** A scalar in the style it had; a plain one is quoted only when YAML would read it as something else. */
function renderScalar(value: string | number | boolean | null, style: Scalar['type'] | undefined, inFlow: boolean): string {
  // Numbers and booleans read back as what they are; BuildStream reads every scalar as text anyway.
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = value ?? '';
  if (style === 'QUOTE_DOUBLE') return JSON.stringify(text);
  if (style === 'QUOTE_SINGLE' && !text.includes('\n')) return `'${text.replace(/'/g, "''")}'`;
  if (isPlainSafe(text, inFlow)) return text;
  return text.includes('\n') ? JSON.stringify(text) : `'${text.replace(/'/g, "''")}'`;
}

function isPlainSafe(text: string, inFlow: boolean): boolean {
  if (text === '' || text !== text.trim()) return false;
  if (/[\n\r\t]/.test(text) || /: |:$| #/.test(text)) return false;
  if (/^[-?:,\[\]{}#&*!|>'"%@`]/.test(text) && !/^-[^\s]/.test(text)) return false;
  if (inFlow && /[,\[\]{}]/.test(text)) return false;
  // Whatever the core schema would read as a number, boolean or null is quoted, as YAML tools do.
  const parsed = parseDocument(text).contents;
  return isScalar(parsed) && typeof parsed.value === 'string' && parsed.value === text;
}

function renderFlow(value: JsonValue, inFlow: boolean): string {
  if (Array.isArray(value)) return `[${value.map((item) => renderFlow(item, true)).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${renderKey(k)}: ${renderFlow(v, true)}`).join(', ')}}`;
  }
  return renderScalar(value, 'PLAIN', inFlow);
}
