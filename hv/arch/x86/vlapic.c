// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual local APIC: reset, interrupt acceptance and priority (SDM Vol 3
 * 10.4.7, 10.8, 10.9), the error register's interrupt, and the posting path
 * other processors use. Register decoding is in vlapic_regs.c, the timer in
 * vlapic_timer.c, IPI addressing in vlapic_ipi.c.
 */
#include <asm/paging.h>

#include "vlapic_internal.h"

int vlapic_bank_highest(const uint32_t *bank)
{
	for (int w = APIC_REG_BANK_REGS - 1; w >= 0; w--) {
		if (bank[w])
			return (w << APIC_REG_BANK_SHIFT) + ((int)VLAPIC_BANK_MASK - __builtin_clz(bank[w]));
	}
	return -1;
}

uint32_t vlapic_x2apic_ldr(uint32_t x2apic_id)
{
	uint32_t cluster = x2apic_id >> APIC_X2APIC_ID_CLUSTER_SHIFT;

	return cluster << APIC_LDR_X2APIC_CLUSTER_SHIFT | 1u << (x2apic_id & APIC_X2APIC_ID_MEMBER_MASK);
}

bool vlapic_is_x2apic(const struct vlapic *v)
{
	return v->apic_base & APIC_BASE_X2APIC;
}

bool vlapic_is_enabled(const struct vlapic *v)
{
	return v->apic_base & APIC_BASE_ENABLE;
}

bool vlapic_sw_enabled(const struct vlapic *v)
{
	return vlapic_is_enabled(v) && (v->svr & SVR_APIC_ENABLE);
}

uint64_t vlapic_mmio_base(const struct vlapic *v)
{
	return v->apic_base & APIC_BASE_ADDR_MASK;
}

static void bank_clear(uint32_t *bank)
{
	for (unsigned w = 0; w < APIC_REG_BANK_REGS; w++)
		bank[w] = 0;
}

void vlapic_reset_registers(struct vlapic *v)
{
	v->tpr = 0;
	v->ldr = vlapic_is_x2apic(v) ? vlapic_x2apic_ldr(v->initial_id) : 0;
	v->dfr = APIC_DFR_FLAT | APIC_DFR_RESERVED_ONES;
	v->svr = SVR_RESET_VALUE;
	bank_clear(v->irr);
	bank_clear(v->isr);
	bank_clear(v->tmr);
	v->esr = 0;
	v->esr_pending = 0;
	v->icr_low = 0;
	v->icr_high = 0;
	for (unsigned i = 0; i < VLAPIC_NR_LVT; i++)
		v->lvt[i] = LVT_MASKED;
	for (unsigned w = 0; w < APIC_REG_BANK_REGS; w++) {
		__atomic_store_n(&v->posted_irr[w], 0, __ATOMIC_RELAXED);
		__atomic_store_n(&v->posted_tmr[w], 0, __ATOMIC_RELAXED);
	}
	__atomic_store_n(&v->posted_any, 0, __ATOMIC_RELAXED);
	vlapic_timer_reset(v);
}

void vlapic_reset(struct vlapic *v, uint32_t apic_id, bool is_bsp)
{
	v->initial_id = apic_id;
	v->apic_base = APIC_DEFAULT_BASE | APIC_BASE_ENABLE | (is_bsp ? APIC_BASE_BSP : 0);
	v->id_reg = apic_id << APIC_XAPIC_ID_SHIFT;
	vlapic_reset_registers(v);
	__atomic_store_n(&v->events, 0, __ATOMIC_RELAXED);
	v->sipi_vector = 0;
}

void vlapic_init_signal(struct vlapic *v)
{
	/* SDM 10.12.5.1: INIT keeps the mode (APIC_BASE) and the ID register. */
	vlapic_reset_registers(v);
}

bool vlapic_init(struct vlapic *v, const struct vlapic_config *cfg, uint32_t apic_id, bool is_bsp)
{
	if (cfg->tsc_hz == 0 || cfg->tsc_hz > VLAPIC_MAX_HZ || cfg->bus_hz == 0 ||
	    cfg->bus_hz > VLAPIC_MAX_HZ || cfg->phys_addr_bits < PHYS_ADDR_BITS_MIN ||
	    cfg->phys_addr_bits > PHYS_ADDR_BITS_MAX)
		return false;
	v->cfg = *cfg;
	v->last_tsc = 0;
	vlapic_reset(v, apic_id, is_bsp);
	return true;
}

/* SDM 10.8.3.1. */
uint8_t vlapic_ppr(const struct vlapic *v)
{
	int isrv = vlapic_bank_highest(v->isr);
	unsigned isr_class = isrv < 0 ? 0 : prio_class((unsigned)isrv);

	if (prio_class(v->tpr) >= isr_class)
		return (uint8_t)v->tpr;
	return (uint8_t)isr_class;
}

uint8_t vlapic_get_cr8(const struct vlapic *v)
{
	return (uint8_t)(v->tpr >> APIC_CR8_SHIFT);
}

void vlapic_set_cr8(struct vlapic *v, uint8_t cr8)
{
	v->tpr = ((uint32_t)cr8 << APIC_CR8_SHIFT) & APIC_TPR_MASK;
}

void vlapic_esr_log(struct vlapic *v, uint32_t bits)
{
	uint32_t fresh = bits & ~v->esr_pending;
	uint32_t lvt = v->lvt[VLAPIC_LVT_ERROR];
	unsigned vector = lvt & LVT_VECTOR_MASK;

	v->esr_pending |= bits;
	/* SDM 10.5.3: errors are collected even while the LVT entry is masked. */
	if (!fresh || (lvt & LVT_MASKED))
		return;
	if (vector < APIC_FIRST_VALID_VECTOR) {
		/* The error interrupt itself is illegal: one more error, no second interrupt. */
		v->esr_pending |= ESR_RECV_ILLEGAL_VECTOR;
		return;
	}
	v->irr[vec_word(vector)] |= vec_bit(vector);
	v->tmr[vec_word(vector)] &= ~vec_bit(vector);
}

bool vlapic_set_irq(struct vlapic *v, uint8_t vector, bool level_triggered)
{
	unsigned w = vec_word(vector);
	uint32_t bit = vec_bit(vector);

	if (!vlapic_sw_enabled(v))
		return false;
	if (vector < APIC_FIRST_VALID_VECTOR) {
		vlapic_esr_log(v, ESR_RECV_ILLEGAL_VECTOR);
		return false;
	}
	if (level_triggered)
		v->tmr[w] |= bit;
	else
		v->tmr[w] &= ~bit;
	if (v->irr[w] & bit)
		return false;
	v->irr[w] |= bit;
	return true;
}

bool vlapic_post_irq(struct vlapic *v, uint8_t vector, bool level_triggered)
{
	unsigned w = vec_word(vector);
	uint32_t bit = vec_bit(vector);
	uint32_t old;

	if (level_triggered)
		__atomic_fetch_or(&v->posted_tmr[w], bit, __ATOMIC_RELAXED);
	old = __atomic_fetch_or(&v->posted_irr[w], bit, __ATOMIC_RELEASE);
	/* Set after the bit: an owner that clears posted_any first cannot miss it. */
	__atomic_store_n(&v->posted_any, 1, __ATOMIC_RELEASE);
	return !(old & bit);
}

void vlapic_merge_posted(struct vlapic *v)
{
	if (!__atomic_exchange_n(&v->posted_any, 0, __ATOMIC_ACQ_REL))
		return;
	for (unsigned w = 0; w < APIC_REG_BANK_REGS; w++) {
		uint32_t bits = __atomic_exchange_n(&v->posted_irr[w], 0, __ATOMIC_ACQUIRE);
		uint32_t level;

		if (!bits)
			continue;
		level = __atomic_fetch_and(&v->posted_tmr[w], ~bits, __ATOMIC_RELAXED) & bits;
		while (bits) {
			unsigned b = (unsigned)__builtin_ctz(bits);

			bits &= bits - 1;
			vlapic_set_irq(v, (uint8_t)(w << APIC_REG_BANK_SHIFT | b), level & (1u << b));
		}
	}
}

static bool post_event_bits(struct vlapic *v, uint8_t delivery_mode, uint8_t vector,
			    bool trigger_level, bool level)
{
	uint32_t ev;

	switch (delivery_mode) {
	case VLAPIC_DM_NMI:
		ev = VLAPIC_EVENT_NMI;
		break;
	case VLAPIC_DM_SMI:
		ev = VLAPIC_EVENT_SMI;
		break;
	case VLAPIC_DM_INIT:
		if (trigger_level && !level)
			return true;	/* INIT level de-assert (SDM 10.6.1) */
		ev = VLAPIC_EVENT_INIT;
		break;
	case VLAPIC_DM_STARTUP:
		__atomic_store_n(&v->sipi_vector, vector, __ATOMIC_RELAXED);
		ev = VLAPIC_EVENT_SIPI;
		break;
	case VLAPIC_DM_EXTINT:
		ev = VLAPIC_EVENT_EXTINT;
		break;
	default:
		return false;
	}
	if (vlapic_is_enabled(v))
		__atomic_fetch_or(&v->events, ev, __ATOMIC_RELEASE);
	return true;
}

static bool is_fixed_mode(uint8_t delivery_mode)
{
	return delivery_mode == VLAPIC_DM_FIXED || delivery_mode == VLAPIC_DM_LOWEST;
}

void vlapic_deliver(struct vlapic *v, uint8_t delivery_mode, uint8_t vector, bool trigger_level,
		    bool level)
{
	if (is_fixed_mode(delivery_mode))
		vlapic_set_irq(v, vector, trigger_level);
	else
		post_event_bits(v, delivery_mode, vector, trigger_level, level);
}

void vlapic_post_event(struct vlapic *v, uint8_t delivery_mode, uint8_t vector, bool trigger_level,
		       bool level)
{
	if (is_fixed_mode(delivery_mode))
		vlapic_post_irq(v, vector, trigger_level);
	else
		post_event_bits(v, delivery_mode, vector, trigger_level, level);
}

uint32_t vlapic_take_events(struct vlapic *v, uint8_t *sipi_vector)
{
	uint32_t ev = __atomic_exchange_n(&v->events, 0, __ATOMIC_ACQUIRE);

	*sipi_vector = __atomic_load_n(&v->sipi_vector, __ATOMIC_RELAXED);
	return ev;
}

static bool lvt_has_delivery_mode(enum vlapic_lvt which)
{
	return which != VLAPIC_LVT_TIMER && which != VLAPIC_LVT_ERROR;
}

void vlapic_lvt_deliver(struct vlapic *v, enum vlapic_lvt which)
{
	uint32_t lvt = v->lvt[which];
	uint8_t vector = lvt & LVT_VECTOR_MASK;
	uint8_t dm = VLAPIC_DM_FIXED;

	if (lvt & LVT_MASKED)
		return;
	if (lvt_has_delivery_mode(which))
		dm = (uint8_t)((lvt & ICR_DM_MASK) >> ICR_DM_SHIFT);
	if (dm == VLAPIC_DM_LOWEST)
		return;		/* reserved in an LVT entry (SDM 10.5.1) */
	vlapic_deliver(v, dm, vector, false, true);
}

void vlapic_lint(struct vlapic *v, unsigned pin)
{
	enum vlapic_lvt which = pin ? VLAPIC_LVT_LINT1 : VLAPIC_LVT_LINT0;
	uint32_t lvt = v->lvt[which];
	bool fixed = (lvt & ICR_DM_MASK) == ICR_DM_FIXED;

	/* LINT1 is edge-only (SDM 10.5.1); a level LINT0 waits for its EOI (remote IRR). */
	if (which == VLAPIC_LVT_LINT0 && fixed && (lvt & LVT_TRIGGER_LEVEL)) {
		if ((lvt & (LVT_MASKED | LVT_REMOTE_IRR)) || !vlapic_sw_enabled(v))
			return;
		if (vlapic_set_irq(v, lvt & LVT_VECTOR_MASK, true))
			v->lvt[which] |= LVT_REMOTE_IRR;
		return;
	}
	vlapic_lvt_deliver(v, which);
}

int vlapic_pending_vector(struct vlapic *v)
{
	int irrv;

	if (!vlapic_is_enabled(v))
		return -1;
	vlapic_merge_posted(v);
	irrv = vlapic_bank_highest(v->irr);
	if (irrv < 0 || prio_class((unsigned)irrv) <= prio_class(vlapic_ppr(v)))
		return -1;
	return irrv;
}

bool vlapic_accept(struct vlapic *v, uint8_t vector)
{
	if (vlapic_pending_vector(v) != vector)
		return false;
	v->irr[vec_word(vector)] &= ~vec_bit(vector);
	v->isr[vec_word(vector)] |= vec_bit(vector);
	return true;
}

int vlapic_eoi(struct vlapic *v)
{
	int isrv = vlapic_bank_highest(v->isr);
	unsigned vector;

	if (isrv < 0)
		return -1;
	vector = (unsigned)isrv;
	v->isr[vec_word(vector)] &= ~vec_bit(vector);
	if (!vec_test(v->tmr, vector))
		return -1;
	if ((v->lvt[VLAPIC_LVT_LINT0] & LVT_VECTOR_MASK) == vector)
		v->lvt[VLAPIC_LVT_LINT0] &= ~LVT_REMOTE_IRR;
	return isrv;
}
