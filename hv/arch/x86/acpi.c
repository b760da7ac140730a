// SPDX-License-Identifier: GPL-2.0
/* Finds the processors in the firmware's MADT; every table is checksummed first. */
#include <asm/platform.h>
#include <bulkhead/acpi.h>
#include <hv/log.h>
#include <hv/string.h>

#define ACPI_MAX_TABLE_LENGTH (1u << 20)

static bool checksum_ok(const void *p, uint32_t len)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	for (uint32_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + b[i]);
	return sum == 0;
}

static const struct acpi_header *table_at(uint64_t pa, const char *sig)
{
	const struct acpi_header *h = (const void *)(uintptr_t)pa;

	if (!pa || memcmp(h->signature, sig, 4) || h->length < sizeof(*h) ||
	    h->length > ACPI_MAX_TABLE_LENGTH || !checksum_ok(h, h->length))
		return 0;
	return h;
}

static const struct acpi_header *find_table(const struct acpi_rsdp *rsdp, const char *sig)
{
	const struct acpi_header *sdt;
	unsigned width;

	if (rsdp->revision >= ACPI_RSDP_REVISION && rsdp->xsdt_address &&
	    (sdt = table_at(rsdp->xsdt_address, ACPI_SIG_XSDT)))
		width = 8;
	else if ((sdt = table_at(rsdp->rsdt_address, ACPI_SIG_RSDT)))
		width = 4;
	else
		return 0;
	const uint8_t *entries = (const uint8_t *)(sdt + 1);
	uint32_t n = (sdt->length - sizeof(*sdt)) / width;
	for (uint32_t i = 0; i < n; i++) {
		uint64_t pa = 0;
		memcpy(&pa, entries + i * width, width);
		const struct acpi_header *t = table_at(pa, sig);
		if (t)
			return t;
	}
	return 0;
}

static void add_cpu(uint32_t apic_id, uint32_t flags)
{
	if (!(flags & (ACPI_MADT_LAPIC_ENABLED | ACPI_MADT_LAPIC_ONLINE_CAPABLE)))
		return;
	if (plat.ncpus >= HV_MAX_CPUS) {
		hv_log("more than %u processors: APIC ID %u left unused", HV_MAX_CPUS, apic_id);
		return;
	}
	for (unsigned i = 0; i < plat.ncpus; i++)
		if (plat.apic_ids[i] == apic_id)
			return;
	plat.apic_ids[plat.ncpus++] = apic_id;
}

bool acpi_find_cpus(uint64_t rsdp_pa)
{
	const struct acpi_rsdp *rsdp = (const void *)(uintptr_t)rsdp_pa;

	if (!rsdp_pa || memcmp(rsdp->signature, ACPI_SIG_RSDP, 8) ||
	    !checksum_ok(rsdp, ACPI_RSDP_V1_LEN))
		return false;
	const struct acpi_madt *madt = (const void *)find_table(rsdp, ACPI_SIG_MADT);
	if (!madt)
		return false;
	const uint8_t *p = (const uint8_t *)(madt + 1), *end = (const uint8_t *)madt + madt->header.length;
	while (p + sizeof(struct acpi_madt_entry) <= end) {
		const struct acpi_madt_entry *e = (const void *)p;
		if (e->length < sizeof(*e) || p + e->length > end)
			break;
		if (e->type == ACPI_MADT_LOCAL_APIC &&
		    e->length >= sizeof(struct acpi_madt_lapic)) {
			const struct acpi_madt_lapic *l = (const void *)e;
			add_cpu(l->apic_id, l->flags);
		} else if (e->type == ACPI_MADT_LOCAL_X2APIC &&
			   e->length >= sizeof(struct acpi_madt_x2apic)) {
			const struct acpi_madt_x2apic *x = (const void *)e;
			add_cpu(x->x2apic_id, x->flags);
		}
		p += e->length;
	}
	return plat.ncpus > 0;
}
