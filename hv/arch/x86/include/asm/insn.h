/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86 instruction decoder: length of any general-purpose, x87, SSE, VEX or
 * EVEX instruction, and the meaning of the memory-operand moves and ALU
 * operations the core emulates for MMIO and the xAPIC page (insn.c), plus
 * carrying them out on a register file (insn_exec.c). Pure code: no
 * allocation, no recursion, never reads past the bytes it is given (the
 * bytes come from a guest and may be anything).
 *
 * INVALID covers: opcodes undefined in the one-byte and 0F maps (and those
 * invalid in 64-bit mode), undefined group members (FE /2-7, FF /7, C6/C7
 * /1-6, far CALL/JMP or LEA with a register), MOV to/from TR, AMD XOP,
 * legacy 66/F2/F3/LOCK/REX before VEX/EVEX, VEX/EVEX maps other than
 * 0F/0F38/0F3A (and EVEX 5/6), and LOCK on the instructions given meaning
 * below when not a locked read-modify-write of memory. Undefined opcodes
 * inside the 0F 38, 0F 3A, VEX and EVEX maps and mandatory-prefix
 * mismatches of SSE opcodes are not detected: they decode with the length
 * the encoding would have.
 *
 * The register file is uint64_t regs[16] in encoding order (RAX, RCX, RDX,
 * RBX, RSP, RBP, RSI, RDI, R8-R15), as enum gpr in asm/vcpu.h; on SVM copy
 * RAX and RSP in from the VMCB before and back after.
 */
#ifndef ASM_INSN_H
#define ASM_INSN_H

#include <asm/cr.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The architectural limit on instruction length (SDM Vol 2 2.3.11). */
#define INSN_MAX_LEN 15

/*
 * Default operand and address size the code segment gives (SDM Vol 1 3.6):
 *   INSN_MODE_16  real mode, virtual-8086 mode, or protected/compatibility
 *                 mode with CS.D = 0
 *   INSN_MODE_32  protected or compatibility mode with CS.D = 1
 *   INSN_MODE_64  64-bit mode: EFER.LMA = 1 and CS.L = 1
 */
enum insn_mode {
	INSN_MODE_16 = 16,
	INSN_MODE_32 = 32,
	INSN_MODE_64 = 64,
};

enum insn_status {
	INSN_OK = 0,
	INSN_TRUNCATED,	/* needs more bytes than avail: fetch more, or the fetch faults */
	INSN_TOO_LONG,	/* would exceed 15 bytes: the CPU raises #GP(0) */
	INSN_INVALID,	/* undefined or unsupported encoding: treat as #UD */
};

/* Which opcode map the opcode byte belongs to. */
enum insn_map {
	INSN_MAP_ONE_BYTE,
	INSN_MAP_0F,
	INSN_MAP_0F38,
	INSN_MAP_0F3A,
	INSN_MAP_0F0F,		/* 3DNow!: opcode is the trailing imm8 */
	INSN_MAP_VEX_0F,
	INSN_MAP_VEX_0F38,
	INSN_MAP_VEX_0F3A,
	INSN_MAP_EVEX_0F,
	INSN_MAP_EVEX_0F38,
	INSN_MAP_EVEX_0F3A,
	INSN_MAP_EVEX_5,
	INSN_MAP_EVEX_6,
};

/* Legacy prefixes seen (insn.prefixes). */
#define INSN_PFX_LOCK     (1u << 0)
#define INSN_PFX_REP      (1u << 1)	/* F3 */
#define INSN_PFX_REPNE    (1u << 2)	/* F2 */
#define INSN_PFX_OPSIZE   (1u << 3)	/* 66 */
#define INSN_PFX_ADDRSIZE (1u << 4)	/* 67 */
#define INSN_PFX_SEG      (1u << 5)	/* a segment override; see insn.mem.seg */
#define INSN_PFX_VEX      (1u << 6)	/* VEX (C4/C5) or EVEX (62) encoded */

/* Segment registers in their architectural numbering (Sreg field, SDM Vol 2 3.1.1.1). */
enum insn_seg {
	INSN_SEG_ES = 0,
	INSN_SEG_CS = 1,
	INSN_SEG_SS = 2,
	INSN_SEG_DS = 3,
	INSN_SEG_FS = 4,
	INSN_SEG_GS = 5,
};

/* General-purpose registers: the index into a uint64_t regs[16]. */
enum insn_gpr {
	INSN_RAX, INSN_RCX, INSN_RDX, INSN_RBX, INSN_RSP, INSN_RBP, INSN_RSI, INSN_RDI,
	INSN_R8, INSN_R9, INSN_R10, INSN_R11, INSN_R12, INSN_R13, INSN_R14, INSN_R15,
	INSN_NR_GPRS,
};
#define INSN_REG_NONE (-1)	/* insn_mem.base / .index: no register */
#define INSN_REG_RIP  (-2)	/* insn_mem.base: RIP-relative (64-bit mode) */

/* What the core has to do with an instruction that touched emulated memory. */
enum insn_kind {
	INSN_KIND_OTHER,	/* decoded for length only */
	INSN_KIND_LOAD,		/* reg = mem (MOV, MOVZX, MOVSX, MOVSXD) */
	INSN_KIND_STORE,	/* mem = reg (MOV) */
	INSN_KIND_STORE_IMM,	/* mem = imm (MOV C6/C7 /0) */
	INSN_KIND_ALU,		/* dst = dst op src with flags; see alu_op, alu_dst_is_reg */
	INSN_KIND_XCHG,		/* mem <-> reg, implicitly locked */
	INSN_KIND_STRING,	/* MOVS STOS LODS CMPS SCAS INS OUTS; see string_op */
};

/*
 * ALU operations. ADD..CMP keep their encoding order (bits 5:3 of opcodes
 * 00-3F, ModRM.reg of group 1), so the value is the architectural one.
 */
enum insn_alu_op {
	INSN_ALU_ADD, INSN_ALU_OR, INSN_ALU_ADC, INSN_ALU_SBB,
	INSN_ALU_AND, INSN_ALU_SUB, INSN_ALU_XOR, INSN_ALU_CMP,
	INSN_ALU_TEST,		/* AND that only sets flags */
	INSN_ALU_INC,		/* src unused; CF unchanged */
	INSN_ALU_DEC,		/* src unused; CF unchanged */
	INSN_ALU_NOT,		/* src unused; no flags */
	INSN_ALU_NEG,		/* src unused */
};

enum insn_string_op {
	INSN_STR_NONE,
	INSN_STR_MOVS,		/* [seg:rSI] -> ES:[rDI] */
	INSN_STR_CMPS,		/* [seg:rSI] vs ES:[rDI] */
	INSN_STR_STOS,		/* rAX -> ES:[rDI] */
	INSN_STR_LODS,		/* [seg:rSI] -> rAX */
	INSN_STR_SCAS,		/* rAX vs ES:[rDI] */
	INSN_STR_INS,		/* port DX -> ES:[rDI] */
	INSN_STR_OUTS,		/* [seg:rSI] -> port DX */
};

/* The memory operand. Its offset is insn_mem_offset(); add the segment base. */
struct insn_mem {
	int8_t base;		/* 0-15, INSN_REG_NONE or INSN_REG_RIP */
	int8_t index;		/* 0-15 or INSN_REG_NONE */
	uint8_t scale;		/* 1, 2, 4 or 8 */
	uint8_t seg;		/* enum insn_seg: the override, else the default (DS, or SS
				   for rBP/rSP bases). In 64-bit mode only FS/GS bases apply. */
	int64_t disp;		/* sign-extended; for moffs (A0-A3) the zero-extended offset */
};

struct insn {
	/* Layout, filled for every INSN_OK decode. */
	uint8_t length;		/* total bytes, 1..15 */
	uint8_t mode;		/* enum insn_mode decoded under */
	uint8_t opsize;		/* effective operand size of 'v' operands: 2, 4 or 8 bytes */
	uint8_t addrsize;	/* effective address size: 2, 4 or 8 bytes */
	uint8_t prefixes;	/* INSN_PFX_* */
	uint8_t rex;		/* the REX byte in effect (0 if none); VEX/EVEX R/X/B/W folded in */
	uint8_t map;		/* enum insn_map */
	uint8_t opcode;		/* opcode byte within its map */
	uint8_t opcode_offset;	/* where the first opcode (or VEX/EVEX) byte is */
	uint8_t modrm;		/* valid if has_modrm */
	uint8_t sib;		/* valid if has_sib */
	uint8_t disp_offset, disp_size;	/* displacement or moffs bytes (0 if none) */
	uint8_t imm_offset, imm_size;	/* all immediate bytes (ENTER: 3, far ptr: 4 or 6) */
	bool has_modrm, has_sib;

	/* Meaning, filled for the instructions listed in enum insn_kind. */
	uint8_t kind;		/* enum insn_kind */
	uint8_t alu_op;		/* enum insn_alu_op, for INSN_KIND_ALU */
	uint8_t string_op;	/* enum insn_string_op, for INSN_KIND_STRING */
	uint8_t access_size;	/* bytes of memory read or written (1, 2, 4, 8); 0 if none */
	uint8_t reg;		/* register operand, index into regs[] (AH is 0 + reg_high8) */
	uint8_t reg_size;	/* register operand size in bytes; 0 if none */
	bool reg_high8;		/* register is AH, CH, DH or BH */
	bool has_mem;		/* a memory operand is present (mem is valid) */
	bool mem_read;		/* the instruction reads the memory operand */
	bool mem_write;		/* the instruction writes the memory operand */
	bool sign_extend;	/* LOAD: sign-extend access_size to reg_size (MOVSX, MOVSXD) */
	bool has_imm_src;	/* ALU/STORE_IMM: the source is imm, not reg */
	bool alu_dst_is_reg;	/* ALU: reg = reg op mem (02, 03, 0A...); else mem = mem op src */
	uint64_t imm;		/* first immediate, sign-extended to 64 bits as the
				   instruction uses it (B8+r imm64 raw, rel as signed) */
	uint16_t imm2;		/* ENTER's level byte; far pointer's selector */
	struct insn_mem mem;
};

/*
 * Decodes one instruction from bytes[0..avail). Only the first 15 bytes are
 * ever looked at. On INSN_OK, *out describes the instruction; on any other
 * status *out is cleared except length, which is the number of bytes the
 * decoder wanted (TRUNCATED) or reached (TOO_LONG, INVALID).
 *
 * Near branches (E8, E9, 0F 8x) in 64-bit mode take rel32 even with a 66
 * prefix, as on Intel and in QEMU; AMD hardware would take rel16.
 */
enum insn_status insn_decode(struct insn *out, const uint8_t *bytes, size_t avail,
			     enum insn_mode mode);

/* Short name of a status, for logs. */
const char *insn_status_name(enum insn_status status);

/*
 * Reads or writes general-purpose register reg (0-15) at size 1, 2, 4 or 8
 * with the x86 rules: a 4-byte write zero-extends to 64 bits, 1- and 2-byte
 * writes merge into the old value, and high8 selects AH/CH/DH/BH (reg 0-3).
 * Reads return the value zero-extended.
 */
uint64_t insn_gpr_read(const uint64_t regs[INSN_NR_GPRS], unsigned reg, unsigned size,
		       bool high8);
void insn_gpr_write(uint64_t regs[INSN_NR_GPRS], unsigned reg, unsigned size, bool high8,
		    uint64_t value);

/* The register operand of insn (reg, reg_size, reg_high8), zero-extended. */
uint64_t insn_reg_read(const uint64_t regs[INSN_NR_GPRS], const struct insn *insn);

/*
 * Writes value to the register operand of insn: value is access_size bytes
 * wide (a loaded memory value, an ALU result, XCHG's old memory value) and is
 * sign- or zero-extended to reg_size as the instruction does, then written
 * with the rules of insn_gpr_write().
 */
void insn_reg_write(uint64_t regs[INSN_NR_GPRS], const struct insn *insn, uint64_t value);

/*
 * Offset of the memory operand within its segment (insn->mem.seg): base +
 * index * scale + disp, wrapped to the address size. rip is the address of
 * the instruction itself (RIP-relative operands count from its end).
 */
uint64_t insn_mem_offset(const struct insn *insn, const uint64_t regs[INSN_NR_GPRS],
			 uint64_t rip);

/*
 * Computes dst op src at size bytes (1, 2, 4, 8) and returns the result
 * truncated to size. Updates the arithmetic flags (CF PF AF ZF SF OF) in
 * *rflags as the instruction does (ADC and SBB read CF; INC/DEC keep CF; NOT
 * changes none; logical ops clear CF, OF and AF) and leaves every other bit.
 */
uint64_t insn_alu(enum insn_alu_op op, unsigned size, uint64_t dst, uint64_t src,
		  uint64_t *rflags);

/* Whether op stores its result (CMP and TEST only set flags). */
bool insn_alu_writes_result(enum insn_alu_op op);

/*
 * Carries out a decoded LOAD, STORE, STORE_IMM, ALU or XCHG on emulated memory.
 * The caller first reads access_size bytes of the operand into mem_in when
 * insn->mem_read (and must not read it otherwise: MMIO reads have effects).
 * Updates regs and *rflags; when it returns true with insn->mem_write set,
 * the caller writes the low access_size bytes of *mem_out. Does not advance
 * RIP. Returns false, changing nothing, for STRING and OTHER.
 */
bool insn_exec_mem(const struct insn *insn, uint64_t regs[INSN_NR_GPRS], uint64_t *rflags,
		   uint64_t mem_in, uint64_t *mem_out);

/* The arithmetic flags insn_alu() computes (SDM Vol 1 3.4.3.1). */
#define INSN_RFLAGS_ARITH (RFLAGS_CF | RFLAGS_PF | RFLAGS_AF | RFLAGS_ZF | RFLAGS_SF | RFLAGS_OF)

#endif
