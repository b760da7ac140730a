/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The virtual local APIC of a child-partition processor (hv/arch/x86/vlapic*.c):
 * a pure model of the registers, interrupt state, timer and IPI addressing of
 * SDM Vol 3 chapter 10 ("Advanced Programmable Interrupt Controller"), in
 * xAPIC (MMIO) and x2APIC (MSR) mode. The core decodes the accesses, injects
 * what vlapic_pending_vector() returns, routes IPIs and arms a host timer for
 * vlapic_timer_deadline(); this model does no I/O, allocation or locking.
 *
 * Time is the guest's TSC. Functions taking now_tsc first bring the timer up
 * to that time (as vlapic_timer_advance), so a register read sees the current
 * count and any expiry already in IRR. A now_tsc older than one seen before is
 * taken as the newest seen (time never runs backwards for the model).
 *
 * Concurrency: one owner (the VP's processor, or whoever holds the VP's lock)
 * calls everything except vlapic_post_irq() and vlapic_post_event(), which
 * other processors may call at any time without a lock. vlapic_matches_dest()
 * reads a target's ID, LDR, DFR and APIC_BASE: each is one aligned word, so a
 * racing reader sees the old or the new value, as a real bus message would.
 */
#ifndef ASM_VLAPIC_H
#define ASM_VLAPIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <asm/apic.h>

/* The version register: integrated APIC 0x14, 6 LVT entries, no EOI-broadcast suppression. */
#define VLAPIC_NR_LVT         6u
#define VLAPIC_VERSION        (APIC_VERSION_INTEGRATED | (VLAPIC_NR_LVT - 1) << APIC_VERSION_MAXLVT_SHIFT)

/* LVT entries in register order (0x320 + 0x10 * index). */
enum vlapic_lvt {
	VLAPIC_LVT_TIMER,
	VLAPIC_LVT_THERMAL,
	VLAPIC_LVT_PERF,
	VLAPIC_LVT_LINT0,
	VLAPIC_LVT_LINT1,
	VLAPIC_LVT_ERROR,
};

/* Interrupts that bypass IRR and ISR (SDM 10.8.4 note); the core takes them. */
#define VLAPIC_EVENT_NMI      (1u << 0)
#define VLAPIC_EVENT_INIT     (1u << 1)	/* INIT assert; the core resets the VP */
#define VLAPIC_EVENT_SIPI     (1u << 2)	/* start-up; vector in sipi_vector */
#define VLAPIC_EVENT_EXTINT   (1u << 3)	/* ask the (worker's) 8259 for the vector */
#define VLAPIC_EVENT_SMI      (1u << 4)	/* reported; Bulkhead has no SMM */

/* Model configuration, fixed for the partition's life. */
struct vlapic_config {
	uint64_t tsc_hz;	/* guest TSC frequency, 1 .. VLAPIC_MAX_HZ */
	uint64_t bus_hz;	/* APIC timer input clock before the divider, 1 .. VLAPIC_MAX_HZ */
	uint8_t phys_addr_bits;	/* guest MAXPHYADDR (32..52): APIC_BASE bits above are reserved */
	bool x2apic;		/* CPUID.01H:ECX[21] advertised: APIC_BASE.EXTD may be set */
	bool tsc_deadline;	/* CPUID.01H:ECX[24] advertised: LVT timer mode 2 and MSR 0x6E0 */
};
#define VLAPIC_MAX_HZ         (1ull << 40)	/* keeps the timer arithmetic inside 128 bits */

/* Delivery modes and shorthands as small numbers (the ICR fields shifted down). */
enum vlapic_dm {
	VLAPIC_DM_FIXED   = ICR_DM_FIXED >> ICR_DM_SHIFT,
	VLAPIC_DM_LOWEST  = ICR_DM_LOWEST >> ICR_DM_SHIFT,
	VLAPIC_DM_SMI     = ICR_DM_SMI >> ICR_DM_SHIFT,
	VLAPIC_DM_NMI     = ICR_DM_NMI >> ICR_DM_SHIFT,
	VLAPIC_DM_INIT    = ICR_DM_INIT >> ICR_DM_SHIFT,
	VLAPIC_DM_STARTUP = ICR_DM_STARTUP >> ICR_DM_SHIFT,
	VLAPIC_DM_EXTINT  = ICR_DM_EXTINT >> ICR_DM_SHIFT,
};
enum vlapic_shorthand {
	VLAPIC_SH_NONE   = ICR_SHORTHAND_NONE >> ICR_SHORTHAND_SHIFT,
	VLAPIC_SH_SELF   = ICR_SHORTHAND_SELF >> ICR_SHORTHAND_SHIFT,
	VLAPIC_SH_ALL    = ICR_SHORTHAND_ALL >> ICR_SHORTHAND_SHIFT,
	VLAPIC_SH_OTHERS = ICR_SHORTHAND_OTHERS >> ICR_SHORTHAND_SHIFT,
};

/*
 * An IPI the guest asked for by writing the ICR, for the core to route with
 * vlapic_matches_dest() and deliver with vlapic_deliver/vlapic_post_*.
 * Lowest-priority delivery may be treated as fixed to the first matching
 * VP: the SDM leaves the choice among equals to the platform (10.6.2.4).
 * "INIT level de-assert" (INIT, level false, trigger_level true) is passed
 * on: it only resynchronises arbitration IDs and the core should drop it.
 */
struct vlapic_ipi {
	uint32_t dest;		/* xAPIC: ICR high bits 31:24; x2APIC: ICR bits 63:32 */
	uint8_t shorthand;	/* enum vlapic_shorthand */
	bool dest_logical;
	uint8_t delivery_mode;	/* enum vlapic_dm */
	uint8_t vector;
	bool level;		/* ICR bit 14: assert */
	bool trigger_level;	/* ICR bit 15 */
};

/* What a register write asks of the core (flags VLAPIC_EFFECT_*). */
#define VLAPIC_EFFECT_IPI       (1u << 0)	/* route 'ipi' */
#define VLAPIC_EFFECT_EOI_LEVEL (1u << 1)	/* a level-triggered vector was EOIed: tell the I/O APIC */
#define VLAPIC_EFFECT_TIMER     (1u << 2)	/* vlapic_timer_deadline() may have changed */
#define VLAPIC_EFFECT_MODE      (1u << 3)	/* APIC_BASE changed: remap MMIO, MSR intercepts */
struct vlapic_effect {
	uint32_t flags;
	struct vlapic_ipi ipi;
	uint8_t eoi_vector;	/* with VLAPIC_EFFECT_EOI_LEVEL */
};

struct vlapic {
	/* Set at vlapic_init(). */
	struct vlapic_config cfg;
	uint32_t initial_id;	/* x2APIC ID = VP index; the xAPIC ID after reset is its low byte */

	/* Architectural registers (reads compute PPR, APR, CCR, LDR in x2APIC mode). */
	uint64_t apic_base;
	uint32_t id_reg;	/* xAPIC ID register (ID in 31:24) */
	uint32_t tpr;
	uint32_t ldr;		/* xAPIC LDR; derived from the ID in x2APIC mode */
	uint32_t dfr;
	uint32_t svr;
	uint32_t irr[APIC_REG_BANK_REGS];
	uint32_t isr[APIC_REG_BANK_REGS];
	uint32_t tmr[APIC_REG_BANK_REGS];
	uint32_t esr;		/* what ESR reads: errors up to the last ESR write */
	uint32_t esr_pending;	/* errors since the last ESR write (SDM 10.5.3) */
	uint32_t icr_low, icr_high;
	uint32_t lvt[VLAPIC_NR_LVT];
	uint32_t timer_initial;
	uint32_t timer_dcr;
	uint64_t tsc_deadline;	/* IA32_TSC_DEADLINE; 0 = disarmed */

	/* Timer bookkeeping (vlapic_timer.c). */
	bool timer_running;	/* one-shot or periodic count in progress */
	uint32_t timer_start_count;	/* count at timer_start_tsc (the period's remainder) */
	uint64_t timer_start_tsc;
	uint64_t timer_next;	/* TSC of the next expiry, UINT64_MAX if none */
	uint64_t last_tsc;	/* newest time seen */

	/* Interrupts posted by other processors, merged by the owner. */
	uint32_t posted_irr[APIC_REG_BANK_REGS];
	uint32_t posted_tmr[APIC_REG_BANK_REGS];
	uint32_t posted_any;

	/* VLAPIC_EVENT_* pending for the core; set atomically. */
	uint32_t events;
	uint8_t sipi_vector;
};

/*
 * Checks cfg and puts v in the power-on state (vlapic_reset) with APIC ID
 * 'apic_id'. Returns false, leaving v unusable, if cfg is out of range.
 */
bool vlapic_init(struct vlapic *v, const struct vlapic_config *cfg, uint32_t apic_id, bool is_bsp);

/*
 * Power-on RESET (SDM 10.4.7.1, 10.12.5.1): APIC_BASE = 0xFEE00000 | EN | BSP
 * (xAPIC mode), ID = apic_id (which becomes the partition-fixed x2APIC ID),
 * every other register at its reset value, timer stopped, posted interrupts
 * and events dropped. The model's notion of the current time is kept.
 */
void vlapic_reset(struct vlapic *v, uint32_t apic_id, bool is_bsp);

/*
 * INIT (SDM 10.4.7.3, 10.12.5.1): as RESET, except that APIC_BASE (mode, base,
 * BSP) and the APIC ID are kept (in x2APIC mode the LDR is derived again).
 * Pending events are left alone: the core has taken them (it calls this when
 * it acts on VLAPIC_EVENT_INIT), and a SIPI posted meanwhile must survive.
 */
void vlapic_init_signal(struct vlapic *v);

/* --- Register access ------------------------------------------------------ */

/*
 * xAPIC MMIO read of 'size' (1, 2, 4 or 8) bytes at 'offset' in the APIC page.
 * Returns false (value all ones) if the APIC is not in xAPIC mode: the page
 * is then not the APIC's (SDM 10.4.3, 10.12.2) and the core treats the access
 * as it would any unclaimed MMIO. Otherwise each byte reads from the 16-byte
 * slot it falls in: bytes 0-3 of a defined register give that register,
 * bytes 4-15 and write-only registers (EOI) read 0; reserved registers read 0
 * and log "illegal register address" in ESR (SDM 10.5.3). Bytes past the
 * page read 0. Other sizes read 0.
 */
bool vlapic_mmio_read(struct vlapic *v, uint32_t offset, unsigned size, uint64_t now_tsc,
		      uint64_t *value);

/*
 * xAPIC MMIO write. Returns false if the APIC is not in xAPIC mode (nothing
 * done). Only 4-byte writes at a 16-byte aligned offset reach a register
 * (SDM 10.4.1); others are dropped, as KVM does. Writes to read-only
 * registers are dropped; to reserved ones they log "illegal register address".
 * Reserved bits are dropped. *out says what the core must do next.
 */
bool vlapic_mmio_write(struct vlapic *v, uint32_t offset, unsigned size, uint64_t value,
		       uint64_t now_tsc, struct vlapic_effect *out);

/* True for the MSRs vlapic_msr_read/write handle: APIC_BASE, TSC_DEADLINE, 0x800-0x8FF. */
bool vlapic_is_msr(uint32_t msr);

/*
 * RDMSR of IA32_APIC_BASE, IA32_TSC_DEADLINE (0 unless the timer is in
 * TSC-deadline mode) or an x2APIC register. Returns false where the CPU
 * raises #GP: not x2APIC mode, a reserved MSR (SDM table 10-6: APR, RRD, DFR,
 * ICR high, CMCI and the gaps), write-only EOI and SELF_IPI, TSC_DEADLINE not
 * advertised, an MSR vlapic_is_msr() rejects.
 */
bool vlapic_msr_read(struct vlapic *v, uint32_t msr, uint64_t now_tsc, uint64_t *value);

/*
 * WRMSR of the same MSRs. Returns false (and changes nothing) where the CPU
 * raises #GP: as for reads, plus read-only registers (ID, version, PPR, LDR,
 * ISR, TMR, IRR, current count), set reserved bits (SDM 10.12.1.3, including
 * bits 63:32 of every register but the ICR), a non-zero EOI or ESR write,
 * and APIC_BASE reserved bits or illegal mode transitions (SDM 10.12.5).
 * Read-only status bits (LVT delivery status and remote IRR, ICR delivery
 * status) are ignored rather than faulting, so read-modify-write works.
 */
bool vlapic_msr_write(struct vlapic *v, uint32_t msr, uint64_t value, uint64_t now_tsc,
		      struct vlapic_effect *out);

/* The MMIO base the guest set in APIC_BASE (meaningful in xAPIC mode). */
uint64_t vlapic_mmio_base(const struct vlapic *v);
bool vlapic_is_x2apic(const struct vlapic *v);
bool vlapic_is_enabled(const struct vlapic *v);	/* APIC_BASE.EN: on the bus at all */
bool vlapic_sw_enabled(const struct vlapic *v);	/* EN and SVR bit 8 */

/* The TPR as CR8 (SDM 10.8.6.1), and a MOV to CR8 (sets TPR[7:4], clears 3:0). */
uint8_t vlapic_get_cr8(const struct vlapic *v);
void vlapic_set_cr8(struct vlapic *v, uint8_t cr8);
uint8_t vlapic_ppr(const struct vlapic *v);

/* --- Interrupts in ---------------------------------------------------------- */

/*
 * A fixed interrupt from the owner's context (I/O APIC, MSI, a routed IPI to
 * this VP, a local source). Vectors 0-15 are not accepted and log "receive
 * illegal vector" (SDM 10.5.3). A software-disabled APIC drops fixed
 * interrupts (SDM 10.4.7.2). Sets IRR and, for level, TMR (edge clears it).
 * Returns true if the vector became pending (false: dropped or already pending).
 */
bool vlapic_set_irq(struct vlapic *v, uint8_t vector, bool level_triggered);

/*
 * As vlapic_set_irq, from any processor without the owner's lock: the vector
 * is posted and merged (and checked) by the owner's next call. Returns true
 * if it was not already posted; the caller then kicks the target VP.
 */
bool vlapic_post_irq(struct vlapic *v, uint8_t vector, bool level_triggered);

/*
 * Any delivery mode (enum vlapic_dm), from the owner's context: fixed and
 * lowest priority go to vlapic_set_irq; NMI, INIT, SIPI, ExtINT and SMI set
 * an event. INIT with level clear and trigger_level set is the "INIT level
 * de-assert" (SDM 10.6.1) and does nothing. Reserved modes do nothing.
 */
void vlapic_deliver(struct vlapic *v, uint8_t delivery_mode, uint8_t vector, bool trigger_level,
		    bool level);

/* As vlapic_deliver for the non-fixed modes, from any processor; fixed goes through posting. */
void vlapic_post_event(struct vlapic *v, uint8_t delivery_mode, uint8_t vector, bool trigger_level,
		       bool level);

/*
 * A LINT0/LINT1 (pin 0 or 1) edge, or the assertion of a level, from the
 * worker's virtual wire: delivered as that LVT entry says, unless masked.
 * A level-triggered fixed entry sets its remote IRR until the EOI.
 */
void vlapic_lint(struct vlapic *v, unsigned pin);

/* Takes (returns and clears) the pending VLAPIC_EVENT_* bits; *sipi_vector for SIPI. */
uint32_t vlapic_take_events(struct vlapic *v, uint8_t *sipi_vector);

/* --- Interrupts out --------------------------------------------------------- */

/*
 * The vector to inject: the highest IRR vector whose priority class is above
 * PPR's (SDM 10.8.3.1), or -1. Merges posted interrupts first. A software-
 * disabled but present APIC still delivers what its IRR holds.
 */
int vlapic_pending_vector(struct vlapic *v);

/*
 * The core injected 'vector' (the value vlapic_pending_vector just returned):
 * IRR -> ISR, PPR rises. Returns false and changes nothing if the vector is
 * no longer deliverable; the core then injects nothing (or, if it already
 * committed, the SVR's spurious vector, SDM 10.9).
 */
bool vlapic_accept(struct vlapic *v, uint8_t vector);

/*
 * An EOI (the register write calls this): clears the highest ISR bit. Returns
 * that vector if its TMR bit was set (the I/O APIC must clear Remote IRR),
 * else -1. Directed EOI is not offered (SVR bit 12 reserved).
 */
int vlapic_eoi(struct vlapic *v);

/* --- Timer ------------------------------------------------------------------ */

/*
 * Absolute guest TSC of the next timer interrupt, UINT64_MAX if none
 * (stopped, disarmed, or masked: a masked expiry needs no wake-up and is
 * accounted at the next access). Does not decrease as time passes without
 * register writes; exact for TSC-deadline mode (the MSR value itself).
 */
uint64_t vlapic_timer_deadline(const struct vlapic *v);

/*
 * Brings the timer to now_tsc: every expiry at or before it is processed in
 * O(1) (a periodic timer that missed many periods raises its vector once,
 * as IRR holds one bit per vector), one-shot and deadline timers stop.
 */
void vlapic_timer_advance(struct vlapic *v, uint64_t now_tsc);

/* --- IPI routing ------------------------------------------------------------ */

/*
 * True if 'target' accepts 'ipi' sent by 'source' (NULL: a message from the
 * I/O APIC or an MSI, 8-bit destination, no shorthand). Implements
 * shorthands, physical (0xFF / 0xFFFFFFFF broadcast), xAPIC logical flat and
 * cluster (DFR, LDR) and x2APIC logical cluster addressing (SDM 10.6.2,
 * 10.12.10). An APIC with APIC_BASE.EN clear accepts nothing.
 */
bool vlapic_matches_dest(const struct vlapic *target, const struct vlapic *source,
			 const struct vlapic_ipi *ipi);

#endif
