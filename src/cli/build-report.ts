// The terminal's view of a build: one aligned line per finished job (time since start, result,
// action, element, duration, log path) and a summary. It only renders engine events.

import type { BuildEvent, BuildSummary } from '../engine/build-session.js';
import { formatProvenance } from '../format/errors.js';

export class BuildReporter {
  private readonly started = Date.now();

  /** `nameWidth`: the longest element name of the pipeline, so that the result column lines up. */
  constructor(
    private readonly write: (text: string) => void,
    private readonly nameWidth = 0,
  ) {}

  event(event: BuildEvent): void {
    if (event.type === 'job-end') {
      const result = event.result === 'success' ? 'SUCCESS' : event.result === 'failure' ? 'FAILURE' : 'SKIPPED';
      const key = event.key ? event.key.slice(0, 8) : '--------';
      const line = `[${clock(Date.now() - this.started)}][${key}][${event.action.padEnd(5)}:${event.element.padEnd(this.nameWidth)}] ${result.padEnd(7)} ${seconds(event.durationMs).padStart(7)}${event.log ? `  ${event.log}` : ''}`;
      this.write(`${line}\n`);
      if (event.result === 'failure' && event.message) {
        this.write(`    ${event.at ? `${formatProvenance(event.at)}: ` : ''}${event.message}\n`);
      }
    } else if (event.type === 'message') {
      this.write(`[${clock(Date.now() - this.started)}]${event.element ? `[${event.element}]` : ''} ${event.level}: ${event.text}\n`);
    }
  }

  summary(summary: BuildSummary): void {
    const parts = [`${summary.built.length} built`, `${summary.cached.length} cached`, `${summary.failed.length} failed`, `${summary.skipped.length} skipped`];
    this.write(`\nBuild ${summary.interrupted ? 'interrupted' : summary.failed.length > 0 ? 'failed' : 'succeeded'}: ${parts.join(', ')} in ${seconds(Date.now() - this.started)}\n`);
    for (const failure of summary.failed) {
      const where = failure.at ? `${formatProvenance(failure.at)}: ` : '';
      this.write(`  failed: ${failure.element}: ${where}${failure.message}${failure.log ? ` (log: ${failure.log})` : ''}\n`);
    }
  }
}

function clock(ms: number): string {
  const total = Math.floor(ms / 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)}s`;
}
