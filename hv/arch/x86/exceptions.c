// SPDX-License-Identifier: GPL-2.0
/*
 * The core's IDT. The core runs with interrupts off, so a vector arriving
 * here is either an exception (a bug in the core: dump and stop this
 * processor) or an NMI, which only records that it happened (svm.c
 * drains pending NMIs at exits and decides whom they were for).
 */
#include <asm/cr.h>
#include <asm/extable.h>
#include <asm/percpu.h>
#include <asm/platform.h>
#include <asm/segment.h>
#include <hv/arch.h>
#include <hv/log.h>
#include <hv/util.h>

/* Pushed by entry.S: general registers, vector, error code, CPU frame. */
struct exc_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error_code;
	uint64_t rip, cs, rflags, rsp, ss;
};

#define VECTOR_STUB_SIZE 16

static struct idt_gate idt[VEC_COUNT] __attribute__((aligned(16)));
extern char vector_stubs[];
extern const struct extable_entry __extable_start[], __extable_end[];

uint64_t extable_find(uint64_t rip)
{
	for (const struct extable_entry *e = __extable_start; e < __extable_end; e++) {
		uint64_t insn = (uint64_t)(uintptr_t)&e->insn + (uint64_t)(int64_t)e->insn;
		if (insn == rip)
			return (uint64_t)(uintptr_t)&e->fixup + (uint64_t)(int64_t)e->fixup;
	}
	return 0;
}

static const char *const exception_names[32] = {
	[VEC_DE] = "#DE divide error", [VEC_DB] = "#DB debug", [VEC_NMI] = "NMI",
	[VEC_BP] = "#BP breakpoint", [VEC_OF] = "#OF overflow", [VEC_BR] = "#BR bound",
	[VEC_UD] = "#UD invalid opcode", [VEC_NM] = "#NM device not available",
	[VEC_DF] = "#DF double fault", [VEC_TS] = "#TS invalid TSS",
	[VEC_NP] = "#NP segment not present", [VEC_SS] = "#SS stack fault",
	[VEC_GP] = "#GP general protection", [VEC_PF] = "#PF page fault",
	[VEC_MF] = "#MF x87 error", [VEC_AC] = "#AC alignment check",
	[VEC_MC] = "#MC machine check", [VEC_XM] = "#XM SIMD error",
	[VEC_VE] = "#VE virtualization", [VEC_CP] = "#CP control protection",
};

static void set_gate(unsigned vec, uint64_t handler, unsigned ist)
{
	idt[vec] = (struct idt_gate){
		.offset_lo = (uint16_t)handler,
		.selector = SEL_CODE64,
		.ist = (uint8_t)ist,
		.type_attr = IDT_GATE_INTERRUPT,
		.offset_mid = (uint16_t)(handler >> 16),
		.offset_hi = (uint32_t)(handler >> 32),
	};
}

void idt_init(void)
{
	for (unsigned v = 0; v < VEC_COUNT; v++) {
		unsigned ist = v == VEC_NMI ? IST_NMI : v == VEC_DF ? IST_DF : v == VEC_MC ? IST_MC : 0;
		set_gate(v, (uint64_t)(uintptr_t)vector_stubs + v * VECTOR_STUB_SIZE, ist);
	}
}

void idt_load(void)
{
	struct desc_ptr idtr = { sizeof(idt) - 1, (uint64_t)(uintptr_t)idt };

	__asm__ volatile("lidt %0" : : "m"(idtr));
}

static void dump_frame(const struct exc_frame *f)
{
	hv_log("  rip %016llx  cs %04llx  rflags %016llx", (unsigned long long)f->rip,
	       (unsigned long long)f->cs, (unsigned long long)f->rflags);
	hv_log("  rsp %016llx  ss %04llx  error %016llx  cr2 %016llx", (unsigned long long)f->rsp,
	       (unsigned long long)f->ss, (unsigned long long)f->error_code,
	       (unsigned long long)read_cr2());
	hv_log("  rax %016llx  rbx %016llx  rcx %016llx  rdx %016llx", (unsigned long long)f->rax,
	       (unsigned long long)f->rbx, (unsigned long long)f->rcx, (unsigned long long)f->rdx);
	hv_log("  rsi %016llx  rdi %016llx  rbp %016llx", (unsigned long long)f->rsi,
	       (unsigned long long)f->rdi, (unsigned long long)f->rbp);
	hv_log("  r8  %016llx  r9  %016llx  r10 %016llx  r11 %016llx", (unsigned long long)f->r8,
	       (unsigned long long)f->r9, (unsigned long long)f->r10, (unsigned long long)f->r11);
	hv_log("  r12 %016llx  r13 %016llx  r14 %016llx  r15 %016llx", (unsigned long long)f->r12,
	       (unsigned long long)f->r13, (unsigned long long)f->r14, (unsigned long long)f->r15);
	hv_log("  cr0 %016llx  cr3 %016llx  cr4 %016llx  image base %p",
	       (unsigned long long)read_cr0(), (unsigned long long)read_cr3(),
	       (unsigned long long)read_cr4(), (void *)plat.bi->hv_base);
}

void exception_handler(struct exc_frame *f);
void exception_handler(struct exc_frame *f)
{
	struct cpu *c = this_cpu();

	if (f->vector == VEC_NMI) {
		c->nmi_seen = true;
		c->nmi_count++;
		return;
	}
	if (f->vector >= VEC_FIRST_EXTERNAL) {
		/* Interrupts are off in the core; count it and carry on. */
		hv_log("unexpected interrupt vector %llu in the core", (unsigned long long)f->vector);
		return;
	}
	uint64_t fixup = extable_find(f->rip);
	if (fixup) {
		f->rip = fixup;
		return;
	}
	/*
	 * A fault while reporting one: the reporting path itself is broken
	 * (under QEMU TCG, every fetch can fault, see docs/architecture.md).
	 * Recursing would only fill the log and overflow the stack; the first
	 * report's line is already out, so stop here.
	 */
	if (c->in_fault_dump)
		arch_halt_cpu();
	c->in_fault_dump = true;
	console_reclaim();
	/* One line with the essentials first, in case the full dump cannot finish. */
	hv_log("fault in the core: %s (vector %llu) on processor %u at rip %#llx (image +%#llx), "
	       "error %#llx, cr2 %#llx",
	       exception_names[f->vector] ? exception_names[f->vector] : "reserved exception",
	       (unsigned long long)f->vector, c->id, (unsigned long long)f->rip,
	       (unsigned long long)(f->rip - plat.bi->hv_base), (unsigned long long)f->error_code,
	       (unsigned long long)read_cr2());
	dump_frame(f);
	panic("processor %u stopped", c->id);
}
