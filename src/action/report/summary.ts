// The step summary of a run as Markdown: totals, time per phase, failures, a table of elements
// and the cache traffic. Pure: it returns text and never writes it. GitHub drops a summary over
// 1 MiB whole, so the text is kept under a byte budget by cutting the longest lists.

import { describePosition } from './repository-paths.js';
import { totals, type ElementReport, type RunReport } from './run-report.js';

export const DEFAULT_SUMMARY_BYTES = 900 * 1024;

export interface SummaryOptions {
  /** The budget in UTF-8 bytes (default 900 KiB, under GitHub's 1 MiB). */
  readonly maxBytes?: number;
  /** The logs artifact, once uploaded, to link from the summary. */
  readonly logs?: { readonly name: string; readonly url?: string };
}

/** A table this long is folded into a <details> block. */
const FOLD_ROWS = 50;
const MAX_MESSAGE_CHARS = 1000;
const MAX_WARNINGS = 20;

/**
 * Markdown for the step summary: totals (built, cached, pulled, failed, skipped), cache-hit
 * ratio, time per phase, the failures, a table of elements (result, duration, artifact size)
 * with failed and slowest first, pack traffic (entries and bytes restored and saved, warnings).
 * Kept under `maxBytes`: failures and table rows that do not fit are counted in a note.
 */
export function renderSummary(report: RunReport, options: SummaryOptions = {}): string {
  const maxBytes = options.maxBytes ?? DEFAULT_SUMMARY_BYTES;
  const t = totals(report);

  const head: string[] = [];
  const status = report.loadError ? 'could not load the project' : t.failed > 0 ? `${t.failed} failed` : 'succeeded';
  head.push(`## Cairn: ${escapeText(report.project)} ${report.loadError || t.failed > 0 ? '❌' : '✅'} ${status}\n`);
  if (report.loadError) {
    const at = report.loadError.at;
    head.push(`**Could not load the project**${at ? ` at ${code(describePosition(report.projectDirectory, at))}` : ''}: ${escapeText(clip(report.loadError.message))}\n`);
  }
  head.push(
    table(
      ['built', 'cached', 'pulled', 'failed', 'skipped', 'cache hits'],
      [[String(t.built), String(t.cached), String(t.pulled), String(t.failed), String(t.skipped), report.elements.length === 0 ? '—' : `${Math.round(t.cacheHitRatio * 100)} %`]],
      true,
    ),
  );
  if (report.phases.length > 0) {
    const rows = report.phases.map((p) => [escapeText(p.name), duration(p.durationMs)]);
    if (report.phases.length > 1) rows.push(['**total**', `**${duration(report.phases.reduce((sum, p) => sum + p.durationMs, 0))}**`]);
    head.push(`### Time\n\n${table(['phase', 'time'], rows, [false, true])}`);
  }

  const tail: string[] = [];
  if (report.cache) tail.push(traffic(report.cache));
  if (options.logs) {
    const name = escapeText(options.logs.name);
    tail.push(`Job logs: ${options.logs.url ? `[${name}](${options.logs.url})` : `artifact ${name}`}\n`);
  }

  // What is left of the budget goes to the failures first, then to the table.
  const fixed = bytes(head.join('\n')) + bytes(tail.join('\n')) + 16;
  let budget = maxBytes - fixed;

  const failed = sorted(report.elements.filter((e) => e.result === 'failed'));
  let failuresText = '';
  if (failed.length > 0) {
    const heading = '### Failures\n\n';
    budget -= bytes(heading) + NOTE_BYTES;
    const lines: string[] = [];
    for (const element of failed) {
      const line = `${failureLine(report, element)}\n`;
      if (bytes(line) > budget) break;
      budget -= bytes(line);
      lines.push(line);
    }
    const left = failed.length - lines.length;
    failuresText = `${heading}${lines.join('')}${left > 0 ? `\n${truncationNote(left, 'failures')}\n` : ''}`;
  }

  const elements = sorted(report.elements);
  let tableText = '';
  if (elements.length > 0) {
    const heading = '### Elements\n\n';
    const header = tableHeader(['element', 'result', 'duration', 'artifact size'], [false, false, true, true]);
    const fold = elements.length > FOLD_ROWS;
    const open = fold ? `<details><summary>${elements.length} elements, failed and slowest first</summary>\n\n` : '';
    const close = fold ? '\n</details>\n' : '';
    budget -= bytes(heading) + bytes(header) + bytes(open) + bytes(close) + NOTE_BYTES;
    const rows: string[] = [];
    if (budget > 0) {
      for (const element of elements) {
        const row = tableRow([escapeText(element.element), element.result === 'failed' ? '**failed**' : element.result, element.durationMs === undefined ? '—' : duration(element.durationMs), element.sizeBytes === undefined ? '—' : size(element.sizeBytes)]);
        if (bytes(row) > budget) break;
        budget -= bytes(row);
        rows.push(row);
      }
    }
    const left = elements.length - rows.length;
    const note = left > 0 ? `\n${truncationNote(left, 'elements')}\n` : '';
    tableText = rows.length > 0 ? `${heading}${open}${header}${rows.join('')}${close}${note}` : `${heading}${truncationNote(left, 'elements')}\n`;
  }

  const sections = [...head, ...(failuresText ? [failuresText] : []), ...(tableText ? [tableText] : []), ...tail];
  const text = sections.join('\n');
  return bytes(text) <= maxBytes ? text : cut(text, maxBytes);
}

const NOTE_BYTES = 200;

function truncationNote(count: number, what: string): string {
  return `_… and ${count} more ${what}, left out to keep this summary under GitHub's size limit; the job log has them all._`;
}

function failureLine(report: RunReport, element: ElementReport): string {
  const at = element.failure?.at;
  return `- **${escapeText(element.element)}**${at ? ` at ${code(describePosition(report.projectDirectory, at))}` : ''}: ${escapeText(clip(element.failure?.message ?? 'failed'))}`;
}

function traffic(cache: NonNullable<RunReport['cache']>): string {
  const lines = [
    '### Cache\n',
    table(
      ['', 'entries', 'size'],
      [
        ['restored', String(cache.restoredEntries), size(cache.restoredBytes)],
        ['saved', String(cache.savedEntries), size(cache.savedBytes)],
      ],
      [false, true, true],
    ),
  ];
  if (cache.warnings.length > 0) {
    const shown = cache.warnings.slice(0, MAX_WARNINGS).map((w) => `- ${escapeText(clip(w))}`);
    if (cache.warnings.length > MAX_WARNINGS) shown.push(`- … and ${cache.warnings.length - MAX_WARNINGS} more`);
    lines.push(`Warnings:\n\n${shown.join('\n')}\n`);
  }
  return lines.join('\n');
}

/** Failed first, then the slowest; elements that ran no job last, by result and name. */
function sorted(elements: readonly ElementReport[]): ElementReport[] {
  const order = { failed: 0, built: 1, pulled: 2, cached: 3, skipped: 4 } as const;
  return [...elements].sort((a, b) => {
    if ((a.result === 'failed') !== (b.result === 'failed')) return a.result === 'failed' ? -1 : 1;
    const da = a.durationMs ?? -1;
    const db = b.durationMs ?? -1;
    if (da !== db) return db - da;
    if (a.result !== b.result) return order[a.result] - order[b.result];
    return a.element < b.element ? -1 : a.element > b.element ? 1 : 0;
  });
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, right: boolean | readonly boolean[]): string {
  const align = header.map((_, i) => (typeof right === 'boolean' ? right : right[i] ?? false));
  return tableHeader(header, align) + rows.map(tableRow).join('');
}

function tableHeader(header: readonly string[], right: readonly boolean[]): string {
  return `${tableRow(header)}|${header.map((_, i) => (right[i] ? ' ---: ' : ' --- ')).join('|')}|\n`;
}

function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |\n`;
}

/**
 * Text from element names, messages and warnings, made inert: Markdown and HTML characters are
 * backslash-escaped (a `|` would otherwise end a table cell) and line breaks become spaces.
 */
export function escapeText(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\`*_[\]<>|~&$]/g, (c) => `\\${c}`);
}

/** A code span (used outside tables only); backticks in it would end it early, so they become quotes. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function clip(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text;
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The last resort for a budget too small for even the totals: cut at a character boundary. */
function cut(text: string, maxBytes: number): string {
  const buffer = Buffer.from(text, 'utf8');
  let end = Math.max(0, Math.min(maxBytes, buffer.length));
  let start = end - 1;
  while (start > 0 && (buffer[start]! & 0xc0) === 0x80) start--; // back to the last character's first byte
  if (start >= 0 && end > 0) {
    const lead = buffer[start]!;
    const length = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
    if (start + length > end) end = start;
  }
  return buffer.subarray(0, end).toString('utf8');
}

export function duration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(seconds / 3600)} h ${String(Math.floor(seconds / 60) % 60).padStart(2, '0')} min`;
}

export function size(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
