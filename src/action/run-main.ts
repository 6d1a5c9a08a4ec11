// The action's main step: read the inputs, load the project, restore from the Actions cache what
// the build needs and the local cache lacks, build, save what was built (when the push policy
// allows), then report (outputs, annotations, step summary, logs) and check out an element. A
// cache problem is a warning, never a failed step; a build or load failure fails the step with
// one line. Everything outside Cairn comes in through the ActionHost.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { ArtifactCache, normalName } from '../cache/artifact-cache.js';
import { BuildSession, defaultBuilders, type BuildSummary } from '../engine/build-session.js';
import { checkout } from '../engine/checkout.js';
import { lookupArtifact } from '../engine/artifact-state.js';
import { loadPipeline, type KeyedElement, type KeyedGraph } from '../engine/pipeline.js';
import { readUserConfig, resolveQuota, type UserConfig } from '../engine/user-config.js';
import { CairnError, messageOf } from '../format/errors.js';
import type { LoadedElement } from '../project/loader.js';
import { probeSandbox } from '../sandbox/bwrap.js';
import { readHostFacts } from '../sandbox/host.js';
import { BuildReporter } from '../cli/build-report.js';
import { cacheScope, jobLineage } from './cache/keys.js';
import { restoreArtifacts, type ArtifactKey, type SharingContext } from './cache/sharing.js';
import { saveBestEffort, sharingContext } from './job-cache.js';
import { cachedLocally, neededArtifacts, type NeededArtifact } from './build-needs.js';
import { Inputs, Outputs, State } from './constants.js';
import { fixUserns, sandboxAdvice, type UsernsHost } from './fix-userns.js';
import { readGithubContext, type GithubContext } from './github-context.js';
import { githubHost, type ActionHost } from './host.js';
import { parseInputs, type ActionInputs } from './inputs.js';
import { ensureBwrap } from './install-bwrap.js';
import { decidePush } from './push-policy.js';
import { annotate } from './report/annotations.js';
import { uploadLogs } from './report/log-artifacts.js';
import { RunReportBuilder, totals, type RunReport } from './report/run-report.js';
import { escapeText, renderSummary } from './report/summary.js';
import { RunFile, type RunRecord, type SharingRecord } from './run-state.js';
import { countOf } from './words.js';

/** The entry point's call: the real runner, and an explicit end (see below). */
export async function run(): Promise<void> {
  await runMain(githubHost());
  // The cache and artifact clients may leave keep-alive sockets and retry timers behind; the
  // step is over, so end now, with the exit code setFailed chose.
  process.exit();
}

export async function runMain(host: ActionHost): Promise<void> {
  try {
    await new MainStep(host).run();
  } catch (error) {
    // Only programming errors get here: user errors and cache problems are handled where they occur.
    host.log.info(error instanceof Error ? (error.stack ?? error.message) : String(error));
    host.setFailed(`Cairn stopped on an internal error: ${messageOf(error)}`);
  }
}

/** The local directories of a job: the artifact cache shared by every Cairn step of the job, and one step's scratch. */
function localDirectories(runnerTemp: string): { base: string; cache: string; sharing: string } {
  const base = path.join(runnerTemp, 'cairn');
  // A constant path: the Actions cache's entry version hashes the archived paths.
  return { base, cache: path.join(base, 'cache'), sharing: path.join(base, 'sharing') };
}

class MainStep {
  private readonly github: GithubContext;
  private readonly phases: Array<{ name: string; ms: number }> = [];
  /** Why the build stopped when no element's failure says it (a sandbox that cannot start), for the summary. */
  private stopped: string | undefined;
  /** Why the build did not run to its end, as the step's one failure line. */
  private stopReason: string | undefined;

  constructor(private readonly host: ActionHost) {
    this.github = readGithubContext(host.env);
  }

  async run(): Promise<void> {
    const host = this.host;
    const parsed = parseInputs((name) => host.input(name));
    if (!parsed.ok) {
      if (parsed.problems.length === 1) {
        host.setFailed(parsed.problems[0]!);
      } else {
        for (const problem of parsed.problems) host.log.error(problem, { title: 'Cairn: invalid input' });
        host.setFailed(`${parsed.problems.length} inputs are invalid (each is named above)`);
      }
      return;
    }
    const inputs = parsed.inputs;
    if (inputs.remotes.length > 0) {
      host.log.warning(
        `${Inputs.Remotes}: ${inputs.remotes.length} remote${inputs.remotes.length === 1 ? '' : 's'} given, but no kind of remote works yet (HTTP and OSTree remotes are planned); ` +
          'they are ignored, and artifacts are shared through the Actions cache only',
      );
    }
    if (inputs.fixUserns) await fixUserns({ ...this.hostTools(), readSysctl: (file) => host.readSysctl(file) });

    // Under RUNNER_TEMP: the runner empties it after every job, so a self-hosted runner never
    // carries artifacts from one job (maybe a fork's pull request) into another job's build,
    // where the push policy could not vouch for them; and the disk never fills up across jobs.
    const directories = localDirectories(this.github.runnerTemp);
    const stepDirectory = path.join(directories.base, `step-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
    fs.mkdirSync(stepDirectory, { recursive: true });
    const runFile = new RunFile(path.join(stepDirectory, 'run.json'));
    let record: RunRecord = { version: 1, cacheDirectory: directories.cache, used: [] };
    runFile.write(record);
    host.saveState(State.CacheDirectory, directories.cache);
    host.saveState(State.RunFile, runFile.file);

    const projectDirectory = path.resolve(this.github.workspace, inputs.project);
    const relativeProject = path.relative(this.github.workspace, projectDirectory).split(path.sep).join('/');

    // Load: a user error here is one annotation at its file, line and column.
    let config: UserConfig;
    let graph: KeyedGraph;
    try {
      config = this.userConfig(directories.cache);
      graph = await this.timed('load', () => this.load(inputs, projectDirectory, config));
    } catch (error) {
      if (!(error instanceof CairnError)) throw error;
      const builder = new RunReportBuilder(path.basename(projectDirectory), relativeProject);
      builder.loadError(error);
      await this.report(builder, inputs, stepDirectory, undefined);
      host.setFailed(error.describe());
      return;
    }

    const byName = new Map<string, LoadedElement>(graph.scope('all').map((e) => [e.fullName, e]));
    const builder = new RunReportBuilder(graph.project.name, relativeProject, (name) => byName.get(name)?.kindAt);
    const cache = new ArtifactCache(directories.cache);
    const local = cachedLocally(cache, graph);

    // Sharing: restore always (when the cache is on), save only when the push policy allows.
    let sharing: SharingContext | undefined;
    if (inputs.cache === 'actions') {
      const decision = decidePush(inputs.push, this.github);
      const sharingRecord: SharingRecord = {
        push: decision.push,
        scope: this.scope(graph, inputs),
        branch: this.github.ref || 'refs/heads/unknown',
        defaultBranch: this.github.defaultBranch ?? '',
        runId: `${this.github.runId}-${this.github.runAttempt}`,
        lineage: jobLineage(this.github.workflow, this.github.job, inputs.project, inputs.targets),
        directory: directories.sharing,
        maxBytes: Number.isFinite(inputs.maxCacheSize) ? inputs.maxCacheSize : null,
      };
      record = { ...record, sharing: sharingRecord };
      sharing = sharingContext(host, cache, sharingRecord);
      if (decision.push) host.log.info(`Actions cache: artifacts built here will be saved (${decision.reason})`);
      else host.log.info(`Actions cache: read-only for this run, nothing will be saved: ${decision.reason}`);
    }

    const pulled = new Set<string>();
    if (sharing) {
      const context = sharing;
      await this.timed('restore', () => host.group('Restoring artifacts from the Actions cache', () => this.restore(context, graph, local, builder, pulled)));
    }

    // What this build needs, as the compaction of the Actions cache will keep it.
    const used = neededArtifacts(graph, local).map((n) => n.ref);
    record = { ...record, used };
    runFile.write(record);

    const summary = await this.timed('build', () => host.group('Building', () => this.build(inputs, config, graph, cache, builder, byName, runFile)));

    for (const name of summary?.cached ?? []) {
      if (pulled.has(name)) builder.pulled(name);
      else builder.cached(name);
    }
    for (const name of [...(summary?.cached ?? []), ...(summary?.built ?? [])]) {
      const size = this.sizeOf(cache, graph, byName.get(name));
      if (size !== undefined) builder.size(name, size);
    }

    if (sharing && record.sharing?.push) {
      const context = sharing;
      const produced = runFile.read()?.produced ?? [];
      const saved = await this.timed('save', () =>
        // What compaction keeps is what the build needed before it ran: afterwards every built
        // element is local, and the build dependencies of rebuilt elements would drop out.
        host.group('Saving artifacts to the Actions cache', () => saveBestEffort(host, context, produced, used, record.sharing!.maxBytes)),
      );
      if (saved) {
        builder.cacheTraffic({ restoredEntries: 0, restoredBytes: 0, savedEntries: saved.packs + (saved.indexSaved ? 1 : 0), savedBytes: saved.bytes, warnings: saved.warnings });
      }
      record = { ...record, mainSave: { produced: produced.length, complete: saved !== undefined && (saved.readOnly || saved.warnings.length === 0) } };
      runFile.write(record);
    }

    let checkoutPath = '';
    let checkoutFailure: string | undefined;
    if (inputs.checkout !== undefined && summary) {
      const outcome = await this.timed('checkout', () => this.checkout(inputs.checkout!, graph, cache, config, summary, stepDirectory));
      if ('path' in outcome) checkoutPath = outcome.path;
      else checkoutFailure = outcome.failure;
    }

    await this.report(builder, inputs, stepDirectory, summary, checkoutPath);

    const problems: string[] = [];
    if (summary === undefined) problems.push(this.stopReason ?? 'the build could not run');
    else {
      if (summary.failed.length > 0) problems.push(`${countOf(summary.failed.length, 'element')} failed (${summary.failed.map((f) => f.element).join(', ')})`);
      if (summary.skipped.length > 0) problems.push(`${countOf(summary.skipped.length, 'element')} skipped`);
      if (summary.interrupted) problems.push('the build was interrupted');
    }
    if (checkoutFailure) problems.push(checkoutFailure);
    if (problems.length > 0) host.setFailed(`Cairn: ${problems.join('; ')}`);
  }

  private async load(inputs: ActionInputs, projectDirectory: string, config: UserConfig): Promise<KeyedGraph> {
    // An explicit target list gets the checkout element too, so that it is built.
    const targets = inputs.checkout !== undefined && inputs.targets.length > 0 && !inputs.targets.includes(inputs.checkout) ? [...inputs.targets, inputs.checkout] : inputs.targets;
    const maxJobs = inputs.maxJobs ?? config.maxJobs;
    return loadPipeline({
      directory: projectDirectory,
      targets,
      cliOptions: inputs.options,
      strict: inputs.strict,
      userMirrors: config.mirrors,
      sourceDirectory: config.sourceDirectory,
      ...(maxJobs !== undefined ? { maxJobs } : {}),
    });
  }

  /** The user's configuration (a self-hosted runner may have one), with the caches in the job's directory. */
  private userConfig(cacheDirectory: string): UserConfig {
    const config = readUserConfig({ env: this.host.env });
    return { ...config, cacheDirectory, logDirectory: path.join(cacheDirectory, 'logs'), sourceDirectory: path.join(cacheDirectory, 'sources') };
  }

  /**
   * The cache scope: platform, architecture and project, plus the options when given, so that
   * matrix legs building the same project with different options keep separate indexes.
   */
  private scope(graph: KeyedGraph, inputs: ActionInputs): string {
    const options = inputs.options.map(([name, value]) => `${name}=${value}`).sort();
    const suffix = options.length > 0 ? `-o${crypto.createHash('sha256').update(JSON.stringify(options)).digest('hex').slice(0, 12)}` : '';
    return cacheScope(process.platform, process.arch, `${graph.project.name}${suffix}`);
  }

  /**
   * Two rounds: first what the targets need if everything were restorable (the targets and
   * their runtime dependencies), then the build dependencies of whatever must still be built.
   * A warm run stops after the first; no artifact is asked for twice.
   */
  private async restore(context: SharingContext, graph: KeyedGraph, local: (keyed: KeyedElement) => boolean, builder: RunReportBuilder, pulled: Set<string>): Promise<void> {
    // Every artifact asked for, so no round asks twice.
    const missing = new Map<string, { name: string; keyed: KeyedElement }>();
    const rounds: Array<() => NeededArtifact[]> = [() => neededArtifacts(graph, () => true), () => neededArtifacts(graph, local)];
    for (const round of rounds) {
      const wanted = round().filter((n) => !missing.has(refId(n.ref)) && !local(n.keyed));
      if (wanted.length === 0) continue;
      for (const n of wanted) missing.set(refId(n.ref), { name: n.keyed.loaded.fullName, keyed: n.keyed });
      try {
        const restored = await restoreArtifacts(context, wanted.map((n) => n.ref));
        builder.cacheTraffic({ restoredEntries: restored.packs, restoredBytes: restored.bytes, savedEntries: 0, savedBytes: 0, warnings: restored.warnings });
      } catch (error) {
        // The sharing layer is best effort by contract; anything escaping it is still only a warning.
        this.host.log.warning(`Could not restore artifacts from the Actions cache: ${messageOf(error)}`);
        builder.cacheTraffic({ restoredEntries: 0, restoredBytes: 0, savedEntries: 0, savedBytes: 0, warnings: [messageOf(error)] });
        break;
      }
    }
    for (const { name, keyed } of missing.values()) if (local(keyed)) pulled.add(name);
    this.host.log.info(`Restored ${pulled.size} of the ${countOf(missing.size, 'artifact')} the build needs that this runner lacked`);
  }

  private async build(inputs: ActionInputs, config: UserConfig, graph: KeyedGraph, cache: ArtifactCache, builder: RunReportBuilder, byName: ReadonlyMap<string, LoadedElement>, runFile: RunFile): Promise<BuildSummary | undefined> {
    const host = this.host;
    const local = cachedLocally(cache, graph);
    const toBuild = neededArtifacts(graph, local).filter((n) => !local(n.keyed));
    // The sandbox is checked before anything runs when some build runs commands: a runner that
    // cannot give bubblewrap its namespaces gets one error naming the fix, not a failure per element.
    if (toBuild.some((n) => n.keyed.composed.plugin.runsCommands(n.keyed.composed.view))) {
      const installed = await ensureBwrap({ ...this.hostTools(), findProgram: (name) => host.findProgram(name) }, config.bwrap);
      if (installed === 'installed') host.log.info('Installed bubblewrap with apt-get');
      try {
        await probeSandbox(config.bwrap ? { bwrap: config.bwrap } : {});
      } catch (error) {
        if (!(error instanceof CairnError) || error.reason !== 'sandbox-unavailable') throw error;
        this.sandboxUnavailable(error, inputs.fixUserns);
        return undefined;
      }
    }
    const reporter = new BuildReporter((text) => host.log.info(text.replace(/\n$/, '')), Math.max(0, ...[...byName.keys()].map((name) => name.length)));
    const session = new BuildSession({
      graph,
      cache,
      logDirectory: config.logDirectory,
      sourceDirectory: config.sourceDirectory,
      builders: inputs.builders ?? config.builders ?? defaultBuilders(),
      fetchers: config.fetchers,
      onError: inputs.onError,
      // Failures are never shared, so a failure in this job's cache is from this job: try again.
      retryFailed: true,
      ...(config.bwrap ? { bwrap: config.bwrap } : {}),
      quotaBytes: resolveQuota(config),
      onEvent: (event) => {
        builder.event(event);
        reporter.event(event);
        if (event.type === 'job-end' && event.action === 'build' && event.result === 'success' && event.key) {
          const element = byName.get(event.element);
          // Recorded at once: if the step is cancelled, the post step saves what is listed here.
          if (element) runFile.addProduced({ project: element.project.name, element: element.name, key: event.key });
        }
      },
    });
    const stopCancelling = host.onCancel(() => session.terminate());
    try {
      const summary = await session.run();
      reporter.summary(summary);
      return summary;
    } catch (error) {
      if (!(error instanceof CairnError)) throw error;
      if (error.reason === 'sandbox-unavailable') {
        this.sandboxUnavailable(error, inputs.fixUserns);
      } else {
        builder.loadError(error);
        this.stopReason = error.describe();
      }
      return undefined;
    } finally {
      stopCancelling();
    }
  }

  private sandboxUnavailable(error: CairnError, fixUsernsAsked: boolean): void {
    // The runner's settings only matter when bubblewrap ran and was refused its namespaces.
    const advice = /namespace/i.test(error.describe()) ? sandboxAdvice(readHostFacts(), fixUsernsAsked) : undefined;
    const message = `${error.describe()}${advice ? `; ${advice}` : ''}`;
    this.host.log.error(message, { title: 'Cairn: the build sandbox cannot run on this runner' });
    this.stopped = `The build sandbox cannot run on this runner: ${message}`;
    this.stopReason = 'the build sandbox cannot run on this runner (the error above says why)';
  }

  private async checkout(name: string, graph: KeyedGraph, cache: ArtifactCache, config: UserConfig, summary: BuildSummary, stepDirectory: string): Promise<{ path: string } | { failure: string }> {
    let element: LoadedElement;
    try {
      element = graph.lookup(name);
    } catch (error) {
      if (!(error instanceof CairnError)) throw error;
      return this.checkoutFailed(`${Inputs.Checkout}: ${error.describe()}`);
    }
    if (!graph.scope('all').includes(element)) {
      return this.checkoutFailed(`${Inputs.Checkout}: ${element.fullName} is not among the targets or their dependencies; add it to '${Inputs.Targets}'`);
    }
    if (summary.failed.some((f) => f.element === element.fullName) || summary.skipped.includes(element.fullName)) {
      this.host.log.warning(`${Inputs.Checkout}: ${element.fullName} was not built, so it is not checked out`);
      return { failure: `${element.fullName} not checked out` };
    }
    const directory = path.join(stepDirectory, 'checkout', normalName(element.name));
    try {
      const result = await checkout({
        graph,
        cache,
        element,
        deps: 'run',
        artifactOf: (e) => {
          const found = lookupArtifact(cache, graph.keyed(e), graph.strict);
          if (!found || !found.result.success) throw new CairnError('artifact-missing', `${e.fullName} is not cached`, e.kindAt);
          return found;
        },
        target: { directory, hardlinks: false },
        integrate: false,
        ...(config.bwrap ? { bwrap: config.bwrap } : {}),
      });
      this.host.log.info(`Checked out ${element.fullName} with its runtime dependencies (${countOf(result.files, 'file')}) to ${directory}`);
      return { path: directory };
    } catch (error) {
      if (!(error instanceof CairnError)) throw error;
      return this.checkoutFailed(`${Inputs.Checkout}: ${error.describe()}`);
    }
  }

  private checkoutFailed(message: string): { failure: string } {
    this.host.log.error(message, { title: 'Cairn: checkout failed' });
    return { failure: message };
  }

  /** Annotations, the logs artifact, the step summary and the outputs. */
  private async report(builder: RunReportBuilder, inputs: ActionInputs, stepDirectory: string, summary: BuildSummary | undefined, checkoutPath = ''): Promise<RunReport> {
    const host = this.host;
    for (const { name, ms } of this.phases) builder.phase(name, ms);
    const report = builder.finish();
    annotate(report, host.log);

    const logs = await uploadLogs(report, inputs.uploadLogs, host.logUploader(), { job: this.github.job, runAttempt: this.github.runAttempt, suffix: this.logSuffix(inputs) }, stepDirectory, (text) => host.log.warning(text));
    const server = host.env['GITHUB_SERVER_URL'] || 'https://github.com';
    const logsLink =
      logs.name === undefined
        ? undefined
        : { name: logs.name, ...(logs.id !== undefined && this.github.repository ? { url: `${server}/${this.github.repository}/actions/runs/${this.github.runId}/artifacts/${logs.id}` } : {}) };
    const rendered = renderSummary(report, logsLink ? { logs: logsLink } : {});
    const markdown = this.stopped ? `> **${escapeText(this.stopped)}**\n\n${rendered}` : rendered;
    const summaryPath = path.join(stepDirectory, 'summary.md');
    fs.writeFileSync(summaryPath, markdown);
    try {
      await host.appendSummary(markdown);
    } catch (error) {
      host.log.info(`The step summary was not written (${messageOf(error)}); it is in ${summaryPath}`);
    }

    const t = totals(report);
    host.setOutput(Outputs.Built, JSON.stringify(summary?.built ?? []));
    host.setOutput(Outputs.Cached, JSON.stringify(summary?.cached ?? []));
    host.setOutput(Outputs.Failed, JSON.stringify(summary?.failed.map((f) => f.element) ?? []));
    host.setOutput(Outputs.CacheHitRatio, String(Number(t.cacheHitRatio.toFixed(4))));
    host.setOutput(Outputs.SummaryPath, summaryPath);
    host.setOutput(Outputs.CheckoutPath, checkoutPath);
    return report;
  }

  /** Matrix legs share a job id: the architecture and a hash of what they build tell their logs apart. */
  private logSuffix(inputs: ActionInputs): string {
    const what = JSON.stringify([inputs.project, inputs.targets, inputs.options]);
    return `${process.arch}-${crypto.createHash('sha256').update(what).digest('hex').slice(0, 8)}`;
  }

  private sizeOf(cache: ArtifactCache, graph: KeyedGraph, element: LoadedElement | undefined): number | undefined {
    if (!element) return undefined;
    return lookupArtifact(cache, graph.keyed(element), graph.strict, false)?.size;
  }

  private hostTools(): Pick<UsernsHost, 'run' | 'isRoot' | 'log'> {
    const host = this.host;
    return { run: (program: string, args: readonly string[]) => host.run(program, args), isRoot: host.isRoot, log: { info: (t: string) => host.log.info(t), warning: (t: string) => host.log.warning(t) } };
  }

  private async timed<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      return await work();
    } finally {
      this.phases.push({ name, ms: Date.now() - started });
    }
  }
}

function refId(ref: ArtifactKey): string {
  return `${ref.project}\0${ref.element}\0${ref.key}`;
}
