// Keeps an artifact's symlinks inside the artifact: an absolute target (`/usr/lib/libz.so.1`) is
// rewritten relative to the link's own directory, and a relative target that climbs above the
// artifact's root is clamped at the root, as resolving it inside a sandbox would. Inside a
// sandbox the links resolve exactly as before; checked out on a host, they can no longer point
// at the host's files.

import path from 'node:path';
import type { ContentStore } from './content-store.js';
import type { Digest, DirectoryChild } from './directory-digest.js';

/** The tree with every symlink contained; the same digest when nothing needed rewriting. */
export function containSymlinks(store: ContentStore, tree: Digest): Digest {
  return walk(store, tree, '/');
}

function walk(store: ContentStore, tree: Digest, directory: string): Digest {
  let changed = false;
  const children: DirectoryChild[] = store.readDirectory(tree.hash).map((child) => {
    if (child.kind === 'directory') {
      const digest = walk(store, child.digest, path.posix.join(directory, child.name));
      if (digest.hash === child.digest.hash) return child;
      changed = true;
      return { ...child, digest };
    }
    if (child.kind === 'symlink') {
      const target = containedTarget(directory, child.target);
      if (target === child.target) return child;
      changed = true;
      return { ...child, target };
    }
    return child;
  });
  return changed ? store.putDirectoryMessage(children) : tree;
}

/** The target a link in `directory` (absolute, inside the artifact) should have. */
export function containedTarget(directory: string, target: string): string {
  if (target.startsWith('/')) return path.posix.relative(directory, path.posix.normalize(target)) || '.';
  let depth = directory.split('/').filter(Boolean).length;
  for (const part of target.split('/')) {
    if (part === '..') depth--;
    else if (part !== '' && part !== '.') depth++;
    if (depth < 0) {
      // Climbs above the root: clamp where a resolver inside the artifact would land.
      return path.posix.relative(directory, path.posix.resolve(directory, target)) || '.';
    }
  }
  return target;
}
