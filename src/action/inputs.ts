// The action's inputs as typed values: every input is read once, checked, and every problem is
// reported naming the input it is in. Pure: the raw text comes from a function it is given.

import { parseQuota } from '../cache/quota.js';
import { CairnError } from '../format/errors.js';
import type { OnError } from '../scheduler/scheduler.js';
import { Defaults, Inputs, type InputName } from './constants.js';

export type CacheMode = 'actions' | 'none';
export type PushMode = 'auto' | 'true' | 'false';
export type UploadLogsMode = 'failed' | 'all' | 'none';

export interface ActionInputs {
  /** The project directory as written (relative to the workspace unless absolute). */
  readonly project: string;
  /** Empty: the project's `defaults: targets`. */
  readonly targets: readonly string[];
  readonly options: ReadonlyArray<readonly [string, string]>;
  readonly builders?: number;
  readonly maxJobs?: number;
  readonly onError: OnError;
  readonly strict: boolean;
  readonly cache: CacheMode;
  readonly remotes: readonly string[];
  readonly push: PushMode;
  /** Bytes the action's packs may take in the Actions cache (Infinity: no limit). */
  readonly maxCacheSize: number;
  readonly uploadLogs: UploadLogsMode;
  readonly checkout?: string;
  readonly fixUserns: boolean;
}

export type InputsResult = { readonly ok: true; readonly inputs: ActionInputs } | { readonly ok: false; readonly problems: readonly string[] };

/** Reads each input through `read` (the raw text, '' when not given) and checks them all. */
export function parseInputs(read: (name: InputName) => string): InputsResult {
  const problems: string[] = [];
  const problem = (name: InputName, text: string): undefined => {
    problems.push(`input '${name}': ${text}`);
    return undefined;
  };
  const raw = (name: InputName): string => read(name).trim();

  const choice = <T extends string>(name: InputName, choices: readonly T[], fallback: T): T => {
    const text = raw(name);
    if (text === '') return fallback;
    if ((choices as readonly string[]).includes(text)) return text as T;
    problem(name, `must be ${orList(choices)}, not '${text}'`);
    return fallback;
  };
  const bool = (name: InputName, fallback: boolean): boolean => {
    // The same spellings as @actions/core's getBooleanInput (YAML 1.2's core schema).
    const text = raw(name);
    if (text === '') return fallback;
    if (['true', 'True', 'TRUE'].includes(text)) return true;
    if (['false', 'False', 'FALSE'].includes(text)) return false;
    problem(name, `must be true or false, not '${text}'`);
    return fallback;
  };
  const positive = (name: InputName): number | undefined => {
    const text = raw(name);
    if (text === '') return undefined;
    if (/^[1-9]\d*$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
    return problem(name, `must be a positive whole number, not '${text}'`);
  };

  const project = raw(Inputs.Project) || Defaults.project;
  const targets = lines(read(Inputs.Targets)).flatMap((line) => line.split(/\s+/));

  const options: Array<readonly [string, string]> = [];
  lines(read(Inputs.Options)).forEach((line) => {
    const match = /^([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*(.*)$/.exec(line);
    if (match) options.push([match[1]!, match[2]!]);
    else problem(Inputs.Options, `'${line}' is not NAME=VALUE (one option a line)`);
  });

  const remotes: string[] = [];
  for (const line of lines(read(Inputs.Remotes))) {
    if (isRemoteUrl(line)) remotes.push(line);
    else problem(Inputs.Remotes, `'${line}' is not a URL (http://, https:// or file://; one remote a line)`);
  }

  let maxCacheSize = Number.POSITIVE_INFINITY;
  const sizeText = raw(Inputs.MaxCacheSize) || Defaults.maxCacheSize;
  if (/%\s*$/.test(sizeText)) {
    problem(Inputs.MaxCacheSize, `must be a size such as 4G or 500M, not a percentage ('${sizeText}')`);
  } else {
    try {
      maxCacheSize = parseQuota(sizeText, { totalBytes: 0 });
      if (maxCacheSize <= 0) problem(Inputs.MaxCacheSize, `must be more than 0, not '${sizeText}'`);
    } catch (error) {
      if (!(error instanceof CairnError)) throw error;
      problem(Inputs.MaxCacheSize, `must be a size such as 4G, 500M or 1000000000 bytes (or infinity), not '${sizeText}'`);
    }
  }

  const builders = positive(Inputs.Builders);
  const maxJobs = positive(Inputs.MaxJobs);
  const checkout = raw(Inputs.Checkout);
  if (/\s/.test(checkout)) problem(Inputs.Checkout, `names one element, not '${checkout}'`);

  const inputs: ActionInputs = {
    project,
    targets,
    options,
    ...(builders !== undefined ? { builders } : {}),
    ...(maxJobs !== undefined ? { maxJobs } : {}),
    onError: choice<OnError>(Inputs.OnError, ['quit', 'continue', 'terminate'], Defaults.onError),
    strict: bool(Inputs.Strict, Defaults.strict),
    cache: choice<CacheMode>(Inputs.Cache, ['actions', 'none'], Defaults.cache),
    remotes,
    push: choice<PushMode>(Inputs.Push, ['auto', 'true', 'false'], Defaults.push),
    maxCacheSize,
    uploadLogs: choice<UploadLogsMode>(Inputs.UploadLogs, ['failed', 'all', 'none'], Defaults.uploadLogs),
    ...(checkout !== '' ? { checkout } : {}),
    fixUserns: bool(Inputs.FixUserns, Defaults.fixUserns),
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, inputs };
}

/** The non-empty lines of a multi-line input, trimmed; lines starting with # are comments. */
function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

function isRemoteUrl(text: string): boolean {
  try {
    return ['http:', 'https:', 'file:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

function orList(choices: readonly string[]): string {
  return choices.length === 1 ? choices[0]! : `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]!}`;
}
