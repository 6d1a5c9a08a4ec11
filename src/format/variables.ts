// Resolves `%{name}` references in variable values and expands them in strings and node trees,
// as BuildStream 2 does. It never reads files or decides which layers exist: the loader hands it
// composed `variables:` mappings and the automatic values, and gets strings or errors back.

import { booleanValue } from './accessors.js';
import { CairnError, formatProvenance, type Provenance } from './errors.js';
import { MappingNode, ScalarNode, SequenceNode, SYNTHETIC, type Node } from './node.js';

/** BuildStream 2's builtin variables, exactly as its projectconfig.yaml declares them. */
export const BUILTIN_VARIABLES_YAML = `variables:
  # Path configuration, to be used in build instructions.
  prefix: "/usr"
  exec_prefix: "%{prefix}"
  bindir: "%{exec_prefix}/bin"
  sbindir: "%{exec_prefix}/sbin"
  libexecdir: "%{exec_prefix}/libexec"
  datadir: "%{prefix}/share"
  sysconfdir: "/etc"
  sharedstatedir: "%{prefix}/com"
  localstatedir: "/var"
  lib: "lib"
  libdir: "%{prefix}/%{lib}"
  debugdir: "%{libdir}/debug"
  includedir: "%{prefix}/include"
  docdir: "%{datadir}/doc"
  infodir: "%{datadir}/info"
  mandir: "%{datadir}/man"

  # Indicates the default build directory where input is
  # normally staged
  build-root: /buildstream/%{project-name}/%{element-name}

  # Indicates where the build system should look for configuration files
  conf-root: .

  # Indicates the build installation directory in the sandbox
  install-root: /buildstream-install

  # You need to override this with the commands specific for your system
  strip-binaries: ""
`;

/** Variables Cairn sets itself; no project.conf, `elements:` override or element may set them. */
export const PROTECTED_VARIABLES: readonly string[] = ['project-name', 'element-name', 'max-jobs'];

/** Automatic values for one layer (`project-name`, `element-name`, `max-jobs`), in declaration order. */
export type Automatics = Readonly<Record<string, string>>;

/** Throw at the first protected variable this mapping tries to set. */
export function assertNotProtected(variablesNode: MappingNode): void {
  for (const name of PROTECTED_VARIABLES) {
    if (!variablesNode.has(name)) continue;
    throw new CairnError(
      'protected-variable',
      `invalid redefinition of protected variable '${name}'`,
      variablesNode.whereIs(name),
      `'project-name', 'element-name' and 'max-jobs' are set by Cairn; remove '${name}' from this variables: section`,
    );
  }
}

/**
 * Whether a composed `notparallel` value asks for a serial build. Like BuildStream, the value is
 * read as written (before expansion) and must be one of True, true, 1, False, false or 0.
 */
export function isNotParallel(value: { readonly value: string; readonly at: Provenance } | undefined): boolean {
  if (value === undefined) return false;
  const parsed = booleanValue(value.value);
  if (parsed !== undefined) return parsed;
  throw new CairnError(
    'invalid-data',
    `value of 'notparallel' is not of the expected type 'boolean': '${value.value}'`,
    value.at,
    'write True, true, 1, False, false or 0',
  );
}

// ---------------------------------------------------------------------------------------------
// Value expressions: a string broken once into literal text and variable names.

/** `lits` has one more entry than `refs`: lits[0] refs[0] lits[1] refs[1] ... lits[n]. */
interface Parsed {
  readonly lits: readonly string[];
  readonly refs: readonly string[];
}

const REFERENCE = /%\{([a-zA-Z][a-zA-Z0-9_-]*)\}/g;

// Element files repeat the same strings (plugin defaults, shared commands) thousands of times,
// so parsing is cached across instances; the cap only bounds memory on pathological inputs.
// null records text that looked like it might refer to something but does not.
const PARSE_CACHE = new Map<string, Parsed | null>();
const PARSE_CACHE_LIMIT = 100_000;

/** The references in `text`, or undefined when it is all literal. */
function parse(text: string): Parsed | undefined {
  if (!text.includes('%{')) return undefined;
  const cached = PARSE_CACHE.get(text);
  if (cached !== undefined) return cached ?? undefined;
  const lits: string[] = [];
  const refs: string[] = [];
  let last = 0;
  REFERENCE.lastIndex = 0;
  for (let match = REFERENCE.exec(text); match !== null; match = REFERENCE.exec(text)) {
    lits.push(text.slice(last, match.index));
    refs.push(match[1]!);
    last = REFERENCE.lastIndex;
  }
  lits.push(text.slice(last));
  const parsed: Parsed | null = refs.length === 0 ? null : { lits, refs };
  if (PARSE_CACHE.size >= PARSE_CACHE_LIMIT) PARSE_CACHE.clear();
  PARSE_CACHE.set(text, parsed);
  return parsed ?? undefined;
}

/** One declared variable: its text as written, where it was written, and its references if any. */
interface Definition {
  readonly name: string;
  readonly value: string;
  readonly at: Provenance;
  readonly parsed: Parsed | undefined;
}

function define(name: string, value: string, at: Provenance): Definition {
  return { name, value, at, parsed: parse(value) };
}

/** What `notparallel` puts in place of `max-jobs`; shared so that layers can see it is unchanged. */
const SERIAL_MAX_JOBS = define('max-jobs', '1', SYNTHETIC);

function declarationsOf(node: MappingNode | undefined, automatics: Automatics): Map<string, Definition> {
  const declared = new Map<string, Definition>();
  // forEach and for-in rather than destructuring iterators: this runs once per element, mostly
  // before the JIT has warmed up, where they are markedly cheaper.
  node?.entries.forEach((value, name) => {
    if (value.kind !== 'scalar') {
      throw new CairnError(
        'invalid-data',
        `variable '${name}' must be a string, not ${value.kind === 'sequence' ? 'a list' : 'a mapping'}`,
        value.at,
      );
    }
    declared.set(name, define(name, value.value, value.at));
  });
  for (const name in automatics) declared.set(name, define(name, automatics[name]!, SYNTHETIC));
  return declared;
}

function unresolved(name: string, at: Provenance, referrer?: string): CairnError {
  const where = referrer === undefined ? '' : ` in variable '${referrer}'`;
  return new CairnError(
    'unresolved-variable',
    `reference to undefined variable '${name}'${where}`,
    at,
    `declare '${name}' in a variables: section, or correct the name`,
  );
}

function circular(chain: readonly Definition[]): CairnError {
  const names = chain.map((def) => def.name);
  const hops = chain.map(
    (def, i) => `'${def.name}' at ${formatProvenance(def.at)} refers to '${names[(i + 1) % names.length]}'`,
  );
  return new CairnError(
    'circular-variable',
    `variables form a cycle: ${[...names, names[0]].join(' -> ')}`,
    chain[0]!.at,
    hops.join('; '),
  );
}

interface Frame {
  readonly def: Definition;
  index: number;
  out: string;
}

const NOTHING: ReadonlySet<string> = new Set();

/** What one scope shares with every scope derived from it: who depends on what. */
class DependencyIndex {
  /** For each name, the variables that refer to it directly. */
  private readonly referrers = new Map<string, string[]>();
  private readonly dependents = new Map<string, ReadonlySet<string>>();
  private readonly unions = new Map<string, ReadonlySet<string>>();

  constructor(definitions: Iterable<Definition>) {
    for (const { name, parsed } of definitions) {
      if (parsed === undefined) continue;
      for (const ref of parsed.refs) {
        const list = this.referrers.get(ref);
        if (list === undefined) this.referrers.set(ref, [name]);
        else list.push(name);
      }
    }
  }

  /** The variables whose value depends, directly or not, on any of `changed`. */
  dependentsOfAll(changed: Iterable<string>): ReadonlySet<string> {
    let first: string | undefined;
    let names: string[] | undefined;
    for (const name of changed) {
      if (this.dependentsOf(name).size === 0) continue;
      if (first === undefined) first = name;
      else (names ??= [first]).push(name);
    }
    if (first === undefined) return NOTHING;
    if (names === undefined) return this.dependentsOf(first);
    // Elements mostly change the same few variables, so unions are worth keeping.
    const key = names.sort().join('\0');
    let union = this.unions.get(key);
    if (union === undefined) {
      const set = new Set<string>();
      for (const name of names) for (const dependent of this.dependentsOf(name)) set.add(dependent);
      union = set;
      this.unions.set(key, union);
    }
    return union;
  }

  private dependentsOf(name: string): ReadonlySet<string> {
    let found = this.dependents.get(name);
    if (found !== undefined) return found;
    if (!this.referrers.has(name)) return NOTHING;
    const set = new Set<string>();
    const queue = [name];
    while (queue.length > 0) {
      for (const referrer of this.referrers.get(queue.pop()!) ?? []) {
        if (!set.has(referrer)) {
          set.add(referrer);
          queue.push(referrer);
        }
      }
    }
    found = set;
    this.dependents.set(name, found);
    return found;
  }
}

/**
 * The variables of one scope (a project, a plugin kind, an element). A scope derived from another
 * shares its parsed values and, for every variable that does not depend on anything the scope
 * changes, its resolved values too, so 10,000 elements cost little more than their own variables.
 */
export class Variables {
  /** What this layer declares (node, then automatics); inherited by derived layers. */
  private readonly declared: Map<string, Definition>;
  /** The scope this one is layered on; set only by `derive`. */
  private parent: Variables | undefined;
  /**
   * `max-jobs` as notparallel makes it in this scope, when that differs from what is declared
   * or inherited (null: not defined here); undefined when nothing is overridden.
   */
  private maxJobs: Definition | null | undefined;
  private readonly memo = new Map<string, string>();
  /** Inherited variables whose value may differ here because they depend on what this layer changes. */
  private tainted: ReadonlySet<string> | undefined;
  private checked = false;
  /** Variables that cannot be resolved in this scope (a derived scope may supply what they lack). */
  private unresolvable: readonly string[] | undefined;
  private order: readonly string[] | undefined;
  private index: DependencyIndex | undefined;

  /** Variables from a composed `variables:` mapping plus automatic values such as `project-name`. */
  constructor(node: MappingNode | undefined, automatics: Automatics = {}) {
    this.declared = declarationsOf(node, automatics);
    if (isNotParallel(this.declared.get('notparallel'))) this.maxJobs = SERIAL_MAX_JOBS;
  }

  /**
   * A scope layered on `parent`: `node` (e.g. plugin defaults composed with an element's own
   * variables) and `automatics` (e.g. `element-name`) override the parent's variables.
   */
  static derive(parent: Variables, node: MappingNode | undefined, automatics: Automatics = {}): Variables {
    const child = new Variables(node, automatics);
    child.parent = parent;
    // notparallel is judged on the composed value, so max-jobs is worked out again in each layer.
    const serial = isNotParallel(child.declared.get('notparallel') ?? parent.lookup('notparallel'));
    const wanted = serial ? SERIAL_MAX_JOBS : (child.declared.get('max-jobs') ?? parent.lookupDeclared('max-jobs'));
    child.maxJobs = wanted === parent.lookup('max-jobs') ? undefined : (wanted ?? null);
    return child;
  }

  /** Expand every `%{name}` in `text`; `at` is where the text was written, for errors. */
  expand(text: string, at: Provenance): string {
    const parsed = parse(text);
    if (parsed === undefined) return text;
    const { lits, refs } = parsed;
    let out = lits[0]!;
    for (let i = 0; i < refs.length; i++) {
      const value = this.valueOf(refs[i]!);
      if (value === undefined) throw unresolved(refs[i]!, at);
      out += value + lits[i + 1]!;
    }
    return out;
  }

  /** A deep copy of `node` with every scalar expanded; mapping keys are left as written. */
  expandNode<T extends Node>(node: T): T;
  expandNode(node: Node): Node {
    switch (node.kind) {
      case 'scalar':
        return new ScalarNode(this.expand(node.value, node.at), node.at);
      case 'sequence':
        return new SequenceNode(
          node.items.map((item) => this.expandNode(item)),
          node.at,
        );
      case 'mapping': {
        const entries = new Map<string, Node>();
        for (const [key, value] of node.entries) entries.set(key, this.expandNode(value));
        return new MappingNode(entries, node.at, new Map(node.keyAt));
      }
    }
  }

  /** Resolve every variable, so that undefined references and cycles are reported even if unused. */
  check(): void {
    if (this.checked) return;
    const parent = this.parent;
    if (parent !== undefined) {
      try {
        // Whatever this layer does not change resolves exactly as in the parent, so of those
        // only the ones that fail there need a look.
        for (const name of parent.failing()) if (!this.isLocal(name)) parent.valueOf(name);
        for (const name of this.declared.keys()) this.valueOf(name);
        for (const name of this.taintedSet()) this.valueOf(name);
        this.valueOf('max-jobs');
        this.checked = true;
        return;
      } catch (error) {
        if (!(error instanceof CairnError)) throw error;
        // Something is wrong: report the first problem in declaration order, as BuildStream does.
      }
    }
    for (const name of this.names()) this.valueOf(name);
    this.checked = true;
  }

  /** Every variable, resolved, in declaration order. */
  resolved(): Map<string, string> {
    const out = new Map<string, string>();
    for (const name of this.names()) out.set(name, this.valueOf(name)!);
    return out;
  }

  has(name: string): boolean {
    return this.lookup(name) !== undefined;
  }

  /** The resolved value of `name`, or undefined if no layer declares it. */
  get(name: string): string | undefined {
    return this.valueOf(name);
  }

  // -------------------------------------------------------------------------------------------

  /** The definition in effect in this scope. */
  private lookup(name: string): Definition | undefined {
    if (this.maxJobs !== undefined && name === 'max-jobs') return this.maxJobs ?? undefined;
    return this.declared.get(name) ?? this.parent?.lookup(name);
  }

  /** The declared definition, ignoring what notparallel did to `max-jobs`. */
  private lookupDeclared(name: string): Definition | undefined {
    return this.declared.get(name) ?? this.parent?.lookupDeclared(name);
  }

  private names(): readonly string[] {
    if (this.order !== undefined) return this.order;
    const names = this.parent === undefined ? [] : [...this.parent.names()];
    const known = new Set(names);
    for (const name of this.declared.keys()) if (!known.has(name)) names.push(name);
    if (this.maxJobs === null && known.has('max-jobs')) names.splice(names.indexOf('max-jobs'), 1);
    else if (this.maxJobs && !known.has('max-jobs') && !this.declared.has('max-jobs')) names.push('max-jobs');
    this.order = names;
    return names;
  }

  private failing(): readonly string[] {
    if (this.unresolvable === undefined) {
      const failing: string[] = [];
      for (const name of this.names()) {
        try {
          this.valueOf(name);
        } catch (error) {
          if (!(error instanceof CairnError)) throw error;
          failing.push(name);
        }
      }
      this.unresolvable = failing;
    }
    return this.unresolvable;
  }

  /** Must `name` be resolved in this scope rather than taken from the parent? */
  private isLocal(name: string): boolean {
    return (
      this.parent === undefined ||
      this.declared.has(name) ||
      (this.maxJobs !== undefined && name === 'max-jobs') ||
      this.taintedSet().has(name)
    );
  }

  private taintedSet(): ReadonlySet<string> {
    if (this.tainted === undefined) {
      if (this.parent === undefined) {
        this.tainted = NOTHING;
      } else {
        const parent = this.parent;
        parent.index ??= new DependencyIndex(parent.names().map((name) => parent.lookup(name)!));
        const changed = this.maxJobs === undefined ? this.declared.keys() : [...this.declared.keys(), 'max-jobs'];
        this.tainted = parent.index.dependentsOfAll(changed);
      }
    }
    return this.tainted;
  }

  /** The resolved value of `name`, or undefined if it is not declared. */
  private valueOf(name: string): string | undefined {
    const memo = this.memo.get(name);
    if (memo !== undefined) return memo;
    if (!this.isLocal(name)) return this.parent!.valueOf(name);
    const def = this.lookup(name);
    if (def === undefined) return undefined;
    if (def.parsed === undefined) return def.value;
    return this.resolve(def, def.parsed);
  }

  /** Resolve a value whose references are all resolved already or literal, else go deep. */
  private resolve(def: Definition, parsed: Parsed): string {
    const { lits, refs } = parsed;
    let out = lits[0]!;
    for (let i = 0; i < refs.length; i++) {
      const ref = refs[i]!;
      let value = this.memo.get(ref);
      if (value === undefined) {
        if (!this.isLocal(ref)) {
          value = this.parent!.valueOf(ref);
          if (value === undefined) throw unresolved(ref, def.at, def.name);
        } else {
          const target = this.lookup(ref);
          if (target === undefined) throw unresolved(ref, def.at, def.name);
          if (target.parsed !== undefined) return this.resolveDeep(def);
          value = target.value;
        }
      }
      out += value + lits[i + 1]!;
    }
    this.memo.set(def.name, out);
    return out;
  }

  /** Resolve a definition of this scope iteratively, so chains of any length work. */
  private resolveDeep(start: Definition): string {
    const stack: Frame[] = [{ def: start, index: 0, out: start.parsed!.lits[0]! }];
    const onStack = new Map<string, number>([[start.name, 0]]);
    for (;;) {
      const frame = stack[stack.length - 1]!;
      const { lits, refs } = frame.def.parsed!;
      let descended = false;
      while (frame.index < refs.length) {
        const ref = refs[frame.index]!;
        let value = this.memo.get(ref);
        if (value === undefined) {
          if (!this.isLocal(ref)) {
            value = this.parent!.valueOf(ref);
            if (value === undefined) throw unresolved(ref, frame.def.at, frame.def.name);
          } else {
            const def = this.lookup(ref);
            if (def === undefined) throw unresolved(ref, frame.def.at, frame.def.name);
            if (def.parsed === undefined) {
              value = def.value;
            } else {
              const depth = onStack.get(ref);
              if (depth !== undefined) throw circular(stack.slice(depth).map((f) => f.def));
              onStack.set(ref, stack.length);
              stack.push({ def, index: 0, out: def.parsed.lits[0]! });
              descended = true;
              break;
            }
          }
        }
        frame.out += value + lits[frame.index + 1]!;
        frame.index++;
      }
      if (descended) continue;
      stack.pop();
      onStack.delete(frame.def.name);
      this.memo.set(frame.def.name, frame.out);
      if (stack.length === 0) return frame.out;
    }
  }
}
