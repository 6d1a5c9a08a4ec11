// Times several commands in interleaved rounds (A B C, A B C, ...) rather than all runs of one
// command and then all of the next: on a machine whose background load drifts, every command
// then sees the same conditions, so ratios and differences between them stay meaningful.
import { CommandFailed, median, runOnce } from "./measure.mjs";

/**
 * specs: [{ label, cmd, args, cwd?, env, onRun? }], `env` being a factory as for timeCommand
 * (called before every run, returning { env, dispose }). After `warmup` unmeasured rounds,
 * `runs` measured rounds. A command that fails is reported through `warn` and left out of the
 * remaining rounds. Returns one result per spec, in order: timeCommand's shape
 * ({ runs, wallMs: {median,min,max}, peakRssKiB: {median,max}, last }) or { error }.
 */
export async function timeInterleaved(specs, { runs, warmup = 0, timeoutSec = 0, log = () => {}, warn = () => {} }) {
  const state = specs.map(() => ({ measured: [], last: undefined, error: undefined }));
  for (let round = 0; round < warmup + runs; round++) {
    const isWarmup = round < warmup;
    for (const [i, spec] of specs.entries()) {
      const s = state[i];
      if (s.error) continue;
      const { env, dispose } = await spec.env();
      try {
        const r = await runOnce({ label: spec.label, cmd: spec.cmd, args: spec.args, cwd: spec.cwd, env, timeoutSec });
        const tag = isWarmup ? `warm-up ${round + 1}/${warmup}` : `run ${round - warmup + 1}/${runs}`;
        log(`${spec.label}: ${tag}: ${(r.wallMs / 1000).toFixed(3)} s, ${(r.peakRssKiB / 1024).toFixed(1)} MiB`);
        if (!isWarmup) {
          s.measured.push({ wallMs: r.wallMs, peakRssKiB: r.peakRssKiB });
          s.last = r;
          spec.onRun?.(r, s.measured.length - 1);
        }
      } catch (e) {
        if (!(e instanceof CommandFailed)) throw e;
        warn(`${spec.label} failed:\n${e.message}`);
        s.error = e.timedOut ? "timed out" : "failed";
      } finally {
        await dispose();
      }
    }
  }
  return state.map((s) => {
    if (s.error) return { error: s.error };
    const walls = s.measured.map((m) => m.wallMs);
    const rss = s.measured.map((m) => m.peakRssKiB);
    return {
      runs: s.measured,
      wallMs: { median: median(walls), min: Math.min(...walls), max: Math.max(...walls) },
      peakRssKiB: { median: median(rss), max: Math.max(...rss) },
      last: s.last,
    };
  });
}
