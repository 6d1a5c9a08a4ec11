// Publishes the job logs of a run as one workflow artifact per job: one directory per element,
// named so that junction and path separators never reach the archive. Logs are diagnostics:
// a failed upload is a warning and never fails the job.

import fs from 'node:fs';
import path from 'node:path';
import { messageOf } from '../../format/errors.js';
import type { ElementReport, RunReport } from './run-report.js';

export interface LogUploader {
  upload(name: string, files: string[], rootDirectory: string): Promise<{ id?: number; size?: number }>;
}

export type LogMode = 'failed' | 'all' | 'none';

/**
 * Uploads through `@actions/artifact` (the results service of the runner, ACTIONS_RESULTS_URL
 * and ACTIONS_RUNTIME_TOKEN). Logs compress well and speed matters, hence level 1 by default.
 */
export function artifactLogUploader(options: { retentionDays?: number; compressionLevel?: number } = {}): LogUploader {
  return {
    async upload(name, files, rootDirectory) {
      // Loaded on first use: the client pulls in the Azure SDK, which runs without an upload need not load.
      const { DefaultArtifactClient } = await import('@actions/artifact');
      const result = await new DefaultArtifactClient().uploadArtifact(name, files, rootDirectory, {
        compressionLevel: options.compressionLevel ?? 1,
        ...(options.retentionDays !== undefined ? { retentionDays: options.retentionDays } : {}),
      });
      return { ...(result.id !== undefined ? { id: result.id } : {}), ...(result.size !== undefined ? { size: result.size } : {}) };
    },
  };
}

/** `cairn-logs-<job>-<attempt>[-<suffix>]`: the attempt keeps re-runs from colliding, the suffix matrix legs. */
export function logArtifactName(naming: { job: string; runAttempt: string; suffix?: string }): string {
  const name = `cairn-logs-${naming.job}-${naming.runAttempt}${naming.suffix ? `-${naming.suffix}` : ''}`;
  // Characters an artifact name must not hold (lib/internal/upload/path-and-artifact-name-validation.js).
  return name.replace(/[":<>|*?\r\n\\/]/g, '-');
}

/**
 * Copies the logs of failed elements (mode 'failed'), all elements ('all') or none into a
 * temporary directory under `workDirectory`, one directory per element with a safe, unique
 * name, and uploads them as ONE artifact (logArtifactName). Best effort: any problem is passed
 * to `warn` and the result says nothing was uploaded; it never throws.
 */
export async function uploadLogs(
  report: RunReport,
  mode: LogMode,
  uploader: LogUploader,
  naming: { job: string; runAttempt: string; suffix?: string },
  workDirectory: string,
  warn: (text: string) => void,
): Promise<{ uploaded: number; name?: string; id?: number }> {
  if (mode === 'none') return { uploaded: 0 };
  const chosen = report.elements.filter((e): e is ElementReport & { log: string } => e.log !== undefined && (mode === 'all' || e.result === 'failed'));
  if (chosen.length === 0) return { uploaded: 0 };
  const name = logArtifactName(naming);
  let staging: string | undefined;
  try {
    await fs.promises.mkdir(workDirectory, { recursive: true });
    staging = await fs.promises.mkdtemp(path.join(workDirectory, 'cairn-logs-'));
    const files: string[] = [];
    const missing: string[] = [];
    const directories = new UniqueNames();
    for (const element of chosen) {
      const directory = directories.take(elementDirectoryName(element.element));
      const target = path.join(staging, directory, safeFileName(path.basename(element.log)));
      try {
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        await fs.promises.copyFile(element.log, target);
        files.push(target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        missing.push(element.element);
      }
    }
    if (missing.length > 0) warn(`no job log on disk for ${missing.join(', ')}`);
    if (files.length === 0) return { uploaded: 0 };
    const result = await uploader.upload(name, files, staging);
    return { uploaded: files.length, name, ...(result.id !== undefined ? { id: result.id } : {}) };
  } catch (error) {
    warn(`could not upload the job logs as artifact ${name}: ${messageOf(error)}`);
    return { uploaded: 0 };
  } finally {
    if (staging) await fs.promises.rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * An element's directory in the artifact, following the host log layout (`components/hello.bst`
 * → `components-hello`); each junction step becomes `--` (`base.bst:gcc.bst` → `base--gcc`),
 * since a `:` is refused in artifact paths and by Windows when the zip is unpacked.
 */
export function elementDirectoryName(element: string): string {
  const name = element
    .split(':')
    .map((part) => part.replace(/\.bst$/, '').replace(/[/\\]+/g, '-'))
    .join('--');
  return safeFileName(name);
}

/** Letters, digits and `._+=@,-`; anything else becomes `_`, and no name starts with a dot. */
function safeFileName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._+=@,-]/g, '_').replace(/^\./, '_').slice(0, 120);
  return safe === '' ? 'element' : safe;
}

/** Hands out each name once, numbering repeats; names differing only in case count as repeats (macOS, Windows). */
class UniqueNames {
  private readonly taken = new Set<string>();

  take(name: string): string {
    let candidate = name;
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n++) candidate = `${name}~${n}`;
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}
