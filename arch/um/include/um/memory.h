/* SPDX-License-Identifier: GPL-2.0-only */
/* The guest's view of its address space. */
#ifndef _ASM_MEMORY_H
#define _ASM_MEMORY_H

/*
 * Guest user space ends below the host's (0x7ffffffff000) to leave room
 * for the platform's stub pages, which every guest host process has.
 */
#define TASK_SIZE 0x7fffff000000UL
#define STUB_START TASK_SIZE
#define STUB_CODE STUB_START
#define STUB_DATA (STUB_START + 0x1000UL)
#define STUB_DATA_PAGES 4
#define STUB_END (STUB_DATA + STUB_DATA_PAGES * 0x1000UL)
#define HOST_TASK_SIZE 0x7ffffffff000UL

/* Where the stack goes and mmap starts searching down from. */
#define STACK_TOP (TASK_SIZE - 0x1000000UL)
#define MMAP_BASE (STACK_TOP - 0x10000000UL)

#endif
