// The Actions cache keys Cairn writes: content-addressed packs and per-run index entries under
// one scope prefix. Keys must stay under the service's 512 characters and free of commas, and a
// branch's index prefix must never be a prefix of another branch's.

import { createHash } from 'node:crypto';

/** Bumped when the pack or index format changes, so old entries are simply not seen. */
export const FORMAT_VERSION = 2;

const MAX_PART = 96;

/** `cairn-2-linux-x64-<project>`: the format version first, then what makes artifacts incompatible. */
export function cacheScope(platform: string, arch: string, project: string): string {
  return cleanScope(`cairn-${FORMAT_VERSION}-${platform}-${arch}-${project}`);
}

/** A caller's scope made safe to use as a key prefix. */
export function cleanScope(scope: string): string {
  return bounded(scope.replace(/[^A-Za-z0-9._-]/g, '_'));
}

/**
 * A branch (or any ref) as one key segment without dashes: `refs/heads/feature/x` → `feature_x`,
 * `refs/pull/12/merge` → `pull_12_merge`. Without dashes, `index-main-` cannot match `index-main-2-…`.
 */
export function branchSlug(ref: string): string {
  const name = ref.replace(/^refs\/heads\//, '').replace(/^refs\//, '');
  return bounded(name.replace(/[^A-Za-z0-9._]/g, '_') || '_');
}

export function packKey(scope: string, contentHash: string): string {
  return `${scope}-pack-${contentHash}`;
}

/** The hash a pack key names, or undefined when the key is not one of this scope's pack keys. */
export function packHashOf(scope: string, key: string): string | undefined {
  const prefix = `${scope}-pack-`;
  if (!key.startsWith(prefix)) return undefined;
  const hash = key.slice(prefix.length);
  return /^[0-9a-f]{64}$/.test(hash) ? hash : undefined;
}

/**
 * Which job an index belongs to: the workflow file, the job id, the project and the targets, hashed to one
 * segment without dashes. Jobs of one workflow run that build different targets (a matrix, or
 * jobs chained with `needs:`) each keep their own line of indexes, so one never replaces what
 * another listed.
 */
export function jobLineage(workflow: string, job: string, project: string, targets: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify([workflow, job, project, [...targets].sort()])).digest('hex').slice(0, 12);
}

/** Every index of the branch (any job) without `lineage`; only that job's indexes with it. */
export function indexPrefix(scope: string, branch: string, lineage?: string): string {
  const branchPrefix = `${scope}-index-${branchSlug(branch)}-`;
  return lineage === undefined ? branchPrefix : `${branchPrefix}${lineage.replace(/[^A-Za-z0-9]/g, '_')}-`;
}

/** The run id keeps entries apart across runs; the content hash keeps apart a job's main and post saves. */
export function indexKey(scope: string, branch: string, lineage: string, runId: string, contentHash: string): string {
  return `${indexPrefix(scope, branch, lineage)}${bounded(runId.replace(/[^A-Za-z0-9._-]/g, '_'))}-${contentHash.slice(0, 16)}`;
}

/** Long parts are cut and given a hash of the whole, so two long names stay apart. */
function bounded(part: string): string {
  if (part.length <= MAX_PART) return part;
  const hash = createHash('sha256').update(part).digest('hex').slice(0, 12);
  return `${part.slice(0, MAX_PART - 13)}_${hash}`;
}
