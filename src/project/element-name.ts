// Element names: a path relative to the element path, ending in `.bst`, with no control or
// reserved characters; `junction.bst:element.bst` crosses into a subproject.

import path from 'node:path';
import { CairnError, type Provenance } from '../format/errors.js';

const FORBIDDEN = /[\u0000-\u001f\u007f-\uffff<>"|?*]/u;

/** Normalises `./a/./b.bst` to `a/b.bst` and checks the suffix and characters. */
export function checkElementName(name: string, at: Provenance | undefined): string {
  if (!name.endsWith('.bst')) {
    throw new CairnError('bad-element-suffix', `element '${name}' does not end in '.bst'`, at, 'element files are named NAME.bst');
  }
  // Code points from 127 up are refused too, as BuildStream refuses them.
  for (const char of name) {
    if (FORBIDDEN.test(char) || char.codePointAt(0)! > 0xffff) {
      throw new CairnError('bad-characters-in-name', `element '${name}' has an invalid character ${JSON.stringify(char)}`, at);
    }
  }
  const normal = path.posix.normalize(name);
  if (normal.startsWith('../') || path.posix.isAbsolute(normal)) {
    throw new CairnError('invalid-path', `element '${name}' is outside the element path`, at);
  }
  return normal;
}

/** Splits `a.bst:b.bst:c.bst` into the junction path and the element within the last project. */
export function splitJunctionPath(name: string): { junctions: string[]; element: string } {
  const parts = name.split(':');
  const element = parts.pop()!;
  return { junctions: parts, element };
}
