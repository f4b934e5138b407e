// SPDX-License-Identifier: GPL-2.0-only
/*
 * execve: gather the arguments, find the program (following #! lines to
 * an interpreter), build its address space beside the old one, and only
 * when all of that worked replace the old one.  A failed exec leaves the
 * caller as it was.
 */
#include "tamu/syscall.h"
#include "um/arch.h"
#include "tamu/binfmt.h"
#include "tamu/fdtable.h"
#include "tamu/mm.h"
#include "tamu/namei.h"
#include "tamu/proc.h"
#include "tamu/sched.h"
#include "tamu/futex.h"
#include "tamu/posix-timers.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/mount.h"
#include "uapi/fcntl.h"
#include "uapi/linux_limits.h"

/* How much argv and envp may take, from the caller's stack limit. */
static size_t arg_limit(void)
{
	u64 stack = current->signal->rlim[RLIMIT_STACK].rlim_cur / 4;
	size_t limit = min(stack, (u64)STK_LIM / 4 * 3);

	return min(max(limit, (size_t)ARG_MAX), (size_t)MAX_ARG_TOTAL);
}

static int grow_strings(struct linux_binprm *bprm, size_t need)
{
	size_t cap = bprm->strings_cap ? bprm->strings_cap : PAGE_SIZE;
	char *s;

	if (!bprm->arg_limit)
		bprm->arg_limit = arg_limit();
	if (bprm->strings_len + need > bprm->arg_limit)
		return -E2BIG;
	if (bprm->strings_len + need <= bprm->strings_cap)
		return 0;
	while (cap < bprm->strings_len + need)
		cap *= 2;
	cap = min(cap, (size_t)MAX_ARG_TOTAL);
	s = kmalloc(cap, GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	if (bprm->strings)
		memcpy(s, bprm->strings, bprm->strings_len);
	kfree(bprm->strings);
	bprm->strings = s;
	bprm->strings_cap = cap;
	return 0;
}

static int add_kernel_string(struct linux_binprm *bprm, const char *str)
{
	size_t len = strlen(str) + 1;
	int err = len > MAX_ARG_STRLEN ? -E2BIG : grow_strings(bprm, len);

	if (err)
		return err;
	memcpy(bprm->strings + bprm->strings_len, str, len);
	bprm->strings_len += len;
	return 0;
}

/* Append the strings of a guest NULL-terminated vector; returns the count. */
static int add_user_strings(struct linux_binprm *bprm, unsigned long uvec)
{
	unsigned long ptr;
	int n = 0, err;
	long len;

	if (!uvec)
		return 0;
	for (;; n++) {
		if (get_user(ptr, uvec + n * sizeof(long)))
			return -EFAULT;
		if (!ptr)
			return n;
		for (;;) {
			size_t room;

			err = grow_strings(bprm, 1);
			if (err)
				return err;
			room = min(bprm->strings_cap - bprm->strings_len,
				   (size_t)MAX_ARG_STRLEN);
			len = strncpy_from_user(bprm->strings + bprm->strings_len,
						ptr, room);
			if (len >= 0)
				break;
			if (len != -ENAMETOOLONG)
				return len;
			if (room == MAX_ARG_STRLEN)
				return -E2BIG;	/* one string too long */
			err = grow_strings(bprm, room + 1);
			if (err)
				return err;
		}
		bprm->strings_len += len + 1;
	}
}

void would_dump(struct linux_binprm *bprm, struct file *file)
{
	if (inode_permission(file->inode, MAY_READ))
		bprm->nondump = true;
}

static int open_exec(struct linux_binprm *bprm, const char *name)
{
	struct file *f = file_open_lookup(bprm->dfd, name,
					  O_RDONLY | __FMODE_EXEC |
						  bprm->open_flags,
					  0, bprm->lookup);
	ssize_t n;

	/* Only the program itself comes from execveat's directory. */
	bprm->dfd = AT_FDCWD;
	bprm->lookup = 0;
	bprm->open_flags = 0;

	if (IS_ERR(f))
		return PTR_ERR(f);
	if (!S_ISREG(f->inode->mode) || inode_permission(f->inode, MAY_EXEC) ||
	    (f->path.mnt && (f->path.mnt->flags & MS_NOEXEC))) {
		fput(f);
		return -EACCES;
	}
	n = deny_write_access(f);
	if (n) {
		fput(f);
		return n;
	}
	would_dump(bprm, f);
	memset(bprm->buf, 0, sizeof(bprm->buf));
	n = kernel_read(f, bprm->buf, sizeof(bprm->buf) - 1, 0);
	if (n < 0) {
		allow_write_access(f);
		fput(f);
		return n;
	}
	put_exec_file(bprm->file);
	bprm->file = f;
	return 0;
}

/*
 * "#!interp [arg]": argv becomes interp [arg] script argv[1..].  Returns
 * the interpreter's path in *interp (pointing into bprm->buf).
 */
static int parse_script(struct linux_binprm *bprm, const char *script,
			char **interp)
{
	char *p = bprm->buf + 2, *end, *arg = NULL, *rest;
	size_t first, rest_len;
	int err;

	end = strchr(p, '\n');
	if (!end)
		return -ENOEXEC;
	*end = '\0';
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p)
		return -ENOEXEC;
	*interp = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	if (*p) {
		*p++ = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		/* Linux passes the rest as one argument, trailing blanks cut. */
		end = p + strlen(p);
		while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		if (*p)
			arg = p;
	}

	/* Replace argv[0] by interp [arg] script. */
	first = bprm->argc ? strlen(bprm->strings) + 1 : 0;
	rest_len = bprm->strings_len - first;
	rest = kmalloc(rest_len + 1, GFP_KERNEL);
	if (!rest)
		return -ENOMEM;
	memcpy(rest, bprm->strings + first, rest_len);
	bprm->strings_len = 0;
	err = add_kernel_string(bprm, *interp);
	if (!err && arg)
		err = add_kernel_string(bprm, arg);
	if (!err)
		err = add_kernel_string(bprm, script);
	if (!err)
		err = grow_strings(bprm, rest_len);
	if (!err) {
		memcpy(bprm->strings + bprm->strings_len, rest, rest_len);
		bprm->strings_len += rest_len;
		bprm->argc += (arg ? 2 : 1) + (bprm->argc ? 0 : 1);
	}
	kfree(rest);
	return err;
}

/* Find and load the program; bprm->mm holds it on success. */
/*
 * The new program's ids, as Linux's bprm_fill_uid and
 * cap_bprm_creds_from_file: a set-user-ID file runs with its owner as
 * the effective (and saved, and file-system) uid, a set-group-ID one
 * (with group execute) with its group; not on a nosuid mount, and not
 * after PR_SET_NO_NEW_PRIVS.  The saved ids are the effective ones after
 * any exec.  Such a program gets AT_SECURE, which makes glibc ignore
 * LD_PRELOAD and the like.
 */
static void bprm_fill_cred(struct linux_binprm *bprm)
{
	struct inode *inode = bprm->file->inode;
	struct vfsmount *mnt = bprm->file->path.mnt;
	struct cred *c = &bprm->cred;

	*c = current->cred;
	if (!(mnt && (mnt->flags & MS_NOSUID)) && !current->no_new_privs) {
		if (inode->mode & S_ISUID)
			c->euid = inode->uid;
		if ((inode->mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
			c->egid = inode->gid;
	}
	c->suid = c->fsuid = c->euid;
	c->sgid = c->fsgid = c->egid;
	cap_bprm_apply(c);
	bprm->secure = c->euid != c->uid || c->egid != c->gid;
}

/*
 * Open the program, and its interpreters in turn.  The first is opened by
 * the name execve was given, relative to execveat's directory; scripts
 * are told its filename (a /dev/fd path for one under a descriptor).
 */
static int bprm_load(struct linux_binprm *bprm, const char *open_name)
{
	const char *name = bprm->filename;
	char *interp;
	int err;

	for (;;) {
		err = open_exec(bprm, open_name);
		if (err)
			return err;
		if (bprm->buf[0] != '#' || bprm->buf[1] != '!') {
			bprm_fill_cred(bprm);
			return load_elf_binary(bprm);
		}
		if (++bprm->depth > MAX_SCRIPT_DEPTH)
			return -ELOOP;
		/* Its interpreter could not open a close-on-exec /dev/fd/N. */
		if (bprm->path_inaccessible)
			return -ENOENT;
		err = parse_script(bprm, name, &interp);
		if (err)
			return err;
		name = bprm->strings;	/* the interpreter, now argv[0] */
		open_name = name;
	}
}

static const char *basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Past the point of no return: the new program replaces the old. */
static void exec_commit(struct linux_binprm *bprm)
{
	struct task_struct *t = current;
	struct mm_struct *old = t->mm;
	struct pt_regs *regs = &t->thread.regs;

	futex_exit_release(t);	/* on the old memory, as Linux */
	t->rseq = 0;		/* the new program registers its own */
	t->rseq_pending = false;
	t->cred = bprm->cred;
	t->keepcaps = false;
	if (bprm->secure) {
		/* No core of a set-ID program, no signal planted before. */
		bprm->mm->dumpable = 0;
		t->pdeath_signal = 0;
	}
	/* Nor of one the caller could not read (suid_dumpable is 0). */
	if (bprm->nondump)
		bprm->mm->dumpable = 0;
	if (old)
		arch_thread_exit(t);
	t->mm = bprm->mm;
	bprm->mm = NULL;
	if (old)
		mmput(old);
	prefault_mm(t->mm);
	exec_mm_release(t);
	close_on_exec(t->files);
	exit_itimers(t->signal);	/* POSIX timers do not survive exec */
	flush_signal_handlers(t);
	/* As Linux 6.14 on: fexecve's program is named by its file. */
	set_task_comm(t, bprm->comm_from_file ? bprm->file->path.dentry->name
					      : basename(bprm->filename));

	memset(regs, 0, sizeof(*regs));
	regs->ip = bprm->entry;
	regs->sp = bprm->sp;
	regs->cs = USER_CS;
	regs->ss = USER_DS;
	regs->flags = X86_EFLAGS_IF | X86_EFLAGS_FIXED;
	arch_xstate_reset(t);
}

/*
 * A thread that execs takes the place of its group's leader, a zombie by
 * now: its pid, parent, children and start time.  The leader goes, with
 * the thread's old tid.
 */
static void become_leader(struct task_struct *t)
{
	struct task_struct *old = t->group_leader, *p;
	int tid = t->pid;

	t->pid = old->pid;
	old->pid = tid;
	t->group_leader = t;
	t->signal->leader = t;
	t->parent = old->parent;
	t->exit_signal = old->exit_signal;
	t->start_time_ns = old->start_time_ns;
	list_del_init(&t->thread_node);
	list_replace_init(&old->sibling, &t->sibling);
	list_splice_tail_init(&old->children, &t->children);
	list_for_each_entry(p, &task_list, tasks)
		if (p->parent == old)
			p->parent = t;
	pidfd_new_leader(old, t);
	old->exit_state = EXIT_DEAD;
	release_task(old);
}

/*
 * The new program runs alone: every other thread of the group is killed,
 * and a thread that is not the leader takes the leader's place and pid,
 * as Linux's de_thread does.  Fails only when the group is being killed.
 */
static int de_thread(struct task_struct *t)
{
	struct signal_struct *sig = t->signal;

	if (sig->live == 1 && t->group_leader == t)
		return 0;
	if ((sig->flags & SIGNAL_GROUP_EXIT) || sig->group_exec_task)
		return -EAGAIN;
	sig->group_exec_task = t;
	zap_other_threads(t);
	while (sig->live > 1 && !fatal_signal_pending(t)) {
		set_current_state(TASK_KILLABLE);
		if (sig->live > 1 && !fatal_signal_pending(t))
			schedule();
	}
	set_current_state(TASK_RUNNING);
	sig->group_exec_task = NULL;
	if (fatal_signal_pending(t))
		return -EAGAIN;	/* killed meanwhile: dies on its way out */
	if (t->group_leader == t)
		return 0;

	become_leader(t);
	return 0;
}

static int bprm_execve(struct linux_binprm *bprm)
{
	/* The pointers to the strings go on the stack too. */
	size_t ptrs = (max(bprm->argc, 1) + bprm->envc) * sizeof(void *);
	int err = bprm->strings_len + ptrs > arg_limit()
			  ? -E2BIG
			  : bprm_load(bprm, bprm->open_name ?: bprm->filename);

	if (!err)
		err = de_thread(current);
	/* Close-on-exec must not close another process's descriptors. */
	if (!err)
		err = unshare_files(current);
	if (!err)
		exec_commit(bprm);
	if (bprm->mm)		/* loaded, but the caller could not let go */
		mmput(bprm->mm);
	put_exec_file(bprm->file);
	kfree(bprm->strings);
	return err;
}

int do_execve(const char *filename, char *const *kargv, char *const *kenvp)
{
	struct linux_binprm bprm = { .filename = filename, .dfd = AT_FDCWD };
	int err = 0;

	for (; !err && kargv && *kargv; kargv++, bprm.argc++)
		err = add_kernel_string(&bprm, *kargv);
	for (; !err && kenvp && *kenvp; kenvp++, bprm.envc++)
		err = add_kernel_string(&bprm, *kenvp);
	if (err) {
		kfree(bprm.strings);
		return err;
	}
	return bprm_execve(&bprm);
}

/*
 * The name the new program is given (AT_EXECFN, comm): the path, or for
 * a relative one under a descriptor "/dev/fd/N[/path]", as Linux's
 * alloc_bprm; NULL without memory.
 */
static char *exec_filename(int dfd, const char *name)
{
	size_t len = strlen(name) + 32;
	char *s = kmalloc(len, GFP_KERNEL);

	if (!s)
		return NULL;
	if (name[0] == '/' || dfd == AT_FDCWD)
		scnprintf(s, len, "%s", name);
	else
		scnprintf(s, len, *name ? "/dev/fd/%d/%s" : "/dev/fd/%d", dfd,
			  name);
	return s;
}

static long execveat(int dfd, unsigned long uname, unsigned long uargv,
		     unsigned long uenvp, int flags)
{
	struct linux_binprm bprm = { .dfd = dfd };
	char *name, *filename;
	int n;
	long err;

	name = getname(uname);
	if (IS_ERR(name))
		return PTR_ERR(name);
	/* As Linux: the name first (getname_uflags), then the flags. */
	err = !*name && !(flags & AT_EMPTY_PATH) ? -ENOENT
	      : flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW) ? -EINVAL
								: 0;
	if (err) {
		kfree(name);
		return err;
	}
	filename = exec_filename(dfd, name);
	if (!filename) {
		kfree(name);
		return -ENOMEM;
	}
	if (flags & AT_EMPTY_PATH)
		bprm.lookup = LOOKUP_EMPTY;
	if (flags & AT_SYMLINK_NOFOLLOW)
		bprm.open_flags = O_NOFOLLOW;
	bprm.comm_from_file = !*name && (flags & AT_EMPTY_PATH);
	bprm.path_inaccessible = name[0] != '/' && dfd != AT_FDCWD &&
				 dfd >= 0 &&
				 (unsigned int)dfd < current->files->max_fds &&
				 fd_close_on_exec(current->files, dfd);
	bprm.filename = filename;
	bprm.open_name = name;
	n = add_user_strings(&bprm, uargv);
	/*
	 * As Linux 5.18 on: an empty argv gets "" as argv[0], so that a
	 * program reading from argv[1] does not walk into envp.
	 */
	if (n == 0)
		n = add_kernel_string(&bprm, "") ?: 1;
	if (n >= 0) {
		bprm.argc = n;
		n = add_user_strings(&bprm, uenvp);
	}
	if (n < 0) {
		kfree(bprm.strings);
		kfree(filename);
		kfree(name);
		return n;
	}
	bprm.envc = n;
	err = bprm_execve(&bprm);
	kfree(filename);
	kfree(name);
	return err;
}

SYSCALL_DEFINE(execve, unsigned long uname, unsigned long uargv, unsigned long uenvp)
{
	return execveat(AT_FDCWD, uname, uargv, uenvp, 0);
}

SYSCALL_DEFINE(execveat, int dfd, unsigned long uname, unsigned long uargv,
		  unsigned long uenvp, int flags)
{
	return execveat(dfd, uname, uargv, uenvp, flags);
}
