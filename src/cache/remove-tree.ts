// Removes a build's scratch tree even when the build left directories without write or
// search permission (the owner may always restore them).

import fs from 'node:fs';
import path from 'node:path';

export function removeTree(directory: string): void {
  try {
    fs.rmSync(directory, { recursive: true, force: true });
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EPERM' && code !== 'ENOTEMPTY') throw error;
  }
  makeRemovable(directory);
  fs.rmSync(directory, { recursive: true, force: true });
}

function makeRemovable(directory: string): void {
  try {
    fs.chmodSync(directory, 0o700);
  } catch {
    return;
  }
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    if (entry.isDirectory()) makeRemovable(path.join(directory, entry.name));
  }
}

/** removeTree off the main thread's critical path: the caller awaits it when it must be gone. */
export async function removeTreeAsync(directory: string): Promise<void> {
  try {
    await fs.promises.rm(directory, { recursive: true, force: true });
  } catch {
    removeTree(directory);
  }
}
