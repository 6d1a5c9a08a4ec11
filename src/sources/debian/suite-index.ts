// Downloads what resolution needs from a Debian archive: dists/<suite>/InRelease (or Release and
// Release.gpg), checked with gpgv when it can be, then each component's Packages index for the
// architecture, checked against the SHA256 and size the Release lists before a byte of it is
// parsed. Everything is downloaded into a scratch directory the caller removes.

import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { CairnError, messageOf, type Provenance } from '../../format/errors.js';
import { withTarStream } from '../archive-stream.js';
import { downloadToFile, type Transferred } from '../download.js';
import { streamStanzas } from './deb822.js';
import { INDEX_FIELDS, PackageIndex } from './package-index.js';
import { clearsignedText, parseRelease, verifierFor, verifySignature, type ReleaseFile } from './release.js';

export interface SuiteRequest {
  /** Archive roots (each ending in `/`) to try in order, mirrors first. */
  readonly bases: readonly string[];
  readonly suite: string;
  readonly components: readonly string[];
  readonly architecture: string;
  /** The gpgv executable, when the host has one. */
  readonly gpgv: string | undefined;
  readonly keyring: string;
  /** An empty directory for downloads. */
  readonly scratch: string;
  readonly at: Provenance;
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
  /** Download attempts and first retry delay (tests shorten them). */
  readonly attempts?: number;
  readonly retryDelayMs?: number;
}

export interface SuiteIndex {
  readonly index: PackageIndex;
  /** The archive root the index came from. */
  readonly base: string;
  readonly release: ReleaseFile;
}

/** The Packages indices a component may have, preferred first. */
const COMPRESSIONS = ['.xz', '.gz', ''] as const;

export async function loadSuiteIndex(request: SuiteRequest): Promise<SuiteIndex> {
  const { base, release } = await loadRelease(request);
  const { architecture } = request;
  if (release.architectures.length > 0 && !release.architectures.includes(architecture)) {
    throw new CairnError('invalid-data', `suite ${request.suite} at ${base} has no architecture ${architecture}`, request.at, `it has: ${release.architectures.join(', ')}`);
  }
  const index = new PackageIndex(architecture);
  for (const component of request.components) {
    if (release.components.length > 0 && !release.components.includes(component) && !release.components.some((known) => known.endsWith(`/${component}`))) {
      throw new CairnError('invalid-data', `suite ${request.suite} at ${base} has no component ${component}`, request.at, `it has: ${release.components.join(', ')}`);
    }
    await loadPackages(request, base, release, component, index);
  }
  request.log(`indexed ${index.size} package names of ${request.suite}/${request.components.join(',')} for ${architecture}`);
  return { index, base, release };
}

/** The first base with a Release for the suite, and that Release, verified when it can be. */
async function loadRelease(request: SuiteRequest): Promise<{ base: string; release: ReleaseFile }> {
  const failures: string[] = [];
  const home = path.join(request.scratch, 'gnupg');
  await fs.promises.mkdir(home, { recursive: true, mode: 0o700 });
  const verifier = verifierFor(request.gpgv, request.keyring);
  for (const base of request.bases) {
    const dists = `${base}dists/${request.suite}/`;
    const inRelease = path.join(request.scratch, 'InRelease');
    if (await tryDownload(`${dists}InRelease`, inRelease, request, failures)) {
      if (typeof verifier === 'string') {
        request.log(`warning: InRelease of ${request.suite} from ${base} is not verified: ${verifier}`);
        return { base, release: parseRelease(clearsignedText(await fs.promises.readFile(inRelease, 'utf8'))) };
      }
      const signedText = path.join(request.scratch, 'InRelease.verified');
      const verified = await verifySignature(verifier, { signed: inRelease, output: signedText, home });
      if (!verified.ok) throw badSignature(`${dists}InRelease`, verified.why, verifier.keyring, request.at);
      request.log(`verified InRelease of ${request.suite} with ${verifier.keyring}`);
      return { base, release: parseRelease(await fs.promises.readFile(signedText, 'utf8')) };
    }
    const releaseFile = path.join(request.scratch, 'Release');
    if (!(await tryDownload(`${dists}Release`, releaseFile, request, failures))) continue;
    const signature = path.join(request.scratch, 'Release.gpg');
    const signed = await tryDownload(`${dists}Release.gpg`, signature, request, []);
    if (typeof verifier === 'string' || !signed) {
      const why = typeof verifier === 'string' ? verifier : 'the archive has no InRelease or Release.gpg (it is unsigned)';
      request.log(`warning: Release of ${request.suite} from ${base} is not verified: ${why}`);
    } else {
      const verified = await verifySignature(verifier, { signed: releaseFile, signature, home });
      if (!verified.ok) throw badSignature(`${dists}Release`, verified.why, verifier.keyring, request.at);
      request.log(`verified Release of ${request.suite} with ${verifier.keyring}`);
    }
    return { base, release: parseRelease(await fs.promises.readFile(releaseFile, 'utf8')) };
  }
  throw new CairnError('fetch-failed', `no Release for suite ${request.suite}: ${failures.join('; ')}`, request.at, 'check the suite name and the archive URL');
}

function badSignature(url: string, why: string, keyring: string, at: Provenance): CairnError {
  return new CairnError('checksum-mismatch', `the signature of ${url} does not verify: ${why}`, at, `the archive must be signed by a key in ${keyring}`);
}

/** Downloads `url` to `file`; a failure is noted and answered with false, an abort rethrown. */
async function tryDownload(url: string, file: string, request: SuiteRequest, failures: string[]): Promise<Transferred | undefined> {
  try {
    return await downloadToFile(url, file, transfer(request));
  } catch (error) {
    request.signal.throwIfAborted();
    if (!(error instanceof CairnError) || error.reason !== 'fetch-failed') throw error;
    failures.push(error.message);
    return undefined;
  }
}

function transfer(request: SuiteRequest): Parameters<typeof downloadToFile>[2] {
  return {
    signal: request.signal,
    log: request.log,
    at: request.at,
    ...(request.attempts !== undefined ? { attempts: request.attempts } : {}),
    ...(request.retryDelayMs !== undefined ? { retryDelayMs: request.retryDelayMs } : {}),
  };
}

async function loadPackages(request: SuiteRequest, base: string, release: ReleaseFile, component: string, index: PackageIndex): Promise<void> {
  const stem = `${component}/binary-${request.architecture}/Packages`;
  const listed = COMPRESSIONS.map((suffix) => `${stem}${suffix}`).filter((name) => release.sha256.has(name));
  if (listed.length === 0) {
    throw new CairnError('invalid-data', `the Release of ${request.suite} lists no SHA256 for ${stem}`, request.at, 'Cairn reads only indices the Release vouches for');
  }
  const failures: string[] = [];
  for (const name of listed) {
    const url = `${base}dists/${request.suite}/${name}`;
    const file = path.join(request.scratch, name.replaceAll('/', '_'));
    const got = await tryDownload(url, file, request, failures);
    if (got === undefined) continue;
    const expected = release.sha256.get(name)!;
    if (got.sha256 !== expected.sha256 || got.bytes !== expected.size) {
      throw new CairnError(
        'checksum-mismatch',
        `${url} does not match the Release: expected sha256 ${expected.sha256} (${expected.size} bytes), got ${got.sha256} (${got.bytes} bytes)`,
        request.at,
        'the archive may be in the middle of an update, or a mirror is stale; try again later',
      );
    }
    await withDecompressed(file, url, request.at, async (stream) => {
      for await (const stanza of streamStanzas(stream, INDEX_FIELDS)) {
        request.signal.throwIfAborted();
        index.addStanza(stanza, url, request.at);
      }
    });
    await fs.promises.rm(file, { force: true });
    return;
  }
  throw new CairnError('fetch-failed', `could not download the ${stem} index of ${request.suite}: ${failures.join('; ')}`, request.at);
}

/** The plain bytes of an index: xz through the host's xz (as archive-stream does), gzip with zlib. */
async function withDecompressed(file: string, label: string, at: Provenance, read: (stream: Readable) => Promise<void>): Promise<void> {
  if (!file.endsWith('.gz')) return withTarStream(file, label, at, read);
  const gunzip = createGunzip();
  const piped = pipeline(fs.createReadStream(file), gunzip);
  try {
    await read(gunzip);
    await piped;
  } catch (error) {
    gunzip.destroy();
    await piped.catch(() => undefined);
    if (error instanceof CairnError) throw error;
    throw new CairnError('invalid-data', `${label} is not valid gzip: ${messageOf(error)}`, at);
  }
}
