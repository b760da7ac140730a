// SPDX-License-Identifier: GPL-2.0
/* struct domain_config to its effective domain XML, for hvctl dumpxml: every default written out. */
#include "domain_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An snprintf-style sink: counts everything, stores what fits. */
struct out {
	char *buf;
	size_t len;
	size_t pos;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(o->pos < o->len ? o->buf + o->pos : NULL,
		      o->pos < o->len ? o->len - o->pos : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->pos += (size_t)n;
}

/* Text and attribute values, with the five XML specials escaped. */
static void put_escaped(struct out *o, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':  put(o, "&amp;"); break;
		case '<':  put(o, "&lt;"); break;
		case '>':  put(o, "&gt;"); break;
		case '\'': put(o, "&apos;"); break;
		case '"':  put(o, "&quot;"); break;
		default:   put(o, "%c", *s); break;
		}
	}
}

static void put_text_element(struct out *o, const char *indent, const char *name, const char *text)
{
	put(o, "%s<%s>", indent, name);
	put_escaped(o, text);
	put(o, "</%s>\n", name);
}

static const char *token(const char *const *names, int n, int i)
{
	return i >= 0 && i < n ? names[i] : "?";
}

static void put_os(struct out *o, const struct domain_config *cfg)
{
	put(o, "  <os>\n    <type arch='x86_64'");
	if (cfg->os.machine[0]) {
		put(o, " machine='");
		put_escaped(o, cfg->os.machine);
		put(o, "'");
	}
	put(o, ">hvm</type>\n");
	put_text_element(o, "    ", "kernel", cfg->os.kernel);
	if (cfg->os.initrd[0])
		put_text_element(o, "    ", "initrd", cfg->os.initrd);
	put_text_element(o, "    ", "cmdline", cfg->os.cmdline);
	put(o, "  </os>\n");
}

static void put_hv_feature(struct out *o, const struct domain_hyperv *hv, enum domain_hv_feature f)
{
	bool on = hv->features & DOMAIN_HV_BIT(f);
	const char *state = on ? "on" : "off";

	put(o, "      <%s state='%s'", domain_hv_feature_names[f], state);
	if (on && f == DOMAIN_HV_SPINLOCKS)
		put(o, " retries='%u'", hv->spinlock_retries);
	if (on && f == DOMAIN_HV_VENDOR_ID) {
		put(o, " value='");
		put_escaped(o, hv->vendor_id);
		put(o, "'");
	}
	if (on && f == DOMAIN_HV_STIMER)
		put(o, ">\n        <direct state='%s'/>\n      </stimer>\n",
		    hv->stimer_direct ? "on" : "off");
	else
		put(o, "/>\n");
}

/* Custom mode lists every enlightenment, off ones too, so dumpxml shows exactly what the guest gets. */
static void put_features(struct out *o, const struct domain_config *cfg)
{
	const struct domain_hyperv *hv = &cfg->hyperv;

	put(o, "  <features>\n");
	if (cfg->acpi)
		put(o, "    <acpi/>\n");
	if (cfg->apic)
		put(o, "    <apic/>\n");
	if (cfg->pae)
		put(o, "    <pae/>\n");
	if (hv->mode == DOMAIN_HYPERV_PASSTHROUGH) {
		put(o, "    <hyperv mode='passthrough'/>\n");
	} else {
		put(o, "    <hyperv mode='custom'>\n");
		for (int f = 0; f < DOMAIN_HV_NR; f++)
			put_hv_feature(o, hv, (enum domain_hv_feature)f);
		put(o, "    </hyperv>\n");
	}
	put(o, "  </features>\n");
}

static void put_clock(struct out *o, const struct domain_config *cfg)
{
	bool any = false;

	put(o, "  <clock offset='%s'", token(domain_clock_offset_names, 2, (int)cfg->clock.offset));
	for (int i = 0; i < DOMAIN_TIMER_NR; i++) {
		const struct domain_timer *t = &cfg->clock.timers[i];

		if (!t->given)
			continue;
		put(o, "%s    <timer name='%s'", any ? "" : ">\n", domain_timer_names[i]);
		any = true;
		if (t->present)
			put(o, " present='%s'", token(domain_present_names, 3, (int)t->present));
		if (t->tickpolicy)
			put(o, " tickpolicy='%s'", token(domain_tickpolicy_names, 5, (int)t->tickpolicy));
		if (t->track)
			put(o, " track='%s'", token(domain_track_names, 5, (int)t->track));
		put(o, "/>\n");
	}
	put(o, any ? "  </clock>\n" : "/>\n");
}

static void put_pty_source(struct out *o, const struct domain_runtime *rt)
{
	if (!rt || !rt->serial_pty)
		return;
	put(o, "      <source path='");
	put_escaped(o, rt->serial_pty);
	put(o, "'/>\n");
}

/* libvirt's effective form: the serial port, and the console as its second name. */
static void put_devices(struct out *o, const struct domain_config *cfg,
			const struct domain_runtime *rt)
{
	if (!cfg->serial) {
		put(o, "  <devices/>\n");
		return;
	}
	put(o, "  <devices>\n    <serial type='pty'>\n");
	put_pty_source(o, rt);
	put(o, "      <target type='isa-serial' port='0'>\n"
	       "        <model name='isa-serial'/>\n"
	       "      </target>\n"
	       "    </serial>\n");
	put(o, "    <console type='pty'");
	if (rt && rt->serial_pty) {
		put(o, " tty='");
		put_escaped(o, rt->serial_pty);
		put(o, "'");
	}
	put(o, ">\n");
	put_pty_source(o, rt);
	put(o, "      <target type='serial' port='0'/>\n    </console>\n  </devices>\n");
}

size_t domain_format_xml(const struct domain_config *cfg, const struct domain_runtime *rt,
			 char *buf, size_t len)
{
	struct out o = { buf, len, 0 };
	char uuid[DOMAIN_UUID_STRLEN + 1];

	if (len)
		buf[0] = 0;
	put(&o, "<domain type='bulkhead'");
	if (rt && rt->id >= 0)
		put(&o, " id='%d'", rt->id);
	put(&o, ">\n");
	put_text_element(&o, "  ", "name", cfg->name);
	domain_uuid_format(cfg->uuid, uuid);
	put(&o, "  <uuid>%s</uuid>\n", uuid);
	put(&o, "  <memory unit='KiB'>%llu</memory>\n", (unsigned long long)(cfg->memory >> 10));
	put(&o, "  <currentMemory unit='KiB'>%llu</currentMemory>\n",
	    (unsigned long long)(cfg->current_memory >> 10));
	put(&o, "  <vcpu placement='static'>%u</vcpu>\n", cfg->vcpus);
	put_os(&o, cfg);
	put_features(&o, cfg);
	put_clock(&o, cfg);
	put(&o, "  <on_poweroff>%s</on_poweroff>\n", domain_action_name(cfg->on_poweroff));
	put(&o, "  <on_reboot>%s</on_reboot>\n", domain_action_name(cfg->on_reboot));
	put(&o, "  <on_crash>%s</on_crash>\n", domain_action_name(cfg->on_crash));
	put_devices(&o, cfg, rt);
	put(&o, "</domain>\n");
	return o.pos;
}

char *domain_format_xml_alloc(const struct domain_config *cfg, const struct domain_runtime *rt)
{
	size_t need = domain_format_xml(cfg, rt, NULL, 0);
	char *buf = malloc(need + 1);

	if (buf)
		domain_format_xml(cfg, rt, buf, need + 1);
	return buf;
}
