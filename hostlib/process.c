// SPDX-License-Identifier: GPL-2.0-only
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
