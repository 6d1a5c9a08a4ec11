// Opens an archive file as a stream of plain tar bytes. Gzip is left to the tar parser; xz,
// bzip2, lzip and zstd go through the host's own tools, as BuildStream uses the host's lzip.
// The first bytes decide, never the file name (a cached download is named by its sha256).

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { CairnError, type Provenance } from '../format/errors.js';
import { findProgram } from '../sandbox/host.js';

interface Compression {
  readonly tool: string;
  readonly magic: readonly number[];
}

const COMPRESSIONS: readonly Compression[] = [
  { tool: 'xz', magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { tool: 'bzip2', magic: [0x42, 0x5a, 0x68] },
  { tool: 'lzip', magic: [0x4c, 0x5a, 0x49, 0x50] },
  { tool: 'zstd', magic: [0x28, 0xb5, 0x2f, 0xfd] },
];

const STDERR_LIMIT = 4096;

/**
 * Runs `read` over the tar bytes of `file` and waits for any decompressor to finish. When the
 * decompressor failed, its error wins over the parse error it caused.
 */
export async function withTarStream<T>(file: string, label: string, at: Provenance, read: (stream: Readable) => Promise<T>): Promise<T> {
  const compression = await detect(file);
  if (compression === undefined) {
    const stream = fs.createReadStream(file);
    try {
      return await read(stream);
    } finally {
      stream.destroy();
    }
  }
  const tool = findProgram(compression.tool);
  if (tool === undefined) {
    throw new CairnError('missing-file', `${label} is ${compression.tool}-compressed, but the host has no '${compression.tool}' to unpack it`, at, `install ${compression.tool}`);
  }
  const input = await fs.promises.open(file, 'r');
  let child: ChildProcess;
  try {
    child = spawn(tool, ['-dc'], { stdio: [input.fd, 'pipe', 'pipe'] });
  } catch (error) {
    await input.close();
    throw error;
  }
  // Everything listens before the first await. Node discards the output of a child that exits
  // while nobody reads it, and a small archive is unpacked before the caller starts reading:
  // the pipe (which keeps backpressure) reads from the start.
  const output = child.stdout!.pipe(new PassThrough());
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    if (stderr.length < STDERR_LIMIT) stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('error', () => resolve(null));
    child.on('close', (code) => resolve(code));
  });
  // The child has its own copy of the descriptor.
  await input.close();
  const failure = (code: number | null): CairnError =>
    new CairnError('invalid-data', `${compression.tool} could not unpack ${label}: ${stderr.trim() || `exit status ${code ?? 'unknown'}`}`, at);
  let result: T;
  try {
    result = await read(output);
  } catch (error) {
    // An exit of its own before we stop it means the decompressor found the problem first.
    const code = child.exitCode;
    child.kill();
    output.destroy();
    await exited;
    if (code !== null && code !== 0) throw failure(code);
    throw error;
  }
  const code = await exited;
  if (code !== 0) throw failure(code);
  return result;
}

async function detect(file: string): Promise<Compression | undefined> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return COMPRESSIONS.find(({ magic }) => bytesRead >= magic.length && magic.every((byte, i) => head[i] === byte));
  } finally {
    await handle.close();
  }
}
