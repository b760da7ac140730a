/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86 virtual processors: register file, run state and the common exit
 * handlers (vcpu.c) the vendor backends (svm/, later vmx/) call after
 * decoding their exit information.
 */
#ifndef ASM_VCPU_H
#define ASM_VCPU_H

#include <asm/insn.h>
#include <asm/paging.h>
#include <asm/vlapic.h>
#include <hv/spinlock.h>
#include <bulkhead/bootinfo.h>
#include <hv/memmap.h>
#include <hv/partition.h>
#include <stdbool.h>
#include <stdint.h>

struct cpu;
struct vmcb;

/* General registers in x86 encoding order (ModRM reg / REX numbering). */
enum gpr {
	GPR_RAX, GPR_RCX, GPR_RDX, GPR_RBX, GPR_RSP, GPR_RBP, GPR_RSI, GPR_RDI,
	GPR_R8, GPR_R9, GPR_R10, GPR_R11, GPR_R12, GPR_R13, GPR_R14, GPR_R15,
	GPR_COUNT
};

enum vp_run_state {
	VP_WAIT_FOR_SIPI,	/* after INIT: parked until a start-up IPI */
	VP_RUNNING,
	VP_DEAD,		/* stopped for good (triple fault of a child, fatal error) */
};

struct arch_vp {
	struct vp *vp;
	struct cpu *cpu;		/* root VPs are pinned to their processor */
	uint32_t apic_id;
	struct vmcb *vmcb;
	uint64_t vmcb_pa;
	uint64_t gpr[GPR_COUNT];	/* RAX and RSP live in the VMCB on SVM */

	volatile enum vp_run_state state;
	volatile bool init_pending;	/* INIT sent, not yet acted on by the VP's processor */
	volatile bool sipi_pending;
	volatile uint8_t sipi_vector;
	uint32_t xapic_icr_high;	/* ICR high as the root last wrote it */
	bool refused_svm_logged;
	uint64_t exits;

	/* Child VPs only. */
	struct vlapic lapic;
	bool halted;
	bool nmi_pending;
	uint64_t xcr0;			/* the guest's XCR0 */
	uint64_t fpu_pa;		/* XSAVE area of the guest's FPU/SIMD state */
	uint32_t pending;		/* PENDING_*: the exit the root must complete */
	uint8_t pending_size;
	uint64_t pending_next_rip;
	struct insn pending_insn;	/* PENDING_MMIO_READ: the load to finish */
	uint64_t wake_vps;		/* VPs this run made runnable; the root kicks them */
	bool root_nmi;			/* a physical NMI for the root arrived while running */
};

/* What a child's exit left for the root to complete (arch_vp.pending). */
#define PENDING_NONE      0
#define PENDING_IO_IN     1
#define PENDING_MMIO_READ 2
#define PENDING_CPUID     3
#define PENDING_RDMSR     4
#define PENDING_WRMSR     5

/* Why a child VP exited, decoded by the vendor backend. */
enum vexit_kind {
	VEXIT_INTR,		/* a host interrupt: the root must take it */
	VEXIT_NMI,		/* a host NMI (kick or the root's) */
	VEXIT_VINTR,		/* the interrupt window opened */
	VEXIT_CPUID,
	VEXIT_MSR,
	VEXIT_IO,
	VEXIT_NPF,
	VEXIT_HLT,
	VEXIT_VMMCALL,
	VEXIT_XSETBV,
	VEXIT_EXCEPTION,	/* an intercepted guest exception to reflect */
	VEXIT_REFUSED,		/* an instruction the guest may not use: #UD */
	VEXIT_SHUTDOWN,		/* triple fault */
	VEXIT_INVALID,		/* VMRUN refused the state */
	VEXIT_OTHER,		/* anything else: the partition is stopped */
};

struct vexit {
	enum vexit_kind kind;
	uint32_t code;			/* vendor exit code, for logs */
	uint64_t info1, info2;
	bool write;			/* MSR, NPF */
	uint16_t port;			/* IO */
	uint8_t size;
	bool in, string, rep;
	uint64_t next_rip;		/* IO */
	uint64_t gpa;			/* NPF */
	bool fetch, present;		/* NPF */
	uint8_t vector;			/* EXCEPTION */
	bool has_error;
	uint32_t error;
	const char *insn_name;		/* REFUSED */
};

struct arch_partition {
	struct pt npt;			/* nested page tables */
	uint32_t asid;
	uint64_t iopm_pa;
	uint64_t msrpm_pa;
	uint64_t ones_page_pa;		/* root: all-ones page mapped over the core's range */
	struct mem_map ram;		/* root: its physical memory map (e820) */
	struct bh_mem_range *ram_ranges;	/* root: storage of 'ram' */
	uint64_t io_forward_pa;		/* child: bitmap of ports forwarded to the root */
	bool forward_cpuid;		/* child: every CPUID goes to the root */
	struct spinlock npt_lock;	/* child: NPT edits against walks from other processors */
};

static inline struct arch_vp *avp(struct vp *vp) { return vp->arch; }

struct seg_state {
	uint16_t selector;
	uint16_t attrib;		/* packed: type, S, DPL, P, AVL, L, DB, G (as in the VMCB) */
	uint32_t limit;
	uint64_t base;
};

/* A full architectural state to start a VP from (reset, SIPI, kernel entry). */
struct vcpu_state {
	struct seg_state cs, ds, es, fs, gs, ss, tr, ldtr;
	uint64_t gdtr_base, idtr_base;
	uint32_t gdtr_limit, idtr_limit;
	uint64_t cr0, cr3, cr4, efer;	/* efer as the guest sees it */
	uint64_t rip, rsp, rflags;
	uint64_t gpr[GPR_COUNT];	/* RSP comes from rsp */
};

/* Vendor operations, set once at boot (svm.c for AMD). */
struct vmm_ops {
	uint64_t (*get_gpr)(struct arch_vp *v, unsigned reg);
	void (*set_gpr)(struct arch_vp *v, unsigned reg, uint64_t val);
	uint64_t (*get_rip)(struct arch_vp *v);
	uint64_t (*get_rflags)(struct arch_vp *v);
	void (*set_rflags)(struct arch_vp *v, uint64_t rflags);
	void (*set_cr2)(struct arch_vp *v, uint64_t cr2);
	void (*set_rip)(struct arch_vp *v, uint64_t rip);
	unsigned (*get_cpl)(struct arch_vp *v);
	void (*inject_exception)(struct arch_vp *v, unsigned vector, bool has_error, uint32_t error);
	void (*inject_nmi)(struct arch_vp *v);
	void (*clear_interrupt_shadow)(struct arch_vp *v);
	uint64_t (*get_efer)(struct arch_vp *v);
	void (*set_efer)(struct arch_vp *v, uint64_t efer);
	uint64_t (*get_pat)(struct arch_vp *v);
	void (*set_pat)(struct arch_vp *v, uint64_t pat);
	void (*flush_tlb)(struct arch_vp *v);
	void (*load_state)(struct arch_vp *v, const struct vcpu_state *st);
	/* The ABI view of the whole state, for VP_GET_STATE / VP_SET_STATE. */
	void (*get_bh_state)(struct arch_vp *v, struct bh_vp_state *st);
	void (*set_bh_state)(struct arch_vp *v, const struct bh_vp_state *st);
	/* Child VPs: set up, run once (with the guest's FPU state loaded), interrupts. */
	bool (*child_init)(struct arch_vp *v, struct arch_partition *p);
	void (*child_free)(struct arch_vp *v);
	void (*child_run)(struct arch_vp *v, struct vexit *e);
	bool (*event_pending)(struct arch_vp *v);	/* an event is queued for injection */
	bool (*can_inject_intr)(struct arch_vp *v);	/* IF = 1 and no interrupt shadow */
	void (*inject_intr)(struct arch_vp *v, uint8_t vector);
	void (*set_intr_window)(struct arch_vp *v, bool on);
	/* Guest state for instruction fetch: CR0, CR3, CR4, EFER, CS base and mode. */
	void (*get_paging)(struct arch_vp *v, uint64_t *cr0, uint64_t *cr3, uint64_t *cr4,
			   uint64_t *efer, uint64_t *cs_base, unsigned *cs_bits);
};

extern const struct vmm_ops *vmm;

/* Segment limit of every real-mode segment after reset. */
#define REAL_MODE_LIMIT 0xFFFFu

/* The state a SIPI with 'vector' starts a processor in (vcpu.c). */
void vcpu_sipi_state(struct vcpu_state *st, uint8_t vector);

/* Common exit handlers (vcpu.c). Each returns after updating the VP. */
void vcpu_skip(struct arch_vp *v, unsigned len);
void vcpu_handle_cpuid(struct arch_vp *v);
void vcpu_handle_msr(struct arch_vp *v, bool write);
void vcpu_handle_io(struct arch_vp *v, uint16_t port, unsigned size, bool in, bool string,
		    bool rep, uint64_t next_rip);
void vcpu_handle_npf(struct arch_vp *v, uint64_t gpa, bool write, bool fetch, bool present);
void vcpu_handle_hypercall(struct arch_vp *v);
void vcpu_handle_svm_insn(struct arch_vp *v, const char *name, unsigned len);
void vcpu_handle_shutdown(struct arch_vp *v);

/* apic_emul.c: the root's writes to its local APIC's ICR. */
void apic_emul_xapic_write(struct arch_vp *v, uint32_t offset, uint32_t value);
bool apic_emul_x2apic_icr_write(struct arch_vp *v, uint64_t value);
/* Acts on a pending INIT for 'v'; called by its own processor before each VMRUN. */
void apic_emul_take_init(struct arch_vp *v);

/* root.c */
extern struct arch_partition root_arch;
void root_vp_set_sipi_state(struct arch_vp *v, uint8_t vector);
_Noreturn void machine_reset(const char *why);

#endif
