// The meson element: a build element that sets up a Meson build directory and builds with ninja.

import type { ElementPlugin } from '../../src/project/plugin-api.js';
import { buildElementPlugin } from './build-element.js';

// Values as buildstream-plugins 2.x meson.yaml: they enter cache keys. \${JOBS} is left for the
// shell, and the backslashes are line continuations inside meson-args.
export const MESON_DEFAULTS = `# meson: meson setup into build-dir, ninja to build, meson install to install.
variables:
  build-dir: _builddir

  # Extra arguments to meson for the whole project, and for one element.
  meson-global: ''
  meson-local: ''

  meson-args: |

    --prefix=%{prefix} \\
    --bindir=%{bindir} \\
    --sbindir=%{sbindir} \\
    --sysconfdir=%{sysconfdir} \\
    --datadir=%{datadir} \\
    --includedir=%{includedir} \\
    --libdir=%{libdir} \\
    --libexecdir=%{libexecdir} \\
    --localstatedir=%{localstatedir} \\
    --sharedstatedir=%{sharedstatedir} \\
    --mandir=%{mandir} \\
    --infodir=%{infodir} %{meson-global} %{meson-local}

  meson: meson setup %{conf-root} %{build-dir} %{meson-args}

  meson-build: |
    ninja -v -j \${JOBS} -C %{build-dir}

  meson-install: |
    env DESTDIR="%{install-root}" meson install -C %{build-dir} --no-rebuild

  # Define notparallel (any non-empty value) when the sources cannot build in parallel.

config:
  configure-commands:
  - |
    %{meson}

  build-commands:
  - |
    %{meson-build}

  install-commands:
  - |
    %{meson-install}

  strip-commands:
  - |
    %{strip-binaries}

# Parallel builds; the job count does not change what is built, so it does not enter the key.
environment:
  JOBS: |
    %{max-jobs}

environment-nocache:
- JOBS
`;

export const mesonPlugin: ElementPlugin = buildElementPlugin('meson', MESON_DEFAULTS);
