/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Fixed-width types for the Bulkhead ABI headers, usable from the core,
 * the root's Linux kernel module, user space and freestanding guests.
 */
#ifndef BULKHEAD_ABI_TYPES_H
#define BULKHEAD_ABI_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdint.h>
#endif

#define BH_ABI_ASSERT_SIZE(type, size) \
	_Static_assert(sizeof(type) == (size), #type " must be " #size " bytes")

#endif
