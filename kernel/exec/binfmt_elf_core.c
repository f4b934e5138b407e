// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ELF core file, as Linux's elf_core_dump (fs/binfmt_elf.c): the ELF
 * header, a PT_NOTE and one PT_LOAD per area, the notes, then (page
 * aligned) each area's dumped bytes.  Notes, in Linux's order: for the
 * dumping thread NT_PRSTATUS, NT_PRPSINFO, NT_SIGINFO, NT_AUXV, NT_FILE,
 * NT_PRFPREG, NT_X86_XSTATE; for each other thread its NT_PRSTATUS,
 * NT_PRFPREG, NT_X86_XSTATE; last the XSAVE layout (NT_X86_XSAVE_LAYOUT,
 * as Linux 6.5 on writes it: without it gdb misreads AVX-512 state on
 * CPUs that place it differently).
 */
#include "um/arch.h"
#include "tamu/coredump.h"
#include "tamu/fs.h"
#include "tamu/mm.h"
#include "tamu/namei.h"
#include "tamu/sched.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/elfcore.h"
#include "uapi/linux_limits.h"
#include "uapi/sigframe.h"

/* Linux's ELF_EXEC_PAGESIZE: where the memory starts in the file. */
#define ELF_EXEC_PAGESIZE 4096
/* NT_FILE's most, as Linux's MAX_FILE_NOTE_SIZE. */
#define MAX_FILE_NOTE_SIZE (4 * 1024 * 1024)
/* The XCR0 word of the XSAVE area's software bytes, as ptrace gives it. */
#define XSTATE_XCR0_OFFSET 464

struct memelfnote {
	const char *name;
	int type;
	size_t datasz;
	void *data;
};

/* Per thread: NT_PRSTATUS, NT_PRFPREG, NT_X86_XSTATE. */
#define THREAD_NOTES 3

struct elf_thread_core_info {
	struct elf_thread_core_info *next;
	struct task_struct *task;
	struct elf_prstatus prstatus;
	struct memelfnote notes[THREAD_NOTES];
	u8 *xstate;
};

struct elf_note_info {
	struct elf_thread_core_info *thread;
	struct memelfnote psinfo, signote, auxv, files, xlayout;
	struct elf_prpsinfo prpsinfo;
	siginfo_t csigdata;
	size_t size;
};

static size_t notesize(const struct memelfnote *en)
{
	return sizeof(Elf64_Nhdr) + ALIGN(strlen(en->name) + 1, 4UL) +
	       ALIGN(en->datasz, 4UL);
}

static bool writenote(const struct memelfnote *men,
		      struct coredump_params *cprm)
{
	Elf64_Nhdr en = {
		.n_namesz = strlen(men->name) + 1,
		.n_descsz = men->datasz,
		.n_type = men->type,
	};

	return dump_emit(cprm, &en, sizeof(en)) &&
	       dump_emit(cprm, men->name, en.n_namesz) &&
	       dump_align(cprm, 4) &&
	       dump_emit(cprm, men->data, men->datasz) &&
	       dump_align(cprm, 4);
}

static void fill_note(struct memelfnote *note, const char *name, int type,
		      size_t sz, void *data)
{
	note->name = name;
	note->type = type;
	note->datasz = sz;
	note->data = data;
}

static struct old_timeval ns_to_timeval(u64 ns)
{
	return (struct old_timeval){ ns / 1000000000, ns % 1000000000 / 1000 };
}

static int parent_tgid(struct task_struct *p)
{
	struct task_struct *parent = p->group_leader->parent;

	return parent ? parent->tgid : 0;
}

static void fill_prstatus(struct elf_prstatus *s, struct task_struct *p,
			  int signr)
{
	struct signal_struct *sig = p->signal;

	s->pr_info.si_signo = s->pr_cursig = signr;
	s->pr_sigpend = p->pending.signal.sig[0];
	s->pr_sighold = p->blocked.sig[0];
	s->pr_pid = p->pid;
	s->pr_ppid = parent_tgid(p);
	s->pr_pgrp = sig->pgrp;
	s->pr_sid = sig->session;
	/* The leader speaks for the group's times, as on Linux. */
	if (p == p->group_leader) {
		u64 ut = sig->utime_ns, st = sig->stime_ns;
		struct task_struct *th;

		for_each_thread(p, th) {
			ut += th->utime_ns;
			st += th->stime_ns;
		}
		s->pr_utime = ns_to_timeval(ut);
		s->pr_stime = ns_to_timeval(st);
	} else {
		s->pr_utime = ns_to_timeval(p->utime_ns);
		s->pr_stime = ns_to_timeval(p->stime_ns);
	}
	s->pr_cutime = ns_to_timeval(sig->cutime_ns);
	s->pr_cstime = ns_to_timeval(sig->cstime_ns);
	s->pr_reg = p->thread.regs;
	s->pr_fpvalid = 1;
}

/*
 * Linux's pr_state: 1 + the lowest bit of the state, 0 running.  The
 * dumper runs ('R'); a leader parked in do_exit waits uninterruptibly
 * ('D').  tamu's TASK_DEAD is Linux's bit 7.
 */
static int linux_state_index(long state)
{
	if (!state)
		return 0;
	if (state & TASK_DEAD && !(state & (TASK_DEAD - 1)))
		return 8;
	return __builtin_ctzl(state) + 1;
}

/* The process as its leader shows it, as Linux's fill_psinfo. */
static void fill_psinfo(struct elf_prpsinfo *psinfo, struct task_struct *p,
			struct mm_struct *mm)
{
	size_t len = mm->arg_end - mm->arg_start, i;
	int state = linux_state_index(p->state);

	if (len >= ELF_PRARGSZ)
		len = ELF_PRARGSZ - 1;
	if (access_mm(mm, mm->arg_start, psinfo->pr_psargs, len, false))
		len = 0;
	psinfo->pr_psargs[len] = '\0';
	for (i = 0; i < len; i++)
		if (psinfo->pr_psargs[i] == 0)
			psinfo->pr_psargs[i] = ' ';
	psinfo->pr_pid = p->tgid;
	psinfo->pr_ppid = parent_tgid(p);
	psinfo->pr_pgrp = p->signal->pgrp;
	psinfo->pr_sid = p->signal->session;
	psinfo->pr_state = state;
	psinfo->pr_sname = state > 5 ? '.' : "RSDTZW"[state];
	psinfo->pr_zomb = psinfo->pr_sname == 'Z';
	psinfo->pr_nice = p->nice;
	psinfo->pr_flag = p->flags;
	psinfo->pr_uid = p->cred.uid;
	psinfo->pr_gid = p->cred.gid;
	memcpy(psinfo->pr_fname, p->comm,
	       min(sizeof(psinfo->pr_fname), sizeof(p->comm)));
}

static void fill_auxv_note(struct memelfnote *note, struct mm_struct *mm)
{
	unsigned long *auxv = mm->saved_auxv;
	size_t i = 0;

	do
		i += 2;
	while (auxv[i - 2] != AT_NULL && i < AT_VECTOR_SIZE);
	fill_note(note, "CORE", NT_AUXV, i * sizeof(unsigned long), auxv);
}

/*
 * NT_FILE: count, page size, then start, end, file offset (in pages) for
 * each file-backed area, then their names, each with its NUL.
 */
static int fill_files_note(struct memelfnote *note,
			   struct coredump_params *cprm)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long count = 0, *data, *start_end_ofs;
	size_t size, names = 0;
	char *buf, *name_curpos, *path;

	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	list_for_each_entry(vma, &mm->vmas, list) {
		if (!vma->file)
			continue;
		path = d_path(&vma->file->path, &current->fs->root, buf,
			      PATH_MAX);
		names += path ? strlen(path) + 1 : 1;
		count++;
	}
	size = (2 + 3 * count) * sizeof(unsigned long) + names;
	if (size > MAX_FILE_NOTE_SIZE) {
		kfree(buf);
		return -E2BIG;
	}
	size = ALIGN(size, 4UL);
	data = kzalloc(size, GFP_KERNEL);
	if (!data) {
		kfree(buf);
		return -ENOMEM;
	}
	data[0] = count;
	data[1] = PAGE_SIZE;
	start_end_ofs = data + 2;
	name_curpos = (char *)(start_end_ofs + 3 * count);
	list_for_each_entry(vma, &mm->vmas, list) {
		size_t n;

		if (!vma->file)
			continue;
		path = d_path(&vma->file->path, &current->fs->root, buf,
			      PATH_MAX);
		n = path ? strlen(path) : 0;
		/* The names cannot have grown since they were counted. */
		if ((size_t)(name_curpos - (char *)data) + n + 1 > size)
			n = 0;
		memcpy(name_curpos, path, n);
		name_curpos[n] = '\0';
		name_curpos += n + 1;
		*start_end_ofs++ = vma->start;
		*start_end_ofs++ = vma->end;
		*start_end_ofs++ = vma->pgoff;
	}
	kfree(buf);
	fill_note(note, "CORE", NT_FILE, size, data);
	return 0;
}

/*
 * A thread's notes.  The FPU state is the XSAVE area, read from the host
 * process when it still lives there; NT_X86_XSTATE carries it whole, in
 * the standard form ptrace's PTRACE_GETREGSET gives.
 */
static bool fill_thread_core_info(struct elf_thread_core_info *t, int signr,
				  size_t *total)
{
	struct task_struct *p = t->task;
	struct xregs_state *x;
	int i;

	fill_prstatus(&t->prstatus, p, signr);
	fill_note(&t->notes[0], "CORE", NT_PRSTATUS, sizeof(t->prstatus),
		  &t->prstatus);
	t->xstate = kmalloc(arch_xstate_size, GFP_KERNEL);
	if (!t->xstate)
		return false;
	arch_xstate_save(p);
	memcpy(t->xstate, p->thread.xstate, arch_xstate_size);
	x = (struct xregs_state *)t->xstate;
	memset(&x->i387.sw_reserved, 0, sizeof(x->i387.sw_reserved));
	*(u64 *)(t->xstate + XSTATE_XCR0_OFFSET) =
		arch_xfeatures() | (p->mm ? p->mm->xfeatures_granted : 0);
	if (arch_xstate_size > 576)
		x->header.xcomp_bv = 0;
	fill_note(&t->notes[1], "CORE", NT_PRFPREG, ELF_FPREGSET_SIZE,
		  t->xstate);
	if (arch_xstate_size > 576)
		fill_note(&t->notes[2], "LINUX", NT_X86_XSTATE,
			  arch_xstate_size, t->xstate);
	for (i = 0; i < THREAD_NOTES; i++)
		if (t->notes[i].data)
			*total += notesize(&t->notes[i]);
	return true;
}

static struct elf_thread_core_info *new_thread_info(struct task_struct *p)
{
	struct elf_thread_core_info *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (t)
		t->task = p;
	return t;
}

static void free_note_info(struct elf_note_info *info)
{
	struct elf_thread_core_info *t = info->thread, *next;

	for (; t; t = next) {
		next = t->next;
		kfree(t->xstate);
		kfree(t);
	}
	kfree(info->files.data);
	kfree(info->xlayout.data);
}

/* Each XSAVE component past SSE that the threads' state holds. */
static void fill_xsave_layout(struct memelfnote *note, u64 xfeatures)
{
	struct x86_xfeat_component *c;
	u32 regs[4];
	int i, n = 0;

	c = kcalloc(64, sizeof(*c), GFP_KERNEL);
	if (!c)
		return;
	for (i = 2; i < 64; i++) {
		if (!(xfeatures & (1ULL << i)))
			continue;
		arch_cpuid(0xd, i, regs);
		if (!regs[0] || regs[0] + regs[1] > arch_xstate_size)
			continue;
		c[n++] = (struct x86_xfeat_component){
			.type = i, .size = regs[0], .offset = regs[1],
		};
	}
	if (!n || arch_xstate_size <= 576) {
		kfree(c);
		return;
	}
	fill_note(note, "LINUX", NT_X86_XSAVE_LAYOUT, n * sizeof(*c), c);
}

static bool fill_note_info(struct elf_note_info *info, int signr,
			   struct coredump_params *cprm)
{
	struct core_state *cs = current->signal->core_state;
	struct elf_thread_core_info *t, **tail = &info->thread;
	struct core_thread *ct;

	/* The dumping thread first: gdb takes its registers as the crash's. */
	*tail = new_thread_info(current);
	if (!*tail)
		return false;
	tail = &(*tail)->next;
	for (ct = cs ? cs->dumper.next : NULL; ct; ct = ct->next) {
		*tail = new_thread_info(ct->task);
		if (!*tail)
			return false;
		tail = &(*tail)->next;
	}
	info->size = 0;
	for (t = info->thread; t; t = t->next)
		if (!fill_thread_core_info(t, signr, &info->size))
			return false;

	fill_psinfo(&info->prpsinfo, current->group_leader, current->mm);
	fill_note(&info->psinfo, "CORE", NT_PRPSINFO, sizeof(info->prpsinfo),
		  &info->prpsinfo);
	info->size += notesize(&info->psinfo);
	info->csigdata = *cprm->siginfo;
	fill_note(&info->signote, "CORE", NT_SIGINFO, sizeof(info->csigdata),
		  &info->csigdata);
	info->size += notesize(&info->signote);
	fill_auxv_note(&info->auxv, current->mm);
	info->size += notesize(&info->auxv);
	/* Without room for the file names the core still goes out. */
	if (fill_files_note(&info->files, cprm) == 0)
		info->size += notesize(&info->files);
	fill_xsave_layout(&info->xlayout, arch_xfeatures() |
					  current->mm->xfeatures_granted);
	if (info->xlayout.data)
		info->size += notesize(&info->xlayout);
	return true;
}

static bool write_note_info(struct elf_note_info *info,
			    struct coredump_params *cprm)
{
	struct elf_thread_core_info *t = info->thread;
	bool first = true;
	int i;

	for (; t; t = t->next, first = false) {
		if (!writenote(&t->notes[0], cprm))
			return false;
		if (first && (!writenote(&info->psinfo, cprm) ||
			      !writenote(&info->signote, cprm) ||
			      !writenote(&info->auxv, cprm)))
			return false;
		if (first && info->files.data &&
		    !writenote(&info->files, cprm))
			return false;
		for (i = 1; i < THREAD_NOTES; i++)
			if (t->notes[i].data && !writenote(&t->notes[i], cprm))
				return false;
	}
	return !info->xlayout.data || writenote(&info->xlayout, cprm);
}

static void fill_elf_header(Elf64_Ehdr *elf, int segs)
{
	memset(elf, 0, sizeof(*elf));
	memcpy(elf->e_ident, ELFMAG, SELFMAG);
	elf->e_ident[EI_CLASS] = ELFCLASS64;
	elf->e_ident[EI_DATA] = ELFDATA2LSB;
	elf->e_ident[EI_VERSION] = EV_CURRENT;
	elf->e_ident[EI_OSABI] = ELFOSABI_SYSV;
	elf->e_type = ET_CORE;
	elf->e_machine = EM_X86_64;
	elf->e_version = EV_CURRENT;
	elf->e_phoff = sizeof(Elf64_Ehdr);
	elf->e_ehsize = sizeof(Elf64_Ehdr);
	elf->e_phentsize = sizeof(Elf64_Phdr);
	elf->e_phnum = segs;
}

/*
 * More program headers than e_phnum holds: it says PN_XNUM, and one
 * section header at the end of the file holds the count (Linux's
 * fill_extnum_info).
 */
static void fill_extnum_info(Elf64_Ehdr *elf, Elf64_Shdr *shdr, u64 e_shoff,
			     int segs)
{
	elf->e_shoff = e_shoff;
	elf->e_shentsize = sizeof(*shdr);
	elf->e_shnum = 1;
	elf->e_shstrndx = SHN_UNDEF;
	memset(shdr, 0, sizeof(*shdr));
	shdr->sh_type = SHT_NULL;
	shdr->sh_size = elf->e_shnum;
	shdr->sh_link = elf->e_shstrndx;
	shdr->sh_info = segs;
}

static u32 vma_phdr_flags(unsigned long vm_flags)
{
	return (vm_flags & VM_READ ? PF_R : 0) |
	       (vm_flags & VM_WRITE ? PF_W : 0) |
	       (vm_flags & VM_EXEC ? PF_X : 0);
}

bool elf_core_dump(struct coredump_params *cprm)
{
	struct elf_note_info info = { 0 };
	Elf64_Ehdr elf;
	Elf64_Phdr phdr;
	Elf64_Shdr shdr4extnum;
	u64 offset, dataoff;
	bool has_dumped = false;
	int segs = cprm->vma_count + 1, i;
	int e_phnum = segs > PN_XNUM ? PN_XNUM : segs;

	if (!fill_note_info(&info, cprm->siginfo->si_signo, cprm))
		goto end_coredump;
	/*
	 * From here the core counts as dumped (0x80 in the status) even if
	 * RLIMIT_CORE or the disk cuts it short, as on Linux.
	 */
	has_dumped = true;
	fill_elf_header(&elf, e_phnum);
	offset = sizeof(elf) + segs * sizeof(phdr);

	/* The notes' program header, then one per area. */
	phdr = (Elf64_Phdr){
		.p_type = PT_NOTE,
		.p_offset = offset,
		.p_filesz = info.size,
	};
	offset += info.size;
	dataoff = offset = ALIGN(offset, (u64)ELF_EXEC_PAGESIZE);
	if (e_phnum == PN_XNUM)
		fill_extnum_info(&elf, &shdr4extnum,
				 dataoff + cprm->vma_data_size, segs);
	if (!dump_emit(cprm, &elf, sizeof(elf)) ||
	    !dump_emit(cprm, &phdr, sizeof(phdr)))
		goto end_coredump;
	for (i = 0; i < cprm->vma_count; i++) {
		struct core_vma_metadata *m = &cprm->vma_meta[i];

		phdr = (Elf64_Phdr){
			.p_type = PT_LOAD,
			.p_offset = offset,
			.p_vaddr = m->start,
			.p_filesz = m->dump_size,
			.p_memsz = m->end - m->start,
			.p_flags = vma_phdr_flags(m->flags),
			.p_align = ELF_EXEC_PAGESIZE,
		};
		offset += phdr.p_filesz;
		if (!dump_emit(cprm, &phdr, sizeof(phdr)))
			goto end_coredump;
	}
	if (!write_note_info(&info, cprm))
		goto end_coredump;

	/* Memory, from the first page boundary after the notes. */
	dump_skip_to(cprm, dataoff);
	for (i = 0; i < cprm->vma_count; i++) {
		struct core_vma_metadata *m = &cprm->vma_meta[i];

		if (!dump_user_range(cprm, m->start, m->dump_size))
			goto end_coredump;
	}
	if (e_phnum == PN_XNUM)
		dump_emit(cprm, &shdr4extnum, sizeof(shdr4extnum));
end_coredump:
	free_note_info(&info);
	return has_dumped;
}
