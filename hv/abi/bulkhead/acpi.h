/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ACPI, as the specification defines it: the table formats the worker builds
 * for its guests and the core and the test guests read from firmware, the PM1
 * fixed-hardware register bits and the AML encodings used. One definition
 * each, shared by every component. Sources (ACPI 6.5):
 *   signatures, revisions, RSDP, header   5.2.5, 5.2.6 (5.2.5.1: BIOS search)
 *   Generic Address Structure             5.2.3.2
 *   FADT                                  5.2.9, tables 5.9 (layout), 5.10 (flags),
 *                                         5.11 (IAPC_BOOT_ARCH)
 *   FACS                                  5.2.10
 *   MADT                                  5.2.12, tables 5.21 (entry types),
 *                                         5.26 (MPS INTI flags)
 *   PM1 registers, PM timer               4.8 (PM1 event and control grouping, PM_TMR)
 *   AML encodings                         chapter 20 (20.2); \_S5 in 7.4.2
 */
#ifndef BULKHEAD_ACPI_H
#define BULKHEAD_ACPI_H

#include <stddef.h>
#include <stdint.h>

/* Table signatures (5.2.5, 5.2.6) */
#define ACPI_SIG_RSDP      "RSD PTR "
#define ACPI_SIG_RSDT      "RSDT"
#define ACPI_SIG_XSDT      "XSDT"
#define ACPI_SIG_FADT      "FACP"
#define ACPI_SIG_FACS      "FACS"
#define ACPI_SIG_DSDT      "DSDT"
#define ACPI_SIG_MADT      "APIC"

/* Revisions of the layouts below */
#define ACPI_RSDP_REVISION 2	/* ACPI 2.0+ RSDP: has the XSDT (and 'length' onwards) */
#define ACPI_RSDT_REVISION 1
#define ACPI_XSDT_REVISION 1
#define ACPI_FADT_REVISION 6	/* table 5.9 */
#define ACPI_FADT_MINOR    5
#define ACPI_FACS_VERSION  2
#define ACPI_DSDT_REVISION 2	/* 64-bit AML integers */
#define ACPI_MADT_REVISION 6

#define ACPI_FACS_ALIGN    64	/* 5.2.10 */

/* RSDP (5.2.5.3) and where firmware places it on a PC (5.2.5.1), 16-byte aligned */
#define ACPI_RSDP_ALIGN        16
#define ACPI_RSDP_V1_LEN       20	/* the ACPI 1.0 part the first checksum covers */
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
_Static_assert(offsetof(struct acpi_rsdp, length) == ACPI_RSDP_V1_LEN, "RSDP 1.0 part is 20 bytes");

/* System description table header (5.2.6) */
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

/* Generic Address Structure (5.2.3.2) */
struct acpi_gas {
	uint8_t space_id;
	uint8_t bit_width;
	uint8_t bit_offset;
	uint8_t access_size;
	uint64_t address;
} __attribute__((packed));
_Static_assert(sizeof(struct acpi_gas) == 12, "GAS is 12 bytes");

#define ACPI_GAS_SYSTEM_IO     1
#define ACPI_GAS_ACCESS_BYTE   1
#define ACPI_GAS_ACCESS_WORD   2
#define ACPI_GAS_ACCESS_DWORD  3

/*
 * FADT, revision 6 (5.2.9, table 5.9). Firmware may hand out shorter, older
 * FADTs: a reader checks header.length covers a field before using it.
 */
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
	struct acpi_gas reset_reg;
	uint8_t reset_value;
	uint16_t arm_boot_arch;
	uint8_t minor_version;
	uint64_t x_firmware_ctrl;
	uint64_t x_dsdt;		/* 64-bit DSDT address; wins over dsdt if set */
	struct acpi_gas x_pm1a_evt_blk;
	struct acpi_gas x_pm1b_evt_blk;
	struct acpi_gas x_pm1a_cnt_blk;
	struct acpi_gas x_pm1b_cnt_blk;
	struct acpi_gas x_pm2_cnt_blk;
	struct acpi_gas x_pm_tmr_blk;
	struct acpi_gas x_gpe0_blk;
	struct acpi_gas x_gpe1_blk;
	struct acpi_gas sleep_control_reg;
	struct acpi_gas sleep_status_reg;
	uint64_t hypervisor_vendor_id;
} __attribute__((packed));
_Static_assert(sizeof(struct acpi_fadt) == 276, "FADT revision 6 is 276 bytes");
_Static_assert(offsetof(struct acpi_fadt, reset_reg) == 116, "FADT RESET_REG at 116");
_Static_assert(offsetof(struct acpi_fadt, x_dsdt) == 140, "FADT X_DSDT at 140");
_Static_assert(offsetof(struct acpi_fadt, x_pm1a_evt_blk) == 148, "FADT X_PM1a_EVT_BLK at 148");

#define ACPI_PM_PROFILE_UNSPECIFIED 0
#define ACPI_P_LVL2_LAT_NONE   101	/* > 100: C2 not supported */
#define ACPI_P_LVL3_LAT_NONE   1001	/* > 1000: C3 not supported */

/* FADT.IAPC_BOOT_ARCH (table 5.11) */
#define ACPI_BOOT_LEGACY_DEVICES (1u << 0)
#define ACPI_BOOT_8042           (1u << 1)
#define ACPI_BOOT_NO_VGA         (1u << 2)
#define ACPI_BOOT_NO_MSI         (1u << 3)
#define ACPI_BOOT_NO_ASPM        (1u << 4)
#define ACPI_BOOT_NO_CMOS_RTC    (1u << 5)

/* FADT.Flags (table 5.10) */
#define ACPI_FADT_WBINVD         (1u << 0)
#define ACPI_FADT_PROC_C1        (1u << 2)
#define ACPI_FADT_PWR_BUTTON     (1u << 4)	/* set: no fixed-feature power button */
#define ACPI_FADT_SLP_BUTTON     (1u << 5)	/* set: no fixed-feature sleep button */
#define ACPI_FADT_FIX_RTC        (1u << 6)	/* set: no RTC wake status in PM1 */
#define ACPI_FADT_TMR_VAL_EXT    (1u << 8)	/* 32-bit PM timer */
#define ACPI_FADT_RESET_REG_SUP  (1u << 10)
#define ACPI_FADT_HW_REDUCED     (1u << 20)

/* FACS (5.2.10) */
struct acpi_facs {
	char signature[4];
	uint32_t length;
	uint32_t hardware_signature;
	uint32_t firmware_waking_vector;
	uint32_t global_lock;
	uint32_t flags;
	uint64_t x_firmware_waking_vector;
	uint8_t version;
	uint8_t reserved[3];
	uint32_t ospm_flags;
	uint8_t reserved1[24];
} __attribute__((packed));
_Static_assert(sizeof(struct acpi_facs) == 64, "FACS is 64 bytes");

/* MADT (5.2.12): the fixed part, then entries of (type, length, ...) */
struct acpi_madt {
	struct acpi_header header;
	uint32_t lapic_address;
	uint32_t flags;
} __attribute__((packed));
_Static_assert(sizeof(struct acpi_madt) == 44, "MADT fixed part is 44 bytes");

#define ACPI_MADT_PCAT_COMPAT    (1u << 0)	/* dual 8259s present */

/* MADT entry types (table 5.21) */
#define ACPI_MADT_LOCAL_APIC     0
#define ACPI_MADT_IO_APIC        1
#define ACPI_MADT_INT_OVERRIDE   2
#define ACPI_MADT_LOCAL_APIC_NMI 4
#define ACPI_MADT_LOCAL_X2APIC   9

/* Local APIC and local x2APIC flags */
#define ACPI_MADT_LAPIC_ENABLED         (1u << 0)
#define ACPI_MADT_LAPIC_ONLINE_CAPABLE  (1u << 1)
#define ACPI_MADT_ALL_PROCESSORS 0xFF	/* Local APIC NMI: every processor */
#define ACPI_MADT_ISA_BUS        0	/* Interrupt Source Override: bus */

/* MPS INTI flags (table 5.26) */
#define ACPI_INTI_CONFORMS       0x0
#define ACPI_INTI_ACTIVE_HIGH    0x1
#define ACPI_INTI_ACTIVE_LOW     0x3
#define ACPI_INTI_EDGE           (0x1 << 2)
#define ACPI_INTI_LEVEL          (0x3 << 2)

struct acpi_madt_entry {
	uint8_t type;
	uint8_t length;
} __attribute__((packed));
_Static_assert(sizeof(struct acpi_madt_entry) == 2, "MADT entry header is 2 bytes");

struct acpi_madt_lapic {
	struct acpi_madt_entry header;
	uint8_t processor_uid;
	uint8_t apic_id;
	uint32_t flags;
} __attribute__((packed));
_Static_assert(sizeof(struct acpi_madt_lapic) == 8, "MADT local APIC is 8 bytes");

struct acpi_madt_ioapic {
	struct acpi_madt_entry header;
	uint8_t id;
	uint8_t reserved;
	uint32_t address;
	uint32_t gsi_base;
} __attribute__((packed));
_Static_assert(sizeof(struct acpi_madt_ioapic) == 12, "MADT I/O APIC is 12 bytes");

struct acpi_madt_override {
	struct acpi_madt_entry header;
	uint8_t bus;
	uint8_t source;
	uint32_t gsi;
	uint16_t flags;
} __attribute__((packed));
_Static_assert(sizeof(struct acpi_madt_override) == 10, "MADT source override is 10 bytes");

struct acpi_madt_lapic_nmi {
	struct acpi_madt_entry header;
	uint8_t processor_uid;
	uint16_t flags;
	uint8_t lint;
} __attribute__((packed));
_Static_assert(sizeof(struct acpi_madt_lapic_nmi) == 6, "MADT local APIC NMI is 6 bytes");

struct acpi_madt_x2apic {
	struct acpi_madt_entry header;
	uint16_t reserved;
	uint32_t x2apic_id;
	uint32_t flags;
	uint32_t processor_uid;
} __attribute__((packed));
_Static_assert(sizeof(struct acpi_madt_x2apic) == 16, "MADT local x2APIC is 16 bytes");

/*
 * PM1 fixed-hardware registers (4.8). Status and enable: each event has its
 * _STS and _EN bit at the same position; BM and WAK have a status bit only.
 */
#define ACPI_PM1_TMR        (1u << 0)
#define ACPI_PM1_BM_STS     (1u << 4)
#define ACPI_PM1_GBL        (1u << 5)
#define ACPI_PM1_PWRBTN     (1u << 8)
#define ACPI_PM1_SLPBTN     (1u << 9)
#define ACPI_PM1_RTC        (1u << 10)
#define ACPI_PM1_WAK_STS    (1u << 15)

/* PM1 control */
#define ACPI_PM1_SCI_EN     (1u << 0)
#define ACPI_PM1_BM_RLD     (1u << 1)
#define ACPI_PM1_GBL_RLS    (1u << 2)	/* write-only */
#define ACPI_PM1_SLP_TYP_SHIFT 10
#define ACPI_PM1_SLP_TYP_MASK  (7u << ACPI_PM1_SLP_TYP_SHIFT)
#define ACPI_PM1_SLP_EN     (1u << 13)	/* write-only */

#define ACPI_PM_TIMER_HZ    3579545u	/* PM_TMR (4.8.3.3) */

/*
 * AML encodings (chapter 20, 20.2): opcodes, data prefixes, name characters,
 * PkgLength, and the \_S5 name a guest looks up to power off (7.4.2).
 */
#define AML_ZERO_OP        0x00
#define AML_ONE_OP         0x01
#define AML_NAME_OP        0x08
#define AML_BYTE_PREFIX    0x0A
#define AML_WORD_PREFIX    0x0B
#define AML_DWORD_PREFIX   0x0C
#define AML_STRING_PREFIX  0x0D
#define AML_QWORD_PREFIX   0x0E
#define AML_SCOPE_OP       0x10
#define AML_BUFFER_OP      0x11
#define AML_PACKAGE_OP     0x12
#define AML_DUAL_NAME_PREFIX  0x2E
#define AML_MULTI_NAME_PREFIX 0x2F
#define AML_EXT_OP_PREFIX  0x5B
#define AML_DEVICE_OP      0x82	/* after AML_EXT_OP_PREFIX */
#define AML_ROOT_CHAR      0x5C	/* '\' */
#define AML_PARENT_CHAR    0x5E	/* '^' */
#define AML_ONES_OP        0xFF
#define AML_NAMESEG_LEN    4

/* PkgLength (20.2.4): one byte up to 63, else 2-4 bytes with the count in bits 7:6. */
#define AML_PKGLEN_1BYTE_MAX   0x3F
#define AML_PKGLEN_MAX         0x0FFFFFFF
#define AML_PKGLEN_BYTES_SHIFT 6	/* lead byte bits 7:6: bytes that follow */

#define ACPI_S5_NAME       "_S5_"

#endif
