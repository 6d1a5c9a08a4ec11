// The element kinds Cairn knows without any project plugin: BuildStream 2's core kinds and the
// build element kinds of buildstream-plugins. Nothing else is registered here.

import type { ElementPlugin } from '../../src/project/plugin-api.js';
import { autotoolsPlugin } from './autotools.js';
import { cmakePlugin } from './cmake.js';
import { composePlugin } from './compose.js';
import { filterPlugin } from './filter.js';
import { importPlugin } from './import.js';
import { junctionPlugin } from './junction.js';
import { linkPlugin } from './link.js';
import { makePlugin } from './make.js';
import { manualPlugin } from './manual.js';
import { mesonPlugin } from './meson.js';
import { scriptPlugin } from './script.js';
import { stackPlugin } from './stack.js';

const plugins: readonly ElementPlugin[] = [
  importPlugin,
  stackPlugin,
  composePlugin,
  scriptPlugin,
  filterPlugin,
  linkPlugin,
  junctionPlugin,
  manualPlugin,
  autotoolsPlugin,
  cmakePlugin,
  makePlugin,
  mesonPlugin,
];

export const builtinElementPlugins: ReadonlyMap<string, ElementPlugin> = new Map(
  plugins.map((plugin) => [plugin.kind, plugin]),
);
