/* SPDX-License-Identifier: GPL-2.0 */
/* The core's own use of the local APIC: sending INIT, SIPI and NMI IPIs (hv/arch/x86/lapic.c). */
#ifndef ASM_LAPIC_H
#define ASM_LAPIC_H

#include <stdbool.h>
#include <stdint.h>

/* Sends an IPI (ICR low word 'icr') to the processor with 'apic_id'; keeps the root's ICR high. */
void lapic_send_ipi(uint32_t apic_id, uint32_t icr);

/* The calling processor's APIC ID, in whichever mode the APIC is. */
uint32_t lapic_id(void);

#endif
