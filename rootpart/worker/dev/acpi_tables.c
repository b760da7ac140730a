// SPDX-License-Identifier: GPL-2.0
/* The child partition's ACPI tables: fixed hardware in the FADT, interrupts in the MADT, AML in the DSDT. */
#include "acpi_tables.h"

#include <errno.h>
#include <string.h>

#include <bulkhead/acpi.h>

#include "aml.h"
#include "platform.h"

#define OEM_ID           "BLKHD "
#define OEM_TABLE_ID     "BULKHEAD"
#define OEM_REVISION     1
#define CREATOR_ID       0x484B4C42u	/* "BLKH" */
#define CREATOR_REVISION 1
#define GPA_32BIT_LIMIT  0x100000000ull
#define BITS_PER_BYTE    8
#define UID_LEN          8
#define CPU_NAME_LEN     5
#define HEX_RADIX        16
#define COM1_UID         1
#define IO_ALIGN_1       1
#define TABLE_ALIGN      8	/* every table but the FACS (64) */

struct builder {
	uint8_t *mem;
	size_t size, used;
	uint64_t gpa_base;
	bool full;
};

uint8_t acpi_checksum(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	while (len--)
		sum = (uint8_t)(sum + *b++);
	return sum;
}

void acpi_config_default(struct acpi_config *cfg, unsigned nr_vcpus)
{
	*cfg = (struct acpi_config){
		.nr_vcpus = nr_vcpus,
		.lapic_base = PLATFORM_LAPIC_BASE,
		.ioapic_base = PLATFORM_IOAPIC_BASE,
		.ioapic_id = (uint8_t)PLATFORM_IOAPIC_ID(nr_vcpus),
		.pm1a_evt_blk = PLATFORM_PM1A_EVT_BLK,
		.pm1a_cnt_blk = PLATFORM_PM1A_CNT_BLK,
		.pm_tmr_blk = PLATFORM_PM_TMR_BLK,
		.gpe0_blk = PLATFORM_GPE0_BLK,
		.sci_irq = PLATFORM_SCI_GSI,
		.pit_isa_irq = PLATFORM_PIT_ISA_IRQ,
		.pit_gsi = PLATFORM_PIT_GSI,
		.reset_port = PLATFORM_RESET_PORT,
		.reset_value = PLATFORM_RESET_VALUE,
		.rtc_century_reg = PLATFORM_RTC_CENTURY_REG,
		.com1_base = PLATFORM_COM1_BASE,
		.com1_irq = PLATFORM_COM1_ISA_IRQ,
		.rtc_base = PLATFORM_RTC_INDEX,
		.rtc_irq = PLATFORM_RTC_ISA_IRQ,
		.slp_typ_s5 = PLATFORM_SLP_TYP_S5,
	};
}

/* Reserves 'len' zeroed bytes at the next 'align' boundary of guest-physical space. */
static void *alloc(struct builder *b, size_t len, size_t align)
{
	uint64_t gpa = b->gpa_base + b->used;
	size_t pad = (size_t)((align - gpa % align) % align);
	void *p;

	if (b->full || pad + len > b->size - b->used) {
		b->full = true;
		return NULL;
	}
	p = b->mem + b->used + pad;
	memset(p, 0, len);
	b->used += pad + len;
	return p;
}

static uint64_t gpa_of(const struct builder *b, const void *p)
{
	return b->gpa_base + (uint64_t)((const uint8_t *)p - b->mem);
}

static void header(struct acpi_header *h, const char *sig, uint32_t len, uint8_t rev)
{
	memcpy(h->signature, sig, sizeof(h->signature));
	h->length = len;
	h->revision = rev;
	memcpy(h->oem_id, OEM_ID, sizeof(h->oem_id));
	memcpy(h->oem_table_id, OEM_TABLE_ID, sizeof(h->oem_table_id));
	h->oem_revision = OEM_REVISION;
	h->creator_id = CREATOR_ID;
	h->creator_revision = CREATOR_REVISION;
}

static void seal(struct acpi_header *h)
{
	h->checksum = 0;
	h->checksum = (uint8_t)-acpi_checksum(h, h->length);
}

static struct acpi_gas io_gas(uint16_t port, uint8_t len, uint8_t access)
{
	return (struct acpi_gas){ .space_id = ACPI_GAS_SYSTEM_IO, .bit_width = (uint8_t)(len * BITS_PER_BYTE),
				  .access_size = access, .address = port };
}

static struct acpi_facs *build_facs(struct builder *b)
{
	struct acpi_facs *facs = alloc(b, sizeof(*facs), ACPI_FACS_ALIGN);

	if (facs) {
		memcpy(facs->signature, ACPI_SIG_FACS, sizeof(facs->signature));
		facs->length = sizeof(*facs);
		facs->version = ACPI_FACS_VERSION;
	}
	return facs;
}

/* Fixed hardware as platform.h lays it out; the 32-bit and X_ blocks say the same. */
static void fadt_blocks(struct acpi_fadt *f, const struct acpi_config *cfg)
{
	f->sci_int = cfg->sci_irq;
	f->pm1a_evt_blk = cfg->pm1a_evt_blk;
	f->pm1a_cnt_blk = cfg->pm1a_cnt_blk;
	f->pm_tmr_blk = cfg->pm_tmr_blk;
	f->gpe0_blk = cfg->gpe0_blk;
	f->pm1_evt_len = PLATFORM_PM1_EVT_LEN;
	f->pm1_cnt_len = PLATFORM_PM1_CNT_LEN;
	f->pm_tmr_len = PLATFORM_PM_TMR_LEN;
	f->gpe0_blk_len = PLATFORM_GPE0_BLK_LEN;
	f->x_pm1a_evt_blk = io_gas(cfg->pm1a_evt_blk, PLATFORM_PM1_EVT_LEN, ACPI_GAS_ACCESS_WORD);
	f->x_pm1a_cnt_blk = io_gas(cfg->pm1a_cnt_blk, PLATFORM_PM1_CNT_LEN, ACPI_GAS_ACCESS_WORD);
	f->x_pm_tmr_blk = io_gas(cfg->pm_tmr_blk, PLATFORM_PM_TMR_LEN, ACPI_GAS_ACCESS_DWORD);
	f->x_gpe0_blk = io_gas(cfg->gpe0_blk, PLATFORM_GPE0_BLK_LEN, ACPI_GAS_ACCESS_BYTE);
	f->reset_reg = io_gas(cfg->reset_port, 1, ACPI_GAS_ACCESS_BYTE);
	f->reset_value = cfg->reset_value;
}

/*
 * No SMI command port: the platform is always in ACPI mode. No i8042 flag,
 * so Linux skips probing a keyboard controller that only knows the reset
 * command; the RTC is present and there is no VGA.
 */
static struct acpi_fadt *build_fadt(struct builder *b, const struct acpi_config *cfg,
				    const struct acpi_facs *facs, uint64_t dsdt)
{
	struct acpi_fadt *f = alloc(b, sizeof(*f), TABLE_ALIGN);

	if (!f)
		return NULL;
	header(&f->header, ACPI_SIG_FADT, sizeof(*f), ACPI_FADT_REVISION);
	f->minor_version = ACPI_FADT_MINOR;
	f->preferred_pm_profile = ACPI_PM_PROFILE_UNSPECIFIED;
	fadt_blocks(f, cfg);
	f->p_lvl2_lat = ACPI_P_LVL2_LAT_NONE;
	f->p_lvl3_lat = ACPI_P_LVL3_LAT_NONE;
	f->century = cfg->rtc_century_reg;
	f->iapc_boot_arch = ACPI_BOOT_LEGACY_DEVICES | ACPI_BOOT_NO_VGA | ACPI_BOOT_NO_MSI |
			    ACPI_BOOT_NO_ASPM;
	f->flags = ACPI_FADT_WBINVD | ACPI_FADT_PROC_C1 | ACPI_FADT_SLP_BUTTON | ACPI_FADT_FIX_RTC |
		   ACPI_FADT_TMR_VAL_EXT | ACPI_FADT_RESET_REG_SUP;
	/* ACPI 6.5 5.2.9: with X_FIRMWARE_CTRL set, FIRMWARE_CTRL stays zero. */
	f->x_firmware_ctrl = gpa_of(b, facs);
	f->dsdt = (uint32_t)dsdt;
	f->x_dsdt = dsdt;
	seal(&f->header);
	return f;
}

static void madt_override(struct builder *b, uint8_t irq, uint32_t gsi, uint16_t flags)
{
	struct acpi_madt_override *o = alloc(b, sizeof(*o), 1);

	if (o)
		*o = (struct acpi_madt_override){ { ACPI_MADT_INT_OVERRIDE, sizeof(*o) },
						  ACPI_MADT_ISA_BUS, irq, gsi, flags };
}

static struct acpi_madt *build_madt(struct builder *b, const struct acpi_config *cfg)
{
	struct acpi_madt *m = alloc(b, sizeof(*m), TABLE_ALIGN);
	struct acpi_madt_ioapic *io;
	struct acpi_madt_lapic_nmi *nmi;

	if (!m)
		return NULL;
	m->lapic_address = cfg->lapic_base;
	m->flags = ACPI_MADT_PCAT_COMPAT;
	for (unsigned i = 0; i < cfg->nr_vcpus; i++) {
		struct acpi_madt_lapic *l = alloc(b, sizeof(*l), 1);

		if (l)
			*l = (struct acpi_madt_lapic){ { ACPI_MADT_LOCAL_APIC, sizeof(*l) },
						       (uint8_t)i, (uint8_t)i,
						       ACPI_MADT_LAPIC_ENABLED };
	}
	io = alloc(b, sizeof(*io), 1);
	if (io)
		*io = (struct acpi_madt_ioapic){ { ACPI_MADT_IO_APIC, sizeof(*io) }, cfg->ioapic_id,
						 0, cfg->ioapic_base, PLATFORM_IOAPIC_GSI_BASE };
	madt_override(b, cfg->pit_isa_irq, cfg->pit_gsi, ACPI_INTI_CONFORMS);
	madt_override(b, (uint8_t)cfg->sci_irq, cfg->sci_irq, ACPI_INTI_LEVEL | ACPI_INTI_ACTIVE_LOW);
	nmi = alloc(b, sizeof(*nmi), 1);
	if (nmi)
		*nmi = (struct acpi_madt_lapic_nmi){ { ACPI_MADT_LOCAL_APIC_NMI, sizeof(*nmi) },
						     ACPI_MADT_ALL_PROCESSORS, ACPI_INTI_CONFORMS, 1 };
	if (b->full)
		return NULL;
	header(&m->header, ACPI_SIG_MADT, (uint32_t)(b->mem + b->used - (uint8_t *)m), ACPI_MADT_REVISION);
	seal(&m->header);
	return m;
}

/* ResourceTemplate(){ IO(Decode16, base, base, 1, len) IRQNoFlags(){irq} } */
static void isa_resources(struct aml *a, uint16_t base, uint8_t len, uint8_t irq)
{
	const uint8_t crs[] = {
		AML_RES_IO, AML_RES_IO_DECODE16, (uint8_t)base, (uint8_t)(base >> BITS_PER_BYTE),
		(uint8_t)base, (uint8_t)(base >> BITS_PER_BYTE), IO_ALIGN_1, len,
		AML_RES_IRQ_NOFLAGS, (uint8_t)(1u << irq), (uint8_t)((1u << irq) >> BITS_PER_BYTE),
		AML_RES_END_TAG, 0,
	};

	aml_name(a, "_CRS");
	aml_buffer(a, crs, sizeof(crs));
}

static void dsdt_body(struct aml *a, const struct acpi_config *cfg)
{
	aml_scope_begin(a, "\\_SB");
	for (unsigned i = 0; i < cfg->nr_vcpus; i++) {
		char name[CPU_NAME_LEN] = "C000";

		name[1] = "0123456789ABCDEF"[(i / (HEX_RADIX * HEX_RADIX)) % HEX_RADIX];
		name[2] = "0123456789ABCDEF"[(i / HEX_RADIX) % HEX_RADIX];
		name[3] = "0123456789ABCDEF"[i % HEX_RADIX];
		aml_device_begin(a, name);	/* processor device: _UID = the MADT processor UID */
		aml_name(a, "_HID");
		aml_string(a, "ACPI0007");
		aml_name(a, "_UID");
		aml_integer(a, i);
		aml_end(a);
	}
	aml_device_begin(a, "COM1");
	aml_name(a, "_HID");
	aml_eisaid(a, "PNP0501");	/* 16550A-compatible COM port */
	aml_name(a, "_UID");
	aml_integer(a, COM1_UID);
	isa_resources(a, cfg->com1_base, PLATFORM_COM1_PORTS, cfg->com1_irq);
	aml_end(a);
	aml_device_begin(a, "RTC");
	aml_name(a, "_HID");
	aml_eisaid(a, "PNP0B00");	/* AT real-time clock */
	isa_resources(a, cfg->rtc_base, 2, cfg->rtc_irq);
	aml_end(a);
	aml_end(a);
	/* \_S5: SLP_TYPa, SLP_TYPb, reserved, reserved (ACPI 6.5 7.4.2) */
	aml_name(a, "\\_S5");
	aml_package_begin(a, 4);
	aml_integer(a, cfg->slp_typ_s5);
	aml_integer(a, cfg->slp_typ_s5);
	aml_integer(a, 0);
	aml_integer(a, 0);
	aml_end(a);
}

static struct acpi_header *build_dsdt(struct builder *b, const struct acpi_config *cfg)
{
	struct acpi_header *h = alloc(b, sizeof(*h), TABLE_ALIGN);
	struct aml a;

	if (!h)
		return NULL;
	aml_init(&a, b->mem + b->used, b->size - b->used);
	dsdt_body(&a, cfg);
	if (a.error) {
		b->full = true;
		return NULL;
	}
	b->used += a.len;
	header(h, ACPI_SIG_DSDT, (uint32_t)(sizeof(*h) + a.len), ACPI_DSDT_REVISION);
	seal(h);
	return h;
}

static bool config_ok(const struct acpi_config *cfg, uint64_t gpa_base)
{
	return cfg->nr_vcpus >= 1 && cfg->nr_vcpus <= PLATFORM_MAX_VCPUS &&
	       cfg->sci_irq < PLATFORM_IOAPIC_PINS && cfg->com1_irq < PLATFORM_IOAPIC_PINS &&
	       cfg->rtc_irq < PLATFORM_IOAPIC_PINS && gpa_base < GPA_32BIT_LIMIT;
}

int acpi_build_tables(uint8_t *mem, size_t size, uint64_t gpa_base, const struct acpi_config *cfg,
		      uint64_t *rsdp_gpa)
{
	struct builder b = { mem, size, 0, gpa_base, false };
	struct acpi_rsdp *rsdp;
	struct acpi_header *xsdt, *rsdt, *dsdt;
	struct acpi_fadt *fadt;
	struct acpi_madt *madt;
	uint64_t *xsdt_entries;
	uint32_t *rsdt_entries;
	enum { NR_TABLES = 2 };

	if (!config_ok(cfg, gpa_base))
		return -EINVAL;
	if (b.size > GPA_32BIT_LIMIT - gpa_base)
		b.size = (size_t)(GPA_32BIT_LIMIT - gpa_base);	/* everything stays below 4 GiB */
	rsdp = alloc(&b, sizeof(*rsdp), ACPI_RSDP_ALIGN);
	xsdt = alloc(&b, sizeof(*xsdt) + NR_TABLES * sizeof(uint64_t), TABLE_ALIGN);
	rsdt = alloc(&b, sizeof(*rsdt) + NR_TABLES * sizeof(uint32_t), TABLE_ALIGN);
	struct acpi_facs *facs = build_facs(&b);
	dsdt = build_dsdt(&b, cfg);
	fadt = dsdt && facs ? build_fadt(&b, cfg, facs, gpa_of(&b, dsdt)) : NULL;
	madt = build_madt(&b, cfg);
	if (b.full || !rsdp || !xsdt || !rsdt || !fadt || !madt)
		return -ENOSPC;

	/* The 64-bit entries are unaligned after the 36-byte header: copy them in. */
	xsdt_entries = (uint64_t[NR_TABLES]){ gpa_of(&b, fadt), gpa_of(&b, madt) };
	header(xsdt, ACPI_SIG_XSDT, sizeof(*xsdt) + NR_TABLES * sizeof(uint64_t), ACPI_XSDT_REVISION);
	memcpy(xsdt + 1, xsdt_entries, NR_TABLES * sizeof(uint64_t));
	seal(xsdt);
	rsdt_entries = (uint32_t[NR_TABLES]){ (uint32_t)gpa_of(&b, fadt), (uint32_t)gpa_of(&b, madt) };
	header(rsdt, ACPI_SIG_RSDT, sizeof(*rsdt) + NR_TABLES * sizeof(uint32_t), ACPI_RSDT_REVISION);
	memcpy(rsdt + 1, rsdt_entries, NR_TABLES * sizeof(uint32_t));
	seal(rsdt);

	memcpy(rsdp->signature, ACPI_SIG_RSDP, sizeof(rsdp->signature));
	memcpy(rsdp->oem_id, OEM_ID, sizeof(rsdp->oem_id));
	rsdp->revision = ACPI_RSDP_REVISION;
	rsdp->rsdt_address = (uint32_t)gpa_of(&b, rsdt);
	rsdp->length = sizeof(*rsdp);
	rsdp->xsdt_address = gpa_of(&b, xsdt);
	rsdp->checksum = (uint8_t)-acpi_checksum(rsdp, ACPI_RSDP_V1_LEN);
	rsdp->ext_checksum = (uint8_t)-acpi_checksum(rsdp, sizeof(*rsdp));
	*rsdp_gpa = gpa_of(&b, rsdp);
	return (int)b.used;
}
