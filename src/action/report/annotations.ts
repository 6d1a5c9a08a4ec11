// Turns a run's failures into GitHub annotations pointing into the project's files: a load
// error at its line and column, a failed element at its .bst file with the end of its log.
// GitHub keeps only 10 error annotations per step, so it never writes more than `max`.

import fs from 'node:fs';
import type { Provenance } from '../../format/errors.js';
import { describePosition, repositoryFile } from './repository-paths.js';
import type { ElementReport, RunReport } from './run-report.js';

export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  startColumn?: number;
}

/** What `@actions/core` offers (pass `core` itself); `notice` is used when the sink has it. */
export interface AnnotationSink {
  error(message: string, properties: AnnotationProperties): void;
  warning(message: string, properties?: AnnotationProperties): void;
  notice?(message: string, properties?: AnnotationProperties): void;
}

/** Error annotations per step that GitHub shows; the rest are summarised in one notice. */
export const DEFAULT_MAX_ANNOTATIONS = 10;
export const DEFAULT_LOG_LINES = 20;
// Annotation bodies are reportedly cut around 64 KB; the log tail stays well below.
const MAX_TAIL_BYTES = 16 * 1024;
const MAX_LINE_CHARS = 400;
const MAX_NOTICE_NAMES = 20;

interface Annotation {
  readonly message: string;
  readonly properties: AnnotationProperties;
  readonly key: string;
}

/**
 * A load error annotates its file, line and column; a failed build annotates the element's
 * .bst file (the failing command's line when it came from the element file, else the element's
 * `kind:` line) with the last lines of its log. At most `max` error annotations; the rest are
 * summarised in one notice. File paths are repository-relative (projectDirectory + provenance
 * file). Returns how many annotations it wrote, the notice included.
 */
export function annotate(report: RunReport, sink: AnnotationSink, options: { max?: number; logLines?: number } = {}): number {
  const max = Math.max(0, options.max ?? DEFAULT_MAX_ANNOTATIONS);
  const logLines = Math.max(0, options.logLines ?? DEFAULT_LOG_LINES);
  const candidates: Annotation[] = [];
  if (report.loadError) {
    const { message, at } = report.loadError;
    candidates.push(located(report, `Cairn could not load ${report.project || 'the project'}`, message, at, at));
  }
  const failed = report.elements.filter((e) => e.result === 'failed');
  // Failures at the same place with the same message (a cached failure of a shared base) make
  // one annotation, so that the slots go to different problems.
  const groups = new Map<string, { annotation: Annotation; elements: ElementReport[] }>();
  for (const element of failed) {
    const annotation = failure(report, element, logLines);
    const group = groups.get(annotation.key);
    if (group) group.elements.push(element);
    else groups.set(annotation.key, { annotation, elements: [element] });
  }
  for (const { annotation, elements } of groups.values()) {
    const others = elements.length - 1;
    candidates.push(others === 0 ? annotation : { ...annotation, properties: { ...annotation.properties, title: `${elements[0]!.element} and ${others} other element${others === 1 ? '' : 's'} failed` } });
  }

  let written = 0;
  for (const annotation of candidates.slice(0, max)) {
    sink.error(annotation.message, annotation.properties);
    written++;
  }
  const rest = candidates.slice(max);
  if (rest.length > 0) {
    const names = rest.map((a) => a.properties.title ?? '').filter((t) => t !== '');
    const listed = names.length > MAX_NOTICE_NAMES ? [...names.slice(0, MAX_NOTICE_NAMES), '…'] : names;
    const text = `${rest.length} more failure${rest.length === 1 ? '' : 's'} not annotated (GitHub shows at most ${max} per step); see the step summary: ${listed.join('; ')}`;
    if (sink.notice) sink.notice(text, { title: 'More failures' });
    else sink.warning(text, { title: 'More failures' });
    written++;
  }
  return written;
}

function failure(report: RunReport, element: ElementReport, logLines: number): Annotation {
  const info = element.failure;
  const message = info?.message ?? 'failed';
  const at = info?.at;
  const elementFile = info?.elementFile;
  // The failing command's own line when it is in the element file; else the element's kind: line.
  let where: Provenance | undefined;
  if (at && elementFile !== undefined && at.file === elementFile) where = at;
  else if (info?.kindAt) where = info.kindAt;
  else if (elementFile !== undefined) where = { file: elementFile, line: 0, column: 0 };
  else where = at;
  const tail = element.log && logLines > 0 ? logTail(element.log, logLines) : [];
  const body = tail.length > 0 ? `${message}\n\nLast lines of the log:\n${tail.join('\n')}` : message;
  return located(report, `${element.element} failed`, body, where, at);
}

/**
 * An annotation at `where` when that is a file of the repository. A position in a subproject,
 * a plugin's defaults or the command line cannot be linked, so the message quotes it instead.
 */
function located(report: RunReport, title: string, message: string, where: Provenance | undefined, cause: Provenance | undefined): Annotation {
  const file = where ? repositoryFile(report.projectDirectory, where) : undefined;
  const quoted = cause && !(file !== undefined && where === cause) && cause.line > 0 ? `${describePosition(report.projectDirectory, cause)}: ` : '';
  const properties: AnnotationProperties = { title };
  if (file !== undefined) {
    properties.file = file;
    if (where!.line > 0) {
      properties.startLine = where!.line;
      if (where!.column > 0) properties.startColumn = where!.column;
    }
  }
  const firstLine = message.split('\n', 1)[0]!;
  return { message: `${quoted}${message}`, properties, key: `${file ?? ''}:${properties.startLine ?? 0}:${properties.startColumn ?? 0}:${quoted}${firstLine}` };
}

/** The last `count` lines of a log, read from its end only: logs can be large. Missing logs give nothing. */
function logTail(file: string, count: number): string[] {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return [];
  }
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, MAX_TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, size - length);
    let lines = buffer.toString('utf8').split('\n');
    if (length < size) lines = lines.slice(1); // the first one is cut
    while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
    return lines.slice(-count).map((line) => {
      // eslint-disable-next-line no-control-regex
      const plain = line.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r$/, '');
      return plain.length > MAX_LINE_CHARS ? `${plain.slice(0, MAX_LINE_CHARS)}…` : plain;
    });
  } catch {
    return [];
  } finally {
    fs.closeSync(fd);
  }
}
