// SPDX-License-Identifier: GPL-2.0
/* Carrying out decoded instructions: the register file, ALU results and flags, memory operands. */
#include <asm/insn.h>

#define BITS_PER_BYTE 8u

static uint64_t size_mask(unsigned size)
{
	return size >= sizeof(uint64_t) ? ~0ull : (1ull << (size * BITS_PER_BYTE)) - 1;
}

static uint64_t sign_extend(uint64_t v, unsigned size)
{
	uint64_t sign;

	if (size == 0 || size >= sizeof(uint64_t))
		return v;
	sign = 1ull << (size * BITS_PER_BYTE - 1);
	v &= size_mask(size);
	return (v ^ sign) - sign;
}

/* Register access with the x86 width rules (SDM Vol 1 3.4.1.1). */
#define HIGH8_SHIFT BITS_PER_BYTE

uint64_t insn_gpr_read(const uint64_t regs[INSN_NR_GPRS], unsigned reg, unsigned size,
		       bool high8)
{
	uint64_t v = regs[reg % INSN_NR_GPRS];

	if (high8 && size == 1)
		v >>= HIGH8_SHIFT;
	return v & size_mask(size);
}

void insn_gpr_write(uint64_t regs[INSN_NR_GPRS], unsigned reg, unsigned size, bool high8,
		    uint64_t value)
{
	uint64_t *r = &regs[reg % INSN_NR_GPRS];
	uint64_t mask;

	if (size == sizeof(uint32_t) || size >= sizeof(uint64_t)) {
		*r = value & size_mask(size);	/* 32-bit writes zero the upper half */
		return;
	}
	mask = size_mask(size);
	if (high8 && size == 1) {
		*r = (*r & ~(mask << HIGH8_SHIFT)) | (value & mask) << HIGH8_SHIFT;
		return;
	}
	*r = (*r & ~mask) | (value & mask);
}

uint64_t insn_reg_read(const uint64_t regs[INSN_NR_GPRS], const struct insn *insn)
{
	return insn_gpr_read(regs, insn->reg, insn->reg_size, insn->reg_high8);
}

void insn_reg_write(uint64_t regs[INSN_NR_GPRS], const struct insn *insn, uint64_t value)
{
	if (insn->access_size && insn->access_size < insn->reg_size)
		value = insn->sign_extend ? sign_extend(value, insn->access_size)
					  : value & size_mask(insn->access_size);
	insn_gpr_write(regs, insn->reg, insn->reg_size, insn->reg_high8, value);
}

uint64_t insn_mem_offset(const struct insn *insn, const uint64_t regs[INSN_NR_GPRS],
			 uint64_t rip)
{
	const struct insn_mem *mem = &insn->mem;
	uint64_t ea = (uint64_t)mem->disp;

	if (mem->base == INSN_REG_RIP)
		ea += rip + insn->length;
	else if (mem->base >= 0)
		ea += regs[mem->base % INSN_NR_GPRS];
	if (mem->index >= 0)
		ea += regs[mem->index % INSN_NR_GPRS] * mem->scale;
	return ea & size_mask(insn->addrsize);
}

bool insn_alu_writes_result(enum insn_alu_op op)
{
	return op != INSN_ALU_CMP && op != INSN_ALU_TEST;
}

/* Even parity of the low byte sets PF (SDM Vol 1 3.4.3.1). */
static bool even_parity(uint64_t v)
{
	unsigned b = (unsigned)(v & size_mask(1));

	b ^= b >> 4;
	b ^= b >> 2;
	b ^= b >> 1;
	return !(b & 1);
}

/* AF is the carry out of bit 3: bit 4 of dst ^ src ^ result. */
#define NIBBLE_CARRY (1ull << 4)

uint64_t insn_alu(enum insn_alu_op op, unsigned size, uint64_t dst, uint64_t src,
		  uint64_t *rflags)
{
	uint64_t mask, sign, d, s, r, c, flags = 0;
	bool keep_cf = false;

	if (size != 1 && size != 2 && size != 4)
		size = sizeof(uint64_t);
	mask = size_mask(size);
	sign = 1ull << (size * BITS_PER_BYTE - 1);
	d = dst & mask;
	s = src & mask;
	c = (*rflags & RFLAGS_CF) ? 1 : 0;

	switch (op) {
	case INSN_ALU_ADD:
	case INSN_ALU_ADC:
		if (op == INSN_ALU_ADD)
			c = 0;
		r = (d + s + c) & mask;
		if (c ? r <= d : r < d)
			flags |= RFLAGS_CF;
		if ((d ^ r) & (s ^ r) & sign)
			flags |= RFLAGS_OF;
		flags |= (d ^ s ^ r) & NIBBLE_CARRY ? RFLAGS_AF : 0;
		break;
	case INSN_ALU_SUB:
	case INSN_ALU_CMP:
	case INSN_ALU_SBB:
		if (op != INSN_ALU_SBB)
			c = 0;
		r = (d - s - c) & mask;
		if (c ? d <= s : d < s)
			flags |= RFLAGS_CF;
		if ((d ^ s) & (d ^ r) & sign)
			flags |= RFLAGS_OF;
		flags |= (d ^ s ^ r) & NIBBLE_CARRY ? RFLAGS_AF : 0;
		break;
	case INSN_ALU_AND:
	case INSN_ALU_TEST:
		r = d & s;
		break;
	case INSN_ALU_OR:
		r = d | s;
		break;
	case INSN_ALU_XOR:
		r = d ^ s;
		break;
	case INSN_ALU_INC:
		r = (d + 1) & mask;
		flags |= r == sign ? RFLAGS_OF : 0;
		flags |= (d ^ r) & NIBBLE_CARRY ? RFLAGS_AF : 0;
		keep_cf = true;
		break;
	case INSN_ALU_DEC:
		r = (d - 1) & mask;
		flags |= d == sign ? RFLAGS_OF : 0;
		flags |= (d ^ r) & NIBBLE_CARRY ? RFLAGS_AF : 0;
		keep_cf = true;
		break;
	case INSN_ALU_NEG:
		r = (0 - d) & mask;
		flags |= d ? RFLAGS_CF : 0;
		flags |= d == sign ? RFLAGS_OF : 0;
		flags |= (d ^ r) & NIBBLE_CARRY ? RFLAGS_AF : 0;
		break;
	case INSN_ALU_NOT:
		return ~d & mask;
	default:
		return d;
	}
	flags |= r == 0 ? RFLAGS_ZF : 0;
	flags |= r & sign ? RFLAGS_SF : 0;
	flags |= even_parity(r) ? RFLAGS_PF : 0;
	if (keep_cf)
		flags |= *rflags & RFLAGS_CF;
	*rflags = (*rflags & ~INSN_RFLAGS_ARITH) | flags;
	return r;
}

bool insn_exec_mem(const struct insn *insn, uint64_t regs[INSN_NR_GPRS], uint64_t *rflags,
		   uint64_t mem_in, uint64_t *mem_out)
{
	unsigned size = insn->access_size;
	uint64_t src, r;

	*mem_out = 0;
	switch (insn->kind) {
	case INSN_KIND_LOAD:
		insn_reg_write(regs, insn, mem_in);
		return true;
	case INSN_KIND_STORE:
		*mem_out = insn_reg_read(regs, insn);
		return true;
	case INSN_KIND_STORE_IMM:
		*mem_out = insn->imm & size_mask(size);
		return true;
	case INSN_KIND_XCHG:
		*mem_out = insn_reg_read(regs, insn);
		insn_reg_write(regs, insn, mem_in);
		return true;
	case INSN_KIND_ALU:
		if (insn->alu_dst_is_reg) {
			r = insn_alu(insn->alu_op, size, insn_reg_read(regs, insn), mem_in, rflags);
			if (insn_alu_writes_result(insn->alu_op))
				insn_reg_write(regs, insn, r);
			return true;
		}
		src = insn->has_imm_src ? insn->imm : insn->reg_size ? insn_reg_read(regs, insn) : 0;
		r = insn_alu(insn->alu_op, size, mem_in, src, rflags);
		if (insn->mem_write)
			*mem_out = r;
		return true;
	default:
		return false;
	}
}
