// Runs the host's `ostree` for the ostree source kind, with a minimal environment so that
// nothing from the caller's (OSTREE_REPO, OSTREE_SYSROOT) picks another repository. It never
// decides what a failure means: callers turn exit statuses into errors with provenance.

import { spawn } from 'node:child_process';
import { CairnError, type Provenance } from '../../format/errors.js';
import { stopGroupOnAbort } from '../process-group.js';

export interface OstreeOutput {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Host variables ostree may need to reach a remote: the network proxies and CA bundles. */
const PASSED_THROUGH: readonly string[] = [
  'PATH', 'HOME', 'TMPDIR',
  'http_proxy', 'https_proxy', 'no_proxy', 'all_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY',
  'SSL_CERT_FILE', 'SSL_CERT_DIR',
];

function ostreeEnvironment(host: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of PASSED_THROUGH) {
    const value = host[name];
    if (value !== undefined) env[name] = value;
  }
  env.PATH ??= '/usr/local/bin:/usr/bin:/bin';
  return { ...env, LC_ALL: 'C' };
}

const ENVIRONMENT = ostreeEnvironment();
const OUTPUT_LIMIT = 1024 * 1024;

/** Runs `ostree args` to its end; a non-zero exit is returned, not thrown. */
export function runOstree(args: readonly string[], signal: AbortSignal, at: Provenance): Promise<OstreeOutput> {
  signal.throwIfAborted();
  return new Promise<OstreeOutput>((resolve, reject) => {
    // Its own process group, so that an abort also stops what a pull starts.
    const child = spawn('ostree', args, { env: ENVIRONMENT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < OUTPUT_LIMIT) stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < OUTPUT_LIMIT) stderr += chunk;
    });
    const stopListening = stopGroupOnAbort(child, signal);
    child.on('error', (error: NodeJS.ErrnoException) => {
      stopListening();
      reject(error.code === 'ENOENT' ? new CairnError('fetch-failed', 'ostree sources need the host program ostree, which is not installed', at, 'install ostree') : error);
    });
    child.on('close', (code) => {
      stopListening();
      if (signal.aborted) reject(signal.reason);
      else resolve({ code: code ?? 128, stdout, stderr });
    });
  });
}

/** The last line ostree wrote to stderr, which says why it failed (`error: ...`), without the prefix. */
export function ostreeReason(output: OstreeOutput): string {
  const last = output.stderr.split('\n').map((line) => line.trim()).filter((line) => line !== '').at(-1);
  return (last ?? `exit status ${output.code}`).replace(/^error:\s*/, '');
}
