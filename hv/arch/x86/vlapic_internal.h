/* SPDX-License-Identifier: GPL-2.0 */
/* What the virtual local APIC's source files (vlapic*.c) share and nothing else uses. */
#ifndef VLAPIC_INTERNAL_H
#define VLAPIC_INTERNAL_H

#include <asm/apic.h>
#include <asm/msr.h>
#include <asm/vlapic.h>

#define VLAPIC_BANK_MASK ((1u << APIC_REG_BANK_SHIFT) - 1)

static inline unsigned vec_word(unsigned vector)
{
	return vector >> APIC_REG_BANK_SHIFT;
}

static inline uint32_t vec_bit(unsigned vector)
{
	return 1u << (vector & VLAPIC_BANK_MASK);
}

static inline bool vec_test(const uint32_t *bank, unsigned vector)
{
	return bank[vec_word(vector)] & vec_bit(vector);
}

static inline unsigned prio_class(unsigned vector_or_prio)
{
	return vector_or_prio & APIC_PRIO_CLASS_MASK;
}

/* The highest vector set in a 256-bit bank, or -1. */
int vlapic_bank_highest(const uint32_t *bank);

/* Logs ESR error bits; a bit new since the last ESR write raises the LVT error interrupt. */
void vlapic_esr_log(struct vlapic *v, uint32_t bits);

/* Raises the interrupt a local source's LVT entry describes, unless it is masked. */
void vlapic_lvt_deliver(struct vlapic *v, enum vlapic_lvt which);

/* Moves posted interrupts into IRR/TMR (owner only). */
void vlapic_merge_posted(struct vlapic *v);

/* Puts every register but APIC_BASE and the ID back to its RESET value (SDM 10.4.7.1). */
void vlapic_reset_registers(struct vlapic *v);

/* The logical x2APIC ID the hardware derives from the x2APIC ID (SDM 10.12.10.2). */
uint32_t vlapic_x2apic_ldr(uint32_t x2apic_id);

/* Timer (vlapic_timer.c). */
void vlapic_timer_reset(struct vlapic *v);
uint32_t vlapic_timer_current_count(const struct vlapic *v);
void vlapic_timer_write_initial(struct vlapic *v, uint32_t count);
void vlapic_timer_write_dcr(struct vlapic *v, uint32_t dcr);
void vlapic_timer_write_lvt(struct vlapic *v, uint32_t lvt);
void vlapic_timer_write_deadline(struct vlapic *v, uint64_t deadline);
uint64_t vlapic_timer_read_deadline(const struct vlapic *v);

/* ICR write (vlapic_ipi.c): decodes the IPI into *out, or logs "send illegal vector". */
void vlapic_send_ipi(struct vlapic *v, uint32_t icr_low, uint32_t dest, struct vlapic_effect *out);

#endif
