// BuildStream's path globs (split rules, overlap whitelists): `*` stays inside one path
// component, `**` crosses them, `?` is one non-slash character, `[...]` a class (`!` negates).
// Matching is anchored and against absolute paths.

export function globToRegExpSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        out += '.*';
        i++;
      } else out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, close);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      out += '[' + body.replace(/\\/g, '\\\\') + ']';
      i = close;
    } else {
      out += c.replace(/[.+^${}()|\\/]/g, '\\$&');
    }
  }
  return out;
}

/** One matcher for a list of globs; an empty list matches nothing. */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  const re = new RegExp(`^(?:${globs.map(globToRegExpSource).join('|')})$`, 's');
  return (path) => re.test(path);
}
