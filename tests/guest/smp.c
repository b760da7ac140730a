// SPDX-License-Identifier: GPL-2.0
/*
 * Every application processor starts with INIT-SIPI-SIPI through the xAPIC
 * ICR and reports its APIC ID; fixed-delivery IPIs arrive exactly once
 * between the boot processor and each AP, between APs, and by the
 * all-excluding-self shorthand. Processors come from cmdline "cpus=N" or
 * the ACPI MADT; with one processor the test is skipped.
 */
#include <asm/apic.h>
#include <asm/cr.h>
#include <guest/apic.h>
#include <guest/console.h>
#include <guest/exception.h>
#include <guest/smp.h>
#include <guest/test.h>
#include <hv/string.h>

#define VEC_TEST_IPI   VEC_TEST_FIRST
#define IPI_TIMEOUT_US 1000000
#define RUN_TIMEOUT_US 1000000
#define SETTLE_US      2000	/* time for a duplicate delivery to show */
#define CHECK_NAME_MAX 32

const struct test_info test_info = {
	.name = "smp",
	.title = "APs start with INIT-SIPI-SIPI; fixed IPIs arrive between processors",
};

static volatile uint32_t ipis_seen[GUEST_MAX_CPUS];

static void test_ipi_irq(unsigned vector)
{
	(void)vector;
	__atomic_fetch_add(&ipis_seen[this_cpu()->index], 1, __ATOMIC_RELAXED);
}

static bool wait_ipis(unsigned index, uint32_t want)
{
	uint64_t end = rdtsc() + tsc_from_us(IPI_TIMEOUT_US);

	while (__atomic_load_n(&ipis_seen[index], __ATOMIC_RELAXED) < want)
		if (rdtsc() > end)
			return false;
		else
			cpu_relax();
	udelay(SETTLE_US);
	return __atomic_load_n(&ipis_seen[index], __ATOMIC_RELAXED) == want;
}

struct whoami {
	unsigned index;
	uint32_t apic_id;
};

static void ap_whoami(void *arg)
{
	struct whoami *w = arg;

	w->index = this_cpu()->index;
	w->apic_id = apic_self_id();
	printf("smp: processor %u running, APIC ID %u\n", w->index, w->apic_id);
}

struct ipi_send {
	unsigned to;
	bool sent;
};

static void ap_send_ipi(void *arg)
{
	struct ipi_send *s = arg;

	s->sent = apic_send_ipi(cpus[s->to].apic_id, ICR_DM_FIXED | VEC_TEST_IPI);
}

/* From processor 'from' (0 = this one) to 'to': one fixed IPI, seen once. */
static void check_ipi(unsigned from, unsigned to)
{
	char check[CHECK_NAME_MAX];
	uint32_t before = ipis_seen[to];
	struct ipi_send s = { to, false };
	bool ran = true;

	snprintf(check, sizeof(check), "ipi-%u-to-%u", from, to);
	if (from == 0)
		ap_send_ipi(&s);
	else
		ran = smp_run_on(from, ap_send_ipi, &s, RUN_TIMEOUT_US);
	if (!ran || !s.sent) {
		report_fail(check, "processor %u sends a fixed IPI to processor %u (%s)", from, to,
			    ran ? "delivery status stayed pending" : "the sender did not run");
		return;
	}
	bool once = wait_ipis(to, before + 1);
	report(once, check, "a fixed IPI from processor %u arrives exactly once at processor %u (%u seen)",
	       from, to, ipis_seen[to] - before);
}

static void check_broadcast(void)
{
	uint32_t before[GUEST_MAX_CPUS];
	bool ok = true;

	for (unsigned i = 0; i < ncpus; i++)
		before[i] = ipis_seen[i];
	apic_send_ipi(0, ICR_DM_FIXED | ICR_SHORTHAND_OTHERS | VEC_TEST_IPI);
	for (unsigned i = 1; i < ncpus; i++)
		if (cpus[i].online)
			ok &= wait_ipis(i, before[i] + 1);
	udelay(SETTLE_US);
	ok &= ipis_seen[0] == before[0];
	report(ok, "ipi-all-but-self",
	       "a fixed IPI to all-excluding-self arrives once at every AP and not at the sender");
}

void test_main(void)
{
	const char *source = smp_find_cpus();
	char check[CHECK_NAME_MAX];
	unsigned online = 0;

	printf("smp: %u processors (from %s)\n", ncpus, source);
	if (ncpus < 2) {
		report_skip("start", "needs 2 or more processors (%u found through %s)", ncpus, source);
		return;
	}
	irq_set_handler(VEC_TEST_IPI, test_ipi_irq);
	irq_enable();

	for (unsigned i = 1; i < ncpus; i++) {
		struct whoami w = { ~0u, ~0u };
		bool up = smp_start_ap(i);

		snprintf(check, sizeof(check), "start-%u", i);
		if (!report(up, check, "AP %u (APIC ID %u) starts with INIT-SIPI-SIPI and runs its entry",
			    i, cpus[i].apic_id))
			continue;
		online++;
		snprintf(check, sizeof(check), "apic-id-%u", i);
		bool ran = smp_run_on(i, ap_whoami, &w, RUN_TIMEOUT_US);
		report(ran && w.index == i && w.apic_id == cpus[i].apic_id, check,
		       "AP %u runs posted work and reports APIC ID %u (reported %u)", i,
		       cpus[i].apic_id, w.apic_id);
	}
	if (!online)
		return;

	for (unsigned i = 1; i < ncpus; i++) {
		if (!cpus[i].online)
			continue;
		check_ipi(0, i);
		check_ipi(i, 0);
		/* AP to AP: each AP to the next online one, a ring. */
		for (unsigned j = i % (ncpus - 1) + 1; j != i; j = j % (ncpus - 1) + 1)
			if (cpus[j].online) {
				check_ipi(i, j);
				break;
			}
	}
	check_broadcast();
}
