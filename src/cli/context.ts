// What every command shares: the global options, the user configuration, the artifact cache
// and loading the project. Commands stay thin: parse, call the engine, render.

import process from 'node:process';
import { ArtifactCache } from '../cache/artifact-cache.js';
import { CairnError } from '../format/errors.js';
import { lookupArtifact } from '../engine/artifact-state.js';
import { sourcesCached } from '../engine/element-sources.js';
import { loadPipeline, type KeyedElement, type KeyedGraph } from '../engine/pipeline.js';
import { readUserConfig, type UserConfig } from '../engine/user-config.js';
import type { LoadedElement } from '../project/loader.js';
import { has, one, UsageError, type OptionSpec, type Parsed } from './args.js';

export const GLOBAL_OPTIONS: OptionSpec[] = [
  { name: 'directory', short: 'C', values: 1 },
  { name: 'config', short: 'c', values: 1 },
  { name: 'cache-dir', values: 1 },
  { name: 'option', short: 'o', values: 2, repeat: true },
  { name: 'strict', values: 0 },
  { name: 'no-strict', values: 0 },
  { name: 'max-jobs', values: 1 },
  { name: 'builders', values: 1 },
  { name: 'fetchers', values: 1 },
  { name: 'on-error', values: 1, choices: ['quit', 'continue', 'terminate'] },
  { name: 'debug', values: 0 },
  { name: 'version', values: 0 },
  { name: 'help', short: 'h', values: 0 },
];

export interface CommandIO {
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Whether stdout is a terminal (colours, status lines). */
  readonly tty: boolean;
}

export class CommandContext {
  private configCache: UserConfig | undefined;
  private cacheCache: ArtifactCache | undefined;

  constructor(
    readonly global: Parsed,
    readonly parsed: Parsed,
    readonly io: CommandIO,
    /** Whether `--directory` after the command is the command's own (artifact checkout), not the project. */
    private readonly artifactStyle = false,
  ) {}

  /** A flag's value given after the command, else before it. */
  pick(name: string): string | undefined {
    return one(this.parsed, name) ?? one(this.global, name);
  }

  flag(name: string): boolean {
    return has(this.parsed, name) || has(this.global, name);
  }

  positiveNumber(name: string): number | undefined {
    const text = this.pick(name);
    if (text === undefined) return undefined;
    if (!/^[1-9]\d*$/.test(text)) throw new UsageError(`--${name} takes a positive number, not '${text}'`);
    return Number(text);
  }

  get userConfig(): UserConfig {
    if (!this.configCache) {
      const file = this.pick('config');
      const config = readUserConfig({ ...(file !== undefined ? { file } : {}), env: this.io.env });
      const cacheDir = this.pick('cache-dir');
      this.configCache = cacheDir ? overrideCacheDir(config, cacheDir, this.io.cwd) : config;
    }
    return this.configCache;
  }

  get cache(): ArtifactCache {
    this.cacheCache ??= new ArtifactCache(this.userConfig.cacheDirectory);
    return this.cacheCache;
  }

  async loadGraph(targets: readonly string[]): Promise<KeyedGraph> {
    const options = [...(this.global.flags.get('option') ?? []), ...(this.parsed.flags.get('option') ?? [])].map(([name, value]) => [name!, value!] as const);
    const maxJobs = this.positiveNumber('max-jobs') ?? this.userConfig.maxJobs;
    return loadPipeline({
      // After `artifact`, --directory names the checkout directory and the project is -C.
      directory: (this.parsed.flags.has('project-directory') || this.artifactStyle ? one(this.parsed, 'project-directory') ?? one(this.global, 'directory') : this.pick('directory')) ?? this.io.cwd,
      targets,
      cliOptions: options,
      strict: !this.flag('no-strict'),
      userMirrors: this.userConfig.mirrors,
      sourceDirectory: this.userConfig.sourceDirectory,
      ...(maxJobs !== undefined ? { maxJobs } : {}),
    });
  }

  artifactState(graph: KeyedGraph): (keyed: KeyedElement) => 'cached' | 'failed' | undefined {
    return (keyed) => {
      const record = lookupArtifact(this.cache, keyed, graph.strict, false);
      if (!record) return undefined;
      return record.result.success ? 'cached' : 'failed';
    };
  }

  /** Whether an element's sources are all in the user's source cache (show's "fetch needed"). */
  sourceState(): (keyed: KeyedElement) => boolean {
    const sourceDirectory = this.userConfig.sourceDirectory;
    return (keyed) => sourcesCached(keyed, sourceDirectory);
  }

  /**
   * The cached artifact of an element, or a clear error. A failed build's artifact holds only
   * its log, so whatever needs files asks for `success`.
   */
  requireArtifact(graph: KeyedGraph, element: LoadedElement, need: 'any' | 'success' = 'any') {
    const keyed = graph.keyed(element);
    const record = lookupArtifact(this.cache, keyed, graph.strict);
    if (!record) {
      throw new CairnError('artifact-missing', `${element.fullName} is not cached (no artifact under its key)`, element.kindAt, `build it first: cairn build ${element.fullName}`);
    }
    if (need === 'success' && !record.result.success) {
      throw new CairnError('artifact-missing', `${element.fullName} failed to build; its artifact holds only the build log`, element.kindAt, `see cairn artifact log ${element.fullName}`);
    }
    return record;
  }
}

function overrideCacheDir(config: UserConfig, cacheDir: string, cwd: string): UserConfig {
  const absolute = cacheDir.startsWith('/') ? cacheDir : `${cwd}/${cacheDir}`;
  return { ...config, cacheDirectory: absolute, logDirectory: `${absolute}/logs`, sourceDirectory: `${absolute}/sources` };
}

export function defaultIO(): CommandIO {
  return { out: process.stdout, err: process.stderr, env: process.env, cwd: process.cwd(), tty: process.stdout.isTTY === true };
}
