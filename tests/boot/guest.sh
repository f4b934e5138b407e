#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Guest behaviour that a busybox script alone cannot show: test programs
# from tests/guest/ (run natively too where their output is comparable),
# preemption, crashes, the fork limit, exit statuses, init and initrd.

cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
setup_tamu "${1:-./tamu}"
CPIO=tests/guest/initramfs.cpio
cp "$CPIO" "$TAMU_DIR/test.cpio"
chmod 644 "$TAMU_DIR/test.cpio"
# shellcheck disable=SC2206
opts=(quiet initrd=test.cpio $TAMU_OPTS)
what=${TAMU_OPTS:+ ($TAMU_OPTS)}

# The same static binary, natively and as a guest: the same output.
# Sets $native to the native run's output and status.
same_as_native() {
	local prog=$1 desc=$2

	native=$(tests/guest/"$prog" 2>&1; echo "exit=$?")
	run_tamu "${opts[@]}" -- /test/"$prog"
	compare_native "$desc as on Linux$what" "$desc$what"
}

# PROG DIR natively as root in a private mount namespace, DIR a new
# directory in /tmp: sets $native, empty where that cannot be done.
native_unshared() {
	local prog=$1 dir

	native=""
	if [ "$(id -u)" -ne 0 ] || ! unshare -m true 2>/dev/null; then
		return
	fi
	dir=$(mktemp -d /tmp/tamu-"$prog".XXXXXX)
	chmod 755 "$dir"
	native=$(unshare -m --propagation private tests/guest/"$prog" "$dir" 2>&1
		 echo "exit=$?")
	rm -rf "$dir"
}

same_as_native memory "mprotect, munmap, data segment, heap, copy-on-write"
same_as_native badinput "malformed executables fail execve, bad pointers give EFAULT,"

# Where Linux kills the process after the point of no return (or runs a
# 32-bit program), tamu refuses the executable up front.
run_tamu "${opts[@]}" -- /test/badinput refused
if [ "$status" -eq 0 ] && [ "$out" == $'32-bit ELF: ENOEXEC\nmisaligned segment: ENOEXEC\nsegment beyond user space: ENOEXEC' ]; then
	ok "unloadable executables fail execve with ENOEXEC$what"
else
	fail "unloadable executables$what" "status $status" "$out" "$err"
fi
same_as_native xfeatures "XSAVE features reported and AMX permission"
same_as_native pty "pseudo-terminals: line discipline, job control, window size, hangups, vhangup"
same_as_native fileops "renameat2 flags, O_TMPFILE, fallocate, truncate, times, links, fsync"
same_as_native threadexit "processes ending with live threads (exit, exit_group, the leader first, signals, exec from a thread), 300 reaped in shuffled order"
same_as_native sysvipc "System V shared memory, semaphores, message queues and POSIX message queues: fork, exec, waiting, SEM_UNDO, removal under waiters, permissions, errnos"

# /proc/sysvipc and the mqueue file system show objects a program left,
# in Linux's formats: each line is what Linux's printf makes of its own
# fields (ipc/shm.c, sem.c, msg.c, mqueue.c), with the values known here.
sysvipc_format() {
	local fmt=$1 line=$2
	# shellcheck disable=SC2086,SC2059
	[ "$(printf "$fmt" $line)" == "$line" ]
}
run_tamu "${opts[@]}" -- /bin/sh -c 'mount -t proc proc /proc &&
	/test/sysvipc make && cat /proc/sysvipc/shm /proc/sysvipc/sem \
	/proc/sysvipc/msg && mkdir -p /dev/mqueue &&
	mount -t mqueue none /dev/mqueue && ls -l /dev/mqueue/tamu &&
	cat /dev/mqueue/tamu && rm /dev/mqueue/tamu &&
	echo "left:" $(ls /dev/mqueue)'
mapfile -t lines <<<"$out"
if [ "$status" -eq 0 ] && [ "${#lines[@]}" -eq 9 ] &&
	[ "${lines[0]}" == "       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap" ] &&
	sysvipc_format '%10s %10s  %4s %21s %5s %5s  %5s %5s %5s %5s %5s %10s %10s %10s %21s %21s' "${lines[1]}" &&
	grep -qE '^1952542069 +0 +640 +8192 +[0-9]+ +[0-9]+ +0 +0 +0 +0 +0 +[0-9]{10} +[0-9]{10} +[0-9]{10} +4096 +0$' <<<"${lines[1]}" &&
	[ "${lines[2]}" == "       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime" ] &&
	sysvipc_format '%10s %10s  %4s %10s %5s %5s %5s %5s %10s %10s' "${lines[3]}" &&
	grep -qE '^1952542069 +0 +600 +3 +0 +0 +0 +0 +[0-9]{10} +[0-9]{10}$' <<<"${lines[3]}" &&
	[ "${lines[4]}" == "       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid      stime      rtime      ctime" ] &&
	sysvipc_format '%10s %10s  %4s  %10s %10s %5s %5s %5s %5s %5s %5s %10s %10s %10s' "${lines[5]}" &&
	grep -qE '^1952542069 +0 +620 +6 +1 +[0-9]+ +0 +0 +0 +0 +0 +[0-9]{10} +0 +[0-9]{10}$' <<<"${lines[5]}" &&
	grep -qE '^-rw------- +1 root +root +80 .* /dev/mqueue/tamu$' <<<"${lines[6]}" &&
	[ "${lines[7]}" == "QSIZE:6          NOTIFY:0     SIGNO:0     NOTIFY_PID:0     " ] &&
	[ "${lines[8]}" == "left:" ]; then
	ok "/proc/sysvipc/{shm,sem,msg} and a queue in /dev/mqueue as Linux shows them$what"
else
	fail "/proc/sysvipc and /dev/mqueue$what" "status $status" "$out" "$err"
fi
same_as_native bigdir "10000 files in one directory: made, looked up, listed while unlinked (each name once), telldir positions kept"
# Natively in /tmp, in the guest on its tmpfs /tmp.
same_as_native locks "file locks: flock across dup and fork, POSIX ranges split and merged, released by any close and at exit, F_SETLKW, EDEADLK, EINTR, OFD locks, /proc/locks, bad requests"
# Extended attributes: natively in a directory that takes user.* ones
# (the host's /tmp, else /dev/shm: tmpfs has them since Linux 6.6), in the
# guest in its /tmp (tmpfs, or the ext2 root).  The test switches to uid
# 1000 in a child, so the native run needs root to be comparable.
xattr_dir=
for d in /tmp /dev/shm /var/tmp; do
	tests/guest/xattr probe "$d" && { xattr_dir=$d; break; }
done
run_tamu "${opts[@]}" -- /test/xattr /tmp
xattr_desc="extended attributes: set/get/list/remove and their l and f forms, flags, sizes, namespaces, links, FIFOs, root and a user"
if [ "$(id -u)" -ne 0 ] || [ -z "$xattr_dir" ]; then
	[ "$status" -eq 0 ] && ! grep -q ENOSYS <<<"$out" &&
		ok "$xattr_desc (not compared: needs root and a host directory with user.* attributes)$what" ||
		fail "$xattr_desc$what" "status $status" "$out" "$err"
else
	native=$(tests/guest/xattr "$xattr_dir" 2>&1; echo "exit=$?")
	if [ "$native" == "$(printf '%s\n' "$out"; echo "exit=$status")" ]; then
		ok "$xattr_desc as on Linux ($xattr_dir)$what"
	else
		fail "$xattr_desc$what" "native ($xattr_dir): $native" "guest: $out" "$err"
	fi
fi
same_as_native hostile "hostile memory ranges (madvise of 80 TiB, wraps, holes), mlock, mincore, AC set around calls, descriptors to RLIMIT_NOFILE"
run_tamu "${opts[@]}" -- /test/hostile big-table
if [ "$status" -eq 0 ] && [ "$out" == $'setrlimit NOFILE 1048576: ok\ndup2 to 1048575: ok\ndup2 to 1048576: Bad file descriptor\nclose 1048575: ok' ]; then
	ok "root raises RLIMIT_NOFILE to nr_open (1048576) and uses descriptor 1048575$what"
else
	fail "descriptor table up to nr_open$what" "status $status" "$out" "$err"
fi
same_as_native events "eventfd, timerfd, signalfd, epoll (level, edge, oneshot, nesting, loops, 1000 watched, close and dup, fork, signals)"
same_as_native sched "nice and priorities, scheduling policies and sched_attr, affinity, I/O priorities, membarrier, capget and capset, getdents, utimes, readahead, fadvise, sync_file_range, preadv2, fchmodat2"
same_as_native pidfd "pidfds (pidfd_open, poll, pidfd_send_signal, pidfd_getfd, waitid P_PIDFD), clone3 with CLONE_PIDFD and CLONE_CLEAR_SIGHAND, process_vm_readv and process_vm_writev"
same_as_native prctl "prctl: names, the parent-death signal, the child subreaper, dumpable, keepcaps, no_new_privs, the bounding set, timer slack"
same_as_native rseq "restartable sequences: glibc's registration, rseq(2)'s checks, the CPU number, a critical section aborted by a signal"
same_as_native futex "futexes: errors, requeue and wake-op counts, futex_waitv, robust mutexes whose owner dies (thread, process, with a waiter), priority-inheritance mutexes"
same_as_native splice "memfd_create and seals, pipe sizes, splice, tee, vmsplice, sendfile, copy_file_range between pipes, files, sockets"
same_as_native opath "O_PATH descriptors of files, directories, FIFOs, /proc files and devices: EBADF where Linux says so, fstat, fstatfs, fchdir, dup, fcntl, *at, SCM_RIGHTS, select and poll, closed and at exit"
same_as_native settime "settimeofday, clock_settime, adjtimex and clock_adjtime for a user: EPERM, EINVAL, EFAULT, EOPNOTSUPP, the read-only state"
same_as_native unshare "unshare of descriptors, fs and SysV undo, shared or not; namespaces and setns for a user"
same_as_native openat2 "openat2: its struct, flags, modes and resolve flags checked; BENEATH, IN_ROOT, NO_SYMLINKS, NO_MAGICLINKS, NO_XDEV over links, .., /proc and a mount"
same_as_native linuxabi "renameat2 onto itself, fexecve, termio ioctls, shared anonymous and /dev/zero memory across fork, mremap of a shared file, remap_file_pages, chown dropping set-ID bits, search permission, O_NOATIME, ARCH_SET_CPUID, NUMA policies on node 0 and the home node, ETXTBSY, RLIMIT_FSIZE and SIGXFSZ, NAME_MAX, an empty argv, generic SEEK_DATA and SEEK_HOLE, flag and permission checks in Linux's order, epoll of /dev/zero"
same_as_native procmem "/proc/PID/smaps and smaps_rollup of populated, locked, shared and reserved memory, auxv, io of a process and its threads, cgroup; MAP_POPULATE and MAP_LOCKED"
run_tamu "${opts[@]}" -- /test/procmem overcommit
if [ "$status" -eq 0 ] && [ "$out" == $'policy 0\nguess: larger than memory ENOMEM, noreserve ok, 1 MiB ok\nalways: larger than memory ok\nnever: limit 1000000 kB, 1 GiB ENOMEM, noreserve ENOMEM, 1 MiB ok\nnever: 1 GiB read-only ok, made writable ENOMEM\novercommit_memory = 3: Invalid argument\nkbytes 0' ]; then
	ok "vm.overcommit_memory 0, 1 and 2 with overcommit_ratio and overcommit_kbytes as on Linux$what"
else
	fail "overcommit policies$what" "status $status" "$out" "$err"
fi
same_as_native procmm "process_madvise and process_mrelease through pidfds: ranges, holes, flags, dead and reaped processes"
run_tamu "${opts[@]}" -- /test/procmm pkeys
if [ "$status" -eq 0 ] && [ "$out" == $'pkey_alloc: EINVAL\npkey_alloc flags 1: EINVAL\npkey_alloc rights 4: EINVAL\npkey_free 1: EINVAL\npkey_mprotect key -1: 0\npkey_mprotect key 1: EINVAL\npkey_mprotect misaligned: EINVAL' ]; then
	ok "protection keys as Linux on a CPU without them: none to allocate, key -1 is mprotect$what"
else
	fail "protection keys$what" "status $status" "$out" "$err"
fi
# As root, tamu sets the guest's clock only, and has no namespaces.
run_tamu "${opts[@]}" -- /test/settime root
if [ "$status" -eq 0 ] && [ "$(grep -c ': yes$' <<<"$out")" -eq 5 ] &&
	grep -qx 'its zone: -60 0' <<<"$out" &&
	grep -qx 'TAI - UTC after ADJ_TAI 37: 37' <<<"$out" &&
	grep -qx '  freq 65536 maxerror 1000 esterror 10 status 0x1 constant 7' <<<"$out" &&
	grep -qx 'a time before the monotonic clock: EINVAL' <<<"$out" &&
	[ "$(date +%Y)" -lt 2030 ]; then
	ok "root sets the guest's clock (clock_settime, settimeofday, ADJ_SETOFFSET, ADJ_TAI), files see it, the host's stays$what"
else
	fail "root setting the guest's clock$what" "status $status" "$out" "$err"
fi
run_tamu "${opts[@]}" -- /test/unshare root
if [ "$status" -eq 0 ] &&
	[ "$(grep -c '^unshare CLONE_NEW[A-Z]*: EINVAL$' <<<"$out")" -eq 4 ] &&
	grep -qx 'setns a pidfd, CLONE_NEWNS: 0' <<<"$out" &&
	grep -qx 'working directory after it: /' <<<"$out"; then
	ok "root: namespaces are EINVAL as on a Linux without them; setns to the one mount namespace goes to its root$what"
else
	fail "unshare and setns as root$what" "status $status" "$out" "$err"
fi
same_as_native timers "POSIX timers (checks, ids, SI_TIMER, overruns, SIGEV_NONE and SIGEV_THREAD_ID, absolute, CPU clocks), ITIMER_VIRTUAL and ITIMER_PROF, fork, exec, RLIMIT_SIGPENDING"
same_as_native inotify "inotify: each event on files, directories, FIFOs, pipes and a program run, moves with cookies, IN_ISDIR, ONESHOT, MASK_ADD, MASK_CREATE, ONLYDIR, EXCL_UNLINK, DELETE_SELF and IGNORED, short reads, FIONREAD, poll and epoll, coalescing, overflow, errors, fdinfo, fork"
# As root in the guest: a tmpfs unmounted under watches (IN_UNMOUNT, then
# IN_IGNORED, newest inode first as on Linux), and max_user_watches.
run_tamu "${opts[@]}" -- /test/inotify unmount /tmp
want='watch m (the root of the mount): 1
watch m/d: 2
watch m/f: 3
watch . (not on it): 4
umount: ok
events:
  wd 3 UNMOUNT
  wd 3 IGNORED
  wd 2 UNMOUNT|ISDIR
  wd 2 IGNORED
  wd 1 UNMOUNT|ISDIR
  wd 1 IGNORED
rmdir m:
  wd 4 DELETE|ISDIR "m" (len 16)'
if [ "$status" -eq 0 ] && [ "$out" == "$want" ]; then
	ok "inotify: an unmount sends IN_UNMOUNT and IN_IGNORED to every watch on it$what"
else
	fail "inotify and unmount$what" "status $status" "$out" "$err"
fi
run_tamu "${opts[@]}" -- /test/inotify watches /tmp
if [ "$status" -eq 0 ] && [ "$out" == $'watches made: max_user_watches, then No space left on device\nafter one is removed, another: the wd after the failed attempt' ]; then
	ok "inotify: max_user_watches watches over two instances, then ENOSPC$what"
else
	fail "inotify max_user_watches$what" "status $status" "$out" "$err"
fi
# umount2: EBUSY while a file system is used, MNT_DETACH, MNT_EXPIRE,
# UMOUNT_NOFOLLOW, bind and stacked mounts, EINVAL and EPERM.  Natively
# as root in a private mount namespace, in the guest as init in /tmp.
umount_desc="umount2: EBUSY for an open file, a working directory or root, a mount below, a mapping, a bound socket (not a watch); MNT_DETACH, MNT_EXPIRE, UMOUNT_NOFOLLOW, bind and stacked mounts, EINVAL, EPERM"
run_tamu "${opts[@]}" -- /test/umount /tmp
native_unshared umount
if [ -n "$native" ]; then
	compare_native "$umount_desc as on Linux$what" "$umount_desc$what"
else
	[ "$status" -eq 0 ] && [ "$(grep -c ": Device or resource busy$" <<<"$out")" -eq 12 ] &&
		[ "$(tail -1 <<<"$out")" == "left mounted: nothing" ] &&
		ok "$umount_desc (not compared: needs root and unshare -m)$what" ||
		fail "$umount_desc$what" "status $status" "$out" "$err"
fi
# The mount API, pivot_root, propagation types, file bind mounts, nodev
# and statvfs flags.  Natively as root in a private mount namespace.
mountapi_desc="the mount API (fsopen, fsconfig, fsmount, fspick, move_mount, open_tree, mount_setattr), pivot_root, propagation types, file bind mounts, nodev, statvfs flags"
run_tamu "${opts[@]}" -- /test/mountapi /tmp
native_unshared mountapi
if [ -n "$native" ]; then
	compare_native "$mountapi_desc as on Linux$what" "$mountapi_desc$what"
else
	[ "$status" -eq 0 ] && grep -q '^move_mount onto a: ok$' <<<"$out" &&
		grep -q '^pivot_root: ok$' <<<"$out" &&
		grep -q '^open a device on a nodev mount: EACCES$' <<<"$out" &&
		ok "$mountapi_desc (not compared: needs root and unshare -m)$what" ||
		fail "$mountapi_desc$what" "status $status" "$out" "$err"
fi
# overlayfs: mount errors, lookups, merged readdir, copy-up, whiteouts,
# opaque directories, rename.  Natively as root in a private mount
# namespace (where the host's overlayfs takes a directory in /tmp as its
# layers), in the guest as init in /tmp.
overlay_desc="overlayfs: mount errors, lookups, merged readdir, copy-up of data, mode, owner, times and parents, whiteouts, opaque directories, rename (EXDEV), a read-only stack"
run_tamu "${opts[@]}" -- /test/overlay /tmp
native_unshared overlay
if grep -qx "mount: ok" <<<"$native"; then
	compare_native "$overlay_desc as on Linux$what" "$overlay_desc$what"
else
	[ "$status" -eq 0 ] && grep -qx "u/gone: whiteout" <<<"$out" &&
		grep -qx "u/redo opaque: y" <<<"$out" &&
		grep -qx "rename lower dir m/d: Invalid cross-device link" <<<"$out" &&
		grep -qx "cat l/f: lower f" <<<"$out" &&
		ok "$overlay_desc (not compared: needs root, unshare -m and overlayfs)$what" ||
		fail "$overlay_desc$what" "status $status" "$out" "$err"
fi
# Core dumps: children dying of SIGSEGV, SIGABRT, SIGQUIT with RLIMIT_CORE
# unlimited, 0 and small, not dumpable, "core" taken; the core's notes and
# memory.  Natively only where the host writes "core" or "core.PID" in the
# working directory and lets a child raise RLIMIT_CORE; elsewhere (a pipe
# to systemd-coredump or apport) against tests/boot/coredump.expected,
# this output from a Linux host with core_pattern "core".
coredump_desc="core dumps: WCOREDUMP, RLIMIT_CORE, PR_SET_DUMPABLE, the file's name, mode and owner, its notes and memory, coredump_filter"
pattern=$(cat /proc/sys/kernel/core_pattern 2>/dev/null)
if [[ "$pattern" == core || "$pattern" == core.%p ]] &&
	[ "$(ulimit -Hc)" == unlimited ]; then
	same_as_native coredump "$coredump_desc"
else
	run_tamu "${opts[@]}" -- /test/coredump
	if [ "$status" -eq 0 ] && [ "$out" == "$(cat tests/boot/coredump.expected)" ]; then
		ok "$coredump_desc (as Linux wrote them, host core_pattern \"$pattern\")$what"
	else
		fail "$coredump_desc$what" "want: $(cat tests/boot/coredump.expected)" \
			"got: $out" "$err"
	fi
fi
# core_pattern's specifiers, core_uses_pid, a pipe: tamu only (the host's
# core_pattern is everybody's).  Then what a change of ids does (the
# lines Linux prints for the same calls).
run_tamu "${opts[@]}" -- /test/coredump pattern
want='core_pattern: core
core_uses_pid: 0
pattern "core": WCOREDUMP 1, the expected name
pattern "core\n": WCOREDUMP 1, the expected name
pattern "c.%p.%P.%i.%I.%u.%g.%s.%c.%%.%d.%e.%h": WCOREDUMP 1, the expected name
pattern "c.%E": WCOREDUMP 1, the expected name
pattern "c%z%": WCOREDUMP 1, the expected name
pattern "sub/core.%p": WCOREDUMP 1, the expected name
pattern "nodir/core": WCOREDUMP 0, no core
pattern "|/bin/cat": WCOREDUMP 0, no core
pattern "t.%t": the time
a 200-character pattern reads back as 127
core_pattern by nobody: Permission denied
core_uses_pid by nobody: Permission denied
core_pattern again: core
setresuid: PR_GET_DUMPABLE 0, PR_GET_PDEATHSIG 0
setresgid: PR_GET_DUMPABLE 0, PR_GET_PDEATHSIG 0
setfsuid: PR_GET_DUMPABLE 0, PR_GET_PDEATHSIG 0
setfsgid: PR_GET_DUMPABLE 0, PR_GET_PDEATHSIG 0
setreuid to the same ids: PR_GET_DUMPABLE 1, PR_GET_PDEATHSIG 10'
if [ "$status" -eq 0 ] && [ "$out" == "$want" ]; then
	ok "core_pattern: %p %P %i %I %u %g %s %c %% %d %e %h %E %t, core_uses_pid, a directory, a pipe (no core), root only; a change of ids: not dumpable, no parent-death signal (as Linux)$what"
else
	fail "core_pattern$what" "status $status" "$out" "$err"
fi
# Loop devices: the ioctls of /dev/loopN and /dev/loop-control and their
# errors, sysfs and /proc/partitions.  Natively as root where the host has
# loop devices (the test takes free ones only and gives them back); each
# line is also checked against Linux's answer by the program itself.
loop_desc="loop devices: LOOP_SET_FD, LOOP_CONFIGURE, LOOP_CLR_FD, status old and new, offset, sizelimit, capacity, block size, CHANGE_FD, read-only, autoclear, stacking, loop-control ADD/REMOVE/GET_FREE, BLK* sizes, sysfs, /proc/partitions, EBUSY/ENXIO/EBADF/EINVAL/EPERM/EACCES"
run_tamu "${opts[@]}" -- /test/loop /tmp
if [ "$(id -u)" -eq 0 ] && [ -c /dev/loop-control ]; then
	ldir=$(mktemp -d /tmp/tamu-loop.XXXXXX)
	native=$(tests/guest/loop "$ldir" 2>&1; echo "exit=$?")
	rm -rf "$ldir"
	compare_native "$loop_desc as on Linux$what" "$loop_desc$what"
else
	[ "$status" -eq 0 ] && [ "$(tail -1 <<<"$out")" == "all as on Linux" ] &&
		ok "$loop_desc (not compared: needs root and loop devices)$what" ||
		fail "$loop_desc$what" "status $status" "$out" "$err"
fi
# What unmounting gives back: 20 rounds of 32 MiB in a tmpfs.
run_tamu "${opts[@]}" -- /test/umount memory /tmp
if [ "$status" -eq 0 ] && [ "$(grep -c ': as before' <<<"$out")" -eq 8 ] &&
	[ "$(wc -l <<<"$out")" -eq 8 ]; then
	ok "20 tmpfs mounts filled with 32 MiB and unmounted (some lazily while open) give back their memory and objects$what"
else
	fail "memory given back by unmounts$what" "status $status" "$out" "$err"
fi
same_as_native unix "AF_UNIX: stream, datagram and seqpacket pairs, names in files and abstract, listen and accept, SCM_RIGHTS and SCM_CREDENTIALS, options, errors, /proc/net/unix"
# Exit paths: the kernel's object counts (/proc/slabinfo) come back.
run_tamu "${opts[@]}" -- /test/leaks
if [ "$status" -eq 0 ] && [ "$(grep -c ': as before$' <<<"$out")" -eq 11 ] &&
	[ "$(wc -l <<<"$out")" -eq 11 ]; then
	ok "processes ending with socket rings, chains, backlogs, epoll sets, POSIX timers, blocked threads, inotify watches and events, and loop devices leave no objects behind$what"
else
	fail "objects left behind by exits$what" "status $status" "$out" "$err"
fi
same_as_native vecregs "vector registers across system calls, faults, signals, preemption, fork"

# Two at once: context switches between them must not mix their state.
run_tamu "${opts[@]}" -- /bin/sh -c '/test/vecregs & /test/vecregs; wait $!'
if [ "$status" -eq 0 ] && [ "$(grep -c ': ok' <<<"$out")" -eq "$(( $(grep -c ': ok' <<<"$native") * 2 ))" ]; then
	ok "two vector-register tests at once keep their own state$what"
else
	fail "two vector-register tests at once$what" "status $status" "$out" "$err"
fi

same_as_native procfs "/proc: a process's stat, status, maps, fd/, task/ and the system files agree with its own view"

# Faults meeting the tick's interrupts, in three processes at once (a few
# seconds alone; a minute in tt on a loaded 2-CPU host: a behaviour test,
# not a timing one).
TAMU_TIMEOUT=180 run_tamu "${opts[@]}" -- /test/faultstorm
if [ "$status" -eq 0 ] && [ "$out" == ok ]; then
	ok "three processes faulting while preempted all finish$what"
else
	fail "fault storm$what" "status $status" "$out" "$(tail -3 <<<"$err")"
fi

# Guest code writes a host system call into the stub's data page: the
# kernel must never run it.
run_tamu "${opts[@]}" -- /test/stubpoke
if [ "$status" -eq 0 ] && [ "$out" == "still running" ]; then
	ok "host calls that guest code plants in the stub's data page are never made$what"
else
	fail "stub data page$what" "status $status" "$out" "$(tail -3 <<<"$err")"
fi

run_tamu "${opts[@]}" -- /bin/sh -c '/test/segv; echo "status $?"; echo shell goes on'
if [ "$status" -eq 0 ] && grep -q "^Segmentation fault" <<<"$out" &&
	grep -q "^status 139$" <<<"$out" && grep -q "shell goes on" <<<"$out"; then
	ok "a guest program that segfaults dies of SIGSEGV, its shell goes on$what"
else
	fail "segfault$what" "status $status" "$out" "$err"
fi

run_tamu "${opts[@]}" -- /bin/sh -c '/test/forkbomb; echo "bomb $?"; echo alive'
if [ "$status" -eq 0 ] && grep -q "Resource temporarily unavailable" <<<"$out" &&
	grep -q "^all reaped: yes" <<<"$out" && grep -q "^bomb 0$" <<<"$out"; then
	ok "a fork bomb gets EAGAIN at the task limit and the kernel survives$what"
else
	fail "fork bomb$what" "status $status" "$out" "$err"
fi

# A CPU-bound loop that only ends when the background job has run.
run_tamu "${opts[@]}" -- /bin/sh -c \
	'(sleep 0.1; echo done; touch /tmp/flag) & while [ ! -e /tmp/flag ]; do :; done; echo loop ended'
if [ "$status" -eq 0 ] && [ "$out" == $'done\nloop ended' ]; then
	ok "a CPU-bound loop does not starve a background sleep; echo$what"
else
	fail "preemption$what" "status $status" "$out" "$err"
fi

# ps lists the guest's own processes (the host's list is no reference).
run_tamu "${opts[@]}" -- /bin/sh -c \
	'mount -t proc proc /proc; sleep 3 & sleep 0.1; ps -o pid,ppid,stat,args; kill $!'
if [ "$status" -eq 0 ] &&
	grep -qE '^ +1 +0 +S +/bin/sh -c mount' <<<"$out" &&
	grep -qE '^ +[0-9]+ +1 +S +sleep 3$' <<<"$out" &&
	grep -qE '^ +[0-9]+ +1 +R +(ps -o pid,ppid,stat,args|\{ps\} /bin/sh -c mount)' <<<"$out"; then
	ok "ps shows init, a sleeping child and itself with pid, parent and state$what"
else
	fail "ps$what" "status $status" "$out" "$err"
fi

run_tamu "${opts[@]}" -- /bin/sh -c 'exit 42'
[ "$status" -eq 42 ] && ok "tamu exits with init's exit status$what" ||
	fail "init's exit status$what" "status $status"

run_tamu "${opts[@]}" -- /test/segv
[ "$status" -eq 139 ] && ok "init killed by SIGSEGV: tamu exits 128+11$what" ||
	fail "init killed by a signal$what" "status $status"

# As on Linux, init ignores signals it has no handler for.
run_tamu "${opts[@]}" -- /bin/sh -c 'kill -TERM $$; kill -KILL $$; echo survived'
[ "$status" -eq 0 ] && [ "$out" == survived ] &&
	ok "init ignores SIGTERM and SIGKILL it has no handler for$what" ||
	fail "unkillable init$what" "status $status" "$out"

run_tamu "${opts[@]}" -- /bin/sh -c 'poweroff -f; sleep 5; echo not reached'
[ "$status" -eq 0 ] && [ -z "$out" ] && ok "poweroff ends tamu with status 0$what" ||
	fail "poweroff$what" "status $status" "$out"

run_tamu "${opts[@]}" init=/bin/uname
if [ "$status" -eq 0 ] && [ "$out" == "Linux" ]; then
	ok "init=/bin/uname runs another init$what"
else
	fail "init=$what" "status $status" "$out" "$err"
fi

# One line and the status, the backtrace only at loglevel=8.
run_tamu "${opts[@]}" init=/nonexistent
[ "$status" -eq 70 ] && grep -q "Requested init /nonexistent failed" <<<"$err" &&
	[ "$(grep -c . <<<"$err")" -eq 2 ] && ! grep -q "Call Trace" <<<"$err" &&
	ok "a missing init= program: the reason and the panic in two lines, status 70$what" ||
	fail "missing init$what" "status $status" "$err"

# Compressed archives, and an uncompressed one before a compressed one
# (early microcode, then the rest, as Debian's initrd.img is made).  Not
# on a disk root, which hides the initramfs.
if [ -z "$TAMU_ROOT_IMAGE" ]; then
	printf 'dir /early 755 0 0\n' >"$TAMU_DIR/early.list"
	tools/mkcpio -o "$TAMU_DIR/early.cpio" "$TAMU_DIR/early.list"
	good=""
	for pair in "gzip:gzip -c" "xz:xz -c --check=crc32" "zstd:zstd -q -c" \
		"lz4 (legacy):lz4 -q -l -c" "lz4 (frames):lz4 -q -c"; do
		name=${pair%%:*} z=${pair#*:}
		if ! command -v "${z%% *}" >/dev/null; then
			fail "initrd compressed with $name: the command is missing"
			continue
		fi
		$z <"$CPIO" | cat "$TAMU_DIR/early.cpio" - >"$TAMU_DIR/z.cpio"
		chmod 644 "$TAMU_DIR/z.cpio"
		run_tamu "${opts[@]}" initrd=z.cpio -- /bin/sh -c 'ls -1d /early /test/hostile'
		if [ "$status" -eq 0 ] && [ "$out" == $'/early\n/test/hostile' ]; then
			good="$good, $name"
		else
			fail "initrd= an archive then one compressed with $name$what" "status $status" "$out" "$err"
		fi
	done
	[ -n "$good" ] && ok "initrd= a cpio archive followed by one compressed with ${good#, }$what"
fi

printf 'BZh91AY&SYgarbage' >"$TAMU_DIR/bz.cpio"
head -c 100000 "$CPIO" | zstd -q -c | head -c 20000 >"$TAMU_DIR/cut.cpio"
chmod 644 "$TAMU_DIR/bz.cpio" "$TAMU_DIR/cut.cpio"
run_tamu initrd=bz.cpio -- /bin/true
bz_status=$status bz_err=$err
run_tamu initrd=cut.cpio -- /bin/true
[ "$bz_status" -eq 2 ] && grep -q "bz.cpio: a bzip2-compressed archive at offset 0: tamu reads gzip, xz, zstd and lz4" <<<"$bz_err" &&
	[ "$status" -eq 2 ] && grep -q "cut.cpio: the zstd archive at offset 0 is damaged or cut short" <<<"$err" &&
	ok "initrd= compressed with bzip2 is named and refused; a cut zstd archive is refused" ||
	fail "unusable compressed initrd" "bzip2: status $bz_status" "$bz_err" "cut: status $status" "$err"

printf 'garbage' > "$TAMU_DIR/bad.cpio"
chmod 644 "$TAMU_DIR/bad.cpio"
run_tamu initrd=bad.cpio -- /bin/true
[ "$status" -eq 2 ] && grep -q "bad.cpio: not a newc cpio entry at offset 0" <<<"$err" &&
	ok "initrd= with a corrupt archive is refused with its offset" ||
	fail "corrupt initrd" "status $status" "$err"

run_tamu initrd=missing.cpio -- /bin/true
[ "$status" -eq 2 ] && grep -q "initrd=missing.cpio: cannot read it" <<<"$err" &&
	ok "initrd= with a missing file names it and exits 2" ||
	fail "missing initrd" "status $status" "$err"

report
