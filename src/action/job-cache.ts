// The job's view of the Actions cache, the same in the main and the post step: the sharing
// context built from what the main step recorded, and a save that never throws.

import type { ArtifactCache } from '../cache/artifact-cache.js';
import { messageOf } from '../format/errors.js';
import { countOf } from './words.js';
import { saveArtifacts, type ArtifactKey, type SaveReport, type SharingContext } from './cache/sharing.js';
import type { ActionHost } from './host.js';
import type { SharingRecord } from './run-state.js';

/** The sharing layer's view of this job, the same in the main and the post step. */
export function sharingContext(host: ActionHost, cache: ArtifactCache, sharing: SharingRecord): SharingContext {
  const log = { info: (text: string) => host.log.info(text), warning: (text: string) => host.log.warning(text) };
  return {
    cache,
    service: host.cacheService(log),
    scope: sharing.scope,
    branch: sharing.branch,
    defaultBranch: sharing.defaultBranch,
    runId: sharing.runId,
    lineage: sharing.lineage,
    workDirectory: sharing.directory,
    log,
  };
}

/** saveArtifacts, with anything escaping it turned into a warning: a cache failure never fails the build. */
export async function saveBestEffort(host: ActionHost, context: SharingContext, produced: readonly ArtifactKey[], used: readonly ArtifactKey[], maxBytes: number | null): Promise<SaveReport | undefined> {
  try {
    // null is `max-cache-size: infinity` (JSON has no Infinity).
    const report = await saveArtifacts(context, produced, used, { maxBytes: maxBytes ?? Number.POSITIVE_INFINITY });
    if (report.packs > 0 || report.indexSaved) {
      host.log.info(`Saved ${countOf(report.artifacts, 'artifact')} in ${countOf(report.packs, 'pack')} (${report.bytes} bytes)${report.indexSaved ? ' and an index' : ''}${report.compacted ? ', compacting the index' : ''} to the Actions cache`);
    } else if (!report.readOnly && report.warnings.length === 0) {
      host.log.info('Nothing new to save to the Actions cache');
    }
    return report;
  } catch (error) {
    host.log.warning(`Could not save artifacts to the Actions cache: ${messageOf(error)}`);
    return undefined;
  }
}
