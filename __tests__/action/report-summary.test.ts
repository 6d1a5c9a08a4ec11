import { describe, expect, it } from '@jest/globals';
import { renderSummary } from '../../src/action/report/summary.js';
import type { ElementReport, RunReport } from '../../src/action/report/run-report.js';

const elements: ElementReport[] = [
  { element: 'base.bst:glibc.bst', result: 'pulled', sizeBytes: 12 * 1024 * 1024 },
  { element: 'base.bst:gcc.bst', result: 'cached', sizeBytes: 150 * 1024 * 1024 },
  { element: 'components/zlib.bst', result: 'built', durationMs: 45_000, sizeBytes: 300 * 1024 },
  { element: 'components/openssl.bst', result: 'built', durationMs: 185_000, sizeBytes: 8 * 1024 * 1024 },
  { element: 'components/hello.bst', result: 'failed', durationMs: 3_000, log: '/logs/hello.log', failure: { message: "command 'make' failed with exit code 2", at: { file: 'elements/components/hello.bst', line: 14, column: 5 }, elementFile: 'elements/components/hello.bst' } },
  { element: 'app.bst', result: 'skipped' },
];

const run: RunReport = {
  project: 'demo',
  projectDirectory: 'projects/demo',
  elements,
  phases: [
    { name: 'restore', durationMs: 4_200 },
    { name: 'load', durationMs: 800 },
    { name: 'build', durationMs: 240_000 },
    { name: 'save', durationMs: 2_000 },
  ],
  cache: { restoredEntries: 3, restoredBytes: 160 * 1024 * 1024, savedEntries: 1, savedBytes: 9 * 1024 * 1024, warnings: ['cache write denied: read-only for pull requests'] },
};

/** The table rows of the elements section, as arrays of cells. */
function elementRows(markdown: string): string[][] {
  const lines = markdown.split('\n');
  const header = lines.indexOf('| element | result | duration | artifact size |');
  if (header < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('| ')) break;
    rows.push(line.slice(2, -2).split(/ (?<!\\)\| /));
  }
  return rows;
}

describe('the step summary', () => {
  it('heads with the project and whether the run failed', () => {
    expect(renderSummary(run).split('\n')[0]).toBe('## Cairn: demo ❌ 1 failed');
    expect(renderSummary({ ...run, elements: elements.filter((e) => e.result !== 'failed') }).split('\n')[0]).toBe('## Cairn: demo ✅ succeeded');
  });

  it('totals built, cached, pulled, failed and skipped elements and the cache-hit ratio', () => {
    const text = renderSummary(run);
    expect(text).toContain('| built | cached | pulled | failed | skipped | cache hits |\n| ---: | ---: | ---: | ---: | ---: | ---: |\n| 2 | 1 | 1 | 1 | 1 | 33 % |');
  });

  it('shows the time of each phase and their total', () => {
    const text = renderSummary(run);
    expect(text).toContain('| restore | 4.2 s |\n| load | 0.8 s |\n| build | 4 min 00 s |\n| save | 2.0 s |\n| **total** | **4 min 07 s** |');
  });

  it('lists each failure with its repository-relative position and message', () => {
    expect(renderSummary(run)).toContain("### Failures\n\n- **components/hello.bst** at `projects/demo/elements/components/hello.bst:14:5`: command 'make' failed with exit code 2\n");
  });

  it('tables the elements with failed first, then the slowest, then those that ran no job', () => {
    expect(elementRows(renderSummary(run))).toEqual([
      ['components/hello.bst', '**failed**', '3.0 s', '—'],
      ['components/openssl.bst', 'built', '3 min 05 s', '8.0 MiB'],
      ['components/zlib.bst', 'built', '45.0 s', '300.0 KiB'],
      ['base.bst:glibc.bst', 'pulled', '—', '12.0 MiB'],
      ['base.bst:gcc.bst', 'cached', '—', '150.0 MiB'],
      ['app.bst', 'skipped', '—', '—'],
    ]);
  });

  it('shows the pack traffic and its warnings', () => {
    const text = renderSummary(run);
    expect(text).toContain('| restored | 3 | 160.0 MiB |\n| saved | 1 | 9.0 MiB |');
    expect(text).toContain('- cache write denied: read-only for pull requests');
  });

  it('links the logs artifact when it was uploaded', () => {
    expect(renderSummary(run, { logs: { name: 'cairn-logs-build-1', url: 'https://github.com/o/r/actions/runs/7/artifacts/42' } })).toContain('Job logs: [cairn-logs-build-1](https://github.com/o/r/actions/runs/7/artifacts/42)');
  });

  it('shows a load error with its position instead of elements', () => {
    const text = renderSummary({ project: 'demo', projectDirectory: '', elements: [], phases: [{ name: 'load', durationMs: 100 }], loadError: { message: "element 'app.bst' has no 'kind'", at: { file: 'elements/app.bst', line: 1, column: 1 } } });
    expect(text.split('\n')[0]).toBe('## Cairn: demo ❌ could not load the project');
    expect(text).toContain("**Could not load the project** at `elements/app.bst:1:1`: element 'app.bst' has no 'kind'");
    expect(text).toContain('| 0 | 0 | 0 | 0 | 0 | — |');
    expect(text).not.toContain('### Elements');
  });

  it('escapes a | in an element name so that it stays in its table cell', () => {
    const text = renderSummary({ ...run, elements: [{ element: 'odd|name.bst', result: 'built', durationMs: 1000 }] });
    expect(text).toContain('| odd\\|name.bst | built | 1.0 s | — |');
    expect(elementRows(text)).toEqual([['odd\\|name.bst', 'built', '1.0 s', '—']]);
  });

  it('makes Markdown and HTML in names and messages inert', () => {
    const text = renderSummary({ ...run, elements: [{ element: '<img src=x>.bst', result: 'failed', failure: { message: 'see [here](http://evil)\nsecond line' } }] });
    expect(text).toContain('\\<img src=x\\>.bst');
    expect(text).toContain('see \\[here\\](http://evil) second line');
    expect(text).not.toMatch(/(?<!\\)<img/);
  });

  it('folds a long element table into a details block', () => {
    const many = Array.from({ length: 60 }, (_, i): ElementReport => ({ element: `e${i}.bst`, result: 'cached' }));
    expect(renderSummary({ ...run, elements: many })).toContain('<details><summary>60 elements, failed and slowest first</summary>\n\n| element |');
    expect(renderSummary(run)).not.toContain('<details>');
  });
});

describe('the size of the step summary', () => {
  const huge = Array.from({ length: 20_000 }, (_, i): ElementReport => ({ element: `components/a-rather-long-element-name-number-${i}.bst`, result: 'built', durationMs: 20_000 - i, sizeBytes: 1024 * i }));

  it('stays under 900 KiB by default, noting how many elements were left out', () => {
    const text = renderSummary({ ...run, elements: huge });
    const size = Buffer.byteLength(text);
    expect(size).toBeLessThanOrEqual(900 * 1024);
    expect(size).toBeGreaterThan(800 * 1024);
    const shown = elementRows(text).length;
    expect(shown).toBeLessThan(huge.length);
    expect(text).toContain(`_… and ${huge.length - shown} more elements, left out to keep this summary under GitHub's size limit`);
    // The cache section after the table survives the cut.
    expect(text).toContain('| restored | 3 | 160.0 MiB |');
  });

  it('keeps the slowest elements when the table is cut', () => {
    const rows = elementRows(renderSummary({ ...run, elements: huge }, { maxBytes: 20_000 }));
    expect(rows[0]?.[0]).toBe('components/a-rather-long-element-name-number-0.bst');
    expect(rows[1]?.[0]).toBe('components/a-rather-long-element-name-number-1.bst');
  });

  it('respects a smaller budget, giving failures precedence over the table', () => {
    const failures = Array.from({ length: 500 }, (_, i): ElementReport => ({ element: `broken-${i}.bst`, result: 'failed', failure: { message: `error number ${i} `.repeat(20) } }));
    const text = renderSummary({ ...run, elements: [...failures, ...huge] }, { maxBytes: 30_000 });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(30_000);
    expect(text).toMatch(/_… and \d+ more failures/);
    expect(text).toContain('- **broken-0.bst**');
  });

  it('never exceeds even a budget too small for the totals', () => {
    const text = renderSummary({ ...run, project: 'démo' }, { maxBytes: 20 });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(20);
    expect(text).toBe('## Cairn: démo ❌ 1 failed'.slice(0, text.length));
  });
});
