// The source kinds Cairn builds in, by kind name.

import type { SourcePlugin } from '../../src/project/source-api.js';
import { deb } from './deb.js';
import { git } from './git.js';
import { local } from './local.js';
import { ostree } from './ostree.js';
import { patch } from './patch.js';
import { remote } from './remote.js';
import { tar, zip } from './tar.js';

export const builtinSourcePlugins: ReadonlyMap<string, SourcePlugin> = new Map(
  [local, remote, tar, zip, git, patch, ostree, deb].map((plugin) => [plugin.kind, plugin]),
);
