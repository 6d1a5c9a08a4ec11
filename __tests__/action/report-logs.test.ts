// Uploading job logs: an in-memory uploader for what goes into the artifact, and the real
// @actions/artifact client against a local double of the artifact service (see
// report-artifact-service.ts: a double, not GitHub's service).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { artifactLogUploader, uploadLogs, type LogUploader } from '../../src/action/report/log-artifacts.js';
import type { ElementReport, RunReport } from '../../src/action/report/run-report.js';
import { ArtifactServiceDouble, JOB_BACKEND_ID, RUN_BACKEND_ID } from './report-artifact-service.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-log-artifacts-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

let counter = 0;
/** A job log where BuildSession writes them: `<logdir>/<project>/<normal name>/<key>-<action>.<stamp>-<pid>.log`. */
function jobLog(project: string, normal: string, text: string, action = 'build'): string {
  const file = path.join(scratch, 'logs', project, normal, `1a2b3c${String(counter++).padStart(2, '0')}-${action}.20261120T101112-4242.log`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

function report(elements: readonly ElementReport[]): RunReport {
  return { project: 'demo', projectDirectory: '', elements, phases: [] };
}

interface Upload {
  readonly name: string;
  readonly rootDirectory: string;
  /** Path inside the artifact → contents, read while the upload runs. */
  readonly files: Record<string, string>;
}

/** Keeps what it was asked to upload, reading the files before the staging directory goes away. */
class MemoryUploader implements LogUploader {
  readonly uploads: Upload[] = [];
  constructor(private readonly failure?: Error) {}
  async upload(name: string, files: string[], rootDirectory: string): Promise<{ id?: number; size?: number }> {
    if (this.failure) throw this.failure;
    const contents: Record<string, string> = {};
    for (const file of files) contents[path.relative(rootDirectory, file).split(path.sep).join('/')] = fs.readFileSync(file, 'utf8');
    this.uploads.push({ name, rootDirectory, files: contents });
    return { id: 42, size: 100 };
  }
}

const naming = { job: 'build', runAttempt: '2' };

function work(): string {
  return fs.mkdtempSync(path.join(scratch, 'work-'));
}

describe('uploading job logs', () => {
  const hello: ElementReport = { element: 'components/hello.bst', result: 'failed', log: jobLog('demo', 'components-hello', 'make: *** [all] Error 2\n'), failure: { message: 'failed' } };
  const zlib: ElementReport = { element: 'components/zlib.bst', result: 'built', log: jobLog('demo', 'components-zlib', 'zlib built\n') };
  const gcc: ElementReport = { element: 'base.bst:gcc.bst', result: 'cached' };

  it('uploads the logs of failed elements as one artifact named for the job and the attempt', async () => {
    const uploader = new MemoryUploader();
    const warnings: string[] = [];
    const result = await uploadLogs(report([hello, zlib, gcc]), 'failed', uploader, naming, work(), (w) => warnings.push(w));
    expect(result).toEqual({ uploaded: 1, name: 'cairn-logs-build-2', id: 42 });
    expect(uploader.uploads).toHaveLength(1);
    expect(uploader.uploads[0]?.name).toBe('cairn-logs-build-2');
    expect(uploader.uploads[0]?.files).toEqual({ [`components-hello/${path.basename(hello.log!)}`]: 'make: *** [all] Error 2\n' });
    expect(warnings).toEqual([]);
  });

  it('uploads the logs of every element that has one in mode all', async () => {
    const uploader = new MemoryUploader();
    const result = await uploadLogs(report([hello, zlib, gcc]), 'all', uploader, naming, work(), () => undefined);
    expect(result.uploaded).toBe(2);
    expect(Object.keys(uploader.uploads[0]!.files).sort()).toEqual([`components-hello/${path.basename(hello.log!)}`, `components-zlib/${path.basename(zlib.log!)}`]);
  });

  it('uploads nothing in mode none', async () => {
    const uploader = new MemoryUploader();
    expect(await uploadLogs(report([hello, zlib]), 'none', uploader, naming, work(), () => undefined)).toEqual({ uploaded: 0 });
    expect(uploader.uploads).toEqual([]);
  });

  it('uploads nothing when no element failed', async () => {
    const uploader = new MemoryUploader();
    expect(await uploadLogs(report([zlib, gcc]), 'failed', uploader, naming, work(), () => undefined)).toEqual({ uploaded: 0 });
    expect(uploader.uploads).toEqual([]);
  });

  it('adds the matrix suffix to the name, replacing characters artifact names cannot hold', async () => {
    const uploader = new MemoryUploader();
    const result = await uploadLogs(report([hello]), 'failed', uploader, { ...naming, suffix: 'ubuntu-24.04/arm64' }, work(), () => undefined);
    expect(result.name).toBe('cairn-logs-build-2-ubuntu-24.04-arm64');
  });

  it('gives junctioned and nested elements safe directory names, and each element its own', async () => {
    const failed = (element: string, log: string): ElementReport => ({ element, result: 'failed', log, failure: { message: 'failed' } });
    const elements = [
      failed('base.bst:gcc.bst', jobLog('base', 'gcc', 'gcc')),
      failed('base.bst:sdk.bst:tools/make.bst', jobLog('sdk', 'tools-make', 'make')),
      failed('a/b.bst', jobLog('demo', 'a-b', 'nested')),
      failed('a-b.bst', jobLog('demo', 'a-b', 'flat')),
      failed('Hello.bst', jobLog('demo', 'Hello', 'upper')),
      failed('hello.bst', jobLog('demo', 'hello', 'lower')),
      failed('.hidden.bst', jobLog('demo', '.hidden', 'dot')),
      failed('odd "name" *?.bst', jobLog('demo', 'odd', 'odd')),
    ];
    const uploader = new MemoryUploader();
    const result = await uploadLogs(report(elements), 'failed', uploader, naming, work(), () => undefined);
    expect(result.uploaded).toBe(elements.length);
    const byDirectory = Object.fromEntries(Object.entries(uploader.uploads[0]!.files).map(([file, text]) => [file.split('/')[0], text]));
    expect(byDirectory).toEqual({
      'base--gcc': 'gcc',
      'base--sdk--tools-make': 'make',
      'a-b': 'nested',
      'a-b~2': 'flat',
      Hello: 'upper',
      'hello~2': 'lower',
      '_hidden': 'dot',
      'odd__name____': 'odd',
    });
    for (const file of Object.keys(uploader.uploads[0]!.files)) {
      expect(file).not.toMatch(/[":<>|*?\r\n\\]/);
      expect(file.split('/')).toHaveLength(2);
    }
  });

  it('turns an upload failure into a warning and cleans up after itself', async () => {
    const directory = work();
    const warnings: string[] = [];
    const result = await uploadLogs(report([hello]), 'failed', new MemoryUploader(new Error('Artifact storage quota has been hit')), naming, directory, (w) => warnings.push(w));
    expect(result).toEqual({ uploaded: 0 });
    expect(warnings).toEqual(['could not upload the job logs as artifact cairn-logs-build-2: Artifact storage quota has been hit']);
    expect(fs.readdirSync(directory)).toEqual([]);
  });

  it('removes its staging directory after a successful upload too', async () => {
    const directory = work();
    await uploadLogs(report([hello]), 'failed', new MemoryUploader(), naming, directory, () => undefined);
    expect(fs.readdirSync(directory)).toEqual([]);
  });

  it('warns about a log that is gone and uploads the others', async () => {
    const gone: ElementReport = { element: 'gone.bst', result: 'failed', log: path.join(scratch, 'nowhere', 'gone.log'), failure: { message: 'failed' } };
    const uploader = new MemoryUploader();
    const warnings: string[] = [];
    const result = await uploadLogs(report([gone, hello]), 'failed', uploader, naming, work(), (w) => warnings.push(w));
    expect(result.uploaded).toBe(1);
    expect(warnings).toEqual(['no job log on disk for gone.bst']);
  });
});

describe('uploading job logs with @actions/artifact', () => {
  const service = new ArtifactServiceDouble();
  const saved = new Map<string, string | undefined>();
  // @actions/core writes its info and ::debug:: lines to stdout; they are kept here instead of cluttering the test output.
  const stdout: string[] = [];
  const write = process.stdout.write.bind(process.stdout);

  beforeAll(async () => {
    process.stdout.write = ((chunk: string | Uint8Array) => {
      stdout.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    await service.start();
    const environment = { ...service.environment(), GITHUB_SERVER_URL: 'https://github.com' };
    for (const [name, value] of Object.entries(environment)) {
      saved.set(name, process.env[name]);
      process.env[name] = value;
    }
  });
  afterAll(async () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    process.stdout.write = write;
    await service.stop();
  });
  afterEach(() => {
    service.refuse = undefined;
  });

  it('creates, uploads and finalizes one zip holding the logs, with the retention asked for', async () => {
    const log = jobLog('demo', 'components-hello', 'checking for gcc... no\nconfigure: error: no acceptable C compiler found in $PATH\n');
    const failed: ElementReport = { element: 'base.bst:components/hello.bst', result: 'failed', log, failure: { message: 'failed' } };
    const warnings: string[] = [];
    const result = await uploadLogs(report([failed]), 'failed', artifactLogUploader({ retentionDays: 5 }), { job: 'build', runAttempt: '1' }, work(), (w) => warnings.push(w));
    expect(warnings).toEqual([]);
    expect(result).toEqual({ uploaded: 1, name: 'cairn-logs-build-1', id: 1 });
    const [artifact] = service.artifacts;
    expect(artifact).toMatchObject({ name: 'cairn-logs-build-1', runBackendId: RUN_BACKEND_ID, jobBackendId: JOB_BACKEND_ID });
    expect(Date.parse(artifact!.expiresAt!) - Date.now()).toBeGreaterThan(4 * 24 * 3600 * 1000);
    expect(await unzip(artifact!.content)).toEqual({ [`base--components-hello/${path.basename(log)}`]: fs.readFileSync(log, 'utf8') });
  });

  it('warns, without failing, when the service refuses the artifact', async () => {
    service.refuse = 'artifact uploads are disabled for this repository';
    const warnings: string[] = [];
    const failed: ElementReport = { element: 'hello.bst', result: 'failed', log: jobLog('demo', 'hello', 'oops\n'), failure: { message: 'failed' } };
    const result = await uploadLogs(report([failed]), 'failed', artifactLogUploader(), { job: 'build', runAttempt: '3' }, work(), (w) => warnings.push(w));
    expect(result).toEqual({ uploaded: 0 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^could not upload the job logs as artifact cairn-logs-build-3: .*artifact uploads are disabled/);
  });
});

/** The files of a zip, path → text. */
function unzip(content: Buffer): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(content, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const files: Record<string, string> = {};
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files[entry.fileName] = Buffer.concat(chunks).toString('utf8');
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
