// The make element: a build element for projects with a plain Makefile and no configure step.

import type { ElementPlugin } from '../../src/project/plugin-api.js';
import { buildElementPlugin } from './build-element.js';

// Values as buildstream-plugins 2.x make.yaml: they enter cache keys.
export const MAKE_DEFAULTS = `# make: build and install with make; the Makefile's PREFIX is the project prefix.
variables:
  make-args: >-
    PREFIX="%{prefix}"
  make-install-args: >-
    %{make-args}
    DESTDIR="%{install-root}"
    install
  make: make %{make-args}
  make-install: make -j1 %{make-install-args}

  # Define notparallel (any non-empty value) when the sources cannot build in parallel.

config:
  build-commands:
  - |
    %{make}

  install-commands:
  - |
    %{make-install}

  strip-commands:
  - |
    %{strip-binaries}

# Parallel, verbose builds; neither setting changes what is built, so neither enters the key.
environment:
  MAKEFLAGS: -j%{max-jobs}
  V: 1

environment-nocache:
- MAKEFLAGS
- V
`;

export const makePlugin: ElementPlugin = buildElementPlugin('make', MAKE_DEFAULTS);
