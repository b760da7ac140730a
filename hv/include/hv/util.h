/* SPDX-License-Identifier: GPL-2.0 */
/* Small freestanding helpers shared by the core, the loader and host tests. */
#ifndef HV_UTIL_H
#define HV_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a)      (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)     (((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)   ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)   (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define MIN(a, b)          ((a) < (b) ? (a) : (b))
#define MAX(a, b)          ((a) > (b) ? (a) : (b))
#define BIT(n)             (1ull << (n))
#define likely(x)          __builtin_expect(!!(x), 1)
#define unlikely(x)        __builtin_expect(!!(x), 0)
#define container_of(p, type, member) \
	((type *)((char *)(p) - offsetof(type, member)))

#define PAGE_SHIFT  12
#define PAGE_SIZE   4096ull
#define SZ_1M       0x100000ull
#define SZ_2M       0x200000ull
#define SZ_1G       0x40000000ull
#define SZ_4G       0x100000000ull

/* True if [base, base + size) does not wrap around the address space. */
static inline bool range_ok(uint64_t base, uint64_t size)
{
	return base + size >= base;
}

/* True if [a, a + as) and [b, b + bs) overlap; both ranges must be range_ok. */
static inline bool ranges_overlap(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	return as && bs && a < b + bs && b < a + as;
}

#endif
