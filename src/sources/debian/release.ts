// A suite's Release file (InRelease when clearsigned): which architectures and components it has
// and the SHA256 and size of every index under dists/<suite>/. Signatures are checked with the
// host's gpgv against a keyring; without gpgv, a keyring or a signature, the caller is told why
// so it can warn. It never trusts the text of an InRelease that gpgv did not hand back itself.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { parseStanzas, words } from './deb822.js';

export interface IndexEntry {
  readonly sha256: string;
  readonly size: number;
}

export interface ReleaseFile {
  readonly suite: string | undefined;
  readonly codename: string | undefined;
  readonly architectures: readonly string[];
  readonly components: readonly string[];
  /** Path under dists/<suite>/ → its digest and size. */
  readonly sha256: ReadonlyMap<string, IndexEntry>;
}

export function parseRelease(text: string): ReleaseFile {
  const stanza = parseStanzas(text)[0] ?? new Map<string, string>();
  const sha256 = new Map<string, IndexEntry>();
  for (const line of (stanza.get('sha256') ?? '').split('\n')) {
    const [digest, size, name] = words(line);
    if (digest === undefined || size === undefined || name === undefined) continue;
    sha256.set(name, { sha256: digest.toLowerCase(), size: Number(size) });
  }
  return {
    suite: stanza.get('suite'),
    codename: stanza.get('codename'),
    architectures: words(stanza.get('architectures')),
    components: words(stanza.get('components')),
    sha256,
  };
}

/** The signed text of a clearsigned message, dash-escaping undone; for use when nothing verified it. */
export function clearsignedText(text: string): string {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  const begin = lines.indexOf('-----BEGIN PGP SIGNED MESSAGE-----');
  if (begin < 0) return text;
  // Armor headers (Hash: ...) run to the first blank line.
  let start = begin + 1;
  while (start < lines.length && lines[start] !== '') start++;
  const end = lines.indexOf('-----BEGIN PGP SIGNATURE-----', start);
  const body = lines.slice(start + 1, end < 0 ? lines.length : end);
  return `${body.map((line) => (line.startsWith('- ') ? line.slice(2) : line)).join('\n')}\n`;
}

export interface Verifier {
  /** The gpgv executable. */
  readonly gpgv: string;
  readonly keyring: string;
}

/** A verifier when both gpgv and the keyring exist; otherwise why not, for the warning. */
export function verifierFor(gpgv: string | undefined, keyring: string): Verifier | string {
  if (gpgv === undefined) return 'the host has no gpgv';
  try {
    if (fs.statSync(keyring).isFile()) return { gpgv, keyring };
  } catch {
    // fall through
  }
  return `the keyring ${keyring} does not exist`;
}

export type Verification = { readonly ok: true } | { readonly ok: false; readonly why: string };

/**
 * Checks a signature: a clearsigned `signed` file (with `output`, where gpgv writes the signed
 * text), or a detached `signature` over `signed`.
 */
export async function verifySignature(verifier: Verifier, request: { readonly signed: string; readonly signature?: string; readonly output?: string; readonly home: string }): Promise<Verification> {
  const args = ['--homedir', request.home, '--keyring', verifier.keyring];
  if (request.output !== undefined) args.push('--output', request.output);
  if (request.signature !== undefined) args.push(request.signature);
  args.push(request.signed);
  const { code, stderr } = await run(verifier.gpgv, args);
  if (code === 0) return { ok: true };
  const reason = stderr
    .split('\n')
    .map((line) => line.replace(/^gpgv:\s*/, '').trim())
    .filter((line) => line !== '' && !/keybox|trustdb|homedir/i.test(line))
    .join('; ');
  return { ok: false, why: reason || `gpgv exited with status ${code ?? 'unknown'}` };
}

function run(command: string, args: readonly string[]): Promise<{ readonly code: number | null; readonly stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 8192) stderr += chunk.toString('utf8');
    });
    child.on('error', (error) => resolve({ code: null, stderr: error.message }));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}
