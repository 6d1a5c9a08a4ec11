// Benchmark harness (`npm run bench`): runs the registered suites, prints their tables and
// rewrites each suite's own section of bench/RESULTS.md. Plain Node ESM, no dependencies.
// Speed is always a ratio against a baseline measured in the same run; it never reuses old figures.
import { access, constants, mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { requireGnuTime } from "./lib/measure.mjs";
import { describeMachine } from "./lib/machine.mjs";
import { writeSuiteSection } from "./lib/results-file.mjs";
import show from "./suites/show.mjs";
import build from "./suites/build.mjs";
import staging from "./suites/staging.mjs";
import sharing from "./suites/sharing.mjs";

// The registry. A suite is { name, describe, run(ctx) → { text, markdown, warnings, failed } };
// add cache, ... here.
const SUITES = [show, build, staging, sharing];

const HELP = `Usage: node bench/run.mjs [options]

Options:
  --suite NAMES        comma-separated suites to run (default: all): ${SUITES.map((s) => s.name).join(", ")}
  --sizes N,N,...      show: element counts (default: 1000,10000,50000)
  --peer-sizes N,...   show: sizes at which bst runs too (default: 1000,10000)
  --runs K             show: measured Cairn runs per size (default 5);
                       staging: measured runs of each command (default 5);
                       actions-cache: rounds per size (default 5)
  --warmup K           show: unmeasured Cairn warm-up runs per size (default 1);
                       build: warm-up runs before the measured no-op rebuilds (default 1);
                       staging: warm-up runs of each command (default 1)
  --peer-runs K        show: measured bst runs per size (default 3 at N <= 1000, 1 above)
  --peer-warmup K      show: unmeasured bst warm-up runs per size (default 0)
  --build-sizes N,...  build: manual elements in the buildable project, on top of the
                       sysroot import (default: 50); both tools build each size
  --cold-runs K        build: cold builds per tool and size, each on an emptied cache (default 3)
  --warm-runs K        build: measured no-op rebuilds per tool and size (default 5)
  --noop-size N        build: elements of the Cairn-only no-op rebuild project (default 1000,
                       goal under 2 s; its cold build runs once, measured once); 0 skips it
  --cache-sizes N,...  actions-cache: artifacts per round (default: 100,1000)
  --timeout SECONDS    stop any single run after this long (default: no limit); a tool
                       that times out is skipped at the larger sizes (show)
  --no-peer            do not run bst (no ratios; staging's baseline cp -al always runs)
  --no-cairn           do not run Cairn (peer figures only; not for staging)
  --cairn-bin PATH     Cairn CLI entry run with node (default dist/cli/index.js)
  --peer-bin PATH      bst executable (default /usr/bin/bst, else bst on PATH)
  --regenerate         regenerate the projects, the sysroot and the staging tree in
                       bench/out even if up to date
  --no-write           print only; leave bench/RESULTS.md alone
  -h, --help           this text

Suites:
${SUITES.map((s) => `  ${s.name.padEnd(10)} ${s.describe}`).join("\n")}
`;

function usage(message) {
  process.stderr.write(`bench: ${message}\n\n${HELP}`);
  process.exit(2);
}

function count(name, text) {
  if (text === undefined) return undefined;
  const k = Number(text);
  if (!Number.isInteger(k) || k < 0) usage(`--${name} wants a whole number, got ${JSON.stringify(text)}`);
  return k;
}

function sizeList(name, text) {
  if (text === undefined) return undefined;
  const list = text.split(",").map((s) => Number(s.trim().replace(/_/g, "")));
  if (list.some((k) => !Number.isInteger(k) || k < 1)) usage(`--${name} wants a comma-separated list of positive numbers, got ${JSON.stringify(text)}`);
  return list;
}

async function findExecutable(candidates) {
  for (const c of candidates) {
    if (c.includes("/")) {
      if (await access(c, constants.X_OK).then(() => true, () => false)) return c;
      continue;
    }
    for (const dir of (process.env.PATH ?? "").split(":").filter(Boolean)) {
      const p = join(dir, c);
      if (await access(p, constants.X_OK).then(() => true, () => false)) return p;
    }
  }
  return undefined;
}

async function main() {
  // Exit through process.exit so measure.mjs can remove its temporary directories.
  for (const sig of ["SIGINT", "SIGTERM"]) process.once(sig, () => process.exit(130));
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        suite: { type: "string" },
        sizes: { type: "string" },
        "peer-sizes": { type: "string" },
        runs: { type: "string" },
        warmup: { type: "string" },
        "peer-runs": { type: "string" },
        "peer-warmup": { type: "string" },
        "build-sizes": { type: "string" },
        "cold-runs": { type: "string" },
        "warm-runs": { type: "string" },
        "noop-size": { type: "string" },
        "cache-sizes": { type: "string" },
        timeout: { type: "string" },
        "no-peer": { type: "boolean" },
        "no-cairn": { type: "boolean" },
        "cairn-bin": { type: "string" },
        "peer-bin": { type: "string" },
        regenerate: { type: "boolean" },
        "no-write": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    usage(e.message);
  }
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(HELP);
    return 0;
  }

  const names = v.suite ? v.suite.split(",").map((s) => s.trim()) : SUITES.map((s) => s.name);
  const suites = names.map((name) => SUITES.find((s) => s.name === name) ?? usage(`unknown suite ${JSON.stringify(name)}`));

  const runs = count("runs", v.runs);
  if (runs === 0) usage("--runs must be at least 1");
  const peerRuns = count("peer-runs", v["peer-runs"]);
  if (peerRuns === 0) usage("--peer-runs must be at least 1");
  const coldRuns = count("cold-runs", v["cold-runs"]);
  if (coldRuns === 0) usage("--cold-runs must be at least 1");
  const warmRuns = count("warm-runs", v["warm-runs"]);
  if (warmRuns === 0) usage("--warm-runs must be at least 1");
  const options = {
    sizes: sizeList("sizes", v.sizes),
    peerSizes: sizeList("peer-sizes", v["peer-sizes"]),
    runs,
    warmup: count("warmup", v.warmup),
    peerRuns,
    peerWarmup: count("peer-warmup", v["peer-warmup"]),
    buildSizes: sizeList("build-sizes", v["build-sizes"]),
    coldRuns,
    warmRuns,
    noopSize: count("noop-size", v["noop-size"]),
    cacheSizes: sizeList("cache-sizes", v["cache-sizes"]),
    timeout: count("timeout", v.timeout),
    cairn: !v["no-cairn"],
    peer: !v["no-peer"],
    cairnBin: v["cairn-bin"] && resolve(v["cairn-bin"]),
    peerBin: undefined,
    regenerate: Boolean(v.regenerate),
  };
  if (!options.cairn && !options.peer) usage("--no-cairn and --no-peer together leave nothing to measure");

  const log = (m) => process.stderr.write(`  ${m}\n`);
  const warn = (m) => process.stderr.write(`bench: warning: ${m}\n`);

  try {
    await requireGnuTime();
  } catch (e) {
    process.stderr.write(`bench: ${e.message}\n`);
    return 1;
  }
  if (options.peer) {
    options.peerBin = await findExecutable(v["peer-bin"] ? [v["peer-bin"]] : ["/usr/bin/bst", "bst"]);
    if (!options.peerBin) {
      process.stderr.write(
        `bench: bst (BuildStream 1.6.8, the baseline) not found: install Debian's \`buildstream\` package, pass --peer-bin, or run with --no-peer\n`,
      );
      return 1;
    }
  }

  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const sharedDir = resolve(repoRoot, "..", "shared");
  const outDir = join(repoRoot, "bench", "out");
  const resultsPath = join(repoRoot, "bench", "RESULTS.md");
  await mkdir(outDir, { recursive: true });
  const machine = await describeMachine({ repoRoot, peerBin: options.peerBin });

  let failed = false;
  for (const suite of suites) {
    process.stderr.write(`bench: suite ${suite.name}\n`);
    let result;
    try {
      result = await suite.run({ options, repoRoot, sharedDir, outDir, machine, log, warn });
    } catch (e) {
      process.stderr.write(`bench: suite ${suite.name} failed: ${e.message}\n`);
      failed = true;
      continue;
    }
    process.stdout.write(`\n== ${suite.name} ==\n${result.text}\n\n`);
    if (result.warnings.length) process.stdout.write(`${result.warnings.length} warning(s), see above\n`);
    if (result.failed) failed = true;
    if (!v["no-write"]) {
      await writeSuiteSection(resultsPath, suite.name, result.markdown);
      process.stdout.write(`(section "${suite.name}" of ${resultsPath} updated)\n`);
    }
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`bench: ${e.stack ?? e}\n`);
    process.exit(1);
  },
);
