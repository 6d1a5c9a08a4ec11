// One job's log file: the element, the action, each command and all its output. Lines are
// appended synchronously so the log is complete up to the moment a job dies; the sandbox
// writes command output straight into the same file descriptor.

import fs from 'node:fs';
import path from 'node:path';

export class JobLog {
  readonly fd: number;
  private closed = false;

  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.fd = fs.openSync(file, 'a');
  }

  line(text: string): void {
    if (this.closed) return;
    fs.writeSync(this.fd, text.endsWith('\n') ? text : `${text}\n`);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    fs.closeSync(this.fd);
  }
}

/** Where a job's log goes: `<logdir>/<project>/<element>/<key8>-<action>.<timestamp>.log`, as BuildStream lays them out. */
export function jobLogPath(logDirectory: string, project: string, normalElementName: string, key: string, action: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '');
  return path.join(logDirectory, project, normalElementName, `${key.slice(0, 8)}-${action}.${stamp}-${process.pid}.log`);
}
