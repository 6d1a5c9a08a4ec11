// The content store's small shared pieces: blobs are named by the same digest the tree digests
// use, objects get the modes the tree encoding implies, and the file helpers other cache modules
// share tolerate a file another process removed first.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ContentStore, lstatOrUndefined, readdirOrEmpty, unlinkIfPresent } from '../../src/cache/content-store.js';
import { blobDigest, defaultFileMode } from '../../src/cache/directory-digest.js';

let scratch = '';

beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-content-store-'));
});

afterEach(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('content store', () => {
  it('names a blob by its blobDigest and gives each variant the mode the tree encoding implies', () => {
    const store = new ContentStore(path.join(scratch, 'cas'));
    const bytes = Buffer.from('#!/bin/sh\necho hello\n');
    for (const executable of [false, true]) {
      const digest = store.putBytes(bytes, executable);
      expect(digest).toEqual(blobDigest(bytes));
      expect(fs.statSync(store.objectPath(digest.hash, executable)).mode & 0o7777).toBe(defaultFileMode(executable));
    }
  });
});

describe('shared file helpers', () => {
  it('lstatOrUndefined and unlinkIfPresent treat a missing file as gone, not as an error', () => {
    const file = path.join(scratch, 'file');
    fs.writeFileSync(file, 'x');
    expect(lstatOrUndefined(file)?.isFile()).toBe(true);
    expect(unlinkIfPresent(file)).toBe(true);
    expect(lstatOrUndefined(file)).toBeUndefined();
    expect(unlinkIfPresent(file)).toBe(false);
    expect(readdirOrEmpty(path.join(scratch, 'absent'))).toEqual([]);
  });

  it('other failures still throw', () => {
    const notDirectory = path.join(scratch, 'file');
    fs.writeFileSync(notDirectory, 'x');
    expect(() => lstatOrUndefined(path.join(notDirectory, 'below'))).toThrow(/ENOTDIR/);
    expect(() => unlinkIfPresent(scratch)).toThrow();
  });
});
