#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Usage: rootfs/mkext2.sh LIST OUT SIZE
#
# Make an ext2 image of the guest root file system from the same list
# tools/mkcpio reads (rootfs/gen-list.sh): a staging tree for mke2fs -d,
# then debugfs gives every entry the owner the list names and makes the
# device nodes, which an unprivileged build cannot.  The result is written
# to OUT.tmp and renamed, so a failed run leaves no image behind.

set -eo pipefail
export LC_ALL=C PATH=$PATH:/sbin:/usr/sbin

if [ $# -ne 3 ]; then
	echo "Usage: $0 LIST OUT SIZE" >&2
	exit 1
fi
list=$1 out=$2 size=$3
stage=$(mktemp -d "${TMPDIR:-/tmp}/tamu-rootfs.XXXXXX")
script=$stage.debugfs
trap 'rm -rf "$stage" "$script" "$out.tmp"' EXIT

while read -r kind name a b c d e f g; do
	case $kind in
	dir)
		mkdir -p "$stage$name"
		chmod "$a" "$stage$name"
		echo "sif $name uid $b"; echo "sif $name gid $c" ;;
	file)
		cp "$a" "$stage$name"
		chmod "$b" "$stage$name"
		echo "sif $name uid $c"; echo "sif $name gid $d" ;;
	slink)
		ln -s "$a" "$stage$name"
		echo "sif $name uid $c"; echo "sif $name gid $d" ;;
	nod)
		# debugfs makes nodes in its current directory only.
		echo "cd ${name%/*}/"; echo "mknod ${name##*/} $d $e $f"
		echo "cd /"
		type=$([ "$d" = c ] && echo 020000 || echo 060000)
		echo "sif $name mode 0$(printf '%o' $((type | 8#$a)))"
		echo "sif $name uid $b"; echo "sif $name gid $c" ;;
	'' | '#'*) ;;
	*)
		echo "$0: unknown entry '$kind' in $list" >&2
		exit 1 ;;
	esac
done <"$list" >"$script"

mke2fs -q -F -t ext2 -L tamu-root -E root_owner=0:0 -d "$stage" \
	"$out.tmp" "$size" >/dev/null
debugfs -w -f "$script" "$out.tmp" >/dev/null 2>"$stage.err" || {
	cat "$stage.err" >&2
	exit 1
}
# debugfs reports failed commands on stderr but exits 0.
if grep -v '^debugfs [0-9.]* (' "$stage.err" >&2; then
	rm -f "$stage.err"
	exit 1
fi
rm -f "$stage.err"
e2fsck -fn "$out.tmp" >/dev/null 2>&1 || {
	e2fsck -fn "$out.tmp" >&2
	exit 1
}
mv -f "$out.tmp" "$out"
