// What the main step leaves for the post step, on disk under RUNNER_TEMP: how to reach the
// Actions cache, what the build used, and one line per artifact built so far. The built list is
// appended as each element finishes, so a cancelled or killed main step still tells the post
// step what to save; runner state holds only the file's path.

import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../engine/ref-writer.js';

export interface ArtifactRefJson {
  readonly project: string;
  readonly element: string;
  readonly key: string;
}

export interface SharingRecord {
  /** Whether this run may write to the Actions cache (the push policy's answer). */
  readonly push: boolean;
  readonly scope: string;
  readonly branch: string;
  readonly defaultBranch: string;
  readonly runId: string;
  /** This job's line of indexes in the Actions cache (workflow, job id, targets). */
  readonly lineage: string;
  /** Where packs are staged: a constant path, since the Actions cache's entry version hashes the paths. */
  readonly directory: string;
  /** Bytes the packs may take; null for no limit (JSON has no Infinity). */
  readonly maxBytes: number | null;
}

export interface RunRecord {
  readonly version: 1;
  readonly cacheDirectory: string;
  /** Absent with `cache: none` or before the project was loaded. */
  readonly sharing?: SharingRecord;
  /** The artifacts the build needed: what a compaction keeps. */
  readonly used: readonly ArtifactRefJson[];
  /** Set once the main step's own save returned: how many built artifacts it covered, and whether it got them all in. */
  readonly mainSave?: { readonly produced: number; readonly complete: boolean };
}

export class RunFile {
  constructor(readonly file: string) {}

  private get producedFile(): string {
    return `${this.file}.produced`;
  }

  /** Writes the record whole, through a temporary file, so a reader never sees half of it. */
  write(record: RunRecord): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileAtomic(this.file, `${JSON.stringify(record)}\n`);
  }

  /** Adds one built artifact (one line; appends are atomic for lines this short). */
  addProduced(ref: ArtifactRefJson): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.appendFileSync(this.producedFile, `${JSON.stringify(ref)}\n`);
  }

  read(): { record: RunRecord; produced: ArtifactRefJson[] } | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return undefined;
    }
    const record = JSON.parse(text) as RunRecord;
    if (record.version !== 1) return undefined;
    return { record, produced: this.readProduced() };
  }

  private readProduced(): ArtifactRefJson[] {
    let text = '';
    try {
      text = fs.readFileSync(this.producedFile, 'utf8');
    } catch {
      return [];
    }
    const seen = new Set<string>();
    const out: ArtifactRefJson[] = [];
    for (const line of text.split('\n')) {
      // A line cut short by a killed process is simply not an artifact.
      let ref: ArtifactRefJson;
      try {
        ref = JSON.parse(line) as ArtifactRefJson;
      } catch {
        continue;
      }
      const id = `${ref.project}\0${ref.element}\0${ref.key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(ref);
    }
    return out;
  }
}
