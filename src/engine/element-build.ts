// One element's build: the BuildContext an element kind assembles through. It stages
// dependency artifacts (in memory first, then onto disk as hard links or copies), runs
// commands in the sandbox, and stores results in the content store. It never writes a ref:
// the build session decides what becomes an artifact.

import fs from 'node:fs';
import path from 'node:path';
import type { ArtifactRecord } from '../cache/artifact-cache.js';
import type { ContentStore } from '../cache/content-store.js';
import type { DirectoryChild } from '../cache/directory-digest.js';
import { globMatcher } from '../cache/glob.js';
import { StagingArea } from '../cache/staging.js';
import { CairnError } from '../format/errors.js';
import { dependenciesOf } from '../project/graph.js';
import type { LoadedElement } from '../project/loader.js';
import type {
  BuildCommand,
  BuildContext,
  DependencyView,
  RunOptions,
  SplitSelection,
  TreeHandle,
} from '../project/plugin-api.js';
import type { SourceContext } from '../project/source-api.js';
import type { SandboxCapabilities, SandboxResult } from '../sandbox/bwrap.js';
import { runInSandbox } from '../sandbox/bwrap.js';
import type { JobLog } from '../scheduler/job-log.js';
import type { KeyedElement } from './pipeline.js';
import { stageElementSources } from './element-sources.js';

export interface ElementBuildInputs {
  readonly element: KeyedElement;
  /** The artifact of an element this build depends on (it must be cached). */
  readonly artifactOf: (element: LoadedElement) => ArtifactRecord;
  /** The composed environment of an element this build depends on: its integration commands run with it. */
  readonly environmentOf: (element: LoadedElement) => Environment;
  readonly store: ContentStore;
  /** Probed once per session, and only when a build first needs a sandbox. */
  readonly sandbox: () => Promise<SandboxCapabilities>;
  /** A private, empty directory on the store's filesystem; the session removes it afterwards. */
  readonly workDirectory: string;
  readonly sourceContext: SourceContext;
  readonly log: JobLog;
  readonly signal: AbortSignal;
}

/** A failed sandbox command, carrying where the command was written. */
export class CommandFailed extends Error {
  constructor(
    readonly command: BuildCommand,
    readonly exitCode: number,
  ) {
    super(`command '${command.label}' failed with exit code ${exitCode}`);
    this.name = 'CommandFailed';
  }
}

export class BuildAborted extends Error {
  constructor() {
    super('build interrupted');
    this.name = 'BuildAborted';
  }
}

interface StagedElement {
  readonly element: LoadedElement;
  readonly record: ArtifactRecord;
  readonly location: string;
}

export class ElementBuild implements BuildContext {
  private readonly staging: StagingArea;
  private readonly staged: StagedElement[] = [];
  private readonly rootDirectory: string;
  private readonly mounts = new Map<string, string>();
  /** How the staged tree is on disk: not yet, as hard links (never written through), or as a private copy. */
  private onDisk: 'no' | 'link' | 'copy' = 'no';
  /** Whether integration changed the root on disk (then the disk, not the staging plan, is the truth). */
  private rootChanged = false;
  /** Whether an earlier run wrote into the overlay's upper layer, which later runs must see. */
  private layered = false;
  /** One scratch directory for every run of this build, so the overlay's upper layer persists between them. */
  private readonly scratch: string;
  private readonly buildRoot: string;
  private readonly installRoot: string;

  constructor(private readonly inputs: ElementBuildInputs) {
    this.staging = new StagingArea(inputs.store);
    this.rootDirectory = path.join(inputs.workDirectory, 'root');
    this.scratch = path.join(inputs.workDirectory, 'scratch');
    const variables = inputs.element.composed.view.variables;
    this.buildRoot = variables.get('build-root') ?? '/buildstream/build';
    this.installRoot = variables.get('install-root') ?? '/buildstream-install';
  }

  log(line: string): void {
    this.inputs.log.line(line);
  }

  stageDependencies(dependencies: readonly DependencyView[], location: string): void {
    const loaded = dependencies.map((dep) => this.loadedOf(dep));
    const project = this.inputs.element.loaded.project;
    for (const element of dependenciesOf(loaded, 'run')) {
      const record = this.inputs.artifactOf(element);
      if (!record.files) throw new CairnError('artifact-missing', `the artifact of ${element.fullName} has no files`);
      const whitelist = publicList(record, 'overlap-whitelist');
      const mayOverwrite = whitelist.length > 0 ? globMatcher(whitelist) : undefined;
      this.staging.add({
        name: element.fullName,
        tree: record.files.hash,
        location,
        ...(mayOverwrite ? { mayOverwrite } : {}),
      });
      this.staged.push({ element, record, location });
    }
    const report = this.staging.report();
    if (report.overlaps.length > 0) {
      const lines = report.overlaps.map((o) => `  ${o.path}: ${o.writers.join(' over ')}`);
      const fatal = project.fatalWarnings.includes('overlaps');
      this.log(`${fatal ? 'error' : 'warning'}: non-whitelisted overlaps detected:\n${lines.join('\n')}`);
      if (fatal) {
        throw new CairnError(
          'staging-overlap',
          `non-whitelisted overlaps while staging ${this.inputs.element.loaded.fullName}: ${report.overlaps.map((o) => o.path).join(', ')}`,
          this.inputs.element.loaded.kindAt,
          "add the paths to the overlapping element's public: bst: overlap-whitelist, or remove 'overlaps' from fatal-warnings",
        );
      }
    }
    if (report.ignored.length > 0) {
      this.log(`warning: not staging files that would replace non-empty directories: ${report.ignored.map((i) => `${i.path} (${i.layer})`).join(', ')}`);
    }
  }

  async integrate(options: { readonly inPlace?: boolean } = {}): Promise<void> {
    // As in BuildStream, a dependency's commands run with that dependency's environment; runs of
    // dependencies with the same environment share one sandbox.
    const batches: Array<{ env: Record<string, string>; commands: BuildCommand[] }> = [];
    for (const staged of this.staged) {
      if (staged.location !== '/') continue;
      const commands = publicList(staged.record, 'integration-commands').map((command, i) => ({
        label: `integration-commands[${i}] of ${staged.element.fullName}`,
        command,
      }));
      if (commands.length === 0) continue;
      const env = sandboxEnvironment(this.inputs.environmentOf(staged.element));
      const last = batches[batches.length - 1];
      if (last && sameEnvironment(last.env, env)) last.commands.push(...commands);
      else batches.push({ env, commands });
    }
    if (batches.length === 0) return;
    this.log(`integrating ${batches.reduce((n, batch) => n + batch.commands.length, 0)} command(s)`);
    for (const batch of batches) {
      await this.runCommands(batch.commands, { cwd: '/', rootReadOnly: false, inPlace: options.inPlace ?? false, env: batch.env });
    }
  }

  async stageSources(sandboxPath: string): Promise<void> {
    const host = this.mountFor(sandboxPath);
    await this.stageSourcesInto(host);
  }

  async run(commands: readonly BuildCommand[], options: RunOptions): Promise<void> {
    for (const writable of options.writable ?? [this.buildRoot, this.installRoot]) this.mountFor(writable);
    const env = options.environment ? { ...sandboxEnvironment(this.inputs.element.composed.environment), ...options.environment } : undefined;
    await this.runCommands(commands, { cwd: options.cwd, rootReadOnly: options.rootReadOnly, inPlace: false, ...(env ? { env } : {}) });
  }

  dependenciesTree(dependencies: readonly DependencyView[]): TreeHandle {
    const area = new StagingArea(this.inputs.store);
    for (const element of dependenciesOf(dependencies.map((dep) => this.loadedOf(dep)), 'run')) {
      const record = this.inputs.artifactOf(element);
      if (record.files) area.add({ name: element.fullName, tree: record.files.hash, location: '/' });
    }
    return area.toTree(() => true);
  }

  async collect(sandboxPath: string): Promise<TreeHandle> {
    const host = this.mounts.get(path.posix.normalize(sandboxPath));
    if (!host) return this.inputs.store.emptyDirectory();
    const result = await this.inputs.store.putDirectory(host, { move: true });
    if (result.skipped.length > 0) this.log(`warning: not kept (not a file, directory or symlink): ${result.skipped.join(', ')}`);
    return result.digest;
  }

  async sourceTree(): Promise<TreeHandle> {
    const host = path.join(this.inputs.workDirectory, 'sources');
    fs.mkdirSync(host, { recursive: true });
    await this.stageSourcesInto(host);
    return (await this.inputs.store.putDirectory(host, { move: true })).digest;
  }

  subtree(tree: TreeHandle, relative: string): TreeHandle | undefined {
    let current: TreeHandle = tree;
    for (const part of relative.split('/').filter((p) => p && p !== '.')) {
      const child = this.inputs.store.readDirectory(current.hash).find((c) => c.name === part);
      if (!child || child.kind !== 'directory') return undefined;
      current = child.digest;
    }
    return current;
  }

  placeTree(tree: TreeHandle, relative: string): TreeHandle {
    const parts = relative.split('/').filter((p) => p && p !== '.');
    let current = tree;
    for (const name of parts.reverse()) current = this.inputs.store.putDirectoryMessage([{ kind: 'directory', name, digest: current }]);
    return current;
  }

  emptyTree(): TreeHandle {
    return this.inputs.store.emptyDirectory();
  }

  manifest(of: DependencyView | 'staged', selection: SplitSelection, unknownDomain?: (domain: string) => void): Set<string> {
    const out = new Set<string>();
    const judged: Array<{ record: ArtifactRecord; location: string }> =
      of === 'staged' ? this.staged : [{ record: this.inputs.artifactOf(this.loadedOf(of)), location: '/' }];
    if (unknownDomain) {
      const known = new Set(judged.flatMap(({ record }) => Object.keys(splitRules(record))));
      for (const domain of [...selection.include, ...selection.exclude]) if (!known.has(domain)) unknownDomain(domain);
    }
    for (const { record, location } of judged) {
      const rules = splitRules(record);
      const domains = Object.keys(rules);
      const matchers = new Map(domains.map((d) => [d, globMatcher(rules[d]!)]));
      const include = (selection.include.length > 0 ? selection.include : domains).filter((d) => matchers.has(d));
      const exclude = selection.exclude.filter((d) => matchers.has(d));
      for (const file of this.treePaths(record.files?.hash)) {
        let claimed = false;
        let included = false;
        let excluded = false;
        for (const [domain, matches] of matchers) {
          if (!matches(file)) continue;
          claimed = true;
          if (include.includes(domain)) included = true;
          if (exclude.includes(domain)) excluded = true;
        }
        if (selection.includeOrphans && !claimed) included = true;
        if (included && !excluded) out.add(location === '/' ? file : path.posix.join(location, file));
      }
    }
    return out;
  }

  async dependencyTree(dependency: DependencyView, keep: (p: string) => boolean): Promise<TreeHandle> {
    const record = this.inputs.artifactOf(this.loadedOf(dependency));
    if (!record.files) return this.emptyTree();
    return this.filterTree(record.files, '', keep);
  }

  async stagedTree(keep: (p: string) => boolean): Promise<TreeHandle> {
    if (this.rootChanged) {
      return (await this.inputs.store.putDirectory(this.rootDirectory, { move: true, select: keep })).digest;
    }
    const area = new StagingArea(this.inputs.store);
    // Re-merging from the records gives the staged tree without touching the disk.
    for (const staged of this.staged) area.add({ name: staged.element.fullName, tree: staged.record.files!.hash, location: staged.location });
    return area.toTree(keep);
  }

  async stagedPaths(): Promise<Set<string>> {
    if (!this.rootChanged) return new Set(this.staging.paths());
    const out = new Set<string>();
    const walk = (host: string, prefix: string): void => {
      for (const entry of fs.readdirSync(host, { withFileTypes: true })) {
        const p = `${prefix}/${entry.name}`;
        out.add(p);
        if (entry.isDirectory()) walk(path.join(host, entry.name), p);
      }
    };
    walk(this.rootDirectory, '');
    return out;
  }

  dependencyPublicList(dependency: DependencyView, key: string): string[] {
    return publicList(this.inputs.artifactOf(this.loadedOf(dependency)), key);
  }

  // -------------------------------------------------------------------------------------------

  private loadedOf(dependency: DependencyView): LoadedElement {
    const { loaded, composed } = this.inputs.element;
    const index = composed.view.dependencies.indexOf(dependency);
    const found = index >= 0 ? loaded.dependencies[index]?.element : loaded.dependencies.find((d) => d.element.fullName === dependency.fullName)?.element;
    if (!found) throw new Error(`${dependency.fullName} is not a dependency of ${loaded.fullName}`);
    return found;
  }

  private mountFor(sandboxPath: string): string {
    const normal = path.posix.normalize(sandboxPath);
    let host = this.mounts.get(normal);
    if (!host) {
      host = path.join(this.inputs.workDirectory, `mount-${this.mounts.size}`);
      fs.mkdirSync(host, { recursive: true });
      this.mounts.set(normal, host);
    }
    return host;
  }

  private async stageSourcesInto(host: string): Promise<void> {
    await stageElementSources(this.inputs.element, host, this.inputs.sourceContext);
  }

  private async ensureRoot(how: 'link' | 'copy'): Promise<void> {
    if (this.onDisk === how || (this.onDisk === 'copy' && how === 'link')) return;
    if (this.onDisk !== 'no') fs.rmSync(this.rootDirectory, { recursive: true, force: true });
    fs.mkdirSync(this.rootDirectory, { recursive: true });
    const written = await this.staging.materialize(this.rootDirectory, how);
    this.log(`staged ${written} files (${how === 'link' ? 'hard links' : 'copies'})`);
    this.onDisk = how;
  }

  private async runCommands(
    commands: readonly BuildCommand[],
    options: { readonly cwd: string; readonly rootReadOnly: boolean; readonly inPlace: boolean; readonly env?: Record<string, string> },
  ): Promise<void> {
    if (commands.length === 0) return;
    const capabilities = await this.inputs.sandbox();
    // A root that commands may write must be either an overlay over the links or a private copy.
    const direct = !options.rootReadOnly && (options.inPlace || !capabilities.overlay);
    await this.ensureRoot(direct ? 'copy' : 'link');
    if (direct) this.rootChanged = true;
    fs.mkdirSync(this.scratch, { recursive: true });
    const overlay = !direct && capabilities.overlay && (!options.rootReadOnly || this.layered);
    const composed = this.inputs.element.composed;
    const env = options.env ?? sandboxEnvironment(composed.environment);
    const ids = sandboxIds(composed.sandbox);
    const result: SandboxResult = await runInSandbox(direct ? { ...capabilities, overlay: false } : capabilities, {
      root: this.rootDirectory,
      rootWritable: !options.rootReadOnly,
      layered: overlay,
      scratch: this.scratch,
      writable: [...this.mounts].map(([sandboxPath, host]) => ({ host, path: sandboxPath })),
      cwd: options.cwd,
      env,
      uid: ids.uid,
      gid: ids.gid,
      commands: commands.map((c) => ({ label: c.label, command: c.command })),
      logFd: this.inputs.log.fd,
      signal: this.inputs.signal,
    });
    if (overlay) this.layered = true;
    if (direct) this.removeMountPoints([...this.mounts.keys(), options.cwd]);
    if (result.aborted) throw new BuildAborted();
    if (!result.ok) {
      const failed = result.failed;
      const command = failed ? commands[failed.index]! : commands[commands.length - 1]!;
      throw new CommandFailed(command, failed?.exitCode ?? 1);
    }
  }

  /**
   * The sandbox made empty directories in a root it wrote to directly (mount points for /proc,
   * /dev, /tmp and the writable binds); they are the sandbox's, not the staged tree's.
   */
  private removeMountPoints(paths: readonly string[]): void {
    const staged = new Set(this.staging.paths());
    for (const start of ['/proc', '/dev', '/tmp', ...paths]) {
      for (let p = path.posix.normalize(start); p !== '/' && !staged.has(p); p = path.posix.dirname(p)) {
        try {
          fs.rmdirSync(path.join(this.rootDirectory, p));
        } catch {
          break;
        }
      }
    }
  }

  /** Every path of a stored tree, absolute, directories included. */
  private treePaths(hash: string | undefined): string[] {
    const out: string[] = [];
    if (!hash) return out;
    const walk = (h: string, prefix: string): void => {
      for (const child of this.inputs.store.readDirectory(h)) {
        const p = `${prefix}/${child.name}`;
        out.push(p);
        if (child.kind === 'directory') walk(child.digest.hash, p);
      }
    };
    walk(hash, '');
    return out;
  }

  private filterTree(tree: TreeHandle, prefix: string, keep: (p: string) => boolean): TreeHandle {
    const kept: DirectoryChild[] = [];
    for (const child of this.inputs.store.readDirectory(tree.hash)) {
      const p = `${prefix}/${child.name}`;
      if (child.kind === 'directory') {
        const inner = this.filterTree(child.digest, p, keep);
        const empty = this.inputs.store.readDirectory(inner.hash).length === 0;
        if (!empty || keep(p)) kept.push({ kind: 'directory', name: child.name, digest: inner });
      } else if (keep(p)) {
        kept.push(child);
      }
    }
    return this.inputs.store.putDirectoryMessage(kept);
  }
}

type Environment = KeyedElement['composed']['environment'];

function sandboxEnvironment(environment: Environment): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of environment.entries) if (value.kind === 'scalar') env[name] = value.value;
  return env;
}

function sameEnvironment(a: Record<string, string>, b: Record<string, string>): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => b[name] === a[name]);
}

function publicList(record: ArtifactRecord, key: string): string[] {
  const bst = (record.public as { bst?: Record<string, unknown> } | null)?.bst;
  const value = bst?.[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function splitRules(record: ArtifactRecord): Record<string, string[]> {
  const bst = (record.public as { bst?: Record<string, unknown> } | null)?.bst;
  const rules = bst?.['split-rules'];
  const out: Record<string, string[]> = {};
  if (rules && typeof rules === 'object' && !Array.isArray(rules)) {
    for (const [domain, globs] of Object.entries(rules)) {
      out[domain] = Array.isArray(globs) ? globs.filter((g): g is string => typeof g === 'string').map((g) => g.trim()) : [];
    }
  }
  return out;
}

/** uid and gid for commands: the element's `sandbox:` build-uid/build-gid, 0 and 0 by default. */
function sandboxIds(sandbox: KeyedElement['composed']['sandbox']): { uid: number; gid: number } {
  const read = (key: string): number => {
    const node = sandbox.get(key);
    return node?.kind === 'scalar' && /^\d+$/.test(node.value) ? Number(node.value) : 0;
  };
  return { uid: read('build-uid'), gid: read('build-gid') };
}

