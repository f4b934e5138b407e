// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test doubles for arch/um: the allocators run on a private mapping instead
 * of the memory file, and arch_halt leaves the forked test process with the
 * status a real halt would give, so Check can assert it.
 */
#include <check.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "suites.h"
#include "um/arch.h"
#include "tamu/list.h"
#include "tamu/page_alloc.h"
#include "tamu/slab.h"

static void *test_mem;
static size_t test_mem_size;

void test_mem_setup(unsigned long nr_pages)
{
	test_mem_size = nr_pages * PAGE_SIZE;
	test_mem = mmap(NULL, test_mem_size, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_ptr_ne(test_mem, MAP_FAILED);
	ck_assert_int_eq(zone_init(&phys_zone, test_mem, test_mem_size), 0);
	kmalloc_init();
}

void test_mem_teardown(void)
{
	munmap(test_mem, test_mem_size);
	test_mem = NULL;
}

void test_silence_stderr(void)
{
	int fd = open("/dev/null", O_WRONLY);

	ck_assert_int_ge(fd, 0);
	dup2(fd, STDERR_FILENO);
	close(fd);
}

void arch_halt(int status)
{
	exit(status);
}

int arch_mem_setup(u64 size, void **base)
{
	return -ENOSYS;
}

/* No tasks run in the unit tests: a panic names none. */
struct task_struct *current;
LIST_HEAD(task_list);

int arch_task_backtrace(struct task_struct *t, struct host_frame *frames,
			int max)
{
	return -ENOSYS;
}

/*
 * oops=continue's end of a task, were a test to set it (tamu/proc.h's
 * declaration cannot be included beside the host's signal.h).
 */
void do_exit(int status);
void do_exit(int status)
{
	exit(128 + status);
}
