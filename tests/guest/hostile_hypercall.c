// SPDX-License-Identifier: GPL-2.0
/*
 * Hostile hypercalls from a child: random control words (unknown and
 * root-only codes, the fast flag, variable headers, rep counts and starts,
 * reserved bits) with input and output addresses that are misaligned, cross
 * a page, lie beyond RAM, in the APIC pages, at the top of the physical
 * address space or in the core's memory. Every call must return (no #UD,
 * no #GP, no hang) with a documented status, the ones the ABI fixes
 * (docs/hypercall-abi.md section 3) must be exactly those, and a failed
 * call must leave its output page untouched. Skipped off Bulkhead.
 *
 * Command line: seed=N (default HC_SEED), calls=N (default HC_CALLS),
 * core=0xADDR (a physical address of the core's memory, from the root).
 */
#include <asm/apic.h>
#include <guest/boot.h>
#include <guest/console.h>
#include <guest/hypercall.h>
#include <guest/pc.h>
#include <guest/test.h>
#include <hv/string.h>
#include <hv/util.h>

#define HC_SEED          0x8BADF00Dull
#define XORSHIFT64STAR_MULTIPLIER 0x2545F4914F6CDD1Dull
#define HC_CALLS         2000
#define DETAILS_MAX      8	/* failing calls printed in full */
#define SCRATCH_PAGES    2
#define SCRATCH_FILL     0xA5
#define FAR_GPA          (64 * SZ_1G)
/*
 * A test assumption, not an ABI rule: the TLFS codes a child may one day
 * call stay below 0x0100 and Bulkhead's own grow up from 0x0800, so codes
 * from here up are unassigned and must return INVALID_HYPERCALL_CODE.
 */
#define HC_CODE_UNASSIGNED_FIRST 0x4000u
#define HC_CODE_TLFS_LAST        0x00FFu

const struct test_info test_info = {
	.name = "hostile_hypercall",
	.title = "random hypercalls from a child always return a documented status",
};

enum code_kind {
	CODE_ANY,		/* any documented status will do */
	CODE_UNASSIGNED,	/* INVALID_HYPERCALL_CODE */
	CODE_ROOT_ONLY,		/* ACCESS_DENIED: the caller is not the root */
};

static uint8_t scratch[SCRATCH_PAGES][PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint64_t rng_state;
static uint64_t core_gpa;

struct tally {
	unsigned calls, faults, unknown_status, wrong_status, output_written;
	unsigned unassigned, root_only, details;
};

/* xorshift64* (Vigna 2016): small, and the same sequence for the same seed. */
static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * XORSHIFT64STAR_MULTIPLIER;
}

static bool status_is_documented(uint16_t s)
{
	switch (s) {
	case BH_STATUS_SUCCESS:
	case BH_STATUS_INVALID_HYPERCALL_CODE:
	case BH_STATUS_INVALID_HYPERCALL_INPUT:
	case BH_STATUS_INVALID_ALIGNMENT:
	case BH_STATUS_INVALID_PARAMETER:
	case BH_STATUS_ACCESS_DENIED:
	case BH_STATUS_INVALID_PARTITION_STATE:
	case BH_STATUS_OPERATION_DENIED:
	case BH_STATUS_INSUFFICIENT_MEMORY:
	case BH_STATUS_INVALID_PARTITION_ID:
	case BH_STATUS_INVALID_VP_INDEX:
	case BH_STATUS_INVALID_PORT_ID:
	case BH_STATUS_INVALID_CONNECTION_ID:
	case BH_STATUS_INSUFFICIENT_BUFFERS:
	case BH_STATUS_INVALID_GPA:
	case BH_STATUS_CONTINUE:
		return true;
	}
	return false;
}

static enum code_kind classify(uint16_t code)
{
	if (code == BH_HC_GET_INFO || code == BH_HC_READ_LOG)
		return CODE_ROOT_ONLY;
	return code >= HC_CODE_UNASSIGNED_FIRST ? CODE_UNASSIGNED : CODE_ANY;
}

static uint64_t random_control(void)
{
	static const uint16_t root_only[] = { BH_HC_GET_INFO, BH_HC_READ_LOG };
	uint64_t c;

	switch (rnd() % 5) {
	case 0:
		return rnd();	/* every bit random */
	case 1:
		c = root_only[rnd() % ARRAY_SIZE(root_only)];
		break;
	case 2:
		c = 1 + rnd() % HC_CODE_TLFS_LAST;
		break;
	case 3:
		c = HC_CODE_UNASSIGNED_FIRST + rnd() % (BH_HC_CODE_MASK + 1 - HC_CODE_UNASSIGNED_FIRST);
		break;
	default:
		c = rnd() & BH_HC_CODE_MASK;
		break;
	}
	if (rnd() & 1)
		c |= BH_HC_FAST;
	if (rnd() % 4 == 0)
		c |= rnd() & BH_HC_VARHDR_MASK;
	if (rnd() % 4 == 0)
		c |= rnd() & BH_HC_REP_COUNT_MASK;
	if (rnd() % 4 == 0)
		c |= rnd() & BH_HC_REP_START_MASK;
	if (rnd() % 4 == 0)
		c |= rnd() & BH_HC_RESERVED_MASK;
	return c;
}

/* An address from the hostile set; outputs in the guest's RAM only ever hit scratch[]. */
static uint64_t random_gpa(void)
{
	uint64_t page = (uint64_t)(uintptr_t)scratch[rnd() % SCRATCH_PAGES];
	uint64_t top = 1ull << cpu_phys_bits();

	switch (rnd() % 12) {
	case 0:
		return page;
	case 1:
		return page + 1 + rnd() % (BH_HC_ALIGN - 1);			/* misaligned */
	case 2:
		return page + PAGE_SIZE - BH_HC_ALIGN * (1 + rnd() % 4);	/* runs over the page */
	case 3:
		return phys_next_undescribed(ram_end_of_image_range()) + (rnd() % 16) * PAGE_SIZE;
	case 4:
		return FAR_GPA + (rnd() % 16) * PAGE_SIZE;
	case 5:
		return top - PAGE_SIZE * (1 + rnd() % 4);
	case 6:
		return APIC_DEFAULT_BASE + (rnd() % (PAGE_SIZE / BH_HC_ALIGN)) * BH_HC_ALIGN;
	case 7:
		return IOAPIC_DEFAULT_BASE;
	case 8:
		return 0;
	case 9:
		return core_gpa ? core_gpa + (rnd() % 16) * PAGE_SIZE : rnd();
	case 10:
		return top + (rnd() % 16) * PAGE_SIZE;				/* past MAXPHYADDR */
	default:
		return rnd();
	}
}

static bool scratch_intact(void)
{
	for (unsigned p = 0; p < SCRATCH_PAGES; p++)
		for (unsigned i = 0; i < PAGE_SIZE; i++)
			if (scratch[p][i] != SCRATCH_FILL)
				return false;
	return true;
}

static bool in_scratch(uint64_t gpa)
{
	uint64_t s = (uint64_t)(uintptr_t)scratch;

	return gpa >= s && gpa < s + sizeof(scratch);
}

static void detail(struct tally *t, uint64_t control, uint64_t in, uint64_t out, const char *what)
{
	if (t->details++ < DETAILS_MAX)
		printf("hostile_hypercall: control 0x%016llx in 0x%llx out 0x%llx: %s\n",
		       (unsigned long long)control, (unsigned long long)in,
		       (unsigned long long)out, what);
}

static void one_call(struct tally *t, uint64_t control, uint64_t in, uint64_t out)
{
	enum code_kind kind = classify((uint16_t)(control & BH_HC_CODE_MASK));
	uint64_t result;
	exinfo_t e = vmmcall_safe(control, in, out, &result);
	uint16_t s = hc_status(result);
	char what[64];

	t->calls++;
	if (e) {
		t->faults++;
		snprintf(what, sizeof(what), "raised %s", exinfo_str(e));
		detail(t, control, in, out, what);
		return;
	}
	if (!status_is_documented(s)) {
		t->unknown_status++;
		snprintf(what, sizeof(what), "undocumented status 0x%x", s);
		detail(t, control, in, out, what);
	}
	t->unassigned += kind == CODE_UNASSIGNED;
	t->root_only += kind == CODE_ROOT_ONLY;
	if ((kind == CODE_UNASSIGNED && s != BH_STATUS_INVALID_HYPERCALL_CODE) ||
	    (kind == CODE_ROOT_ONLY && s != BH_STATUS_ACCESS_DENIED)) {
		t->wrong_status++;
		snprintf(what, sizeof(what), "status 0x%x, expected 0x%x", s,
			 kind == CODE_UNASSIGNED ? BH_STATUS_INVALID_HYPERCALL_CODE
						 : BH_STATUS_ACCESS_DENIED);
		detail(t, control, in, out, what);
	}
	if (s != BH_STATUS_SUCCESS && !(control & BH_HC_FAST) && in_scratch(out) && !scratch_intact()) {
		t->output_written++;
		detail(t, control, in, out, "failed, but wrote its output page");
		memset(scratch, SCRATCH_FILL, sizeof(scratch));
	}
}

void test_main(void)
{
	struct tally t = { 0 };
	uint64_t seed = HC_SEED, calls = HC_CALLS, result;
	exinfo_t e;

	if (!bulkhead_expected()) {
		e = vmmcall_safe(BH_HC_CODE_MASK, 0, 0, &result);
		report_skip("policy", "not a Bulkhead child (no \"%s\" CPUID signature; VMMCALL raised %s)",
			    BH_HV_SIGNATURE, exinfo_str(e));
		return;
	}
	cmdline_u64("seed", &seed);
	cmdline_u64("calls", &calls);
	cmdline_u64("core", &core_gpa);
	rng_state = seed ? seed : HC_SEED;
	memset(scratch, SCRATCH_FILL, sizeof(scratch));
	printf("hostile_hypercall: seed 0x%llx, %llu random calls%s\n", (unsigned long long)rng_state,
	       (unsigned long long)calls, core_gpa ? ", core= given" : "");

	/* Fixed cases first, so their answers are in every log. */
	one_call(&t, BH_HC_CODE_MASK, 0, 0);
	one_call(&t, BH_HC_GET_INFO, 0, (uint64_t)(uintptr_t)scratch[0]);
	one_call(&t, BH_HC_READ_LOG, (uint64_t)(uintptr_t)scratch[1], (uint64_t)(uintptr_t)scratch[0]);
	for (uint64_t i = 0; i < calls; i++)
		one_call(&t, random_control(), random_gpa(), random_gpa());

	report(!t.faults, "no-fault",
	       "%u hypercalls with hostile control words and addresses all return, none raises an exception (%u did)",
	       t.calls, t.faults);
	report(!t.unknown_status, "documented-status",
	       "every status returned is one docs/hypercall-abi.md lists (%u of %u were not)",
	       t.unknown_status, t.calls - t.faults);
	report(!t.wrong_status, "fixed-status",
	       "unassigned codes return INVALID_HYPERCALL_CODE (%u calls) and root-only codes ACCESS_DENIED "
	       "(%u calls) whatever the other bits (%u did not)", t.unassigned, t.root_only,
	       t.wrong_status);
	report(!t.output_written, "output-untouched",
	       "a failed hypercall leaves its output page untouched (%u wrote it)", t.output_written);
}
