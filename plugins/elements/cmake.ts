// The cmake element: a build element that configures with CMake (Ninja by default) out of tree.

import type { ElementPlugin } from '../../src/project/plugin-api.js';
import { buildElementPlugin } from './build-element.js';

// Values as buildstream-plugins 2.x cmake.yaml: they enter cache keys. \${JOBS} is left for the
// shell, and the backslashes are line continuations inside cmake-args.
export const CMAKE_DEFAULTS = `# cmake: configure into build-dir, then build and install with cmake --build.
variables:
  build-dir: _builddir

  # Extra arguments to cmake for the whole project, and for one element.
  cmake-global: ''
  cmake-local: ''

  generator: Ninja

  cmake-args: |

    -DCMAKE_VERBOSE_MAKEFILE=ON \\
    -DCMAKE_INSTALL_PREFIX:PATH="%{prefix}" \\
    -DCMAKE_INSTALL_LIBDIR:PATH="%{lib}" %{cmake-global} %{cmake-local}

  cmake: |

    cmake -B%{build-dir} -H"%{conf-root}" -G"%{generator}" %{cmake-args}

  make: cmake --build %{build-dir} -- \${JOBS}
  make-install: env DESTDIR="%{install-root}" cmake --build %{build-dir} --target install

  # Define notparallel (any non-empty value) when the sources cannot build in parallel.

config:
  configure-commands:
  - |
    %{cmake}

  build-commands:
  - |
    %{make}

  install-commands:
  - |
    %{make-install}

  strip-commands:
  - |
    %{strip-binaries}

# Parallel builds; the job count does not change what is built, so it does not enter the key.
environment:
  JOBS: -j%{max-jobs}

environment-nocache:
- JOBS
`;

export const cmakePlugin: ElementPlugin = buildElementPlugin('cmake', CMAKE_DEFAULTS);
