// SPDX-License-Identifier: GPL-2.0
/* <features> (acpi, apic, pae, the Hyper-V enlightenments) and <clock> of domain XML. */
#include "domain_internal.h"

#include <string.h>

#include <libxml/tree.h>

static const char *const no_attrs[] = { NULL };

static int parse_flag(struct parse_ctx *pc, xmlNode *node, bool *flag)
{
	if (check_attrs(pc, node, no_attrs) < 0 || expect_empty(pc, node) < 0)
		return -1;
	*flag = true;
	return 0;
}

static int parse_acpi(struct parse_ctx *pc, xmlNode *node)
{
	return parse_flag(pc, node, &pc->cfg->acpi);
}

static int parse_apic(struct parse_ctx *pc, xmlNode *node)
{
	return parse_flag(pc, node, &pc->cfg->apic);
}

static int parse_pae(struct parse_ctx *pc, xmlNode *node)
{
	return parse_flag(pc, node, &pc->cfg->pae);
}

static int parse_spinlock_retries(struct parse_ctx *pc, xmlNode *node)
{
	char text[16], b[SHOW_MAX];
	uint64_t retries;
	int r = get_attr(pc, node, "retries", text, sizeof(text));

	if (r < 0)
		return -1;
	if (r == 0)
		return parse_fail(pc, node, "<spinlocks state='on'>: missing attribute 'retries'");
	if (domain_parse_u64(text, &retries) < 0 || retries < DOMAIN_SPINLOCK_RETRIES_MIN ||
	    retries > UINT32_MAX)
		return parse_fail(pc, node, "<spinlocks retries='%s'>: expected %u to %u", show(b, text),
				  DOMAIN_SPINLOCK_RETRIES_MIN, UINT32_MAX);
	pc->cfg->hyperv.spinlock_retries = (uint32_t)retries;
	return 0;
}

static int parse_vendor_id(struct parse_ctx *pc, xmlNode *node)
{
	char *id = pc->cfg->hyperv.vendor_id, b[SHOW_MAX];
	int r = get_attr(pc, node, "value", id, DOMAIN_VENDOR_ID_MAX + 1);

	if (r == 0)
		return parse_fail(pc, node, "<vendor_id state='on'>: missing attribute 'value'");
	if (r < 0 || !id[0])
		return r < 0 ? -1 : parse_fail(pc, node, "<vendor_id value=''>: empty");
	for (const char *p = id; *p; p++)
		if ((unsigned char)*p > 0x7e)
			return parse_fail(pc, node, "<vendor_id value='%s'>: expected printable ASCII",
					  show(b, id));
	return 0;
}

static int parse_stimer_direct(struct parse_ctx *pc, xmlNode *node)
{
	static const char *const attrs[] = { "state", NULL };

	if (check_attrs(pc, node, attrs) < 0 || expect_empty(pc, node) < 0)
		return -1;
	return get_state(pc, node, &pc->cfg->hyperv.stimer_direct);
}

static int parse_hv_children(struct parse_ctx *pc, xmlNode *node, enum domain_hv_feature f, bool on)
{
	static const struct child_rule stimer_rules[] = {
		{ "direct", parse_stimer_direct, 0, NULL },
	};

	if (f != DOMAIN_HV_STIMER)
		return expect_empty(pc, node);
	if (parse_children(pc, node, stimer_rules, DOMAIN_ARRAY_SIZE(stimer_rules)) < 0)
		return -1;
	if (!on && pc->cfg->hyperv.stimer_direct)
		return parse_fail(pc, node, "<stimer state='off'>: <direct state='on'> needs the "
				  "timers on");
	return 0;
}

/* One <hyperv> child, named by one of domain_hv_feature_names. */
static int parse_hv_feature(struct parse_ctx *pc, xmlNode *node)
{
	static const char *const attrs[] = { "state", NULL };
	static const char *const spinlock_attrs[] = { "state", "retries", NULL };
	static const char *const vendor_attrs[] = { "state", "value", NULL };
	struct domain_hyperv *hv = &pc->cfg->hyperv;
	int f = domain_lookup(domain_hv_feature_names, 0, DOMAIN_HV_NR, (const char *)node->name);
	bool on;

	if (check_attrs(pc, node, f == DOMAIN_HV_SPINLOCKS ? spinlock_attrs :
			f == DOMAIN_HV_VENDOR_ID ? vendor_attrs : attrs) < 0 ||
	    get_state(pc, node, &on) < 0 || parse_hv_children(pc, node, f, on) < 0)
		return -1;
	pc->hv_line[f] = node_line(node);
	if (!on)	/* libvirt ignores the values of a feature that is off; so do we */
		return 0;
	if (f == DOMAIN_HV_EVMCS)
		return parse_fail(pc, node, "<evmcs state='on'>: enlightened VMCS is an Intel VMX "
				  "feature; Bulkhead runs on AMD SVM");
	if (f == DOMAIN_HV_SPINLOCKS && parse_spinlock_retries(pc, node) < 0)
		return -1;
	if (f == DOMAIN_HV_VENDOR_ID && parse_vendor_id(pc, node) < 0)
		return -1;
	hv->features |= DOMAIN_HV_BIT(f);
	return 0;
}

/* The dependencies QEMU enforces between enlightenments (less stimer's on the reference clock). */
static const struct {
	enum domain_hv_feature feature, needs;
} hv_needs[] = {
	{ DOMAIN_HV_SYNIC, DOMAIN_HV_VPINDEX },
	{ DOMAIN_HV_STIMER, DOMAIN_HV_SYNIC },
	{ DOMAIN_HV_IPI, DOMAIN_HV_VPINDEX },
	{ DOMAIN_HV_TLBFLUSH, DOMAIN_HV_VPINDEX },
};

static int check_hv_needs(struct parse_ctx *pc)
{
	uint32_t on = pc->cfg->hyperv.features;

	for (size_t i = 0; i < DOMAIN_ARRAY_SIZE(hv_needs); i++)
		if ((on & DOMAIN_HV_BIT(hv_needs[i].feature)) && !(on & DOMAIN_HV_BIT(hv_needs[i].needs)))
			return parse_fail_at(pc, pc->hv_line[hv_needs[i].feature],
					     "<%s state='on'>: needs <%s state='on'>",
					     domain_hv_feature_names[hv_needs[i].feature],
					     domain_hv_feature_names[hv_needs[i].needs]);
	return 0;
}

static int parse_hyperv(struct parse_ctx *pc, xmlNode *node)
{
	static const char *const attrs[] = { "mode", NULL };
	static const struct child_rule rules[] = {
		{ "relaxed", parse_hv_feature, 0, NULL },
		{ "vapic", parse_hv_feature, 0, NULL },
		{ "spinlocks", parse_hv_feature, 0, NULL },
		{ "vpindex", parse_hv_feature, 0, NULL },
		{ "runtime", parse_hv_feature, 0, NULL },
		{ "synic", parse_hv_feature, 0, NULL },
		{ "stimer", parse_hv_feature, 0, NULL },
		{ "reset", parse_hv_feature, 0, NULL },
		{ "vendor_id", parse_hv_feature, 0, NULL },
		{ "frequencies", parse_hv_feature, 0, NULL },
		{ "reenlightenment", parse_hv_feature, 0, NULL },
		{ "tlbflush", parse_hv_feature, 0, NULL },
		{ "ipi", parse_hv_feature, 0, NULL },
		{ "evmcs", parse_hv_feature, 0, NULL },
	};
	int mode = DOMAIN_HYPERV_CUSTOM;

	_Static_assert(DOMAIN_ARRAY_SIZE(rules) == DOMAIN_HV_NR, "a rule per enlightenment");
	if (check_attrs(pc, node, attrs) < 0 ||
	    get_attr_token(pc, node, "mode", domain_hyperv_mode_names, 0, 2, &mode) < 0)
		return -1;
	pc->cfg->hyperv.mode = (enum domain_hyperv_mode)mode;
	if (mode == DOMAIN_HYPERV_PASSTHROUGH) {
		/* Passthrough takes everything the worker implements: a list would mislead. */
		for (xmlNode *c = node->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				return parse_fail(pc, c, "<%s>: <hyperv mode='passthrough'> takes no "
						  "feature elements; use mode='custom'", c->name);
		return expect_empty(pc, node);
	}
	if (parse_children(pc, node, rules, DOMAIN_ARRAY_SIZE(rules)) < 0)
		return -1;
	return check_hv_needs(pc);
}

int parse_features(struct parse_ctx *pc, xmlNode *node)
{
	static const struct child_rule rules[] = {
		{ "acpi", parse_acpi, 0, NULL },
		{ "apic", parse_apic, 0, NULL },
		{ "pae", parse_pae, 0, NULL },
		{ "hyperv", parse_hyperv, 0, NULL },
	};

	if (check_attrs(pc, node, no_attrs) < 0)
		return -1;
	return parse_children(pc, node, rules, DOMAIN_ARRAY_SIZE(rules));
}

static int parse_timer(struct parse_ctx *pc, xmlNode *node)
{
	static const char *const attrs[] = { "name", "present", "tickpolicy", "track", NULL };
	struct domain_timer *t;
	int name = -1, v, r;
	char b[SHOW_MAX];

	if (check_attrs(pc, node, attrs) < 0 || expect_empty(pc, node) < 0 ||
	    (r = get_attr_token(pc, node, "name", domain_timer_names, 0, DOMAIN_TIMER_NR, &name)) < 0)
		return -1;
	if (r == 0)
		return parse_fail(pc, node, "<timer>: missing attribute 'name'");
	t = &pc->cfg->clock.timers[name];
	if (t->given)
		return parse_fail(pc, node, "<timer name='%s'>: given twice", show(b, domain_timer_names[name]));
	t->given = true;
	if ((r = get_attr_token(pc, node, "present", domain_present_names, 1, 3, &v)) < 0)
		return -1;
	t->present = r ? (enum domain_present)v : DOMAIN_PRESENT_UNSET;
	if ((r = get_attr_token(pc, node, "tickpolicy", domain_tickpolicy_names, 1, 5, &v)) < 0)
		return -1;
	t->tickpolicy = r ? (enum domain_tickpolicy)v : DOMAIN_TICK_UNSET;
	if ((r = get_attr_token(pc, node, "track", domain_track_names, 1, 5, &v)) < 0)
		return -1;
	if (r && name != DOMAIN_TIMER_RTC)
		return parse_fail(pc, node, "<timer name='%s' track=...>: only the rtc timer takes "
				  "'track'", domain_timer_names[name]);
	t->track = r ? (enum domain_track)v : DOMAIN_TRACK_UNSET;
	return 0;
}

int parse_clock(struct parse_ctx *pc, xmlNode *node)
{
	static const char *const attrs[] = { "offset", NULL };
	static const struct child_rule rules[] = {
		{ "timer", parse_timer, CHILD_REPEAT, NULL },
	};
	int offset = DOMAIN_CLOCK_UTC;

	if (check_attrs(pc, node, attrs) < 0 ||
	    get_attr_token(pc, node, "offset", domain_clock_offset_names, 0, 2, &offset) < 0)
		return -1;
	pc->cfg->clock.offset = (enum domain_clock_offset)offset;
	return parse_children(pc, node, rules, DOMAIN_ARRAY_SIZE(rules));
}
