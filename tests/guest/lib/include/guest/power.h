/* SPDX-License-Identifier: GPL-2.0 */
/* Ending a test guest: the partition (or QEMU) turns off. */
#ifndef GUEST_POWER_H
#define GUEST_POWER_H

/*
 * Turns the machine off: in a Bulkhead child with the worker's PM1a
 * contract, elsewhere with ACPI S5 from the FADT and DSDT. Halts if the
 * machine is still running afterwards.
 */
__attribute__((noreturn)) void power_off(void);

#endif
