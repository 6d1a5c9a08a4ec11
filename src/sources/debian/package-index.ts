// The packages of one suite and architecture as the archive's Packages indices list them: every
// version of every name, and which packages provide which virtual names. It holds what resolution
// needs (relations are parsed when a package is reached) and never downloads anything.

import { CairnError, type Provenance } from '../../format/errors.js';
import type { Stanza } from './deb822.js';
import { parseRelations, type Relation } from './relations.js';
import { compareVersions } from './version.js';

export interface PackageRecord {
  readonly name: string;
  readonly version: string;
  readonly architecture: string;
  /** The pool path, relative to the archive root. */
  readonly filename: string;
  readonly sha256: string;
  /** Raw relationship fields; empty when absent. */
  readonly depends: string;
  readonly preDepends: string;
  readonly multiArch: string | undefined;
  readonly provides: readonly Relation[];
}

export interface Provider {
  readonly record: PackageRecord;
  /** The version the package provides the name at (`Provides: foo (= 1.2)`), if it says. */
  readonly version: string | undefined;
}

/** The fields kept from a Packages stanza; descriptions and the rest are dropped while reading. */
export const INDEX_FIELDS: ReadonlySet<string> = new Set(['package', 'version', 'architecture', 'filename', 'sha256', 'depends', 'pre-depends', 'provides', 'multi-arch']);

/** Whether a Filename (or ref `filename`) stays inside the archive root it is appended to. */
export function isPoolPath(filename: string): boolean {
  if (filename === '' || filename.startsWith('/') || /[?#\\]|:\/\/|[\s\0]/.test(filename)) return false;
  return filename.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

export class PackageIndex {
  private readonly byName = new Map<string, PackageRecord[]>();
  private readonly byVirtual = new Map<string, Provider[]>();

  constructor(readonly architecture: string) {}

  /** Adds a Packages stanza; packages for other architectures are ignored. `label` names the index in errors. */
  addStanza(stanza: Stanza, label: string, at: Provenance): void {
    const name = stanza.get('package');
    const version = stanza.get('version');
    const architecture = stanza.get('architecture') ?? this.architecture;
    if (name === undefined || version === undefined) return;
    if (architecture !== this.architecture && architecture !== 'all') return;
    const filename = stanza.get('filename');
    const sha256 = stanza.get('sha256')?.toLowerCase();
    if (filename === undefined || sha256 === undefined || !/^[0-9a-f]{64}$/.test(sha256)) {
      throw new CairnError('invalid-data', `${label} lists ${name} ${version} without a Filename and SHA256`, at, 'Cairn pins every package by its sha256');
    }
    if (!isPoolPath(filename)) {
      throw new CairnError('invalid-data', `${label} gives ${name} ${version} the unsafe Filename '${filename}'`, at);
    }
    const what = `the Provides of ${name} ${version}`;
    const record: PackageRecord = {
      name,
      version,
      architecture,
      filename,
      sha256,
      depends: stanza.get('depends') ?? '',
      preDepends: stanza.get('pre-depends') ?? '',
      multiArch: stanza.get('multi-arch'),
      provides: parseRelations(stanza.get('provides') ?? '', { architecture: this.architecture, what, at }).flat(),
    };
    const versions = this.byName.get(name) ?? [];
    // The same version in a later component (or index) adds nothing: the first listing wins.
    if (versions.some((known) => compareVersions(known.version, version) === 0)) return;
    versions.push(record);
    versions.sort((a, b) => compareVersions(b.version, a.version));
    this.byName.set(name, versions);
    for (const provided of record.provides) {
      const providers = this.byVirtual.get(provided.name) ?? [];
      providers.push({ record, version: provided.constraint?.relation === '=' ? provided.constraint.version : undefined });
      this.byVirtual.set(provided.name, providers);
    }
  }

  /** Every version of a real package, newest first. */
  versionsOf(name: string): readonly PackageRecord[] {
    return this.byName.get(name) ?? [];
  }

  /** The packages that provide `name`, by package name then newest first. */
  providersOf(name: string): readonly Provider[] {
    const providers = this.byVirtual.get(name) ?? [];
    return [...providers].sort((a, b) => (a.record.name === b.record.name ? compareVersions(b.record.version, a.record.version) : a.record.name < b.record.name ? -1 : 1));
  }

  get size(): number {
    return this.byName.size;
  }
}
