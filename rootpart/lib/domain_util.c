// SPDX-License-Identifier: GPL-2.0
/* Domain XML values: spellings, numbers and units, UUIDs, names; defaults and comparison of configurations. */
#include "domain_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

const char *const domain_action_names[DOMAIN_ACTION_NR] = {
	[DOMAIN_ACTION_DESTROY]          = "destroy",
	[DOMAIN_ACTION_RESTART]          = "restart",
	[DOMAIN_ACTION_PRESERVE]         = "preserve",
	[DOMAIN_ACTION_RENAME_RESTART]   = "rename-restart",
	[DOMAIN_ACTION_COREDUMP_DESTROY] = "coredump-destroy",
	[DOMAIN_ACTION_COREDUMP_RESTART] = "coredump-restart",
};

const char *const domain_hv_feature_names[DOMAIN_HV_NR] = {
	[DOMAIN_HV_RELAXED]         = "relaxed",
	[DOMAIN_HV_VAPIC]           = "vapic",
	[DOMAIN_HV_SPINLOCKS]       = "spinlocks",
	[DOMAIN_HV_VPINDEX]         = "vpindex",
	[DOMAIN_HV_RUNTIME]         = "runtime",
	[DOMAIN_HV_SYNIC]           = "synic",
	[DOMAIN_HV_STIMER]          = "stimer",
	[DOMAIN_HV_RESET]           = "reset",
	[DOMAIN_HV_VENDOR_ID]       = "vendor_id",
	[DOMAIN_HV_FREQUENCIES]     = "frequencies",
	[DOMAIN_HV_REENLIGHTENMENT] = "reenlightenment",
	[DOMAIN_HV_TLBFLUSH]        = "tlbflush",
	[DOMAIN_HV_IPI]             = "ipi",
	[DOMAIN_HV_EVMCS]           = "evmcs",
};

const char *const domain_timer_names[DOMAIN_TIMER_NR] = {
	[DOMAIN_TIMER_HPET]        = "hpet",
	[DOMAIN_TIMER_KVMCLOCK]    = "kvmclock",
	[DOMAIN_TIMER_PIT]         = "pit",
	[DOMAIN_TIMER_RTC]         = "rtc",
	[DOMAIN_TIMER_TSC]         = "tsc",
	[DOMAIN_TIMER_HYPERVCLOCK] = "hypervclock",
};

/* Index 0 of the next three is the "not given" value, never looked up. */
const char *const domain_present_names[3] = { "", "no", "yes" };
const char *const domain_tickpolicy_names[5] = { "", "delay", "catchup", "merge", "discard" };
const char *const domain_track_names[5] = { "", "boot", "guest", "wall", "realtime" };
const char *const domain_clock_offset_names[2] = { "utc", "localtime" };
const char *const domain_hyperv_mode_names[2] = { "custom", "passthrough" };

static const char *name_or_unknown(const char *const *names, int n, int i)
{
	return i >= 0 && i < n && names[i] ? names[i] : "?";
}

const char *domain_action_name(enum domain_action a)
{
	return name_or_unknown(domain_action_names, DOMAIN_ACTION_NR, (int)a);
}

const char *domain_hv_feature_name(enum domain_hv_feature f)
{
	return name_or_unknown(domain_hv_feature_names, DOMAIN_HV_NR, (int)f);
}

const char *domain_timer_name(enum domain_timer_name t)
{
	return name_or_unknown(domain_timer_names, DOMAIN_TIMER_NR, (int)t);
}

int domain_lookup(const char *const *names, int first, int n, const char *s)
{
	for (int i = first; i < n; i++)
		if (names[i] && strcmp(names[i], s) == 0)
			return i;
	return -1;
}

int domain_parse_u64(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		unsigned int digit = (unsigned int)(*s - '0');

		if (digit > 9)
			return -1;
		if (v > (UINT64_MAX - digit) / 10)
			return -2;
		v = v * 10 + digit;
	}
	*out = v;
	return 0;
}

/*
 * libvirt's rule (virScaleInteger): "b"/"bytes", or a prefix letter k m g t p e
 * in either case, alone or with "iB" for powers of 1024, with "B" for powers
 * of 1000. So "KiB", "k" and "K" are 1024 and "KB" is 1000.
 */
int domain_unit_scale(const char *unit, uint64_t *scale)
{
	static const char prefixes[] = "kmgtpe";
	const char *p;
	uint64_t base, s = 1;

	if (!strcasecmp(unit, "b") || !strcasecmp(unit, "byte") || !strcasecmp(unit, "bytes")) {
		*scale = 1;
		return 0;
	}
	if (!unit[0] || !(p = strchr(prefixes, unit[0] | 0x20)))
		return -1;
	if (!unit[1] || !strcasecmp(unit + 1, "iB"))
		base = 1024;
	else if ((unit[1] == 'B' || unit[1] == 'b') && !unit[2])
		base = 1000;
	else
		return -1;
	for (const char *q = prefixes; q <= p; q++)
		s *= base;
	*scale = s;
	return 0;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int domain_uuid_parse(const char *s, uint8_t uuid[DOMAIN_UUID_LEN])
{
	/* Where the canonical form has its hyphens (byte index before which one stands). */
	static const uint16_t hyphen_before = (1 << 4) | (1 << 6) | (1 << 8) | (1 << 10);
	size_t len = strlen(s);
	bool hyphens = len == DOMAIN_UUID_STRLEN;
	bool same = true;

	if (!hyphens && len != 2 * DOMAIN_UUID_LEN)
		return -1;
	for (int i = 0; i < DOMAIN_UUID_LEN; i++) {
		if (hyphens && (hyphen_before & (1 << i)) && *s++ != '-')
			return -1;
		int hi = hex_value(s[0]), lo = hi < 0 ? -1 : hex_value(s[1]);

		if (lo < 0)
			return -1;
		uuid[i] = (uint8_t)(hi << 4 | lo);
		same &= uuid[i] == uuid[0];
		s += 2;
	}
	/* All bytes equal (the nil UUID, all-ones, ...) identifies nothing, as libvirt holds too. */
	return same ? -1 : 0;
}

int domain_uuid_generate(uint8_t uuid[DOMAIN_UUID_LEN])
{
	size_t got = 0;

	while (got < DOMAIN_UUID_LEN) {
		ssize_t n = getrandom(uuid + got, DOMAIN_UUID_LEN - got, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	/* RFC 4122 4.4: version 4 in the top nibble of octet 6, variant 10 in octet 8. */
	uuid[6] = (uint8_t)((uuid[6] & 0x0f) | 0x40);
	uuid[8] = (uint8_t)((uuid[8] & 0x3f) | 0x80);
	return 0;
}

void domain_uuid_format(const uint8_t uuid[DOMAIN_UUID_LEN], char out[DOMAIN_UUID_STRLEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	char *p = out;

	for (int i = 0; i < DOMAIN_UUID_LEN; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		*p++ = hex[uuid[i] >> 4];
		*p++ = hex[uuid[i] & 0xf];
	}
	*p = 0;
}

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '.' || c == '+' || c == '-';
}

const char *domain_name_problem(const char *name)
{
	size_t len = strlen(name);

	if (len == 0)
		return "is empty";
	if (len > DOMAIN_NAME_MAX)
		return "is longer than " DOMAIN_STR(DOMAIN_NAME_MAX) " characters";
	if (name[0] == '.' || name[0] == '-')
		return "must not start with '.' or '-'";
	for (const char *p = name; *p; p++)
		if (!is_name_char(*p))
			return "may only contain letters, digits, '_', '.', '+' and '-'";
	return NULL;
}

void domain_config_defaults(struct domain_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->vcpus = 1;
	/* libvirt's defaults. */
	cfg->on_poweroff = DOMAIN_ACTION_DESTROY;
	cfg->on_reboot = DOMAIN_ACTION_RESTART;
	cfg->on_crash = DOMAIN_ACTION_DESTROY;
	cfg->clock.offset = DOMAIN_CLOCK_UTC;
	cfg->hyperv.mode = DOMAIN_HYPERV_CUSTOM;
}

static bool hyperv_equal(const struct domain_hyperv *a, const struct domain_hyperv *b)
{
	return a->mode == b->mode && a->features == b->features &&
	       a->spinlock_retries == b->spinlock_retries && a->stimer_direct == b->stimer_direct &&
	       !strcmp(a->vendor_id, b->vendor_id);
}

static bool timers_equal(const struct domain_timer *a, const struct domain_timer *b)
{
	for (int i = 0; i < DOMAIN_TIMER_NR; i++)
		if (a[i].given != b[i].given || a[i].present != b[i].present ||
		    a[i].tickpolicy != b[i].tickpolicy || a[i].track != b[i].track)
			return false;
	return true;
}

bool domain_config_equal(const struct domain_config *a, const struct domain_config *b)
{
	return !strcmp(a->name, b->name) && !memcmp(a->uuid, b->uuid, DOMAIN_UUID_LEN) &&
	       a->memory == b->memory && a->current_memory == b->current_memory &&
	       a->vcpus == b->vcpus && !strcmp(a->os.machine, b->os.machine) &&
	       !strcmp(a->os.kernel, b->os.kernel) && !strcmp(a->os.initrd, b->os.initrd) &&
	       !strcmp(a->os.cmdline, b->os.cmdline) && a->acpi == b->acpi && a->apic == b->apic &&
	       a->pae == b->pae && hyperv_equal(&a->hyperv, &b->hyperv) &&
	       a->clock.offset == b->clock.offset && timers_equal(a->clock.timers, b->clock.timers) &&
	       a->on_poweroff == b->on_poweroff && a->on_reboot == b->on_reboot &&
	       a->on_crash == b->on_crash && a->serial == b->serial;
}

bool domain_is_enlightened(const struct domain_config *cfg)
{
	return cfg->hyperv.mode == DOMAIN_HYPERV_PASSTHROUGH || cfg->hyperv.features != 0;
}
