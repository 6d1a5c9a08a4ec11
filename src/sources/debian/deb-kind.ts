// The `deb` source kind: one .deb pinned by sha256, or a package set resolved against a Debian
// archive into a pinned closure. The machine it runs on (apt configuration root, keyring, gpgv,
// architecture) is passed in, so tests run it against archives and apt trees of their own.
// Archives come from a project alias (and its mirrors) or the machine's apt sources, never from
// a host named here.

import fs from 'node:fs';
import path from 'node:path';
import type { JsonValue } from '../../cache/canonical-json.js';
import { CairnError, type Provenance } from '../../format/errors.js';
import type { SourceContext, SourcePlugin, SourceView, TrackResult } from '../../project/source-api.js';
import { downloadPath, ensureDownloaded, isDownloaded } from '../download-cache.js';
import { firstThatWorks } from '../url-fallback.js';
import { candidateUrls, type UrlPurpose } from '../urls.js';
import { readAptSources, findAptArchive } from './apt-sources.js';
import { readControl } from './deb-file.js';
import { resolveClosure } from './resolve.js';
import { DEB_CONFIG_KEYS, readDebConfig, type DebConfig, type DebSet, type PinnedPackage } from './source-config.js';
import { stagePackages, type StagedPackage } from './stage-packages.js';
import { loadSuiteIndex } from './suite-index.js';

export interface DebMachine {
  /** The root under which etc/apt/sources.list(.d) is read: `/` on a real machine. */
  readonly aptRoot: string;
  /** The keyring Release signatures are checked against, unless the apt source names its own. */
  readonly keyring: string;
  /** The gpgv executable, looked up when tracking; undefined when the host has none. */
  readonly gpgv: () => string | undefined;
  /** The `architecture` default: the host's, in dpkg's spelling. */
  readonly architecture: string;
  /** Packages downloaded at once while fetching a set. */
  readonly parallelDownloads?: number;
}

/** Downloads live beside the other kinds' under `<sourceCache>/deb/<sha256>`. */
const CACHE_KIND = 'deb';

interface Archive {
  readonly bases: readonly string[];
  readonly keyring: string;
}

export function debSourceKind(machine: DebMachine): SourcePlugin {
  // Loading an element validates, keys and checks the cache of each source: reading a set's
  // pinned closure (thousands of packages) once per view keeps that to one pass.
  const configs = new WeakMap<SourceView, DebConfig>();
  const configOf = (source: SourceView): DebConfig => {
    let config = configs.get(source);
    if (config === undefined) {
      config = readDebConfig(source, machine.architecture);
      configs.set(source, config);
    }
    return config;
  };
  const scratchOf = (context: SourceContext): string => path.join(context.sourceCache, '.deb-scratch');

  /**
   * The archive roots to try for a set: the alias's own prefix and its mirrors (upstream first when
   * tracking, mirrors first when fetching), or else the machine's apt source for the suite.
   */
  const archiveOf = (source: SourceView, config: DebSet, purpose: UrlPurpose): Archive => {
    if (config.url !== undefined) {
      const bases = candidateUrls(config.url.value, source.aliases, source.mirrors, config.url.at, purpose);
      return { bases: bases.map((base) => (base.endsWith('/') ? base : `${base}/`)), keyring: machine.keyring };
    }
    const found = findAptArchive(readAptSources(machine.aptRoot), config.suite.value);
    if (found === undefined) {
      throw new CairnError('fetch-failed', `no url, and no apt source of this machine has suite ${config.suite.value}`, config.suite.at, "set 'url:' to an alias for the archive root, e.g. 'debian:'");
    }
    return { bases: [found.url], keyring: found.signedBy ?? machine.keyring };
  };

  return {
    kind: 'deb',
    configKeys: DEB_CONFIG_KEYS,
    needsFetch: true,
    validate: (source) => void configOf(source),
    isResolved(source) {
      const config = configOf(source);
      return config.form === 'file' ? config.ref !== undefined : config.ref !== undefined && config.ref.length > 0;
    },
    uniqueKey(source): JsonValue {
      const config = configOf(source);
      // The content is pinned by digest, so where it comes from (the archive, a mirror) is not part of the key.
      if (config.form === 'file') return config.ref?.value ?? null;
      return (config.ref ?? []).map((pinned) => [pinned.package, pinned.version, pinned.sha256]);
    },
    isCached(source, context) {
      const config = configOf(source);
      if (config.form === 'file') return config.ref !== undefined && isDownloaded(context.sourceCache, CACHE_KIND, config.ref.value);
      return config.ref !== undefined && config.ref.every((pinned) => isDownloaded(context.sourceCache, CACHE_KIND, pinned.sha256));
    },

    async track(source, context): Promise<TrackResult | undefined> {
      const config = configOf(source);
      // One .deb has nothing to follow: its ref is the file's digest.
      if (config.form === 'file') return undefined;
      const archive = archiveOf(source, config, 'track');
      await fs.promises.mkdir(scratchOf(context), { recursive: true });
      const scratch = await fs.promises.mkdtemp(path.join(scratchOf(context), 'track-'));
      try {
        const { index } = await loadSuiteIndex({
          bases: archive.bases,
          suite: config.suite.value,
          components: config.components,
          architecture: config.architecture,
          gpgv: machine.gpgv(),
          keyring: archive.keyring,
          scratch,
          at: config.suite.at,
          signal: context.signal,
          log: (line) => context.log(line),
        });
        const closure = resolveClosure(index, config.packages.map((node) => ({ text: node.value, at: node.at })), (line) => context.log(line));
        return { ref: closure.map((record) => ({ package: record.name, version: record.version, sha256: record.sha256, filename: record.filename })) };
      } finally {
        await fs.promises.rm(scratch, { recursive: true, force: true });
      }
    },

    async fetch(source, context) {
      const config = configOf(source);
      if (config.form === 'file') {
        const ref = requireRef(source, config.ref);
        await downloadFirst(candidateUrls(config.url.value, source.aliases, source.mirrors, config.url.at, 'fetch'), ref.value, undefined, ref.at, context);
        return;
      }
      const pinned = requirePinned(source, config);
      const missing = pinned.filter((entry) => !isDownloaded(context.sourceCache, CACHE_KIND, entry.sha256));
      if (missing.length === 0) return;
      const { bases } = archiveOf(source, config, 'fetch');
      await eachLimited(missing, machine.parallelDownloads ?? 4, context.signal, (entry) =>
        downloadFirst(bases.map((base) => base + entry.filename), entry.sha256, entry, entry.at, context),
      );
    },

    async stage(source, directory, context) {
      const config = configOf(source);
      const scratch = scratchOf(context);
      let packages: StagedPackage[];
      if (config.form === 'file') {
        const ref = requireRef(source, config.ref);
        const deb = { file: cached(context, ref.value, config.url.value, source.at), label: config.url.value, at: source.at };
        await fs.promises.mkdir(scratch, { recursive: true });
        const name = (await readControl(deb, scratch, context.signal)).get('package');
        if (name === undefined) throw new CairnError('invalid-data', `${config.url.value} has no Package field in its control file`, source.at);
        packages = [{ ...deb, name }];
      } else {
        packages = requirePinned(source, config).map((entry) => ({
          file: cached(context, entry.sha256, `${entry.package} ${entry.version}`, entry.at),
          label: `${entry.package} ${entry.version}`,
          at: entry.at,
          name: entry.package,
        }));
      }
      await stagePackages({ packages, directory, scratch, signal: context.signal, log: (line) => context.log(line) });
    },
  };
}

function requireRef<T>(source: SourceView, ref: T | undefined): T {
  if (ref === undefined) throw new CairnError('invalid-data', 'the deb source has no ref, so there is nothing to fetch', source.at, "add 'ref:' with the sha256 of the .deb");
  return ref;
}

function requirePinned(source: SourceView, config: DebSet): readonly PinnedPackage[] {
  if (config.ref === undefined || config.ref.length === 0) {
    throw new CairnError('invalid-data', 'the deb package set has no ref, so there is nothing to fetch', source.at, "run 'track' to resolve the packages into a ref");
  }
  return config.ref;
}

function cached(context: SourceContext, sha256: string, what: string, at: Provenance): string {
  if (!isDownloaded(context.sourceCache, CACHE_KIND, sha256)) {
    throw new CairnError('source-not-cached', `the deb package ${what} has not been fetched`, at, 'fetch it first');
  }
  return downloadPath(context.sourceCache, CACHE_KIND, sha256);
}

/**
 * Downloads the file pinned by `sha256` from the first URL that gives it (a mirror missing it or
 * serving other bytes moves on to the next); when all fail, the error names the package.
 */
async function downloadFirst(urls: readonly string[], sha256: string, pinned: PinnedPackage | undefined, at: Provenance, context: SourceContext): Promise<void> {
  const log = (line: string): void => context.log(line);
  const written = pinned === undefined ? (urls[0] ?? '') : pinned.filename;
  try {
    await firstThatWorks(urls, (url) => ensureDownloaded({ sourceCache: context.sourceCache, kind: CACHE_KIND, ref: sha256, url, at, refAt: at, signal: context.signal, log }), { written, at, log, doing: 'fetching' });
  } catch (error) {
    if (pinned === undefined || !(error instanceof CairnError)) throw error;
    throw new CairnError(error.reason, `package ${pinned.package} ${pinned.version}: ${error.message}`, error.provenance ?? at, error.hint);
  }
}

/** Runs `task` over `items` with at most `limit` at once; the first failure stops new starts. */
async function eachLimited<T>(items: readonly T[], limit: number, signal: AbortSignal, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      signal.throwIfAborted();
      const item = items[next++]!;
      try {
        await task(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  const rejected = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (rejected) throw rejected.reason;
}
