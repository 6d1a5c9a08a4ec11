#!/bin/sh
# Cairn's main job on the demo project: build every element in the sandbox, check the target's
# artifact out, and run the program it holds. Artifacts go to Cairn's usual cache, so a second
# run builds nothing.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cairn="node $here/../../dist/cli/index.js"
"$here/make-sysroot.sh"
$cairn -C "$here" build
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
$cairn -C "$here" artifact checkout target.bst --directory "$out/image"
"$out/image/usr/bin/hello" Cairn
