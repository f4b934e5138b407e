// SPDX-License-Identifier: GPL-2.0-only
/*
 * kernel/include/uapi against the host's headers.  uapi_layout.c lists the
 * ABI facts (sizes, offsets, constants) from our headers alone;
 * uapi_host_kernel.c and uapi_host_libc.c list the same names from the
 * host's Linux and C library headers.  Every fact of ours must have a host
 * fact of the same name and value, and the other way round, so nothing is
 * left unchecked.  The system call numbers are compared with the host's
 * asm/unistd_64.h here.
 */
#include <asm/unistd_64.h>
#include <check.h>
#include <stdbool.h>
#include <string.h>

#include "suites.h"
#include "uapi_layout.h"

/* The headers, as the facts are grouped. */
static const char *const groups[] = {
	"signal", "sigframe", "stat",	 "fcntl",  "mman",    "time",
	"wait",	  "sched",    "termios", "elf",	   "elfcore", "utsname", "resource",
	"dirent", "poll",     "select",	 "uio",	   "reboot",  "random",
	"futex",  "prctl",    "vfs",	 "limits", "xattr",   "ipc",
	"shm",	  "sem",      "msg",	 "mqueue", "inotify", "timex",
	"loop",	  "fs",
};

#define NGROUPS (sizeof(groups) / sizeof(groups[0]))

static const struct {
	const struct uapi_fact *facts;
	const size_t *n;
} host_tables[] = {
	{ uapi_host_kernel_facts, &uapi_host_kernel_nfacts },
	{ uapi_host_libc_facts, &uapi_host_libc_nfacts },
};

#define NHOST_TABLES (sizeof(host_tables) / sizeof(host_tables[0]))

static const struct uapi_fact *host_fact(const char *name)
{
	size_t t, i;

	for (t = 0; t < NHOST_TABLES; t++)
		for (i = 0; i < *host_tables[t].n; i++)
			if (!strcmp(host_tables[t].facts[i].name, name))
				return &host_tables[t].facts[i];
	return NULL;
}

static const struct uapi_fact *our_fact(const char *name)
{
	size_t i;

	for (i = 0; i < uapi_layout_nfacts; i++)
		if (!strcmp(uapi_layout_facts[i].name, name))
			return &uapi_layout_facts[i];
	return NULL;
}

static bool known_group(const char *group)
{
	size_t g;

	for (g = 0; g < NGROUPS; g++)
		if (!strcmp(groups[g], group))
			return true;
	return false;
}

/* One test per header: the first fact that differs fails it. */
START_TEST(test_group_matches_host)
{
	const char *group = groups[_i];
	size_t i, n = 0;

	for (i = 0; i < uapi_layout_nfacts; i++) {
		const struct uapi_fact *ours = &uapi_layout_facts[i];
		const struct uapi_fact *host;

		if (strcmp(ours->group, group))
			continue;
		n++;
		host = host_fact(ours->name);
		ck_assert_msg(host,
			      "uapi/%s.h: %s has no host fact to check it",
			      group, ours->name);
		ck_assert_msg(
			ours->value == host->value,
			"uapi/%s.h: %s is %lld (%#llx), the host's %lld (%#llx)",
			group, ours->name, ours->value,
			(unsigned long long)ours->value, host->value,
			(unsigned long long)host->value);
		ck_assert_msg(!strcmp(host->group, group),
			      "%s: ours in %s, the host's in %s", ours->name,
			      group, host->group);
	}
	ck_assert_msg(n > 0, "no facts for uapi/%s.h", group);
}
END_TEST

/*
 * The two sides name the same facts, each once, in known groups: a fact
 * only one side lists would be checked against nothing.
 */
START_TEST(test_same_names_both_sides)
{
	size_t t, i, j, nhost = 0;

	for (i = 0; i < uapi_layout_nfacts; i++) {
		const struct uapi_fact *f = &uapi_layout_facts[i];

		ck_assert_msg(known_group(f->group), "%s: unknown group %s",
			      f->name, f->group);
		ck_assert_msg(host_fact(f->name), "%s: ours only", f->name);
		/* Not an assertion per pair: each one costs Check a write. */
		for (j = i + 1; j < uapi_layout_nfacts; j++)
			if (!strcmp(f->name, uapi_layout_facts[j].name))
				ck_abort_msg("%s: listed twice on our side",
					     f->name);
	}
	for (t = 0; t < NHOST_TABLES; t++) {
		for (i = 0; i < *host_tables[t].n; i++) {
			const struct uapi_fact *f = &host_tables[t].facts[i];

			nhost++;
			ck_assert_msg(our_fact(f->name), "%s: the host's only",
				      f->name);
			ck_assert_msg(host_fact(f->name) == f,
				      "%s: listed twice on the host's side",
				      f->name);
		}
	}
	ck_assert_uint_eq(nhost, uapi_layout_nfacts);
}
END_TEST

/*
 * The host's system call numbers, for every name of syscall_list.h (this
 * list was written out from it); a name the host's headers lack is left
 * out by its #ifdef.
 */
/* clang-format off */
#define HOST_NR(name) { #name, __NR_##name }
/* clang-format on */

static const struct {
	const char *name;
	long nr;
} host_syscalls[] = {
#ifdef __NR_read
	HOST_NR(read),
#endif
#ifdef __NR_write
	HOST_NR(write),
#endif
#ifdef __NR_open
	HOST_NR(open),
#endif
#ifdef __NR_close
	HOST_NR(close),
#endif
#ifdef __NR_stat
	HOST_NR(stat),
#endif
#ifdef __NR_fstat
	HOST_NR(fstat),
#endif
#ifdef __NR_lstat
	HOST_NR(lstat),
#endif
#ifdef __NR_poll
	HOST_NR(poll),
#endif
#ifdef __NR_lseek
	HOST_NR(lseek),
#endif
#ifdef __NR_mmap
	HOST_NR(mmap),
#endif
#ifdef __NR_mprotect
	HOST_NR(mprotect),
#endif
#ifdef __NR_munmap
	HOST_NR(munmap),
#endif
#ifdef __NR_brk
	HOST_NR(brk),
#endif
#ifdef __NR_rt_sigaction
	HOST_NR(rt_sigaction),
#endif
#ifdef __NR_rt_sigprocmask
	HOST_NR(rt_sigprocmask),
#endif
#ifdef __NR_rt_sigreturn
	HOST_NR(rt_sigreturn),
#endif
#ifdef __NR_ioctl
	HOST_NR(ioctl),
#endif
#ifdef __NR_pread64
	HOST_NR(pread64),
#endif
#ifdef __NR_pwrite64
	HOST_NR(pwrite64),
#endif
#ifdef __NR_readv
	HOST_NR(readv),
#endif
#ifdef __NR_writev
	HOST_NR(writev),
#endif
#ifdef __NR_access
	HOST_NR(access),
#endif
#ifdef __NR_pipe
	HOST_NR(pipe),
#endif
#ifdef __NR_select
	HOST_NR(select),
#endif
#ifdef __NR_sched_yield
	HOST_NR(sched_yield),
#endif
#ifdef __NR_mremap
	HOST_NR(mremap),
#endif
#ifdef __NR_msync
	HOST_NR(msync),
#endif
#ifdef __NR_mincore
	HOST_NR(mincore),
#endif
#ifdef __NR_madvise
	HOST_NR(madvise),
#endif
#ifdef __NR_shmget
	HOST_NR(shmget),
#endif
#ifdef __NR_shmat
	HOST_NR(shmat),
#endif
#ifdef __NR_shmctl
	HOST_NR(shmctl),
#endif
#ifdef __NR_dup
	HOST_NR(dup),
#endif
#ifdef __NR_dup2
	HOST_NR(dup2),
#endif
#ifdef __NR_pause
	HOST_NR(pause),
#endif
#ifdef __NR_nanosleep
	HOST_NR(nanosleep),
#endif
#ifdef __NR_getitimer
	HOST_NR(getitimer),
#endif
#ifdef __NR_alarm
	HOST_NR(alarm),
#endif
#ifdef __NR_setitimer
	HOST_NR(setitimer),
#endif
#ifdef __NR_getpid
	HOST_NR(getpid),
#endif
#ifdef __NR_sendfile
	HOST_NR(sendfile),
#endif
#ifdef __NR_socket
	HOST_NR(socket),
#endif
#ifdef __NR_connect
	HOST_NR(connect),
#endif
#ifdef __NR_accept
	HOST_NR(accept),
#endif
#ifdef __NR_sendto
	HOST_NR(sendto),
#endif
#ifdef __NR_recvfrom
	HOST_NR(recvfrom),
#endif
#ifdef __NR_sendmsg
	HOST_NR(sendmsg),
#endif
#ifdef __NR_recvmsg
	HOST_NR(recvmsg),
#endif
#ifdef __NR_shutdown
	HOST_NR(shutdown),
#endif
#ifdef __NR_bind
	HOST_NR(bind),
#endif
#ifdef __NR_listen
	HOST_NR(listen),
#endif
#ifdef __NR_getsockname
	HOST_NR(getsockname),
#endif
#ifdef __NR_getpeername
	HOST_NR(getpeername),
#endif
#ifdef __NR_socketpair
	HOST_NR(socketpair),
#endif
#ifdef __NR_setsockopt
	HOST_NR(setsockopt),
#endif
#ifdef __NR_getsockopt
	HOST_NR(getsockopt),
#endif
#ifdef __NR_clone
	HOST_NR(clone),
#endif
#ifdef __NR_fork
	HOST_NR(fork),
#endif
#ifdef __NR_vfork
	HOST_NR(vfork),
#endif
#ifdef __NR_execve
	HOST_NR(execve),
#endif
#ifdef __NR_exit
	HOST_NR(exit),
#endif
#ifdef __NR_wait4
	HOST_NR(wait4),
#endif
#ifdef __NR_kill
	HOST_NR(kill),
#endif
#ifdef __NR_uname
	HOST_NR(uname),
#endif
#ifdef __NR_semget
	HOST_NR(semget),
#endif
#ifdef __NR_semop
	HOST_NR(semop),
#endif
#ifdef __NR_semctl
	HOST_NR(semctl),
#endif
#ifdef __NR_shmdt
	HOST_NR(shmdt),
#endif
#ifdef __NR_msgget
	HOST_NR(msgget),
#endif
#ifdef __NR_msgsnd
	HOST_NR(msgsnd),
#endif
#ifdef __NR_msgrcv
	HOST_NR(msgrcv),
#endif
#ifdef __NR_msgctl
	HOST_NR(msgctl),
#endif
#ifdef __NR_fcntl
	HOST_NR(fcntl),
#endif
#ifdef __NR_flock
	HOST_NR(flock),
#endif
#ifdef __NR_fsync
	HOST_NR(fsync),
#endif
#ifdef __NR_fdatasync
	HOST_NR(fdatasync),
#endif
#ifdef __NR_truncate
	HOST_NR(truncate),
#endif
#ifdef __NR_ftruncate
	HOST_NR(ftruncate),
#endif
#ifdef __NR_getdents
	HOST_NR(getdents),
#endif
#ifdef __NR_getcwd
	HOST_NR(getcwd),
#endif
#ifdef __NR_chdir
	HOST_NR(chdir),
#endif
#ifdef __NR_fchdir
	HOST_NR(fchdir),
#endif
#ifdef __NR_rename
	HOST_NR(rename),
#endif
#ifdef __NR_mkdir
	HOST_NR(mkdir),
#endif
#ifdef __NR_rmdir
	HOST_NR(rmdir),
#endif
#ifdef __NR_creat
	HOST_NR(creat),
#endif
#ifdef __NR_link
	HOST_NR(link),
#endif
#ifdef __NR_unlink
	HOST_NR(unlink),
#endif
#ifdef __NR_symlink
	HOST_NR(symlink),
#endif
#ifdef __NR_readlink
	HOST_NR(readlink),
#endif
#ifdef __NR_chmod
	HOST_NR(chmod),
#endif
#ifdef __NR_fchmod
	HOST_NR(fchmod),
#endif
#ifdef __NR_chown
	HOST_NR(chown),
#endif
#ifdef __NR_fchown
	HOST_NR(fchown),
#endif
#ifdef __NR_lchown
	HOST_NR(lchown),
#endif
#ifdef __NR_umask
	HOST_NR(umask),
#endif
#ifdef __NR_gettimeofday
	HOST_NR(gettimeofday),
#endif
#ifdef __NR_getrlimit
	HOST_NR(getrlimit),
#endif
#ifdef __NR_getrusage
	HOST_NR(getrusage),
#endif
#ifdef __NR_sysinfo
	HOST_NR(sysinfo),
#endif
#ifdef __NR_times
	HOST_NR(times),
#endif
#ifdef __NR_ptrace
	HOST_NR(ptrace),
#endif
#ifdef __NR_getuid
	HOST_NR(getuid),
#endif
#ifdef __NR_syslog
	HOST_NR(syslog),
#endif
#ifdef __NR_getgid
	HOST_NR(getgid),
#endif
#ifdef __NR_setuid
	HOST_NR(setuid),
#endif
#ifdef __NR_setgid
	HOST_NR(setgid),
#endif
#ifdef __NR_geteuid
	HOST_NR(geteuid),
#endif
#ifdef __NR_getegid
	HOST_NR(getegid),
#endif
#ifdef __NR_setpgid
	HOST_NR(setpgid),
#endif
#ifdef __NR_getppid
	HOST_NR(getppid),
#endif
#ifdef __NR_getpgrp
	HOST_NR(getpgrp),
#endif
#ifdef __NR_setsid
	HOST_NR(setsid),
#endif
#ifdef __NR_setreuid
	HOST_NR(setreuid),
#endif
#ifdef __NR_setregid
	HOST_NR(setregid),
#endif
#ifdef __NR_getgroups
	HOST_NR(getgroups),
#endif
#ifdef __NR_setgroups
	HOST_NR(setgroups),
#endif
#ifdef __NR_setresuid
	HOST_NR(setresuid),
#endif
#ifdef __NR_getresuid
	HOST_NR(getresuid),
#endif
#ifdef __NR_setresgid
	HOST_NR(setresgid),
#endif
#ifdef __NR_getresgid
	HOST_NR(getresgid),
#endif
#ifdef __NR_getpgid
	HOST_NR(getpgid),
#endif
#ifdef __NR_setfsuid
	HOST_NR(setfsuid),
#endif
#ifdef __NR_setfsgid
	HOST_NR(setfsgid),
#endif
#ifdef __NR_getsid
	HOST_NR(getsid),
#endif
#ifdef __NR_capget
	HOST_NR(capget),
#endif
#ifdef __NR_capset
	HOST_NR(capset),
#endif
#ifdef __NR_rt_sigpending
	HOST_NR(rt_sigpending),
#endif
#ifdef __NR_rt_sigtimedwait
	HOST_NR(rt_sigtimedwait),
#endif
#ifdef __NR_rt_sigqueueinfo
	HOST_NR(rt_sigqueueinfo),
#endif
#ifdef __NR_rt_sigsuspend
	HOST_NR(rt_sigsuspend),
#endif
#ifdef __NR_sigaltstack
	HOST_NR(sigaltstack),
#endif
#ifdef __NR_utime
	HOST_NR(utime),
#endif
#ifdef __NR_mknod
	HOST_NR(mknod),
#endif
#ifdef __NR_uselib
	HOST_NR(uselib),
#endif
#ifdef __NR_personality
	HOST_NR(personality),
#endif
#ifdef __NR_ustat
	HOST_NR(ustat),
#endif
#ifdef __NR_statfs
	HOST_NR(statfs),
#endif
#ifdef __NR_fstatfs
	HOST_NR(fstatfs),
#endif
#ifdef __NR_sysfs
	HOST_NR(sysfs),
#endif
#ifdef __NR_getpriority
	HOST_NR(getpriority),
#endif
#ifdef __NR_setpriority
	HOST_NR(setpriority),
#endif
#ifdef __NR_sched_setparam
	HOST_NR(sched_setparam),
#endif
#ifdef __NR_sched_getparam
	HOST_NR(sched_getparam),
#endif
#ifdef __NR_sched_setscheduler
	HOST_NR(sched_setscheduler),
#endif
#ifdef __NR_sched_getscheduler
	HOST_NR(sched_getscheduler),
#endif
#ifdef __NR_sched_get_priority_max
	HOST_NR(sched_get_priority_max),
#endif
#ifdef __NR_sched_get_priority_min
	HOST_NR(sched_get_priority_min),
#endif
#ifdef __NR_sched_rr_get_interval
	HOST_NR(sched_rr_get_interval),
#endif
#ifdef __NR_mlock
	HOST_NR(mlock),
#endif
#ifdef __NR_munlock
	HOST_NR(munlock),
#endif
#ifdef __NR_mlockall
	HOST_NR(mlockall),
#endif
#ifdef __NR_munlockall
	HOST_NR(munlockall),
#endif
#ifdef __NR_vhangup
	HOST_NR(vhangup),
#endif
#ifdef __NR_modify_ldt
	HOST_NR(modify_ldt),
#endif
#ifdef __NR_pivot_root
	HOST_NR(pivot_root),
#endif
#ifdef __NR__sysctl
	HOST_NR(_sysctl),
#endif
#ifdef __NR_prctl
	HOST_NR(prctl),
#endif
#ifdef __NR_arch_prctl
	HOST_NR(arch_prctl),
#endif
#ifdef __NR_adjtimex
	HOST_NR(adjtimex),
#endif
#ifdef __NR_setrlimit
	HOST_NR(setrlimit),
#endif
#ifdef __NR_chroot
	HOST_NR(chroot),
#endif
#ifdef __NR_sync
	HOST_NR(sync),
#endif
#ifdef __NR_acct
	HOST_NR(acct),
#endif
#ifdef __NR_settimeofday
	HOST_NR(settimeofday),
#endif
#ifdef __NR_mount
	HOST_NR(mount),
#endif
#ifdef __NR_umount2
	HOST_NR(umount2),
#endif
#ifdef __NR_swapon
	HOST_NR(swapon),
#endif
#ifdef __NR_swapoff
	HOST_NR(swapoff),
#endif
#ifdef __NR_reboot
	HOST_NR(reboot),
#endif
#ifdef __NR_sethostname
	HOST_NR(sethostname),
#endif
#ifdef __NR_setdomainname
	HOST_NR(setdomainname),
#endif
#ifdef __NR_iopl
	HOST_NR(iopl),
#endif
#ifdef __NR_ioperm
	HOST_NR(ioperm),
#endif
#ifdef __NR_create_module
	HOST_NR(create_module),
#endif
#ifdef __NR_init_module
	HOST_NR(init_module),
#endif
#ifdef __NR_delete_module
	HOST_NR(delete_module),
#endif
#ifdef __NR_get_kernel_syms
	HOST_NR(get_kernel_syms),
#endif
#ifdef __NR_query_module
	HOST_NR(query_module),
#endif
#ifdef __NR_quotactl
	HOST_NR(quotactl),
#endif
#ifdef __NR_nfsservctl
	HOST_NR(nfsservctl),
#endif
#ifdef __NR_getpmsg
	HOST_NR(getpmsg),
#endif
#ifdef __NR_putpmsg
	HOST_NR(putpmsg),
#endif
#ifdef __NR_afs_syscall
	HOST_NR(afs_syscall),
#endif
#ifdef __NR_tuxcall
	HOST_NR(tuxcall),
#endif
#ifdef __NR_security
	HOST_NR(security),
#endif
#ifdef __NR_gettid
	HOST_NR(gettid),
#endif
#ifdef __NR_readahead
	HOST_NR(readahead),
#endif
#ifdef __NR_setxattr
	HOST_NR(setxattr),
#endif
#ifdef __NR_lsetxattr
	HOST_NR(lsetxattr),
#endif
#ifdef __NR_fsetxattr
	HOST_NR(fsetxattr),
#endif
#ifdef __NR_getxattr
	HOST_NR(getxattr),
#endif
#ifdef __NR_lgetxattr
	HOST_NR(lgetxattr),
#endif
#ifdef __NR_fgetxattr
	HOST_NR(fgetxattr),
#endif
#ifdef __NR_listxattr
	HOST_NR(listxattr),
#endif
#ifdef __NR_llistxattr
	HOST_NR(llistxattr),
#endif
#ifdef __NR_flistxattr
	HOST_NR(flistxattr),
#endif
#ifdef __NR_removexattr
	HOST_NR(removexattr),
#endif
#ifdef __NR_lremovexattr
	HOST_NR(lremovexattr),
#endif
#ifdef __NR_fremovexattr
	HOST_NR(fremovexattr),
#endif
#ifdef __NR_tkill
	HOST_NR(tkill),
#endif
#ifdef __NR_time
	HOST_NR(time),
#endif
#ifdef __NR_futex
	HOST_NR(futex),
#endif
#ifdef __NR_sched_setaffinity
	HOST_NR(sched_setaffinity),
#endif
#ifdef __NR_sched_getaffinity
	HOST_NR(sched_getaffinity),
#endif
#ifdef __NR_set_thread_area
	HOST_NR(set_thread_area),
#endif
#ifdef __NR_io_setup
	HOST_NR(io_setup),
#endif
#ifdef __NR_io_destroy
	HOST_NR(io_destroy),
#endif
#ifdef __NR_io_getevents
	HOST_NR(io_getevents),
#endif
#ifdef __NR_io_submit
	HOST_NR(io_submit),
#endif
#ifdef __NR_io_cancel
	HOST_NR(io_cancel),
#endif
#ifdef __NR_get_thread_area
	HOST_NR(get_thread_area),
#endif
#ifdef __NR_lookup_dcookie
	HOST_NR(lookup_dcookie),
#endif
#ifdef __NR_epoll_create
	HOST_NR(epoll_create),
#endif
#ifdef __NR_epoll_ctl_old
	HOST_NR(epoll_ctl_old),
#endif
#ifdef __NR_epoll_wait_old
	HOST_NR(epoll_wait_old),
#endif
#ifdef __NR_remap_file_pages
	HOST_NR(remap_file_pages),
#endif
#ifdef __NR_getdents64
	HOST_NR(getdents64),
#endif
#ifdef __NR_set_tid_address
	HOST_NR(set_tid_address),
#endif
#ifdef __NR_restart_syscall
	HOST_NR(restart_syscall),
#endif
#ifdef __NR_semtimedop
	HOST_NR(semtimedop),
#endif
#ifdef __NR_fadvise64
	HOST_NR(fadvise64),
#endif
#ifdef __NR_timer_create
	HOST_NR(timer_create),
#endif
#ifdef __NR_timer_settime
	HOST_NR(timer_settime),
#endif
#ifdef __NR_timer_gettime
	HOST_NR(timer_gettime),
#endif
#ifdef __NR_timer_getoverrun
	HOST_NR(timer_getoverrun),
#endif
#ifdef __NR_timer_delete
	HOST_NR(timer_delete),
#endif
#ifdef __NR_clock_settime
	HOST_NR(clock_settime),
#endif
#ifdef __NR_clock_gettime
	HOST_NR(clock_gettime),
#endif
#ifdef __NR_clock_getres
	HOST_NR(clock_getres),
#endif
#ifdef __NR_clock_nanosleep
	HOST_NR(clock_nanosleep),
#endif
#ifdef __NR_exit_group
	HOST_NR(exit_group),
#endif
#ifdef __NR_epoll_wait
	HOST_NR(epoll_wait),
#endif
#ifdef __NR_epoll_ctl
	HOST_NR(epoll_ctl),
#endif
#ifdef __NR_tgkill
	HOST_NR(tgkill),
#endif
#ifdef __NR_utimes
	HOST_NR(utimes),
#endif
#ifdef __NR_vserver
	HOST_NR(vserver),
#endif
#ifdef __NR_mbind
	HOST_NR(mbind),
#endif
#ifdef __NR_set_mempolicy
	HOST_NR(set_mempolicy),
#endif
#ifdef __NR_get_mempolicy
	HOST_NR(get_mempolicy),
#endif
#ifdef __NR_mq_open
	HOST_NR(mq_open),
#endif
#ifdef __NR_mq_unlink
	HOST_NR(mq_unlink),
#endif
#ifdef __NR_mq_timedsend
	HOST_NR(mq_timedsend),
#endif
#ifdef __NR_mq_timedreceive
	HOST_NR(mq_timedreceive),
#endif
#ifdef __NR_mq_notify
	HOST_NR(mq_notify),
#endif
#ifdef __NR_mq_getsetattr
	HOST_NR(mq_getsetattr),
#endif
#ifdef __NR_kexec_load
	HOST_NR(kexec_load),
#endif
#ifdef __NR_waitid
	HOST_NR(waitid),
#endif
#ifdef __NR_add_key
	HOST_NR(add_key),
#endif
#ifdef __NR_request_key
	HOST_NR(request_key),
#endif
#ifdef __NR_keyctl
	HOST_NR(keyctl),
#endif
#ifdef __NR_ioprio_set
	HOST_NR(ioprio_set),
#endif
#ifdef __NR_ioprio_get
	HOST_NR(ioprio_get),
#endif
#ifdef __NR_inotify_init
	HOST_NR(inotify_init),
#endif
#ifdef __NR_inotify_add_watch
	HOST_NR(inotify_add_watch),
#endif
#ifdef __NR_inotify_rm_watch
	HOST_NR(inotify_rm_watch),
#endif
#ifdef __NR_migrate_pages
	HOST_NR(migrate_pages),
#endif
#ifdef __NR_openat
	HOST_NR(openat),
#endif
#ifdef __NR_mkdirat
	HOST_NR(mkdirat),
#endif
#ifdef __NR_mknodat
	HOST_NR(mknodat),
#endif
#ifdef __NR_fchownat
	HOST_NR(fchownat),
#endif
#ifdef __NR_futimesat
	HOST_NR(futimesat),
#endif
#ifdef __NR_newfstatat
	HOST_NR(newfstatat),
#endif
#ifdef __NR_unlinkat
	HOST_NR(unlinkat),
#endif
#ifdef __NR_renameat
	HOST_NR(renameat),
#endif
#ifdef __NR_linkat
	HOST_NR(linkat),
#endif
#ifdef __NR_symlinkat
	HOST_NR(symlinkat),
#endif
#ifdef __NR_readlinkat
	HOST_NR(readlinkat),
#endif
#ifdef __NR_fchmodat
	HOST_NR(fchmodat),
#endif
#ifdef __NR_faccessat
	HOST_NR(faccessat),
#endif
#ifdef __NR_pselect6
	HOST_NR(pselect6),
#endif
#ifdef __NR_ppoll
	HOST_NR(ppoll),
#endif
#ifdef __NR_unshare
	HOST_NR(unshare),
#endif
#ifdef __NR_set_robust_list
	HOST_NR(set_robust_list),
#endif
#ifdef __NR_get_robust_list
	HOST_NR(get_robust_list),
#endif
#ifdef __NR_splice
	HOST_NR(splice),
#endif
#ifdef __NR_tee
	HOST_NR(tee),
#endif
#ifdef __NR_sync_file_range
	HOST_NR(sync_file_range),
#endif
#ifdef __NR_vmsplice
	HOST_NR(vmsplice),
#endif
#ifdef __NR_move_pages
	HOST_NR(move_pages),
#endif
#ifdef __NR_utimensat
	HOST_NR(utimensat),
#endif
#ifdef __NR_epoll_pwait
	HOST_NR(epoll_pwait),
#endif
#ifdef __NR_signalfd
	HOST_NR(signalfd),
#endif
#ifdef __NR_timerfd_create
	HOST_NR(timerfd_create),
#endif
#ifdef __NR_eventfd
	HOST_NR(eventfd),
#endif
#ifdef __NR_fallocate
	HOST_NR(fallocate),
#endif
#ifdef __NR_timerfd_settime
	HOST_NR(timerfd_settime),
#endif
#ifdef __NR_timerfd_gettime
	HOST_NR(timerfd_gettime),
#endif
#ifdef __NR_accept4
	HOST_NR(accept4),
#endif
#ifdef __NR_signalfd4
	HOST_NR(signalfd4),
#endif
#ifdef __NR_eventfd2
	HOST_NR(eventfd2),
#endif
#ifdef __NR_epoll_create1
	HOST_NR(epoll_create1),
#endif
#ifdef __NR_dup3
	HOST_NR(dup3),
#endif
#ifdef __NR_pipe2
	HOST_NR(pipe2),
#endif
#ifdef __NR_inotify_init1
	HOST_NR(inotify_init1),
#endif
#ifdef __NR_preadv
	HOST_NR(preadv),
#endif
#ifdef __NR_pwritev
	HOST_NR(pwritev),
#endif
#ifdef __NR_rt_tgsigqueueinfo
	HOST_NR(rt_tgsigqueueinfo),
#endif
#ifdef __NR_perf_event_open
	HOST_NR(perf_event_open),
#endif
#ifdef __NR_recvmmsg
	HOST_NR(recvmmsg),
#endif
#ifdef __NR_fanotify_init
	HOST_NR(fanotify_init),
#endif
#ifdef __NR_fanotify_mark
	HOST_NR(fanotify_mark),
#endif
#ifdef __NR_prlimit64
	HOST_NR(prlimit64),
#endif
#ifdef __NR_name_to_handle_at
	HOST_NR(name_to_handle_at),
#endif
#ifdef __NR_open_by_handle_at
	HOST_NR(open_by_handle_at),
#endif
#ifdef __NR_clock_adjtime
	HOST_NR(clock_adjtime),
#endif
#ifdef __NR_syncfs
	HOST_NR(syncfs),
#endif
#ifdef __NR_sendmmsg
	HOST_NR(sendmmsg),
#endif
#ifdef __NR_setns
	HOST_NR(setns),
#endif
#ifdef __NR_getcpu
	HOST_NR(getcpu),
#endif
#ifdef __NR_process_vm_readv
	HOST_NR(process_vm_readv),
#endif
#ifdef __NR_process_vm_writev
	HOST_NR(process_vm_writev),
#endif
#ifdef __NR_kcmp
	HOST_NR(kcmp),
#endif
#ifdef __NR_finit_module
	HOST_NR(finit_module),
#endif
#ifdef __NR_sched_setattr
	HOST_NR(sched_setattr),
#endif
#ifdef __NR_sched_getattr
	HOST_NR(sched_getattr),
#endif
#ifdef __NR_renameat2
	HOST_NR(renameat2),
#endif
#ifdef __NR_seccomp
	HOST_NR(seccomp),
#endif
#ifdef __NR_getrandom
	HOST_NR(getrandom),
#endif
#ifdef __NR_memfd_create
	HOST_NR(memfd_create),
#endif
#ifdef __NR_kexec_file_load
	HOST_NR(kexec_file_load),
#endif
#ifdef __NR_bpf
	HOST_NR(bpf),
#endif
#ifdef __NR_execveat
	HOST_NR(execveat),
#endif
#ifdef __NR_userfaultfd
	HOST_NR(userfaultfd),
#endif
#ifdef __NR_membarrier
	HOST_NR(membarrier),
#endif
#ifdef __NR_mlock2
	HOST_NR(mlock2),
#endif
#ifdef __NR_copy_file_range
	HOST_NR(copy_file_range),
#endif
#ifdef __NR_preadv2
	HOST_NR(preadv2),
#endif
#ifdef __NR_pwritev2
	HOST_NR(pwritev2),
#endif
#ifdef __NR_pkey_mprotect
	HOST_NR(pkey_mprotect),
#endif
#ifdef __NR_pkey_alloc
	HOST_NR(pkey_alloc),
#endif
#ifdef __NR_pkey_free
	HOST_NR(pkey_free),
#endif
#ifdef __NR_statx
	HOST_NR(statx),
#endif
#ifdef __NR_io_pgetevents
	HOST_NR(io_pgetevents),
#endif
#ifdef __NR_rseq
	HOST_NR(rseq),
#endif
#ifdef __NR_pidfd_send_signal
	HOST_NR(pidfd_send_signal),
#endif
#ifdef __NR_io_uring_setup
	HOST_NR(io_uring_setup),
#endif
#ifdef __NR_io_uring_enter
	HOST_NR(io_uring_enter),
#endif
#ifdef __NR_io_uring_register
	HOST_NR(io_uring_register),
#endif
#ifdef __NR_open_tree
	HOST_NR(open_tree),
#endif
#ifdef __NR_move_mount
	HOST_NR(move_mount),
#endif
#ifdef __NR_fsopen
	HOST_NR(fsopen),
#endif
#ifdef __NR_fsconfig
	HOST_NR(fsconfig),
#endif
#ifdef __NR_fsmount
	HOST_NR(fsmount),
#endif
#ifdef __NR_fspick
	HOST_NR(fspick),
#endif
#ifdef __NR_pidfd_open
	HOST_NR(pidfd_open),
#endif
#ifdef __NR_clone3
	HOST_NR(clone3),
#endif
#ifdef __NR_close_range
	HOST_NR(close_range),
#endif
#ifdef __NR_openat2
	HOST_NR(openat2),
#endif
#ifdef __NR_pidfd_getfd
	HOST_NR(pidfd_getfd),
#endif
#ifdef __NR_faccessat2
	HOST_NR(faccessat2),
#endif
#ifdef __NR_process_madvise
	HOST_NR(process_madvise),
#endif
#ifdef __NR_epoll_pwait2
	HOST_NR(epoll_pwait2),
#endif
#ifdef __NR_mount_setattr
	HOST_NR(mount_setattr),
#endif
#ifdef __NR_quotactl_fd
	HOST_NR(quotactl_fd),
#endif
#ifdef __NR_landlock_create_ruleset
	HOST_NR(landlock_create_ruleset),
#endif
#ifdef __NR_landlock_add_rule
	HOST_NR(landlock_add_rule),
#endif
#ifdef __NR_landlock_restrict_self
	HOST_NR(landlock_restrict_self),
#endif
#ifdef __NR_memfd_secret
	HOST_NR(memfd_secret),
#endif
#ifdef __NR_process_mrelease
	HOST_NR(process_mrelease),
#endif
#ifdef __NR_futex_waitv
	HOST_NR(futex_waitv),
#endif
#ifdef __NR_set_mempolicy_home_node
	HOST_NR(set_mempolicy_home_node),
#endif
#ifdef __NR_cachestat
	HOST_NR(cachestat),
#endif
#ifdef __NR_fchmodat2
	HOST_NR(fchmodat2),
#endif
#ifdef __NR_map_shadow_stack
	HOST_NR(map_shadow_stack),
#endif
#ifdef __NR_futex_wake
	HOST_NR(futex_wake),
#endif
#ifdef __NR_futex_wait
	HOST_NR(futex_wait),
#endif
#ifdef __NR_futex_requeue
	HOST_NR(futex_requeue),
#endif
#ifdef __NR_statmount
	HOST_NR(statmount),
#endif
#ifdef __NR_listmount
	HOST_NR(listmount),
#endif
#ifdef __NR_lsm_get_self_attr
	HOST_NR(lsm_get_self_attr),
#endif
#ifdef __NR_lsm_set_self_attr
	HOST_NR(lsm_set_self_attr),
#endif
#ifdef __NR_lsm_list_modules
	HOST_NR(lsm_list_modules),
#endif
#ifdef __NR_mseal
	HOST_NR(mseal),
#endif
};

#define NHOST_SYSCALLS (sizeof(host_syscalls) / sizeof(host_syscalls[0]))

static long host_max_nr(void)
{
	long max = -1;
	size_t i;

	for (i = 0; i < NHOST_SYSCALLS; i++)
		if (host_syscalls[i].nr > max)
			max = host_syscalls[i].nr;
	return max;
}

/*
 * Every call has the host's number.  Calls newer than the host's headers
 * cannot be checked; they must at least come after all of the host's.
 */
START_TEST(test_syscalls_match_host)
{
	long host_max = host_max_nr();
	size_t i, j, checked = 0;

	for (i = 0; i < uapi_layout_nsyscalls; i++) {
		const struct uapi_syscall *s = &uapi_layout_syscalls[i];

		ck_assert_msg(s->nr == s->nr_macro,
			      "%s: %ld in syscall_list.h, __NR_%s is %ld",
			      s->name, s->nr, s->name, s->nr_macro);
		for (j = 0; j < NHOST_SYSCALLS; j++)
			if (!strcmp(host_syscalls[j].name, s->name))
				break;
		if (j == NHOST_SYSCALLS) {
			ck_assert_msg(
				s->nr > host_max,
				"%s (%ld): not in the host's asm/unistd_64.h",
				s->name, s->nr);
			continue;
		}
		ck_assert_msg(s->nr == host_syscalls[j].nr,
			      "__NR_%s is %ld, the host's %ld", s->name, s->nr,
			      host_syscalls[j].nr);
		checked++;
	}
	/* Each host entry was matched once: no host call is missing. */
	ck_assert_uint_eq(checked, NHOST_SYSCALLS);
	ck_assert_uint_ge(checked, 300);
}
END_TEST

/* 0..334 and 424..462 in order, and NR_SYSCALLS one past the last. */
START_TEST(test_syscall_numbering)
{
	long expect = 0;
	size_t i;

	ck_assert_uint_eq(uapi_layout_nsyscalls, 335 + 39);
	for (i = 0; i < uapi_layout_nsyscalls; i++) {
		if (expect == 335)
			expect = 424;
		ck_assert_msg(uapi_layout_syscalls[i].nr == expect,
			      "entry %zu (%s) is %ld, expected %ld", i,
			      uapi_layout_syscalls[i].name,
			      uapi_layout_syscalls[i].nr, expect);
		expect++;
	}
	ck_assert_int_eq(uapi_layout_nr_syscalls, expect);
	ck_assert_int_eq(uapi_layout_nr_syscalls, 463);
}
END_TEST

Suite *uapi_suite(void)
{
	Suite *s = suite_create("uapi");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_group_matches_host, 0, NGROUPS);
	tcase_add_test(tc, test_same_names_both_sides);
	tcase_add_test(tc, test_syscalls_match_host);
	tcase_add_test(tc, test_syscall_numbering);
	suite_add_tcase(s, tc);
	return s;
}
