// SPDX-License-Identifier: GPL-2.0
/* x86 instruction decoder: prefixes, opcode maps, ModRM/SIB, immediates and meaning. */
#include <asm/insn.h>
#include <asm/opcode.h>

/* How many immediate bytes follow, per opcode (the SDM Vol 2 A.2 operand codes). */
enum imm_kind {
	IMM_NONE,
	IMM_B,		/* Ib, Jb */
	IMM_W,		/* Iw */
	IMM_Z,		/* Iz: 2 bytes with a 16-bit operand size, else 4 */
	IMM_Z_F64,	/* Jz of near branches: always 4 in 64-bit mode (SDM Vol 2 A.2.5) */
	IMM_V,		/* Iv of B8+r: 2, 4 or 8 bytes */
	IMM_MOFFS,	/* Ob/Ov offset of A0-A3: address size; stored as displacement */
	IMM_ENTER,	/* Iw then Ib */
	IMM_FAR,	/* Ap: Iz offset then a 16-bit selector */
	IMM_GRP3,	/* F6/F7: Ib/Iz for /0 and /1 only */
	IMM_SSE4A,	/* 0F 78: Ib, Ib after a 66 or F2 prefix (AMD EXTRQ/INSERTQ) */
};

/* Attribute bits of an opcode-table entry; the low bits hold enum imm_kind. */
#define AT_IMM_MASK     ((1u << 4) - 1)
#define AT_MODRM        (1u << 4)
#define AT_INV64        (1u << 5)	/* invalid in 64-bit mode */
#define AT_INVALID      (1u << 6)
#define AT_UIMM         (1u << 7)	/* the immediate is unsigned (ports, counts, selectors) */
#define AT_MOD_IGNORED  (1u << 8)	/* 0F 20-23: ModRM always names registers */

#define __   0
#define M    AT_MODRM
#define Ib   IMM_B
#define Ub   (IMM_B | AT_UIMM)
#define Iw   IMM_W
#define Iz   IMM_Z
#define Jz   IMM_Z_F64
#define Iv   IMM_V
#define Ob   IMM_MOFFS
#define Mb   (AT_MODRM | IMM_B)
#define MUb  (AT_MODRM | IMM_B | AT_UIMM)
#define Mz   (AT_MODRM | IMM_Z)
#define N64  AT_INV64
#define X    AT_INVALID
#define PFX  0		/* prefix byte: consumed before the table is consulted */
#define ESC  0		/* escape byte: handled before the table is consulted */

/*
 * One-byte opcode map, SDM Vol 2 table A-2 (rows = high nibble). 40-4F are
 * INC/DEC outside 64-bit mode and REX inside it; 62, C4 and C5 are re-read as
 * EVEX/VEX prefixes before this table is used when their next byte says so.
 */
static const uint16_t one_byte_map[256] = {
/*        0      1      2        3     4        5        6    7    8    9    A      B    C    D    E     F */
/* 0 */   M,     M,     M,       M,    Ib,      Iz,      N64, N64, M,   M,   M,     M,   Ib,  Iz,  N64,  ESC,
/* 1 */   M,     M,     M,       M,    Ib,      Iz,      N64, N64, M,   M,   M,     M,   Ib,  Iz,  N64,  N64,
/* 2 */   M,     M,     M,       M,    Ib,      Iz,      PFX, N64, M,   M,   M,     M,   Ib,  Iz,  PFX,  N64,
/* 3 */   M,     M,     M,       M,    Ib,      Iz,      PFX, N64, M,   M,   M,     M,   Ib,  Iz,  PFX,  N64,
/* 4 */   __,    __,    __,      __,   __,      __,      __,  __,  __,  __,  __,    __,  __,  __,  __,   __,
/* 5 */   __,    __,    __,      __,   __,      __,      __,  __,  __,  __,  __,    __,  __,  __,  __,   __,
/* 6 */   N64,   N64,   M|N64,   M,    PFX,     PFX,     PFX, PFX, Iz,  Mz,  Ib,    Mb,  __,  __,  __,   __,
/* 7 */   Ib,    Ib,    Ib,      Ib,   Ib,      Ib,      Ib,  Ib,  Ib,  Ib,  Ib,    Ib,  Ib,  Ib,  Ib,   Ib,
/* 8 */   Mb,    Mz,    Mb|N64,  Mb,   M,       M,       M,   M,   M,   M,   M,     M,   M,   M,   M,    M,
/* 9 */   __,    __,    __,      __,   __,      __,      __,  __,  __,  __,  IMM_FAR|N64, __, __, __, __, __,
/* A */   Ob,    Ob,    Ob,      Ob,   __,      __,      __,  __,  Ib,  Iz,  __,    __,  __,  __,  __,   __,
/* B */   Ib,    Ib,    Ib,      Ib,   Ib,      Ib,      Ib,  Ib,  Iv,  Iv,  Iv,    Iv,  Iv,  Iv,  Iv,   Iv,
/* C */   MUb,   MUb,   Iw,      __,   M|N64,   M|N64,   Mb,  Mz,  IMM_ENTER, __, Iw, __, __, Ub,  N64,  __,
/* D */   M,     M,     M,       M,    Ub|N64,  Ub|N64,  X,   __,  M,   M,   M,     M,   M,   M,   M,    M,
/* E */   Ib,    Ib,    Ib,      Ib,   Ub,      Ub,      Ub,  Ub,  Jz,  Jz,  IMM_FAR|N64, Ib, __, __, __, __,
/* F */   PFX,   __,    PFX,     PFX,  __,      __,      M|IMM_GRP3, M|IMM_GRP3, __, __, __, __, __, __, M, M,
};

/*
 * Two-byte map 0F xx, SDM Vol 2 table A-3 (AMD APM Vol 3 table A-4 for 0F 0E,
 * 0F 0F and 0F 78/79 with 66/F2). Mandatory 66/F2/F3 prefixes never change
 * the length except for 0F 78.
 */
static const uint16_t two_byte_map[256] = {
/*        0      1      2      3      4      5      6      7      8      9      A      B      C      D      E      F */
/* 0 */   M,     M,     M,     M,     X,     __,    __,    __,    __,    __,    X,     __,    X,     M,     __,    MUb,
/* 1 */   M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,
/* 2 */   M|AT_MOD_IGNORED, M|AT_MOD_IGNORED, M|AT_MOD_IGNORED, M|AT_MOD_IGNORED,
	  X,     X,     X,     X,     M,     M,     M,     M,     M,     M,     M,     M,
/* 3 */   __,    __,    __,    __,    __,    __,    X,     __,    ESC,   X,     ESC,   X,     X,     X,     X,     X,
/* 4 */   M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,
/* 5 */   M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,
/* 6 */   M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,
/* 7 */   MUb,   MUb,   MUb,   MUb,   M,     M,     M,     __,    M|IMM_SSE4A, M, X,    X,     M,     M,     M,     M,
/* 8 */   Jz,    Jz,    Jz,    Jz,    Jz,    Jz,    Jz,    Jz,    Jz,    Jz,    Jz,    Jz,    Jz,    Jz,    Jz,    Jz,
/* 9 */   M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,
/* A */   __,    __,    __,    M,     MUb,   M,     X,     X,     __,    __,    __,    M,     MUb,   M,     M,     M,
/* B */   M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     MUb,   M,     M,     M,     M,     M,
/* C */   M,     M,     MUb,   M,     MUb,   MUb,   MUb,   M,     __,    __,    __,    __,    __,    __,    __,    __,
/* D */   M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,
/* E */   M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,
/* F */   M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,     M,
};

/* Every 0F 38 opcode takes ModRM; every 0F 3A opcode takes ModRM and Ib (SDM Vol 2 ). */
#define MAP_0F38_ATTR  AT_MODRM
#define MAP_0F3A_ATTR  (AT_MODRM | IMM_B | AT_UIMM)

#undef __
#undef M
#undef Ib
#undef Ub
#undef Iw
#undef Iz
#undef Jz
#undef Iv
#undef Ob
#undef Mb
#undef MUb
#undef Mz
#undef N64
#undef X
#undef PFX
#undef ESC

#define BITS_PER_BYTE 8u

/* Base and index registers of the eight 16-bit r/m forms (SDM Vol 2 table 2-1). */
static const struct {
	int8_t base, index;
} modrm16_regs[8] = {
	{ INSN_RBX, INSN_RSI }, { INSN_RBX, INSN_RDI }, { INSN_RBP, INSN_RSI }, { INSN_RBP, INSN_RDI },
	{ INSN_RSI, INSN_REG_NONE }, { INSN_RDI, INSN_REG_NONE }, { INSN_RBP, INSN_REG_NONE },
	{ INSN_RBX, INSN_REG_NONE },
};

struct decoder {
	const uint8_t *bytes;
	size_t avail;
	size_t pos;		/* next byte to consume */
	size_t wanted;		/* bytes needed when a fetch failed */
	unsigned mode;
	int seg_override;	/* enum insn_seg or -1 */
	struct insn *insn;
};

/* Can bytes [0, end) be used? Fails with TOO_LONG past 15, TRUNCATED past avail. */
static enum insn_status want(struct decoder *d, size_t end)
{
	if (end > INSN_MAX_LEN) {
		d->wanted = INSN_MAX_LEN;
		return INSN_TOO_LONG;
	}
	if (end > d->avail) {
		d->wanted = end;
		return INSN_TRUNCATED;
	}
	return INSN_OK;
}

static enum insn_status next_byte(struct decoder *d, uint8_t *b)
{
	enum insn_status st = want(d, d->pos + 1);

	if (st != INSN_OK)
		return st;
	*b = d->bytes[d->pos++];
	return INSN_OK;
}

/* Consumes a little-endian field of size bytes (1-8) that want() has cleared. */
static uint64_t take(struct decoder *d, unsigned size)
{
	uint64_t v = 0;

	for (unsigned i = size; i-- > 0;)
		v = v << BITS_PER_BYTE | d->bytes[d->pos + i];
	d->pos += size;
	return v;
}

/* Little-endian field of size bytes (1-8) at d->pos, zero-extended. */
static enum insn_status next_field(struct decoder *d, unsigned size, uint64_t *value)
{
	enum insn_status st = want(d, d->pos + size);

	if (st != INSN_OK)
		return st;
	*value = take(d, size);
	return INSN_OK;
}

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

/* Legacy and REX prefixes (SDM Vol 2 2.1.1, 2.2.1). Stops at the first other byte. */
static enum insn_status decode_prefixes(struct decoder *d)
{
	struct insn *in = d->insn;
	uint8_t rex = 0;

	/* Bounded: every iteration consumes a byte and want() stops at 15. */
	for (;;) {
		enum insn_status st = want(d, d->pos + 1);
		uint8_t b;

		if (st != INSN_OK)
			return st;
		b = d->bytes[d->pos];
		switch (b) {
		case PREFIX_LOCK:	in->prefixes |= INSN_PFX_LOCK; break;
		case PREFIX_REP:	in->prefixes |= INSN_PFX_REP; break;
		case PREFIX_REPNE:	in->prefixes |= INSN_PFX_REPNE; break;
		case PREFIX_OPSIZE:	in->prefixes |= INSN_PFX_OPSIZE; break;
		case PREFIX_ADDRSIZE:	in->prefixes |= INSN_PFX_ADDRSIZE; break;
		case PREFIX_SEG_ES:	d->seg_override = INSN_SEG_ES; break;
		case PREFIX_SEG_CS:	d->seg_override = INSN_SEG_CS; break;
		case PREFIX_SEG_SS:	d->seg_override = INSN_SEG_SS; break;
		case PREFIX_SEG_DS:	d->seg_override = INSN_SEG_DS; break;
		case PREFIX_SEG_FS:	d->seg_override = INSN_SEG_FS; break;
		case PREFIX_SEG_GS:	d->seg_override = INSN_SEG_GS; break;
		default:
			if (d->mode == INSN_MODE_64 && (b & REX_FIXED_MASK) == REX_FIXED) {
				/* Only a REX right before the opcode counts. */
				rex = b;
				d->pos++;
				continue;
			}
			in->rex = rex;
			return INSN_OK;
		}
		/* A legacy prefix after a REX makes the REX void (SDM Vol 2 2.2.1). */
		rex = 0;
		d->pos++;
	}
}

static void set_sizes(struct decoder *d)
{
	struct insn *in = d->insn;
	bool opsize = in->prefixes & INSN_PFX_OPSIZE;
	bool addrsize = in->prefixes & INSN_PFX_ADDRSIZE;

	switch (d->mode) {
	case INSN_MODE_16:
		in->opsize = opsize ? 4 : 2;
		in->addrsize = addrsize ? 4 : 2;
		break;
	case INSN_MODE_32:
		in->opsize = opsize ? 2 : 4;
		in->addrsize = addrsize ? 2 : 4;
		break;
	default:
		in->opsize = (in->rex & REX_W) ? 8 : opsize ? 2 : 4;
		in->addrsize = addrsize ? 4 : 8;
		break;
	}
}

static void set_mem_seg(struct decoder *d, bool stack_based)
{
	struct insn_mem *mem = &d->insn->mem;

	if (d->seg_override >= 0)
		mem->seg = (uint8_t)d->seg_override;
	else
		mem->seg = stack_based ? INSN_SEG_SS : INSN_SEG_DS;
}

/* The r/m memory forms of 16-bit addressing (SDM Vol 2 table 2-1). */
static enum insn_status decode_mem16(struct decoder *d, unsigned mod, unsigned rm)
{
	struct insn *in = d->insn;
	unsigned disp_size = mod == MOD_DISP8 ? 1 : mod == MOD_DISP_FULL ? 2 : 0;

	in->mem.base = modrm16_regs[rm].base;
	in->mem.index = modrm16_regs[rm].index;
	if (mod == MOD_NO_DISP && rm == RM16_DISP16) {
		in->mem.base = INSN_REG_NONE;
		disp_size = 2;
	}
	set_mem_seg(d, in->mem.base == INSN_RBP);
	if (disp_size) {
		uint64_t disp;
		enum insn_status st;

		in->disp_offset = (uint8_t)d->pos;
		st = next_field(d, disp_size, &disp);
		if (st != INSN_OK)
			return st;
		in->disp_size = (uint8_t)disp_size;
		in->mem.disp = (int64_t)sign_extend(disp, disp_size);
	}
	return INSN_OK;
}

/* The r/m memory forms of 32- and 64-bit addressing (SDM Vol 2 tables 2-2, 2-3, 2.2.1.6). */
static enum insn_status decode_mem32(struct decoder *d, unsigned mod, unsigned rm)
{
	struct insn *in = d->insn;
	unsigned disp_size = mod == MOD_DISP8 ? 1 : mod == MOD_DISP_FULL ? 4 : 0;
	unsigned rex_b = (in->rex & REX_B) ? 8 : 0;
	enum insn_status st;

	in->mem.index = INSN_REG_NONE;
	if (rm == RM_SIB) {
		unsigned index, base;

		st = next_byte(d, &in->sib);
		if (st != INSN_OK)
			return st;
		in->has_sib = true;
		index = SIB_INDEX(in->sib) | ((in->rex & REX_X) ? 8 : 0);
		base = SIB_BASE(in->sib);
		if (index != SIB_NO_INDEX)
			in->mem.index = (int8_t)index;
		in->mem.scale = (uint8_t)(1u << SIB_SCALE(in->sib));
		if (base == SIB_NO_BASE && mod == MOD_NO_DISP) {
			in->mem.base = INSN_REG_NONE;
			disp_size = 4;
		} else {
			in->mem.base = (int8_t)(base | rex_b);
		}
	} else if (rm == RM_DISP32 && mod == MOD_NO_DISP) {
		in->mem.base = d->mode == INSN_MODE_64 ? INSN_REG_RIP : INSN_REG_NONE;
		disp_size = 4;
	} else {
		in->mem.base = (int8_t)(rm | rex_b);
	}
	set_mem_seg(d, in->mem.base == INSN_RSP || in->mem.base == INSN_RBP);
	if (disp_size) {
		uint64_t disp;

		in->disp_offset = (uint8_t)d->pos;
		st = next_field(d, disp_size, &disp);
		if (st != INSN_OK)
			return st;
		in->disp_size = (uint8_t)disp_size;
		in->mem.disp = (int64_t)sign_extend(disp, disp_size);
	}
	return INSN_OK;
}

static enum insn_status decode_modrm(struct decoder *d, bool mod_ignored)
{
	struct insn *in = d->insn;
	enum insn_status st = next_byte(d, &in->modrm);
	unsigned mod;

	if (st != INSN_OK)
		return st;
	in->has_modrm = true;
	mod = MODRM_MOD(in->modrm);
	if (mod == MOD_REGISTER || mod_ignored)
		return INSN_OK;
	in->has_mem = true;
	in->mem.scale = 1;
	if (in->addrsize == 2)
		return decode_mem16(d, mod, MODRM_RM(in->modrm));
	return decode_mem32(d, mod, MODRM_RM(in->modrm));
}

/* Bytes of immediate an opcode with attribute attr takes. */
static unsigned imm_bytes(const struct decoder *d, unsigned attr)
{
	const struct insn *in = d->insn;
	unsigned z = in->opsize == 2 ? 2 : 4;

	switch (attr & AT_IMM_MASK) {
	case IMM_B:	return 1;
	case IMM_W:	return 2;
	case IMM_Z:	return z;
	case IMM_Z_F64:	return d->mode == INSN_MODE_64 ? 4 : z;
	case IMM_V:	return in->opsize;
	case IMM_ENTER:	return 2 + 1;
	case IMM_FAR:	return z + 2;
	case IMM_GRP3:
		if (MODRM_REG(in->modrm) != GRP3_TEST && MODRM_REG(in->modrm) != GRP3_TEST_ALIAS)
			return 0;
		return in->opcode == OP_GRP3_EB ? 1 : z;
	case IMM_SSE4A:
		return (in->prefixes & (INSN_PFX_OPSIZE | INSN_PFX_REPNE)) ? 2 : 0;
	default:	return 0;
	}
}

static enum insn_status decode_imm(struct decoder *d, unsigned attr)
{
	struct insn *in = d->insn;
	unsigned kind = attr & AT_IMM_MASK;
	unsigned size;
	enum insn_status st;
	uint64_t v;

	if (kind == IMM_MOFFS) {
		/* A bare offset of address size: a displacement, not an operand value. */
		in->disp_offset = (uint8_t)d->pos;
		st = next_field(d, in->addrsize, &v);
		if (st != INSN_OK)
			return st;
		in->disp_size = in->addrsize;
		in->has_mem = true;
		in->mem.base = INSN_REG_NONE;
		in->mem.index = INSN_REG_NONE;
		in->mem.scale = 1;
		in->mem.disp = (int64_t)v;
		set_mem_seg(d, false);
		return INSN_OK;
	}
	size = imm_bytes(d, attr);
	if (size == 0)
		return INSN_OK;
	in->imm_offset = (uint8_t)d->pos;
	st = want(d, d->pos + size);
	if (st != INSN_OK)
		return st;
	in->imm_size = (uint8_t)size;
	switch (kind) {
	case IMM_ENTER:
	case IMM_FAR:
		/* An offset or frame size, then a 16-bit selector or an 8-bit level. */
		in->imm = take(d, kind == IMM_ENTER ? 2 : size - 2);
		in->imm2 = (uint16_t)take(d, kind == IMM_ENTER ? 1 : 2);
		break;
	case IMM_W:
		in->imm = take(d, size);
		break;
	default:
		v = take(d, size);
		in->imm = (attr & AT_UIMM) ? v : sign_extend(v, size);
		break;
	}
	return INSN_OK;
}

/*
 * VEX (C4, C5) and EVEX (62) prefixes, SDM Vol 2 2.3 and 2.7: lengths only.
 * d->pos is at the prefix byte. The opcode map comes from the prefix; ModRM
 * always follows (except VZEROUPPER/VZEROALL); Ib follows in map 0F3A and
 * for the map-0F opcodes that take one in legacy form.
 */
static enum insn_status decode_vex(struct decoder *d, uint8_t prefix, unsigned *attr)
{
	struct insn *in = d->insn;
	uint8_t p[3] = { 0, 0, 0 };
	unsigned payload = prefix == VEX2_PREFIX ? 1 : prefix == VEX3_PREFIX ? 2 : 3;
	unsigned map;
	enum insn_status st;

	/* 66, F2, F3, LOCK or REX before VEX/EVEX is #UD (SDM Vol 2 2.3.2). */
	if ((in->prefixes & (INSN_PFX_LOCK | INSN_PFX_REP | INSN_PFX_REPNE | INSN_PFX_OPSIZE)) ||
	    in->rex)
		return INSN_INVALID;
	d->pos++;
	for (unsigned i = 0; i < payload; i++) {
		st = next_byte(d, &p[i]);
		if (st != INSN_OK)
			return st;
	}
	in->prefixes |= INSN_PFX_VEX;
	if (prefix == VEX2_PREFIX) {
		map = VEX_MAP_0F;
		in->rex = REX_FIXED | (p[0] & VEX_NOT_R ? 0 : REX_R);
	} else {
		if (prefix == VEX3_PREFIX) {
			map = p[0] & VEX_MAP_MASK;
		} else {
			if ((p[0] & EVEX_P0_ZERO_BIT) || !(p[1] & EVEX_P1_ONE_BIT))
				return INSN_INVALID;
			map = p[0] & EVEX_MAP_MASK;
		}
		in->rex = REX_FIXED | (p[0] & VEX_NOT_R ? 0 : REX_R) | (p[0] & VEX_NOT_X ? 0 : REX_X) |
			  (p[0] & VEX_NOT_B ? 0 : REX_B) | (p[1] & VEX_W ? REX_W : 0);
	}
	in->opcode_offset = (uint8_t)(d->pos - 1 - payload);
	st = next_byte(d, &in->opcode);
	if (st != INSN_OK)
		return st;

	switch (map) {
	case VEX_MAP_0F: {
		unsigned legacy = two_byte_map[in->opcode];

		if (prefix != EVEX_PREFIX && in->opcode == OP2_VZEROUPPER) {
			*attr = 0;
		} else if (!(legacy & AT_MODRM) || (legacy & AT_INVALID) ||
			   ((legacy & AT_IMM_MASK) != IMM_B && (legacy & AT_IMM_MASK) != IMM_NONE)) {
			/* No VEX form: branches, system ops, SSE4a. */
			return INSN_INVALID;
		} else {
			*attr = legacy & (AT_MODRM | AT_IMM_MASK | AT_UIMM);
		}
		in->map = prefix == EVEX_PREFIX ? INSN_MAP_EVEX_0F : INSN_MAP_VEX_0F;
		break;
	}
	case VEX_MAP_0F38:
		*attr = MAP_0F38_ATTR;
		in->map = prefix == EVEX_PREFIX ? INSN_MAP_EVEX_0F38 : INSN_MAP_VEX_0F38;
		break;
	case VEX_MAP_0F3A:
		*attr = MAP_0F3A_ATTR;
		in->map = prefix == EVEX_PREFIX ? INSN_MAP_EVEX_0F3A : INSN_MAP_VEX_0F3A;
		break;
	case EVEX_MAP_5:
	case EVEX_MAP_6:
		if (prefix != EVEX_PREFIX)
			return INSN_INVALID;
		*attr = MAP_0F38_ATTR;
		in->map = map == EVEX_MAP_5 ? INSN_MAP_EVEX_5 : INSN_MAP_EVEX_6;
		break;
	default:
		return INSN_INVALID;
	}
	return INSN_OK;
}

/* Is the byte at d->pos a VEX/EVEX prefix rather than LES, LDS or BOUND? */
static enum insn_status is_vex(struct decoder *d, uint8_t b, bool *vex)
{
	enum insn_status st;

	*vex = false;
	if (b != VEX2_PREFIX && b != VEX3_PREFIX && b != EVEX_PREFIX)
		return INSN_OK;
	if (d->mode == INSN_MODE_64) {
		*vex = true;
		return INSN_OK;
	}
	/* Outside 64-bit mode the old instructions need a memory operand (mod != 11). */
	st = want(d, d->pos + 2);
	if (st != INSN_OK)
		return st;
	*vex = MODRM_MOD(d->bytes[d->pos + 1]) == MOD_REGISTER;
	return INSN_OK;
}

/* Finds the opcode and its map, and returns the table attributes in *attr. */
static enum insn_status decode_opcode(struct decoder *d, unsigned *attr)
{
	struct insn *in = d->insn;
	enum insn_status st;
	uint8_t b;
	bool vex;

	st = want(d, d->pos + 1);
	if (st != INSN_OK)
		return st;
	b = d->bytes[d->pos];
	st = is_vex(d, b, &vex);
	if (st != INSN_OK)
		return st;
	if (vex)
		return decode_vex(d, b, attr);

	in->opcode_offset = (uint8_t)d->pos;
	d->pos++;
	if (b != OP_ESCAPE_0F) {
		in->map = INSN_MAP_ONE_BYTE;
		in->opcode = b;
		*attr = one_byte_map[b];
		return INSN_OK;
	}
	st = next_byte(d, &b);
	if (st != INSN_OK)
		return st;
	if (b == OP2_ESCAPE_0F38 || b == OP2_ESCAPE_0F3A) {
		in->map = b == OP2_ESCAPE_0F38 ? INSN_MAP_0F38 : INSN_MAP_0F3A;
		*attr = b == OP2_ESCAPE_0F38 ? MAP_0F38_ATTR : MAP_0F3A_ATTR;
		return next_byte(d, &in->opcode);
	}
	in->map = INSN_MAP_0F;
	in->opcode = b;
	*attr = two_byte_map[b];
	return INSN_OK;
}

/* Encodings that the tables allow but a ModRM.reg or mod value makes undefined. */
static bool modrm_form_invalid(const struct insn *in)
{
	unsigned reg = MODRM_REG(in->modrm);
	bool mem = MODRM_MOD(in->modrm) != MOD_REGISTER;

	if (in->map != INSN_MAP_ONE_BYTE)
		return false;
	switch (in->opcode) {
	case OP_GRP11_EB_IB:
	case OP_GRP11_EV_IZ:
		if (reg == GRP11_MOV)
			return false;
		/* Only C6 F8 (XABORT) and C7 F8 (XBEGIN) are defined besides /0. */
		return reg != GRP11_XABORT_XBEGIN || mem || MODRM_RM(in->modrm) != 0;
	case OP_GRP4_EB:
		return reg > GRP4_LAST_VALID;
	case OP_GRP5_EV:
		return reg == GRP5_INVALID || (!mem && (reg == GRP5_CALLF || reg == GRP5_JMPF));
	case OP_LEA:
		return !mem;
	case XOP_PREFIX:
		return reg != GRP1A_POP;	/* AMD XOP: not supported */
	default:
		return false;
	}
}

/* Register operand from ModRM.reg (or 0 for the accumulator forms). */
static void set_reg(struct insn *in, unsigned reg, unsigned size)
{
	in->reg_size = (uint8_t)size;
	/* Without any REX, byte registers 4-7 are AH, CH, DH, BH (SDM Vol 1 3.4.1.1). */
	if (size == 1 && !in->rex && reg >= INSN_RSP && reg <= INSN_RDI) {
		in->reg = (uint8_t)(reg - INSN_RSP);
		in->reg_high8 = true;
	} else {
		in->reg = (uint8_t)reg;
	}
}

static unsigned modrm_reg(const struct insn *in)
{
	return MODRM_REG(in->modrm) | ((in->rex & REX_R) ? 8 : 0);
}

static void set_alu(struct insn *in, unsigned op, unsigned size, bool dst_is_reg, bool imm_src)
{
	in->kind = INSN_KIND_ALU;
	in->alu_op = (uint8_t)op;
	in->access_size = (uint8_t)size;
	in->alu_dst_is_reg = dst_is_reg;
	in->has_imm_src = imm_src;
	in->mem_read = true;
	in->mem_write = !dst_is_reg && insn_alu_writes_result((enum insn_alu_op)op);
	if (!imm_src && op != INSN_ALU_INC && op != INSN_ALU_DEC && op != INSN_ALU_NOT &&
	    op != INSN_ALU_NEG)
		set_reg(in, modrm_reg(in), size);
}

/* A move of size bytes between memory and register reg of reg_size bytes. */
static void set_move(struct insn *in, enum insn_kind kind, unsigned reg, unsigned size,
		     unsigned reg_size)
{
	in->kind = (uint8_t)kind;
	in->access_size = (uint8_t)size;
	in->mem_read = kind == INSN_KIND_LOAD || kind == INSN_KIND_XCHG;
	in->mem_write = kind != INSN_KIND_LOAD;
	if (kind == INSN_KIND_STORE_IMM)
		in->has_imm_src = true;
	else
		set_reg(in, reg, reg_size);
}

static void set_string(struct decoder *d, enum insn_string_op op, unsigned size)
{
	struct insn *in = d->insn;
	bool from_rsi = op == INSN_STR_MOVS || op == INSN_STR_CMPS || op == INSN_STR_LODS ||
			op == INSN_STR_OUTS;

	in->kind = INSN_KIND_STRING;
	in->string_op = (uint8_t)op;
	in->access_size = (uint8_t)size;
	in->has_mem = true;
	in->mem_read = op != INSN_STR_STOS && op != INSN_STR_INS;
	in->mem_write = op == INSN_STR_MOVS || op == INSN_STR_STOS || op == INSN_STR_INS;
	in->mem.base = from_rsi ? INSN_RSI : INSN_RDI;
	in->mem.index = INSN_REG_NONE;
	in->mem.scale = 1;
	/* ES:rDI cannot be overridden; DS:rSI can (SDM Vol 1 3.7.5). */
	if (from_rsi)
		set_mem_seg(d, false);
	else
		in->mem.seg = INSN_SEG_ES;
}

static enum insn_string_op string_op_of(unsigned opcode)
{
	switch (opcode) {
	case OP_MOVSB: case OP_MOVSV:	return INSN_STR_MOVS;
	case OP_CMPSB: case OP_CMPSV:	return INSN_STR_CMPS;
	case OP_STOSB: case OP_STOSV:	return INSN_STR_STOS;
	case OP_LODSB: case OP_LODSV:	return INSN_STR_LODS;
	case OP_SCASB: case OP_SCASV:	return INSN_STR_SCAS;
	case OP_INSB: case OP_INSV:	return INSN_STR_INS;
	case OP_OUTSB: case OP_OUTSV:	return INSN_STR_OUTS;
	default:			return INSN_STR_NONE;
	}
}

/*
 * Meaning of one-byte-map instructions with a memory operand. Returns
 * whether the opcode is one the decoder gives meaning to (then LOCK is
 * checked), and whether LOCK would be allowed in *lockable.
 */
static bool meaning_one_byte(struct decoder *d, bool *lockable)
{
	struct insn *in = d->insn;
	unsigned op = in->opcode, reg = MODRM_REG(in->modrm);
	unsigned size = (op & OPCODE_W_BIT) ? in->opsize : 1;
	bool mem = in->has_mem;

	*lockable = false;
	if (op < OP_ALU_BLOCK_END && OP_ALU_FORM(op) <= ALU_FORM_GV_EV) {
		bool dst_is_reg = OP_ALU_FORM(op) == ALU_FORM_GB_EB || OP_ALU_FORM(op) == ALU_FORM_GV_EV;

		*lockable = !dst_is_reg && OP_ALU_OP(op) != INSN_ALU_CMP;
		if (mem)
			set_alu(in, OP_ALU_OP(op), size, dst_is_reg, false);
		return true;
	}
	if (string_op_of(op) != INSN_STR_NONE) {
		set_string(d, string_op_of(op), size);
		return true;
	}
	switch (op) {
	case OP_GRP1_EB_IB:
	case OP_GRP1_EB_IB_ALT:
	case OP_GRP1_EV_IZ:
	case OP_GRP1_EV_IB:
		*lockable = reg != INSN_ALU_CMP;
		if (mem)
			set_alu(in, reg, size, false, true);
		return true;
	case OP_TEST_EB_GB:
	case OP_TEST_EV_GV:
		if (mem)
			set_alu(in, INSN_ALU_TEST, size, false, false);
		return true;
	case OP_XCHG_EB_GB:
	case OP_XCHG_EV_GV:
		*lockable = true;
		if (mem)
			set_move(in, INSN_KIND_XCHG, modrm_reg(in), size, size);
		return true;
	case OP_MOV_EB_GB:
	case OP_MOV_EV_GV:
		if (mem)
			set_move(in, INSN_KIND_STORE, modrm_reg(in), size, size);
		return true;
	case OP_MOV_GB_EB:
	case OP_MOV_GV_EV:
		if (mem)
			set_move(in, INSN_KIND_LOAD, modrm_reg(in), size, size);
		return true;
	case OP_MOVSXD:
		if (d->mode != INSN_MODE_64)
			return false;	/* ARPL */
		if (mem) {
			/* Without REX.W it is a plain 16- or 32-bit load. */
			set_move(in, INSN_KIND_LOAD, modrm_reg(in), in->opsize == 8 ? 4 : in->opsize,
				 in->opsize);
			in->sign_extend = in->opsize == 8;
		}
		return true;
	case OP_MOV_AL_OB:
	case OP_MOV_AX_OV:
		set_move(in, INSN_KIND_LOAD, INSN_RAX, size, size);
		return true;
	case OP_MOV_OB_AL:
	case OP_MOV_OV_AX:
		set_move(in, INSN_KIND_STORE, INSN_RAX, size, size);
		return true;
	case OP_GRP11_EB_IB:
	case OP_GRP11_EV_IZ:
		if (reg != GRP11_MOV)
			return false;
		if (mem)
			set_move(in, INSN_KIND_STORE_IMM, 0, size, 0);
		return true;
	case OP_GRP3_EB:
	case OP_GRP3_EV:
		if (reg == GRP3_TEST || reg == GRP3_TEST_ALIAS) {
			if (mem)
				set_alu(in, INSN_ALU_TEST, size, false, true);
			return true;
		}
		if (reg != GRP3_NOT && reg != GRP3_NEG)
			return false;
		*lockable = true;
		if (mem)
			set_alu(in, reg == GRP3_NOT ? INSN_ALU_NOT : INSN_ALU_NEG, size, false, false);
		return true;
	case OP_GRP4_EB:
	case OP_GRP5_EV:
		if (reg != GRP45_INC && reg != GRP45_DEC)
			return false;
		*lockable = true;
		if (mem)
			set_alu(in, reg == GRP45_INC ? INSN_ALU_INC : INSN_ALU_DEC, size, false, false);
		return true;
	default:
		return false;
	}
}

static bool meaning_two_byte(struct insn *in)
{
	/* The w bit picks the source size: byte or word. */
	unsigned size = (in->opcode & OPCODE_W_BIT) ? 2 : 1;

	switch (in->opcode) {
	case OP2_MOVZX_GV_EB:
	case OP2_MOVZX_GV_EW:
	case OP2_MOVSX_GV_EB:
	case OP2_MOVSX_GV_EW:
		break;
	default:
		return false;
	}
	if (in->has_mem) {
		set_move(in, INSN_KIND_LOAD, modrm_reg(in), size, in->opsize);
		in->sign_extend = in->opcode == OP2_MOVSX_GV_EB || in->opcode == OP2_MOVSX_GV_EW;
	}
	return true;
}

static enum insn_status decode_meaning(struct decoder *d)
{
	struct insn *in = d->insn;
	bool known, lockable = false;

	if (in->map == INSN_MAP_ONE_BYTE)
		known = meaning_one_byte(d, &lockable);
	else if (in->map == INSN_MAP_0F)
		known = meaning_two_byte(in);
	else
		known = false;
	/* LOCK on anything but a locked read-modify-write of memory is #UD (SDM Vol 2 LOCK). */
	if (known && (in->prefixes & INSN_PFX_LOCK) && !(lockable && in->has_mem))
		return INSN_INVALID;
	return INSN_OK;
}

static enum insn_status decode(struct decoder *d)
{
	struct insn *in = d->insn;
	unsigned attr = 0;
	enum insn_status st;

	st = decode_prefixes(d);
	if (st != INSN_OK)
		return st;
	st = decode_opcode(d, &attr);
	if (st != INSN_OK)
		return st;
	if ((attr & AT_INVALID) || ((attr & AT_INV64) && d->mode == INSN_MODE_64))
		return INSN_INVALID;
	set_sizes(d);
	if (attr & AT_MODRM) {
		st = decode_modrm(d, attr & AT_MOD_IGNORED);
		if (st != INSN_OK)
			return st;
		if (modrm_form_invalid(in))
			return INSN_INVALID;
	}
	st = decode_imm(d, attr);
	if (st != INSN_OK)
		return st;
	if (in->map == INSN_MAP_0F && in->opcode == OP_ESCAPE_0F) {
		/* 3DNow!: the trailing byte is the real opcode. */
		in->map = INSN_MAP_0F0F;
		in->opcode = (uint8_t)in->imm;
	}
	return decode_meaning(d);
}

enum insn_status insn_decode(struct insn *out, const uint8_t *bytes, size_t avail,
			     enum insn_mode mode)
{
	struct decoder d = {
		.bytes = bytes, .avail = bytes ? avail : 0, .mode = mode,
		.seg_override = -1, .insn = out,
	};
	enum insn_status st;

	*out = (struct insn){ .mode = (uint8_t)mode };
	if (mode != INSN_MODE_16 && mode != INSN_MODE_32 && mode != INSN_MODE_64)
		return INSN_INVALID;
	st = decode(&d);
	if (st != INSN_OK) {
		size_t reached = st == INSN_INVALID ? d.pos : d.wanted;

		*out = (struct insn){ .mode = (uint8_t)mode };
		out->length = (uint8_t)(reached < INSN_MAX_LEN ? reached : INSN_MAX_LEN);
		return st;
	}
	if (d.seg_override >= 0)
		out->prefixes |= INSN_PFX_SEG;
	out->length = (uint8_t)d.pos;
	return INSN_OK;
}

const char *insn_status_name(enum insn_status status)
{
	switch (status) {
	case INSN_OK:		return "ok";
	case INSN_TRUNCATED:	return "truncated";
	case INSN_TOO_LONG:	return "too long";
	case INSN_INVALID:	return "invalid";
	default:		return "?";
	}
}
