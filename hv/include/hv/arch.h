/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What generic core code asks of the architecture. Each hook is
 * implemented once per architecture (hv/arch/x86/ for x86-64).
 */
#ifndef HV_ARCH_H
#define HV_ARCH_H

#include <stddef.h>
#include <stdint.h>

struct bh_hv_info;

/* Index of the calling processor, 0 = the boot processor. Any context. */
unsigned arch_cpu_id(void);

/* Number of processors the core runs on (valid once they are started). */
unsigned arch_cpu_count(void);

/* Writes log text to the core's UART(s); called with the log lock held. */
void arch_console_write(const char *s, size_t n);

/* Stops the calling processor for good, interrupts and NMIs masked. */
_Noreturn void arch_halt_cpu(void);

/* Fills the architecture's part of BH_HC_GET_INFO (vendor, virtualization, features). */
void arch_fill_info(struct bh_hv_info *info);

#endif
