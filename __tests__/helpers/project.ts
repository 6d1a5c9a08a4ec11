// Writes a small project into a fresh temporary directory: { 'path/in/project': 'contents' }.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function writeProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-test-'));
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return dir;
}
