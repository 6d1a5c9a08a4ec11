import { RunReportBuilder, totals, type RunReport } from '../../src/action/report/run-report.js';
import type { BuildEvent } from '../../src/engine/build-session.js';
import { CairnError } from '../../src/format/errors.js';

// Event sequences as BuildSession emits them for a small project: base.bst from a junction,
// components/hello.bst built on it, app.bst depending on hello.

const logs = '/home/runner/.cache/cairn/logs/demo';

function fetched(element: string, normal: string, durationMs: number): BuildEvent[] {
  const log = `${logs}/${normal}/1a2b3c4d-fetch.20261120T101112-4242.log`;
  return [
    { type: 'job-start', element, action: 'fetch', log },
    { type: 'job-end', element, action: 'fetch', result: 'success', durationMs, log, key: '1a2b3c4d5e6f' },
  ];
}

function built(element: string, normal: string, durationMs: number): BuildEvent[] {
  const log = `${logs}/${normal}/1a2b3c4d-build.20261120T101200-4242.log`;
  return [
    { type: 'job-start', element, action: 'build', log },
    { type: 'job-end', element, action: 'build', result: 'success', durationMs, log, key: '1a2b3c4d5e6f' },
  ];
}

function failedBuild(element: string, normal: string, durationMs: number, at?: { file: string; line: number; column: number }): BuildEvent[] {
  const log = `${logs}/${normal}/9f8e7d6c-build.20261120T101300-4242.log`;
  return [
    { type: 'job-start', element, action: 'build', log },
    {
      type: 'job-end',
      element,
      action: 'build',
      result: 'failure',
      durationMs,
      log,
      key: '9f8e7d6c5b4a',
      message: "command 'make' failed with exit code 2",
      ...(at ? { at } : {}),
    },
  ];
}

function feed(builder: RunReportBuilder, events: readonly BuildEvent[]): void {
  for (const event of events) builder.event(event);
}

function byName(report: RunReport, element: string) {
  const found = report.elements.find((e) => e.element === element);
  if (!found) throw new Error(`${element} is not in the report`);
  return found;
}

describe('building a run report from build events', () => {
  it('records a built element with the time of its fetch and build jobs and the log of its build', () => {
    const builder = new RunReportBuilder('demo', '');
    feed(builder, [...fetched('components/hello.bst', 'components-hello', 1200), ...built('components/hello.bst', 'components-hello', 30_000)]);
    const hello = byName(builder.finish(), 'components/hello.bst');
    expect(hello.result).toBe('built');
    expect(hello.durationMs).toBe(31_200);
    expect(hello.log).toBe(`${logs}/components-hello/1a2b3c4d-build.20261120T101200-4242.log`);
    expect(hello.failure).toBeUndefined();
  });

  it('records a failed build with its message, where the command was written and its log', () => {
    const builder = new RunReportBuilder('demo', '');
    const at = { file: 'elements/components/hello.bst', line: 12, column: 5 };
    feed(builder, failedBuild('components/hello.bst', 'components-hello', 4000, at));
    const hello = byName(builder.finish(), 'components/hello.bst');
    expect(hello.result).toBe('failed');
    expect(hello.failure).toEqual({ message: "command 'make' failed with exit code 2", at, elementFile: 'elements/components/hello.bst' });
    expect(hello.log).toMatch(/9f8e7d6c-build/);
  });

  it('records a failed fetch as a failed element', () => {
    const builder = new RunReportBuilder('demo', '');
    const log = `${logs}/app/00000000-fetch.log`;
    feed(builder, [
      { type: 'job-start', element: 'app.bst', action: 'fetch', log },
      { type: 'job-end', element: 'app.bst', action: 'fetch', result: 'failure', durationMs: 700, log, message: 'could not download https://example.com/app.tar.gz: 404 Not Found', at: { file: 'elements/app.bst', line: 4, column: 7 } },
    ]);
    const app = byName(builder.finish(), 'app.bst');
    expect(app.result).toBe('failed');
    expect(app.failure?.message).toMatch(/404 Not Found/);
    expect(app.log).toBe(log);
  });

  it('marks the dependents of a failure as skipped', () => {
    const builder = new RunReportBuilder('demo', '');
    feed(builder, [...failedBuild('components/hello.bst', 'components-hello', 4000), { type: 'element-skipped', element: 'app.bst', reason: 'dependency-failed' }]);
    expect(byName(builder.finish(), 'app.bst')).toEqual({ element: 'app.bst', result: 'skipped' });
  });

  it('records cached and pulled elements the entry reports, with their artifact sizes', () => {
    const builder = new RunReportBuilder('demo', '');
    builder.cached('base.bst:gcc.bst', 52_428_800);
    builder.cached('base.bst:glibc.bst');
    builder.pulled('base.bst:glibc.bst');
    feed(builder, built('app.bst', 'app', 900));
    builder.size('app.bst', 4096);
    const report = builder.finish();
    expect(byName(report, 'base.bst:gcc.bst')).toEqual({ element: 'base.bst:gcc.bst', result: 'cached', sizeBytes: 52_428_800 });
    expect(byName(report, 'base.bst:glibc.bst').result).toBe('pulled');
    expect(byName(report, 'app.bst').sizeBytes).toBe(4096);
  });

  it('lets a build or a failure outrank a cached or pulled record of the same element', () => {
    const builder = new RunReportBuilder('demo', '');
    feed(builder, built('app.bst', 'app', 900));
    builder.pulled('app.bst');
    builder.cached('lib.bst');
    feed(builder, failedBuild('lib.bst', 'lib', 100));
    const report = builder.finish();
    expect(byName(report, 'app.bst').result).toBe('built');
    expect(byName(report, 'lib.bst').result).toBe('failed');
  });

  it('leaves out an element whose fetch finished but whose build never ran', () => {
    const builder = new RunReportBuilder('demo', '');
    feed(builder, fetched('app.bst', 'app', 300));
    expect(builder.finish().elements).toEqual([]);
  });

  it('finds the element file and its kind: line through the locator from the loaded graph', () => {
    const kinds = new Map([['components/hello.bst', { file: 'elements/components/hello.bst', line: 1, column: 7 }]]);
    const builder = new RunReportBuilder('demo', '', (name) => kinds.get(name));
    feed(builder, failedBuild('components/hello.bst', 'components-hello', 4000, { file: 'plugins/elements/autotools.yaml', line: 30, column: 5 }));
    expect(byName(builder.finish(), 'components/hello.bst').failure).toEqual({
      message: "command 'make' failed with exit code 2",
      at: { file: 'plugins/elements/autotools.yaml', line: 30, column: 5 },
      elementFile: 'elements/components/hello.bst',
      kindAt: { file: 'elements/components/hello.bst', line: 1, column: 7 },
    });
  });

  it('keeps phases in the order they ran, adding up a phase reported twice', () => {
    const builder = new RunReportBuilder('demo', '');
    builder.phase('restore', 2000);
    builder.phase('load', 300);
    builder.phase('build', 60_000);
    builder.phase('restore', 500);
    expect(builder.finish().phases).toEqual([
      { name: 'restore', durationMs: 2500 },
      { name: 'load', durationMs: 300 },
      { name: 'build', durationMs: 60_000 },
    ]);
  });

  it('adds up cache traffic reported by the restore and by the save', () => {
    const builder = new RunReportBuilder('demo', '');
    builder.cacheTraffic({ restoredEntries: 2, restoredBytes: 1000, savedEntries: 0, savedBytes: 0, warnings: [] });
    builder.cacheTraffic({ restoredEntries: 0, restoredBytes: 0, savedEntries: 1, savedBytes: 500, warnings: ['cache write denied: read-only for pull requests'] });
    expect(builder.finish().cache).toEqual({ restoredEntries: 2, restoredBytes: 1000, savedEntries: 1, savedBytes: 500, warnings: ['cache write denied: read-only for pull requests'] });
  });

  it('keeps a load error with its message, hint and position', () => {
    const builder = new RunReportBuilder('demo', 'projects/demo');
    builder.loadError(new CairnError('invalid-data', "element 'app.bst' has no 'kind'", { file: 'elements/app.bst', line: 1, column: 1 }, 'add for example kind: manual'));
    const report = builder.finish();
    expect(report.loadError).toEqual({ message: "element 'app.bst' has no 'kind' (add for example kind: manual)", at: { file: 'elements/app.bst', line: 1, column: 1 } });
    expect(report.projectDirectory).toBe('projects/demo');
  });

  it('writes the project directory with forward slashes and no ./ prefix', () => {
    expect(new RunReportBuilder('demo', '.\\projects\\demo\\').finish().projectDirectory).toBe('projects/demo');
    expect(new RunReportBuilder('demo', '.').finish().projectDirectory).toBe('');
  });
});

describe('run totals', () => {
  it('counts each result and the share of elements that came from a cache', () => {
    const builder = new RunReportBuilder('demo', '');
    builder.cached('a.bst');
    builder.cached('b.bst');
    builder.pulled('c.bst');
    feed(builder, [...built('d.bst', 'd', 10), ...failedBuild('e.bst', 'e', 10), { type: 'element-skipped', element: 'f.bst', reason: 'dependency-failed' }]);
    expect(totals(builder.finish())).toEqual({ built: 1, cached: 2, pulled: 1, failed: 1, skipped: 1, cacheHitRatio: 0.5 });
  });

  it('gives a hit ratio of 0 for a run with no elements', () => {
    expect(totals(new RunReportBuilder('demo', '').finish()).cacheHitRatio).toBe(0);
  });
});
