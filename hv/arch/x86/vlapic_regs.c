// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual local APIC register access: xAPIC MMIO (SDM Vol 3 table 10-1),
 * x2APIC MSRs (table 10-6, reserved-bit checks of 10.12.1.3), IA32_APIC_BASE
 * and its mode state machine (10.4.4, 10.12.5), IA32_TSC_DEADLINE (10.5.4.1).
 */
#include "vlapic_internal.h"

#define NR_REG_SLOTS    (APIC_REG_SPACE_END >> APIC_REG_SHIFT)
#define BYTE_BITS       8
#define REG_BYTE_MASK   0xFFu
#define LVT_BASE_FIELDS (LVT_VECTOR_MASK | LVT_MASKED)
#define LVT_DM_FIELDS   (LVT_BASE_FIELDS | ICR_DM_MASK)
#define LVT_LINT_FIELDS (LVT_DM_FIELDS | LVT_INPUT_POLARITY | LVT_TRIGGER_LEVEL)

/* How each mode may access a register slot; 0 = reserved. */
enum { REG_R = 1, REG_W = 2, REG_RW = REG_R | REG_W };

struct reg_rule {
	uint8_t xapic, x2apic;
	uint32_t writable;	/* bits a write stores */
	uint32_t ignored;	/* read-only bits a write may carry without #GP */
};

#define SLOT(offset) ((offset) >> APIC_REG_SHIFT)
#define BANK(first, rule) \
	[SLOT(first) ... SLOT(first) + APIC_REG_BANK_REGS - 1] = rule

static const struct reg_rule reg_rules[NR_REG_SLOTS] = {
	[SLOT(APIC_REG_ID)]          = { REG_RW, REG_R, APIC_XAPIC_ID_MASK, 0 },
	[SLOT(APIC_REG_VERSION)]     = { REG_R, REG_R, 0, 0 },
	[SLOT(APIC_REG_TPR)]         = { REG_RW, REG_RW, APIC_TPR_MASK, 0 },
	[SLOT(APIC_REG_APR)]         = { REG_R, 0, 0, 0 },
	[SLOT(APIC_REG_PPR)]         = { REG_R, REG_R, 0, 0 },
	[SLOT(APIC_REG_EOI)]         = { REG_W, REG_W, 0, 0 },
	[SLOT(APIC_REG_RRD)]         = { REG_R, 0, 0, 0 },
	[SLOT(APIC_REG_LDR)]         = { REG_RW, REG_R, APIC_LDR_XAPIC_MASK, 0 },
	[SLOT(APIC_REG_DFR)]         = { REG_RW, 0, APIC_DFR_MODEL_MASK, 0 },
	[SLOT(APIC_REG_SVR)]         = { REG_RW, REG_RW, SVR_VECTOR_MASK | SVR_APIC_ENABLE |
					 SVR_FOCUS_DISABLE, 0 },
	BANK(APIC_REG_ISR0,            ((struct reg_rule){ REG_R, REG_R, 0, 0 })),
	BANK(APIC_REG_TMR0,            ((struct reg_rule){ REG_R, REG_R, 0, 0 })),
	BANK(APIC_REG_IRR0,            ((struct reg_rule){ REG_R, REG_R, 0, 0 })),
	[SLOT(APIC_REG_ESR)]         = { REG_RW, REG_RW, 0, 0 },
	[SLOT(APIC_REG_ICR_LOW)]     = { REG_RW, REG_RW, ICR_LOW_WRITABLE, ICR_DELIVERY_PENDING },
	[SLOT(APIC_REG_ICR_HIGH)]    = { REG_RW, 0, ICR_XAPIC_DEST_MASK, 0 },
	[SLOT(APIC_REG_LVT_TIMER)]   = { REG_RW, REG_RW, LVT_BASE_FIELDS | LVT_TIMER_MODE_MASK,
					 LVT_DELIVERY_PENDING },
	[SLOT(APIC_REG_LVT_THERMAL)] = { REG_RW, REG_RW, LVT_DM_FIELDS, LVT_DELIVERY_PENDING },
	[SLOT(APIC_REG_LVT_PERF)]    = { REG_RW, REG_RW, LVT_DM_FIELDS, LVT_DELIVERY_PENDING },
	[SLOT(APIC_REG_LVT_LINT0)]   = { REG_RW, REG_RW, LVT_LINT_FIELDS,
					 LVT_DELIVERY_PENDING | LVT_REMOTE_IRR },
	[SLOT(APIC_REG_LVT_LINT1)]   = { REG_RW, REG_RW, LVT_LINT_FIELDS,
					 LVT_DELIVERY_PENDING | LVT_REMOTE_IRR },
	[SLOT(APIC_REG_LVT_ERROR)]   = { REG_RW, REG_RW, LVT_BASE_FIELDS, LVT_DELIVERY_PENDING },
	[SLOT(APIC_REG_TIMER_ICR)]   = { REG_RW, REG_RW, UINT32_MAX, 0 },
	[SLOT(APIC_REG_TIMER_CCR)]   = { REG_R, REG_R, 0, 0 },
	[SLOT(APIC_REG_TIMER_DCR)]   = { REG_RW, REG_RW, TIMER_DCR_MASK, 0 },
	[SLOT(APIC_REG_SELF_IPI)]    = { 0, REG_W, SELF_IPI_VECTOR_MASK, 0 },
};

static const struct reg_rule *rule_for(uint32_t offset)
{
	static const struct reg_rule reserved;

	if (offset >= APIC_REG_SPACE_END)
		return &reserved;
	return &reg_rules[SLOT(offset)];
}

static uint32_t writable_bits(const struct vlapic *v, uint32_t offset)
{
	uint32_t bits = rule_for(offset)->writable;

	if (offset == APIC_REG_LVT_TIMER && !v->cfg.tsc_deadline)
		bits &= ~LVT_TIMER_TSC_DEADLINE;
	return bits;
}

/* SDM 10.6.2.4 (P6 and AMD): the priority this APIC would bid with. */
static uint32_t apr(const struct vlapic *v)
{
	int irrv = vlapic_bank_highest(v->irr), isrv = vlapic_bank_highest(v->isr);
	unsigned tpr_c = prio_class(v->tpr);
	unsigned irr_c = irrv < 0 ? 0 : prio_class((unsigned)irrv);
	unsigned isr_c = isrv < 0 ? 0 : prio_class((unsigned)isrv);

	if (tpr_c >= irr_c && tpr_c > isr_c)
		return v->tpr;
	if (irr_c > tpr_c)
		tpr_c = irr_c;
	return isr_c > tpr_c ? isr_c : tpr_c;
}

/* The value of a readable register at 'offset' (16-byte aligned). */
static uint32_t reg_value(const struct vlapic *v, uint32_t offset, bool x2)
{
	unsigned bank = (offset >> APIC_REG_SHIFT) % APIC_REG_BANK_REGS;

	switch (offset) {
	case APIC_REG_ID:
		return x2 ? v->initial_id : v->id_reg;
	case APIC_REG_VERSION:
		return VLAPIC_VERSION;
	case APIC_REG_TPR:
		return v->tpr;
	case APIC_REG_APR:
		return apr(v);
	case APIC_REG_PPR:
		return vlapic_ppr(v);
	case APIC_REG_LDR:
		return v->ldr;
	case APIC_REG_DFR:
		return v->dfr;
	case APIC_REG_SVR:
		return v->svr;
	case APIC_REG_ISR0 ... APIC_REG_ISR0 + (APIC_REG_BANK_REGS - 1) * APIC_REG_STRIDE:
		return v->isr[bank];
	case APIC_REG_TMR0 ... APIC_REG_TMR0 + (APIC_REG_BANK_REGS - 1) * APIC_REG_STRIDE:
		return v->tmr[bank];
	case APIC_REG_IRR0 ... APIC_REG_IRR0 + (APIC_REG_BANK_REGS - 1) * APIC_REG_STRIDE:
		return v->irr[bank];
	case APIC_REG_ESR:
		return v->esr;
	case APIC_REG_ICR_LOW:
		return v->icr_low;	/* delivery status always idle */
	case APIC_REG_ICR_HIGH:
		return v->icr_high;
	case APIC_REG_LVT_TIMER ... APIC_REG_LVT_ERROR:
		return v->lvt[(offset - APIC_REG_LVT_TIMER) >> APIC_REG_SHIFT];
	case APIC_REG_TIMER_ICR:
		return v->timer_initial;
	case APIC_REG_TIMER_CCR:
		return vlapic_timer_current_count(v);
	case APIC_REG_TIMER_DCR:
		return v->timer_dcr;
	default:
		return 0;	/* RRD: no remote reads pending */
	}
}

static void write_svr(struct vlapic *v, uint32_t value)
{
	v->svr = value;
	if (value & SVR_APIC_ENABLE)
		return;
	/* SDM 10.4.7.2: software disable masks every LVT entry. */
	for (unsigned i = 0; i < VLAPIC_NR_LVT; i++)
		v->lvt[i] |= LVT_MASKED;
}

static void write_lvt(struct vlapic *v, uint32_t offset, uint32_t value)
{
	enum vlapic_lvt which = (offset - APIC_REG_LVT_TIMER) >> APIC_REG_SHIFT;

	if (!(v->svr & SVR_APIC_ENABLE))
		value |= LVT_MASKED;	/* cannot be unmasked while disabled (SDM 10.4.7.2) */
	value |= v->lvt[which] & LVT_REMOTE_IRR;
	if (which == VLAPIC_LVT_TIMER)
		vlapic_timer_write_lvt(v, value);
	else
		v->lvt[which] = value;
}

/* Stores a write already checked and masked to the register's writable bits. */
static void reg_store(struct vlapic *v, uint32_t offset, uint32_t value, bool x2,
		      struct vlapic_effect *out)
{
	int level_vector;

	switch (offset) {
	case APIC_REG_ID:
		v->id_reg = value;
		break;
	case APIC_REG_TPR:
		v->tpr = value;
		break;
	case APIC_REG_EOI:
		level_vector = vlapic_eoi(v);
		if (level_vector >= 0) {
			out->flags |= VLAPIC_EFFECT_EOI_LEVEL;
			out->eoi_vector = (uint8_t)level_vector;
		}
		break;
	case APIC_REG_LDR:
		v->ldr = value;
		break;
	case APIC_REG_DFR:
		v->dfr = value | APIC_DFR_RESERVED_ONES;
		break;
	case APIC_REG_SVR:
		write_svr(v, value);
		break;
	case APIC_REG_ESR:
		/* SDM 10.5.3: the write publishes the errors since the last write and clears them. */
		v->esr = v->esr_pending;
		v->esr_pending = 0;
		break;
	case APIC_REG_ICR_LOW:
		v->icr_low = value;
		vlapic_send_ipi(v, value, x2 ? v->icr_high : v->icr_high >> ICR_XAPIC_DEST_SHIFT, out);
		break;
	case APIC_REG_ICR_HIGH:
		v->icr_high = value;
		break;
	case APIC_REG_LVT_TIMER ... APIC_REG_LVT_ERROR:
		write_lvt(v, offset, value);
		break;
	case APIC_REG_TIMER_ICR:
		vlapic_timer_write_initial(v, value);
		break;
	case APIC_REG_TIMER_DCR:
		vlapic_timer_write_dcr(v, value);
		break;
	case APIC_REG_SELF_IPI:
		if (value < APIC_FIRST_VALID_VECTOR)
			vlapic_esr_log(v, ESR_SEND_ILLEGAL_VECTOR);
		else
			vlapic_set_irq(v, (uint8_t)value, false);
		break;
	default:
		break;
	}
}

static void effect_clear(struct vlapic_effect *out)
{
	out->flags = 0;
	out->eoi_vector = 0;
	out->ipi = (struct vlapic_ipi){ 0 };
}

static bool is_xapic_mode(const struct vlapic *v)
{
	return vlapic_is_enabled(v) && !vlapic_is_x2apic(v);
}

/* One 16-byte slot's register value for an MMIO read (0 for write-only registers). */
static uint32_t mmio_slot_value(struct vlapic *v, uint32_t slot)
{
	const struct reg_rule *r = rule_for(slot);

	if (!r->xapic) {
		vlapic_esr_log(v, ESR_ILLEGAL_REG_ADDR);
		return 0;
	}
	return (r->xapic & REG_R) ? reg_value(v, slot, false) : 0;
}

bool vlapic_mmio_read(struct vlapic *v, uint32_t offset, unsigned size, uint64_t now_tsc,
		      uint64_t *value)
{
	uint32_t cached_slot = UINT32_MAX, reg = 0;

	if (!is_xapic_mode(v)) {
		*value = UINT64_MAX;
		return false;
	}
	vlapic_timer_advance(v, now_tsc);
	vlapic_merge_posted(v);
	*value = 0;
	if (size != 1 && size != 2 && size != 4 && size != 8)
		return true;
	for (unsigned i = 0; i < size; i++) {
		uint64_t at = (uint64_t)offset + i;
		uint32_t slot = (uint32_t)(at & ~(uint64_t)(APIC_REG_STRIDE - 1));
		uint32_t pos = (uint32_t)(at % APIC_REG_STRIDE);

		if (at >= APIC_MMIO_SIZE)
			break;
		if (slot != cached_slot) {
			reg = mmio_slot_value(v, slot);
			cached_slot = slot;
		}
		if (pos < APIC_REG_WIDTH)
			*value |= (uint64_t)((reg >> (pos * BYTE_BITS)) & REG_BYTE_MASK) << (i * BYTE_BITS);
	}
	return true;
}

bool vlapic_mmio_write(struct vlapic *v, uint32_t offset, unsigned size, uint64_t value,
		       uint64_t now_tsc, struct vlapic_effect *out)
{
	const struct reg_rule *r = rule_for(offset);
	uint64_t before;

	effect_clear(out);
	if (!is_xapic_mode(v))
		return false;
	vlapic_timer_advance(v, now_tsc);
	vlapic_merge_posted(v);
	/* SDM 10.4.1: registers take 32-bit aligned stores; anything else is dropped. */
	if (size != APIC_REG_WIDTH || offset % APIC_REG_STRIDE || offset >= APIC_MMIO_SIZE)
		return true;
	if (!r->xapic) {
		vlapic_esr_log(v, ESR_ILLEGAL_REG_ADDR);
		return true;
	}
	if (!(r->xapic & REG_W))
		return true;
	before = vlapic_timer_deadline(v);
	reg_store(v, offset, (uint32_t)value & writable_bits(v, offset), false, out);
	if (vlapic_timer_deadline(v) != before)
		out->flags |= VLAPIC_EFFECT_TIMER;
	return true;
}

/* --- MSRs ----------------------------------------------------------------- */

bool vlapic_is_msr(uint32_t msr)
{
	return msr == MSR_IA32_APIC_BASE || msr == MSR_IA32_TSC_DEADLINE ||
	       (msr >= MSR_X2APIC_BASE && msr <= MSR_X2APIC_LAST);
}

static uint32_t x2apic_offset(uint32_t msr)
{
	return (msr - MSR_X2APIC_BASE) << APIC_REG_SHIFT;
}

enum apic_mode { MODE_DISABLED, MODE_INVALID, MODE_XAPIC, MODE_X2APIC };

static enum apic_mode mode_of(uint64_t apic_base)
{
	bool en = apic_base & APIC_BASE_ENABLE, extd = apic_base & APIC_BASE_X2APIC;

	return en ? (extd ? MODE_X2APIC : MODE_XAPIC) : (extd ? MODE_INVALID : MODE_DISABLED);
}

static uint64_t apic_base_reserved(const struct vlapic *v)
{
	uint64_t addr = APIC_BASE_ADDR_MASK & ((1ull << v->cfg.phys_addr_bits) - 1);

	return ~(addr | APIC_BASE_BSP | APIC_BASE_ENABLE | (v->cfg.x2apic ? APIC_BASE_X2APIC : 0));
}

/* SDM 10.12.5 figure 10-27: the transitions WRMSR may make, and what each does to the state. */
static bool write_apic_base(struct vlapic *v, uint64_t value, struct vlapic_effect *out)
{
	enum apic_mode from = mode_of(v->apic_base), to = mode_of(value);

	if ((value & apic_base_reserved(v)) || to == MODE_INVALID ||
	    (from == MODE_X2APIC && to == MODE_XAPIC) || (from == MODE_DISABLED && to == MODE_X2APIC))
		return false;
	if (value != v->apic_base)
		out->flags |= VLAPIC_EFFECT_MODE;
	v->apic_base = value;
	if (from != MODE_DISABLED && to == MODE_DISABLED) {
		/* Registers are not preserved across disable; the IDs are (10.12.5.1). */
		vlapic_reset_registers(v);
	} else if (from == MODE_XAPIC && to == MODE_X2APIC) {
		/* A written xAPIC ID, the LDR and ICR high are not preserved (10.12.5.1). */
		v->id_reg = v->initial_id << APIC_XAPIC_ID_SHIFT;
		v->ldr = vlapic_x2apic_ldr(v->initial_id);
		v->icr_high = 0;
	}
	return true;
}

bool vlapic_msr_read(struct vlapic *v, uint32_t msr, uint64_t now_tsc, uint64_t *value)
{
	const struct reg_rule *r;
	uint32_t offset;

	*value = 0;
	if (msr == MSR_IA32_APIC_BASE) {
		*value = v->apic_base;
		return true;
	}
	if (msr == MSR_IA32_TSC_DEADLINE) {
		if (!v->cfg.tsc_deadline)
			return false;
		vlapic_timer_advance(v, now_tsc);
		*value = vlapic_timer_read_deadline(v);
		return true;
	}
	if (!vlapic_is_msr(msr) || !vlapic_is_x2apic(v))
		return false;
	offset = x2apic_offset(msr);
	r = rule_for(offset);
	if (!(r->x2apic & REG_R))
		return false;
	vlapic_timer_advance(v, now_tsc);
	vlapic_merge_posted(v);
	*value = reg_value(v, offset, true);
	if (offset == APIC_REG_ICR_LOW)
		*value |= (uint64_t)v->icr_high << ICR_X2APIC_DEST_SHIFT;
	return true;
}

/* The checks an x2APIC register write must pass (SDM 10.12.1.2, 10.12.1.3). */
static bool x2apic_write_ok(const struct vlapic *v, uint32_t offset, uint64_t value)
{
	const struct reg_rule *r = rule_for(offset);
	uint64_t allowed = writable_bits(v, offset) | r->ignored;

	if (!(r->x2apic & REG_W))
		return false;
	if (offset == APIC_REG_ICR_LOW)
		return !(value & ICR_X2APIC_RESERVED);
	if (offset == APIC_REG_EOI || offset == APIC_REG_ESR)
		return value == 0;
	return !(value & ~allowed);
}

static bool x2apic_write(struct vlapic *v, uint32_t msr, uint64_t value, struct vlapic_effect *out)
{
	uint32_t offset = x2apic_offset(msr);

	if (!vlapic_is_x2apic(v) || !x2apic_write_ok(v, offset, value))
		return false;
	if (offset == APIC_REG_ICR_LOW)
		v->icr_high = (uint32_t)(value >> ICR_X2APIC_DEST_SHIFT);
	reg_store(v, offset, (uint32_t)value & writable_bits(v, offset), true, out);
	return true;
}

bool vlapic_msr_write(struct vlapic *v, uint32_t msr, uint64_t value, uint64_t now_tsc,
		      struct vlapic_effect *out)
{
	uint64_t before;
	bool ok;

	effect_clear(out);
	if (!vlapic_is_msr(msr))
		return false;
	if (msr == MSR_IA32_TSC_DEADLINE && !v->cfg.tsc_deadline)
		return false;
	vlapic_timer_advance(v, now_tsc);
	vlapic_merge_posted(v);
	before = vlapic_timer_deadline(v);
	if (msr == MSR_IA32_APIC_BASE) {
		ok = write_apic_base(v, value, out);
	} else if (msr == MSR_IA32_TSC_DEADLINE) {
		vlapic_timer_write_deadline(v, value);
		ok = true;
	} else {
		ok = x2apic_write(v, msr, value, out);
	}
	if (vlapic_timer_deadline(v) != before)
		out->flags |= VLAPIC_EFFECT_TIMER;
	return ok;
}
