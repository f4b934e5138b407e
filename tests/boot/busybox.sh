#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Each script in tests/boot/cases/ runs twice: inside tamu, as init's
# command (./tamu -- /bin/sh -c SCRIPT), and natively with the same busybox
# on the host.  Linux is the reference: output and exit status must match.
# Options for tamu (e.g. aspace=remap) come from TAMU_OPTS.

cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
setup_tamu "${1:-./tamu}"

BUSYBOX=${BUSYBOX:-/bin/busybox}
applets=$(mktemp -d)
"$BUSYBOX" --install -s "$applets"
# Native runs on a tmpfs too, when the host has one, like the guest's /tmp.
native_dir=$(mktemp -d -p "$( [ -w /dev/shm ] && echo /dev/shm || echo /tmp)")
chmod 755 "$applets"
trap 'rm -rf "$applets" "$native_dir" ${TAMU_COPY:+"$TAMU_COPY"}' EXIT

for case in tests/boot/cases/*.sh; do
	name=$(basename "$case" .sh)
	script=$(cat "$case")
	work="$native_dir/$name"
	mkdir -p "$work"
	native=$(cd "$work" && TZ=UTC PATH="$applets" timeout 30 \
		"$BUSYBOX" sh -c "$script" 2>&1; echo "exit=$?")
	# shellcheck disable=SC2086
	run_tamu quiet $TAMU_OPTS -- /bin/sh -c "cd /tmp && $script"
	guest=$(printf '%s\n' "$out"; echo "exit=$status")
	if [ "$native" == "$guest" ]; then
		ok "$name${TAMU_OPTS:+ ($TAMU_OPTS)}"
	else
		fail "$name${TAMU_OPTS:+ ($TAMU_OPTS)}: guest differs from native" \
			"$(diff <(echo "$native") <(echo "$guest") | head -20)" \
			"stderr: $(echo "$err" | tail -3)"
	fi
done

report
