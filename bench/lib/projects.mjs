// Generates the synthetic benchmark projects with ../shared/bench/gen-project.py into
// bench/out/. Generation is deterministic, so a project is reused while its stamp (the
// generator's hash plus its arguments) still matches; it never edits a generated project.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { access, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * Makes (or reuses) the project of `n` elements in `dir`.
 * format: "1" for BuildStream 1.x (bst 1.6.8), "2" for the BuildStream 2 format (Cairn).
 * sysrootTar: a busybox sysroot tarball (see sysroot.mjs); with it the project is buildable
 * (gen-project.py --sysroot-tar): base/sysroot.bst imports it, then n trivial manual elements.
 */
export async function generateProject({ sharedDir, dir, n, format, seed = 1, sysrootTar, regenerate = false, log = () => {} }) {
  const generator = join(sharedDir, "bench", "gen-project.py");
  let source;
  try {
    source = await readFile(generator);
  } catch {
    throw new Error(`cannot read the project generator ${generator} (shared/ is expected at ../shared from the repository root)`);
  }
  const args = [String(n), "--out", dir, "--format", format, "--seed", String(seed)];
  if (sysrootTar) args.push("--sysroot-tar", sysrootTar);
  const hash = createHash("sha256").update(source).update("\0").update(JSON.stringify(args));
  // The tarball's sha256 is written into the project as the source ref: a new tarball means a new project.
  if (sysrootTar) hash.update("\0").update(await readFile(sysrootTar));
  const stamp = hash.digest("hex");
  const stampPath = `${dir}.stamp`;
  if (!regenerate) {
    const previous = await readFile(stampPath, "utf8").catch(() => "");
    const present = await access(join(dir, ".gen-project")).then(() => true, () => false);
    if (previous.trim() === stamp && present) {
      log(`reusing ${dir}`);
      return dir;
    }
  }
  log(`generating ${n} ${sysrootTar ? "buildable " : ""}elements (format ${format}) into ${dir}`);
  // Drop the stamp first: an interrupted generation must not be mistaken for a finished one.
  await rm(stampPath, { force: true });
  await run("python3", [generator, ...args], { maxBuffer: 16 << 20 });
  await writeFile(stampPath, `${stamp}\n`);
  return dir;
}
