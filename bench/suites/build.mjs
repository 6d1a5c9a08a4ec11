// Suite "build": real builds in sandboxes. On a buildable project from gen-project.py
// --sysroot-tar (base/sysroot.bst imports a busybox sysroot, then N trivial manual elements with
// two sandboxed commands each, target.bst the last of them), it times
//   - a cold build (empty cache, every element built) with Cairn and with bst 1.6.8,
//   - a no-op rebuild (the same command again on the populated cache) with both,
//   - Cairn's no-op rebuild of a 1,000-element buildable project (goal: under 2 s),
// plus the floor of one sandbox start (bwrap with Cairn's isolation flags, running `true`).
// Each tool builds with its own default number of parallel builders.
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { CommandFailed, median, runOnce, timeCommand } from "../lib/measure.mjs";
import { timeInterleaved } from "../lib/interleave.mjs";
import { generateProject } from "../lib/projects.mjs";
import { ensureSysroot } from "../lib/sysroot.mjs";
import { snapshotCairn } from "../lib/cairn-snapshot.mjs";
import { machineLine } from "../lib/machine.mjs";
import { consoleTable, markdownTable, ms, ok, rss, thousands, wall, warningItem } from "../lib/table.mjs";

const DEFAULT_SIZES = [50];
const DEFAULT_NOOP_SIZE = 1000;
const NOOP_GOAL_MS = 2000;
const FLOOR_RUNS = 20;
// BuildStream 1.6.8's data/userconfig.yaml: scheduler.builders.
const BST_DEFAULT_BUILDERS = 4;

/** XDG directories (and Cairn's --cache-dir) inside `home`, which the factory wipes first when `wipe`. */
function homeFactory(home, { wipe, afterRun }) {
  return async () => {
    if (wipe) await rm(home, { recursive: true, force: true });
    await mkdir(home, { recursive: true });
    const env = {
      ...process.env,
      XDG_CACHE_HOME: join(home, "cache"),
      XDG_CONFIG_HOME: join(home, "config"),
      XDG_DATA_HOME: join(home, "data"),
    };
    return { env, dispose: () => afterRun?.(env) };
  };
}

/** Cairn's summary: "Build succeeded: 51 built, 0 cached, 0 failed, 0 skipped in 5.59s". */
function cairnSummary(stderr) {
  const m = /(\d+) built, (\d+) cached, (\d+) failed, (\d+) skipped/.exec(stderr);
  return m ? { built: +m[1], cached: +m[2], failed: +m[3], skipped: +m[4], line: m[0] } : undefined;
}

/** Durations of Cairn's build jobs, from its status lines "[build:NAME] SUCCESS 0.08s ...". */
function cairnJobsMs(stderr) {
  return [...stderr.matchAll(/\[build:[^\]]*\]\s+SUCCESS\s+([\d.]+)s/g)].map((m) => Number(m[1]) * 1000);
}

/** bst's "Build Queue: processed 51, skipped 0, failed 0". */
function bstQueue(stderr) {
  const m = /Build Queue: processed (\d+),\s*skipped (\d+),\s*failed (\d+)/.exec(stderr);
  return m ? { processed: +m[1], skipped: +m[2], failed: +m[3] } : undefined;
}

async function measure(label, spec, warn) {
  try {
    return await timeCommand({ label, ...spec });
  } catch (e) {
    if (!(e instanceof CommandFailed)) throw e;
    warn(`${label} failed:\n${e.message}`);
    return { error: e.timedOut ? "timed out" : "failed" };
  }
}

export default {
  name: "build",
  describe: "cold build + no-op rebuild of sysroot + N manual elements (default 50), Cairn vs bst; Cairn no-op at 1,000",

  async run(ctx) {
    const { options: o, repoRoot, sharedDir, outDir, log, machine } = ctx;
    const sizes = o.buildSizes ?? DEFAULT_SIZES;
    const noopSize = o.noopSize ?? DEFAULT_NOOP_SIZE;
    const coldRuns = o.coldRuns ?? 3;
    const warmRuns = o.warmRuns ?? 5;
    const warmup = o.warmup ?? 1;
    const timeoutSec = o.timeout ?? 0;
    const warnings = [];
    const warn = (w) => {
      warnings.push(w);
      ctx.warn(w);
    };

    const base = join(outDir, "build");
    const { tarball, tree } = await ensureSysroot({ sharedDir, outDir, regenerate: o.regenerate, log });
    const cairn = o.cairn ? await snapshotCairn({ entry: o.cairnBin ?? join(repoRoot, "dist", "cli", "index.js"), outDir, log }) : undefined;

    const cairnBuild = (dir, home) => ({
      cmd: process.execPath,
      args: [cairn.entry, "-C", dir, "--cache-dir", join(home, "cairn-cache"), "build", "target.bst"],
    });
    const bstBuild = (dir) => ({ cmd: o.peerBin, args: ["--no-interactive", "-C", dir, "build", "target.bst"] });

    // Each tool and size has its own XDG home: cold runs wipe it first, no-op runs reuse what the
    // last cold run left. Cold runs of both tools alternate, then their no-op runs do.
    const cairnSpecs = (n, dir) => {
      const home = join(base, "homes", `cairn-${n}`);
      const { cmd, args } = cairnBuild(dir, home);
      const out = { n };
      const cold = {
        label: `cairn cold build N=${n}`, cmd, args,
        env: homeFactory(home, { wipe: true }),
        onRun: (r) => {
          const s = cairnSummary(r.stderr);
          if (!s || s.built !== n + 1 || s.failed !== 0) {
            warn(`cairn cold build N=${n}: expected "${n + 1} built, … 0 failed", got ${s ? JSON.stringify(s.line) : "no summary line"}`);
          }
          out.jobsMs = cairnJobsMs(r.stderr);
        },
      };
      const warm = {
        label: `cairn no-op rebuild N=${n}`, cmd, args,
        env: homeFactory(home, { wipe: false }),
        onRun: (r) => {
          const s = cairnSummary(r.stderr);
          if (!s || s.built !== 0 || s.failed !== 0) {
            warn(`cairn no-op rebuild N=${n}: expected "0 built", got ${s ? JSON.stringify(s.line) : "no summary line"}`);
          }
        },
      };
      return { out, cold, warm };
    };

    const bstSpecs = (n, dir) => {
      const home = join(base, "homes", `bst-${n}`);
      const { cmd, args } = bstBuild(dir);
      let justBuilt;
      // Whether bst really built and cached everything: its queue summary, then `bst show`.
      const verify = async (env) => {
        if (!justBuilt) return;
        const r = justBuilt;
        justBuilt = undefined;
        const q = bstQueue(r.stderr);
        if (!q || q.processed !== n + 1 || q.failed !== 0) warn(`bst cold build N=${n}: expected "Build Queue: processed ${n + 1}", got ${JSON.stringify(q)}`);
        try {
          const shown = await runOnce({
            label: `bst show N=${n}`,
            cmd,
            args: ["--no-interactive", "-C", dir, "show", "--deps", "all", "--format", "%{name} %{state}", "target.bst"],
            env,
            timeoutSec: 600,
          });
          const lines = shown.stdout.split("\n").filter((l) => l.trim());
          const notCached = lines.filter((l) => !/ cached$/.test(l.trim()));
          if (lines.length !== n + 1 || notCached.length) {
            warn(`bst cold build N=${n}: \`bst show\` lists ${lines.length} elements, not cached: ${notCached.slice(0, 3).join("; ") || "none"}`);
          }
        } catch (e) {
          warn(`bst cold build N=${n}: \`bst show\` failed:\n${e.message}`);
        }
      };
      const cold = {
        label: `bst cold build N=${n}`, cmd, args,
        env: homeFactory(home, { wipe: true, afterRun: verify }),
        onRun: (r) => (justBuilt = r),
      };
      const warm = {
        label: `bst no-op rebuild N=${n}`, cmd, args,
        env: homeFactory(home, { wipe: false }),
        onRun: (r) => {
          const q = bstQueue(r.stderr);
          if (!q || q.processed !== 0 || q.failed !== 0) warn(`bst no-op rebuild N=${n}: expected "Build Queue: processed 0", got ${JSON.stringify(q)}`);
        },
      };
      return { out: {}, cold, warm };
    };

    /** Cold rounds, then no-op rounds (for the tools whose cold builds all succeeded). */
    async function coldThenWarm(tools, coldCount) {
      const colds = await timeInterleaved(tools.map((t) => t.cold), { runs: coldCount, warmup: 0, timeoutSec, log, warn });
      tools.forEach((t, i) => (t.out.cold = colds[i]));
      const live = tools.filter((t) => ok(t.out.cold));
      const warms = await timeInterleaved(live.map((t) => t.warm), { runs: warmRuns, warmup, timeoutSec, log, warn });
      live.forEach((t, i) => (t.out.warm = warms[i]));
    }

    // ---- the sandbox floor: one bwrap start with Cairn's isolation flags, read-only sysroot root
    let floor;
    if (o.cairn) {
      floor = await measure("bwrap floor", {
        cmd: "bwrap",
        args: [
          "--unshare-all", "--unshare-user", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
          "--hostname", "cairn", "--uid", "0", "--gid", "0", "--clearenv",
          "--bind", tree, "/", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--remount-ro", "/",
          "--chdir", "/", "--", "/bin/sh", "-c", "true",
        ],
        runs: FLOOR_RUNS, warmup: 2, timeoutSec: 60, log: () => {},
        env: homeFactory(join(base, "homes", "floor"), { wipe: true }),
      }, warn);
      if (ok(floor)) log(`bwrap floor: median ${ms(floor.wallMs.median)} over ${FLOOR_RUNS} runs`);
    }

    // ---- cold + no-op, both tools
    const rows = [];
    for (const n of [...sizes].sort((a, b) => a - b)) {
      const row = { n };
      rows.push(row);
      const tools = [];
      if (o.cairn) {
        const dir = await generateProject({ sharedDir, dir: join(base, `cairn-${n}`), n, format: "2", sysrootTar: tarball, regenerate: o.regenerate, log });
        const t = cairnSpecs(n, dir);
        row.cairn = t.out;
        tools.push(t);
      }
      if (o.peer) {
        const dir = await generateProject({ sharedDir, dir: join(base, `bst-${n}`), n, format: "1", sysrootTar: tarball, regenerate: o.regenerate, log });
        const t = bstSpecs(n, dir);
        row.peer = t.out;
        tools.push(t);
      }
      await coldThenWarm(tools, coldRuns);
    }

    // ---- Cairn's no-op rebuild of a large project
    let big;
    if (o.cairn && noopSize > 0) {
      const dir = await generateProject({ sharedDir, dir: join(base, `cairn-${noopSize}`), n: noopSize, format: "2", sysrootTar: tarball, regenerate: o.regenerate, log });
      const t = cairnSpecs(noopSize, dir);
      await coldThenWarm([t], 1);
      big = t.out;
    }

    // The caches are large and only this run's; the projects and the sysroot stay for the next run.
    await rm(join(base, "homes"), { recursive: true, force: true });

    const setup = { coldRuns, warmRuns, warmup, nproc: machine.nproc, digest: cairn?.digest, timeoutSec, tarball };
    const data = { rows, big, floor, setup };
    const failed = rows.some((r) => !okPair(r.cairn, o.cairn) || !okPair(r.peer, o.peer)) || (big && !okPair(big, true)) || Boolean(floor?.error);
    return { text: consoleText(data), markdown: markdown(data, machine, warnings), warnings, failed };
  },
};

function okPair(p, expected) {
  if (!expected) return true;
  return Boolean(p && ok(p.cold) && ok(p.warm));
}

// ---- figures -------------------------------------------------------------------------------

const perElement = (m, n) => (ok(m) ? m.wallMs.median / (n + 1) : undefined);
const ratio = (a, b) => (ok(a) && ok(b) ? b.wallMs.median / a.wallMs.median : undefined);
const times = (x) => (x === undefined ? "—" : `${x.toFixed(2)}×`);

function columns() {
  return [
    ["N (+ sysroot)", (r) => thousands(r.n)],
    ["", (r) => r.phase],
    ["Cairn wall, median (min–max)", (r) => wall(r.c)],
    ["bst wall, median (min–max)", (r) => wall(r.b)],
    ["bst / Cairn", (r) => times(ratio(r.c, r.b))],
    ["Cairn per element", (r) => ms(perElement(r.c, r.n))],
    ["bst per element", (r) => ms(perElement(r.b, r.n))],
    ["Cairn peak RSS", (r) => rss(r.c)],
    ["bst peak RSS", (r) => rss(r.b)],
  ];
}

function tableRows(rows) {
  return rows.flatMap((r) => [
    { n: r.n, phase: "cold build", c: r.cairn?.cold, b: r.peer?.cold },
    { n: r.n, phase: "no-op rebuild", c: r.cairn?.warm, b: r.peer?.warm },
  ]);
}

function bigColumns() {
  return [
    ["N (+ sysroot)", (b) => thousands(b.n)],
    ["Cairn cold build", (b) => wall(b.cold)],
    ["Cairn no-op rebuild, median (min–max)", (b) => wall(b.warm)],
    ["goal", () => `< ${NOOP_GOAL_MS / 1000} s`],
    ["met", (b) => (ok(b.warm) ? (b.warm.wallMs.median < NOOP_GOAL_MS ? "yes" : "**no**") : "—")],
  ];
}

/** Per-element cost beyond startup and loading: (cold − no-op) ÷ (N + 1). */
function buildOnly(p, n) {
  return ok(p?.cold) && ok(p?.warm) ? (p.cold.wallMs.median - p.warm.wallMs.median) / (n + 1) : undefined;
}

function notes({ rows, big, floor }) {
  const out = [];
  for (const r of rows) {
    const c = buildOnly(r.cairn, r.n);
    const b = buildOnly(r.peer, r.n);
    if (c !== undefined || b !== undefined) {
      out.push(
        `N=${r.n}: per element beyond startup and load, (cold − no-op) ÷ (N + 1): Cairn ${ms(c)}, bst ${ms(b)}` +
          (c !== undefined && b !== undefined ? ` (bst / Cairn ${times(b / c)})` : "") +
          ". The ratio of per-element overheads equals the ratio of medians (both tools build the same N + 1 elements).",
      );
    }
    const jobs = r.cairn?.jobsMs;
    if (jobs?.length) {
      out.push(
        `N=${r.n}: Cairn's build jobs in its last cold run (its own status lines, 10 ms resolution): median ${ms(median(jobs))}, ` +
          `sum ${(jobs.reduce((a, x) => a + x, 0) / 1000).toFixed(2)} s over ${jobs.length} jobs.`,
      );
    }
  }
  if (big?.jobsMs?.length >= 100) {
    const j = big.jobsMs;
    out.push(
      `N=${big.n}: Cairn's build jobs in the cold build: median ${ms(median(j))}, first 50 ${ms(median(j.slice(0, 50)))}, ` +
        `last 50 ${ms(median(j.slice(-50)))} (element i stages the sysroot plus the run closure of its dependencies, which grows with i).`,
    );
  }
  if (ok(floor)) {
    out.push(
      `Sandbox floor: \`bwrap\` with Cairn's isolation flags on the read-only sysroot running \`/bin/sh -c true\`, ` +
        `spawned under GNU time: median ${ms(floor.wallMs.median)} (${ms(floor.wallMs.min)}–${ms(floor.wallMs.max)}) ×${floor.runs.length}. ` +
        `Cairn runs one sandbox per element (both commands in one batch).`,
    );
  }
  return out;
}

function consoleText(data) {
  let text = consoleTable(columns(), tableRows(data.rows));
  if (data.big) text += `\n\n${consoleTable(bigColumns(), [data.big])}`;
  const n = notes(data);
  if (n.length) text += `\n\n${n.join("\n")}`;
  return text;
}

function markdown(data, machine, warnings) {
  const { setup } = data;
  const out = [];
  out.push("## build — cold build and no-op rebuild");
  out.push("");
  out.push(`Measured ${machineLine(machine)}.${setup.digest ? ` Cairn bundle sha256 ${setup.digest}… (copied before the suite ran).` : ""}`);
  out.push("");
  out.push(
    "- Project: `shared/bench/gen-project.py N --sysroot-tar busybox-sysroot.tar.gz` (seed 1): `base/sysroot.bst` imports a " +
      "busybox-static sysroot (`shared/bench/make-sysroot.sh`, Debian's package via `apt-get download`) through a `file://` alias, " +
      "then N `manual` elements, each running two sandboxed commands (an `echo` and an install writing one file); element i depends " +
      "on i − 1 plus up to 3 earlier ones; `target.bst` is the last. A cold build builds N + 1 elements; per element = median ÷ (N + 1).",
  );
  out.push(
    `- Cairn: \`node dist/cli/index.js -C DIR --cache-dir CACHE build target.bst\` (project \`--format 2\`), its default builders = ` +
      `the number of cores (${setup.nproc} here).`,
  );
  out.push(
    `- bst: \`bst --no-interactive -C DIR build target.bst\` (project \`--format 1\`, same element files), its default builders = ` +
      `${BST_DEFAULT_BUILDERS} (scheduler.builders in BuildStream 1.6.8's userconfig.yaml). Both tools fetch the sysroot tarball from the \`file://\` alias in every cold build.`,
  );
  out.push(
    `- Cold: ${setup.coldRuns} runs per tool, alternating between the tools, each on an emptied XDG home (XDG_CACHE_HOME / XDG_CONFIG_HOME / XDG_DATA_HOME; Cairn's --cache-dir inside it). ` +
      `No-op rebuild: the same command again on the cache the tool's last cold run left, ${setup.warmRuns} runs after ${setup.warmup} warm-up, alternating likewise. ` +
      `The chain makes the build mostly sequential, so the builder counts matter little.` +
      (setup.timeoutSec ? ` Each run limited to ${setup.timeoutSec} s.` : ""),
  );
  out.push("");
  out.push(markdownTable(columns(), tableRows(data.rows)));
  out.push("");
  if (data.big) {
    out.push(`Cairn's no-op rebuild of a ${thousands(data.big.n)}-element buildable project (same generator; the cold build once, measured once):`);
    out.push("");
    out.push(markdownTable(bigColumns(), [data.big]));
    out.push("");
  }
  for (const n of notes(data)) out.push(`- ${n}`);
  out.push("");
  out.push(
    warnings.length
      ? `Warnings:\n${warnings.map(warningItem).join("\n")}`
      : "Correctness: every cold build exited 0 and built all N + 1 elements (Cairn's summary \"N + 1 built, … 0 failed\"; bst's " +
          "\"Build Queue: processed N + 1\" and `bst show` listing every element as cached); every no-op rebuild built nothing.",
  );
  return out.join("\n");
}

