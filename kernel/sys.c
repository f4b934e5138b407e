// SPDX-License-Identifier: GPL-2.0-only
/*
 * Small system calls about the system and the caller: uname, ids, limits,
 * arch_prctl, prctl, getrandom, reboot, sysinfo, getrusage, scheduling.
 */
#include "tamu/syscall.h"
#include "tamu/fdtable.h"
#include "um/arch.h"
#include "host/random.h"
#include "tamu/mm.h"
#include "tamu/page_alloc.h"
#include "tamu/printk.h"
#include "tamu/proc.h"
#include "tamu/signal.h"
#include "tamu/string.h"
#include "tamu/time.h"
#include "tamu/uaccess.h"
#include "uapi/prctl.h"
#include "uapi/random.h"
#include "tamu/fs.h"
#include "uapi/reboot.h"
#include "uapi/resource.h"
#include "uapi/time.h"
#include "uapi/utsname.h"

struct new_utsname utsname = {
	.sysname = "Linux",
	.nodename = "tamu",
	.release = "6.1.0-tamu",
	.version = "#1 tamu " TAMU_VERSION,
	.machine = "x86_64",
	.domainname = "(none)",
};

SYSCALL_DEFINE(uname, unsigned long ubuf)
{
	return copy_to_user(ubuf, &utsname, sizeof(utsname));
}

SYSCALL_DEFINE(sethostname, unsigned long uname, int len)
{
	char name[65];

	if (current->cred.euid != 0)
		return -EPERM;
	if (len < 0 || len > 64)
		return -EINVAL;
	if (copy_from_user(name, uname, len))
		return -EFAULT;
	name[len] = '\0';
	memcpy(utsname.nodename, name, len + 1);
	return 0;
}

SYSCALL_DEFINE(setdomainname, unsigned long uname, int len)
{
	char name[65];

	if (current->cred.euid != 0)
		return -EPERM;
	if (len < 0 || len > 64)
		return -EINVAL;
	if (copy_from_user(name, uname, len))
		return -EFAULT;
	name[len] = '\0';
	memcpy(utsname.domainname, name, len + 1);
	return 0;
}

SYSCALL_DEFINE(getuid, void)
{
	return current->cred.uid;
}

SYSCALL_DEFINE(geteuid, void)
{
	return current->cred.euid;
}

SYSCALL_DEFINE(getgid, void)
{
	return current->cred.gid;
}

SYSCALL_DEFINE(getegid, void)
{
	return current->cred.egid;
}

/* setresuid's rule: root may set anything, others only to their ids. */
static bool may_set_id(u32 id, const u32 ids[3], bool root)
{
	return id == (u32)-1 || root || id == ids[0] || id == ids[1] ||
	       id == ids[2];
}

/*
 * After a change of ids, as Linux's commit_creds: a process whose
 * effective or file-system ids changed, or which gained capabilities, is
 * no longer dumpable (suid_dumpable is 0: no core, /proc/PID root's) and
 * loses its parent-death signal.
 */
static void creds_changed(const struct cred *old)
{
	struct task_struct *t = current;
	const struct cred *c = &t->cred;

	if (c->euid == old->euid && c->egid == old->egid &&
	    c->fsuid == old->fsuid && c->fsgid == old->fsgid &&
	    !(c->cap_permitted & ~old->cap_permitted))
		return;
	if (t->mm)
		t->mm->dumpable = 0;
	t->pdeath_signal = 0;
}

/*
 * setresuid and setresgid: real, effective and saved ids (-1 keeps one);
 * the file system id follows the effective one.
 */
static long set_res_ids(u32 *ids[3], u32 *fs, const u32 want[3], bool root)
{
	u32 now[3] = { *ids[0], *ids[1], *ids[2] };
	int i;

	for (i = 0; i < 3; i++)
		if (!may_set_id(want[i], now, root))
			return -EPERM;
	for (i = 0; i < 3; i++)
		if (want[i] != (u32)-1)
			*ids[i] = want[i];
	*fs = *ids[1];
	return 0;
}

SYSCALL_DEFINE(setresuid, u32 ruid, u32 euid, u32 suid)
{
	struct cred *c = &current->cred, old = *c;
	u32 *ids[3] = { &c->uid, &c->euid, &c->suid };
	const u32 want[3] = { ruid, euid, suid };
	long err = set_res_ids(ids, &c->fsuid, want, capable(CAP_SETUID));

	if (!err) {
		cap_fixup_setuid(c, &old, current->keepcaps);
		creds_changed(&old);
	}
	return err;
}

SYSCALL_DEFINE(setresgid, u32 rgid, u32 egid, u32 sgid)
{
	struct cred *c = &current->cred, old = *c;
	u32 *ids[3] = { &c->gid, &c->egid, &c->sgid };
	const u32 want[3] = { rgid, egid, sgid };
	long err = set_res_ids(ids, &c->fsgid, want, capable(CAP_SETGID));

	if (!err)
		creds_changed(&old);
	return err;
}

SYSCALL_DEFINE(setuid, u32 uid)
{
	if (capable(CAP_SETUID))
		return sys_setresuid(uid, uid, uid);
	return sys_setresuid(-1, uid, -1);
}

SYSCALL_DEFINE(setgid, u32 gid)
{
	if (capable(CAP_SETGID))
		return sys_setresgid(gid, gid, gid);
	return sys_setresgid(-1, gid, -1);
}

/*
 * setreuid and setregid, Linux's rules: the real id may become the real
 * or effective one, the effective one any of the three; the saved id
 * follows the new effective one when the real one is set or the
 * effective one leaves the real one.
 */
static long set_re_ids(u32 *r, u32 *e, u32 *s, u32 *fs, u32 want_r,
		       u32 want_e, bool priv)
{
	u32 or = *r, oe = *e, os = *s;

	if (want_r != (u32)-1 && !priv && want_r != or && want_r != oe)
		return -EPERM;
	if (want_e != (u32)-1 && !priv && want_e != or && want_e != oe &&
	    want_e != os)
		return -EPERM;
	if (want_r != (u32)-1)
		*r = want_r;
	if (want_e != (u32)-1)
		*e = want_e;
	if (want_r != (u32)-1 || (want_e != (u32)-1 && want_e != or))
		*s = *e;
	*fs = *e;
	return 0;
}

SYSCALL_DEFINE(setreuid, u32 ruid, u32 euid)
{
	struct cred *c = &current->cred, old = *c;
	long err = set_re_ids(&c->uid, &c->euid, &c->suid, &c->fsuid, ruid,
			      euid, capable(CAP_SETUID));

	if (!err) {
		cap_fixup_setuid(c, &old, current->keepcaps);
		creds_changed(&old);
	}
	return err;
}

SYSCALL_DEFINE(setregid, u32 rgid, u32 egid)
{
	struct cred *c = &current->cred, old = *c;
	long err = set_re_ids(&c->gid, &c->egid, &c->sgid, &c->fsgid, rgid,
			      egid, capable(CAP_SETGID));

	if (!err)
		creds_changed(&old);
	return err;
}

SYSCALL_DEFINE(getresuid, unsigned long ur, unsigned long ue, unsigned long us)
{
	const struct cred *c = &current->cred;

	if (put_user(c->uid, (u32 *)ur) || put_user(c->euid, (u32 *)ue) ||
	    put_user(c->suid, (u32 *)us))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE(getresgid, unsigned long ur, unsigned long ue, unsigned long us)
{
	const struct cred *c = &current->cred;

	if (put_user(c->gid, (u32 *)ur) || put_user(c->egid, (u32 *)ue) ||
	    put_user(c->sgid, (u32 *)us))
		return -EFAULT;
	return 0;
}

/*
 * As on Linux, -1 is no id: setfsuid(-1) only asks what it is.  Others may
 * pick their real, effective, saved or current one.
 */
SYSCALL_DEFINE(setfsuid, u32 uid)
{
	struct cred *c = &current->cred, before = *c;
	u32 old = c->fsuid;

	if (uid != (u32)-1 && (capable(CAP_SETUID) || uid == c->uid ||
			       uid == c->euid || uid == c->suid)) {
		c->fsuid = uid;
		cap_fixup_setuid(c, &before, true);
		creds_changed(&before);
	}
	return old;
}

SYSCALL_DEFINE(setfsgid, u32 gid)
{
	struct cred *c = &current->cred, before = *c;
	u32 old = c->fsgid;

	if (gid != (u32)-1 && (capable(CAP_SETGID) || gid == c->gid ||
			       gid == c->egid || gid == c->sgid)) {
		c->fsgid = gid;
		creds_changed(&before);
	}
	return old;
}

/* Supplementary groups are not kept: none. */
bool in_group_p(u32 gid)
{
	const struct cred *c = &current->cred;
	u32 i;

	if (c->fsgid == gid)
		return true;
	for (i = 0; i < c->ngroups; i++)
		if (c->groups[i] == gid)
			return true;
	return false;
}

SYSCALL_DEFINE(getgroups, int size, unsigned long ulist)
{
	const struct cred *c = &current->cred;

	if (size < 0)
		return -EINVAL;
	if (!size)
		return c->ngroups;
	if ((u32)size < c->ngroups)
		return -EINVAL;
	if (copy_to_user(ulist, c->groups, c->ngroups * sizeof(u32)))
		return -EFAULT;
	return c->ngroups;
}

SYSCALL_DEFINE(setgroups, int size, unsigned long ulist)
{
	u32 groups[NGROUPS_TAMU];

	if (!capable(CAP_SETGID))
		return -EPERM;
	if (size < 0 || size > 65536)
		return -EINVAL;
	/* More than tamu keeps: refused rather than silently cut. */
	if (size > NGROUPS_TAMU)
		return -ENOMEM;
	if (copy_from_user(groups, ulist, size * sizeof(u32)))
		return -EFAULT;
	memcpy(current->cred.groups, groups, size * sizeof(u32));
	current->cred.ngroups = size;
	return 0;
}

SYSCALL_DEFINE(set_tid_address, unsigned long uaddr)
{
	current->clear_child_tid = uaddr;
	return current->pid;
}


SYSCALL_DEFINE(arch_prctl, int code, unsigned long addr)
{
	struct pt_regs *r = &current->thread.regs;

	switch (code) {
	case ARCH_SET_FS:
		if (addr >= TASK_SIZE)
			return -EPERM;
		r->fs_base = addr;
		return 0;
	case ARCH_SET_GS:
		if (addr >= TASK_SIZE)
			return -EPERM;
		r->gs_base = addr;
		return 0;
	case ARCH_GET_FS:
		return put_user(r->fs_base, (u64 *)addr);
	case ARCH_GET_GS:
		return put_user(r->gs_base, (u64 *)addr);
	case ARCH_GET_CPUID:
		return 1;
	case ARCH_SET_CPUID:
		/* No CPUID faulting for guests: Linux on a CPU without it. */
		return -ENODEV;
	case ARCH_GET_XCOMP_SUPP:
		return put_user(arch_xfeatures_supported(), (u64 *)addr);
	case ARCH_GET_XCOMP_PERM:
		return put_user(arch_xfeatures() | current->mm->xfeatures_granted,
				(u64 *)addr);
	case ARCH_REQ_XCOMP_PERM: {
		u64 want = 1ULL << addr;
		int err;

		if (addr >= 64)
			return -EINVAL;
		if (want & (arch_xfeatures() | current->mm->xfeatures_granted))
			return 0;
		err = arch_request_xfeatures(current->mm, want);
		if (!err)
			current->mm->xfeatures_granted |= want;
		return err;
	}
	}
	return -EINVAL;
}

SYSCALL_DEFINE(getrandom, unsigned long ubuf, size_t len, unsigned int flags)
{
	char buf[256];
	size_t done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	while (done < len) {
		size_t n = min(len - done, sizeof(buf));

		if (host_random_bytes(buf, n) < 0)
			return done ? (long)done : -EIO;
		if (copy_to_user(ubuf + done, buf, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return done;
}

SYSCALL_DEFINE(reboot, int magic1, int magic2, unsigned int cmd, unsigned long arg)
{
	if (current->cred.euid != 0)
		return -EPERM;
	if ((u32)magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	/* What was written reaches the host's files before tamu exits. */
	if (cmd != LINUX_REBOOT_CMD_CAD_ON && cmd != LINUX_REBOOT_CMD_CAD_OFF)
		sync_filesystems();
	switch (cmd) {
	case LINUX_REBOOT_CMD_POWER_OFF:
		pr_notice("reboot: Power down\n");
		kernel_halt(0);
	case LINUX_REBOOT_CMD_HALT:
		pr_notice("reboot: System halted\n");
		kernel_halt(0);
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_RESTART2:
		/* A throwaway kernel has nothing to come back to. */
		pr_notice("reboot: Restarting system (tamu exits)\n");
		kernel_halt(0);
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;
	}
	return -EINVAL;
}

SYSCALL_DEFINE(getrlimit, unsigned int res, unsigned long urlim)
{
	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	return copy_to_user(urlim, &current->signal->rlim[res],
			    sizeof(struct rlimit));
}

SYSCALL_DEFINE(prlimit64, int pid, unsigned int res, unsigned long unew,
		   unsigned long uold)
{
	struct task_struct *t = pid ? find_task_by_pid(pid) : current;
	struct rlimit *lim, new;

	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	if (!t)
		return -ESRCH;
	lim = &t->signal->rlim[res];
	if (uold && copy_to_user(uold, lim, sizeof(*lim)))
		return -EFAULT;
	if (!unew)
		return 0;
	if (copy_from_user(&new, unew, sizeof(new)))
		return -EFAULT;
	if (new.rlim_cur > new.rlim_max)
		return -EINVAL;
	if (new.rlim_max > lim->rlim_max && current->cred.euid != 0)
		return -EPERM;
	if (res == RLIMIT_NOFILE && new.rlim_max > sysctl_nr_open)
		return -EPERM;
	*lim = new;
	return 0;
}

SYSCALL_DEFINE(setrlimit, unsigned int res, unsigned long urlim)
{
	return sys_prlimit64(0, res, urlim, 0);
}

SYSCALL_DEFINE(getrusage, int who, unsigned long uru)
{
	struct rusage ru = { 0 };
	u64 u, s;

	if (who == RUSAGE_CHILDREN) {
		u = current->signal->cutime_ns;
		s = current->signal->cstime_ns;
	} else if (who == RUSAGE_SELF) {
		thread_group_cputime(current, &u, &s);
	} else if (who == RUSAGE_THREAD) {
		task_cputime(current, &u, &s);
	} else {
		return -EINVAL;
	}
	ru.ru_utime.tv_sec = u / NSEC_PER_SEC;
	ru.ru_utime.tv_usec = u % NSEC_PER_SEC / 1000;
	ru.ru_stime.tv_sec = s / NSEC_PER_SEC;
	ru.ru_stime.tv_usec = s % NSEC_PER_SEC / 1000;
	return copy_to_user(uru, &ru, sizeof(ru));
}

SYSCALL_DEFINE(sysinfo, unsigned long uinfo)
{
	struct {
		s64 uptime;
		u64 loads[3];
		u64 totalram, freeram, sharedram, bufferram, totalswap,
			freeswap;
		u16 procs, pad;
		u64 totalhigh, freehigh;
		u32 mem_unit;
		char _f[4];
	} info;
	int i;

	memset(&info, 0, sizeof(info));
	loadavg_update(ktime_get_ns());
	info.uptime = ktime_since_boot_ns() / NSEC_PER_SEC;
	/* As /proc/meminfo says, and the loads scaled to 1 << 16. */
	info.totalram = totalram_pages() * PAGE_SIZE;
	info.freeram = nr_free_pages() * PAGE_SIZE;
	info.sharedram = nr_pages_used[PAGE_SHMEM] * PAGE_SIZE;
	for (i = 0; i < 3; i++)
		info.loads[i] = avenrun[i] << (16 - FSHIFT);
	info.procs = nr_tasks;
	info.mem_unit = 1;
	return copy_to_user(uinfo, &info, sizeof(info));
}

SYSCALL_DEFINE(sched_yield, void)
{
	need_resched = true;
	return 0;
}

SYSCALL_DEFINE(getcpu, unsigned long ucpu, unsigned long unode, unsigned long c)
{
	u32 zero = 0;

	if (ucpu && copy_to_user(ucpu, &zero, sizeof(zero)))
		return -EFAULT;
	if (unode && copy_to_user(unode, &zero, sizeof(zero)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE(personality, unsigned int p)
{
	return 0;	/* PER_LINUX, and staying that way */
}
