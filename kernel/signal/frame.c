// SPDX-License-Identifier: GPL-2.0-only
/*
 * Signal frames on the guest stack, laid out exactly as Linux x86-64 does
 * (struct rt_sigframe with the XSAVE area above it), rt_sigreturn, and the
 * restart of system calls a signal interrupted.
 */
#include "tamu/syscall.h"
#include "um/arch.h"
#include "tamu/mm.h"
#include "tamu/proc.h"
#include "tamu/signal.h"
#include "tamu/slab.h"
#include "tamu/string.h"
#include "tamu/uaccess.h"
#include "uapi/sigframe.h"
#include "uapi/unistd.h"

#define RED_ZONE 128

static bool on_sig_stack(struct task_struct *t, unsigned long sp)
{
	return t->sas_ss_size && sp - t->sas_ss_sp < t->sas_ss_size;
}

/* Where the frame and the FPU state go: 0 when there is no room. */
/*
 * The XSAVE part of a frame: without dynamic features, unless the process
 * was granted them (then all of it, as Linux does).
 */
static unsigned int frame_xstate_size(struct task_struct *t)
{
	return t->mm && t->mm->xfeatures_granted ? arch_xstate_size
						 : arch_sigframe_xstate_size;
}

static u64 frame_xfeatures(struct task_struct *t)
{
	return arch_xfeatures() | (t->mm ? t->mm->xfeatures_granted : 0);
}

static unsigned long frame_sp(struct task_struct *t,
			      struct kernel_sigaction *ka,
			      unsigned long *fpstate)
{
	unsigned long sp = t->thread.regs.sp - RED_ZONE;

	if ((ka->sa_flags & SA_ONSTACK) && t->sas_ss_size &&
	    !on_sig_stack(t, sp))
		sp = t->sas_ss_sp + t->sas_ss_size;
	sp = ALIGN_DOWN(sp - frame_xstate_size(t) - FP_XSTATE_MAGIC2_SIZE, 64UL);
	*fpstate = sp;
	sp = ALIGN_DOWN(sp - sizeof(struct rt_sigframe), 16UL) - 8;
	return sp;
}

static void regs_to_sigcontext(const struct pt_regs *r, struct sigcontext *sc)
{
	sc->r8 = r->r8;
	sc->r9 = r->r9;
	sc->r10 = r->r10;
	sc->r11 = r->r11;
	sc->r12 = r->r12;
	sc->r13 = r->r13;
	sc->r14 = r->r14;
	sc->r15 = r->r15;
	sc->rdi = r->di;
	sc->rsi = r->si;
	sc->rbp = r->bp;
	sc->rbx = r->bx;
	sc->rdx = r->dx;
	sc->rax = r->ax;
	sc->rcx = r->cx;
	sc->rsp = r->sp;
	sc->rip = r->ip;
	sc->eflags = r->flags;
	sc->cs = USER_CS;
	sc->ss = USER_DS;
}

static void sigcontext_to_regs(const struct sigcontext *sc, struct pt_regs *r)
{
	r->r8 = sc->r8;
	r->r9 = sc->r9;
	r->r10 = sc->r10;
	r->r11 = sc->r11;
	r->r12 = sc->r12;
	r->r13 = sc->r13;
	r->r14 = sc->r14;
	r->r15 = sc->r15;
	r->di = sc->rdi;
	r->si = sc->rsi;
	r->bp = sc->rbp;
	r->bx = sc->rbx;
	r->dx = sc->rdx;
	r->ax = sc->rax;
	r->cx = sc->rcx;
	r->sp = sc->rsp;
	r->ip = sc->rip;
	/* The guest may change the arithmetic flags, not IF or IOPL. */
	r->flags = (r->flags & ~0x40dd5UL) | (sc->eflags & 0x40dd5UL);
	r->cs = USER_CS;
	r->ss = USER_DS;
}

/*
 * The XSAVE area with the software bytes that say what it holds: the
 * frame's part of it (no dynamic features), as Linux writes it for a task
 * that has not asked for them.
 */
static int save_fpstate(struct task_struct *t, unsigned long at)
{
	struct xregs_state *x = t->thread.xstate;
	unsigned int size = frame_xstate_size(t);
	u32 magic2 = FP_XSTATE_MAGIC2;
	u64 features = x->header.xfeatures;
	int err = arch_xstate_save(t);

	if (err)
		return err;
	x->i387.sw_reserved = (struct fpx_sw_bytes){
		.magic1 = FP_XSTATE_MAGIC1,
		.extended_size = size + FP_XSTATE_MAGIC2_SIZE,
		.xfeatures = frame_xfeatures(t),
		.xstate_size = size,
	};
	x->header.xfeatures &= frame_xfeatures(t);
	err = copy_to_user(at, x, size) ||
	      copy_to_user(at + size, &magic2, sizeof(magic2));
	x->header.xfeatures = features;
	return err ? -EFAULT : 0;
}

int setup_rt_frame(int sig, struct kernel_sigaction *ka, siginfo_t *info)
{
	struct task_struct *t = current;
	struct pt_regs *r = &t->thread.regs;
	struct rt_sigframe frame;
	unsigned long sp, fp;

	/* x86-64 returns from handlers only through the C library's stub. */
	if (!(ka->sa_flags & SA_RESTORER))
		return -EFAULT;
	sp = frame_sp(t, ka, &fp);
	if (save_fpstate(t, fp))
		return -EFAULT;
	memset(&frame, 0, sizeof(frame));
	frame.pretcode = ka->sa_restorer;
	frame.uc.uc_flags = UC_FP_XSTATE | UC_SIGCONTEXT_SS |
			    UC_STRICT_RESTORE_SS;
	/* As Linux saves it: the settings, not whether we are on it. */
	frame.uc.uc_stack.ss_sp = t->sas_ss_sp;
	frame.uc.uc_stack.ss_size = t->sas_ss_size;
	frame.uc.uc_stack.ss_flags = (t->sas_ss_size ? 0 : SS_DISABLE) |
				     (t->sas_ss_flags & SS_FLAG_BITS);
	regs_to_sigcontext(r, &frame.uc.uc_mcontext);
	/* In sigsuspend or ppoll, the mask to go back to is the saved one. */
	frame.uc.uc_sigmask = t->restore_sigmask ? t->saved_sigmask
						 : t->blocked;
	frame.uc.uc_mcontext.oldmask = frame.uc.uc_sigmask.sig[0];
	frame.uc.uc_mcontext.fpstate = fp;
	frame.uc.uc_mcontext.trapno = t->thread.trap_nr;
	frame.uc.uc_mcontext.err = t->thread.error_code;
	frame.uc.uc_mcontext.cr2 = t->thread.cr2;
	frame.info = *info;
	if (copy_to_user(sp, &frame, sizeof(frame)))
		return -EFAULT;
	/* SS_AUTODISARM: off while the handler runs, back at sigreturn. */
	if (t->sas_ss_flags & SS_AUTODISARM) {
		t->sas_ss_sp = t->sas_ss_size = 0;
		t->sas_ss_flags = SS_DISABLE;
	}

	r->di = sig;
	r->si = sp + offsetof(struct rt_sigframe, info);
	r->dx = sp + offsetof(struct rt_sigframe, uc);
	r->ax = 0;
	r->sp = sp;
	r->ip = ka->sa_handler;
	r->flags &= ~(0x100UL | 0x400UL);	/* TF, DF */
	r->cs = USER_CS;
	r->ss = USER_DS;
	return 0;
}

static int restore_fpstate(struct task_struct *t, unsigned long at)
{
	struct fxregs_state fx;
	int err;

	if (!at) {
		arch_xstate_reset(t);
		return 0;
	}
	if (copy_from_user(&fx, at, sizeof(fx)))
		return -EFAULT;
	err = arch_xstate_save(t);
	if (err)
		return err;
	if (fx.sw_reserved.magic1 == FP_XSTATE_MAGIC1 &&
	    fx.sw_reserved.xstate_size == frame_xstate_size(t)) {
		if (copy_from_user(t->thread.xstate, at, frame_xstate_size(t)))
			return -EFAULT;
	} else {
		/* Only the legacy area is there: keep the rest as it was. */
		memcpy(t->thread.xstate, &fx, sizeof(fx));
	}
	/* A header the CPU would refuse must not reach the host. */
	((struct xregs_state *)t->thread.xstate)->header.xcomp_bv = 0;
	((struct xregs_state *)t->thread.xstate)->header.xfeatures &=
		frame_xfeatures(t);
	memset(((struct xregs_state *)t->thread.xstate)->header.reserved, 0,
	       sizeof(((struct xregs_state *)0)->header.reserved));
	((struct fxregs_state *)t->thread.xstate)->mxcsr &= 0xffff;
	arch_xstate_changed(t);
	return 0;
}

/* sigaltstack() with the frame's uc_stack; errors are ignored, as on Linux. */
static void restore_altstack(struct task_struct *t, const stack_t *ss)
{
	if (on_sig_stack(t, t->thread.regs.sp))
		return;
	switch (ss->ss_flags & ~SS_FLAG_BITS) {
	case SS_DISABLE:
		t->sas_ss_sp = t->sas_ss_size = 0;
		break;
	case 0:
	case SS_ONSTACK:
		if (ss->ss_size < arch_min_sigstack())
			return;
		t->sas_ss_sp = ss->ss_sp;
		t->sas_ss_size = ss->ss_size;
		break;
	default:
		return;
	}
	t->sas_ss_flags = ss->ss_flags & SS_FLAG_BITS;
}

SYSCALL_DEFINE(rt_sigreturn, void)
{
	struct task_struct *t = current;
	struct pt_regs *r = &t->thread.regs;
	struct rt_sigframe frame;
	unsigned long sp = r->sp - 8;	/* the handler's ret took pretcode */

	if (copy_from_user(&frame, sp, sizeof(frame)))
		goto bad;
	sigcontext_to_regs(&frame.uc.uc_mcontext, r);
	t->blocked = frame.uc.uc_sigmask;
	t->blocked.sig[0] &= ~(sigmask(SIGKILL) | sigmask(SIGSTOP));
	if (restore_fpstate(t, frame.uc.uc_mcontext.fpstate))
		goto bad;
	restore_altstack(t, &frame.uc.uc_stack);
	r->orig_ax = -1;	/* not a system call any more: no restart */
	return r->ax;
bad:
	force_sig(SIGSEGV, t);
	return 0;
}

/*
 * A system call that a signal interrupted returns one of the ERESTART
 * codes.  With a handler about to run, it fails with EINTR or is restarted
 * as SA_RESTART says; without one, it is restarted.
 */
void syscall_restart_before_delivery(struct kernel_sigaction *ka,
				     bool handler)
{
	struct pt_regs *r = &current->thread.regs;
	long ret = r->ax;

	if ((long)r->orig_ax < 0)
		return;
	switch (ret) {
	case -ERESTARTNOHAND:
		if (handler) {
			r->ax = -EINTR;
			break;
		}
		goto restart;
	case -ERESTARTSYS:
		if (handler && !(ka->sa_flags & SA_RESTART)) {
			r->ax = -EINTR;
			break;
		}
		goto restart;
	case -ERESTARTNOINTR:
		goto restart;
	case -ERESTART_RESTARTBLOCK:
		if (handler) {
			r->ax = -EINTR;
			break;
		}
		r->ax = __NR_restart_syscall;
		r->ip -= 2;
		break;
	}
	r->orig_ax = -1;
	return;
restart:
	r->ax = r->orig_ax;
	r->ip -= 2;
	r->orig_ax = -1;
}
