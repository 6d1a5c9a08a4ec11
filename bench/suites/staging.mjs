// Suite "staging": putting a 60,000-file tree (shared/bench/gen-tree.py) on disk as hard links.
// Baseline: `cp -al TREE DEST`. Cairn: `artifact checkout --hardlinks --deps none` of an import
// element whose artifact is that tree (built once, unmeasured), which runs the same StagingArea
// code as a build's staging: read the stored directory messages, merge them in memory, then
// mkdir / link every entry. The CLI's node startup and project load are measured separately as
// `show --deps none` of the same element, so staging ≈ checkout − show.
import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import { access, lstat, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { CommandFailed, runOnce } from "../lib/measure.mjs";
import { timeInterleaved } from "../lib/interleave.mjs";
import { snapshotCairn } from "../lib/cairn-snapshot.mjs";
import { machineLine } from "../lib/machine.mjs";
import { consoleTable, markdownTable, ms, ok, rss, thousands, wall, warningItem } from "../lib/table.mjs";

const run = promisify(execFile);
const GOAL = 1.5;
const TREE_ARGS = ["--files", "60000", "--seed", "1"];

/** Makes (or reuses) the gen-tree.py tree at `dir`, keyed like projects.mjs by the generator and its arguments. */
async function ensureTree({ sharedDir, dir, regenerate, log }) {
  const generator = join(sharedDir, "bench", "gen-tree.py");
  const source = await readFile(generator).catch(() => {
    throw new Error(`cannot read the tree generator ${generator}`);
  });
  const stamp = createHash("sha256").update(source).update("\0").update(JSON.stringify(TREE_ARGS)).digest("hex");
  const stampPath = `${dir}.stamp`;
  const present = await access(join(dir, ".gen-tree")).then(() => true, () => false);
  if (!regenerate && present && (await readFile(stampPath, "utf8").catch(() => "")).trim() === stamp) {
    log(`reusing ${dir}`);
    return;
  }
  log(`generating the 60,000-file tree into ${dir}`);
  await rm(stampPath, { force: true });
  await run("python3", [generator, dir, ...TREE_ARGS], { maxBuffer: 16 << 20 });
  await writeFile(stampPath, `${stamp}\n`);
}

/** Non-directory entries under `dir` (files and symlinks), and one regular file's path. */
async function census(dir) {
  let entries = 0;
  let sampleFile;
  const walk = async (d) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (e.isDirectory()) await walk(join(d, e.name));
      else {
        entries++;
        if (!sampleFile && e.isFile() && e.name !== ".gen-tree") sampleFile = join(d, e.name);
      }
    }
  };
  await walk(dir);
  return { entries, sampleFile };
}

export default {
  name: "staging",
  describe: "hard-link a 60,000-file tree: Cairn `artifact checkout --hardlinks` (minus startup) vs `cp -al`",

  async run(ctx) {
    const { options: o, repoRoot, sharedDir, outDir, log, machine } = ctx;
    if (!o.cairn) throw new Error("the staging suite measures Cairn against cp -al; it cannot run with --no-cairn");
    const runs = o.runs ?? 5;
    const warmup = o.warmup ?? 1;
    const timeoutSec = o.timeout ?? 0;
    const warnings = [];
    const warn = (w) => {
      warnings.push(w);
      ctx.warn(w);
    };

    // Everything on one filesystem: hard links cannot cross it.
    const base = join(outDir, "staging");
    const project = join(base, "project");
    const tree = join(project, "tree");
    const cache = join(base, "cache");
    const dest = join(base, "dest");
    await mkdir(join(project, "elements"), { recursive: true });
    await ensureTree({ sharedDir, dir: tree, regenerate: o.regenerate, log });
    await writeFile(join(project, "project.conf"), "name: staging\nmin-version: 2.0\nelement-path: elements\n");
    await writeFile(join(project, "elements", "tree.bst"), "kind: import\nsources:\n- kind: local\n  path: tree\n");
    const expected = (await census(tree)).entries;

    const cairn = await snapshotCairn({ entry: o.cairnBin ?? join(repoRoot, "dist", "cli", "index.js"), outDir, log });
    const cli = (...args) => [cairn.entry, "-C", project, "--cache-dir", cache, ...args];

    // Ingest once (unmeasured; a no-op when the cache already holds this artifact).
    log("building tree.bst (ingesting the tree into Cairn's cache)");
    let ingest;
    try {
      ingest = await runOnce({ label: "cairn build tree.bst", cmd: process.execPath, args: cli("build", "tree.bst"), env: process.env, timeoutSec });
    } catch (e) {
      if (!(e instanceof CommandFailed)) throw e;
      throw new Error(`could not build the tree's import element:\n${e.message}`);
    }
    const ingestLine = /\d+ built, \d+ cached, \d+ failed, \d+ skipped in [\d.]+s/.exec(ingest.stderr)?.[0];
    log(`ingest: ${ingestLine ?? "?"} (${(ingest.wallMs / 1000).toFixed(1)} s)`);

    /** A fresh (absent) DEST before each run; after it, check what was written, then remove it. */
    const freshDest = (label, check) => async () => {
      await rm(dest, { recursive: true, force: true });
      return {
        env: process.env,
        dispose: async () => {
          try {
            if (check) {
              const { entries, sampleFile } = await census(dest);
              if (entries !== expected) warn(`${label}: ${entries} entries in the destination, expected ${expected}`);
              const st = sampleFile && (await lstat(sampleFile));
              if (!st || st.nlink < 2) warn(`${label}: ${sampleFile ?? "no regular file"} is not a hard link (nlink ${st?.nlink})`);
            }
          } catch (e) {
            warn(`${label}: cannot inspect ${dest}: ${e.message}`);
          }
          await rm(dest, { recursive: true, force: true });
        },
      };
    };

    // Interleaved rounds (cp, checkout, show, node; cp, ...): staging is a difference of two
    // medians, which background load drifting between the commands would distort.
    const [cp, checkout, show, node] = await timeInterleaved(
      [
        { label: "cp -al", cmd: "cp", args: ["-al", tree, dest], env: freshDest("cp -al", true) },
        {
          label: "cairn artifact checkout --hardlinks",
          cmd: process.execPath,
          args: cli("artifact", "checkout", "--hardlinks", "--deps", "none", "--directory", dest, "tree.bst"),
          env: freshDest("cairn checkout", true),
          onRun: (res) => {
            const m = /\((\d+) files\)/.exec(res.stderr);
            if (!m || Number(m[1]) !== expected) warn(`cairn checkout: reported ${m ? m[1] : "no"} files, expected ${expected}`);
          },
        },
        {
          label: "cairn show tree.bst",
          cmd: process.execPath,
          args: cli("show", "--deps", "none", "--format", "%{name} %{state}", "tree.bst"),
          env: freshDest("cairn show", false),
          onRun: (res) => {
            if (res.stdout.trim() !== "tree.bst cached") warn(`cairn show: expected "tree.bst cached", got ${JSON.stringify(res.stdout.trim())}`);
          },
        },
        { label: "node -e 0", cmd: process.execPath, args: ["-e", "0"], env: freshDest("node", false) },
      ],
      { runs, warmup, timeoutSec, log, warn },
    );
    const r = { cp, checkout, show, node };
    await rm(dest, { recursive: true, force: true });

    const data = { r, expected, ingestLine, ingestMs: ingest.wallMs, runs, warmup, digest: cairn.digest };
    const failed = Object.values(r).some((m) => !ok(m));
    return { text: consoleText(data), markdown: markdown(data, machine, warnings), warnings, failed };
  },
};

// ---- figures -------------------------------------------------------------------------------

function figures({ r }) {
  const f = {};
  if (ok(r.checkout) && ok(r.show)) f.stagingMs = r.checkout.wallMs.median - r.show.wallMs.median;
  if (ok(r.cp)) {
    f.cpMs = r.cp.wallMs.median;
    if (f.stagingMs !== undefined) f.stagingRatio = f.stagingMs / f.cpMs;
    if (ok(r.checkout)) f.checkoutRatio = r.checkout.wallMs.median / f.cpMs;
  }
  if (ok(r.checkout) && ok(r.show)) f.startupShare = r.show.wallMs.median / r.checkout.wallMs.median;
  if (ok(r.checkout) && ok(r.node)) f.nodeShare = r.node.wallMs.median / r.checkout.wallMs.median;
  return f;
}

const pct = (x) => (x === undefined ? "—" : `${(x * 100).toFixed(0)}%`);
const times = (x) => (x === undefined ? "—" : `${x.toFixed(2)}×`);

function columns() {
  return [
    ["command", (x) => x.what],
    ["wall, median (min–max)", (x) => wall(x.m)],
    ["peak RSS", (x) => rss(x.m)],
    ["÷ cp -al", (x) => (ok(x.m) && ok(x.cp) ? times(x.m.wallMs.median / x.cp.wallMs.median) : "—")],
  ];
}

function tableRows({ r }) {
  return [
    { what: "`cp -al TREE DEST` (baseline)", m: r.cp },
    { what: "`cairn artifact checkout --hardlinks --deps none`", m: r.checkout },
    { what: "`cairn show --deps none` (startup + project load)", m: r.show },
    { what: "`node -e 0` (bare node startup)", m: r.node },
  ].map((x) => ({ ...x, cp: r.cp }));
}

function summary(data) {
  const f = figures(data);
  const lines = [];
  lines.push(
    `Staging = checkout − show = ${ms(f.stagingMs)}; ÷ cp -al = **${times(f.stagingRatio)}** (goal ≤ ${GOAL}×: ` +
      `${f.stagingRatio === undefined ? "not measured" : f.stagingRatio <= GOAL ? "met" : "**not met**"}). ` +
      `The whole checkout command ÷ cp -al = ${times(f.checkoutRatio)}.`,
  );
  lines.push(
    `Startup share of the checkout: show ÷ checkout = ${pct(f.startupShare)} (of which bare node startup ${pct(f.nodeShare)}).`,
  );
  return lines;
}

function consoleText(data) {
  const rows = tableRows(data).map((x) => ({ ...x, what: x.what.replace(/`/g, "") }));
  return `${consoleTable(columns(), rows)}\n\n${summary(data).map((l) => l.replace(/\*\*/g, "")).join("\n")}`;
}

function markdown(data, machine, warnings) {
  const out = [];
  out.push("## staging — hard-linking a 60,000-file tree");
  out.push("");
  out.push(`Measured ${machineLine(machine)}. Cairn bundle sha256 ${data.digest}… (copied before the suite ran).`);
  out.push("");
  out.push(
    `- Tree: \`shared/bench/gen-tree.py DIR ${TREE_ARGS.join(" ")}\` — 60,000 files and symlinks in 3,000 leaf directories, ` +
      `sizes 0–8 KiB, plus the generator's marker file: ${thousands(data.expected)} entries to link.`,
  );
  out.push(
    "- Cairn: an `import` element with a `local` source pointing at the tree, built once unmeasured " +
      `(${/^0 built/.test(data.ingestLine ?? "") ? "already cached by an earlier run" : `${data.ingestLine ?? "?"}, ${(data.ingestMs / 1000).toFixed(1)} s wall`}), then ` +
      "`node dist/cli/index.js -C DIR --cache-dir CACHE artifact checkout --hardlinks --deps none --directory DEST tree.bst`, " +
      "which hard-links the content store's objects: the staging code of a build (StagingArea: read directory messages, merge, mkdir + link).",
  );
  out.push(
    "- Startup + project load measured alone as `show --deps none --format '%{name} %{state}' tree.bst` on the same cache; " +
      "staging time = checkout − show. Loading includes the `local` source's cache key, a digest of the whole tree (60,000 files read and hashed), in both commands.",
  );
  out.push(
    `- ${data.runs} rounds after ${data.warmup} warm-up round(s), each running the four commands in the order of the table (page cache warm); DEST is removed before ` +
      "and after every run (unmeasured); tree, cache and DEST share one filesystem.",
  );
  out.push("");
  out.push(markdownTable(columns(), tableRows(data)));
  out.push("");
  for (const l of summary(data)) out.push(l);
  out.push("");
  out.push(
    warnings.length
      ? `Warnings:\n${warnings.map(warningItem).join("\n")}`
      : `Correctness: after every run of both commands DEST held all ${thousands(data.expected)} entries and a sampled file was a hard link (nlink ≥ 2); ` +
          "the checkout reported the same count.",
  );
  return out.join("\n");
}
