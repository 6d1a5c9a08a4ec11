#!/bin/sh
# Writes the small project .github/workflows/action.yml builds: a busybox sysroot imported as
# base.bst and two manual elements on it. Needs busybox-static (installed here when missing).
set -eu
dir=$1
if ! [ -x /bin/busybox ] || ldd /bin/busybox >/dev/null 2>&1; then
  sudo apt-get install -y -q busybox-static >/dev/null
fi
mkdir -p "$dir/elements" "$dir/files/sysroot/bin" "$dir/files/sysroot/etc"
cp /bin/busybox "$dir/files/sysroot/bin/busybox"
for applet in sh echo mkdir cat; do ln -sf busybox "$dir/files/sysroot/bin/$applet"; done
cat >"$dir/project.conf" <<'CONF'
name: action-test
min-version: 2.0
element-path: elements
CONF
cat >"$dir/elements/base.bst" <<'BST'
kind: import
sources:
- kind: local
  path: files/sysroot
BST
cat >"$dir/elements/lib.bst" <<'BST'
kind: manual
depends:
- base.bst
config:
  install-commands:
  - mkdir -p %{install-root}/usr/share/lib && echo lib > %{install-root}/usr/share/lib/name
BST
cat >"$dir/elements/app.bst" <<'BST'
kind: manual
depends:
- lib.bst
config:
  install-commands:
  - mkdir -p %{install-root}/usr/share/app
  - test "$(cat /usr/share/lib/name)" = lib && echo "hello from app" > %{install-root}/usr/share/app/greeting
BST
