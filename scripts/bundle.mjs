// Bundles each entry point with @vercel/ncc into dist/<name>/index.js, so the action and the
// `cairn` bin run without node_modules. dist/ is committed and must match src/.
// The entry points are bundled side by side: each ncc run is mostly single-threaded.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ncc = path.join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js');
const entries = { cli: 'src/cli/index.ts' };
for (const name of ['action/main', 'action/post']) {
  const entry = `src/${name}.ts`;
  if (fs.existsSync(path.join(root, entry))) entries[name] = entry;
}

function bundle(name, entry) {
  const out = path.join(root, 'dist', name);
  fs.rmSync(out, { recursive: true, force: true });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ncc, 'build', entry, '-o', out, '--quiet', '--target', 'es2022'], { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`ncc failed for ${entry} (exit ${code})`));
      // ncc names ESM output index.mjs; the bin and action.yml use index.js with "type": "module".
      const mjs = path.join(out, 'index.mjs');
      if (fs.existsSync(mjs)) fs.renameSync(mjs, path.join(out, 'index.js'));
      fs.writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n');
      resolve();
    });
  });
}

try {
  await Promise.all(Object.entries(entries).map(([name, entry]) => bundle(name, entry)));
} catch (error) {
  console.error(`bundle: ${error.message}`);
  process.exit(1);
}
