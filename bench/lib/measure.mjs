// Times whole processes: wall time from process.hrtime around the spawn, peak RSS from
// GNU time's %M. It never interprets what the command prints; suites do that.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { access, constants, mkdtemp, open, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const GNU_TIME = "/usr/bin/time";

// Temporary directories and process groups still in use, cleaned up even if the harness is
// interrupted (run.mjs turns SIGINT/SIGTERM into process.exit, which runs this handler).
const liveDirs = new Set();
const liveGroups = new Set();
process.on("exit", () => {
  for (const pgid of liveGroups) killGroup(pgid, "SIGKILL");
  for (const d of liveDirs) rmSync(d, { recursive: true, force: true });
});

function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

async function tempDir(prefix) {
  const d = await mkdtemp(join(tmpdir(), prefix));
  liveDirs.add(d);
  return d;
}

async function removeDir(d) {
  await rm(d, { recursive: true, force: true });
  liveDirs.delete(d);
}

/** Resolves if GNU time is usable; otherwise rejects with the message to show the user. */
export async function requireGnuTime() {
  try {
    await access(GNU_TIME, constants.X_OK);
  } catch {
    throw new Error(
      `${GNU_TIME} is missing: the benchmarks measure peak memory with GNU time.\n` +
        `Install it with:  apt-get install time`,
    );
  }
}

/** A command failed; carries the tail of its stderr so the report can quote the real error. */
export class CommandFailed extends Error {
  constructor(label, exit, stderr, timedOutAfterSec) {
    const tail = stderr.trimEnd().split("\n").slice(-15).join("\n");
    const timedOut = timedOutAfterSec !== undefined;
    super(`${label} ${timedOut ? `timed out after ${timedOutAfterSec} s` : `exited with ${exit}`}\n${tail}`);
    this.label = label;
    this.exit = exit;
    this.timedOut = timedOut;
    this.stderr = stderr;
  }
}

/**
 * Environment factory giving each run a fresh, empty XDG cache/config/data home, so every
 * tool starts cold-but-equal: no run can profit from a cache an earlier run (or the
 * warm-up) left behind.
 */
export function freshXdgHome(baseEnv = process.env) {
  return async () => {
    const home = await tempDir("cairn-bench-xdg-");
    const env = {
      ...baseEnv,
      XDG_CACHE_HOME: join(home, "cache"),
      XDG_CONFIG_HOME: join(home, "config"),
      XDG_DATA_HOME: join(home, "data"),
    };
    return { env, dispose: () => removeDir(home) };
  };
}

/**
 * Runs `cmd args` once under GNU time. stdout and stderr go to files (not pipes), so the
 * harness's own event loop can never slow the child down. The command runs in its own
 * process group, so a time limit or an interrupted harness can stop all of it (GNU time
 * does not pass signals on to the command).
 * timeoutSec > 0 kills the command's whole process group once it has run that long (a
 * benchmark run has nothing to save, so SIGKILL straight away).
 * Returns { wallMs, peakRssKiB, stdout, stderr }; throws CommandFailed on a non-zero exit.
 */
export async function runOnce({ label, cmd, args, cwd, env, timeoutSec = 0 }) {
  const dir = await tempDir("cairn-bench-run-");
  try {
    const paths = { out: join(dir, "stdout"), err: join(dir, "stderr"), time: join(dir, "time") };
    const out = await open(paths.out, "w");
    const err = await open(paths.err, "w");
    let exit;
    let wallNs;
    let timedOut = false;
    let timer;
    let pgid;
    try {
      const t0 = process.hrtime.bigint();
      const child = spawn(GNU_TIME, ["-f", "%e %M", "-o", paths.time, cmd, ...args], {
        cwd,
        env,
        stdio: ["ignore", out.fd, err.fd],
        detached: true,
      });
      pgid = child.pid;
      if (pgid !== undefined) liveGroups.add(pgid);
      if (timeoutSec > 0 && pgid !== undefined) {
        timer = setTimeout(() => {
          timedOut = true;
          killGroup(pgid, "SIGKILL");
        }, timeoutSec * 1000);
      }
      exit = await new Promise((resolve, reject) => {
        child.once("error", reject);
        child.once("exit", (code, signal) => resolve(signal ? `signal ${signal}` : code));
      });
      wallNs = process.hrtime.bigint() - t0;
    } finally {
      clearTimeout(timer);
      if (pgid !== undefined) liveGroups.delete(pgid);
      await out.close();
      await err.close();
    }
    const [stdout, stderr, timeText] = await Promise.all([
      readFile(paths.out, "utf8"),
      readFile(paths.err, "utf8"),
      readFile(paths.time, "utf8").catch(() => ""),
    ]);
    if (timedOut || exit !== 0) throw new CommandFailed(label, exit, stderr, timedOut ? timeoutSec : undefined);
    // On success GNU time writes exactly one line "%e %M"; take the last line to be safe.
    const last = timeText.trim().split("\n").pop() ?? "";
    const peakRssKiB = Number(last.split(/\s+/)[1]);
    if (!Number.isFinite(peakRssKiB)) throw new Error(`${label}: cannot parse GNU time output ${JSON.stringify(timeText)}`);
    return { wallMs: Number(wallNs) / 1e6, peakRssKiB, stdout, stderr };
  } finally {
    await removeDir(dir);
  }
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Times a command `runs` times after `warmup` unmeasured runs.
 * `env` is a factory called before every run (e.g. freshXdgHome()) returning { env, dispose }.
 * `timeoutSec` limits every run (0 = no limit). `onRun(result, index)` sees each measured run's output (for correctness checks).
 * Returns { runs: [{wallMs, peakRssKiB}], wallMs: {median,min,max}, peakRssKiB: {median,max}, last }.
 */
export async function timeCommand({ label, cmd, args, cwd, env = freshXdgHome(), runs, warmup = 0, timeoutSec = 0, log = () => {}, onRun }) {
  const measured = [];
  let last;
  for (let i = 0; i < warmup + runs; i++) {
    const isWarmup = i < warmup;
    const { env: runEnv, dispose } = await env();
    try {
      const r = await runOnce({ label, cmd, args, cwd, env: runEnv, timeoutSec });
      const tag = isWarmup ? `warm-up ${i + 1}/${warmup}` : `run ${i - warmup + 1}/${runs}`;
      log(`${label}: ${tag}: ${(r.wallMs / 1000).toFixed(3)} s, ${(r.peakRssKiB / 1024).toFixed(1)} MiB`);
      if (!isWarmup) {
        measured.push({ wallMs: r.wallMs, peakRssKiB: r.peakRssKiB });
        onRun?.(r, measured.length - 1);
        last = r;
      }
    } finally {
      await dispose();
    }
  }
  const walls = measured.map((m) => m.wallMs);
  const rss = measured.map((m) => m.peakRssKiB);
  return {
    runs: measured,
    wallMs: { median: median(walls), min: Math.min(...walls), max: Math.max(...walls) },
    peakRssKiB: { median: median(rss), max: Math.max(...rss) },
    last,
  };
}
