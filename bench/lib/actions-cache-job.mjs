// One measured round of the actions-cache suite, in its own process (it sets the cache
// variables in its environment and hooks stdout, as the action does): N artifacts made in a
// local cache, then saved to, restored from and delta-saved to a local double of GitHub's cache
// service (__tests__/helpers/fake-actions-cache.ts: the real service cannot run here), through
// the real @actions/cache client and Cairn's sharing layer, as compiled into .build/ by tsc.
// Then the floors on the same data: tar with zstd (what @actions/cache runs) and sha256sum.
//
// Usage: node bench/lib/actions-cache-job.mjs --artifacts N --work DIR --out RESULT.json
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const compiled = (file) => import(pathToFileURL(path.join(root, ".build", file)).href);

const { values } = parseArgs({ options: { artifacts: { type: "string" }, work: { type: "string" }, out: { type: "string" } } });
const n = Number(values.artifacts);
const work = path.resolve(values.work);
if (!Number.isInteger(n) || n < 1 || !values.out) throw new Error("usage: --artifacts N --work DIR --out FILE");

const { ArtifactCache } = await compiled("src/cache/artifact-cache.js");
const { actionsCacheService } = await compiled("src/action/cache/actions-cache.js");
const { cacheScope } = await compiled("src/action/cache/keys.js");
const { restoreArtifacts, saveArtifacts } = await compiled("src/action/cache/sharing.js");
const { startFakeActionsCache } = await compiled("__tests__/helpers/fake-actions-cache.js");

fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });
const fake = await startFakeActionsCache();
Object.assign(process.env, fake.env);
const warnings = [];
const log = { info: () => undefined, warning: (text) => warnings.push(text) };
let jobs = 0;

function job(cache) {
  const id = ++jobs;
  return {
    cache,
    service: actionsCacheService(log),
    scope: cacheScope("linux", "x64", "bench"),
    branch: "refs/heads/main",
    defaultBranch: "refs/heads/main",
    runId: `${id}-1`,
    lineage: "bench",
    workDirectory: path.join(work, "runner-temp"),
    log,
  };
}

/** Deterministic, incompressible bytes (a hash chain), like the build outputs packs carry. */
function bytesFor(seed, size) {
  const out = Buffer.alloc(size);
  let block = createHash("sha256").update(seed).digest();
  for (let at = 0; at < size; at += block.length) {
    block.copy(out, at);
    block = createHash("sha256").update(block).digest();
  }
  return out;
}

/** An artifact as a build leaves it: 4 files of 256 B to 8 KiB ingested, then its record. */
async function makeArtifact(cache, i, version) {
  const output = path.join(work, `output-${i}-${version}`);
  for (let j = 0; j < 4; j++) {
    const file = path.join(output, "usr", "lib", `el${i}`, `f${j}`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const size = 256 + (createHash("sha256").update(`${i}/${j}`).digest().readUInt16BE(0) % 7937);
    fs.writeFileSync(file, bytesFor(`${i}/${j}/${version}`, size));
  }
  const ingested = await cache.store.putDirectory(output, { move: true });
  const strong = createHash("sha256").update(`strong ${i} ${version}`).digest("hex");
  cache.put({
    version: 1,
    project: "bench",
    element: `el${i}.bst`,
    keys: { strong, weak: createHash("sha256").update(`weak ${i}`).digest("hex"), strict: strong },
    dependencies: [],
    result: { success: true },
    files: ingested.digest,
    log: cache.store.putBytes(Buffer.from(`build log of el${i} ${version}\n`)),
    public: {},
    timing: { started: new Date(0).toISOString(), durationMs: 0 },
    size: ingested.bytes,
  });
  return { project: "bench", element: `el${i}.bst`, key: strong };
}

/** Requests since the last call, counted by route, with body bytes up and down. */
function traffic() {
  const requests = fake.requests();
  fake.clearRequests();
  const count = (route) => requests.filter((r) => r.route === route).length;
  const bytes = (route) => requests.filter((r) => r.route === route).reduce((sum, r) => sum + (r.bytes ?? 0), 0);
  return {
    requests: requests.length,
    entriesCreated: requests.filter((r) => r.route === "CreateCacheEntry" && r.status === 200).length,
    lookups: count("GetCacheEntryDownloadURL"),
    uploadRequests: count("upload"),
    downloadRequests: count("download"),
    uploadBytes: bytes("upload"),
    downloadBytes: bytes("download"),
  };
}

async function timed(what) {
  const started = performance.now();
  const result = await what();
  return { ms: performance.now() - started, result };
}

function timedCommand(command, args) {
  const started = performance.now();
  execFileSync(command, args, { stdio: ["ignore", "ignore", "inherit"], maxBuffer: 1 << 26 });
  return performance.now() - started;
}

try {
  const builderRoot = path.join(work, "cache-builder");
  const builderCache = new ArtifactCache(builderRoot);
  const keys = [];
  for (let i = 0; i < n; i++) keys.push(await makeArtifact(builderCache, i, "v1"));
  traffic();

  const save = await timed(() => saveArtifacts(job(builderCache), keys, keys));
  const saveTraffic = traffic();

  const restoredCache = new ArtifactCache(path.join(work, "cache-restored"));
  const restore = await timed(() => restoreArtifacts(job(restoredCache), keys));
  const restoreTraffic = traffic();
  const refs = [...restoredCache.listRefs()].length;

  // One leaf changed: its new artifact is the only thing the next job builds.
  const changed = await makeArtifact(builderCache, n, "v2");
  const deltaJob = job(builderCache);
  await restoreArtifacts(deltaJob, [...keys, changed]);
  traffic();
  const delta = await timed(() => saveArtifacts(deltaJob, [changed], [...keys, changed]));
  const deltaTraffic = traffic();

  // Floors on the same bytes: the whole local cache through tar + zstd (what @actions/cache
  // runs for one entry), unpacked again, and every object re-hashed (what verification does).
  const archive = path.join(work, "floor.tar.zst");
  const unpacked = path.join(work, "floor-unpacked");
  fs.mkdirSync(unpacked);
  const tarCreateMs = timedCommand("tar", ["--use-compress-program", "zstd -T0", "-cf", archive, "-C", builderRoot, "."]);
  const tarExtractMs = timedCommand("tar", ["--use-compress-program", "zstd -d", "-xf", archive, "-C", unpacked]);
  const objectFiles = execFileSync("find", [unpacked, "-type", "f", "-path", "*/objects/*"], { encoding: "utf8", maxBuffer: 1 << 28 }).split("\n").filter(Boolean);
  const listFile = path.join(work, "objects.list");
  fs.writeFileSync(listFile, `${objectFiles.join("\0")}\0`);
  const sha256sumMs = timedCommand("sh", ["-c", 'xargs -0 sha256sum < "$1" > /dev/null', "sh", listFile]);

  const result = {
    artifacts: n,
    cacheBytes: Number(execFileSync("du", ["-sb", builderRoot], { encoding: "utf8" }).split("\t")[0]),
    objects: objectFiles.length,
    save: { ms: save.ms, report: save.result, traffic: saveTraffic },
    restore: { ms: restore.ms, report: restore.result, traffic: restoreTraffic, refs },
    delta: { ms: delta.ms, report: delta.result, traffic: deltaTraffic },
    floors: { tarCreateMs, tarExtractMs, sha256sumMs },
    warnings,
  };
  fs.writeFileSync(values.out, JSON.stringify(result));
} finally {
  await fake.close();
  fs.rmSync(work, { recursive: true, force: true });
}
// The cache client keeps sockets alive; nothing else is left to wait for.
process.exit(0);
