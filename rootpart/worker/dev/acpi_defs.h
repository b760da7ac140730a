/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ACPI table formats the worker builds (ACPI 6.5 chapter 5): RSDP, RSDT,
 * XSDT, FADT, FACS, MADT and the DSDT header, with the field values used.
 * (hv/arch/x86/include/asm/acpi.h is the core's reader-side subset.)
 */
#ifndef WORKER_ACPI_DEFS_H
#define WORKER_ACPI_DEFS_H

#include <stdint.h>

#define ACPI_SIG_RSDP      "RSD PTR "
#define ACPI_SIG_RSDT      "RSDT"
#define ACPI_SIG_XSDT      "XSDT"
#define ACPI_SIG_FADT      "FACP"
#define ACPI_SIG_FACS      "FACS"
#define ACPI_SIG_DSDT      "DSDT"
#define ACPI_SIG_MADT      "APIC"

#define ACPI_RSDP_REVISION 2	/* ACPI 2.0+ RSDP: has the XSDT */
#define ACPI_RSDT_REVISION 1
#define ACPI_XSDT_REVISION 1
#define ACPI_FADT_REVISION 6	/* ACPI 6.5 table 5.9 */
#define ACPI_FADT_MINOR    5
#define ACPI_FACS_VERSION  2
#define ACPI_DSDT_REVISION 2	/* 64-bit AML integers */
#define ACPI_MADT_REVISION 6

#define ACPI_RSDP_ALIGN    16	/* 5.2.5.1 */
#define ACPI_FACS_ALIGN    64	/* 5.2.10 */
#define ACPI_TABLE_ALIGN   8
#define ACPI_RSDP_V1_LEN   20	/* the part the first checksum covers */

struct acpi_rsdp {
	char signature[8];
	uint8_t checksum;
	char oem_id[6];
	uint8_t revision;
	uint32_t rsdt_address;
	uint32_t length;
	uint64_t xsdt_address;
	uint8_t ext_checksum;
	uint8_t reserved[3];
} __attribute__((packed));
_Static_assert(sizeof(struct acpi_rsdp) == 36, "RSDP is 36 bytes");

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
_Static_assert(sizeof(struct acpi_header) == 36, "table header is 36 bytes");

/* Generic Address Structure (5.2.3.2). */
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
	uint32_t pm1a_cnt_blk;
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
	uint64_t x_dsdt;
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

#define ACPI_PM_PROFILE_UNSPECIFIED 0
#define ACPI_P_LVL2_LAT_NONE   101	/* > 100: C2 not supported */
#define ACPI_P_LVL3_LAT_NONE   1001	/* > 1000: C3 not supported */

/* FADT.IAPC_BOOT_ARCH (table 5.11). */
#define ACPI_BOOT_LEGACY_DEVICES (1u << 0)
#define ACPI_BOOT_8042           (1u << 1)
#define ACPI_BOOT_NO_VGA         (1u << 2)
#define ACPI_BOOT_NO_MSI         (1u << 3)
#define ACPI_BOOT_NO_ASPM        (1u << 4)
#define ACPI_BOOT_NO_CMOS_RTC    (1u << 5)

/* FADT.Flags (table 5.10). */
#define ACPI_FADT_WBINVD         (1u << 0)
#define ACPI_FADT_PROC_C1        (1u << 2)
#define ACPI_FADT_PWR_BUTTON     (1u << 4)	/* set: no fixed-feature power button */
#define ACPI_FADT_SLP_BUTTON     (1u << 5)	/* set: no fixed-feature sleep button */
#define ACPI_FADT_FIX_RTC        (1u << 6)	/* set: no RTC wake status in PM1 */
#define ACPI_FADT_TMR_VAL_EXT    (1u << 8)	/* 32-bit PM timer */
#define ACPI_FADT_RESET_REG_SUP  (1u << 10)
#define ACPI_FADT_HW_REDUCED     (1u << 20)

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

struct acpi_madt {
	struct acpi_header header;
	uint32_t lapic_address;
	uint32_t flags;
} __attribute__((packed));
_Static_assert(sizeof(struct acpi_madt) == 44, "MADT fixed part is 44 bytes");

#define ACPI_MADT_PCAT_COMPAT    (1u << 0)	/* dual 8259s present */

/* MADT entry types (table 5.21) and their layouts. */
#define ACPI_MADT_LOCAL_APIC     0
#define ACPI_MADT_IO_APIC        1
#define ACPI_MADT_INT_OVERRIDE   2
#define ACPI_MADT_LOCAL_APIC_NMI 4

#define ACPI_MADT_LAPIC_ENABLED  (1u << 0)
#define ACPI_MADT_ALL_PROCESSORS 0xFF	/* Local APIC NMI: every processor */
#define ACPI_MADT_ISA_BUS        0

/* MPS INTI flags (table 5.26). */
#define ACPI_INTI_CONFORMS       0x0
#define ACPI_INTI_ACTIVE_HIGH    0x1
#define ACPI_INTI_ACTIVE_LOW     0x3
#define ACPI_INTI_EDGE           (0x1 << 2)
#define ACPI_INTI_LEVEL          (0x3 << 2)

struct acpi_madt_lapic {
	uint8_t type, length;
	uint8_t processor_uid;
	uint8_t apic_id;
	uint32_t flags;
} __attribute__((packed));
_Static_assert(sizeof(struct acpi_madt_lapic) == 8, "");

struct acpi_madt_ioapic {
	uint8_t type, length;
	uint8_t id;
	uint8_t reserved;
	uint32_t address;
	uint32_t gsi_base;
} __attribute__((packed));
_Static_assert(sizeof(struct acpi_madt_ioapic) == 12, "");

struct acpi_madt_override {
	uint8_t type, length;
	uint8_t bus;
	uint8_t source;
	uint32_t gsi;
	uint16_t flags;
} __attribute__((packed));
_Static_assert(sizeof(struct acpi_madt_override) == 10, "");

struct acpi_madt_lapic_nmi {
	uint8_t type, length;
	uint8_t processor_uid;
	uint16_t flags;
	uint8_t lint;
} __attribute__((packed));
_Static_assert(sizeof(struct acpi_madt_lapic_nmi) == 6, "");

#endif
