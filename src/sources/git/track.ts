// Tracking a git source: fetch every branch and tag into the mirror, resolve `track` (a branch,
// a tag or a commit) to a commit, and write it as BuildStream does: the sha, or with
// `ref-format: git-describe` the `tag-N-g<sha>` form, plus with `track-tags` the nearest tags.
// It returns the new ref; writing it into the project is the caller's job.

import { CairnError, type Provenance } from '../../format/errors.js';
import type { JsonValue } from '../../cache/canonical-json.js';
import type { SourceContext, TrackResult } from '../../project/source-api.js';
import { firstThatWorks } from '../url-fallback.js';
import type { GitSourceConfig, GitTag } from './config.js';
import { gitMessage, runGit } from './host-git.js';
import { fetchAllRefs, mirrorDirectory, withMirrorLock } from './mirror.js';

export async function trackGit(config: GitSourceConfig, context: SourceContext): Promise<TrackResult | undefined> {
  const track = config.track;
  if (track === undefined) return undefined;
  if (track.value.startsWith('-')) throw new CairnError('invalid-data', `track '${track.value}' is not a branch, tag or commit`, track.at);
  const mirror = mirrorDirectory(context.sourceCache, config.url.own);
  const log = (line: string): void => context.log(line);
  return withMirrorLock(mirror, () =>
    firstThatWorks(
      config.url.candidates('track'),
      async (url): Promise<TrackResult> => {
        log(`tracking ${track.value} from ${url}`);
        await fetchAllRefs(mirror, url, { signal: context.signal, log, at: config.url.at });
        const commit = await revParse(mirror, `${track.value}^{commit}`, context.signal);
        if (commit === undefined) {
          throw new CairnError('fetch-failed', `'${track.value}' is not a branch, tag or commit of git repository ${url}`, track.at);
        }
        const ref = config.refFormat === 'git-describe' ? await describe(mirror, commit, context.signal, track.at) : commit;
        if (!config.trackTags) return { ref };
        const tags = await nearestTags(mirror, commit, context.signal, track.at);
        const written: JsonValue[] = tags.map((t) => ({ tag: t.tag, commit: t.commit, annotated: t.annotated }));
        return { ref, tags: written };
      },
      { written: config.url.written, at: config.url.at, log, doing: 'tracking' },
    ),
  );
}

async function revParse(mirror: string, rev: string, signal: AbortSignal): Promise<string | undefined> {
  const output = await runGit(['rev-parse', '--verify', '--quiet', rev], { cwd: mirror }, signal);
  return output.code === 0 ? output.stdout.trim() : undefined;
}

/** `git describe --tags --abbrev=40 --long --always`: `tag-N-g<sha>`, or the bare sha without tags. */
async function describe(mirror: string, commit: string, signal: AbortSignal, at: Provenance): Promise<string> {
  const output = await runGit(['describe', '--tags', '--abbrev=40', '--long', '--always', commit], { cwd: mirror }, signal);
  if (output.code !== 0) throw new CairnError('fetch-failed', `cannot describe commit ${commit}: ${gitMessage(output)}`, at);
  return output.stdout.trim();
}

/**
 * The tags BuildStream records with `track-tags`: the nearest tag of `commit` as `git describe
 * --abbrev=0` finds it with and without `--tags` and `--first-parent`, each with its commit and
 * whether it is annotated. Sorted by name so that tracking twice writes the same list.
 */
async function nearestTags(mirror: string, commit: string, signal: AbortSignal, at: Provenance): Promise<GitTag[]> {
  const names = new Set<string>();
  for (const options of [[], ['--first-parent'], ['--tags'], ['--tags', '--first-parent']]) {
    const output = await runGit(['describe', '--abbrev=0', ...options, commit], { cwd: mirror }, signal);
    if (output.code === 0) names.add(output.stdout.trim());
  }
  const tags: GitTag[] = [];
  for (const tag of [...names].sort()) {
    const tagged = await revParse(mirror, `refs/tags/${tag}^{commit}`, signal);
    if (tagged === undefined) throw new CairnError('fetch-failed', `cannot resolve tag '${tag}'`, at);
    const kind = await runGit(['cat-file', '-t', `refs/tags/${tag}`], { cwd: mirror }, signal);
    tags.push({ tag, commit: tagged, annotated: kind.code === 0 && kind.stdout.trim() === 'tag' });
  }
  return tags;
}
