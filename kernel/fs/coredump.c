// SPDX-License-Identifier: GPL-2.0-only
/*
 * Core dumps, as Linux's fs/coredump.c: the thread that takes a "core"
 * signal stops its group (the other threads park in do_exit), names the
 * file from core_pattern, creates it in its working directory and hands
 * it to the ELF writer (exec/binfmt_elf_core.c).  A pattern starting with
 * '|' would pipe the core to a helper program; tamu runs no helpers, so
 * such a dump fails, as Linux's does when the helper cannot start.
 */
#include "um/arch.h"
#include "tamu/coredump.h"
#include "tamu/fs.h"
#include "tamu/mm.h"
#include "tamu/namei.h"
#include "tamu/printk.h"
#include "tamu/sched.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/time.h"
#include "tamu/uaccess.h"
#include "uapi/elfcore.h"
#include "uapi/fcntl.h"
#include "uapi/resource.h"
#include "uapi/linux_limits.h"
#include "uapi/stat.h"
#include "uapi/utsname.h"

/* The pattern, with its NUL, in Linux's CORENAME_MAX_SIZE. */
char core_pattern[CORENAME_MAX_SIZE] = "core";
int core_uses_pid;

extern struct new_utsname utsname;

/* The smallest RLIMIT_CORE that dumps (Linux's ELF min_coredump). */
#define MIN_COREDUMP PAGE_SIZE

struct core_name {
	char *corename;
	size_t used, size;
	bool overflow;
};

static void cn_printf(struct core_name *cn, const char *fmt, ...)
	__printf(2, 3);

static void cn_printf(struct core_name *cn, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(cn->corename + cn->used, cn->size - cn->used, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= cn->size - cn->used) {
		cn->overflow = true;
		return;
	}
	cn->used += n;
}

/*
 * A name from outside the pattern (host name, command, program path):
 * never "." or "..", never empty, its '/' turned into '!', so that it
 * stays one path component.
 */
static void cn_esc_printf(struct core_name *cn, const char *s)
{
	size_t cur = cn->used;

	cn_printf(cn, "%s", s);
	if (cn->overflow)
		return;
	if ((cn->used - cur == 1 && cn->corename[cur] == '.') ||
	    (cn->used - cur == 2 && cn->corename[cur] == '.' &&
	     cn->corename[cur + 1] == '.'))
		cn->corename[cur] = '!';
	if (cn->used == cur)
		cn_printf(cn, "!");
	for (; cur < cn->used; cur++)
		if (cn->corename[cur] == '/')
			cn->corename[cur] = '!';
}

static void cn_print_exe_file(struct core_name *cn)
{
	struct mm_struct *mm = current->mm;
	char *buf, *path;

	if (!mm->exe_file) {
		cn_esc_printf(cn, " (path unknown)");
		return;
	}
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf) {
		cn->overflow = true;
		return;
	}
	path = d_path(&mm->exe_file->path, &current->fs->root, buf, PATH_MAX);
	if (path)
		cn_esc_printf(cn, path);
	else
		cn->overflow = true;
	kfree(buf);
}

/*
 * Expand core_pattern into cn (Linux's format_corename): 1 for a pipe,
 * 0 for a file name, -ENOMEM.  Unknown %-specifiers vanish, as on Linux.
 */
static int format_corename(struct core_name *cn, int signr,
			   unsigned long limit)
{
	const struct cred *cred = &current->cred;
	const char *pat = core_pattern;
	bool ispipe = *pat == '|';
	bool pid_in_pattern = false;

	cn->size = PATH_MAX;
	cn->used = 0;
	cn->overflow = false;
	cn->corename = kmalloc(cn->size, GFP_KERNEL);
	if (!cn->corename)
		return -ENOMEM;
	cn->corename[0] = '\0';
	if (ispipe)
		pat++;
	for (; *pat && !cn->overflow; pat++) {
		if (*pat != '%') {
			cn_printf(cn, "%c", *pat);
			continue;
		}
		switch (*++pat) {
		case '\0':
			pat--;	/* a lone '%' at the end: dropped */
			break;
		case '%':
			cn_printf(cn, "%c", '%');
			break;
		case 'p':	/* no pid namespaces: the same as %P */
			pid_in_pattern = true;
			cn_printf(cn, "%d", current->tgid);
			break;
		case 'P':
			cn_printf(cn, "%d", current->tgid);
			break;
		case 'i':
		case 'I':
			cn_printf(cn, "%d", current->pid);
			break;
		case 'u':
			cn_printf(cn, "%u", cred->uid);
			break;
		case 'g':
			cn_printf(cn, "%u", cred->gid);
			break;
		case 'd':
			cn_printf(cn, "%d", current->mm->dumpable);
			break;
		case 's':
			cn_printf(cn, "%d", signr);
			break;
		case 't':
			cn_printf(cn, "%llu", (unsigned long long)
				  (ktime_get_real_ns() / 1000000000ULL));
			break;
		case 'h':
			cn_esc_printf(cn, utsname.nodename);
			break;
		case 'e':
			cn_esc_printf(cn, current->comm);
			break;
		case 'E':
			cn_print_exe_file(cn);
			break;
		case 'c':
			cn_printf(cn, "%lu", limit);
			break;
		default:
			break;
		}
	}
	/* Backward compatibility with core_uses_pid: "core.PID". */
	if (!ispipe && !pid_in_pattern && core_uses_pid)
		cn_printf(cn, ".%d", current->tgid);
	if (cn->overflow) {
		kfree(cn->corename);
		cn->corename = NULL;
		return -ENOMEM;
	}
	return ispipe;
}

/*
 * Stop the rest of the group: each other thread gets SIGKILL and parks in
 * coredump_task_exit.  How many will, or -EAGAIN if the group is already
 * exiting or exec'ing (then no dump).
 */
static int zap_threads(struct task_struct *t, struct core_state *cs,
		       int exit_code)
{
	struct signal_struct *s = t->signal;

	if ((s->flags & SIGNAL_GROUP_EXIT) || s->group_exec_task)
		return -EAGAIN;
	s->core_state = cs;
	s->flags = (s->flags & SIGNAL_UNKILLABLE) | SIGNAL_GROUP_EXIT;
	s->group_exit_code = exit_code;
	cs->nr_threads = zap_other_threads(t);
	return cs->nr_threads;
}

static int coredump_wait(int exit_code, struct core_state *cs)
{
	int nr;

	cs->dumper.task = current;
	cs->dumper.next = NULL;
	nr = zap_threads(current, cs, exit_code);
	if (nr <= 0)
		return nr;
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (!cs->nr_threads)
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
	return nr;
}

/* The dump is over: the status says so, the parked threads go on. */
static void coredump_finish(bool core_dumped)
{
	struct signal_struct *s = current->signal;
	struct core_thread *curr, *next;
	struct task_struct *task;

	if (core_dumped && !sigismember(&current->pending.signal, SIGKILL))
		s->group_exit_code |= 0x80;
	next = s->core_state->dumper.next;
	s->core_state = NULL;
	while ((curr = next)) {
		next = curr->next;
		task = curr->task;
		curr->task = NULL;
		wake_up_process(task);
	}
}

void coredump_task_exit(struct task_struct *t)
{
	struct core_state *cs = t->signal->core_state;
	struct core_thread self;

	if (!cs || cs->dumper.task == t)
		return;
	/* The dumper reads our registers from here on: save them all. */
	if (t->mm)
		arch_xstate_save(t);
	self.task = t;
	self.next = cs->dumper.next;
	cs->dumper.next = &self;
	if (--cs->nr_threads == 0)
		wake_up_process(cs->dumper.task);
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (!self.task)
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
}

/*
 * A SIGKILL for the dumper cuts the dump short (Linux's
 * __fatal_signal_pending: the group's exit, which the dump itself set, is
 * not enough).
 */
static bool dump_interrupted(void)
{
	return sigismember(&current->pending.signal, SIGKILL);
}

static bool __dump_emit(struct coredump_params *cprm, const void *addr,
			size_t nr)
{
	ssize_t n;

	if (cprm->written + nr > cprm->limit || dump_interrupted())
		return false;
	n = kernel_write(cprm->file, addr, nr, cprm->pos);
	if (n < 0 || (size_t)n != nr)
		return false;
	cprm->written += n;
	cprm->pos += n;
	return true;
}

/* Holes the file owes come first: a seek, so the file is sparse. */
bool dump_emit(struct coredump_params *cprm, const void *addr, size_t nr)
{
	if (cprm->to_skip) {
		if (dump_interrupted())
			return false;
		cprm->pos += cprm->to_skip;
		cprm->to_skip = 0;
	}
	return __dump_emit(cprm, addr, nr);
}

void dump_skip_to(struct coredump_params *cprm, u64 to)
{
	cprm->to_skip = to - cprm->pos;
}

void dump_skip(struct coredump_params *cprm, size_t nr)
{
	cprm->to_skip += nr;
}

bool dump_align(struct coredump_params *cprm, unsigned int align)
{
	u64 mod = (cprm->pos + cprm->to_skip) & (align - 1);

	if (mod)
		cprm->to_skip += align - mod;
	return true;
}

/*
 * One page of guest memory at addr, for the dump: a resident frame, or the
 * file's page of a file-backed area (read through the page tables, which
 * never faults the kernel), or NULL for a hole that reads as zeroes.
 */
static bool dump_page(struct coredump_params *cprm, struct mm_struct *mm,
		      unsigned long addr, void *bounce)
{
	struct vm_area_struct *vma;
	struct page *page;
	pte_t *pte = page_walk(mm, addr, false);
	bool ok;

	if (pte && (*pte & PTE_PRESENT)) {
		page = pte_page(*pte);
		get_page(page);
		ok = dump_emit(cprm, page_address(page), PAGE_SIZE);
		put_page(page);
		return ok;
	}
	vma = find_vma(mm, addr);
	if (vma && vma->start <= addr && vma->file &&
	    access_mm(mm, addr, bounce, PAGE_SIZE, false) == 0)
		return dump_emit(cprm, bounce, PAGE_SIZE);
	dump_skip(cprm, PAGE_SIZE);
	return true;
}

/* What one leaf page table covers: all of it absent when the table is. */
#define PT_COVERS (512 * PAGE_SIZE)

bool dump_user_range(struct coredump_params *cprm, unsigned long start,
		     unsigned long len)
{
	struct mm_struct *mm = current->mm;
	void *bounce = kmalloc(PAGE_SIZE, GFP_KERNEL);
	unsigned long addr = start, end = start + len, next;
	struct vm_area_struct *vma;
	bool ok = bounce != NULL;

	while (ok && addr < end) {
		/*
		 * A huge anonymous area with a page or two touched: where no
		 * page table exists, skip what it would cover in one step.
		 */
		vma = find_vma(mm, addr);
		if (!page_walk(mm, addr, false) &&
		    (!vma || addr < vma->start || !vma->file)) {
			next = min(ALIGN(addr + 1, PT_COVERS), end);
			dump_skip(cprm, next - addr);
			addr = next;
			continue;
		}
		ok = dump_page(cprm, mm, addr, bounce);
		addr += PAGE_SIZE;
	}
	kfree(bounce);
	return ok;
}

/* Open the core file as Linux does: never an old file, never through a link. */
static struct file *open_core_file(const char *name)
{
	struct inode *inode;
	struct file *f;

	/*
	 * An old core of ours goes first; if the name cannot be removed (not
	 * ours in a sticky directory, a directory), O_EXCL below fails.
	 */
	do_unlinkat(AT_FDCWD, name, false);
	f = file_open(AT_FDCWD, name,
		      O_CREAT | O_WRONLY | O_NOFOLLOW | O_LARGEFILE | O_EXCL,
		      0600);
	if (IS_ERR(f))
		return f;
	inode = f->inode;
	/*
	 * A file system that does not keep the owner or mode we asked for
	 * (hostfs on a host directory not ours) must not get the core.
	 */
	if (inode->nlink > 1 || f->path.dentry->unhashed ||
	    !S_ISREG(inode->mode) || inode->uid != current_fsuid() ||
	    (inode->mode & 0677) != 0600) {
		fput(f);
		return ERR_PTR(-EPERM);
	}
	return f;
}

static void note_anon_page(pte_t *pte, unsigned long addr, void *arg)
{
	if (pte_page(*pte)->flags & PG_anon)
		*(bool *)arg = true;
}

/*
 * Has the area a page of its own, not the file's (a copy-on-write copy,
 * or anonymous memory)?  What Linux knows from vma->anon_vma.
 */
static bool vma_has_anon_pages(struct mm_struct *mm,
			       struct vm_area_struct *vma)
{
	bool found = false;

	walk_range(mm, vma->start, vma->end, note_anon_page, &found);
	return found;
}

/* Linux's vma_dump_size under coredump_filter. */
static unsigned long vma_dump_size(struct mm_struct *mm,
				   struct vm_area_struct *vma,
				   unsigned long filter)
{
	unsigned long size = vma->end - vma->start;
	u32 word;

#define FILTER(type) (filter & (1UL << MMF_DUMP_##type))
	if (vma->flags & VM_DONTDUMP)
		return 0;
	if (vma->flags & VM_SHARED) {
		bool anon = !vma->file || vma->file->inode->nlink == 0;

		return (anon ? FILTER(ANON_SHARED) : FILTER(MAPPED_SHARED))
			       ? size : 0;
	}
	/* A private area once written: data, bss, relocated (RELRO) pages. */
	if (FILTER(ANON_PRIVATE) && vma_has_anon_pages(mm, vma))
		return size;
	if (!vma->file)
		return 0;
	if (FILTER(MAPPED_PRIVATE))
		return size;
	/* The first page of a program or library says what was mapped. */
	if (FILTER(ELF_HEADERS) && vma->pgoff == 0 && (vma->flags & VM_READ)) {
		if (vma->file->inode->mode & 0111)
			return PAGE_SIZE;
		if (access_mm(mm, vma->start, &word, sizeof(word), false) == 0 &&
		    !memcmp(&word, ELFMAG, SELFMAG))
			return PAGE_SIZE;
	}
#undef FILTER
	return 0;
}

/* The areas and how much of each goes in the file, before any is written. */
static bool dump_vma_snapshot(struct coredump_params *cprm)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	int i = 0;

	cprm->vma_count = 0;
	list_for_each_entry(vma, &mm->vmas, list)
		cprm->vma_count++;
	cprm->vma_meta = kcalloc(cprm->vma_count ? cprm->vma_count : 1,
				 sizeof(*cprm->vma_meta), GFP_KERNEL);
	if (!cprm->vma_meta)
		return false;
	cprm->vma_data_size = 0;
	list_for_each_entry(vma, &mm->vmas, list) {
		struct core_vma_metadata *m = &cprm->vma_meta[i++];

		m->start = vma->start;
		m->end = vma->end;
		m->flags = vma->flags;
		m->dump_size = vma_dump_size(mm, vma, cprm->mm_flags);
		cprm->vma_data_size += m->dump_size;
	}
	return true;
}

void do_coredump(const siginfo_t *siginfo)
{
	struct mm_struct *mm = current->mm;
	struct coredump_params cprm = {
		.siginfo = siginfo,
		.limit = current->signal->rlim[RLIMIT_CORE].rlim_cur,
	};
	struct core_state core_state;
	struct core_name cn = { NULL, 0, 0, false };
	bool core_dumped = false;
	int ispipe;

	if (!mm || !mm->dumpable)
		return;
	cprm.mm_flags = mm->coredump_filter;
	if (coredump_wait(siginfo->si_signo, &core_state) < 0)
		return;

	ispipe = format_corename(&cn, siginfo->si_signo, cprm.limit);
	/* No helper programs in tamu: a piped dump fails (see above). */
	if (ispipe != 0 || cprm.limit < MIN_COREDUMP)
		goto fail_unlock;
	cprm.file = open_core_file(cn.corename);
	if (IS_ERR(cprm.file)) {
		cprm.file = NULL;
		goto fail_unlock;
	}
	if (!dump_interrupted() && dump_vma_snapshot(&cprm)) {
		core_dumped = elf_core_dump(&cprm);
		/* A hole at the end still counts in the size gdb checks. */
		if (cprm.to_skip) {
			cprm.to_skip--;
			dump_emit(&cprm, "", 1);
		}
	}
	kfree(cprm.vma_meta);
	fput(cprm.file);
fail_unlock:
	kfree(cn.corename);
	coredump_finish(core_dumped);
}
