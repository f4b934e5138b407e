// SPDX-License-Identifier: GPL-2.0-only
/*
 * A round-robin scheduler.  Runnable tasks wait on one queue, the running
 * one included; schedule() moves the running task to the back (or off the
 * queue if it is going to sleep) and switches to the front one.  The boot
 * context becomes the idle task, which runs when the queue is empty.
 */
#include "host/time.h"
#include "tamu/page_alloc.h"
#include "tamu/panic.h"
#include "tamu/rseq.h"
#include "tamu/sched.h"
#include "tamu/stats.h"
#include "tamu/slab.h"
#include "tamu/string.h"

/* How long a task runs before another runnable task gets the CPU. */
#define TIME_SLICE_NS SCHED_SLICE_NS

struct task_struct *current;
LIST_HEAD(task_list);
bool need_resched;
unsigned int nr_running;

static struct task_struct idle_task;
static LIST_HEAD(runqueue);
static struct kmem_cache *task_cache;
/* A task that exited; freed by the next one to run, off its stack. */
static struct task_struct *dead_task;

void set_task_comm(struct task_struct *t, const char *name)
{
	strscpy(t->comm, name, sizeof(t->comm));
}

void sched_init(void)
{
	task_cache = kmem_cache_create("task_struct",
				       sizeof(struct task_struct), 64);
	if (!task_cache)
		panic("sched_init: no memory for the task cache");
	idle_task.state = TASK_RUNNING;
	idle_task.flags = PF_KTHREAD;
	idle_task.acct_ns = host_clock_ns(HOST_CLOCK_MONOTONIC);
	INIT_LIST_HEAD(&idle_task.run_list);
	list_add_tail(&idle_task.tasks, &task_list);
	set_task_comm(&idle_task, "idle");
	current = &idle_task;
}

struct task_struct *task_create(const char *name, void (*fn)(void *),
				void *arg)
{
	struct task_struct *t = kmem_cache_alloc(task_cache, __GFP_ZERO);

	if (!t)
		return NULL;
	t->stack = get_free_pages(GFP_KERNEL, THREAD_SIZE_ORDER);
	if (!t->stack) {
		kmem_cache_free(task_cache, t);
		return NULL;
	}
	set_page_use(virt_to_page(t->stack), PAGE_KSTACK);
	t->thread.ksp = arch_prepare_stack(t->stack, fn, arg);
	t->state = TASK_STOPPED;
	INIT_LIST_HEAD(&t->run_list);
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	INIT_LIST_HEAD(&t->thread_list);
	INIT_LIST_HEAD(&t->thread_node);
	set_task_comm(t, name);
	t->start_time_ns = host_clock_ns(HOST_CLOCK_MONOTONIC);
	list_add_tail(&t->tasks, &task_list);
	return t;
}

static void enqueue(struct task_struct *t)
{
	if (!t->on_rq && t != &idle_task) {
		list_add_tail(&t->run_list, &runqueue);
		t->on_rq = true;
		nr_running++;
	}
}

static void dequeue(struct task_struct *t)
{
	if (t->on_rq) {
		list_del_init(&t->run_list);
		t->on_rq = false;
		nr_running--;
	}
}

void wake_up_new_task(struct task_struct *t)
{
	t->state = TASK_RUNNING;
	enqueue(t);
}

bool wake_up_process(struct task_struct *t)
{
	if (!(t->state & (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE |
			  TASK_STOPPED)))
		return false;
	t->state = TASK_RUNNING;
	enqueue(t);
	return true;
}

bool runqueue_empty(void)
{
	return list_empty(&runqueue);
}

static void free_stack(struct task_struct *t)
{
	if (t->stack) {
		free_pages_addr(t->stack, THREAD_SIZE_ORDER);
		t->stack = NULL;
	}
}

void release_task(struct task_struct *t);

/*
 * The task that exited last: its stack can go now that another runs.  A
 * zombie's task_struct stays for wait(); one nobody waits for goes too.
 */
static void free_dead_task(void)
{
	struct task_struct *t = dead_task;

	if (!t)
		return;
	dead_task = NULL;
	free_stack(t);
	if (t->exit_state == EXIT_DEAD)
		release_task(t);
}

void task_free(struct task_struct *t)
{
	BUG_ON(t == current);
	if (dead_task == t)
		dead_task = NULL;
	free_stack(t);
	list_del_init(&t->tasks);
	kmem_cache_free(task_cache, t);
}

void schedule(void)
{
	struct task_struct *prev = current, *next;
	u64 now = host_clock_ns(HOST_CLOCK_MONOTONIC);

	need_resched = false;
	dequeue(prev);
	if (prev->state == TASK_RUNNING)
		enqueue(prev);
	loadavg_update(now);
	next = list_empty(&runqueue) ? &idle_task
				     : list_first_entry(&runqueue,
							struct task_struct,
							run_list);
	if (next == prev)
		return;
	if (prev->state == TASK_RUNNING)
		prev->nivcsw++;
	else
		prev->nvcsw++;
	nr_context_switches++;
	stat_inc(STAT_ctx_switches);
	if (prev->mm != next->mm && next->mm)
		stat_inc(STAT_mm_switches);
	account_switch(prev, next, now);
	rseq_set_notify_resume(prev);
	current = next;
	next->slice_start_ns = now;
	arch_switch_to(&prev->thread.ksp, next->thread.ksp);
	/* prev runs again here, possibly much later. */
	free_dead_task();
}

void task_exit_final(void)
{
	struct task_struct *t = current;

	BUG_ON(t == &idle_task);
	t->state = TASK_DEAD;
	free_dead_task();
	dead_task = t;
	schedule();
	panic("task_exit_final: a dead task ran again");
}

/*
 * The platform has switched address spaces for current.  Under
 * aspace=remap that takes time in proportion to the incoming space's
 * resident pages, and can take longer than a slice: charged to the task,
 * it would be preempted before running at all, over and over.  The cost
 * is the switch's, so the slice starts when guest code does.
 */
void sched_slice_restart(void)
{
	current->slice_start_ns = host_clock_ns(HOST_CLOCK_MONOTONIC);
}

void sched_tick(u64 now_ns)
{
	loadavg_update(now_ns);
	if (current != &idle_task && !list_empty(&runqueue) &&
	    now_ns - current->slice_start_ns >= TIME_SLICE_NS &&
	    runqueue.next != runqueue.prev)
		need_resched = true;
}
