#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The overhead counters: exact where they must be, for workloads whose
# cost is known (tests/guest/counters.c prints what N more operations
# cost), under both address-space policies; /proc/tamu and stats=FILE.

cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
setup_tamu "${1:-./tamu}"
cp tests/guest/initramfs.cpio "$TAMU_DIR/test.cpio"
chmod 644 "$TAMU_DIR/test.cpio"
N=300

# counters WORKLOAD [OPTION...]: sets c[NAME] to what N more cost.
counters() {
	local work=$1
	shift
	run_tamu quiet initrd=test.cpio "$@" -- /bin/sh -c \
		"mount -t proc proc /proc && /test/counters $work $N"
	read_counters
}

for aspace in mmproc remap; do
	counters syscalls aspace=$aspace
	stops=$((c[tracer_stops] - c[trap_interrupt]))
	if [ "$status" -eq 0 ] && [ "${c[trap_syscall]}" = "$N" ] &&
		[ "$stops" -eq "$N" ] &&
		[ "${c[host_ctx_switches]}" -eq $((2 * c[tracer_stops])) ] &&
		[ "$((c[ptrace_sysemu] - c[trap_interrupt]))" -eq "$N" ]; then
		ok "$N system calls: $N traps, $N tracer stops, $((2 * N)) host switches (aspace=$aspace)"
	else
		fail "counters of $N system calls (aspace=$aspace)" \
			"status $status" "$out" "$err"
	fi

	counters forks aspace=$aspace
	if [ "$status" -eq 0 ] && [ "${c[trap_syscall]}" = $((4 * N)) ] &&
		[ "${c[mm_switches]}" -ge "$N" ] &&
		[ "${c[host_ctx_switches]}" -eq $((2 * c[tracer_stops])) ]; then
		ok "$N forks: $((4 * N)) system calls (clone; set_robust_list and exit_group in the child; wait4), ${c[stub_runs]} stub runs (aspace=$aspace)"
	else
		fail "counters of $N forks (aspace=$aspace)" "status $status" \
			"$out" "$err"
	fi

	counters pipes aspace=$aspace
	switches=${c[mm_switches]}
	if [ "$aspace" = remap ]; then
		# The classic switch: unmap the outgoing space, map the other.
		good=$([ "${c[munmap_guest_switch]}" -eq "$switches" ] &&
			[ "${c[mmap_guest_switch]}" -ge "$switches" ] && echo y)
	else
		good=$([ "${c[munmap_guest_switch]}" -eq 0 ] &&
			[ "${c[mmap_guest_switch]}" -eq 0 ] && echo y)
	fi
	if [ "$status" -eq 0 ] && [ "${c[trap_syscall]}" = $((4 * N)) ] &&
		[ "$switches" -ge $((2 * N)) ] && [ "$good" = y ]; then
		ok "$N pipe round trips: $switches address-space switches, ${c[munmap_guest_switch]} munmap and ${c[mmap_guest_switch]} mmap calls for them (aspace=$aspace)"
	else
		fail "counters of $N pipe round trips (aspace=$aspace)" \
			"status $status" "$out" "$err"
	fi
done

# /proc/tamu/syscalls by name, and stats=FILE as JSON.
json=$(mktemp /tmp/tamu-stats.XXXXXX)
chmod 666 "$json"
run_tamu quiet stats="$json" -- /bin/sh -c \
	'mount -t proc proc /proc; cat /proc/tamu/syscalls'
if [ "$status" -eq 0 ] && grep -qE '^mount +1 ' <<<"$out" &&
	/usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
c = d["counters"]
assert d["config_stats"] is True
assert c["trap_syscall"] > 0 and c["tracer_stops"] > 0
assert c["host_ctx_switches"] == 2 * c["tracer_stops"]
assert d["syscalls"]["execve"]["count"] >= 1
' "$json"; then
	ok "/proc/tamu/syscalls counts by name; stats=FILE is JSON with every counter"
else
	fail "/proc/tamu/syscalls and stats=" "status $status" "$out" "$err" \
		"$(cat "$json")"
fi
rm -f "$json"

report
