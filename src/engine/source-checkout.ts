// Puts elements' sources on the host, laid out as BuildStream's `source checkout` lays them:
// `<element normal name>/` per element with sources (under `<junction normal name>/` for
// elements of a subproject), optionally with a `build-<normal name>` script per build element
// and a `build.sh` that runs them in order; into a directory or a tarball. Sources must be
// fetched first: this module stages, it never downloads.

import fs from 'node:fs';
import path from 'node:path';
import { normalName } from '../cache/artifact-cache.js';
import { removeTree } from '../cache/remove-tree.js';
import type { LoadedElement } from '../project/loader.js';
import type { SourceContext } from '../project/source-api.js';
import { COMMAND_STEPS } from '../../plugins/elements/build-element.js';
import { requireEmptyDirectory, writeTarball } from './checkout-target.js';
import type { KeyedElement, KeyedGraph } from './pipeline.js';
import { stageElementSources } from './element-sources.js';

export interface SourceCheckoutRequest {
  readonly graph: KeyedGraph;
  /** In staging order (the order build.sh builds them in). */
  readonly elements: readonly LoadedElement[];
  readonly sourceDirectory: string;
  /** A directory that must be empty or absent, or a tarball (gzip-compressed when named .tar.gz or .tgz). */
  readonly target: { readonly directory: string } | { readonly tar: string };
  readonly includeBuildScripts: boolean;
  /** Scratch space for a tarball's staging, on a filesystem with room for the sources. */
  readonly workDirectory: string;
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
}

export interface SourceCheckoutResult {
  /** Element directories written, relative to the checkout. */
  readonly directories: readonly string[];
  readonly scripts: readonly string[];
}

/** `<normal name>` of the element, under the normal names of the junctions it was reached through. */
export function elementDirectory(element: LoadedElement): string {
  const junctions = element.junction === '' ? [] : element.junction.split(':').map(normalName);
  return [...junctions, normalName(element.name)].join('/');
}

export async function sourceCheckout(request: SourceCheckoutRequest): Promise<SourceCheckoutResult> {
  const { target } = request;
  const stagingParent = 'directory' in target ? path.dirname(path.resolve(target.directory)) : request.workDirectory;
  if ('directory' in target) requireEmptyDirectory(target.directory);
  fs.mkdirSync(stagingParent, { recursive: true });
  // Staged beside the destination and renamed into place: the checkout appears whole or not at all.
  const work = fs.mkdtempSync(path.join(stagingParent, '.cairn-source-checkout-'));
  try {
    const result = await stageAll(request, work);
    if ('directory' in target) {
      if (fs.existsSync(target.directory)) fs.rmdirSync(target.directory);
      fs.renameSync(work, target.directory);
    } else {
      await writeTarball(work, target.tar);
    }
    return result;
  } finally {
    if (fs.existsSync(work)) removeTree(work);
  }
}

async function stageAll(request: SourceCheckoutRequest, root: string): Promise<SourceCheckoutResult> {
  const context: SourceContext = {
    sourceCache: request.sourceDirectory,
    signal: request.signal ?? new AbortController().signal,
    log: request.log ?? (() => undefined),
  };
  const directories: string[] = [];
  const scripts: string[] = [];
  const built: string[] = [];
  for (const loaded of request.elements) {
    if (loaded.kind === 'junction' || loaded.kind === 'link') continue;
    const element = request.graph.keyed(loaded);
    const relative = elementDirectory(loaded);
    if (element.composed.sources.length > 0) {
      const directory = path.join(root, relative);
      fs.mkdirSync(directory, { recursive: true });
      await stageElementSources(element, directory, context);
      directories.push(relative);
    }
    if (request.includeBuildScripts) {
      const script = buildScript(element, relative);
      if (script !== undefined) {
        const name = `build-${relative.replace(/\//g, '-')}`;
        fs.writeFileSync(path.join(root, name), script, { mode: 0o755 });
        scripts.push(name);
        built.push(name);
      }
    }
  }
  if (request.includeBuildScripts) {
    fs.writeFileSync(path.join(root, 'build.sh'), masterScript(built), { mode: 0o755 });
    scripts.push('build.sh');
  }
  return { directories, scripts };
}

/**
 * A shell script that builds the element on the host the way its sandboxed build would: the
 * sources copied into %{build-root}, the element's environment exported, each command of the
 * four steps run with `set -ex`, then the install root copied into `/`. Undefined for kinds
 * that are not build elements (import, stack, compose, script…), as in BuildStream.
 */
export function buildScript(element: KeyedElement, sourceDirectory: string): string | undefined {
  const config = element.composed.config;
  if (!element.composed.plugin.runsCommands(element.composed.view)) return undefined;
  if (!COMMAND_STEPS.some((step) => config.has(step))) return undefined;
  const variables = element.composed.view.variables;
  const buildRoot = variables.get('build-root');
  const installRoot = variables.get('install-root');
  if (!buildRoot || !installRoot) return undefined;
  const subdir = variables.get('command-subdir');
  const workDirectory = subdir ? `${buildRoot}/${subdir}` : buildRoot;
  const name = element.loaded.fullName;
  const environment = [...element.composed.environment.entries]
    .flatMap(([key, value]) => (value.kind === 'scalar' ? [`export ${key}=${quote(value.value)}`] : []))
    .join('\n');
  const steps = COMMAND_STEPS.flatMap((step) => {
    const list = config.get(step);
    if (!list || list.kind !== 'sequence' || list.items.length === 0) return [];
    // A command that expands to nothing (strip-commands without %{strip-binaries}) does nothing.
    const commands = list.items.flatMap((item) => (item.kind === 'scalar' && item.value.trim() !== '' ? [`(set -ex; ${item.value}\n) || exit 1`] : []));
    return commands.length > 0 ? [`# ${step}\n${commands.join('\n')}`] : [];
  });
  return `#!/bin/sh
# Builds ${name} on this host as its build would run in Cairn's sandbox, from the sources
# checked out beside this script. Generated by cairn source checkout --include-build-scripts.
# It runs as it is, outside any sandbox: what the element builds against must be in / already,
# and it writes to ${buildRoot}, ${installRoot} and, at the end, to /.

set -e

SRCDIR="\${SRCDIR:-$(cd "$(dirname "$0")" && pwd)}"

echo ${quote(`Building ${name}`)}
rm -rf ${quote(buildRoot)} ${quote(installRoot)}
mkdir -p ${quote(buildRoot)} ${quote(installRoot)}
if [ -d "$SRCDIR/${sourceDirectory}/" ]; then
    cp -a "$SRCDIR/${sourceDirectory}/." ${quote(buildRoot)}
fi
mkdir -p ${quote(workDirectory)}
cd ${quote(workDirectory)}

${environment}

${steps.join('\n\n')}

cd /
rm -rf ${quote(buildRoot)}

echo ${quote(`Installing ${name}`)}
cp -a ${quote(`${installRoot}/.`)} /
`;
}

/** build.sh: runs each element's script in build order. */
export function masterScript(scripts: readonly string[]): string {
  return `#!/bin/sh
# Builds every element checked out here, dependencies first, with the build-* scripts beside it.
# Generated by cairn source checkout --include-build-scripts.

set -eu

SRCDIR="$(cd "$(dirname "$0")" && pwd)"
export SRCDIR

for script in ${scripts.map(quote).join(' ')}; do
    echo "Running $script"
    "$SRCDIR/$script"
    if [ -x /sbin/ldconfig ]; then
        /sbin/ldconfig || true
    fi
done
`;
}

/** POSIX single quotes: the text exactly, whatever it holds. */
function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
