// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/config.gz (Linux's IKCONFIG): kernel/linux.config, the Linux
 * options tamu answers as, then tamu's own .config, gzipped at build time
 * (kernel/Makefile) and linked in here.
 */
#include "tamu/kernel.h"

asm(".section .rodata, \"a\"\n"
    ".global kernel_config_data\n"
    "kernel_config_data:\n"
    ".incbin \"kernel/config_data.gz\"\n"
    ".global kernel_config_data_end\n"
    "kernel_config_data_end:\n"
    ".previous\n");
