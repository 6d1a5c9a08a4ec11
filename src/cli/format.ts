// BuildStream's `--format` strings: `%{name}` placeholders, each with an optional Python-style
// format spec (`%{state: >12}`, `%{name:^20}`): fill, alignment and width.

const PLACEHOLDER = /%\{([a-z-]+)(?::([^}]*))?\}/g;

/** The placeholders a format string uses, so that only the needed work is done. */
export function placeholdersOf(format: string): Set<string> {
  const names = new Set<string>();
  for (const match of format.matchAll(PLACEHOLDER)) names.add(match[1]!);
  return names;
}

/** Python's format spec for strings: [[fill]align][width]; other parts are ignored. */
export function applySpec(value: string, spec: string | undefined): string {
  if (!spec) return value;
  const match = /^(?:(.)?([<>^]))?(\d+)?/.exec(spec);
  if (!match) return value;
  const fill = match[1] ?? ' ';
  const align = match[2] ?? '<';
  const width = match[3] ? Number(match[3]) : 0;
  const pad = width - [...value].length;
  if (pad <= 0) return value;
  if (align === '>') return fill.repeat(pad) + value;
  if (align === '^') return fill.repeat(Math.floor(pad / 2)) + value + fill.repeat(Math.ceil(pad / 2));
  return value + fill.repeat(pad);
}

/** Substitutes every known placeholder; unknown ones stay as written, as in BuildStream. */
export function renderFormat(format: string, values: (name: string) => string | undefined): string {
  return format.replace(PLACEHOLDER, (whole, name: string, spec: string | undefined) => {
    const value = values(name);
    return value === undefined ? whole : applySpec(value, spec);
  });
}
