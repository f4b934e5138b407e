#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Limits a guest meets instead of the end of the kernel: tmpfs sizes and
# inode counts, an fallocate that fails and gives back what it took, the
# OOM killer.
# (tests/guest/hostile.c compares the system-call answers with Linux.)

cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
setup_tamu "${1:-./tamu}"
# shellcheck disable=SC2206
opts=(quiet mem=128M $TAMU_OPTS)
what=${TAMU_OPTS:+ ($TAMU_OPTS)}
PROC="mount -t proc proc /proc"

free_kb() {
	sed -n 's/^MemFree: *\([0-9]*\) kB$/\1/p' <<<"$1"
}

# fallocate beyond a tmpfs's size: ENOSPC, and nothing kept.
run_tamu "${opts[@]}" -- /bin/sh -c "$PROC
	mount -t tmpfs -o size=4M t /mnt
	grep MemFree /proc/meminfo
	fallocate -l 8M /mnt/f; echo fallocate \$?
	stat -c 'size %s blocks %b' /mnt/f
	df /mnt | tail -1
	grep MemFree /proc/meminfo"
before=$(free_kb "$(sed -n 1p <<<"$out")")
after=$(free_kb "$(tail -1 <<<"$out")")
if [ "$status" -eq 0 ] && grep -q '^fallocate 1$' <<<"$out" &&
	grep -q '^size 0 blocks 0$' <<<"$out" &&
	grep -qE '^t +4096 +0 +4096 +0% /mnt$' <<<"$out" &&
	grep -q "No space left on device" <<<"$err$out" &&
	[ -n "$before" ] && [ -n "$after" ] && [ $((before - after)) -lt 1024 ]; then
	ok "fallocate past a tmpfs's size=4M: ENOSPC, and the pages it took are given back (${before}k free before, ${after}k after)$what"
else
	fail "fallocate past a tmpfs's size$what" "status $status" "$out" "$err"
fi

# The root (tmpfs) holds half the memory, as Linux's: 100M does not fit
# in mem=128M, and the guest goes on (a pipe, a new process).
run_tamu "${opts[@]}" -- /bin/sh -c "$PROC
	fallocate -l 100M /tmp/f 2>/dev/null; echo fallocate \$?
	dd if=/dev/zero of=/tmp/g bs=1M count=100 2>/dev/null; echo dd \$?
	ls -l /tmp/g | awk '{ print \"written\", \$5 < 64 * 1048576 }'
	rm /tmp/g; echo piped | cat"
if [ "$status" -eq 0 ] &&
	[ "$out" = $'fallocate 1\ndd 1\nwritten 1\npiped' ]; then
	ok "the root tmpfs holds at most half of mem=128M: fallocate and dd of 100M stop with ENOSPC, the guest goes on$what"
else
	fail "the root tmpfs's default size$what" "status $status" "$out" "$err"
fi

# nr_inodes=, size= with a suffix or a share, mode=, remount, the options
# in /proc/mounts, an unknown option refused.
run_tamu "${opts[@]}" -- /bin/sh -c "$PROC
	mount -t tmpfs -o nr_inodes=3,size=10%,mode=700,uid=5 t /mnt
	grep ' /mnt ' /proc/mounts
	stat -c '%a %u' /mnt
	touch /mnt/a /mnt/b; touch /mnt/c; echo touch \$?
	mount -o remount,nr_inodes=4 /mnt; touch /mnt/c; echo touch \$?
	mount -o remount,size=1k /mnt; echo remount \$?
	mount -t tmpfs -o bogus=1 t /tmp; echo bogus \$?"
if [ "$status" -eq 0 ] &&
	grep -q '^t /mnt tmpfs rw,relatime,size=13104k,nr_inodes=3,mode=700,uid=5 0 0$' <<<"$out" &&
	grep -q '^700 5$' <<<"$out" && grep -q '^touch 1$' <<<"$out" &&
	grep -q '^touch 0$' <<<"$out" && grep -q '^remount 0$' <<<"$out" &&
	grep -q '^bogus 255$' <<<"$out"; then
	ok "tmpfs options: nr_inodes= (ENOSPC past it), size=10%, mode=, uid=, remount, shown in /proc/mounts; an unknown one is EINVAL$what"
else
	fail "tmpfs options$what" "status $status" "$out" "$err"
fi

# A process that wants more memory than there is: one request larger
# than memory is refused (overcommit policy 0, as Linux's); with policy 1
# it is granted, and the OOM killer takes the process (SIGKILL), not the
# kernel, and the shell and new processes go on.
run_tamu "${opts[@]}" -- /bin/sh -c "$PROC
	dd if=/dev/zero of=/dev/null bs=400M count=1 2>/dev/null
	echo refused \$?
	echo 1 >/proc/sys/vm/overcommit_memory
	dd if=/dev/zero of=/dev/null bs=400M count=1 2>/dev/null
	echo hog \$?
	echo after | cat"
if [ "$status" -eq 0 ] && grep -qx 'refused 1' <<<"$out" &&
	grep -qx 'hog 137' <<<"$out" && grep -qx 'after' <<<"$out" &&
	grep -q 'Out of memory: killed process [0-9]* (dd)' <<<"$err$out"; then
	ok "a 400M allocation in mem=128M: refused under overcommit policy 0; under policy 1 the OOM killer takes the hog, the guest goes on$what"
else
	fail "out of memory$what" "status $status" "$out" "$err"
fi

# System call numbers the guest kernel does not know, in every mode: the
# host exempts 335 and 336 from seccomp filters (Linux 6.16), so
# mode=seccomp traps them by syscall user dispatch too.
cp tests/guest/initramfs.cpio "$TAMU_DIR/test.cpio"
chmod 644 "$TAMU_DIR/test.cpio"
for mode in skas tt seccomp; do
	run_tamu quiet initrd=test.cpio mode=$mode -- /test/hostile unknown-numbers
	if [ "$status" -eq 0 ] &&
		[ "$out" = "12 unknown system call numbers, 0 not ENOSYS" ]; then
		ok "mode=$mode: system calls 335, 336, 400, x32 and others Linux 6.1 lacks are the guest kernel's ENOSYS"
	else
		fail "unknown system call numbers in mode=$mode" "status $status" "$out" "$err"
	fi
done

# The legacy vsyscalls: the host emulates them without a ptrace stop;
# tamu's filter hands them to the guest kernel in every mode.
if grep -q '\[vsyscall\]' /proc/self/maps; then
	for mode in skas tt seccomp; do
		run_tamu quiet initrd=test.cpio mode=$mode -- /test/hostile vsyscall
		if [ "$status" -eq 0 ] &&
			[ "$out" = $'vsyscall gettimeofday: 0 failed, 100 counted by the guest kernel\nvsyscall time: 0 failed, 100 counted by the guest kernel\nvsyscall getcpu: 0 failed, 100 counted by the guest kernel' ]; then
			ok "mode=$mode: the vsyscall page's time, gettimeofday and getcpu are the guest kernel's"
		else
			fail "vsyscalls in mode=$mode" "status $status" "$out" "$err"
		fi
	done
else
	ok "vsyscalls not checked: this host has no vsyscall page (vsyscall=none)"
fi

# vm.max_map_count: splitting a region page by page ends in ENOMEM at the
# limit, as on Linux (set below the host's own, less room for the pages of
# each area); touching scattered pages then needs more host mappings than
# the host allows, and tamu kills the process, not itself.  skas only:
# tt and seccomp remap every resident page at each switch (aspace=remap),
# which with 60 000 scattered pages takes minutes.
TAMU_TIMEOUT=120 run_tamu quiet mem=1G initrd=test.cpio -- /bin/sh -c \
	'/test/maxmap; echo "status $?"; echo alive'
limit=$(sed -n 's/^split Cannot allocate memory after \([0-9]*\) areas (limit \1)$/\1/p' <<<"$out")
if [ "$status" -eq 0 ] && [ -n "$limit" ] && [ "$limit" -gt 60000 ] &&
	grep -qx "status 137" <<<"$out" && grep -qx alive <<<"$out" &&
	grep -q "maxmap (pid [0-9]*) killed: the host maps no more of its memory" <<<"$err"; then
	ok "vm.max_map_count ($limit areas) is ENOMEM; past the host's mappings the process is killed, the kernel lives"
else
	fail "max_map_count" "status $status" "$out" "$err"
fi

report
