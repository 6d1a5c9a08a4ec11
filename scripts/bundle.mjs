// Builds dist/: one TypeScript compile of the whole tree (which is also the type check,
// tests included) into .build/, then @vercel/ncc bundles each entry point's emitted
// JavaScript into dist/<name>/index.js, so the action and the `cairn` bin run without
// node_modules. dist/ is committed and must match src/.
// Why compile first: ncc type-checks every TypeScript entry on its own, which made the
// build check the same code four times; bundling plain JavaScript needs no loader.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
const ncc = path.join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js');
const compiled = path.join(root, '.build');
const entries = { cli: 'src/cli/index' };
for (const name of ['action/main', 'action/post']) {
  if (fs.existsSync(path.join(root, `src/${name}.ts`))) entries[name] = `src/${name}`;
}

function run(args, what) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${what} failed (exit ${code})`))));
  });
}

async function bundle(name, entry) {
  const out = path.join(root, 'dist', name);
  fs.rmSync(out, { recursive: true, force: true });
  await run([ncc, 'build', path.join(compiled, `${entry}.js`), '-o', out, '--quiet', '--target', 'es2022'], `ncc for ${entry}`);
  // ncc names ESM output index.mjs when it sees one; the bin and action.yml use index.js.
  const mjs = path.join(out, 'index.mjs');
  if (fs.existsSync(mjs)) fs.renameSync(mjs, path.join(out, 'index.js'));
  fs.writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n');
}

try {
  fs.rmSync(compiled, { recursive: true, force: true });
  await run([tsc, '-p', 'tsconfig.build.json'], 'tsc');
  await Promise.all(Object.entries(entries).map(([name, entry]) => bundle(name, entry)));
} catch (error) {
  console.error(`bundle: ${error.message}`);
  process.exit(1);
}
