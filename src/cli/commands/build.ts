// `cairn build`: builds the targets and whatever they need that is not cached, printing one
// line per finished job. SIGINT and SIGTERM stop running sandboxes and leave the cache whole.

import process from 'node:process';
import { BuildSession, defaultBuilders } from '../../engine/build-session.js';
import { resolveQuota } from '../../engine/user-config.js';
import type { OnError } from '../../scheduler/scheduler.js';
import type { OptionSpec } from '../args.js';
import { BuildReporter } from '../build-report.js';
import type { CommandContext } from '../context.js';

export const BUILD_OPTIONS: OptionSpec[] = [{ name: 'retry-failed', values: 0 }];

export async function buildCommand(context: CommandContext): Promise<number> {
  const graph = await context.loadGraph(context.parsed.positionals);
  const config = context.userConfig;
  const reporter = new BuildReporter((text) => context.io.err.write(text), Math.max(0, ...graph.scope('all').map((e) => e.fullName.length)));
  const session = new BuildSession({
    graph,
    cache: context.cache,
    logDirectory: config.logDirectory,
    sourceDirectory: config.sourceDirectory,
    builders: context.positiveNumber('builders') ?? config.builders ?? defaultBuilders(),
    fetchers: context.positiveNumber('fetchers') ?? config.fetchers,
    onError: (context.pick('on-error') as OnError | undefined) ?? config.onError,
    retryFailed: context.flag('retry-failed') || config.retryFailed,
    ...(config.bwrap ? { bwrap: config.bwrap } : {}),
    quotaBytes: resolveQuota(config),
    onEvent: (event) => reporter.event(event),
  });
  const stop = (): void => session.terminate();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    const summary = await session.run();
    reporter.summary(summary);
    if (summary.interrupted) return 130;
    return summary.failed.length > 0 || summary.skipped.length > 0 ? 255 : 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
