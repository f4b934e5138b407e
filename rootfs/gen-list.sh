#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Usage: rootfs/gen-list.sh BUSYBOX FILE...
#
# Print the tools/mkcpio list of the guest root file system: its
# directories, BUSYBOX as /bin/busybox with a symlink for each applet where
# `BUSYBOX --list-full` puts it, each FILE (a path under rootfs/, installed
# at the same path under /; mode 755 if it is executable, else 644) and the
# device nodes init needs before anything mounts /dev, and /init.

set -eo pipefail
export LC_ALL=C

if [ $# -lt 1 ]; then
	echo "Usage: $0 BUSYBOX FILE..." >&2
	exit 1
fi
busybox=$1
shift
root=$(dirname "$0")

dirs=(
	"/ 755 0 0"
	"/bin 755 0 0"
	"/sbin 755 0 0"
	"/usr 755 0 0"
	"/usr/bin 755 0 0"
	"/usr/sbin 755 0 0"
	"/etc 755 0 0"
	"/etc/init.d 755 0 0"
	"/dev 755 0 0"
	"/proc 555 0 0"
	"/sys 555 0 0"
	"/tmp 1777 0 0"
	"/mnt 755 0 0"
	"/root 700 0 0"
	"/home 755 0 0"
	"/home/user 755 1000 1000"
	"/var 755 0 0"
	"/var/log 755 0 0"
	"/run 755 0 0"
)

echo "# The guest root file system, from rootfs/gen-list.sh: do not edit."
echo
declare -A have_dir
for d in "${dirs[@]}"; do
	echo "dir $d"
	have_dir[${d%% *}]=1
done

applets=$("$busybox" --list-full | sort)
if [ -z "$applets" ]; then
	echo "$0: $busybox --list-full lists no applet" >&2
	exit 1
fi
echo
echo "file /bin/busybox $busybox 755 0 0"
while read -r applet; do
	[ "$applet" = bin/busybox ] && continue
	case $applet in
	*/*) dir=/${applet%/*} ;;
	*) dir=/ ;;
	esac
	if [ -z "${have_dir[$dir]}" ]; then
		echo "$0: applet /$applet is not in a known directory" >&2
		exit 1
	fi
	echo "slink /$applet /bin/busybox 777 0 0"
done <<<"$applets"

echo
for f in "$@"; do
	case $f in
	"$root"/*) name=${f#"$root"} ;;
	*) echo "$0: $f is not under $root/" >&2; exit 1 ;;
	esac
	if [ -x "$f" ]; then mode=755; else mode=644; fi
	echo "file $name $f $mode 0 0"
done

# An initramfs has /init; busybox's switch_root checks for it.
echo "slink /init /sbin/init 777 0 0"

echo
echo "nod /dev/console 600 0 0 c 5 1"
echo "nod /dev/null 666 0 0 c 1 3"
