// The user's configuration: where the caches live and how the scheduler behaves. Read from
// `-c FILE` or $XDG_CONFIG_HOME/cairn.conf (YAML, keys as BuildStream's user configuration),
// with command-line flags over the file over the defaults. Pure apart from reading the file.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getBool, getMapping, getSequence, getString, validateKeys } from '../format/accessors.js';
import { readMirrorList } from '../project/project.js';
import type { SourceMirror } from '../project/source-api.js';
import { CairnError, type Provenance } from '../format/errors.js';
import type { MappingNode } from '../format/node.js';
import { readYaml } from '../format/yaml-reader.js';
import { defaultQuota, diskOf, parseQuota } from '../cache/quota.js';
import type { OnError } from '../scheduler/scheduler.js';

export interface UserConfig {
  readonly cacheDirectory: string;
  readonly logDirectory: string;
  readonly sourceDirectory: string;
  /** `cache: quota:` as written (parsed against the disk when used), and where. */
  readonly quota?: { readonly text: string; readonly at: Provenance };
  readonly builders?: number;
  readonly fetchers: number;
  readonly onError: OnError;
  readonly maxJobs?: number;
  readonly retryFailed: boolean;
  readonly bwrap?: string;
  /** `projects: <name>: mirrors:`, tried before each project's own mirrors. */
  readonly mirrors: ReadonlyMap<string, readonly SourceMirror[]>;
}

export interface UserConfigInputs {
  /** `-c FILE`; when absent, $XDG_CONFIG_HOME/cairn.conf if it exists. */
  readonly file?: string;
  readonly env: NodeJS.ProcessEnv;
}

const TOP_KEYS = ['cachedir', 'logdir', 'sourcedir', 'cache', 'scheduler', 'build', 'sandbox', 'projects'];

export function readUserConfig(inputs: UserConfigInputs): UserConfig {
  const env = inputs.env;
  const home = env['HOME'] ?? os.homedir();
  const configHome = env['XDG_CONFIG_HOME'] || path.join(home, '.config');
  const cacheHome = env['XDG_CACHE_HOME'] || path.join(home, '.cache');
  const file = inputs.file ?? path.join(configHome, 'cairn.conf');
  let node: MappingNode | undefined;
  if (inputs.file !== undefined || fs.existsSync(file)) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw new CairnError('missing-file', `cannot read the user configuration ${file}`);
    }
    node = readYaml(text, file);
    validateKeys(node, TOP_KEYS, 'the user configuration');
  }
  const dir = (key: string, fallback: string): string => {
    const value = node && getString(node, key);
    if (value === undefined) return fallback;
    const expanded = expandPath(value, env, home);
    if (!path.isAbsolute(expanded)) throw new CairnError('invalid-data', `${key} must be an absolute path, not '${value}'`, node!.get(key)!.at);
    return expanded;
  };
  const cacheDirectory = dir('cachedir', path.join(cacheHome, 'cairn'));
  const cache = node && getMapping(node, 'cache');
  if (cache) validateKeys(cache, ['quota'], "'cache'");
  const scheduler = node && getMapping(node, 'scheduler');
  if (scheduler) validateKeys(scheduler, ['builders', 'fetchers', 'on-error', 'network-retries', 'pushers'], "'scheduler'");
  const build = node && getMapping(node, 'build');
  if (build) validateKeys(build, ['max-jobs', 'retry-failed', 'dependencies'], "'build'");
  const sandbox = node && getMapping(node, 'sandbox');
  if (sandbox) validateKeys(sandbox, ['bwrap'], "'sandbox'");

  const quotaNode = cache?.get('quota');
  const onErrorText = scheduler && getString(scheduler, 'on-error');
  if (onErrorText !== undefined && !['quit', 'continue', 'terminate'].includes(onErrorText)) {
    throw new CairnError('invalid-data', `on-error must be quit, continue or terminate, not '${onErrorText}'`, scheduler!.get('on-error')!.at);
  }
  const builders = scheduler && count(scheduler, 'builders');
  const maxJobs = build && count(build, 'max-jobs', true);
  const bwrap = sandbox && getString(sandbox, 'bwrap');
  const mirrors = new Map<string, SourceMirror[]>();
  const projects = node && getMapping(node, 'projects');
  for (const [project, settings] of projects?.entries ?? []) {
    if (settings.kind !== 'mapping') throw new CairnError('invalid-data', `projects: ${project} must be a mapping`, settings.at);
    validateKeys(settings, ['mirrors'], `the settings of project '${project}'`);
    mirrors.set(project, readMirrorList(getSequence(settings, 'mirrors')));
  }
  return {
    mirrors,
    cacheDirectory,
    logDirectory: dir('logdir', path.join(cacheDirectory, 'logs')),
    sourceDirectory: dir('sourcedir', path.join(cacheDirectory, 'sources')),
    ...(quotaNode?.kind === 'scalar' ? { quota: { text: quotaNode.value, at: quotaNode.at } } : {}),
    ...(builders !== undefined ? { builders } : {}),
    fetchers: (scheduler && count(scheduler, 'fetchers')) ?? 10,
    onError: (onErrorText as OnError | undefined) ?? 'quit',
    ...(maxJobs ? { maxJobs } : {}),
    retryFailed: build ? getBool(build, 'retry-failed', false) : false,
    ...(bwrap ? { bwrap } : {}),
  };
}

function count(node: MappingNode, key: string, zeroAllowed = false): number | undefined {
  const text = getString(node, key);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || (!zeroAllowed && Number(text) === 0)) {
    throw new CairnError('invalid-data', `${key} must be a ${zeroAllowed ? 'whole' : 'positive'} number, not '${text}'`, node.get(key)!.at);
  }
  return Number(text);
}

/** `~` and `$VAR`/`${VAR}` as BuildStream expands directory settings. */
function expandPath(value: string, env: NodeJS.ProcessEnv, home: string): string {
  const withHome = value === '~' || value.startsWith('~/') ? home + value.slice(1) : value;
  return withHome.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string | undefined, b: string | undefined) => env[(a ?? b)!] ?? '');
}

/** The cache quota in bytes: `cache: quota:` against the cache's disk, else the default share of it. */
export function resolveQuota(config: UserConfig): number {
  const disk = diskOf(config.cacheDirectory);
  return config.quota ? parseQuota(config.quota.text, disk, config.quota.at) : defaultQuota(disk);
}
