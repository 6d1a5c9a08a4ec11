// Suite "actions-cache": sharing artifacts through the Actions cache, as the action does, at
// several graph sizes: a save of N artifacts from a job's local cache, a restore of all of them
// into an empty one, and the delta save after one leaf changed, all through the real
// @actions/cache client against the local double of GitHub's cache service the tests use (the
// real service cannot run here). Counts requests and bytes (the goal: the uploads of a job do not
// grow with the number of artifacts) and times each phase against its floor on the same bytes:
// tar + zstd for a save, untar + sha256sum of every object for a restore.
import { execFile } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { machineLine } from "../lib/machine.mjs";
import { median } from "../lib/measure.mjs";
import { consoleTable, markdownTable, thousands, warningItem } from "../lib/table.mjs";

const run = promisify(execFile);
const DEFAULT_SIZES = [100, 1000];

export default {
  name: "actions-cache",
  describe: "save / restore / delta-save N artifacts through the Actions cache double: requests, bytes, time vs tar+zstd and sha256sum",

  async run(ctx) {
    const { options: o, repoRoot, outDir, log, machine } = ctx;
    const sizes = o.cacheSizes ?? DEFAULT_SIZES;
    const runs = o.runs ?? 5;
    const warnings = [];
    const warn = (w) => {
      warnings.push(w);
      ctx.warn(w);
    };

    // The sharing layer and the service double, compiled as the build compiles them.
    log("compiling the sources into .build/ (tsc -p tsconfig.build.json)");
    await run(process.execPath, [join(repoRoot, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], { cwd: repoRoot, maxBuffer: 16 << 20 });

    const rows = [];
    for (const n of sizes) {
      const rounds = [];
      for (let i = 0; i < runs; i++) {
        const out = join(outDir, `actions-cache-${n}.json`);
        log(`${thousands(n)} artifacts: round ${i + 1} of ${runs}`);
        await run(process.execPath, [join(repoRoot, "bench", "lib", "actions-cache-job.mjs"), "--artifacts", String(n), "--work", join(outDir, "actions-cache-work"), "--out", out], {
          cwd: repoRoot,
          maxBuffer: 64 << 20,
        });
        const round = JSON.parse(await readFile(out, "utf8"));
        await rm(out, { force: true });
        check(round, n, warn);
        rounds.push(round);
      }
      rows.push(summarise(n, rounds));
    }
    const failed = !rows.every((row) => row.entriesSave === rows[0].entriesSave && row.entriesDelta === rows[0].entriesDelta);
    const data = { rows, runs, failed };
    return { text: consoleText(data), markdown: markdown(data, machine, warnings), warnings, failed };
  },
};

/** What must hold in every round, whatever the timings. */
function check(round, n, warn) {
  const where = `${thousands(n)} artifacts`;
  if (round.save.report.artifacts !== n) warn(`${where}: the save packed ${round.save.report.artifacts} artifacts, not ${n}`);
  if (round.restore.report.artifacts !== n) warn(`${where}: the restore published ${round.restore.report.artifacts} artifacts, not ${n}`);
  if (round.delta.report.artifacts !== 1) warn(`${where}: the delta save packed ${round.delta.report.artifacts} artifacts, not 1`);
  for (const w of round.warnings) warn(`${where}: ${w}`);
}

function summarise(n, rounds) {
  const pick = (f) => {
    const values = rounds.map(f);
    return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
  };
  const first = rounds[0];
  return {
    n,
    runs: rounds.length,
    cacheBytes: first.cacheBytes,
    objects: first.objects,
    save: pick((r) => r.save.ms),
    saveFloor: pick((r) => r.floors.tarCreateMs),
    saveRatio: median(rounds.map((r) => r.save.ms / r.floors.tarCreateMs)),
    restore: pick((r) => r.restore.ms),
    restoreFloor: pick((r) => r.floors.tarExtractMs + r.floors.sha256sumMs),
    restoreRatio: median(rounds.map((r) => r.restore.ms / (r.floors.tarExtractMs + r.floors.sha256sumMs))),
    delta: pick((r) => r.delta.ms),
    // Request counts do not depend on timing; the first round's stand for all (checked equal below).
    entriesSave: first.save.traffic.entriesCreated,
    entriesDelta: first.delta.traffic.entriesCreated,
    save_t: first.save.traffic,
    restore_t: first.restore.traffic,
    delta_t: first.delta.traffic,
    stable: rounds.every((r) => JSON.stringify([r.save.traffic.requests, r.restore.traffic.requests, r.delta.traffic.requests]) === JSON.stringify([first.save.traffic.requests, first.restore.traffic.requests, first.delta.traffic.requests])),
  };
}

const msText = (x) => (x.median < 1000 ? `${x.median.toFixed(0)} ms` : `${(x.median / 1000).toFixed(2)} s`);
const range = (x) => `${msText(x)} (${(x.min / 1000).toFixed(2)}–${(x.max / 1000).toFixed(2)} s)`;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function timeColumns() {
  return [
    ["artifacts", (r) => thousands(r.n)],
    ["save, median (min–max)", (r) => range(r.save)],
    ["tar + zstd", (r) => msText(r.saveFloor)],
    ["save ÷ floor", (r) => `${r.saveRatio.toFixed(2)}×`],
    ["restore, median (min–max)", (r) => range(r.restore)],
    ["untar + sha256sum", (r) => msText(r.restoreFloor)],
    ["restore ÷ floor", (r) => `${r.restoreRatio.toFixed(2)}×`],
    ["delta save (1 leaf)", (r) => msText(r.delta)],
  ];
}

function trafficColumns() {
  return [
    ["artifacts", (r) => `${thousands(r.n)} (${mb(r.cacheBytes)} cache)`],
    ["save: entries created / upload requests / bytes up", (r) => `${r.save_t.entriesCreated} / ${r.save_t.uploadRequests} / ${mb(r.save_t.uploadBytes)}`],
    ["save: all requests", (r) => String(r.save_t.requests)],
    ["restore: lookups / downloads / bytes down", (r) => `${r.restore_t.lookups} / ${r.restore_t.downloadRequests} / ${mb(r.restore_t.downloadBytes)}`],
    ["delta save: entries created / bytes up", (r) => `${r.delta_t.entriesCreated} / ${(r.delta_t.uploadBytes / 1024).toFixed(0)} KiB`],
  ];
}

function verdict(data) {
  const { rows } = data;
  const growth = rows.map((r) => `${r.entriesSave} at ${thousands(r.n)}`).join(", ");
  return data.failed
    ? `Uploads per job grow with the graph: entries created per save ${growth}. **Goal not met.**`
    : `Entries created per save: ${growth}; per delta save: ${rows.map((r) => r.entriesDelta).join(", ")}. Uploads per job do not grow with the number of artifacts: **goal met**.`;
}

function consoleText(data) {
  return `${consoleTable(timeColumns(), data.rows)}\n\n${consoleTable(trafficColumns(), data.rows)}\n\n${verdict(data).replace(/\*\*/g, "")}`;
}

function markdown(data, machine, warnings) {
  const out = [];
  out.push("## actions-cache — sharing artifacts through the Actions cache");
  out.push("");
  out.push(`Measured ${machineLine(machine)}.`);
  out.push("");
  out.push(
    "- Each round is one process (`bench/lib/actions-cache-job.mjs`): N artifacts of 4 files each (256 B–8 KiB of incompressible bytes) are made in a " +
      "local cache; one job saves them all; a second job restores them all into an empty cache; a third changes one leaf and saves. All through the real " +
      "`@actions/cache` client (tar, zstd, twirp calls, blob upload and download) against the local double of GitHub's cache service used by the tests " +
      "(`__tests__/helpers/fake-actions-cache.ts`, on 127.0.0.1: the real service cannot run here), and Cairn's sharing layer compiled by tsc.",
  );
  out.push(
    "- Floors on the same bytes, in the same round: `tar --use-compress-program 'zstd -T0' -cf` of the whole local cache for a save; " +
      "`tar -xf` of that archive plus `sha256sum` of every object for a restore (a restore verifies every object before publishing a ref).",
  );
  out.push(`- ${data.runs} rounds per size; times are medians (min–max).`);
  out.push("");
  out.push(markdownTable(timeColumns(), data.rows));
  out.push("");
  out.push(markdownTable(trafficColumns(), data.rows));
  out.push("");
  out.push(verdict(data));
  out.push(
    "A save creates one pack entry and one index entry; the upload requests are the blob PUTs of those two entries (one each while an entry is under the " +
      "client's single-shot size). The save's other requests are index lookups (this job's own line and any job's, on its branch and the default branch) and " +
      "the look-before-upload of each entry. A restore reads the indexes and downloads only the packs it needs.",
  );
  out.push("");
  out.push(warnings.length ? `Warnings:\n${warnings.map(warningItem).join("\n")}` : "Correctness: every save packed all N artifacts, every restore published all N, every delta save packed exactly the changed one, with no warning.");
  return out.join("\n");
}
