// User errors as values: every error a user can cause carries where it came from, a one-line
// message and, when there is one, a hint. Front ends decide how to print them.

/** A position in a file: line and column are 1-based, as editors and CI annotations count. */
export interface Provenance {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export function formatProvenance(p: Provenance): string {
  return `${p.file}:${p.line}:${p.column}`;
}

/** What kind of mistake it is, so tests and callers can tell errors apart without parsing text. */
export type ErrorReason =
  | 'missing-file'
  | 'invalid-yaml'
  | 'invalid-data'
  | 'illegal-composite'
  | 'circular-dependency'
  | 'unresolved-variable'
  | 'circular-variable'
  | 'protected-variable'
  | 'unsupported-project'
  | 'unsupported-plugin'
  | 'expression-failed'
  | 'user-assertion'
  | 'trailing-list-directive'
  | 'invalid-junction'
  | 'invalid-symbol-name'
  | 'missing-project-conf'
  | 'loading-directory'
  | 'invalid-path'
  | 'recursive-include'
  | 'invalid-dependency-config'
  | 'bad-element-suffix'
  | 'bad-characters-in-name'
  | 'invalid-option'
  | 'invalid-argument'
  | 'sandbox-unavailable'
  | 'build-failed'
  | 'fetch-failed'
  | 'checksum-mismatch'
  | 'unsafe-archive'
  | 'source-not-cached'
  | 'staging-overlap'
  | 'artifact-missing'
  | 'cache-corrupt';

/** An error the user can fix by editing a file or a command line. */
export class CairnError extends Error {
  constructor(
    readonly reason: ErrorReason,
    message: string,
    readonly provenance?: Provenance,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CairnError';
  }

  /** One line: `file:line:column: message (hint)`. */
  describe(): string {
    const where = this.provenance ? `${formatProvenance(this.provenance)}: ` : '';
    const hint = this.hint ? ` (${this.hint})` : '';
    return `${where}${this.message}${hint}`;
  }
}

/**
 * The message of anything thrown: an Error's message, else the value as text. Not by
 * `instanceof Error`: Node's own errors may come from another realm (as under Jest's VM modules).
 */
export function messageOf(error: unknown): string {
  const message = (error as { readonly message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' ? message : String(error);
}
