// Runs the host's `git` for the git source kind, always with an explicit minimal environment and
// without system or user configuration, so that nobody's ~/.gitconfig (URL rewrites, hooks,
// credential helpers, filters) changes what is fetched or staged, and git never prompts. It
// never decides what a failure means: callers turn exit codes into errors with provenance.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { CairnError, type Provenance } from '../../format/errors.js';
import { stopGroupOnAbort } from '../process-group.js';

export interface GitOutput {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface GitCall {
  /** The repository (a bare mirror, or a git directory) or directory to run in. */
  readonly cwd: string;
  /** Bytes for git's standard input; none means stdin is closed. */
  readonly input?: string | Buffer;
}

/**
 * `-c` options given before every command. gc.auto=0: an automatic gc would run in the
 * background and keep writing into the source cache after the job ended. The rest silence
 * advice and keep line endings as committed, whatever the host's defaults.
 */
const CONFIG: readonly string[] = [
  '-c', 'gc.auto=0',
  '-c', 'core.autocrlf=false',
  '-c', 'core.hooksPath=/dev/null',
  '-c', 'advice.detachedHead=false',
  '-c', 'init.defaultBranch=master',
];

/** Host variables git may need to reach a remote: the network proxies, the ssh agent, CA bundles. */
const PASSED_THROUGH: readonly string[] = [
  'PATH', 'HOME',
  'http_proxy', 'https_proxy', 'no_proxy', 'all_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY',
  'SSH_AUTH_SOCK', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'GIT_SSL_CAINFO',
];

/**
 * The whole environment git sees. HOME stays for ssh keys and ~/.netrc, but GIT_CONFIG_GLOBAL
 * keeps git itself from reading the user's configuration; GIT_DIR and friends from a calling
 * hook never reach it.
 */
export function gitEnvironment(host: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of PASSED_THROUGH) {
    const value = host[name];
    if (value !== undefined) env[name] = value;
  }
  env.PATH ??= '/usr/local/bin:/usr/bin:/bin';
  return {
    ...env,
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ATTR_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_SSH_COMMAND: 'ssh -o BatchMode=yes',
  };
}

const ENVIRONMENT = gitEnvironment();

/** Node reports a missing working directory as a missing program; only the latter is the host's fault. */
function spawnFailure(error: NodeJS.ErrnoException, cwd: string, at: Provenance | undefined): Error {
  if (error.code !== 'ENOENT' || !fs.existsSync(cwd)) return error;
  return new CairnError('fetch-failed', 'git sources need the host program git, which is not installed', at, 'install git');
}

/** Runs `git args` in `call.cwd` to its end; a non-zero exit is returned, not thrown. */
export async function runGit(args: readonly string[], call: GitCall, signal: AbortSignal, at?: Provenance): Promise<GitOutput> {
  const output = await spawnGit(args, call, signal, at);
  return { code: output.code, stdout: output.stdout.toString('utf8'), stderr: output.stderr };
}

/** The same, with standard output as bytes (a pack, a commit object in a legacy encoding). */
export function runGitBytes(args: readonly string[], call: GitCall, signal: AbortSignal, at?: Provenance): Promise<GitBytes> {
  return spawnGit(args, call, signal, at);
}

export interface GitBytes {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

function spawnGit(args: readonly string[], call: GitCall, signal: AbortSignal, at: Provenance | undefined): Promise<GitBytes> {
  signal.throwIfAborted();
  return new Promise<GitBytes>((resolve, reject) => {
    // Its own process group, so that an abort also stops the helpers a fetch starts (ssh,
    // git-remote-https, a local upload-pack).
    const child = spawn('git', [...CONFIG, ...args], {
      cwd: call.cwd,
      env: ENVIRONMENT,
      stdio: [call.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      detached: true,
    });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => void stdout.push(chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const stopListening = stopGroupOnAbort(child, signal);
    child.on('error', (error: NodeJS.ErrnoException) => {
      stopListening();
      reject(spawnFailure(error, call.cwd, at));
    });
    child.on('close', (code) => {
      stopListening();
      if (signal.aborted) reject(signal.reason);
      else resolve({ code: code ?? 128, stdout: Buffer.concat(stdout), stderr });
    });
    if (call.input !== undefined) {
      // git may exit before reading everything (a bad argument); its exit status tells why.
      child.stdin!.on('error', () => undefined);
      child.stdin!.end(call.input);
    }
  });
}

/** The same, blocking: for the questions the engine asks synchronously (is this commit here?). */
export function runGitSync(args: readonly string[], call: GitCall, at?: Provenance): GitOutput {
  const result = spawnSync('git', [...CONFIG, ...args], {
    cwd: call.cwd,
    env: ENVIRONMENT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    ...(call.input !== undefined ? { input: call.input } : { stdio: ['ignore', 'pipe', 'pipe'] }),
  });
  if (result.error) throw spawnFailure(result.error, call.cwd, at);
  return { code: result.status ?? 128, stdout: result.stdout, stderr: result.stderr };
}

/** git's complaint on one line: its `fatal:`/`error:` lines, or its last line when it has none. */
export function gitMessage(output: GitOutput): string {
  const lines = output.stderr.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const complaints = lines.filter((line) => /^(fatal|error):/.test(line)).map((line) => line.replace(/^(fatal|error):\s*/, ''));
  const chosen = complaints.length > 0 ? complaints : lines.slice(-1);
  return chosen.join('; ') || `git exited with status ${output.code}`;
}
