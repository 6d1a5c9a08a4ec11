#!/bin/sh
# Writes files/sysroot: Debian's static busybox (from the busybox-static package) and one
# relative symlink per applet, the smallest sysroot the demo builds in. Re-run safely.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
busybox=${BUSYBOX:-/bin/busybox}
[ -x "$busybox" ] || busybox=/usr/bin/busybox
# The sysroot holds nothing else, so busybox must not need a dynamic loader.
if ! "$busybox" --list >/dev/null 2>&1 || ldd "$busybox" >/dev/null 2>&1; then
  echo "make-sysroot: a static busybox is needed: sudo apt-get install busybox-static" >&2
  exit 1
fi
root="$here/files/sysroot"
rm -rf "$root"
mkdir -p "$root/bin" "$root/etc"
cp "$busybox" "$root/bin/busybox"
chmod 0755 "$root/bin/busybox"
for applet in $("$busybox" --list); do
  [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
done
echo "make-sysroot: wrote $root"
