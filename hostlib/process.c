// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <sched.h>
#include <unistd.h>

#include "host/process.h"

void host_exit(int status)
{
	_exit(status);
}

int host_getpid(void)
{
	return getpid();
}

int host_pin_to_cpu(void)
{
	int cpu = sched_getcpu();
	cpu_set_t set;

	if (cpu < 0)
		return -errno;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set) < 0 ? -errno : cpu;
}
