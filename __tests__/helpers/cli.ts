// Running the bundled `cairn` (dist/cli/index.js) as a user would: a child process with an
// empty home, so no user configuration or cache of whoever runs the tests leaks in, and
// temporary directories removed after each test.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach } from '@jest/globals';
import { repoRoot } from './paths.js';

export const cli = path.join(repoRoot, 'dist', 'cli', 'index.js');

const temporaries: string[] = [];

/** A fresh directory, removed after the test. */
export function temporary(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporaries.push(dir);
  return dir;
}

/** Removes `dir` after the test too. */
export function removeAfterTest(dir: string): void {
  temporaries.push(dir);
}

afterEach(() => {
  for (const dir of temporaries.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-home-'));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

/** The environment every spawned cairn gets. */
export const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache') };

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(args: readonly string[]): Run {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
