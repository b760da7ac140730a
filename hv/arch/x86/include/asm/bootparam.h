/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Linux x86 boot protocol: setup-header and zero-page ("boot_params")
 * offsets and flags. Source: Linux Documentation/arch/x86/boot.rst
 * ("The Real-Mode Kernel Header", "32-bit Boot Protocol") and
 * Documentation/arch/x86/zero-page.rst, protocol 2.15.
 */
#ifndef ASM_BOOTPARAM_H
#define ASM_BOOTPARAM_H

#define BP_SIZE                 4096u

/* boot_params ("zero page") fields. */
#define BP_SCREEN_INFO          0x000
#define BP_ACPI_RSDP_ADDR       0x070	/* u64, protocol 2.14 */
#define BP_EXT_RAMDISK_IMAGE    0x0C0	/* u32, high half of ramdisk_image */
#define BP_EXT_RAMDISK_SIZE     0x0C4
#define BP_EXT_CMD_LINE_PTR     0x0C8
#define BP_EFI_INFO             0x1C0	/* left zero: the root gets no EFI */
#define BP_E820_ENTRIES         0x1E8	/* u8 */
#define BP_SENTINEL             0x1EF	/* must stay 0 */
#define BP_E820_TABLE           0x2D0	/* struct e820_entry[128] */
#define BP_E820_MAX             128u
#define BP_E820_ENTRY_SIZE      20u	/* u64 addr, u64 size, u32 type, packed */

/* Setup header fields (offsets within the file and the zero page alike). */
#define HDR_START               0x1F1	/* first byte copied into the zero page */
#define HDR_SETUP_SECTS         0x1F1	/* u8; 0 means 4 */
#define HDR_VID_MODE            0x1FA	/* u16 */
#define HDR_BOOT_FLAG           0x1FE	/* u16, 0xAA55 */
#define HDR_JUMP                0x200	/* u16; byte 0x201 + 0x202 = end of header */
#define HDR_MAGIC               0x202	/* u32 "HdrS" */
#define HDR_VERSION             0x206	/* u16 */
#define HDR_TYPE_OF_LOADER      0x210	/* u8 */
#define HDR_LOADFLAGS           0x211	/* u8 */
#define HDR_CODE32_START        0x214	/* u32 */
#define HDR_RAMDISK_IMAGE       0x218	/* u32 */
#define HDR_RAMDISK_SIZE        0x21C	/* u32 */
#define HDR_HEAP_END_PTR        0x224	/* u16 */
#define HDR_CMD_LINE_PTR        0x228	/* u32 */
#define HDR_INITRD_ADDR_MAX     0x22C	/* u32 */
#define HDR_KERNEL_ALIGNMENT    0x230	/* u32 */
#define HDR_RELOCATABLE_KERNEL  0x234	/* u8 */
#define HDR_MIN_ALIGNMENT       0x235	/* u8, log2 */
#define HDR_XLOADFLAGS          0x236	/* u16 */
#define HDR_CMDLINE_SIZE        0x238	/* u32 */
#define HDR_SETUP_DATA          0x250	/* u64 */
#define HDR_PREF_ADDRESS        0x258	/* u64 */
#define HDR_INIT_SIZE           0x260	/* u32 */

#define HDR_MAGIC_VALUE         0x53726448u	/* "HdrS" */
#define HDR_BOOT_FLAG_VALUE     0xAA55u
#define HDR_MIN_VERSION         0x020Cu		/* 2.12: xloadflags, 64-bit fields */
#define HDR_DEFAULT_SETUP_SECTS 4u
#define HDR_SECTOR_SIZE         512u
#define HDR_TYPE_UNDEFINED      0xFFu		/* "undefined" boot loader ID */
#define HDR_VID_MODE_NORMAL     0xFFFFu

#define LOADFLAG_LOADED_HIGH    (1u << 0)
#define LOADFLAG_CAN_USE_HEAP   (1u << 7)
#define XLF_KERNEL_64           (1u << 0)
#define XLF_CAN_BE_LOADED_ABOVE_4G (1u << 1)

/* e820 types (ACPI address range types), same numbering as bh_mem_type. */
#define E820_TYPE_RAM           1u
#define E820_TYPE_RESERVED      2u

/* Flat GDT selectors the 32-bit entry expects (boot.rst "32-bit Boot Protocol"). */
#define BOOT_CS_SELECTOR        0x10u
#define BOOT_DS_SELECTOR        0x18u

#endif
