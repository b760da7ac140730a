/* SPDX-License-Identifier: GPL-2.0 */
/* The core's generic start-up sequence and the hooks it calls. */
#ifndef HV_CORE_H
#define HV_CORE_H

#include <bulkhead/bootinfo.h>

/* Generic boot, entered once on the boot processor; never returns. */
_Noreturn void hv_main(const struct bh_bootinfo *bi);

/* Builds and switches to the core's own page tables. */
void arch_mm_init(void);

/* Identifies the machine and enables virtualization on the boot processor; panics if unusable. */
void arch_platform_init(void);

/* Creates the root partition's address space and processors, ready to boot its kernel. */
void arch_root_create(void);

/* The root partition's memory map (its e820), for its boot capabilities. */
const struct bh_mem_range *arch_root_ram(unsigned *count);

/* Starts the other processors; each enables virtualization and waits for the root. */
void arch_smp_start(void);

/* Runs the root partition on the boot processor; never returns. */
_Noreturn void arch_root_run(void);

#endif
