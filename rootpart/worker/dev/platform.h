/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The child partition's fixed platform: where each emulated device decodes,
 * which GSI it drives, and the facts the ACPI tables publish about them. The
 * device models, the table builder and the worker's dispatch all use these.
 */
#ifndef WORKER_PLATFORM_H
#define WORKER_PLATFORM_H

/* Interrupt controllers. The LAPIC is the core's; the I/O APIC is ours. */
#define PLATFORM_LAPIC_BASE        0xFEE00000u	/* Intel SDM Vol 3 10.4.1 default base */
#define PLATFORM_IOAPIC_BASE       0xFEC00000u	/* 82093AA default IOREGSEL address */
#define PLATFORM_IOAPIC_SIZE       0x1000u	/* the page the worker routes to ioapic_read/write */
#define PLATFORM_IOAPIC_PINS       24u
#define PLATFORM_IOAPIC_GSI_BASE   0u
#define PLATFORM_MAX_VCPUS         15u	/* the I/O APIC ID (= vCPU count) is 4 bits wide */
/* ioapic ID: one past the last LAPIC ID, so the two never clash. */
#define PLATFORM_IOAPIC_ID(nr_vcpus) (nr_vcpus)

/* 8259A pair and the PIIX-style edge/level control registers. */
#define PLATFORM_PIC_MASTER_CMD    0x20
#define PLATFORM_PIC_MASTER_DATA   0x21
#define PLATFORM_PIC_SLAVE_CMD     0xA0
#define PLATFORM_PIC_SLAVE_DATA    0xA1
#define PLATFORM_ELCR_MASTER       0x4D0
#define PLATFORM_ELCR_SLAVE        0x4D1

/* 8254 PIT and the PC/AT system control port B. */
#define PLATFORM_PIT_BASE          0x40	/* counters 0x40-0x42, control word 0x43 */
#define PLATFORM_PIT_PORTS         4
#define PLATFORM_PORT_B            0x61	/* PIT channel 2 gate, speaker, OUT2 */
#define PLATFORM_PIT_ISA_IRQ       0
#define PLATFORM_PIT_GSI           2	/* MADT interrupt source override IRQ0 -> GSI 2 */

/* Keyboard controller (status and reset only) and the POST code sink. */
#define PLATFORM_I8042_DATA        0x60
#define PLATFORM_I8042_CMD         0x64	/* reads: status */
#define PLATFORM_POST_PORT         0x80

/* MC146818 RTC/CMOS. */
#define PLATFORM_RTC_INDEX         0x70
#define PLATFORM_RTC_DATA          0x71
#define PLATFORM_RTC_ISA_IRQ       8
#define PLATFORM_RTC_GSI           8
#define PLATFORM_RTC_CENTURY_REG   0x32	/* published as FADT.CENTURY */

/* COM1. */
#define PLATFORM_COM1_BASE         0x3F8
#define PLATFORM_COM1_PORTS        8
#define PLATFORM_COM1_ISA_IRQ      4
#define PLATFORM_COM1_GSI          4

/*
 * ACPI fixed hardware, one I/O block at PLATFORM_PM_BASE; the acpi_pm model
 * takes offsets into it. Register layouts: ACPI 6.5 section 4.8.
 */
#define PLATFORM_PM_BASE           0x600
#define PLATFORM_PM_SIZE           0x30
#define PLATFORM_PM1A_EVT_BLK      0x600	/* PM1_STS (2 bytes) then PM1_EN (2 bytes) */
#define PLATFORM_PM1_EVT_LEN       4
#define PLATFORM_PM1A_CNT_BLK      0x604
#define PLATFORM_PM1_CNT_LEN       2
#define PLATFORM_PM_TMR_BLK        0x608
#define PLATFORM_PM_TMR_LEN        4
#define PLATFORM_GPE0_BLK          0x620	/* GPE0_STS (2 bytes) then GPE0_EN (2 bytes) */
#define PLATFORM_GPE0_BLK_LEN      4
#define PLATFORM_SCI_ISA_IRQ       9
#define PLATFORM_SCI_GSI           9	/* level, active low (MADT override) */

/* Reset control register (PIIX/ICH style), published as FADT.RESET_REG. */
#define PLATFORM_RESET_PORT        0xCF9
#define PLATFORM_RESET_VALUE       0x06	/* SYS_RST | RST_CPU: hard reset */

/* The SLP_TYP the DSDT's \_S5 package announces and the worker treats as power off. */
#define PLATFORM_SLP_TYP_S5        5

/* GSIs whose board wiring is active low: the I/O APIC model's polarity input. */
#define PLATFORM_GSI_ACTIVE_LOW    (1u << PLATFORM_SCI_GSI)

#endif
