// The busybox sysroot that buildable benchmark projects import: made once into bench/out/sysroot
// by ../shared/bench/make-sysroot.sh (Debian's busybox-static via `apt-get download`, one
// relative symlink per applet, reproducible tarball), then reused.
import { execFile } from "node:child_process";
import { access } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const exists = (p) => access(p).then(() => true, () => false);

/** Returns { tarball, tree } under outDir/sysroot, running make-sysroot.sh if either is missing. */
export async function ensureSysroot({ sharedDir, outDir, regenerate = false, log = () => {} }) {
  const dir = join(outDir, "sysroot");
  const tarball = join(dir, "busybox-sysroot.tar.gz");
  const tree = join(dir, "tree");
  if (!regenerate && (await exists(tarball)) && (await exists(join(tree, "bin", "busybox")))) {
    log(`reusing ${tarball}`);
    return { tarball, tree };
  }
  const script = join(sharedDir, "bench", "make-sysroot.sh");
  log(`making the busybox sysroot with ${script}`);
  try {
    const { stdout } = await run("sh", [script, dir], { maxBuffer: 16 << 20 });
    log(stdout.trim().split("\n").pop());
  } catch (e) {
    throw new Error(
      `${script} failed (it needs \`apt-get download busybox-static\`, so apt's package lists: run apt-get update):\n` +
        `${(e.stderr ?? e.message).trim().split("\n").slice(-5).join("\n")}`,
    );
  }
  return { tarball, tree };
}
