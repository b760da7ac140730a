/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Access to any guest-physical address. Below 4 GiB the boot page tables
 * map physical memory 1:1; above, phys_map() points a 2 MiB uncached
 * window at the address.
 */
#ifndef GUEST_PHYS_H
#define GUEST_PHYS_H

#include <stdint.h>

#define PHYS_IDENTITY_END 0x100000000ull	/* what boot.S maps 1:1 */

/*
 * Returns a pointer through which physical address 'pa' is accessed, valid
 * up to the next 2 MiB boundary and until the next phys_map() of an address
 * at or above PHYS_IDENTITY_END. There is one window: use it from one
 * processor at a time. 'pa' must be below 2^cpu_phys_bits().
 */
volatile void *phys_map(uint64_t pa);

#endif
