// The option expression language of `(?)` conditionals. BuildStream hands each expression to
// Jinja2 as `{% if EXPR %}` with strict undefined names; this is the part of that language
// projects use, with Python's truthiness and equality. It never looks anything up but the
// option values it is given.

import { CairnError, type Provenance } from './errors.js';

/** An option's value as expressions see it: bool → boolean, flags → list, others → string. */
export type OptionValue = boolean | string | readonly string[];

/** Values inside an expression: lists and tuples are told apart, as Python tells them apart. */
type Value = boolean | string | null | Sequence;
interface Sequence {
  readonly sequence: 'list' | 'tuple';
  readonly items: readonly Value[];
}

type Comparison = '==' | '!=' | 'in' | 'not in';

type Expr =
  | { readonly op: 'name'; readonly name: string }
  | { readonly op: 'constant'; readonly value: Value }
  | { readonly op: 'sequence'; readonly sequence: 'list' | 'tuple'; readonly items: readonly Expr[] }
  | { readonly op: 'not'; readonly operand: Expr }
  | { readonly op: 'and' | 'or'; readonly left: Expr; readonly right: Expr }
  | { readonly op: 'compare'; readonly first: Expr; readonly rest: ReadonlyArray<{ readonly how: Comparison; readonly right: Expr }> }
  | { readonly op: 'test'; readonly subject: Expr; readonly test: 'defined' | 'undefined'; readonly negated: boolean };

/** What is wrong with an expression, before it is given a position and the expression's text. */
class Problem extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// Tokens

type Token =
  | { readonly kind: 'name'; readonly text: string }
  | { readonly kind: 'string'; readonly text: string; readonly value: string }
  | { readonly kind: 'punct'; readonly text: string }
  | { readonly kind: 'end'; readonly text: '' };

const PUNCTUATION = ['==', '!=', '(', ')', '[', ']', ','];
/** Jinja2 operators Cairn does not evaluate: named, so the error says what was not understood. */
const UNSUPPORTED = ['<=', '>=', '//', '**', '<', '>', '+', '-', '*', '/', '%', '~', '|', '.', '{', '}', ':', '='];
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', "'": "'", '"': '"' };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (name) {
      tokens.push({ kind: 'name', text: name[0] });
      i += name[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new Problem(`the string ${text.slice(i)} is not closed`);
        const d = text[j]!;
        if (d === c) break;
        if (d === '\\' && j + 1 < text.length) {
          const e = text[j + 1]!;
          // Like Python, an unknown escape keeps its backslash.
          value += ESCAPES[e] ?? `\\${e}`;
          j += 2;
          continue;
        }
        value += d;
        j++;
      }
      tokens.push({ kind: 'string', text: text.slice(i, j + 1), value });
      i = j + 1;
      continue;
    }
    const punct = PUNCTUATION.find((p) => text.startsWith(p, i));
    if (punct) {
      tokens.push({ kind: 'punct', text: punct });
      i += punct.length;
      continue;
    }
    const unsupported = UNSUPPORTED.find((p) => text.startsWith(p, i));
    if (unsupported) throw new Problem(`the operator '${unsupported}' is not supported`, 'use ==, !=, in, not in, not, and, or');
    throw new Problem(`unexpected character '${c}'`);
  }
  tokens.push({ kind: 'end', text: '' });
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Parser: Jinja2's precedence, loosest first: or, and, not, comparisons, `is` tests, atoms.

const CONSTANTS: ReadonlyMap<string, Value> = new Map<string, Value>([
  ['True', true],
  ['true', true],
  ['False', false],
  ['false', false],
  ['None', null],
  ['none', null],
]);
const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else']);

class Parser {
  private pos = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  parse(): Expr {
    if (this.peek().kind === 'end') throw new Problem('there is no expression');
    const expr = this.or();
    if (this.peek().kind !== 'end') throw this.unexpected();
    return expr;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }
  private next(): Token {
    const token = this.peek();
    this.pos++;
    return token;
  }
  private isWord(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'name' && token.text === word;
  }
  private isPunct(punct: string): boolean {
    const token = this.peek();
    return token.kind === 'punct' && token.text === punct;
  }
  private unexpected(): Problem {
    const token = this.peek();
    return new Problem(token.kind === 'end' ? 'the expression ends too early' : `unexpected '${token.text}'`);
  }

  private or(): Expr {
    let left = this.and();
    while (this.isWord('or')) {
      this.next();
      left = { op: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.isWord('and')) {
      this.next();
      left = { op: 'and', left, right: this.not() };
    }
    return left;
  }

  private not(): Expr {
    if (this.isWord('not')) {
      this.next();
      return { op: 'not', operand: this.not() };
    }
    return this.compare();
  }

  private compare(): Expr {
    const first = this.tested();
    const rest: Array<{ how: Comparison; right: Expr }> = [];
    for (;;) {
      let how: Comparison;
      if (this.isPunct('==') || this.isPunct('!=')) how = this.next().text as Comparison;
      else if (this.isWord('in')) {
        this.next();
        how = 'in';
      } else if (this.isWord('not') && this.isWord('in', 1)) {
        this.pos += 2;
        how = 'not in';
      } else break;
      rest.push({ how, right: this.tested() });
    }
    return rest.length === 0 ? first : { op: 'compare', first, rest };
  }

  private tested(): Expr {
    let subject = this.atom();
    while (this.isWord('is')) {
      this.next();
      let negated = false;
      if (this.isWord('not')) {
        this.next();
        negated = true;
      }
      const test = this.next();
      if (test.kind !== 'name') throw new Problem(test.kind === 'end' ? "'is' needs a test name" : `unexpected '${test.text}'`);
      if (test.text !== 'defined' && test.text !== 'undefined') {
        throw new Problem(`the test 'is ${test.text}' is not supported`, "only 'is defined' and 'is undefined' are");
      }
      subject = { op: 'test', subject, test: test.text, negated };
    }
    return subject;
  }

  private atom(): Expr {
    const token = this.peek();
    if (token.kind === 'string') {
      this.next();
      return { op: 'constant', value: token.value };
    }
    if (token.kind === 'name') {
      if (KEYWORDS.has(token.text)) throw this.unexpected();
      this.next();
      const constant = CONSTANTS.get(token.text);
      if (constant !== undefined) return { op: 'constant', value: constant };
      if (this.isPunct('(')) throw new Problem(`calling '${token.text}' is not supported`);
      return { op: 'name', name: token.text };
    }
    if (this.isPunct('[')) {
      this.next();
      const { items } = this.items(']');
      return { op: 'sequence', sequence: 'list', items };
    }
    if (this.isPunct('(')) {
      this.next();
      const { items, trailingComma } = this.items(')');
      // `(x)` groups; `()`, `(x,)` and `(x, y)` are tuples, as in Python.
      if (items.length === 1 && !trailingComma) return items[0]!;
      return { op: 'sequence', sequence: 'tuple', items };
    }
    throw this.unexpected();
  }

  /** Comma-separated expressions up to `close`, which is consumed. */
  private items(close: string): { items: Expr[]; trailingComma: boolean } {
    const items: Expr[] = [];
    let trailingComma = false;
    while (!this.isPunct(close)) {
      items.push(this.or());
      trailingComma = false;
      if (this.isPunct(',')) {
        this.next();
        trailingComma = true;
      } else if (!this.isPunct(close)) {
        throw this.unexpected();
      }
    }
    this.next();
    return { items, trailingComma };
  }
}

// ---------------------------------------------------------------------------------------------
// Evaluation with Python semantics.

function truthy(value: Value): boolean {
  if (value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length > 0;
  return value.items.length > 0;
}

function equal(a: Value, b: Value): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  return a.sequence === b.sequence && a.items.length === b.items.length && a.items.every((item, i) => equal(item, b.items[i]!));
}

function typeName(value: Value): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'str';
  return value.sequence;
}

function contains(container: Value, item: Value): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw new Problem(`'in <string>' needs a string on its left, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (container !== null && typeof container === 'object') return container.items.some((member) => equal(member, item));
  throw new Problem(`'in' needs a list or a string on its right, not ${typeName(container)}`);
}

function toValue(value: OptionValue): Value {
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  return { sequence: 'list', items: value };
}

function evaluate(expr: Expr, context: ReadonlyMap<string, OptionValue>): Value {
  switch (expr.op) {
    case 'constant':
      return expr.value;
    case 'name': {
      const value = context.get(expr.name);
      if (value === undefined) {
        const declared = [...context.keys()];
        throw new Problem(
          `undefined option '${expr.name}'`,
          declared.length > 0 ? `declared options: ${declared.join(', ')}` : 'the project declares no options',
        );
      }
      return toValue(value);
    }
    case 'sequence':
      return { sequence: expr.sequence, items: expr.items.map((item) => evaluate(item, context)) };
    case 'not':
      return !truthy(evaluate(expr.operand, context));
    case 'and': {
      const left = evaluate(expr.left, context);
      return truthy(left) ? evaluate(expr.right, context) : left;
    }
    case 'or': {
      const left = evaluate(expr.left, context);
      return truthy(left) ? left : evaluate(expr.right, context);
    }
    case 'compare': {
      // Chained like Python: `a == b == c` is `a == b and b == c`.
      let left = evaluate(expr.first, context);
      for (const { how, right: rightExpr } of expr.rest) {
        const right = evaluate(rightExpr, context);
        let holds: boolean;
        if (how === '==') holds = equal(left, right);
        else if (how === '!=') holds = !equal(left, right);
        else if (how === 'in') holds = contains(right, left);
        else holds = !contains(right, left);
        if (!holds) return false;
        left = right;
      }
      return true;
    }
    case 'test': {
      // Only a bare name can be undefined; anything else is defined once it evaluates.
      let defined = true;
      if (expr.subject.op === 'name') defined = context.has(expr.subject.name);
      else evaluate(expr.subject, context);
      const result = expr.test === 'defined' ? defined : !defined;
      return expr.negated ? !result : result;
    }
  }
}

// ---------------------------------------------------------------------------------------------

type Parsed = { readonly ok: true; readonly expr: Expr } | { readonly ok: false; readonly problem: Problem };

/**
 * Evaluates conditional expressions, parsing each distinct text once. One evaluator belongs to
 * one owner (a project's option pool), so the cache lives and dies with it.
 */
export class ExpressionEvaluator {
  private readonly parsed = new Map<string, Parsed>();

  /** Is `text` true for these option values? Errors point at `at`, where the expression is written. */
  evaluate(text: string, context: ReadonlyMap<string, OptionValue>, at: Provenance | undefined): boolean {
    const parsed = this.parse(text);
    try {
      if (!parsed.ok) throw parsed.problem;
      return truthy(evaluate(parsed.expr, context));
    } catch (error) {
      if (error instanceof Problem) {
        throw new CairnError('expression-failed', `cannot evaluate '${text}': ${error.message}`, at, error.hint);
      }
      throw error;
    }
  }

  private parse(text: string): Parsed {
    let parsed = this.parsed.get(text);
    if (parsed === undefined) {
      try {
        parsed = { ok: true, expr: new Parser(tokenize(text)).parse() };
      } catch (error) {
        if (!(error instanceof Problem)) throw error;
        parsed = { ok: false, problem: error };
      }
      this.parsed.set(text, parsed);
    }
    return parsed;
  }
}
