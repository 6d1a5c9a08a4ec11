#!/bin/sh
# Cairn's main job on the demo project: assemble a Debian or Ubuntu build root from this
# machine's distribution archive, build GNU hello with autotools in the sandbox on it, check the
# target's artifact out and run the program from the host. Artifacts go to Cairn's usual cache
# and the refs to project.refs, so a second run tracks and builds nothing.
#
# The archive is whatever this machine's apt sources name for its release; SUITE=codename
# builds on another release of the same distribution.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cairn() {
  node "$here/../../dist/cli/index.js" "$@"
}

# hello_2.10.orig.tar.gz as GNU released it (the sha256 of hello-2.10.tar.gz).
hello_ref=31e066137a962676e89f69d1b65382de95a7ef7d914b8cb956f41ea72e0f516b

fail() {
  echo "demo.sh: $*" >&2
  exit 1
}

release=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-${UBUNTU_CODENAME:-}}")
suite=${SUITE:-$release}
[ -n "$suite" ] || fail "cannot tell this machine's release (no VERSION_CODENAME in /etc/os-release); set SUITE=bookworm, noble, ..."

# The first enabled binary source (deb822 *.sources or one-line *.list) serving the suite, in the
# order apt reads them; only http, https and file URIs are ones Cairn can download from.
archive_uri() {
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*; do
    [ -f "$file" ] || continue
    case $file in
    *.sources)
      awk -v suite="$1" '
        BEGIN { RS = ""; FS = "\n" }
        {
          types = ""; uris = ""; suites = ""; enabled = "yes"
          for (i = 1; i <= NF; i++) {
            if ($i ~ /^#/) continue
            split($i, kv, ":"); key = tolower(kv[1]); value = substr($i, length(kv[1]) + 2)
            if (key == "types") types = " " value " "
            else if (key == "uris") uris = value
            else if (key == "suites") suites = " " value " "
            else if (key == "enabled") enabled = value
          }
          gsub(/[ \t]+/, " ", types); gsub(/[ \t]+/, " ", suites); gsub(/ /, "", enabled)
          if (tolower(enabled) == "no" || index(types, " deb ") == 0 || index(suites, " " suite " ") == 0) next
          n = split(uris, list, /[ \t]+/)
          for (i = 1; i <= n; i++) if (list[i] ~ /^(https?|file):\/\//) { print list[i]; exit }
        }' "$file"
      ;;
    *.list | */sources.list)
      awk -v suite="$1" '
        { sub(/#.*/, "") }
        $1 == "deb" {
          line = $0; sub(/^[ \t]*deb[ \t]+/, "", line)
          if (line ~ /^\[/) sub(/^\[[^]]*\][ \t]*/, "", line)
          split(line, f, /[ \t]+/)
          if (f[2] == suite && f[1] ~ /^(https?|file):\/\//) { print f[1]; exit }
        }' "$file"
      ;;
    esac
  done | head -n 1
}

uri=$(archive_uri "$suite")
# Another release of the same distribution comes from the archive of this machine's own.
[ -n "$uri" ] || [ -z "$release" ] || uri=$(archive_uri "$release")
[ -n "$uri" ] || fail "no apt source of this machine serves $suite (looked in /etc/apt/sources.list and /etc/apt/sources.list.d/): the demo builds its base from the archive this machine installs its packages from"
case $uri in */) ;; *) uri="$uri/" ;; esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The project's `distro:` alias is a placeholder; this machine's archive is its mirror.
cat >"$work/cairn.conf" <<EOF
projects:
  hello:
    mirrors:
    - name: this-machine
      aliases:
        distro:
        - "$uri"
EOF
run() {
  cairn -c "$work/cairn.conf" -C "$here" -o suite "$suite" "$@"
}

# Track once per suite: the base's ref is the package closure of that suite's indices today.
refs="$here/project.refs"
stamp="# Refs for suite $suite, written by examples/hello/demo.sh and cairn track."
if [ "$(head -n 1 "$refs" 2>/dev/null)" != "$stamp" ]; then
  echo "demo.sh: resolving the base's packages in $suite from $uri"
  cat >"$refs" <<EOF
$stamp
projects:
  hello:
    hello.bst:
    - ref: $hello_ref
EOF
  run track base.bst >"$work/track.log" || { cat "$work/track.log" >&2; rm -f "$refs"; exit 1; }
fi

run build target.bst
run artifact checkout target.bst --directory "$work/image"
if ! "$work/image/usr/bin/hello" --greeting="Hello from Cairn's sandbox"; then
  [ "$suite" = "$release" ] || fail "hello was built against the C library of $suite, which this $release machine may not have"
  exit 1
fi
