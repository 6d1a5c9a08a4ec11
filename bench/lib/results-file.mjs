// Keeps bench/RESULTS.md: each suite owns the text between its markers and replaces only
// that; it must never touch another suite's section or the text around them.
import { readFile, rename, writeFile } from "node:fs/promises";

const HEADER = `# Cairn benchmark results

Written by \`npm run bench\` (bench/run.mjs); each suite rewrites only its own section.

Rules: speed is a ratio against a baseline (BuildStream 1.6.8's \`bst\`) measured in the same
run on the same machine; times are medians over several whole-process runs (min–max given);
memory is peak RSS from GNU time's \`%M\` — the largest single process of the command's tree
(wait4's ru_maxrss), not a sum over processes. Every run gets a fresh, empty
XDG_CACHE_HOME / XDG_CONFIG_HOME, so both tools start cold-but-equal.
`;

const open = (suite) => `<!-- suite:${suite} -->`;
const close = (suite) => `<!-- /suite:${suite} -->`;

/** Replaces (or appends) the section of `suite` with `body`, writing through a temporary file. */
export async function writeSuiteSection(path, suite, body) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if (e.code !== "ENOENT") throw e;
    text = HEADER;
  }
  const section = `${open(suite)}\n${body.trim()}\n${close(suite)}`;
  const start = text.indexOf(open(suite));
  const end = text.indexOf(close(suite));
  if (start >= 0 && end > start) {
    text = text.slice(0, start) + section + text.slice(end + close(suite).length);
  } else {
    text = `${text.trimEnd()}\n\n${section}\n`;
  }
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}
