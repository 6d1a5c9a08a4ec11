// Small formatting helpers shared by the build and staging suites: a timed result (from
// measure.mjs timeCommand) as "median (min–max) ×runs", and one list of columns rendered both
// as a console table and as a Markdown table.

// One precision per cell, chosen by the median, so min and max line up with it.
const decimals = (ms) => (ms < 10_000 ? 3 : ms < 100_000 ? 2 : 1);
const sec = (ms, d) => (ms / 1000).toFixed(d);

/** "1.234 s (1.200–1.300) ×5", the error text of a failed measurement, or "—". */
export function wall(m) {
  if (!m) return "—";
  if (m.error) return m.error;
  const d = decimals(m.wallMs.median);
  const range = m.runs.length > 1 ? ` (${sec(m.wallMs.min, d)}–${sec(m.wallMs.max, d)})` : "";
  return `${sec(m.wallMs.median, d)} s${range} ×${m.runs.length}`;
}

/** Milliseconds, one decimal below 100 ms. */
export function ms(value) {
  if (value === undefined || !Number.isFinite(value)) return "—";
  return Math.abs(value) < 100 ? `${value.toFixed(1)} ms` : `${value.toFixed(0)} ms`;
}

export const rss = (m) => (!m || m.error ? "—" : `${(m.peakRssKiB.median / 1024).toFixed(0)} MiB`);
export const ok = (m) => Boolean(m && !m.error);
export const thousands = (n) => n.toLocaleString("en-US");

/** rows: objects; cols: [header, row => cell text]. */
export function consoleTable(cols, rows) {
  const cells = [cols.map(([h]) => h), ...rows.map((r) => cols.map(([, f]) => f(r)))];
  const widths = cols.map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  const line = (c) => c.map((x, i) => x.padEnd(widths[i])).join("  ");
  return [line(cells[0]), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].map((l) => l.trimEnd()).join("\n");
}

export function markdownTable(cols, rows) {
  const cell = (x) => x.replace(/\|/g, "\\|");
  return [
    `| ${cols.map(([h]) => cell(h)).join(" | ")} |`,
    `|${cols.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${cols.map(([, f]) => cell(f(r))).join(" | ")} |`),
  ].join("\n");
}

/** A warning as a Markdown list item; a quoted stderr (the lines after the first) goes in a fenced block. */
export function warningItem(w) {
  const [first, ...rest] = w.split("\n");
  return rest.length ? `- ${first}\n\n  \`\`\`\n${rest.map((l) => `  ${l}`).join("\n")}\n  \`\`\`` : `- ${first}`;
}
