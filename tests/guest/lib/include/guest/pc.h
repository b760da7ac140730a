/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The machine a test guest expects: a Bulkhead child partition as its
 * worker emulates it (the contract in docs/test-guests.md), which is also
 * what QEMU's q35 machine provides. Plain #defines: boot.S includes this.
 */
#ifndef GUEST_PC_H
#define GUEST_PC_H

/* IBM PC/AT serial port 1, a 16550 (PC16550D data sheet). */
#define COM1_PORT             0x3F8

/* I/O APIC default base (Intel 82093AA data sheet 3.0; MP specification 1.4 3.6). */
#define IOAPIC_DEFAULT_BASE   0xFEC00000
/* The I/O and local APIC pages sit in this range; the guest maps it uncached. */
#define APIC_MMIO_START       IOAPIC_DEFAULT_BASE
#define APIC_MMIO_END         0xFF000000

/*
 * Power-off in a child: write SLP_TYP 5 with SLP_EN to PM1a control at 0x604
 * (fixed by the worker's contract; q35's ICH9 puts PM1a control at the same
 * port, PMBASE 0x600 + 4, but QEMU's S5 is SLP_TYP 0, found through ACPI).
 */
#define BULKHEAD_PM1A_CNT_PORT 0x604
#define BULKHEAD_SLP_TYP_S5    5

/*
 * Where the AP start-up code is copied: a page below 1 MiB (a SIPI vector
 * names a 4 KiB page there, SDM Vol 3 8.4.4.1) that is ordinary RAM on a
 * PC and in a child, above the BIOS data area and below any EBDA.
 */
#define TRAMPOLINE_PA         0x8000

#endif
