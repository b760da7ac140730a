/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Local APIC registers and ICR fields (SDM Vol 3 chapter 10, APM Vol 2
 * chapter 16), as the core uses them to start processors and to emulate
 * the root's INIT and SIPI.
 */
#ifndef ASM_APIC_H
#define ASM_APIC_H

#include <stdint.h>

#define APIC_DEFAULT_BASE     0xFEE00000ull
#define APIC_MMIO_SIZE        0x1000u

/* xAPIC register offsets; the x2APIC MSR is 0x800 + (offset >> 4). */
#define APIC_REG_ID           0x020
#define APIC_REG_VERSION      0x030
#define APIC_REG_TPR          0x080
#define APIC_REG_EOI          0x0B0
#define APIC_REG_LDR          0x0D0
#define APIC_REG_DFR          0x0E0
#define APIC_REG_SVR          0x0F0
#define APIC_REG_ISR0         0x100
#define APIC_REG_TMR0         0x180
#define APIC_REG_IRR0         0x200
#define APIC_REG_ESR          0x280
#define APIC_REG_ICR_LOW      0x300
#define APIC_REG_ICR_HIGH     0x310
#define APIC_REG_LVT_TIMER    0x320
#define APIC_REG_LVT_THERMAL  0x330
#define APIC_REG_LVT_PERF     0x340
#define APIC_REG_LVT_LINT0    0x350
#define APIC_REG_LVT_LINT1    0x360
#define APIC_REG_LVT_ERROR    0x370
#define APIC_REG_TIMER_ICR    0x380
#define APIC_REG_TIMER_CCR    0x390
#define APIC_REG_TIMER_DCR    0x3E0
#define APIC_REG_SELF_IPI     0x3F0	/* x2APIC only */

#define APIC_XAPIC_ID_SHIFT   24

/* ICR low word. */
#define ICR_VECTOR_MASK       0xFFu
#define ICR_DM_SHIFT          8
#define ICR_DM_MASK           (7u << ICR_DM_SHIFT)
#define ICR_DM_FIXED          (0u << ICR_DM_SHIFT)
#define ICR_DM_LOWEST         (1u << ICR_DM_SHIFT)
#define ICR_DM_SMI            (2u << ICR_DM_SHIFT)
#define ICR_DM_NMI            (4u << ICR_DM_SHIFT)
#define ICR_DM_INIT           (5u << ICR_DM_SHIFT)
#define ICR_DM_STARTUP        (6u << ICR_DM_SHIFT)
#define ICR_DEST_LOGICAL      (1u << 11)
#define ICR_DELIVERY_PENDING  (1u << 12)
#define ICR_LEVEL_ASSERT      (1u << 14)
#define ICR_TRIGGER_LEVEL     (1u << 15)
#define ICR_SHORTHAND_SHIFT   18
#define ICR_SHORTHAND_MASK    (3u << ICR_SHORTHAND_SHIFT)
#define ICR_SHORTHAND_NONE    (0u << ICR_SHORTHAND_SHIFT)
#define ICR_SHORTHAND_SELF    (1u << ICR_SHORTHAND_SHIFT)
#define ICR_SHORTHAND_ALL     (2u << ICR_SHORTHAND_SHIFT)
#define ICR_SHORTHAND_OTHERS  (3u << ICR_SHORTHAND_SHIFT)
#define ICR_XAPIC_DEST_SHIFT  24	/* in ICR high */
#define ICR_X2APIC_DEST_SHIFT 32	/* in the 64-bit x2APIC ICR */

#define SVR_APIC_ENABLE       (1u << 8)
#define SVR_VECTOR_MASK       0xFFu

/* Local vector table entries (SDM Vol 3 10.5.1, figure 10-8). */
#define APIC_LVT_VECTOR_MASK  0xFFu
#define APIC_LVT_DM_FIXED     (0u << 8)
#define APIC_LVT_DM_NMI       (4u << 8)
#define APIC_LVT_DM_EXTINT    (7u << 8)
#define APIC_LVT_MASKED       (1u << 16)
#define APIC_LVT_TIMER_ONESHOT     (0u << 17)
#define APIC_LVT_TIMER_PERIODIC    (1u << 17)
#define APIC_LVT_TIMER_TSC_DEADLINE (2u << 17)	/* needs CPUID 1 ECX TSC_DEADLINE */

/* Timer divide configuration (SDM Vol 3 10.5.4, figure 10-10): bits 3, 1:0. */
#define APIC_TIMER_DIV_1      0xBu
#define APIC_TIMER_DIV_16     0x3u

#endif
