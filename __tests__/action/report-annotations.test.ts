// Annotations go to an in-memory sink shaped like @actions/core; logs are real files; the last
// test builds a real project (bwrap over busybox) and annotates its failure.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { afterAll, describe, expect, it } from '@jest/globals';
import { annotate, type AnnotationProperties, type AnnotationSink } from '../../src/action/report/annotations.js';
import { RunReportBuilder, type ElementReport, type RunReport } from '../../src/action/report/run-report.js';
import { TestCache, writeBuildProject } from '../helpers/build-project.js';

interface Written {
  readonly level: 'error' | 'warning' | 'notice';
  readonly message: string;
  readonly properties: AnnotationProperties;
}

class MemorySink implements AnnotationSink {
  readonly written: Written[] = [];
  error(message: string, properties: AnnotationProperties): void {
    this.written.push({ level: 'error', message, properties });
  }
  warning(message: string, properties: AnnotationProperties = {}): void {
    this.written.push({ level: 'warning', message, properties });
  }
  notice(message: string, properties: AnnotationProperties = {}): void {
    this.written.push({ level: 'notice', message, properties });
  }
}

/** A sink like the interface's minimum: errors and warnings only. */
class ErrorsAndWarningsSink implements AnnotationSink {
  readonly written: Written[] = [];
  error(message: string, properties: AnnotationProperties): void {
    this.written.push({ level: 'error', message, properties });
  }
  warning(message: string, properties: AnnotationProperties = {}): void {
    this.written.push({ level: 'warning', message, properties });
  }
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-annotations-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function writeLog(name: string, lines: readonly string[]): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function report(elements: readonly ElementReport[], extra: Partial<RunReport> = {}): RunReport {
  return { project: 'demo', projectDirectory: '', elements, phases: [], ...extra };
}

function failed(element: string, failure: ElementReport['failure'], log?: string): ElementReport {
  return { element, result: 'failed', durationMs: 1000, ...(log ? { log } : {}), ...(failure ? { failure } : {}) };
}

describe('annotating a load error', () => {
  it('points at the file, line and column the error quotes', () => {
    const sink = new MemorySink();
    const count = annotate(report([], { loadError: { message: "element 'app.bst' has no 'kind' (add for example kind: manual)", at: { file: 'elements/app.bst', line: 3, column: 1 } } }), sink);
    expect(count).toBe(1);
    expect(sink.written).toEqual([
      { level: 'error', message: "element 'app.bst' has no 'kind' (add for example kind: manual)", properties: { title: 'Cairn could not load demo', file: 'elements/app.bst', startLine: 3, startColumn: 1 } },
    ]);
  });

  it('makes the path repository-relative when the project lives in a subdirectory', () => {
    const sink = new MemorySink();
    annotate(report([], { projectDirectory: 'projects/demo', loadError: { message: 'bad', at: { file: 'project.conf', line: 7, column: 3 } } }), sink);
    expect(sink.written[0]?.properties).toMatchObject({ file: 'projects/demo/project.conf', startLine: 7, startColumn: 3 });
  });

  it('quotes a position inside a junctioned subproject in the message, since it is no file of the repository', () => {
    const sink = new MemorySink();
    annotate(report([], { loadError: { message: "unresolved variable 'prefix'", at: { file: 'base.bst:elements/gcc.bst', line: 9, column: 12 } } }), sink);
    expect(sink.written[0]?.message).toBe("base.bst:elements/gcc.bst:9:12: unresolved variable 'prefix'");
    expect(sink.written[0]?.properties.file).toBeUndefined();
  });

  it('quotes the position instead of linking a file when the project lies outside the repository', () => {
    const sink = new MemorySink();
    annotate(report([], { projectDirectory: '../elsewhere/demo', loadError: { message: 'bad', at: { file: 'project.conf', line: 7, column: 3 } } }), sink);
    expect(sink.written[0]?.message).toBe('project.conf:7:3: bad');
    expect(sink.written[0]?.properties.file).toBeUndefined();
  });

  it('annotates an error without a position without a file', () => {
    const sink = new MemorySink();
    annotate(report([], { loadError: { message: 'no project.conf found' } }), sink);
    expect(sink.written).toEqual([{ level: 'error', message: 'no project.conf found', properties: { title: 'Cairn could not load demo' } }]);
  });
});

describe('annotating a failed build', () => {
  const tail = Array.from({ length: 30 }, (_, i) => `make[1]: line ${i + 1} of the build output`);

  it("points at the failing command's line when the command came from the element file, with the end of its log", () => {
    const log = writeLog('hello-build.log', tail);
    const sink = new MemorySink();
    const at = { file: 'elements/hello.bst', line: 14, column: 5 };
    annotate(report([failed('hello.bst', { message: "command 'make' failed with exit code 2", at, elementFile: 'elements/hello.bst', kindAt: { file: 'elements/hello.bst', line: 1, column: 7 } }, log)]), sink);
    const [written] = sink.written;
    expect(written?.properties).toEqual({ title: 'hello.bst failed', file: 'elements/hello.bst', startLine: 14, startColumn: 5 });
    const lines = written!.message.split('\n');
    expect(lines[0]).toBe("command 'make' failed with exit code 2");
    expect(lines).toContain('make[1]: line 30 of the build output');
    expect(lines).toContain('make[1]: line 11 of the build output');
    expect(lines).not.toContain('make[1]: line 10 of the build output');
  });

  it("falls back to the element's kind: line when the command came from the plugin's defaults, quoting where it was written", () => {
    const sink = new MemorySink();
    annotate(
      report([failed('hello.bst', { message: "command 'make' failed with exit code 2", at: { file: 'plugins/elements/autotools.yaml', line: 30, column: 5 }, elementFile: 'elements/hello.bst', kindAt: { file: 'elements/hello.bst', line: 1, column: 7 } })]),
      sink,
    );
    expect(sink.written[0]?.properties).toEqual({ title: 'hello.bst failed', file: 'elements/hello.bst', startLine: 1, startColumn: 7 });
    expect(sink.written[0]?.message).toBe("plugins/elements/autotools.yaml:30:5: command 'make' failed with exit code 2");
  });

  it('takes the number of log lines from the options', () => {
    const log = writeLog('short.log', tail);
    const sink = new MemorySink();
    annotate(report([failed('hello.bst', { message: 'failed', elementFile: 'elements/hello.bst' }, log)]), sink, { logLines: 2 });
    expect(sink.written[0]?.message).toBe('failed\n\nLast lines of the log:\nmake[1]: line 29 of the build output\nmake[1]: line 30 of the build output');
  });

  it('strips terminal colours from the log lines', () => {
    const log = writeLog('colour.log', ['\u001b[31merror:\u001b[0m undefined reference to `main`']);
    const sink = new MemorySink();
    annotate(report([failed('hello.bst', { message: 'failed' }, log)]), sink);
    expect(sink.written[0]?.message).toContain('error: undefined reference to `main`');
  });

  it('still annotates when the log is gone', () => {
    const sink = new MemorySink();
    annotate(report([failed('hello.bst', { message: 'failed', elementFile: 'elements/hello.bst' }, path.join(scratch, 'missing.log'))]), sink);
    expect(sink.written[0]?.message).toBe('failed');
    expect(sink.written[0]?.properties.file).toBe('elements/hello.bst');
  });

  it('makes every path repository-relative when the project lives in a subdirectory', () => {
    const sink = new MemorySink();
    const kindAt = { file: 'elements/hello.bst', line: 1, column: 7 };
    annotate(report([failed('hello.bst', { message: 'failed', at: { file: 'include/flags.yml', line: 4, column: 3 }, elementFile: 'elements/hello.bst', kindAt })], { projectDirectory: 'projects/demo' }), sink);
    expect(sink.written[0]?.properties.file).toBe('projects/demo/elements/hello.bst');
    expect(sink.written[0]?.message).toBe('projects/demo/include/flags.yml:4:3: failed');
  });

  it('does not annotate skipped or cached elements', () => {
    const sink = new MemorySink();
    const count = annotate(report([{ element: 'app.bst', result: 'skipped' }, { element: 'base.bst', result: 'cached' }]), sink);
    expect(count).toBe(0);
    expect(sink.written).toEqual([]);
  });

  it('makes one annotation of elements failing at the same place with the same message', () => {
    const sink = new MemorySink();
    const failure = { message: 'build failure cached', at: { file: 'include/common.yml', line: 2, column: 3 } };
    annotate(report([failed('a.bst', failure), failed('b.bst', failure), failed('c.bst', failure)]), sink);
    expect(sink.written).toHaveLength(1);
    expect(sink.written[0]?.properties.title).toBe('a.bst and 2 other elements failed');
  });
});

describe('the annotation limit', () => {
  const many = Array.from({ length: 13 }, (_, i) => failed(`e${String(i).padStart(2, '0')}.bst`, { message: `failure ${i}`, elementFile: `elements/e${i}.bst` }));

  it('writes at most 10 errors and sums up the rest in one notice', () => {
    const sink = new MemorySink();
    const count = annotate(report(many), sink);
    expect(count).toBe(11);
    expect(sink.written.filter((w) => w.level === 'error').map((w) => w.properties.title)).toEqual(many.slice(0, 10).map((e) => `${e.element} failed`));
    const notices = sink.written.filter((w) => w.level === 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.message).toMatch(/^3 more failures not annotated/);
    expect(notices[0]?.message).toContain('e10.bst failed; e11.bst failed; e12.bst failed');
  });

  it('counts a load error among the 10', () => {
    const sink = new MemorySink();
    annotate(report(many.slice(0, 10), { loadError: { message: 'bad', at: { file: 'project.conf', line: 1, column: 1 } } }), sink);
    expect(sink.written.filter((w) => w.level === 'error')).toHaveLength(10);
    expect(sink.written[0]?.properties.title).toBe('Cairn could not load demo');
    expect(sink.written[10]?.message).toMatch(/^1 more failure not annotated/);
  });

  it('takes another limit from the options', () => {
    const sink = new MemorySink();
    expect(annotate(report(many), sink, { max: 3 })).toBe(4);
    expect(sink.written[3]?.message).toMatch(/^10 more failures/);
  });

  it('writes the summary as a warning when the sink has no notices', () => {
    const sink = new ErrorsAndWarningsSink();
    annotate(report(many), sink);
    expect(sink.written.map((w) => w.level)).toEqual([...Array<string>(10).fill('error'), 'warning']);
  });
});

describe('annotating through @actions/core', () => {
  it('takes the core module itself as the sink and writes workflow commands GitHub turns into annotations', () => {
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      const many = Array.from({ length: 11 }, (_, i) => failed(`e${i}.bst`, { message: `failure ${i}`, at: { file: `elements/e${i}.bst`, line: 4, column: 3 }, elementFile: `elements/e${i}.bst` }));
      annotate(report(many, { projectDirectory: 'projects/demo' }), core);
    } finally {
      process.stdout.write = write;
    }
    expect(lines[0]).toBe(`::error title=e0.bst failed,file=projects/demo/elements/e0.bst,line=4,col=3::failure 0${os.EOL}`);
    expect(lines).toHaveLength(11);
    expect(lines[10]).toMatch(/^::notice title=More failures::1 more failure not annotated/);
  });
});

describe('annotating a real failed build', () => {
  const caches: TestCache[] = [];
  afterAll(() => {
    for (const cache of caches) cache.remove();
  });

  it('points at the line of the failing command in the element file, with what the command printed', async () => {
    const project = writeBuildProject({
      'elements/hello.bst': ['kind: manual', 'build-depends:', '- base.bst', 'config:', '  build-commands:', '  - echo "preparing"', '  - echo "compiler says no" && exit 3', ''].join('\n'),
      'elements/app.bst': ['kind: manual', 'build-depends:', '- base.bst', '- hello.bst', ''].join('\n'),
    });
    const cache = new TestCache();
    caches.push(cache);
    const run = await cache.build(project, ['app.bst'], { onError: 'continue' });
    // The helper loads the graph itself; the events are replayed as a live subscriber would have seen them.
    const builder = new RunReportBuilder('test', 'projects/demo', (name) => run.graph.lookup(name).kindAt);
    for (const event of run.events) builder.event(event);
    for (const name of run.summary.cached) builder.cached(name);
    const result = builder.finish();
    expect(result.elements.map((e) => [e.element, e.result])).toEqual(expect.arrayContaining([['base.bst', 'built'], ['hello.bst', 'failed'], ['app.bst', 'skipped']]));

    const sink = new MemorySink();
    expect(annotate(result, sink)).toBe(1);
    expect(sink.written[0]?.properties).toMatchObject({ title: 'hello.bst failed', file: 'projects/demo/elements/hello.bst', startLine: 7 });
    expect(sink.written[0]?.message).toMatch(/exit code 3/);
    expect(sink.written[0]?.message).toContain('compiler says no');
  });
});
