// A `deb` source's configuration, typed: either one package (`url` and its sha256 `ref`) or a
// package set (`suite`, `components`, `architecture`, `packages`, optional archive `url`, and a
// `ref` listing the resolved closure). Every error points at the key it is about.

import { getSequence, getStringList, scalarOf, validateKeys } from '../../format/accessors.js';
import { CairnError, type Provenance } from '../../format/errors.js';
import type { ScalarNode } from '../../format/node.js';
import type { SourceView } from '../../project/source-api.js';
import { isSha256 } from '../download-cache.js';
import { isPoolPath } from './package-index.js';

/** One package of a resolved set, as `track` writes it into `ref`. */
export interface PinnedPackage {
  readonly package: string;
  readonly version: string;
  readonly sha256: string;
  /** The pool path from the Packages index, relative to the archive root. */
  readonly filename: string;
  readonly at: Provenance;
}

export interface SingleDeb {
  readonly form: 'file';
  readonly url: ScalarNode;
  readonly ref: ScalarNode | undefined;
}

export interface DebSet {
  readonly form: 'set';
  /** The archive root (an alias such as `debian:`); absent: the machine's apt sources. */
  readonly url: ScalarNode | undefined;
  readonly suite: ScalarNode;
  readonly components: readonly string[];
  readonly architecture: string;
  readonly packages: readonly ScalarNode[];
  readonly ref: readonly PinnedPackage[] | undefined;
}

export type DebConfig = SingleDeb | DebSet;

export const DEB_CONFIG_KEYS = ['url', 'ref', 'suite', 'components', 'architecture', 'packages'] as const;
const SET_KEYS = ['suite', 'components', 'architecture', 'packages'] as const;
const REF_KEYS = ['package', 'version', 'sha256', 'filename'];

/** dpkg's name for the architecture node reports (`process.arch`), for the `architecture` default. */
export function dpkgArchitecture(nodeArch: string = process.arch): string {
  const names: Readonly<Record<string, string>> = { x64: 'amd64', arm64: 'arm64', ia32: 'i386', arm: 'armhf', ppc64: 'ppc64el', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64', mips64el: 'mips64el' };
  return names[nodeArch] ?? nodeArch;
}

export function readDebConfig(source: SourceView, hostArchitecture: string): DebConfig {
  const config = source.config;
  const url = scalarOf(config, 'url');
  const refNode = config.get('ref');
  const isSet = SET_KEYS.some((key) => config.has(key)) || refNode?.kind === 'sequence';
  if (!isSet) {
    if (url === undefined) throw new CairnError('invalid-data', "a deb source needs 'url' (one package) or 'suite' and 'packages' (a package set)", source.at);
    const ref = scalarOf(config, 'ref');
    if (ref !== undefined && !isSha256(ref.value)) throw new CairnError('invalid-data', `ref '${ref.value}' is not a sha256`, ref.at, 'a ref is the 64 lowercase hex digits of the sha256 of the .deb');
    return { form: 'file', url, ref };
  }
  const suite = scalarOf(config, 'suite');
  if (suite === undefined) throw new CairnError('invalid-data', "a deb package set needs 'suite' (e.g. bookworm)", source.at);
  const packages = getStringList(config, 'packages');
  if (packages.length === 0) throw new CairnError('invalid-data', "a deb package set needs 'packages': the names to install", config.get('packages')?.at ?? source.at);
  const components = config.has('components') ? getStringList(config, 'components').map((node) => node.value) : ['main'];
  if (components.length === 0) throw new CairnError('invalid-data', "'components' may not be empty", config.get('components')!.at);
  return {
    form: 'set',
    url,
    suite,
    components,
    architecture: scalarOf(config, 'architecture')?.value ?? hostArchitecture,
    packages,
    ref: refNode === undefined ? undefined : readPinned(source),
  };
}

function readPinned(source: SourceView): PinnedPackage[] {
  const list = getSequence(source.config, 'ref');
  if (list === undefined) return [];
  const seen = new Set<string>();
  return list.items.map((item) => {
    if (item.kind !== 'mapping') throw new CairnError('invalid-data', 'each ref entry of a deb package set is a mapping of package, version, sha256 and filename', item.at);
    validateKeys(item, REF_KEYS, 'a deb ref entry');
    const field = (key: string): string => {
      const value = scalarOf(item, key);
      if (value === undefined) throw new CairnError('invalid-data', `a deb ref entry has no '${key}'`, item.at, "run 'track' to write the ref");
      return value.value;
    };
    const pinned: PinnedPackage = { package: field('package'), version: field('version'), sha256: field('sha256'), filename: field('filename'), at: item.at };
    if (!isSha256(pinned.sha256)) throw new CairnError('invalid-data', `the sha256 of ${pinned.package} is not 64 lowercase hex digits`, item.get('sha256')!.at);
    if (!isPoolPath(pinned.filename)) throw new CairnError('invalid-data', `the filename of ${pinned.package} is not a path inside the archive`, item.get('filename')!.at);
    if (seen.has(pinned.package)) throw new CairnError('invalid-data', `${pinned.package} appears twice in the ref`, item.at);
    seen.add(pinned.package);
    return pinned;
  });
}
