// The manual element: a build element whose commands the element itself supplies.

import type { ElementPlugin } from '../../src/project/plugin-api.js';
import { buildElementPlugin } from './build-element.js';

// Values as BuildStream 2's manual.yaml: they enter cache keys.
export const MANUAL_DEFAULTS = `# manual: no commands of its own, except stripping with the project's strip-binaries.
config:
  configure-commands: []
  build-commands: []
  install-commands: []
  strip-commands:
  - |
    %{strip-binaries}
`;

export const manualPlugin: ElementPlugin = buildElementPlugin('manual', MANUAL_DEFAULTS);
