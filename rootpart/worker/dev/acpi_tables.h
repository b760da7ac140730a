/* SPDX-License-Identifier: GPL-2.0 */
/* Builds a child partition's ACPI tables (RSDP, XSDT, RSDT, FADT, FACS, DSDT, MADT). */
#ifndef WORKER_ACPI_TABLES_H
#define WORKER_ACPI_TABLES_H

#include <stddef.h>
#include <stdint.h>

/* What the tables describe; acpi_config_default() fills it from platform.h. */
struct acpi_config {
	unsigned nr_vcpus;		/* 1..PLATFORM_MAX_VCPUS; APIC IDs and UIDs 0..n-1 */
	uint32_t lapic_base;
	uint32_t ioapic_base;
	uint8_t ioapic_id;
	uint16_t pm1a_evt_blk, pm1a_cnt_blk, pm_tmr_blk, gpe0_blk;
	uint16_t sci_irq;		/* ISA IRQ = GSI of the SCI, level and active low */
	uint8_t pit_isa_irq, pit_gsi;	/* the IRQ0 -> GSI 2 override */
	uint16_t reset_port;
	uint8_t reset_value;
	uint8_t rtc_century_reg;
	uint16_t com1_base, rtc_base;
	uint8_t com1_irq, rtc_irq;
	uint8_t slp_typ_s5;
};

void acpi_config_default(struct acpi_config *cfg, unsigned nr_vcpus);

/*
 * Writes the tables into 'mem', guest memory whose first byte is at
 * guest-physical 'gpa_base' (below 4 GiB: the RSDT and the FADT's 32-bit
 * fields need it). The RSDP comes first, at the first 16-byte boundary; the
 * caller reports [gpa_base, gpa_base + return value) as ACPI memory in the
 * e820 map and, for a guest that scans for the RSDP, puts gpa_base in
 * 0xE0000-0xFFFFF. Returns the bytes used, or -EINVAL (bad config or
 * address) or -ENOSPC (too small; 8 KiB is plenty).
 */
int acpi_build_tables(uint8_t *mem, size_t size, uint64_t gpa_base, const struct acpi_config *cfg,
		      uint64_t *rsdp_gpa);

/* Sum of 'len' bytes; an ACPI table is valid when its sum is 0. */
uint8_t acpi_checksum(const void *p, size_t len);

#endif
