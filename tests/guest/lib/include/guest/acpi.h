/* SPDX-License-Identifier: GPL-2.0 */
/* Reading the firmware's ACPI tables, if there are any (checksummed first). */
#ifndef GUEST_ACPI_H
#define GUEST_ACPI_H

#include <bulkhead/acpi.h>
#include <stdbool.h>
#include <stdint.h>

/* The table with signature 'sig' through the RSDP in the BIOS areas, or 0. */
const struct acpi_header *acpi_find_table(const char *sig);

/* Fills apic_ids with the enabled processors of the MADT; returns how many (at most max). */
unsigned acpi_madt_cpus(uint32_t *apic_ids, unsigned max);

/* The PM1a control port and the SLP_TYPa of S5 (FADT and DSDT \_S5); false if not found. */
bool acpi_s5(uint16_t *pm1a_cnt, uint8_t *slp_typ);

#endif
