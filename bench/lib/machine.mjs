// Describes the machine and tool versions a benchmark ran on, for the results file.
// Read-only: it runs version queries and reads /proc, nothing else.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";

const run = promisify(execFile);

async function output(cmd, args, opts = {}) {
  try {
    const { stdout } = await run(cmd, args, { timeout: 60_000, ...opts });
    return stdout.trim();
  } catch {
    return undefined;
  }
}

async function procField(file, field) {
  try {
    const text = await readFile(file, "utf8");
    const line = text.split("\n").find((l) => l.startsWith(field));
    return line?.split(":").slice(1).join(":").trim();
  } catch {
    return undefined;
  }
}

/** peerBin: the bst to ask for its version, or undefined when the peer is not measured. */
export async function describeMachine({ repoRoot, peerBin }) {
  const memKiB = Number((await procField("/proc/meminfo", "MemTotal"))?.split(/\s+/)[0]);
  const commit = await output("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot });
  const dirty = commit && (await output("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: repoRoot }));
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    nproc: (await output("nproc", [])) ?? "?",
    cpu: (await procField("/proc/cpuinfo", "model name")) ?? "unknown CPU",
    memory: Number.isFinite(memKiB) ? `${(memKiB / 1024 / 1024).toFixed(1)} GiB` : "unknown",
    node: process.version,
    bst: peerBin ? ((await output(peerBin, ["--version"])) ?? "not runnable") : "not measured",
    cairn: commit ? `${commit}${dirty ? " + local changes" : ""}` : "no commit yet",
  };
}

export function machineLine(m) {
  return (
    `${m.date} on ${m.nproc} CPUs (${m.cpu}), ${m.memory} RAM; ` +
    `Node ${m.node}, BuildStream ${m.bst}, Cairn ${m.cairn}`
  );
}
