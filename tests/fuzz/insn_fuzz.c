// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the x86 instruction decoder. Input: one byte choosing
 * the mode, then the instruction bytes (a guest could put anything there).
 * Checks that decoding never reads past avail, that lengths and offsets stay
 * within the bytes and the 15-byte limit, that the result does not depend on
 * bytes past the instruction, and that the helpers accept whatever it decoded.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <asm/insn.h>

static const enum insn_mode modes[] = { INSN_MODE_16, INSN_MODE_32, INSN_MODE_64 };

static void check(int cond)
{
	if (!cond)
		abort();
}

/* Decodes from a heap block of exactly avail bytes, so ASan sees any over-read. */
static enum insn_status decode_exact(struct insn *in, const uint8_t *bytes, size_t avail,
				     enum insn_mode mode)
{
	uint8_t *copy = malloc(avail ? avail : 1);
	enum insn_status st;

	if (avail)
		memcpy(copy, bytes, avail);
	st = insn_decode(in, copy, avail, mode);
	free(copy);
	return st;
}

static void check_layout(const struct insn *in, size_t avail)
{
	check(in->length >= 1 && in->length <= INSN_MAX_LEN && in->length <= avail);
	check(in->opcode_offset < in->length);
	check(in->disp_offset + in->disp_size <= in->length);
	check(in->imm_offset + in->imm_size <= in->length);
	check(in->opsize == 2 || in->opsize == 4 || in->opsize == 8);
	check(in->addrsize == 2 || in->addrsize == 4 || in->addrsize == 8);
	check(in->kind <= INSN_KIND_STRING);
	check(in->access_size == 0 || in->access_size == 1 || in->access_size == 2 ||
	      in->access_size == 4 || in->access_size == 8);
	check(in->reg < INSN_NR_GPRS);
	check(!in->reg_high8 || (in->reg < 4 && in->reg_size == 1 && !in->rex));
	if (in->kind != INSN_KIND_OTHER)
		check(in->has_mem && in->access_size && (in->mem_read || in->mem_write));
	if (in->has_mem) {
		check(in->mem.base >= INSN_REG_RIP && in->mem.base < INSN_NR_GPRS);
		check(in->mem.index >= INSN_REG_NONE && in->mem.index < INSN_NR_GPRS);
		check(in->mem.scale == 1 || in->mem.scale == 2 || in->mem.scale == 4 ||
		      in->mem.scale == 8);
		check(in->mem.seg <= INSN_SEG_GS);
	}
}

/* Field by field: padding inside struct insn is not guaranteed to match. */
static int same_insn(const struct insn *a, const struct insn *b)
{
	return a->length == b->length && a->opsize == b->opsize && a->addrsize == b->addrsize &&
	       a->prefixes == b->prefixes && a->rex == b->rex && a->map == b->map &&
	       a->opcode == b->opcode && a->modrm == b->modrm && a->sib == b->sib &&
	       a->disp_size == b->disp_size && a->imm_size == b->imm_size &&
	       a->kind == b->kind && a->alu_op == b->alu_op && a->access_size == b->access_size &&
	       a->reg == b->reg && a->reg_size == b->reg_size && a->reg_high8 == b->reg_high8 &&
	       a->has_mem == b->has_mem && a->mem_read == b->mem_read &&
	       a->mem_write == b->mem_write && a->imm == b->imm && a->imm2 == b->imm2 &&
	       a->mem.base == b->mem.base && a->mem.index == b->mem.index &&
	       a->mem.scale == b->mem.scale && a->mem.seg == b->mem.seg &&
	       a->mem.disp == b->mem.disp;
}

static void exercise_helpers(const struct insn *in, const uint8_t *data, size_t size)
{
	uint64_t regs[INSN_NR_GPRS], rflags = 0, out = 0, mem = 0;

	for (int i = 0; i < INSN_NR_GPRS; i++)
		regs[i] = 0x0101010101010101ull * (uint64_t)(data[i % size] + 1);
	memcpy(&mem, data, size < sizeof(mem) ? size : sizeof(mem));
	(void)insn_mem_offset(in, regs, mem);
	(void)insn_reg_read(regs, in);
	if (insn_exec_mem(in, regs, &rflags, mem, &out) && in->access_size < 8)
		check((out >> (in->access_size * 8)) == 0);
	if (in->kind == INSN_KIND_ALU)
		check((rflags & ~INSN_RFLAGS_ARITH) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct insn in, again;
	enum insn_mode mode;
	enum insn_status st;
	size_t avail;

	if (size < 1)
		return 0;
	mode = modes[data[0] % 3];
	data++;
	size--;
	avail = size;
	st = decode_exact(&in, data, avail, mode);
	switch (st) {
	case INSN_OK:
		check_layout(&in, avail);
		/* The same bytes, cut right after the instruction, decode the same. */
		check(decode_exact(&again, data, in.length, mode) == INSN_OK);
		check(same_insn(&in, &again));
		/* One byte fewer is never enough. */
		check(decode_exact(&again, data, in.length - 1u, mode) == INSN_TRUNCATED);
		exercise_helpers(&in, data, size);
		break;
	case INSN_TRUNCATED:
		check(in.length > avail && in.length <= INSN_MAX_LEN);
		break;
	case INSN_TOO_LONG:
		check(in.length == INSN_MAX_LEN);
		break;
	case INSN_INVALID:
		check(in.length <= INSN_MAX_LEN && in.length <= avail);
		break;
	default:
		abort();
	}
	return 0;
}
