/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The local APIC in xAPIC mode (MMIO at the address IA32_APIC_BASE names),
 * IPIs and the APIC timer (SDM Vol 3 chapter 10).
 */
#ifndef GUEST_APIC_H
#define GUEST_APIC_H

#include <stdbool.h>
#include <stdint.h>

/* Vectors the runtime owns; tests take theirs from 0x30 to 0xEF. */
#define VEC_WAKE          0xF0	/* smp_call() wakes a halted AP */
#define VEC_APIC_ERROR    0xFE
#define VEC_SPURIOUS      0xFF	/* SVR vector: never acknowledged with EOI */
#define VEC_TEST_FIRST    0x30
#define VEC_TEST_LAST     0xEF

/* Software-enables this processor's APIC: SVR, TPR 0, LINT0 (the PIC) and timer masked. */
void apic_init_cpu(void);

uint32_t apic_read(unsigned reg);
void apic_write(unsigned reg, uint32_t val);
uint32_t apic_self_id(void);
void apic_eoi(void);

/*
 * Writes the ICR ('icr_low': vector, delivery mode, shorthand) for the
 * processor with 'apic_id' and waits (bounded) until the APIC has sent it.
 * False if delivery status stayed pending.
 */
bool apic_send_ipi(uint32_t apic_id, uint32_t icr_low);

/*
 * The timer. apic_timer_hz is measured at boot against the TSC with
 * divide-by-1 (0 if unknown). The LVT entry is left as set until
 * apic_timer_stop().
 */
extern uint64_t apic_timer_hz;
void apic_timer_calibrate(void);
void apic_timer_oneshot(unsigned vector, uint32_t count);
void apic_timer_periodic(unsigned vector, uint32_t count);
bool apic_tsc_deadline_supported(void);
void apic_timer_tsc_deadline(unsigned vector, uint64_t deadline);
void apic_timer_stop(void);

#endif
