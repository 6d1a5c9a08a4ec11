// A project's options: their declarations in project.conf, validated as BuildStream validates
// them, the values set over the defaults (junction config, user config, command line; later
// wins), and the two things the rest of the loader needs from them: a context for `(?)`
// expressions and the variables they export. It reads nothing but the nodes it is given, and
// the element directory when an element-mask value has to be checked.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CairnError, type Provenance } from './errors.js';
import { ExpressionEvaluator, type OptionValue } from './expression.js';
import type { MappingNode, Node, ScalarNode } from './node.js';

export type { OptionValue } from './expression.js';

export type OptionType = 'bool' | 'enum' | 'flags' | 'element-mask' | 'arch' | 'os';
const OPTION_TYPES: readonly OptionType[] = ['bool', 'enum', 'flags', 'element-mask', 'arch', 'os'];

/** Where a value came from; only the command line gives strings (`-o NAME VALUE`). */
export type OptionSource = 'junction' | 'user-config' | 'command-line';

export interface OptionPoolSettings {
  /** The host's `uname -m` (x86_64, aarch64, ...); this machine's when absent. */
  readonly hostArch?: string;
  /** The host's `uname -s` (Linux, Darwin, ...); this machine's when absent. */
  readonly hostOs?: string;
  /**
   * The project's element directory. When given, element-mask values must name `.bst` files
   * under it, as in BuildStream; without it any name ending in `.bst` is accepted.
   */
  readonly elementPath?: string;
}

/** This machine as `uname` names it: `{ arch: 'x86_64', os: 'Linux' }`. */
export function hostPlatform(): { readonly arch: string; readonly os: string } {
  const machine = os.machine();
  const system = os.type();
  return {
    // macOS and Windows say arm64 where Linux says aarch64; BuildStream only knows the latter.
    arch: machine === 'arm64' ? 'aarch64' : machine,
    os: system === 'Windows_NT' ? 'Windows' : system,
  };
}

const ARCH_ALIASES: ReadonlyMap<string, string> = new Map([
  ['aarch32', 'aarch32'],
  ['aarch64', 'aarch64'],
  ['aarch64-be', 'aarch64-be'],
  ['amd64', 'x86-64'],
  ['arm', 'aarch32'],
  ['armv8l', 'aarch64'],
  ['armv8b', 'aarch64-be'],
  ['i386', 'x86-32'],
  ['i486', 'x86-32'],
  ['i586', 'x86-32'],
  ['i686', 'x86-32'],
  ['la64v100', 'la64v100'],
  ['loong64', 'la64v100'],
  ['loongarch64', 'la64v100'],
  ['power-isa-be', 'power-isa-be'],
  ['power-isa-le', 'power-isa-le'],
  ['powerpc', 'power-isa-be'],
  ['powerpc64', 'power-isa-be'],
  ['powerpc64le', 'power-isa-le'],
  ['ppc64', 'power-isa-be'],
  ['ppc64le', 'power-isa-le'],
  ['riscv32', 'rv32g'],
  ['riscv64', 'rv64g'],
  ['rv32g', 'rv32g'],
  ['rv64g', 'rv64g'],
  ['sparc', 'sparc-v9'],
  ['sparc64', 'sparc-v9'],
  ['sparc-v9', 'sparc-v9'],
  ['sun4v', 'sparc-v9'],
  ['x86-32', 'x86-32'],
  ['x86-64', 'x86-64'],
]);

/** BuildStream's OS-independent name for an architecture (`amd64` → `x86-64`), if it knows it. */
export function canonicalArch(name: string): string | undefined {
  return ARCH_ALIASES.get(name.replaceAll('_', '-').toLowerCase());
}

interface Option {
  readonly name: string;
  readonly type: OptionType;
  /** Where the option's name is written in project.conf. */
  readonly at: Provenance;
  readonly variable: { readonly name: string; readonly at: Provenance } | undefined;
  /** The allowed values; empty for bool and element-mask. */
  readonly values: readonly string[];
  value: boolean | string | readonly string[];
  /** An arch or os value taken from the host, which must still be one of `values`. */
  fromHost: boolean;
}

const COMMON_KEYS = ['type', 'description', 'variable'];
const KEYS: Readonly<Record<OptionType, readonly string[]>> = {
  bool: [...COMMON_KEYS, 'default'],
  enum: [...COMMON_KEYS, 'values', 'default'],
  flags: [...COMMON_KEYS, 'values', 'default'],
  'element-mask': [...COMMON_KEYS, 'default'],
  arch: [...COMMON_KEYS, 'values'],
  os: [...COMMON_KEYS, 'values'],
};

const OPTION_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const VARIABLE_NAME = /^[A-Za-z_-][A-Za-z0-9_-]*$/;
const YAML_BOOLS: ReadonlyMap<string, boolean> = new Map([
  ['True', true],
  ['true', true],
  ['1', true],
  ['False', false],
  ['false', false],
  ['0', false],
]);
const CLI_BOOLS: ReadonlyMap<string, boolean> = new Map([
  ['True', true],
  ['true', true],
  ['False', false],
  ['false', false],
]);

const kindName = (node: Node): string => (node.kind === 'scalar' ? 'a string' : node.kind === 'sequence' ? 'a list' : 'a mapping');

function invalidValue(option: Option, value: string, at: Provenance | undefined, allowed: readonly string[], hint?: string): CairnError {
  const choose = option.type === 'flags' ? 'choose any of' : 'choose one of';
  return new CairnError('invalid-option', `option '${option.name}' has no value '${value}': ${choose} ${allowed.join(', ')}`, at, hint);
}

export class OptionPool {
  private readonly options = new Map<string, Option>();
  private readonly expressions = new ExpressionEvaluator();
  private resolved: ReadonlyMap<string, OptionValue> | undefined;
  private elementNames: ReadonlySet<string> | undefined;

  private constructor(private readonly settings: OptionPoolSettings) {}

  /** Declares the options of a project.conf `options:` mapping, each at its default. */
  static declare(options: MappingNode, settings: OptionPoolSettings = {}): OptionPool {
    const pool = new OptionPool(settings);
    for (const [name, definition] of options.entries) {
      pool.options.set(name, pool.declareOne(name, options.whereIs(name), definition));
    }
    return pool;
  }

  /** The declared option names, in declaration order. */
  names(): string[] {
    return [...this.options.keys()];
  }

  has(name: string): boolean {
    return this.options.has(name);
  }

  /**
   * Sets an option's value. A string is a command-line value (`-o NAME VALUE`: flags are
   * comma-separated, booleans only True/true/False/false); a node is a value from YAML
   * (junction or user configuration: flags are lists, booleans also 1/0). `at` is where the
   * option's name was written, for an unknown name.
   */
  set(name: string, value: string | Node, at: Provenance | undefined, how: { readonly source: OptionSource; readonly ignoreUnknown?: boolean }): void {
    const option = this.options.get(name);
    if (option === undefined) {
      if (how.ignoreUnknown) return;
      const declared = this.options.size > 0 ? `this project declares ${this.names().join(', ')}` : 'this project declares no options';
      const where = how.source === 'command-line' ? ' on the command line' : '';
      throw new CairnError('invalid-option', `unknown option '${name}'${where}: ${declared}`, at);
    }
    option.value = typeof value === 'string' ? this.parseCommandLine(option, value) : this.parseYaml(option, value);
    option.fromHost = false;
    this.resolved = undefined;
  }

  /** Every `NAME: VALUE` of a junction's `config: options:` or a user configuration's `options:`. */
  setFromYaml(values: MappingNode, source: Exclude<OptionSource, 'command-line'> = 'user-config'): void {
    for (const [name, value] of values.entries) this.set(name, value, values.whereIs(name), { source });
  }

  /** One `-o NAME VALUE`; unknown names can be ignored while loading the junctions' own options. */
  setFromCommandLine(name: string, value: string, settings: { readonly ignoreUnknown?: boolean } = {}): void {
    this.set(name, value, undefined, { source: 'command-line', ignoreUnknown: settings.ignoreUnknown ?? false });
  }

  /**
   * Checks what could not be checked while setting: an arch or os option left at the host's
   * value must list that value. The context and exported variables resolve first by themselves.
   */
  resolve(): void {
    if (this.resolved) return;
    const context = new Map<string, OptionValue>();
    for (const option of this.options.values()) {
      if (option.fromHost && !option.values.includes(option.value as string)) {
        const what = option.type === 'arch' ? 'architecture' : 'operating system';
        throw new CairnError(
          'invalid-option',
          `option '${option.name}' has no value '${String(option.value)}' (this host's ${what}): choose one of ${option.values.join(', ')}`,
          option.at,
          `pick one with -o ${option.name} VALUE`,
        );
      }
      context.set(option.name, option.value);
    }
    this.resolved = context;
  }

  /** Option name → value for expressions: bool → boolean, flags and element-mask → list, others → string. */
  context(): ReadonlyMap<string, OptionValue> {
    this.resolve();
    return this.resolved!;
  }

  /** `[variable, value, where the variable is declared]` for each option with `variable:`. */
  exportVariables(): Array<[string, string, Provenance]> {
    this.resolve();
    const exported: Array<[string, string, Provenance]> = [];
    for (const option of this.options.values()) {
      if (option.variable) exported.push([option.variable.name, exportedValue(option.value), option.variable.at]);
    }
    return exported;
  }

  /** Evaluates a `(?)` expression over the current values; errors point at `at`. */
  evaluate(expression: string, at: Provenance | undefined): boolean {
    return this.expressions.evaluate(expression, this.context(), at);
  }

  // -------------------------------------------------------------------------------------------
  // Declarations

  private declareOne(name: string, at: Provenance, definition: Node): Option {
    if (!OPTION_NAME.test(name)) {
      throw new CairnError(
        'invalid-symbol-name',
        `invalid option name '${name}'`,
        at,
        'option names hold only letters, digits and underscores, and do not start with a digit',
      );
    }
    if (definition.kind !== 'mapping') {
      throw new CairnError('invalid-data', `option '${name}' must be a mapping, not ${kindName(definition)}`, definition.at);
    }
    const typeNode = requireScalar(definition, 'type', `option '${name}'`, at, `choose one of ${OPTION_TYPES.join(', ')}`);
    const type = OPTION_TYPES.find((t) => t === typeNode.value);
    if (type === undefined) {
      throw new CairnError('invalid-data', `option '${name}' has unknown type '${typeNode.value}'`, typeNode.at, `choose one of ${OPTION_TYPES.join(', ')}`);
    }
    const what = `${type} option '${name}'`;
    // BuildStream does not use the description, but it requires one.
    requireScalar(definition, 'description', what, at);
    const variableNode = optionalScalar(definition, 'variable');
    if (variableNode && !VARIABLE_NAME.test(variableNode.value)) {
      throw new CairnError(
        'invalid-symbol-name',
        `invalid variable name '${variableNode.value}' for ${what}`,
        variableNode.at,
        'variable names hold only letters, digits, underscores and dashes, and do not start with a digit',
      );
    }
    for (const key of definition.entries.keys()) {
      if (KEYS[type].includes(key)) continue;
      let hint = `valid keys: ${KEYS[type].join(', ')}`;
      if (key === 'default' && (type === 'arch' || type === 'os')) hint = `${type === 'arch' ? 'an arch' : 'an os'} option defaults to the host's; set it with -o ${name} VALUE`;
      if (key === 'values' && type === 'element-mask') hint = "an element-mask option's values are the project's elements";
      throw new CairnError('invalid-data', `unexpected key '${key}' in ${what}`, definition.whereIs(key), hint);
    }

    const values = type === 'bool' || type === 'element-mask' ? [] : requireValues(definition, what, at);
    const option: Option = {
      name,
      type,
      at,
      variable: variableNode ? { name: variableNode.value, at: variableNode.at } : undefined,
      values,
      value: false,
      fromHost: false,
    };
    switch (type) {
      case 'bool': {
        const node = requireScalar(definition, 'default', what, at, 'True or False');
        option.value = this.parseYaml(option, node);
        break;
      }
      case 'enum': {
        const node = requireScalar(definition, 'default', what, at, `one of ${values.join(', ')}`);
        option.value = this.parseYaml(option, node);
        break;
      }
      case 'flags':
      case 'element-mask': {
        const node = definition.get('default');
        // The default keeps its written order; BuildStream sorts only values set over it.
        option.value = node === undefined ? [] : this.parseFlags(option, node, false);
        break;
      }
      case 'arch':
        option.value = this.hostArchDefault(option, definition);
        option.fromHost = true;
        break;
      case 'os':
        option.value = this.settings.hostOs ?? hostPlatform().os;
        option.fromHost = true;
        break;
    }
    return option;
  }

  /** The first listed value naming the host's architecture, else the host's canonical name. */
  private hostArchDefault(option: Option, definition: MappingNode): string {
    const host = this.settings.hostArch ?? hostPlatform().arch;
    const canonicalHost = canonicalArch(host);
    if (canonicalHost === undefined) {
      throw new CairnError('invalid-option', `option '${option.name}' cannot default to the host's architecture '${host}', which BuildStream does not know`, option.at);
    }
    const listed = definition.get('values');
    const items = listed?.kind === 'sequence' ? listed.items : [];
    let chosen: string | undefined;
    // Every value is checked, not only those before the match.
    for (const item of items) {
      if (item.kind !== 'scalar') continue; // already refused by requireValues
      const value = item.value;
      const canonical = canonicalArch(value);
      if (canonical === undefined) {
        throw new CairnError('invalid-option', `option '${option.name}' lists '${value}', which is not an architecture BuildStream knows`, item.at);
      }
      if (chosen === undefined && canonical === canonicalHost) chosen = value;
    }
    return chosen ?? canonicalHost;
  }

  // -------------------------------------------------------------------------------------------
  // Values

  private parseCommandLine(option: Option, text: string): boolean | string | readonly string[] {
    switch (option.type) {
      case 'bool': {
        const value = CLI_BOOLS.get(text);
        if (value === undefined) throw invalidValue(option, text, undefined, [...CLI_BOOLS.keys()]);
        return value;
      }
      case 'enum':
      case 'arch':
      case 'os':
        if (!option.values.includes(text)) throw invalidValue(option, text, undefined, option.values);
        return text;
      case 'flags':
      case 'element-mask': {
        // All whitespace goes, so "pony, horsy" and "pony,horsy" are the same.
        const flags = text.replace(/\s+/g, '').split(',');
        for (const flag of flags) this.checkFlag(option, flag, undefined);
        return flags.sort();
      }
    }
  }

  private parseYaml(option: Option, node: Node): boolean | string | readonly string[] {
    switch (option.type) {
      case 'bool': {
        const scalar = expectScalar(option, node);
        const value = YAML_BOOLS.get(scalar.value);
        if (value === undefined) throw invalidValue(option, scalar.value, scalar.at, [...YAML_BOOLS.keys()]);
        return value;
      }
      case 'enum':
      case 'arch':
      case 'os': {
        const scalar = expectScalar(option, node);
        if (!option.values.includes(scalar.value)) throw invalidValue(option, scalar.value, scalar.at, option.values);
        return scalar.value;
      }
      case 'flags':
      case 'element-mask':
        return this.parseFlags(option, node, true);
    }
  }

  private parseFlags(option: Option, node: Node, sort: boolean): readonly string[] {
    if (node.kind !== 'sequence') {
      throw new CairnError('invalid-option', `option '${option.name}' takes a list of values, not ${kindName(node)}`, node.at);
    }
    const flags = node.items.map((item) => {
      if (item.kind !== 'scalar') throw new CairnError('invalid-option', `option '${option.name}' takes a list of strings, not a list holding ${kindName(item)}`, item.at);
      this.checkFlag(option, item.value, item.at);
      return item.value;
    });
    return sort ? flags.sort() : flags;
  }

  private checkFlag(option: Option, flag: string, at: Provenance | undefined): void {
    if (option.type === 'flags') {
      if (!option.values.includes(flag)) throw invalidValue(option, flag, at, option.values);
      return;
    }
    const elements = this.listElements();
    if (elements ? !elements.has(flag) : !flag.endsWith('.bst')) {
      throw new CairnError(
        'invalid-option',
        `option '${option.name}' has no value '${flag}': ${elements ? 'it is not an element of this project' : 'element names end in .bst'}`,
        at,
        'element-mask values are element file names relative to the element path',
      );
    }
  }

  /** The `.bst` files under the element path, as BuildStream lists them; read once. */
  private listElements(): ReadonlySet<string> | undefined {
    const root = this.settings.elementPath;
    if (root === undefined) return undefined;
    if (this.elementNames === undefined) {
      const names = new Set<string>();
      const walk = (dir: string, prefix: string): void => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const relative = prefix + entry.name;
          if (entry.isDirectory()) walk(path.join(dir, entry.name), `${relative}/`);
          else if (relative.endsWith('.bst')) names.add(relative);
        }
      };
      walk(root, '');
      this.elementNames = names;
    }
    return this.elementNames;
  }
}

function exportedValue(value: boolean | string | readonly string[]): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'string') return value;
  return value.join(',');
}

function expectScalar(option: Option, node: Node): ScalarNode {
  if (node.kind !== 'scalar') throw new CairnError('invalid-option', `option '${option.name}' takes a single value, not ${kindName(node)}`, node.at);
  return node;
}

function optionalScalar(node: MappingNode, key: string): ScalarNode | undefined {
  const value = node.get(key);
  if (value === undefined) return undefined;
  if (value.kind !== 'scalar') throw new CairnError('invalid-data', `'${key}' must be a string, not ${kindName(value)}`, value.at);
  return value;
}

function requireScalar(node: MappingNode, key: string, what: string, at: Provenance, hint?: string): ScalarNode {
  const value = optionalScalar(node, key);
  if (value === undefined) throw new CairnError('invalid-data', `${what} has no '${key}'`, at, hint);
  return value;
}

function requireValues(node: MappingNode, what: string, at: Provenance): string[] {
  const values = node.get('values');
  if (values === undefined) throw new CairnError('invalid-data', `${what} has no 'values'`, at, 'list the values it may take');
  if (values.kind !== 'sequence') throw new CairnError('invalid-data', `'values' must be a list, not ${kindName(values)}`, values.at);
  if (values.items.length === 0) throw new CairnError('invalid-data', `${what} has no 'values'`, values.at, 'list the values it may take');
  return values.items.map((item) => {
    if (item.kind !== 'scalar') throw new CairnError('invalid-data', `'values' must be a list of strings, not of ${item.kind === 'sequence' ? 'lists' : 'mappings'}`, item.at);
    return item.value;
  });
}
