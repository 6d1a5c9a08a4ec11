// `cairn cache check [--repair]`: re-hashes every object of the local cache and reports the
// corrupt ones and the artifacts that need them; --repair removes both, so they are rebuilt.

import { checkCache, type RefProblem } from '../../cache/cache-check.js';
import { UsageError, type OptionSpec } from '../args.js';
import type { CommandContext } from '../context.js';

export const CACHE_OPTIONS: OptionSpec[] = [{ name: 'repair', values: 0 }];

export async function cacheCommand(context: CommandContext): Promise<number> {
  const [verb] = context.parsed.positionals;
  if (verb !== 'check') throw new UsageError(`cairn cache takes check${verb ? `, not '${verb}'` : ''}`);
  const repair = context.flag('repair');
  const report = await checkCache(context.cache, { repair });
  const { out } = context.io;
  out.write(`checked ${report.objectsChecked} objects in ${context.cache.directory}\n`);
  for (const corrupt of report.corrupt) out.write(`corrupt object ${corrupt.path}: expected ${corrupt.expected}, found ${corrupt.actual}\n`);
  for (const broken of report.brokenRefs) out.write(`broken artifact ${broken.ref.project}/${broken.ref.element}/${broken.ref.key}: ${describeProblem(broken.problem)}\n`);
  const problems = report.corrupt.length + report.brokenRefs.length;
  if (problems === 0) {
    out.write('no problems found\n');
    return 0;
  }
  out.write(repair ? `repaired: removed ${report.corrupt.length} corrupt objects and ${report.brokenRefs.length} artifact refs that needed them\n` : 'run cairn cache check --repair to remove them\n');
  return repair ? 0 : 1;
}

function describeProblem(problem: RefProblem): string {
  switch (problem.kind) {
    case 'unreadable':
      return `unreadable record (${problem.message})`;
    case 'missing-object':
      return `needs missing object ${problem.object}`;
    case 'corrupt-object':
      return `needs corrupt object ${problem.object}`;
  }
}
