// SPDX-License-Identifier: GPL-2.0-only
/*
 * skas, host side: creating the guest host processes, tracing them with
 * PTRACE_SYSEMU, running their stub.  Each process starts as a clone of
 * the kernel, maps the stub pages, then (in the stub) unmaps everything
 * else and traps: from then on it holds only guest memory and the stub.
 */
#include <elf.h>
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/rseq.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "host/process.h"
#include "skas_host.h"
#include "um/stub.h"
#include "um/vsyscall.h"
#include "tamu/stats.h"

_Static_assert(sizeof(struct pt_regs) == sizeof(struct user_regs_struct),
	       "pt_regs is the host's user_regs_struct");

#define PAGE 4096UL

static int physmem_fd;
static u64 stub_code_phys;

/* What the new process needs before it can drop the kernel's memory. */
struct child_args {
	int go_fd;		/* readable once the kernel traces us */
	int physmem_fd;
	u64 data_phys;
};

/* The clone's stack: its own private copy, used until it enters the stub. */
static char child_stack[16384] __attribute__((aligned(16)));

/*
 * The C library registered rseq for the kernel's thread, and the clone
 * inherited it: once the stub unmaps the kernel's memory the host could no
 * longer update it and would kill the process.  Unregistering needs the
 * length it was registered with, which __rseq_size does not always tell
 * (glibc 2.36 registers 32 bytes and says 20), so try the likely ones.
 */
static void unregister_rseq(void)
{
	unsigned int lens[] = { __rseq_size, 32, 64, 128, 256 };
	char *area = (char *)__builtin_thread_pointer() + __rseq_offset;
	size_t i;

	if (!__rseq_size)
		return;
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++)
		if (!syscall(SYS_rseq, area, lens[i], RSEQ_FLAG_UNREGISTER,
			     RSEQ_SIG))
			return;
}

/* Runs in the new process; never returns. */
static int child_main(void *p)
{
	struct child_args *a = p;
	unsigned long entry = STUB_CODE + (stub_init - __stub_start);
	sigset_t none;
	char c;
	int sig;

	if (read(a->go_fd, &c, 1) != 1)
		_exit(1);
	/*
	 * Leave the kernel's session: the host terminal sends its signals
	 * (SIGWINCH on a resize, SIGHUP on a hangup, ...) to its foreground
	 * process group, and a traced process that gets one stops with it
	 * where the kernel expects its own stops.  The kernel alone hears them.
	 */
	setsid();
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	unregister_rseq();
	/* A host that refuses it answers vsyscalls itself (docs/modes.md). */
	host_trap_vsyscalls();
	for (sig = 1; sig < NSIG; sig++)
		signal(sig, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	/* Keep only the physical-memory file. */
	if (a->physmem_fd > 0)
		syscall(SYS_close_range, 0, a->physmem_fd - 1, 0);
	syscall(SYS_close_range, a->physmem_fd + 1, ~0U, 0);
	if (mmap((void *)STUB_CODE, PAGE, PROT_READ | PROT_EXEC,
		 MAP_SHARED | MAP_FIXED, a->physmem_fd,
		 stub_code_phys) == MAP_FAILED ||
	    mmap((void *)STUB_DATA, STUB_DATA_PAGES * PAGE,
		 PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, a->physmem_fd,
		 a->data_phys) == MAP_FAILED)
		_exit(2);
	__asm__ volatile("movq %0, %%rsp\n\tjmp *%1" ::"r"(STUB_END),
			 "r"(entry)
			 : "memory");
	__builtin_unreachable();
}

int skas_host_init(int fd, u64 code_phys)
{
	physmem_fd = fd;
	stub_code_phys = code_phys;
	/* Every round trip is a wake-up of the other side: keep both here. */
	host_pin_to_cpu();
	return 0;
}

/*
 * Wait for pid to stop; the wait status or -errno.  While guest code runs
 * (guest), a host event interrupts it, so the kernel can act.
 */
static int wait_stop(int pid, bool guest)
{
	bool interrupted = false;
	int status;

	for (;;) {
		stat_inc(STAT_host_waits);
		if (waitpid(pid, &status, __WALL) == pid) {
			stat_inc(STAT_tracer_stops);
			return status;
		}
		if (errno != EINTR)
			return -errno;
		if (guest && !interrupted && arch_irqs_pending()) {
			stat_inc(STAT_ptrace_interrupt);
			ptrace(PTRACE_INTERRUPT, pid, 0, 0);
			interrupted = true;
		}
	}
}

static void reap(int pid)
{
	kill(pid, SIGKILL);
	while (waitpid(pid, NULL, __WALL) < 0 && errno == EINTR)
		;
}

int skas_host_new_process(u64 data_phys)
{
	struct child_args args = {
		.physmem_fd = physmem_fd,
		.data_phys = data_phys,
	};
	int go[2], pid, status, err;

	if (pipe(go) < 0)
		return -errno;
	args.go_fd = go[0];
	pid = clone(child_main, child_stack + sizeof(child_stack), SIGCHLD,
		    &args);
	close(go[0]);
	if (pid < 0) {
		err = -errno;
		close(go[1]);
		return err;
	}
	stat_inc(STAT_ptrace_other);
	if (ptrace(PTRACE_SEIZE, pid, 0,
		   PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL |
			   PTRACE_O_TRACEFORK) < 0) {
		err = -errno;
		close(go[1]);
		reap(pid);
		return err;
	}
	err = write(go[1], "g", 1) == 1 ? 0 : -EIO;
	close(go[1]);
	status = wait_stop(pid, false);
	if (!err && (status < 0 || !WIFSTOPPED(status) ||
		     WSTOPSIG(status) != SIGTRAP))
		err = -EIO;
	if (err) {
		reap(pid);
		return err;
	}
	return pid;
}

/* Set pid's registers to run the stub at entry, with nothing else. */
static int stub_regs(int pid, const char *entry)
{
	struct user_regs_struct regs = { 0 };

	regs.rip = STUB_CODE + (entry - __stub_start);
	regs.rsp = STUB_END;
	regs.cs = USER_CS;
	regs.ss = USER_DS;
	regs.eflags = X86_EFLAGS_FIXED | X86_EFLAGS_IF;
	stat_inc(STAT_ptrace_setregs);
	return ptrace(PTRACE_SETREGS, pid, 0, &regs) < 0 ? -errno : 0;
}

/* The last stop a stub run did not expect, for skas_host_last_error(). */
static struct {
	int status;
	unsigned long rip;
} unexpected;

static int unexpected_stop(int pid, int status)
{
	struct user_regs_struct regs;

	unexpected.status = status;
	unexpected.rip = 0;
	if (WIFSTOPPED(status) && ptrace(PTRACE_GETREGS, pid, 0, &regs) == 0)
		unexpected.rip = regs.rip;
	return -EIO;
}

void skas_host_last_error(int *status, unsigned long *rip)
{
	*status = unexpected.status;
	*rip = unexpected.rip;
}

/*
 * Guest code that faults just as the tick's PTRACE_INTERRUPT arrives stops
 * for the interrupt first, its SIGSEGV still pending: the stub's next run
 * would stop for it.  Such a signal is dropped (resuming with signal 0);
 * the guest instruction faults again when it runs again.  A few at most:
 * a stub that faults itself keeps faulting.
 */
#define MAX_STALE_SIGNALS 4

/* Resume pid and wait for a stop with this event (0: the stub's int3). */
static int cont_until(int pid, int event)
{
	int status, stale = 0;

	for (;;) {
		stat_inc(STAT_ptrace_cont);
		if (ptrace(PTRACE_CONT, pid, 0, 0) < 0)
			return -errno;
		status = wait_stop(pid, false);
		if (status < 0)
			return status;
		if (!WIFSTOPPED(status))
			return unexpected_stop(pid, status);
		if (status >> 16 == event) {
			if (event || WSTOPSIG(status) == SIGTRAP)
				return 0;
			if (++stale > MAX_STALE_SIGNALS)
				return unexpected_stop(pid, status);
			continue;
		}
		/* A stale PTRACE_INTERRUPT: go on. */
		if (status >> 16 != PTRACE_EVENT_STOP)
			return unexpected_stop(pid, status);
	}
}

int skas_host_clone(int template)
{
	unsigned long child;
	int err, status;

	err = stub_regs(template, stub_clone);
	if (!err)
		err = cont_until(template, PTRACE_EVENT_FORK);
	if (err)
		return err;
	stat_inc(STAT_ptrace_other);
	if (ptrace(PTRACE_GETEVENTMSG, template, 0, &child) < 0)
		return -errno;
	err = cont_until(template, 0);
	/* The child starts stopped, traced like its parent, and stays so. */
	status = wait_stop(child, false);
	if (!err && (status < 0 || !WIFSTOPPED(status)))
		err = -EIO;
	if (err) {
		reap(child);
		return err;
	}
	return child;
}

int skas_host_start(int pid)
{
	return cont_until(pid, 0);
}

/*
 * Killed processes are reaped later: waiting for the host to tear one down
 * would put that on every exit and exec.  waitid on each, not waitpid(-1),
 * which could take a live tracee's stop.
 */
#define MAX_DYING 64
static int dying[MAX_DYING];
static int nr_dying;

static void reap_dead(bool all)
{
	siginfo_t si;
	int i;

	for (i = 0; i < nr_dying;) {
		si.si_pid = 0;
		if (waitid(P_PID, dying[i], &si,
			   WEXITED | __WALL | (all ? 0 : WNOHANG)) == 0 &&
		    !si.si_pid) {
			i++;
			continue;
		}
		dying[i] = dying[--nr_dying];
	}
}

void skas_host_kill(int pid)
{
	kill(pid, SIGKILL);
	if (nr_dying == MAX_DYING)
		reap_dead(true);
	dying[nr_dying++] = pid;
	reap_dead(false);
}

int skas_host_run_stub(int pid)
{
	/* The guest registers are kept by the kernel: the process is ours. */
	int err = stub_regs(pid, stub_batch);

	/*
	 * A PTRACE_INTERRUPT sent while guest code ran may still be pending:
	 * its stop says SIGTRAP too, but only the int3 at the end of the
	 * batch (a signal stop, not PTRACE_EVENT_STOP) means it is done.
	 */
	return err ? err : cont_until(pid, 0);
}

static void classify_signal(int pid, int sig, struct pt_regs *regs,
			    struct trap *trap)
{
	siginfo_t si;

	trap->signo = sig;
	trap->code = 0;
	trap->addr = 0;
	stat_inc(STAT_ptrace_siginfo);
	if (ptrace(PTRACE_GETSIGINFO, pid, 0, &si) == 0) {
		trap->code = si.si_code;
		trap->addr = (unsigned long)si.si_addr;
	}
	/* A vsyscall our filter trapped: the host did its ret already. */
	if (sig == SIGSYS && trap->code == 1 /* SYS_SECCOMP */ &&
	    trap->addr >= VSYSCALL_ADDR) {
		trap->kind = TRAP_SYSCALL;
		regs->orig_ax = si.si_syscall;
		return;
	}
	/*
	 * Only a page fault is the kernel's to resolve: a general protection
	 * fault (SI_KERNEL, e.g. a privileged instruction) is the guest's.
	 */
	trap->kind = sig == SIGSEGV && (trap->code == SEGV_MAPERR ||
					trap->code == SEGV_ACCERR)
			     ? TRAP_FAULT
			     : TRAP_SIGNAL;
}

void skas_host_run(int pid, struct pt_regs *regs, struct trap *trap)
{
	int status;

	stat_inc(STAT_ptrace_setregs);
	stat_inc(STAT_ptrace_sysemu);
	if (ptrace(PTRACE_SETREGS, pid, 0, regs) < 0 ||
	    ptrace(PTRACE_SYSEMU, pid, 0, 0) < 0) {
		trap->kind = TRAP_LOST;
		return;
	}
	status = wait_stop(pid, true);
	if (status < 0 || !WIFSTOPPED(status)) {
		trap->kind = TRAP_LOST;
		return;
	}
	stat_inc(STAT_ptrace_getregs);
	ptrace(PTRACE_GETREGS, pid, 0, regs);
	if (WSTOPSIG(status) == (SIGTRAP | 0x80))
		trap->kind = TRAP_SYSCALL;
	else if (status >> 16 == PTRACE_EVENT_STOP)
		trap->kind = TRAP_INTERRUPT;
	else
		classify_signal(pid, WSTOPSIG(status), regs, trap);
}

int skas_host_xstate(int pid, void *buf, unsigned int size, bool set)
{
	struct iovec iov = { buf, size };

	stat_inc(STAT_ptrace_regset);
	return ptrace(set ? PTRACE_SETREGSET : PTRACE_GETREGSET, pid,
		      NT_X86_XSTATE, &iov) < 0
		       ? -errno
		       : 0;
}
