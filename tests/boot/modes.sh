#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The platforms that run guest code in the kernel's own host process
# (mode=tt, mode=seccomp): guest code cannot reach the kernel's memory; the counters
# show each mode's costs where they belong; options and hosts the mode
# cannot take are refused with one line.  The full boot suites run in
# every mode from tests/run-all.

cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
setup_tamu "${1:-./tamu}"
cp tests/guest/initramfs.cpio "$TAMU_DIR/test.cpio"
chmod 644 "$TAMU_DIR/test.cpio"
N=200

has() {
	grep -qE -- "$1" <<<"$2"
}

# The CPU's own answer to "can protect=pkeys work here".
pku=$(grep -qw pku /proc/cpuinfo && echo pkeys || echo mprotect)

for mode in tt seccomp; do
	for protect in mprotect pkeys; do
		opts=(quiet initrd=test.cpio mode=$mode protect=$protect)
		want=$protect
		[ "$protect" = pkeys ] && want=$pku
		# int $0x80: a host without IA32 emulation faults it
		# (SIGSEGV) before tamu sees it; with it, the kernel gets an
		# i386 call and answers ENOSYS.
		run_tamu "${opts[@]}" -- /test/kernelrange
		bad=$(grep -c ': survived\|: done' <<<"$out")
		segv=$(grep -c ': Segmentation fault' <<<"$out")
		if [ "$status" -eq 0 ] && [ "$bad" -eq 0 ] && [ "$segv" -ge 6 ] &&
			has '^int \$0x80: (returned|Segmentation fault)$' "$out" &&
			has '^stack in the entry stack: Illegal instruction$' "$out" &&
			has '^fs base beyond guest space: Operation not permitted$' "$out" &&
			has '^the kernel runs on$' "$out"; then
			ok "mode=$mode protect=$protect: reads, writes and jumps into the kernel's memory die of SIGSEGV ($segv), mprotect/munmap/mmap of it fail; int \$0x80, a stack in the entry stack, an fs base beyond guest space harm only the guest; the kernel runs on"
		else
			fail "kernel range in mode=$mode protect=$protect" \
				"status $status" "$out" "$err"
		fi

		run_tamu "${opts[@]}" -- /bin/sh -c \
			"mount -t proc proc /proc; head -3 /proc/tamu/stats; /test/counters syscalls $N"
		read_counters
		# tt: stopped at the call, delivered SIGSYS, stopped at the
		# way out and at its rt_sigreturn; seccomp: no tracer at all.
		if [ "$mode" = tt ]; then
			switches_ok=$([ "${c[host_ctx_switches]:-0}" -ge $((4 * N)) ] && echo y)
		else
			switches_ok=$([ "${c[tracer_stops]}" = 0 ] &&
				[ "${c[host_ctx_switches]}" = 0 ] && echo y)
		fi
		if [ "$status" -eq 0 ] && [ "${c[mode]}" = "$mode" ] &&
			[ "${c[aspace]}" = remap ] && [ "${c[protect]}" = "$want" ] &&
			[ "${c[trap_syscall]}" = "$N" ] && [ "$switches_ok" = y ] &&
			[ "${c[mprotect_kernel]}" -ge $((2 * N)) -o "$want" = pkeys ]; then
			ok "mode=$mode protect=$protect: $N system calls, ${c[host_ctx_switches]} host context switches (${c[tracer_stops]} tracer stops), ${c[mprotect_kernel]} mprotect calls of the kernel range; /proc/tamu/stats says mode $mode, aspace remap, protect $want"
		else
			fail "counters of mode=$mode protect=$protect" \
				"status $status" "$out" "$err"
		fi
	done

	# The classic address-space switch: everything of the outgoing
	# space unmapped, every resident page of the incoming one mapped.
	# The switches are a difference of two runs (tests/guest/counters.c):
	# a preemption more in the shorter one (a loaded host) takes a few
	# off the 2N, so 2% may go; that each switch is one munmap is exact.
	run_tamu quiet initrd=test.cpio mode=$mode -- /bin/sh -c \
		"mount -t proc proc /proc; /test/counters pipes $N"
	read_counters
	sw=${c[mm_switches]:-0}
	if [ "$status" -eq 0 ] && [ "$sw" -ge $((2 * N * 98 / 100)) ] &&
		[ "${c[munmap_guest_switch]}" -eq "$sw" ] &&
		[ "${c[mmap_guest_switch]}" -ge "$sw" ]; then
		ok "mode=$mode: $N pipe round trips, $sw address-space switches, ${c[munmap_guest_switch]} munmap and ${c[mmap_guest_switch]} mmap calls for them"
	else
		fail "switch counters of mode=$mode" "status $status" "$out" "$err"
	fi

	# aspace=lazy: the switch maps nothing; guest code faults its pages in.
	run_tamu quiet initrd=test.cpio mode=$mode aspace=lazy -- /bin/sh -c \
		"mount -t proc proc /proc; head -2 /proc/tamu/stats; /test/counters pipes $N"
	read_counters
	sw=${c[mm_switches]:-0}
	if [ "$status" -eq 0 ] && [ "${c[aspace]}" = lazy ] &&
		[ "$sw" -ge $((2 * N * 98 / 100)) ] &&
		[ "${c[munmap_guest_switch]}" -eq "$sw" ] &&
		[ "${c[mmap_guest_switch]}" -eq 0 ] &&
		[ "${c[mmap_guest_fault]}" -ge "$sw" ]; then
		ok "mode=$mode aspace=lazy: $sw switches, each one munmap and no mmap; ${c[mmap_guest_fault]} mmap calls for the faults that follow"
	else
		fail "switch counters of mode=$mode aspace=lazy" "status $status" \
			"$out" "$err"
	fi

	# A measurement setting: no protection, and guest code can read it.
	run_tamu quiet initrd=test.cpio mode=$mode protect=none -- \
		/test/kernelrange read
	if [ "$status" -eq 0 ] && has '^range 0 read: survived$' "$out"; then
		ok "mode=$mode protect=none: guest code can read the kernel's memory (so the other checks can fail)"
	else
		fail "mode=$mode protect=none" "status $status" "$out" "$err"
	fi

	run_tamu quiet mode=$mode aspace=mmproc -- /bin/true
	if [ "$status" -eq 2 ] && [ "$(wc -l <<<"$err")" -eq 1 ] &&
		has "mode=$mode: aspace=mmproc is not possible" "$err"; then
		ok "mode=$mode aspace=mmproc: refused in one line, status 2"
	else
		fail "mode=$mode aspace=mmproc" "status $status" "$err"
	fi
done

# What only tt and seccomp have, refused by skas in one line.
for opt in protect=pkeys aspace=lazy; do
	run_tamu quiet "$opt" -- /bin/true
	if [ "$status" -eq 2 ] && [ "$(wc -l <<<"$err")" -eq 1 ] &&
		has "mode=skas: ${opt%%=*}" "$err"; then
		ok "mode=skas $opt: refused in one line, status 2"
	else
		fail "mode=skas $opt" "status $status" "$err"
	fi
done

# Disk reads the host finishes later (its page cache cold) copy into guest
# memory in the kernel range: they must not meet it closed while another
# guest process runs.
cold=$(mktemp -d /tmp/tamu-cold.XXXXXX)
chmod 755 "$cold"
mkdir "$cold/tree" && head -c 32M /dev/urandom >"$cold/tree/data"
want=$(sha1sum <"$cold/tree/data" | cut -d' ' -f1)
mke2fs -q -F -t ext2 -d "$cold/tree" "$cold/img" 64M >/dev/null 2>&1
rm -rf "$cold/tree"
chmod 644 "$cold/img"
for mode in tt seccomp; do
	/usr/bin/python3 -c 'import os, sys
fd = os.open(sys.argv[1], os.O_RDONLY)
os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)' "$cold/img"
	run_tamu quiet mode=$mode ubd0r="$cold/img" -- /bin/sh -c \
		'mount -r -t ext2 /dev/ubda /mnt; (while :; do :; done) & sha1sum /mnt/data; kill %1'
	if [ "$status" -eq 0 ] && has "^$want  /mnt/data$" "$out" &&
		! has 'failed' "$err"; then
		ok "mode=$mode: a 32 MiB file read from a cold host cache while another process computes: the same sha1 as on the host"
	else
		fail "mode=$mode cold disk reads" "status $status, want $want" \
			"$out" "$err"
	fi
done
rm -rf "$cold"

# Stopped and continued while guest code runs, tt's tracee must resume
# under SYSEMU still: a system call that reached the host would answer
# getpid with a host pid.
o=$(mktemp) && chmod 666 "$o"
(cd "$TAMU_DIR" && exec timeout -k 2 60 $AS_USER "$TAMU" quiet \
	initrd=test.cpio mode=tt -- /test/pidloop 60000 </dev/null >"$o" 2>&1) &
runner=$!
kernel=""
for _ in $(seq 100); do
	# timeout's child, tamu: the kernel process (its tracer is its child).
	kernel=$(pgrep -P "$runner" -x tamu | head -1)
	[ -n "$kernel" ] && break
	sleep 0.02
done
stops=0 stopped=0
for _ in 1 2 3 4 5; do
	sleep 0.1
	[ -n "$kernel" ] && kill -STOP "$kernel" 2>/dev/null && stops=$((stops + 1))
	sleep 0.1
	# It must really stop: T, or t under its tracer's PTRACE_LISTEN.
	state=$(awk '/^State:/ { print $2 }' "/proc/$kernel/status" 2>/dev/null)
	[ "$state" = T ] || [ "$state" = t ] && stopped=$((stopped + 1))
	[ -n "$kernel" ] && kill -CONT "$kernel" 2>/dev/null
done
wait "$runner"
status=$?
out=$(cat "$o")
rm -f "$o"
if [ "$status" -eq 0 ] && [ "$stops" -ge 3 ] && [ "$stopped" -eq "$stops" ] &&
	grep -qE '^pid 1, 60000 calls, 0 differed$' <<<"$out"; then
	ok "mode=tt stopped ($stopped times) and continued under guest code: 60000 getpid calls, all answered by the guest kernel"
else
	fail "mode=tt SIGSTOP/SIGCONT" "status $status, $stops stops, $stopped seen stopped (kernel pid '$kernel')" "$out"
fi

# A host that forbids ptrace: tt's tracer cannot work, and says so.
run_denied ptrace quiet mode=tt -- /bin/true
if [ "$status" -eq 71 ] &&
	has 'mode=tt: the tracer cannot trace the kernel process' "$err" &&
	has 'cannot run on this host' "$err"; then
	ok "a host that forbids ptrace: mode=tt names it, status 71"
else
	fail "ptrace forbidden, mode=tt" "status $status" "stderr: $err"
fi

# A host whose seccomp policy forbids seccomp() itself.
run_denied seccomp quiet mode=seccomp -- /bin/true
if [ "$status" -eq 71 ] &&
	has 'mode=seccomp: the host refuses a seccomp filter' "$err" &&
	has 'cannot run on this host' "$err"; then
	ok "a host that forbids seccomp(): mode=seccomp names it, status 71"
else
	fail "seccomp forbidden" "status $status" "stderr: $err"
fi

report
