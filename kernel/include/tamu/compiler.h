/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TAMU_COMPILER_H
#define _TAMU_COMPILER_H

#define __noreturn __attribute__((__noreturn__))
#define __noinline __attribute__((__noinline__))
#define __printf(a, b) __attribute__((__format__(printf, a, b)))
#define __maybe_unused __attribute__((__unused__))
#define __aligned(x) __attribute__((__aligned__(x)))

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define __stringify_1(x) #x
#define __stringify(x) __stringify_1(x)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

/* a must be a power of two. */
#define ALIGN(x, a) (((x) + ((a)-1)) & ~((__typeof__(x))(a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a)-1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a)-1)) == 0)
#define DIV_ROUND_UP(n, d) (((n) + (d)-1) / (d))

#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))

/*
 * IS_ENABLED(CONFIG_FOO) is 1 when the option is set, else 0, usable in
 * plain C conditions so both branches are always compiled (as in Linux).
 */
#define __ARG_PLACEHOLDER_1 0,
#define __take_second_arg(ignored, val, ...) val
#define __is_defined(x) ___is_defined(x)
#define ___is_defined(val) ____is_defined(__ARG_PLACEHOLDER_##val)
#define ____is_defined(arg1_or_junk) __take_second_arg(arg1_or_junk 1, 0)
#define IS_ENABLED(option) __is_defined(option)

/* A switch case that goes on into the next on purpose. */
#define fallthrough __attribute__((__fallthrough__))

#define BUILD_BUG_ON(cond) _Static_assert(!(cond), #cond)

#endif
