// The dependency closure of a package list against one suite's index: Pre-Depends and Depends
// (never Recommends or Suggests), the first satisfiable of `a | b`, versioned constraints,
// virtual names through Provides and `:any`/`:native` qualifiers. Only the packages asked for
// and what they need are chosen: the archive's Essential packages are not added on their own.
// One version per name, the newest that fits, chosen in a fixed order so the same index always
// gives the same closure; when a later relation rules out a version chosen earlier, resolution
// starts again knowing that constraint. It never downloads; an unsatisfiable relation names the
// chain that needed it.

import { CairnError, type Provenance } from '../../format/errors.js';
import type { PackageIndex, PackageRecord } from './package-index.js';
import { describeRelation, parseRelations, type AlternativeGroup, type Relation } from './relations.js';
import { satisfiesRelation } from './version.js';

export interface RequestedPackage {
  /** As written in `packages:` (a name, optionally with a version constraint). */
  readonly text: string;
  readonly at: Provenance;
}

interface Selection {
  readonly record: PackageRecord;
  /** The relation it was chosen for. */
  readonly relation: Relation;
  /** The packages that led here, the requested one first (this one included). */
  readonly chain: readonly string[];
  readonly at: Provenance;
}

const label = (record: PackageRecord): string => `${record.name} ${record.version}`;

/** A relation that rules out the version already chosen for its name; a retry may fix it. */
class VersionClash {
  constructor(
    /** The relation the chosen version fails, and the one it was chosen for. */
    readonly relations: readonly [Relation, Relation],
    readonly error: CairnError,
  ) {}
}

/** Restarts allowed: each learns one more constraint, so this bounds pathological indices only. */
const MAX_ATTEMPTS = 100;

export function resolveClosure(index: PackageIndex, requested: readonly RequestedPackage[], log: (line: string) => void): PackageRecord[] {
  // Constraints met late in an earlier attempt, by package name: versions must satisfy them all.
  const learned = new Map<string, Relation[]>();
  for (let attempt = 1; ; attempt++) {
    const lines: string[] = [];
    try {
      const closure = resolveOnce(index, requested, learned, (line) => void lines.push(line));
      for (const line of lines) log(line);
      return closure;
    } catch (error) {
      if (!(error instanceof VersionClash)) throw error;
      const [relation, earlier] = error.relations;
      const known = learned.get(relation.name) ?? [];
      const fresh = [relation, earlier].filter((candidate) => candidate.name === relation.name && !known.some((each) => describeRelation(each) === describeRelation(candidate)));
      const constraints = [...known, ...fresh];
      const possible = index.versionsOf(relation.name).some((record) => constraints.every((each) => versionFits(each, record.version)));
      if (fresh.length === 0 || !possible || attempt >= MAX_ATTEMPTS) throw error.error;
      learned.set(relation.name, constraints);
      log(`${relation.name}: resolving again for a version that also satisfies '${describeRelation(relation)}'`);
    }
  }
}

function versionFits(relation: Relation, version: string | undefined): boolean {
  return relation.constraint === undefined || (version !== undefined && satisfiesRelation(version, relation.constraint.relation, relation.constraint.version));
}

function resolveOnce(index: PackageIndex, requested: readonly RequestedPackage[], learned: ReadonlyMap<string, readonly Relation[]>, log: (line: string) => void): PackageRecord[] {
  const selected = new Map<string, Selection>();
  const queue: Selection[] = [];
  const architecture = index.architecture;

  const qualifierAllows = (relation: Relation, record: PackageRecord, viaProvides: boolean): boolean => {
    const qualifier = relation.qualifier;
    if (qualifier === undefined || qualifier === 'native') return true;
    // `:any` asks for a package that may serve other architectures (Multi-Arch: allowed).
    if (qualifier === 'any') return viaProvides || record.multiArch === 'allowed';
    return qualifier === architecture && (record.architecture === architecture || record.architecture === 'all');
  };

  const versionAllows = versionFits;
  /** Whether a chosen package already satisfies the relation, by name or by what it provides. */
  const satisfiedBySelection = (relation: Relation): boolean => {
    const same = selected.get(relation.name);
    if (same && versionAllows(relation, same.record.version) && qualifierAllows(relation, same.record, false)) return true;
    for (const { record } of selected.values()) {
      for (const provided of record.provides) {
        if (provided.name !== relation.name) continue;
        const version = provided.constraint?.relation === '=' ? provided.constraint.version : undefined;
        if (versionAllows(relation, version) && qualifierAllows(relation, record, true)) return true;
      }
    }
    return false;
  };

  /** The newest real package of that name satisfying the relation. */
  const realCandidate = (relation: Relation): PackageRecord | undefined =>
    index
      .versionsOf(relation.name)
      .find((record) => versionAllows(relation, record.version) && qualifierAllows(relation, record, false) && (learned.get(record.name) ?? []).every((each) => versionAllows(each, record.version)));

  /** The newest real package satisfying the relation, else the first provider (by name) that does. */
  const candidateFor = (relation: Relation): PackageRecord | undefined => {
    const real = realCandidate(relation);
    if (real) return real;
    const providers = index.providersOf(relation.name).filter(({ record, version }) => versionAllows(relation, version) && qualifierAllows(relation, record, true));
    const first = providers[0];
    if (first === undefined) return undefined;
    const names = [...new Set(providers.map(({ record }) => record.name))];
    if (names.length > 1) log(`${relation.name} is provided by ${names.join(', ')}; choosing ${first.record.name}`);
    return first.record;
  };

  const select = (record: PackageRecord, chain: readonly string[], at: Provenance, wanted: Relation): void => {
    const earlier = selected.get(record.name);
    if (earlier) {
      const neededBy = chain.length > 0 ? chain.join(' → ') : 'packages:';
      const chosenFor = earlier.chain.length > 1 ? `for ${earlier.chain.slice(0, -1).join(' → ')}` : 'in packages:';
      const error = new CairnError(
        'invalid-data',
        `cannot satisfy '${describeRelation(wanted)}' needed by ${neededBy}: ${label(earlier.record)} was chosen ${chosenFor} ('${describeRelation(earlier.relation)}')`,
        at,
        'one version of each package is staged, and none satisfies every relation on it',
      );
      throw new VersionClash([wanted, earlier.relation], error);
    }
    const selection: Selection = { record, relation: wanted, chain: [...chain, label(record)], at };
    selected.set(record.name, selection);
    queue.push(selection);
  };

  const satisfy = (group: AlternativeGroup, chain: readonly string[], at: Provenance, field: string): void => {
    if (group.some(satisfiedBySelection)) return;
    for (const relation of group) {
      const candidate = candidateFor(relation);
      if (candidate) {
        select(candidate, chain, at, relation);
        return;
      }
    }
    const written = group.map(describeRelation).join(' | ');
    const needer = chain.length > 0 ? `, which ${chain.at(-1)} needs (${field}); chain: ${[...chain, written].join(' → ')}` : ' (asked for in packages:)';
    throw new CairnError('invalid-data', `unsatisfiable dependency '${written}'${needer}`, at, availability(index, group));
  };

  for (const request of requested) {
    const groups = parseRelations(request.text, { architecture, what: `package '${request.text}'`, at: request.at });
    if (groups.length !== 1) throw new CairnError('invalid-data', `'${request.text}' is not one package name`, request.at);
    const group = groups[0]!;
    const chosen = (relation: Relation): boolean => {
      const same = selected.get(relation.name);
      return same !== undefined && versionAllows(relation, same.record.version);
    };
    if (group.some(chosen)) continue;
    // A package asked for by name is chosen itself, even when an earlier one provides its name.
    const real = group.map((relation) => ({ relation, record: realCandidate(relation) })).find(({ record }) => record !== undefined);
    if (real?.record !== undefined) select(real.record, [], request.at, real.relation);
    else satisfy(group, [], request.at, 'packages');
  }

  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const { record, chain, at } = next;
    for (const [field, text] of [['Pre-Depends', record.preDepends], ['Depends', record.depends]] as const) {
      const groups = parseRelations(text, { architecture, what: `the ${field} of ${label(record)}`, at });
      for (const group of groups) satisfy(group, chain, at, field);
    }
  }

  const closure = [...selected.values()].map(({ record }) => record).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  log(`resolved ${closure.length} packages from ${requested.length} asked for`);
  return closure;
}

/** What the archive does have under the names in the group, for the error's hint. */
function availability(index: PackageIndex, group: AlternativeGroup): string {
  const parts = group.map((relation) => {
    const versions = index.versionsOf(relation.name).map((record) => record.version);
    const providers = [...new Set(index.providersOf(relation.name).map(({ record }) => record.name))];
    if (versions.length === 0 && providers.length === 0) return `no package is named or provides ${relation.name}`;
    const have = versions.length > 0 ? `${relation.name} ${versions.join(', ')}` : '';
    const via = providers.length > 0 ? `${have === '' ? '' : '; '}provided by ${providers.join(', ')}` : '';
    return `the archive has ${have}${via}`;
  });
  return parts.join('; ');
}
