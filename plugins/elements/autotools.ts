// The autotools element: a build element for configure scripts, generating them when missing.

import type { ElementPlugin } from '../../src/project/plugin-api.js';
import { buildElementPlugin } from './build-element.js';

// Values as buildstream-plugins 2.x autotools.yaml: they enter cache keys. \${file} is left for
// the shell, and the backslashes are line continuations inside conf-args.
export const AUTOTOOLS_DEFAULTS = `# autotools: autogen if needed, configure, make, make install.
variables:

  # Generate configure unless conf-cmd is already executable.
  autogen: |
    export NOCONFIGURE=1;

    if [ -x %{conf-cmd} ]; then true;
    elif [ -x %{conf-root}/autogen ]; then %{conf-root}/autogen;
    elif [ -x %{conf-root}/autogen.sh ]; then %{conf-root}/autogen.sh;
    elif [ -x %{conf-root}/bootstrap ]; then %{conf-root}/bootstrap;
    elif [ -x %{conf-root}/bootstrap.sh ]; then %{conf-root}/bootstrap.sh;
    else autoreconf -ivf %{conf-root};
    fi

  # Extra arguments to configure for the whole project, and for one element.
  conf-global: ''
  conf-local: ''

  conf-cmd: "%{conf-root}/configure"

  conf-args: |

    --prefix=%{prefix} \\
    --exec-prefix=%{exec_prefix} \\
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
    --infodir=%{infodir} %{conf-global} %{conf-local}

  configure: |

    %{conf-cmd} %{conf-args}

  make-args: ""
  make-install-args: >-
    %{make-args}
    DESTDIR="%{install-root}"
    install
  make: make %{make-args}
  make-install: make -j1 %{make-install-args}

  # Define notparallel (any non-empty value) when the sources cannot build in parallel.

  # "true" removes installed libtool archives (.la) of modules loaded with lt_dlopen(),
  # or of libraries; each must be "true" or "false".
  remove-libtool-modules: "false"
  remove-libtool-libraries: "false"

  delete-libtool-archives: |
    if %{remove-libtool-modules} || %{remove-libtool-libraries}; then
      find "%{install-root}" -name "*.la" -print0 | while read -d '' -r file; do
        if grep '^shouldnotlink=yes$' "\${file}" &>/dev/null; then
          if %{remove-libtool-modules}; then
            echo "Removing \${file}."
            rm "\${file}"
          else
            echo "Not removing \${file}."
          fi
        else
          if %{remove-libtool-libraries}; then
            echo "Removing \${file}."
            rm "\${file}"
          else
            echo "Not removing \${file}."
          fi
        fi
      done
    fi

config:
  configure-commands:
  - |
    %{autogen}
  - |
    %{configure}

  build-commands:
  - |
    %{make}

  install-commands:
  - |
    %{make-install}
  - |
    %{delete-libtool-archives}

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

export const autotoolsPlugin: ElementPlugin = buildElementPlugin('autotools', AUTOTOOLS_DEFAULTS);
