// SPDX-License-Identifier: GPL-2.0-only
/*
 * process_vm_readv and process_vm_writev, as Linux's: between the
 * caller's memory and another process's, for those the caller could
 * trace.  A page at a time through a kernel buffer; a fault on either
 * side ends the transfer with what moved (EFAULT if nothing did).
 */
#include "tamu/syscall.h"
#include "tamu/mm.h"
#include "tamu/proc.h"
#include "tamu/slab.h"
#include "tamu/uaccess.h"
#include "uapi/uio.h"

/* As ptrace_may_access(PTRACE_MODE_ATTACH_REALCREDS). */
bool may_access_mm(struct task_struct *t)
{
	const struct cred *c = &current->cred, *tc = &t->cred;

	if (!c->euid || t->mm == current->mm)
		return true;
	return c->uid == tc->euid && c->uid == tc->suid && c->uid == tc->uid &&
	       c->gid == tc->egid && c->gid == tc->sgid && c->gid == tc->gid &&
	       t->mm->dumpable;
}

static long read_iovs(unsigned long uiov, unsigned long n, struct iovec **out)
{
	struct iovec *iov;
	unsigned long i;

	if (n > UIO_MAXIOV)
		return -EINVAL;
	iov = kcalloc(n ? n : 1, sizeof(*iov), GFP_KERNEL);
	if (!iov)
		return -ENOMEM;
	if (n && copy_from_user(iov, uiov, n * sizeof(*iov))) {
		kfree(iov);
		return -EFAULT;
	}
	for (i = 0; i < n; i++)
		if ((long)iov[i].iov_len < 0) {
			kfree(iov);
			return -EINVAL;
		}
	*out = iov;
	return 0;
}

/* Walk both lists at once, a page at most per step. */
static long transfer(struct mm_struct *them, const struct iovec *l,
		     unsigned long nl, const struct iovec *r, unsigned long nr,
		     bool write, char *buf)
{
	size_t lo = 0, ro = 0, done = 0, n;
	unsigned long li = 0, ri = 0;
	long err;

	while (li < nl && ri < nr) {
		if (lo == l[li].iov_len) {
			li++;
			lo = 0;
			continue;
		}
		if (ro == r[ri].iov_len) {
			ri++;
			ro = 0;
			continue;
		}
		n = min(min(l[li].iov_len - lo, r[ri].iov_len - ro), PAGE_SIZE);
		if (write)
			err = copy_from_user(buf, l[li].iov_base + lo, n) ?:
			      access_mm(them, r[ri].iov_base + ro, buf, n, true);
		else
			err = access_mm(them, r[ri].iov_base + ro, buf, n,
					false) ?:
			      copy_to_user(l[li].iov_base + lo, buf, n);
		if (err)
			return done ? (long)done : -EFAULT;
		lo += n;
		ro += n;
		done += n;
	}
	return done;
}

static long process_vm_rw(int pid, unsigned long ulocal, unsigned long nl,
			  unsigned long uremote, unsigned long nr,
			  unsigned long flags, bool write)
{
	struct iovec *l = NULL, *r = NULL;
	struct task_struct *t;
	char *buf = NULL;
	long err;

	if (flags)
		return -EINVAL;
	err = read_iovs(ulocal, nl, &l);
	if (!err)
		err = read_iovs(uremote, nr, &r);
	if (err)
		goto out;
	err = -ESRCH;
	t = find_task_by_pid(pid);
	if (!t || !t->mm || t->exit_state)
		goto out;
	err = -EPERM;
	if (!may_access_mm(t))
		goto out;
	err = -ENOMEM;
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (buf)
		err = transfer(t->mm, l, nl, r, nr, write, buf);
out:
	kfree(l);
	kfree(r);
	kfree(buf);
	return err;
}

SYSCALL_DEFINE(process_vm_readv, int pid, unsigned long lvec,
	       unsigned long liovcnt, unsigned long rvec,
	       unsigned long riovcnt, unsigned long flags)
{
	return process_vm_rw(pid, lvec, liovcnt, rvec, riovcnt, flags, false);
}

SYSCALL_DEFINE(process_vm_writev, int pid, unsigned long lvec,
	       unsigned long liovcnt, unsigned long rvec,
	       unsigned long riovcnt, unsigned long flags)
{
	return process_vm_rw(pid, lvec, liovcnt, rvec, riovcnt, flags, true);
}
