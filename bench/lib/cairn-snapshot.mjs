// A private copy of the Cairn CLI bundle for one suite run. The bundle (dist/cli/index.js plus
// its package.json) is self-contained, and `npm run build` deletes and rewrites dist/cli, so a
// benchmark lasting minutes copies it first: every run of the suite then measures the same code,
// and a rebuild in the middle cannot make a run fail with "Cannot find module".
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFile, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Copies `entry` (and the package.json beside it) to outDir/cairn-snapshot/<sha256 prefix>/ and
 * returns { entry, digest } for the copy. A bundle being rewritten at that moment (missing, or
 * not yet runnable) is retried for up to `waitSec` seconds.
 */
export async function snapshotCairn({ entry, outDir, waitSec = 120, log = () => {} }) {
  const deadline = Date.now() + waitSec * 1000;
  for (;;) {
    let problem;
    try {
      const bytes = await readFile(entry);
      const pkg = await readFile(join(dirname(entry), "package.json")).catch(() => Buffer.from('{ "type": "module" }\n'));
      const digest = createHash("sha256").update(bytes).digest("hex").slice(0, 12);
      const dir = join(outDir, "cairn-snapshot", digest);
      await mkdir(dir, { recursive: true });
      const copy = join(dir, basename(entry));
      await writeFile(join(dir, "package.json"), pkg);
      await copyFile(entry, `${copy}.tmp`);
      // The copy must be the bytes hashed above, and must run.
      const copied = await readFile(`${copy}.tmp`);
      if (createHash("sha256").update(copied).digest("hex").slice(0, 12) !== digest) throw new Error("changed while being copied");
      await rename(`${copy}.tmp`, copy);
      await run(process.execPath, [copy, "--help"], { timeout: 60_000 });
      log(`Cairn bundle ${entry} copied to ${copy} (sha256 ${digest})`);
      return { entry: copy, digest };
    } catch (e) {
      problem = e.message.split("\n")[0];
    }
    if (Date.now() > deadline) throw new Error(`cannot take a runnable copy of ${entry}: ${problem} (run \`npm run build\`)`);
    log(`Cairn bundle not usable yet (${problem}); retrying`);
    await sleep(5000);
  }
}
