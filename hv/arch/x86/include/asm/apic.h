/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Local APIC registers and their fields (SDM Vol 3 chapter 10 "Advanced
 * Programmable Interrupt Controller", APM Vol 2 chapter 16), as the core
 * uses them to start processors and emulate the root's INIT and SIPI, and
 * as the virtual local APIC (vlapic.c) models them for child partitions.
 */
#ifndef ASM_APIC_H
#define ASM_APIC_H

#include <stdint.h>

#define APIC_DEFAULT_BASE     0xFEE00000ull
#define APIC_MMIO_SIZE        0x1000u

/*
 * xAPIC register offsets (SDM Vol 3 table 10-1); the x2APIC MSR is
 * 0x800 + (offset >> APIC_REG_SHIFT) (table 10-6). Registers sit on 16-byte
 * boundaries; only the first 4 bytes of each slot are the register.
 */
#define APIC_REG_SHIFT        4
#define APIC_REG_STRIDE       (1u << APIC_REG_SHIFT)
#define APIC_REG_WIDTH        4u
#define APIC_REG_ID           0x020
#define APIC_REG_VERSION      0x030
#define APIC_REG_TPR          0x080
#define APIC_REG_APR          0x090	/* xAPIC only (SDM 10.6.2.4, P6 and AMD) */
#define APIC_REG_PPR          0x0A0
#define APIC_REG_EOI          0x0B0
#define APIC_REG_RRD          0x0C0	/* remote read: AMD and P6 only, xAPIC only */
#define APIC_REG_LDR          0x0D0
#define APIC_REG_DFR          0x0E0
#define APIC_REG_SVR          0x0F0
#define APIC_REG_ISR0         0x100	/* ISR, TMR, IRR: 8 registers of 32 vectors each */
#define APIC_REG_TMR0         0x180
#define APIC_REG_IRR0         0x200
#define APIC_REG_BANK_REGS    8u
#define APIC_REG_BANK_SHIFT   5	/* 32 vectors per bank register */
#define APIC_REG_ESR          0x280
#define APIC_REG_LVT_CMCI     0x2F0	/* present only if the version's max LVT >= 6 */
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
#define APIC_REG_SPACE_END    0x400	/* architectural registers end; AMD's extended space follows */

#define APIC_NR_VECTORS       256u
#define APIC_FIRST_VALID_VECTOR 16u	/* 0-15 are illegal (SDM 10.5.2) */
#define APIC_PRIO_CLASS_SHIFT 4		/* priority class = vector[7:4] (SDM 10.8.3) */
#define APIC_PRIO_CLASS_MASK  0xF0u

/* ID register (SDM 10.4.6): xAPIC ID in bits 31:24; the x2APIC ID is all 32 bits. */
#define APIC_XAPIC_ID_SHIFT   24
#define APIC_XAPIC_ID_MASK    0xFF000000u

/* Version register (SDM 10.4.8). */
#define APIC_VERSION_MASK     0xFFu
#define APIC_VERSION_INTEGRATED 0x14u	/* 0x1X: integrated APIC; 0x14 as recent Intel parts */
#define APIC_VERSION_MAXLVT_SHIFT 16	/* number of LVT entries minus 1 */
#define APIC_VERSION_EOI_SUPPRESS (1u << 24)	/* SVR bit 12 usable */

/* TPR and PPR (SDM 10.8.3.1): class in 7:4, sub-class in 3:0. */
#define APIC_TPR_MASK         0xFFu
#define APIC_CR8_SHIFT        4	/* CR8[3:0] = TPR[7:4] (SDM 10.8.6.1) */

/* Logical destination (SDM 10.6.2.2, 10.12.10). */
#define APIC_LDR_XAPIC_SHIFT  24
#define APIC_LDR_XAPIC_MASK   0xFF000000u
#define APIC_LDR_X2APIC_CLUSTER_SHIFT 16	/* x2APIC LDR: cluster in 31:16, member bit in 15:0 */
#define APIC_LDR_X2APIC_MEMBER_MASK   0xFFFFu
#define APIC_X2APIC_ID_CLUSTER_SHIFT  4	/* x2APIC ID 31:4 is the cluster, 3:0 the member */
#define APIC_X2APIC_ID_MEMBER_MASK    0xFu
#define APIC_XAPIC_CLUSTER_SHIFT      4	/* xAPIC cluster model: 8-bit ID = cluster:4 member bits:4 */
#define APIC_XAPIC_MEMBER_MASK        0xFu
#define APIC_DFR_MODEL_MASK   0xF0000000u
#define APIC_DFR_FLAT         0xF0000000u
#define APIC_DFR_CLUSTER      0x00000000u
#define APIC_DFR_RESERVED_ONES 0x0FFFFFFFu	/* read as ones */
#define APIC_XAPIC_BROADCAST  0xFFu	/* physical: every APIC; logical flat: every bit */
#define APIC_X2APIC_BROADCAST 0xFFFFFFFFu

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
#define ICR_DM_EXTINT         (7u << ICR_DM_SHIFT)	/* LVT, I/O APIC and MSI only */
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
#define ICR_XAPIC_DEST_MASK   0xFF000000u
#define ICR_X2APIC_DEST_SHIFT 32	/* in the 64-bit x2APIC ICR */
#define ICR_LOW_WRITABLE      (ICR_VECTOR_MASK | ICR_DM_MASK | ICR_DEST_LOGICAL | \
			       ICR_LEVEL_ASSERT | ICR_TRIGGER_LEVEL | ICR_SHORTHAND_MASK)
/* x2APIC ICR: delivery status is reserved but ignored when set, as KVM does. */
#define ICR_X2APIC_RESERVED   0xFFF32000u	/* bits 31:20, 17:16 and 13 */

/* Spurious-interrupt vector register (SDM 10.9). */
#define SVR_VECTOR_MASK       0xFFu
#define SVR_APIC_ENABLE       (1u << 8)
#define SVR_FOCUS_DISABLE     (1u << 9)
#define SVR_EOI_SUPPRESS      (1u << 12)	/* only if the version advertises it */
#define SVR_RESET_VALUE       0xFFu
#define SVR_VECTOR_MASK       0xFFu

/* Error status register (SDM 10.5.3 table 10-2; APM 16.4.6). */
#define ESR_SEND_ILLEGAL_VECTOR (1u << 5)
#define ESR_RECV_ILLEGAL_VECTOR (1u << 6)
#define ESR_ILLEGAL_REG_ADDR    (1u << 7)	/* xAPIC only; x2APIC raises #GP instead */

/*
 * Local vector table entries (SDM 10.5.1 figure 10-8). The delivery-mode
 * field has the ICR encoding (ICR_DM_*); timer and error entries have none.
 */
#define LVT_VECTOR_MASK       0xFFu
#define LVT_DELIVERY_PENDING  (1u << 12)
#define LVT_INPUT_POLARITY    (1u << 13)	/* LINT0/1 only */
#define LVT_REMOTE_IRR        (1u << 14)	/* LINT0/1 only, read-only */
#define LVT_TRIGGER_LEVEL     (1u << 15)	/* LINT0/1 only */
#define LVT_MASKED            (1u << 16)
#define LVT_TIMER_MODE_MASK   (3u << 17)
#define LVT_TIMER_ONESHOT     (0u << 17)
#define LVT_TIMER_PERIODIC    (1u << 17)
#define LVT_TIMER_TSC_DEADLINE (2u << 17)	/* only with CPUID.01H:ECX[24] */

/* Timer divide configuration (SDM 10.5.4 figure 10-10): bits 3, 1, 0. */
#define TIMER_DCR_LOW_MASK    0x3u
#define TIMER_DCR_HIGH_BIT    (1u << 3)
#define TIMER_DCR_MASK        (TIMER_DCR_LOW_MASK | TIMER_DCR_HIGH_BIT)
#define TIMER_DCR_DIV_1       0xBu	/* divide by 1 */
#define TIMER_DCR_DIV_16      0x3u	/* divide by 16 */

/* x2APIC self-IPI register (SDM 10.12.11): the vector only. */
#define SELF_IPI_VECTOR_MASK  0xFFu

#endif
