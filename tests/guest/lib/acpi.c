// SPDX-License-Identifier: GPL-2.0
/*
 * The firmware's ACPI tables, when there are any (QEMU's SeaBIOS provides
 * them; a child partition may not): the RSDP in the BIOS areas, then the
 * XSDT or RSDT. Every table is checksummed; tables above 4 GiB are ignored.
 */
#include <guest/acpi.h>
#include <guest/phys.h>
#include <hv/string.h>
#include <hv/util.h>
#include <stddef.h>

#define ACPI_MAX_TABLE_LENGTH (1u << 20)

static bool checksum_ok(const void *p, uint32_t len)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	for (uint32_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + b[i]);
	return sum == 0;
}

static const struct acpi_rsdp *rsdp_in(uint64_t start, uint64_t end)
{
	for (uint64_t pa = start; pa + sizeof(struct acpi_rsdp) <= end; pa += ACPI_RSDP_ALIGN) {
		const struct acpi_rsdp *r = (const void *)(uintptr_t)pa;
		if (memcmp(r->signature, ACPI_SIG_RSDP, sizeof(r->signature)))
			continue;
		/* The ACPI 1.0 checksum covers the fields before 'length'. */
		if (checksum_ok(r, offsetof(struct acpi_rsdp, length)))
			return r;
	}
	return 0;
}

static const struct acpi_rsdp *find_rsdp(void)
{
	uint64_t ebda = (uint64_t)*(const volatile uint16_t *)ACPI_BDA_EBDA_SEGMENT << 4;
	const struct acpi_rsdp *r = 0;

	if (ebda && ebda < ACPI_BIOS_ROM_START)
		r = rsdp_in(ebda, ebda + ACPI_EBDA_SEARCH_BYTES);
	return r ? r : rsdp_in(ACPI_BIOS_ROM_START, ACPI_BIOS_ROM_END);
}

static const struct acpi_header *table_at(uint64_t pa, const char *sig)
{
	const struct acpi_header *h = (const void *)(uintptr_t)pa;

	if (!pa || pa >= PHYS_IDENTITY_END || memcmp(h->signature, sig, 4) ||
	    h->length < sizeof(*h) || h->length > ACPI_MAX_TABLE_LENGTH ||
	    !checksum_ok(h, h->length))
		return 0;
	return h;
}

const struct acpi_header *acpi_find_table(const char *sig)
{
	const struct acpi_rsdp *rsdp = find_rsdp();
	const struct acpi_header *sdt;
	unsigned width;

	if (!rsdp)
		return 0;
	if (rsdp->revision >= ACPI_RSDP_REVISION && rsdp->xsdt_address &&
	    (sdt = table_at(rsdp->xsdt_address, ACPI_SIG_XSDT)))
		width = sizeof(uint64_t);
	else if ((sdt = table_at(rsdp->rsdt_address, ACPI_SIG_RSDT)))
		width = sizeof(uint32_t);
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

unsigned acpi_madt_cpus(uint32_t *apic_ids, unsigned max)
{
	const struct acpi_header *h = acpi_find_table(ACPI_SIG_MADT);
	const uint8_t *p, *end;
	unsigned n = 0;

	if (!h)
		return 0;
	p = (const uint8_t *)h + sizeof(struct acpi_madt);
	end = (const uint8_t *)h + h->length;
	while (p + sizeof(struct acpi_madt_entry) <= end && n < max) {
		const struct acpi_madt_entry *e = (const void *)p;
		if (e->length < sizeof(*e) || p + e->length > end)
			break;
		if (e->type == ACPI_MADT_LOCAL_APIC &&
		    e->length >= sizeof(struct acpi_madt_lapic)) {
			const struct acpi_madt_lapic *l = (const void *)p;
			if (l->flags & ACPI_MADT_LAPIC_ENABLED)
				apic_ids[n++] = l->apic_id;
		} else if (e->type == ACPI_MADT_LOCAL_X2APIC &&
			   e->length >= sizeof(struct acpi_madt_x2apic)) {
			const struct acpi_madt_x2apic *x = (const void *)p;
			if (x->flags & ACPI_MADT_LAPIC_ENABLED)
				apic_ids[n++] = x->x2apic_id;
		}
		p += e->length;
	}
	return n;
}

/* Reads an AML PkgLength (ACPI 6.5 20.2.4) and returns the bytes it took, 0 if cut off. */
static unsigned pkg_length_bytes(const uint8_t *p, const uint8_t *end)
{
	unsigned follow = p < end ? p[0] >> AML_PKGLEN_BYTES_SHIFT : 0;

	return p + 1 + follow <= end ? 1 + follow : 0;
}

/* SLP_TYPa from "Name(_S5, Package() { a, ... })" in the DSDT. */
static bool dsdt_s5(const struct acpi_header *dsdt, uint8_t *slp_typ)
{
	const uint8_t *p = (const uint8_t *)(dsdt + 1), *end = (const uint8_t *)dsdt + dsdt->length;
	size_t name_len = strlen(ACPI_S5_NAME);

	for (; p + name_len < end; p++) {
		if (memcmp(p, ACPI_S5_NAME, name_len))
			continue;
		/* NameOp right before the name, or before a root prefix in front of it. */
		size_t at = (size_t)(p - (const uint8_t *)(dsdt + 1));
		bool named = (at >= 1 && p[-1] == AML_NAME_OP) ||
			     (at >= 2 && p[-1] == AML_ROOT_CHAR && p[-2] == AML_NAME_OP);
		if (!named)
			continue;
		const uint8_t *q = p + name_len;
		if (q >= end || *q++ != AML_PACKAGE_OP)
			continue;
		unsigned len = pkg_length_bytes(q, end);
		if (!len)
			return false;
		q += len + 1;	/* PkgLength, NumElements */
		if (q >= end)
			return false;
		if (*q == AML_ZERO_OP || *q == AML_ONE_OP)
			*slp_typ = *q;
		else if (*q == AML_BYTE_PREFIX && q + 1 < end)
			*slp_typ = q[1];
		else
			return false;
		return true;
	}
	return false;
}

bool acpi_s5(uint16_t *pm1a_cnt, uint8_t *slp_typ)
{
	const struct acpi_fadt *fadt = (const void *)acpi_find_table(ACPI_SIG_FADT);
	const struct acpi_header *dsdt;
	uint64_t dsdt_pa;

	if (!fadt || fadt->header.length < offsetof(struct acpi_fadt, pm1b_cnt_blk) ||
	    !fadt->pm1a_cnt_blk)
		return false;
	dsdt_pa = fadt->dsdt;
	if (fadt->header.length >= offsetof(struct acpi_fadt, x_dsdt) + sizeof(fadt->x_dsdt) &&
	    fadt->x_dsdt)
		dsdt_pa = fadt->x_dsdt;
	dsdt = table_at(dsdt_pa, ACPI_SIG_DSDT);
	if (!dsdt || !dsdt_s5(dsdt, slp_typ))
		return false;
	*pm1a_cnt = (uint16_t)fadt->pm1a_cnt_blk;
	return true;
}
