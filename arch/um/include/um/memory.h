/* SPDX-License-Identifier: GPL-2.0-only */
/* The guest's view of its address space. */
#ifndef _ASM_MEMORY_H
#define _ASM_MEMORY_H

/*
 * skas: guest user space ends below the host's (0x7ffffffff000) to leave
 * room for the stub pages every guest host process has.
 */
#define SKAS_TASK_SIZE 0x7fffff000000UL
#define STUB_START SKAS_TASK_SIZE
#define STUB_CODE STUB_START
#define STUB_DATA (STUB_START + 0x1000UL)
#define STUB_DATA_PAGES 4
#define STUB_END (STUB_DATA + STUB_DATA_PAGES * 0x1000UL)
#define HOST_TASK_SIZE 0x7ffffffff000UL

/*
 * tt and seccomp: guest code shares the host process with the kernel, its
 * libraries and its heap, which the host puts above 0x555555554000 (the
 * base of position-independent programs); guest space ends below.
 */
#define SHARED_TASK_SIZE 0x400000000000UL

#ifndef __ASSEMBLER__
/* Where guest user space ends: set by the platform at boot. */
extern unsigned long arch_task_size;
#define TASK_SIZE arch_task_size

/* Where the stack goes and mmap starts searching down from. */
#define STACK_TOP (TASK_SIZE - 0x1000000UL)
#define MMAP_BASE (STACK_TOP - 0x10000000UL)
#endif

#endif
