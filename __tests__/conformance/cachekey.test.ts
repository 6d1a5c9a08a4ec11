// BuildStream 2's own golden cache-key test, run against Cairn: the project and its expected
// keys are BuildStream's data, kept in ../shared/conformance/cachekey.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadPipeline } from '../../src/engine/pipeline.js';
import { sharedDir } from '../helpers/paths.js';

const fixture = path.join(sharedDir, 'conformance', 'cachekey');

/**
 * A writable copy of the fixture. In BuildStream's tree `files/local/usr/bin/goodbye` is a
 * symlink to `hello`; the shared copy stores it as a file holding the link's target, so the
 * copy turns it back into the symlink the expected keys were computed from.
 */
function copyFixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-cachekey-'));
  fs.cpSync(fixture, dir, { recursive: true });
  const chmod = (p: string): void => {
    fs.chmodSync(p, fs.statSync(p).mode | 0o200);
    if (fs.statSync(p).isDirectory()) for (const entry of fs.readdirSync(p)) chmod(path.join(p, entry));
  };
  chmod(dir);
  const goodbye = path.join(dir, 'files', 'local', 'usr', 'bin', 'goodbye');
  const target = fs.readFileSync(goodbye, 'utf8');
  fs.rmSync(goodbye);
  fs.symlinkSync(target, goodbye);
  return dir;
}

function expectedKeys(dir: string): Map<string, string> {
  const keys = new Map<string, string>();
  const walk = (sub: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.posix.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.expected')) keys.set(rel.replace(/\.expected$/, '.bst').replace(/^\.\//, ''), fs.readFileSync(path.join(dir, rel), 'utf8').trim());
    }
  };
  walk('.');
  return keys;
}

async function keysOf(dir: string, targets: string[]): Promise<Map<string, string>> {
  const graph = await loadPipeline({ directory: dir, targets });
  const keys = new Map<string, string>();
  for (const element of graph.scope('all')) keys.set(element.fullName, graph.keyed(element).keys!.strong!);
  return keys;
}

const onX86Linux = process.platform === 'linux' && process.arch === 'x64';

describe("BuildStream's golden cache keys", () => {
  let dir: string;
  beforeAll(() => {
    dir = copyFixture();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  (onX86Linux ? it : it.skip)('every element of the cachekey project has the key BuildStream 2 computes (Linux x86-64)', async () => {
    const expected = expectedKeys(dir);
    expect(expected.size).toBe(30);
    const actual = await keysOf(dir, ['target.bst']);
    const compared = [...expected].map(([name, key]) => [name, actual.get(name)]);
    expect(compared).toEqual([...expected]);
  });

  it('the shared copy as it is (goodbye a plain file) gives other keys, so the symlink is really counted', async () => {
    const keys = await keysOf(fixture, ['sources/local1.bst']);
    expect(keys.get('sources/local1.bst')).not.toBe(fs.readFileSync(path.join(fixture, 'sources', 'local1.expected'), 'utf8').trim());
  });

  it('keys do not depend on which targets are asked for, or in what order', async () => {
    const stability = 'elements/key-stability';
    const viaTop = await keysOf(dir, [`${stability}/top-level.bst`]);
    const viaT1T2 = await keysOf(dir, [`${stability}/t1.bst`, `${stability}/t2.bst`]);
    const viaT2T1 = await keysOf(dir, [`${stability}/t2.bst`, `${stability}/t1.bst`]);
    for (const name of ['aaa', 'zzz', 't1', 't2'].map((n) => `${stability}/${n}.bst`)) {
      expect([name, viaT1T2.get(name)]).toEqual([name, viaTop.get(name)]);
      expect([name, viaT2T1.get(name)]).toEqual([name, viaTop.get(name)]);
    }
    const alone = await keysOf(dir, ['elements/sort5.bst']);
    const withOthers = await keysOf(dir, ['elements/sort0.bst', 'target.bst']);
    expect(withOthers.get('elements/sort5.bst')).toBe(alone.get('elements/sort5.bst'));
  });
});
