// SPDX-License-Identifier: GPL-2.0
/*
 * The IDT and what happens on each vector: a listed (expected) exception
 * resumes at its fixup with its exinfo recorded; an interrupt goes to its
 * handler; anything else is an error in the test, reported before the
 * guest stops.
 */
#include <asm/apic.h>
#include <asm/cr.h>
#include <asm/segment.h>
#include <guest/apic.h>
#include <guest/console.h>
#include <guest/exception.h>
#include <guest/test.h>
#include <hv/string.h>

/* What vectors.S pushes: general registers, vector, error code, the processor's frame. */
struct ex_regs {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error_code;
	uint64_t rip, cs, rflags, rsp, ss;
};

void exception_dispatch(struct ex_regs *r);

static struct idt_gate idt[VEC_COUNT] __attribute__((aligned(16)));
static irq_handler_t irq_handlers[VEC_COUNT];
extern const char vector_stubs[];
extern const struct extable_entry __extable_start[], __extable_end[];

static const char *const mnemonics[VEC_FIRST_EXTERNAL] = {
	[VEC_DE] = "#DE", [VEC_DB] = "#DB", [VEC_NMI] = "NMI", [VEC_BP] = "#BP",
	[VEC_OF] = "#OF", [VEC_BR] = "#BR", [VEC_UD] = "#UD", [VEC_NM] = "#NM",
	[VEC_DF] = "#DF", [VEC_TS] = "#TS", [VEC_NP] = "#NP", [VEC_SS] = "#SS",
	[VEC_GP] = "#GP", [VEC_PF] = "#PF", [VEC_MF] = "#MF", [VEC_AC] = "#AC",
	[VEC_MC] = "#MC", [VEC_XM] = "#XM", [VEC_VE] = "#VE", [VEC_CP] = "#CP",
	[VEC_HV] = "#HV", [VEC_VC] = "#VC", [VEC_SX] = "#SX",
};

/* The exceptions that push an error code (SDM Vol 3 table 6-1, APM Vol 2 table 8-1). */
static bool has_error_code(unsigned vec)
{
	return vec == VEC_DF || (vec >= VEC_TS && vec <= VEC_PF) || vec == VEC_AC ||
	       vec == VEC_CP || vec == VEC_VC || vec == VEC_SX;
}

const char *exinfo_str(exinfo_t e)
{
	struct cpu *c = this_cpu();
	char *buf = c->str_buf[c->str_next++ % (sizeof(c->str_buf) / sizeof(c->str_buf[0]))];
	unsigned vec = EXINFO_VEC(e);
	const char *name = vec < VEC_FIRST_EXTERNAL ? mnemonics[vec] : 0;

	if (!e)
		return "no exception";
	if (!name)
		snprintf(buf, sizeof(c->str_buf[0]), "vector %u", vec);
	else if (has_error_code(vec))
		snprintf(buf, sizeof(c->str_buf[0]), EXINFO_EC(e) ? "%s(0x%x)" : "%s(%x)", name,
			 EXINFO_EC(e));
	else
		snprintf(buf, sizeof(c->str_buf[0]), "%s", name);
	return buf;
}

static uint64_t extable_resume(uint64_t rip)
{
	for (const struct extable_entry *e = __extable_start; e < __extable_end; e++)
		if (e->insn == rip)
			return e->resume;
	return 0;
}

static void dump_regs(const struct ex_regs *r)
{
	printf("  rip %016llx  cs %04llx  rflags %016llx  rsp %016llx  ss %04llx\n"
	       "  rax %016llx  rbx %016llx  rcx %016llx  rdx %016llx\n"
	       "  rsi %016llx  rdi %016llx  rbp %016llx  cr2 %016llx\n"
	       "  r8  %016llx  r9  %016llx  r10 %016llx  r11 %016llx\n"
	       "  r12 %016llx  r13 %016llx  r14 %016llx  r15 %016llx\n",
	       (unsigned long long)r->rip, (unsigned long long)r->cs,
	       (unsigned long long)r->rflags, (unsigned long long)r->rsp,
	       (unsigned long long)r->ss, (unsigned long long)r->rax,
	       (unsigned long long)r->rbx, (unsigned long long)r->rcx,
	       (unsigned long long)r->rdx, (unsigned long long)r->rsi,
	       (unsigned long long)r->rdi, (unsigned long long)r->rbp,
	       (unsigned long long)read_cr2(), (unsigned long long)r->r8,
	       (unsigned long long)r->r9, (unsigned long long)r->r10,
	       (unsigned long long)r->r11, (unsigned long long)r->r12,
	       (unsigned long long)r->r13, (unsigned long long)r->r14,
	       (unsigned long long)r->r15);
}

/* An exception nobody expected: a bug in the test or its environment. */
static __attribute__((noreturn)) void unexpected(const struct ex_regs *r)
{
	static volatile bool dying;
	exinfo_t e = EXINFO(r->vector, r->error_code);

	/* One processor reports; a second fault (or one while reporting) just stops. */
	if (__atomic_exchange_n(&dying, true, __ATOMIC_ACQ_REL))
		cpu_halt_forever();
	report_error("exception", "unexpected %s on processor %u at rip 0x%llx",
		     exinfo_str(e), this_cpu()->index, (unsigned long long)r->rip);
	dump_regs(r);
	test_exit();
}

void exception_dispatch(struct ex_regs *r)
{
	unsigned vec = (unsigned)r->vector;

	if (vec < VEC_FIRST_EXTERNAL) {
		/* An NMI arrives between instructions: never a listed fault. */
		uint64_t resume = vec == VEC_NMI ? 0 : extable_resume(r->rip);
		if (!resume)
			unexpected(r);
		this_cpu()->exinfo = EXINFO(vec, r->error_code);
		r->rip = resume;
		return;
	}
	if (irq_handlers[vec])
		irq_handlers[vec](vec);
	else if (vec != VEC_SPURIOUS)
		report_error("interrupt", "unexpected interrupt, vector 0x%x, on processor %u",
			     vec, this_cpu()->index);
	/* The spurious vector is not in service, so it takes no EOI (SDM Vol 3 10.9). */
	if (vec != VEC_SPURIOUS)
		apic_eoi();
}

void irq_set_handler(unsigned vector, irq_handler_t fn)
{
	if (vector >= VEC_FIRST_EXTERNAL && vector < VEC_COUNT)
		__atomic_store_n(&irq_handlers[vector], fn, __ATOMIC_RELEASE);
}

void idt_build(void)
{
	for (unsigned v = 0; v < VEC_COUNT; v++) {
		uint64_t h = (uint64_t)(uintptr_t)vector_stubs + v * VECTOR_STUB_SIZE;
		bool own_stack = v == VEC_DF || v == VEC_NMI || v == VEC_MC;

		idt[v] = (struct idt_gate){
			.offset_lo = (uint16_t)h,
			.selector = SEL_CODE64,
			.ist = own_stack ? GUEST_IST_FAULT : 0,
			.type_attr = IDT_GATE_INTERRUPT,
			.offset_mid = (uint16_t)(h >> 16),
			.offset_hi = (uint32_t)(h >> 32),
		};
	}
}

void idt_load(void)
{
	struct desc_ptr idtr = { sizeof(idt) - 1, (uint64_t)(uintptr_t)idt };

	__asm__ volatile("lidt %0" : : "m"(idtr));
}

exinfo_t read_safe(const volatile void *p, unsigned size, uint64_t *val)
{
	uint64_t v = 0;

	exinfo_clear();
	switch (size) {
	case 1:
		__asm__ volatile("1: movzbq (%1), %0\n2:\n\t" EXTABLE("1b", "2b")
				 : "+r"(v) : "r"(p) : "memory");
		break;
	case 2:
		__asm__ volatile("1: movzwq (%1), %0\n2:\n\t" EXTABLE("1b", "2b")
				 : "+r"(v) : "r"(p) : "memory");
		break;
	case 4:
		__asm__ volatile("1: movl (%1), %k0\n2:\n\t" EXTABLE("1b", "2b")
				 : "+r"(v) : "r"(p) : "memory");
		break;
	default:
		__asm__ volatile("1: movq (%1), %0\n2:\n\t" EXTABLE("1b", "2b")
				 : "+r"(v) : "r"(p) : "memory");
		break;
	}
	*val = v;
	return exinfo_take();
}

exinfo_t write_safe(volatile void *p, unsigned size, uint64_t val)
{
	exinfo_clear();
	switch (size) {
	case 1:
		__asm__ volatile("1: movb %b1, (%0)\n2:\n\t" EXTABLE("1b", "2b")
				 : : "r"(p), "r"(val) : "memory");
		break;
	case 2:
		__asm__ volatile("1: movw %w1, (%0)\n2:\n\t" EXTABLE("1b", "2b")
				 : : "r"(p), "r"(val) : "memory");
		break;
	case 4:
		__asm__ volatile("1: movl %k1, (%0)\n2:\n\t" EXTABLE("1b", "2b")
				 : : "r"(p), "r"(val) : "memory");
		break;
	default:
		__asm__ volatile("1: movq %1, (%0)\n2:\n\t" EXTABLE("1b", "2b")
				 : : "r"(p), "r"(val) : "memory");
		break;
	}
	return exinfo_take();
}
