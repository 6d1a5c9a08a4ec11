// The action's post step (post-if: always()): saves to the Actions cache what the main step built
// and did not get saved — after a failed, cancelled or killed main step, or a save the service
// refused for a while. It reads only what the main step left under RUNNER_TEMP, and it never
// fails the job: the build's result is the main step's to report.

import process from 'node:process';
import { ArtifactCache } from '../cache/artifact-cache.js';
import { messageOf } from '../format/errors.js';
import { State } from './constants.js';
import { githubHost, type ActionHost } from './host.js';
import { saveBestEffort, sharingContext } from './job-cache.js';
import { RunFile } from './run-state.js';
import { countOf } from './words.js';

export async function run(): Promise<void> {
  await runPost(githubHost());
  // As in the main step: no keep-alive socket of the cache client may hold the job.
  process.exit();
}

export async function runPost(host: ActionHost): Promise<void> {
  try {
    await savePending(host);
  } catch (error) {
    host.log.warning(`Cairn's post step could not save to the Actions cache: ${messageOf(error)}`);
  }
}

async function savePending(host: ActionHost): Promise<void> {
  const file = host.getState(State.RunFile);
  const left = file === '' ? undefined : new RunFile(file).read();
  if (!left) {
    host.log.info("Cairn's main step left nothing to save");
    return;
  }
  const { record, produced } = left;
  // No sharing (cache: none, or the project did not load), or read-only: the main step said why.
  if (!record.sharing?.push) return;
  if (produced.length === 0) {
    host.log.info('Nothing was built, so there is nothing to save');
    return;
  }
  if (record.mainSave?.complete && record.mainSave.produced === produced.length) {
    host.log.info(`The main step saved the ${produced.length === 1 ? 'artifact' : `${produced.length} artifacts`} it built; nothing left to save`);
    return;
  }
  const cache = new ArtifactCache(host.getState(State.CacheDirectory) || record.cacheDirectory);
  const context = sharingContext(host, cache, record.sharing);
  host.log.info(`Saving the ${produced.length === 1 ? 'artifact' : `${produced.length} artifacts`} the main step built${record.mainSave ? '' : ' (it ended before saving)'}`);
  const saved = await saveBestEffort(host, context, produced, record.used, record.sharing.maxBytes);
  if (saved && saved.packs > 0) {
    await host.appendSummary(`\nCairn's post step saved ${countOf(saved.artifacts, 'artifact')} to the Actions cache (${countOf(saved.packs, 'pack')}, ${saved.bytes} bytes).\n`).catch(() => undefined);
  }
}
