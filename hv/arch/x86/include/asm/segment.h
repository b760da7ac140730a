/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The core's GDT, TSS and IDT layout (SDM Vol 3 3.4.5, 7.7, 6.14).
 * Selectors are shared with entry.S and the AP trampoline.
 */
#ifndef ASM_SEGMENT_H
#define ASM_SEGMENT_H

#define GDT_NULL        0
#define GDT_CODE64      1
#define GDT_DATA        2
#define GDT_TSS         3	/* 16-byte descriptor: slots 3 and 4 */
#define GDT_ENTRIES     5

#define SEL_CODE64      (GDT_CODE64 * 8)
#define SEL_DATA        (GDT_DATA * 8)
#define SEL_TSS         (GDT_TSS * 8)

/* Interrupt stack table slots (TSS IST1..IST3). */
#define IST_NMI         1
#define IST_DF          2
#define IST_MC          3

#define HV_STACK_SIZE   0x4000	/* per stack; stacks are aligned to their size */

#ifndef __ASSEMBLER__
#include <stdint.h>

/*
 * Segment attributes in the packed 12-bit form of the VMCB and of struct
 * bh_segment: descriptor bits 47:40 in 7:0 and bits 55:52 in 11:8
 * (APM Vol 2 15.5.1).
 */
#define SEG_ATTR_TYPE_MASK  0x00Fu
#define SEG_ATTR_S          (1u << 4)
#define SEG_ATTR_DPL_SHIFT  5
#define SEG_ATTR_P          (1u << 7)
#define SEG_ATTR_L          (1u << 9)
#define SEG_ATTR_DB         (1u << 10)
#define SEG_ATTR_G          (1u << 11)
#define SEG_TYPE_DATA_RW_A  0x3u	/* read/write, accessed */
#define SEG_TYPE_CODE_RX_A  0xBu	/* execute/read, accessed */
#define SEG_TYPE_LDT        0x2u
#define SEG_TYPE_TSS_BUSY   0xBu
#define SEG_ATTR_CODE16     (SEG_TYPE_CODE_RX_A | SEG_ATTR_S | SEG_ATTR_P)
#define SEG_ATTR_DATA16     (SEG_TYPE_DATA_RW_A | SEG_ATTR_S | SEG_ATTR_P)
#define SEG_ATTR_CODE32     (SEG_ATTR_CODE16 | SEG_ATTR_DB | SEG_ATTR_G)
#define SEG_ATTR_DATA32     (SEG_ATTR_DATA16 | SEG_ATTR_DB | SEG_ATTR_G)
#define SEG_ATTR_CODE64     (SEG_ATTR_CODE16 | SEG_ATTR_L | SEG_ATTR_G)
#define SEG_ATTR_LDT        (SEG_TYPE_LDT | SEG_ATTR_P)
#define SEG_ATTR_TSS        (SEG_TYPE_TSS_BUSY | SEG_ATTR_P)


/* Descriptor encodings (SDM Vol 3 figure 3-8). */
#define DESC_CODE64     0x00AF9B000000FFFFull	/* L=1, P, DPL0, execute/read, accessed */
#define DESC_DATA       0x00CF93000000FFFFull	/* P, DPL0, read/write, accessed, 4 GiB */
#define DESC_TSS_TYPE   0x89ull			/* P, available 64-bit TSS */
/* Where a system descriptor keeps its base and type (SDM Vol 3 figure 7-4). */
#define DESC_BASE_LO_SHIFT  16			/* base 23:0 in bits 39:16 */
#define DESC_BASE_LO_MASK   0xFFFFFFull
#define DESC_TYPE_SHIFT     40			/* type, S, DPL, P in bits 47:40 */
#define DESC_BASE_MID_SHIFT 56			/* base 31:24 in bits 63:56 */
#define DESC_BASE_MID_BITS  24
#define DESC_BASE_MID_MASK  0xFFull
#define DESC_BASE_HI_SHIFT  32			/* base 63:32: the second quadword */
#define DESC_CODE32_FLAT 0x00CF9A000000FFFFull	/* 32-bit code, base 0, 4 GiB (Linux boot GDT) */
#define DESC_DATA_FLAT  0x00CF92000000FFFFull	/* data, base 0, 4 GiB */

struct tss64 {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));
_Static_assert(sizeof(struct tss64) == 104, "64-bit TSS is 104 bytes");

struct idt_gate {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_hi;
	uint32_t reserved;
};
_Static_assert(sizeof(struct idt_gate) == 16, "64-bit IDT gate is 16 bytes");

#define IDT_GATE_INTERRUPT 0x8E	/* P, DPL0, 64-bit interrupt gate */

struct desc_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

#endif
#endif
