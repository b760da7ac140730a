/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86 instruction-encoding constants: prefix bytes, ModRM/SIB/REX/VEX fields and
 * the opcodes the decoder gives meaning to. Sources: Intel SDM Vol 2 chapter 2
 * and appendix A (opcode maps, tables ), AMD APM Vol 3 chapter 1 and
 * appendix A.
 */
#ifndef ASM_OPCODE_H
#define ASM_OPCODE_H

/* Legacy prefixes (SDM Vol 2 2.1.1), grouped as the SDM groups them. */
#define PREFIX_LOCK        0xF0	/* group 1 */
#define PREFIX_REPNE       0xF2	/* group 1 */
#define PREFIX_REP         0xF3	/* group 1 */
#define PREFIX_SEG_ES      0x26	/* group 2 */
#define PREFIX_SEG_CS      0x2E
#define PREFIX_SEG_SS      0x36
#define PREFIX_SEG_DS      0x3E
#define PREFIX_SEG_FS      0x64
#define PREFIX_SEG_GS      0x65
#define PREFIX_OPSIZE      0x66	/* group 3 */
#define PREFIX_ADDRSIZE    0x67	/* group 4 */

/* REX prefix, 64-bit mode only (SDM Vol 2 2.2.1): 0100WRXB. */
#define REX_FIXED_MASK     0xF0
#define REX_FIXED          0x40
#define REX_W              (1u << 3)	/* 64-bit operand size */
#define REX_R              (1u << 2)	/* extends ModRM.reg */
#define REX_X              (1u << 1)	/* extends SIB.index */
#define REX_B              (1u << 0)	/* extends ModRM.rm, SIB.base, opcode reg */

/* ModRM and SIB fields (SDM Vol 2 2.1.5, tables 2-1 to 2-3). */
#define MODRM_MOD(b)       ((unsigned)(b) >> 6)
#define MODRM_REG(b)       (((unsigned)(b) >> 3) & 7u)
#define MODRM_RM(b)        ((unsigned)(b) & 7u)
#define SIB_SCALE(b)       ((unsigned)(b) >> 6)
#define SIB_INDEX(b)       (((unsigned)(b) >> 3) & 7u)
#define SIB_BASE(b)        ((unsigned)(b) & 7u)
#define MOD_NO_DISP        0	/* mod 00: no displacement (with exceptions below) */
#define MOD_DISP8          1
#define MOD_DISP_FULL      2	/* disp16 with 16-bit addressing, else disp32 */
#define MOD_REGISTER       3
#define RM_SIB             4	/* 32/64-bit addressing: a SIB byte follows */
#define RM_DISP32          5	/* with mod 00: disp32 only, RIP-relative in 64-bit mode */
#define RM16_DISP16        6	/* 16-bit addressing, mod 00: disp16 only */
#define SIB_NO_INDEX       4	/* index field 100 without REX.X: no index */
#define SIB_NO_BASE        5	/* base field 101 with mod 00: disp32, no base */
#define OPCODE_REG_MASK    7u	/* B0+r, B8+r, 50+r...: register in the low 3 bits */
/* The "w" bit of most ALU, MOV and string opcodes: 0 byte, 1 full size (SDM Vol 2 B.1.4.3). */
#define OPCODE_W_BIT       1u

/* VEX and EVEX prefixes (SDM Vol 2 2.3 and 2.7, APM Vol 3 1.9). */
#define VEX3_PREFIX        0xC4	/* LES outside 64-bit mode unless next byte has mod 11 */
#define VEX2_PREFIX        0xC5	/* LDS likewise */
#define EVEX_PREFIX        0x62	/* BOUND likewise */
#define XOP_PREFIX         0x8F	/* AMD XOP, told from POP Ev by ModRM.reg != 0 */
#define VEX_MAP_MASK       0x1Fu	/* VEX3 byte 1 bits 4:0: m-mmmm */
#define EVEX_MAP_MASK      0x07u	/* EVEX P0 bits 2:0: mmm */
#define EVEX_P0_ZERO_BIT   (1u << 3)	/* must be 0 */
#define EVEX_P1_ONE_BIT    (1u << 2)	/* must be 1 */
/* R, X, B are stored inverted in VEX/EVEX byte 1 (VEX2: R only); W is byte 2 bit 7. */
#define VEX_NOT_R          (1u << 7)
#define VEX_NOT_X          (1u << 6)
#define VEX_NOT_B          (1u << 5)
#define VEX_W              (1u << 7)
enum vex_map {
	VEX_MAP_0F = 1,
	VEX_MAP_0F38 = 2,
	VEX_MAP_0F3A = 3,
	EVEX_MAP_5 = 5,			/* AVX512-FP16 */
	EVEX_MAP_6 = 6,
};

/* Escapes to the two- and three-byte maps (SDM Vol 2 table A-3). */
#define OP_ESCAPE_0F       0x0F
#define OP2_ESCAPE_0F38    0x38
#define OP2_ESCAPE_0F3A    0x3A

/*
 * One-byte map (SDM Vol 2 table A-2). The eight classic ALU operations sit at
 * 00-3F: bits 5:3 select ADD OR ADC SBB AND SUB XOR CMP, bits 2:0 the form.
 */
#define OP_ALU_BLOCK_END   0x40
#define OP_ALU_OP(op)      (((unsigned)(op) >> 3) & 7u)
#define OP_ALU_FORM(op)    ((unsigned)(op) & 7u)
enum op_alu_form {
	ALU_FORM_EB_GB = 0,		/* op r/m8, r8 */
	ALU_FORM_EV_GV = 1,		/* op r/m, r */
	ALU_FORM_GB_EB = 2,		/* op r8, r/m8 */
	ALU_FORM_GV_EV = 3,		/* op r, r/m */
	ALU_FORM_AL_IB = 4,
	ALU_FORM_AX_IZ = 5,
};

#define OP_MOVSXD          0x63	/* ARPL outside 64-bit mode */
#define OP_INSB            0x6C
#define OP_INSV            0x6D
#define OP_OUTSB           0x6E
#define OP_OUTSV           0x6F
#define OP_GRP1_EB_IB      0x80
#define OP_GRP1_EV_IZ      0x81
#define OP_GRP1_EB_IB_ALT  0x82	/* alias of 80, invalid in 64-bit mode */
#define OP_GRP1_EV_IB      0x83
#define OP_TEST_EB_GB      0x84
#define OP_TEST_EV_GV      0x85
#define OP_XCHG_EB_GB      0x86
#define OP_XCHG_EV_GV      0x87
#define OP_MOV_EB_GB       0x88
#define OP_MOV_EV_GV       0x89
#define OP_MOV_GB_EB       0x8A
#define OP_MOV_GV_EV       0x8B
#define OP_LEA             0x8D	/* needs a memory operand */
#define OP_MOV_AL_OB       0xA0	/* mov al, moffs8 */
#define OP_MOV_AX_OV       0xA1
#define OP_MOV_OB_AL       0xA2
#define OP_MOV_OV_AX       0xA3
#define OP_MOVSB           0xA4
#define OP_MOVSV           0xA5
#define OP_CMPSB           0xA6
#define OP_CMPSV           0xA7
#define OP_STOSB           0xAA
#define OP_STOSV           0xAB
#define OP_LODSB           0xAC
#define OP_LODSV           0xAD
#define OP_SCASB           0xAE
#define OP_SCASV           0xAF
#define OP_GRP11_EB_IB     0xC6	/* /0 MOV; C6 F8 XABORT */
#define OP_GRP11_EV_IZ     0xC7	/* /0 MOV; C7 F8 XBEGIN */
#define OP_GRP3_EB         0xF6
#define OP_GRP3_EV         0xF7
#define OP_GRP4_EB         0xFE
#define OP_GRP5_EV         0xFF

/* ModRM.reg values selecting the group members the decoder gives meaning to. */
#define GRP11_MOV          0
#define GRP11_XABORT_XBEGIN 7	/* only as the whole ModRM byte F8 */
#define GRP3_TEST          0
#define GRP3_TEST_ALIAS    1	/* undocumented alias of /0, decodes the same */
#define GRP3_NOT           2
#define GRP3_NEG           3
#define GRP45_INC          0
#define GRP45_DEC          1
#define GRP4_LAST_VALID    1	/* FE /2../7 are undefined */
#define GRP5_CALLF         3	/* far CALL/JMP need a memory operand */
#define GRP5_JMPF          5
#define GRP5_INVALID       7	/* FF /7 is undefined */
#define GRP1A_POP          0	/* 8F /0 POP; anything else is XOP */

/* Two-byte map (SDM Vol 2 table A-3). */
#define OP2_MOVZX_GV_EB    0xB6
#define OP2_MOVZX_GV_EW    0xB7
#define OP2_MOVSX_GV_EB    0xBE
#define OP2_MOVSX_GV_EW    0xBF
#define OP2_EXTRQ_INSERTQ  0x78	/* with 66 or F2 (AMD SSE4a): ib, ib follow */
#define OP2_VZEROUPPER     0x77	/* EMMS; under VEX the only map-1 op without ModRM */

#endif
