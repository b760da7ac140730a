/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few ACPI tables the core and the test guests read: RSDP, XSDT/RSDT and
 * the MADT, to find the processors, and the FADT and DSDT's \_S5 object, to
 * power off (ACPI 6.5 sections 5.2.5, 5.2.7, 5.2.8, 5.2.9, 5.2.12, 7.4.2).
 */
#ifndef ASM_ACPI_H
#define ASM_ACPI_H

#include <stdint.h>

#define ACPI_RSDP_SIGNATURE "RSD PTR "
#define ACPI_SIG_XSDT "XSDT"
#define ACPI_SIG_RSDT "RSDT"
#define ACPI_SIG_MADT "APIC"
#define ACPI_SIG_FADT "FACP"
#define ACPI_SIG_DSDT "DSDT"
#define ACPI_RSDP_REV2 2

/* Where firmware places the RSDP on a PC (ACPI 6.5 5.2.5.1), 16-byte aligned. */
#define ACPI_RSDP_ALIGN        16
#define ACPI_BDA_EBDA_SEGMENT  0x40E	/* BIOS data area word: EBDA segment */
#define ACPI_EBDA_SEARCH_BYTES 1024	/* the first 1 KiB of the EBDA */
#define ACPI_BIOS_ROM_START    0xE0000
#define ACPI_BIOS_ROM_END      0x100000

struct acpi_rsdp {
	char signature[8];
	uint8_t checksum;
	char oem_id[6];
	uint8_t revision;
	uint32_t rsdt_address;
	uint32_t length;		/* revision >= 2 from here */
	uint64_t xsdt_address;
	uint8_t ext_checksum;
	uint8_t reserved[3];
} __attribute__((packed));
_Static_assert(sizeof(struct acpi_rsdp) == 36, "ACPI 2.0 RSDP is 36 bytes");

struct acpi_header {
	char signature[4];
	uint32_t length;
	uint8_t revision;
	uint8_t checksum;
	char oem_id[6];
	char oem_table_id[8];
	uint32_t oem_revision;
	uint32_t creator_id;
	uint32_t creator_revision;
} __attribute__((packed));
_Static_assert(sizeof(struct acpi_header) == 36, "ACPI table header is 36 bytes");

struct acpi_madt {
	struct acpi_header header;
	uint32_t lapic_address;
	uint32_t flags;
} __attribute__((packed));
_Static_assert(sizeof(struct acpi_madt) == 44, "MADT fixed part is 44 bytes");

/* FADT (ACPI 6.5 table 5.9), up to X_DSDT: the fields a guest needs to power off. */
struct acpi_fadt {
	struct acpi_header header;
	uint32_t firmware_ctrl;
	uint32_t dsdt;
	uint8_t reserved0;
	uint8_t preferred_pm_profile;
	uint16_t sci_int;
	uint32_t smi_cmd;
	uint8_t acpi_enable;
	uint8_t acpi_disable;
	uint8_t s4bios_req;
	uint8_t pstate_cnt;
	uint32_t pm1a_evt_blk;
	uint32_t pm1b_evt_blk;
	uint32_t pm1a_cnt_blk;		/* I/O port of PM1a control */
	uint32_t pm1b_cnt_blk;
	uint32_t pm2_cnt_blk;
	uint32_t pm_tmr_blk;
	uint32_t gpe0_blk;
	uint32_t gpe1_blk;
	uint8_t pm1_evt_len;
	uint8_t pm1_cnt_len;
	uint8_t pm2_cnt_len;
	uint8_t pm_tmr_len;
	uint8_t gpe0_blk_len;
	uint8_t gpe1_blk_len;
	uint8_t gpe1_base;
	uint8_t cst_cnt;
	uint16_t p_lvl2_lat;
	uint16_t p_lvl3_lat;
	uint16_t flush_size;
	uint16_t flush_stride;
	uint8_t duty_offset;
	uint8_t duty_width;
	uint8_t day_alrm;
	uint8_t mon_alrm;
	uint8_t century;
	uint16_t iapc_boot_arch;
	uint8_t reserved1;
	uint32_t flags;
	uint8_t reset_reg[12];		/* generic address structure */
	uint8_t reset_value;
	uint16_t arm_boot_arch;
	uint8_t fadt_minor_version;
	uint64_t x_firmware_ctrl;
	uint64_t x_dsdt;		/* 64-bit DSDT address; wins over dsdt if set */
} __attribute__((packed));
_Static_assert(sizeof(struct acpi_fadt) == 148, "FADT up to X_DSDT is 148 bytes");

/* PM1 control register (ACPI 6.5 table 4.13). */
#define ACPI_PM1_CNT_SCI_EN        (1u << 0)
#define ACPI_PM1_CNT_SLP_TYP_SHIFT 10
#define ACPI_PM1_CNT_SLP_TYP_MASK  (7u << ACPI_PM1_CNT_SLP_TYP_SHIFT)
#define ACPI_PM1_CNT_SLP_EN        (1u << 13)

/*
 * AML encodings needed to read Name(\_S5, Package() {SLP_TYPa, ...}) from the
 * DSDT (ACPI 6.5 sections 20.2.3, 20.2.4, 20.2.5.1 and 20.2.5.4).
 */
#define ACPI_S5_NAME         "_S5_"
#define AML_ROOT_CHAR        '\\'
#define AML_NAME_OP          0x08
#define AML_PACKAGE_OP       0x12
#define AML_ZERO_OP          0x00
#define AML_ONE_OP           0x01
#define AML_BYTE_PREFIX      0x0A
#define AML_PKGLEN_BYTES_SHIFT 6	/* lead byte bits 7:6: bytes that follow */

/* MADT entry types (ACPI 6.5 table 5.21). */
#define MADT_LOCAL_APIC     0
#define MADT_IO_APIC        1
#define MADT_INT_OVERRIDE   2
#define MADT_LOCAL_APIC_NMI 4
#define MADT_LOCAL_X2APIC   9

#define MADT_LAPIC_ENABLED        (1u << 0)
#define MADT_LAPIC_ONLINE_CAPABLE (1u << 1)

struct madt_entry {
	uint8_t type;
	uint8_t length;
} __attribute__((packed));

struct madt_local_apic {
	struct madt_entry h;
	uint8_t processor_uid;
	uint8_t apic_id;
	uint32_t flags;
} __attribute__((packed));

struct madt_local_x2apic {
	struct madt_entry h;
	uint16_t reserved;
	uint32_t x2apic_id;
	uint32_t flags;
	uint32_t processor_uid;
} __attribute__((packed));

#endif
