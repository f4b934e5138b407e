#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# tests/fuzz/run.sh [-s SECONDS] [-m "skas tt seccomp"] [-f FIRST_SEED]
#                   [TAMU]
# Runs the fuzzer (tests/fuzz/fuzz.c) as init in each mode for SECONDS
# (default 10), one seed after another, unprivileged and under a timeout.
# A run that does not end with the fuzzer's own last line is a finding:
# a kernel crash (status 70) or a hang (the timeout).  Each is reported
# with the oops and the command that replays the child it happened in.
# make check runs it briefly; make fuzz as long as asked.

cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
seconds=10 modes="skas tt seccomp" seed=1 per_seed=60
while getopts s:m:f:p: opt; do
	case $opt in
	s) seconds=$OPTARG ;;
	m) modes=$OPTARG ;;
	f) seed=$OPTARG ;;
	p) per_seed=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
setup_tamu "${1:-./tamu}"
cp tests/guest/initramfs.cpio "$TAMU_DIR/test.cpio"
chmod 644 "$TAMU_DIR/test.cpio"
[ "$per_seed" -gt "$seconds" ] && per_seed=$seconds

for mode in $modes; do
	end=$((SECONDS + seconds)) runs=0 children=0 findings=0 s=$seed
	while [ $SECONDS -lt $end ]; do
		TAMU_TIMEOUT=$((per_seed + 60)) run_tamu quiet mem=256M \
			initrd=test.cpio mode=$mode -- /test/fuzz $s $per_seed
		runs=$((runs + 1))
		last=$(grep '^fuzz: seed ' <<<"$out" | tail -1)
		if [ "$status" -eq 0 ] && [ -n "$last" ]; then
			children=$((children + $(awk '{ print $4 }' <<<"$last")))
		else
			findings=$((findings + 1))
			pid=$(grep -oE 'PID: [0-9]+' <<<"$err" | head -1 | cut -d' ' -f2)
			child=$(grep -E "^fuzz: child [0-9]+ is pid ${pid:-x}\$" <<<"$out" |
				tail -1 | cut -d' ' -f3)
			[ -n "$child" ] || child=$(grep -E '^fuzz: child ' <<<"$out" |
				tail -1 | cut -d' ' -f3)
			what=$([ "$status" -eq 124 ] || [ "$status" -eq 137 ] &&
				echo "a hang" || echo "status $status")
			fail "mode=$mode seed $s: $what" \
				"replay: ./tamu mode=$mode initrd=tests/guest/initramfs.cpio -- /test/fuzz $s --child ${child:-0}" \
				"$(grep -E 'BUG|Oops|panic|RIP|Call Trace|^\[.*\] +\[<' <<<"$err" | head -30)"
		fi
		s=$((s + 1))
	done
	[ "$findings" -eq 0 ] &&
		ok "mode=$mode: $seconds s of fuzzing, seeds $seed to $((s - 1)), $children children, no crash and no hang"
done

report
