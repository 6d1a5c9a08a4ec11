// Suite "show": loading a project, resolving it and computing every cache key, timed as
// `show --deps all` over synthetic projects, Cairn against bst 1.6.8 in the same run.
// It only reads the generated projects; keys are never compared (1.x and 2.x differ by design).
import { access } from "node:fs/promises";
import { join } from "node:path";
import { CommandFailed, freshXdgHome, timeCommand } from "../lib/measure.mjs";
import { generateProject } from "../lib/projects.mjs";
import { machineLine } from "../lib/machine.mjs";

const FORMAT = "%{name} %{key}";
const DEFAULT_SIZES = [1000, 10000, 50000];
// bst needs minutes per run at 10,000 elements; larger sizes measure Cairn's scaling only.
const DEFAULT_PEER_SIZES = [1000, 10000];
const defaultPeerRuns = (n) => (n <= 1000 ? 3 : 1);

/** The element names a `show` printed: the first field of every non-empty line. */
function elementNames(stdout) {
  return stdout
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => l.trim().split(/\s+/)[0]);
}

function sameSet(a, b) {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function sample(set, notIn, k = 3) {
  return [...set].filter((x) => !notIn.has(x)).slice(0, k);
}

async function measureTool({ tool, label, cmd, args, runs, warmup, timeoutSec, n, log, warn }) {
  let firstOutput;
  try {
    const t = await timeCommand({
      label,
      cmd,
      args,
      env: freshXdgHome(),
      runs,
      warmup,
      timeoutSec,
      log,
      onRun: (r) => {
        // Cheap determinism check: every measured run must print exactly the same lines.
        if (firstOutput === undefined) firstOutput = r.stdout;
        else if (r.stdout !== firstOutput) warn(`${label}: output differs between runs`);
      },
    });
    const names = new Set(elementNames(t.last.stdout));
    // The generator writes n elements plus target.bst.
    if (names.size !== n + 1) warn(`${label}: listed ${names.size} elements, expected ${n + 1}`);
    return { tool, ...t, names };
  } catch (e) {
    if (!(e instanceof CommandFailed)) throw e;
    warn(`${label} failed:\n${e.message}`);
    return { tool, error: e.timedOut ? "timed out" : "failed", timedOut: e.timedOut };
  }
}

// ---- formatting -------------------------------------------------------------------------

// One precision per cell, chosen by the median, so min and max line up with it.
const decimals = (ms) => (ms < 10_000 ? 3 : ms < 100_000 ? 2 : 1);
const sec = (ms, d) => (ms / 1000).toFixed(d);
const wall = (m) => {
  if (!m) return "—";
  if (m.error) return m.error;
  const d = decimals(m.wallMs.median);
  return `${sec(m.wallMs.median, d)} s (${sec(m.wallMs.min, d)}–${sec(m.wallMs.max, d)})`;
};
const rss = (m) => (!m || m.error ? "—" : `${(m.peakRssKiB.median / 1024).toFixed(0)} MiB`);
const runsOf = (m) => (!m || m.error ? "" : ` ×${m.runs.length}`);
const ratio = (row) => (row.cairn?.wallMs && row.peer?.wallMs ? `${(row.peer.wallMs.median / row.cairn.wallMs.median).toFixed(1)}×` : "—");
const perElementUs = (m, n) => m.wallMs.median * 1000 / (n + 1);
const perElement = (m, n) => (!m || m.error ? "—" : `${perElementUs(m, n).toFixed(1)} µs`);
const thousands = (n) => n.toLocaleString("en-US");

function scaling(rows) {
  const ok = rows.filter((r) => r.cairn?.wallMs);
  if (ok.length < 2) return undefined;
  const small = ok[0];
  const large = ok[ok.length - 1];
  return {
    small: small.n,
    large: large.n,
    factor: perElementUs(large.cairn, large.n) / perElementUs(small.cairn, small.n),
  };
}

function columns() {
  return [
    ["N", (r) => thousands(r.n)],
    ["Cairn wall, median (min–max)", (r) => wall(r.cairn) + runsOf(r.cairn)],
    ["bst wall, median (min–max)", (r) => wall(r.peer) + runsOf(r.peer)],
    ["bst / Cairn", ratio],
    ["Cairn peak RSS", (r) => rss(r.cairn)],
    ["bst peak RSS", (r) => rss(r.peer)],
    ["Cairn per element", (r) => perElement(r.cairn, r.n)],
  ];
}

function consoleTable(rows) {
  const cols = columns();
  const cells = [cols.map(([h]) => h), ...rows.map((r) => cols.map(([, f]) => f(r)))];
  const widths = cols.map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  const line = (c) => c.map((x, i) => x.padEnd(widths[i])).join("  ");
  return [line(cells[0]), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].map((l) => l.trimEnd()).join("\n");
}

// A failure's quoted stderr goes in a fenced block under its list item.
function warningItem(w) {
  const [first, ...rest] = w.split("\n");
  return rest.length ? `- ${first}\n\n  \`\`\`\n${rest.map((l) => `  ${l}`).join("\n")}\n  \`\`\`` : `- ${first}`;
}

function markdown({ rows, machine, setup, warnings, scale }) {
  const cols = columns();
  const out = [];
  out.push("## show — load, resolve and key the whole graph");
  out.push("");
  out.push(`Measured ${machineLine(machine)}.`);
  out.push("");
  out.push(`- Cairn: \`node dist/cli/index.js show -C DIR --deps all --format '${FORMAT}' target.bst\` (project \`--format 2\`), ${setup.cairn}.`);
  out.push(`- bst: \`bst --no-interactive -C DIR show --deps all --format '${FORMAT}' target.bst\` (project \`--format 1\`, same element files), ${setup.peer}.`);
  out.push("- Projects from `shared/bench/gen-project.py N` (seed 1); per element = median wall ÷ (N + 1, counting target.bst); ×k = measured runs.");
  if (setup.limit) out.push(`- ${setup.limit[0].toUpperCase()}${setup.limit.slice(1)} (\`--timeout\`).`);
  out.push("");
  out.push(`| ${cols.map(([h]) => h).join(" | ")} |`);
  out.push(`|${cols.map(() => "---").join("|")}|`);
  for (const r of rows) out.push(`| ${cols.map(([, f]) => f(r)).join(" | ")} |`);
  out.push("");
  out.push(
    scale
      ? `Scaling: Cairn's per-element time at ${thousands(scale.large)} elements ÷ at ${thousands(scale.small)} = **${scale.factor.toFixed(2)}** (1.00 = linear).`
      : "Scaling: not measured (needs Cairn at two sizes).",
  );
  out.push("");
  out.push(
    warnings.length
      ? `Warnings:\n${warnings.map(warningItem).join("\n")}`
      : "Correctness: every run listed N + 1 elements, and where both tools ran they listed the same element names.",
  );
  return out.join("\n");
}

// ---- the suite ----------------------------------------------------------------------------

export default {
  name: "show",
  describe: "load + resolve + cache keys: `show --deps all` at 1,000 / 10,000 (/ 50,000 Cairn only) elements",

  async run(ctx) {
    const { options: o, repoRoot, sharedDir, outDir, log, machine } = ctx;
    const sizes = o.sizes ?? DEFAULT_SIZES;
    const peerSizes = o.peerSizes ?? DEFAULT_PEER_SIZES;
    const runs = o.runs ?? 5;
    const warmup = o.warmup ?? 1;
    const cairnEntry = o.cairnBin ?? join(repoRoot, "dist", "cli", "index.js");

    if (o.cairn) {
      await access(cairnEntry).catch(() => {
        throw new Error(`Cairn CLI not found at ${cairnEntry}: run \`npm run build\` first, or pass --no-cairn`);
      });
    }

    const warnings = [];
    const warn = (w) => {
      warnings.push(w);
      ctx.warn(w);
    };
    const rows = [];
    // A tool that hit --timeout at one size would only hit it again at a larger one.
    const timedOutAt = {};
    const skipped = (tool) => ({ tool, error: `skipped (timed out at ${thousands(timedOutAt[tool])})` });
    for (const n of [...sizes].sort((a, b) => a - b)) {
      const row = { n };
      rows.push(row);
      if (o.cairn && timedOutAt.cairn) {
        row.cairn = skipped("cairn");
      } else if (o.cairn) {
        const dir = await generateProject({ sharedDir, dir: join(outDir, "show", `cairn-${n}`), n, format: "2", regenerate: o.regenerate, log });
        row.cairn = await measureTool({
          tool: "cairn",
          label: `cairn show N=${n}`,
          cmd: process.execPath,
          args: [cairnEntry, "show", "-C", dir, "--deps", "all", "--format", FORMAT, "target.bst"],
          runs,
          warmup,
          timeoutSec: o.timeout ?? 0,
          n,
          log,
          warn,
        });
        if (row.cairn.timedOut) timedOutAt.cairn = n;
      }
      if (o.peer && peerSizes.includes(n) && timedOutAt.bst) {
        row.peer = skipped("bst");
      } else if (o.peer && peerSizes.includes(n)) {
        const dir = await generateProject({ sharedDir, dir: join(outDir, "show", `bst-${n}`), n, format: "1", regenerate: o.regenerate, log });
        row.peer = await measureTool({
          tool: "bst",
          label: `bst show N=${n}`,
          cmd: o.peerBin,
          args: ["--no-interactive", "-C", dir, "show", "--deps", "all", "--format", FORMAT, "target.bst"],
          runs: o.peerRuns ?? defaultPeerRuns(n),
          warmup: o.peerWarmup ?? 0,
          timeoutSec: o.timeout ?? 0,
          n,
          log,
          warn,
        });
        if (row.peer.timedOut) timedOutAt.bst = n;
      }
      if (row.cairn?.names && row.peer?.names && !sameSet(row.cairn.names, row.peer.names)) {
        warn(
          `N=${n}: Cairn and bst list different elements (Cairn ${row.cairn.names.size}, bst ${row.peer.names.size}; ` +
            `only Cairn: ${sample(row.cairn.names, row.peer.names).join(", ") || "none"}; ` +
            `only bst: ${sample(row.peer.names, row.cairn.names).join(", ") || "none"})`,
        );
      }
    }

    const scale = scaling(rows);
    const peerWarmup = `${o.peerWarmup ?? 0} warm-up`;
    const setup = {
      cairn: o.cairn ? `${runs} runs after ${warmup} warm-up` : "not measured",
      peer: !o.peer
        ? "not measured"
        : o.peerRuns
          ? `${o.peerRuns} runs after ${peerWarmup}`
          : `${defaultPeerRuns(1000)} runs at N ≤ 1,000 and ${defaultPeerRuns(10000)} above, after ${peerWarmup}`,
      limit: o.timeout ? `each run limited to ${o.timeout} s` : undefined,
    };
    let text = consoleTable(rows);
    if (scale) text += `\n\nScaling (Cairn per-element time at ${thousands(scale.large)} ÷ at ${thousands(scale.small)}): ${scale.factor.toFixed(2)}`;
    const failed = rows.some((r) => r.cairn?.error || r.peer?.error);
    return { text, markdown: markdown({ rows, machine, setup, warnings, scale }), warnings, failed };
  },
};
