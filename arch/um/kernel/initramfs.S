/* SPDX-License-Identifier: GPL-2.0-only */
/* The busybox root file system, built by rootfs/, inside the binary. */
	.section .rodata.initramfs, "a"
	.balign 16
	.globl __initramfs_start, __initramfs_end
__initramfs_start:
	.incbin "rootfs/initramfs.cpio"
__initramfs_end:

	.section .note.GNU-stack, "", @progbits
