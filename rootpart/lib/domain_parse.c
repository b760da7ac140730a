// SPDX-License-Identifier: GPL-2.0
/* Domain XML to struct domain_config: <domain>, identity, memory, vCPUs, <os>, lifecycle actions, <devices>. */
#include "domain_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>

static const char *const no_attrs[] = { NULL };
static const char *const unit_attr[] = { "unit", NULL };

static int parse_name(struct parse_ctx *pc, xmlNode *node)
{
	const char *why;
	char b[SHOW_MAX];

	if (check_attrs(pc, node, no_attrs) < 0 ||
	    get_text(pc, node, pc->cfg->name, sizeof(pc->cfg->name)) < 0)
		return -1;
	why = domain_name_problem(pc->cfg->name);
	if (why)
		return parse_fail(pc, node, "<name>%s</name>: the name %s", show(b, pc->cfg->name), why);
	return 0;
}

static int parse_uuid(struct parse_ctx *pc, xmlNode *node)
{
	char text[DOMAIN_UUID_STRLEN + 1], b[SHOW_MAX];

	if (check_attrs(pc, node, no_attrs) < 0 || get_text(pc, node, text, sizeof(text)) < 0)
		return -1;
	if (domain_uuid_parse(text, pc->cfg->uuid) < 0)
		return parse_fail(pc, node, "<uuid>%s</uuid>: not a usable UUID "
				  "(expected 32 hex digits as 8-4-4-4-12, not all bytes equal)",
				  show(b, text));
	pc->cfg->uuid_given = true;
	return 0;
}

#define KIB 1024ULL
_Static_assert(DOMAIN_MEMORY_MAX % (1ULL << 40) == 0 && DOMAIN_MEMORY_MIN % (1ULL << 20) == 0,
	       "the messages give the limits in TiB and MiB");

/* A <memory>-style size: decimal text scaled by 'unit' (default KiB), rounded up to KiB as libvirt does. */
static int parse_size(struct parse_ctx *pc, xmlNode *node, uint64_t *bytes)
{
	char unit[16] = "KiB", text[32], b[SHOW_MAX], what[96];
	uint64_t value, scale = KIB;
	int r;

	if (check_attrs(pc, node, unit_attr) < 0 ||
	    (r = get_attr(pc, node, "unit", unit, sizeof(unit))) < 0)
		return -1;
	if (r > 0 && domain_unit_scale(unit, &scale) < 0)
		return parse_fail(pc, node, "<%s unit='%s'>: unknown unit '%s'", node->name,
				  show(b, unit), show(b, unit));
	if (get_text(pc, node, text, sizeof(text)) < 0)
		return -1;
	snprintf(what, sizeof(what), "<%s unit='%s'>%s</%s>", node->name, unit, show(b, text),
		 node->name);
	r = domain_parse_u64(text, &value);
	if (r == -1)
		return parse_fail(pc, node, "%s: expected a decimal number of %s", what, unit);
	/* The maximum is far below UINT64_MAX, so an overflow can be reported as "too large". */
	if (r < 0 || value > DOMAIN_MEMORY_MAX / scale + 1 ||
	    (value * scale + KIB - 1) / KIB * KIB > DOMAIN_MEMORY_MAX)
		return parse_fail(pc, node, "%s: more than the maximum of %llu TiB", what,
				  DOMAIN_MEMORY_MAX >> 40);
	*bytes = (value * scale + KIB - 1) / KIB * KIB;
	if (*bytes < DOMAIN_MEMORY_MIN)
		return parse_fail(pc, node, "%s: less than the minimum of %llu MiB", what,
				  DOMAIN_MEMORY_MIN >> 20);
	return 0;
}

static int parse_memory(struct parse_ctx *pc, xmlNode *node)
{
	return parse_size(pc, node, &pc->cfg->memory);
}

static int parse_current_memory(struct parse_ctx *pc, xmlNode *node)
{
	pc->current_memory_line = node_line(node);
	return parse_size(pc, node, &pc->cfg->current_memory);
}

/* The count (text) first, then placement/current against it. */
static int parse_vcpu(struct parse_ctx *pc, xmlNode *node)
{
	static const char *const attrs[] = { "placement", "current", "cpuset", NULL };
	static const char *const placements[] = { "static", "auto" };
	char text[16], current[16], b[SHOW_MAX];
	uint64_t count, cur;
	int placement = 0, r;

	if (check_attrs(pc, node, attrs) < 0 || get_text(pc, node, text, sizeof(text)) < 0)
		return -1;
	if (domain_parse_u64(text, &count) < 0 || count < 1 || count > DOMAIN_VCPUS_MAX)
		return parse_fail(pc, node, "<vcpu>%s</vcpu>: expected a count from 1 to %d",
				  show(b, text), DOMAIN_VCPUS_MAX);
	pc->cfg->vcpus = (unsigned int)count;
	if (xmlHasProp(node, (const xmlChar *)"cpuset"))
		return parse_fail(pc, node, "<vcpu cpuset=...>: not supported yet (vCPUs are not pinned)");
	if (get_attr_token(pc, node, "placement", placements, 0, 2, &placement) < 0)
		return -1;
	if (placement == 1)
		return parse_fail(pc, node, "<vcpu placement='auto'>: not supported (it needs numad); "
				  "use 'static'");
	r = get_attr(pc, node, "current", current, sizeof(current));
	if (r < 0)
		return -1;
	if (r > 0 && (domain_parse_u64(current, &cur) < 0 || cur < 1 || cur > count))
		return parse_fail(pc, node, "<vcpu current='%s'>: expected a count from 1 to %llu",
				  show(b, current), (unsigned long long)count);
	/* Fewer online than configured means vCPU hot-plug, which the partition cannot do. */
	if (r > 0 && cur != count)
		return parse_fail(pc, node, "<vcpu current='%s'>: vCPU hot-plug is not supported; "
				  "every vCPU is online at boot (drop 'current' or make it %llu)",
				  show(b, current), (unsigned long long)count);
	return 0;
}

static int parse_os_type(struct parse_ctx *pc, xmlNode *node)
{
	static const char *const attrs[] = { "arch", "machine", NULL };
	char arch[16], text[16], b[SHOW_MAX];
	int r;

	if (check_attrs(pc, node, attrs) < 0 || (r = get_attr(pc, node, "arch", arch, sizeof(arch))) < 0)
		return -1;
	if (r > 0 && strcmp(arch, "x86_64"))
		return parse_fail(pc, node, "<type arch='%s'>: only 'x86_64' is supported", show(b, arch));
	if (get_attr(pc, node, "machine", pc->cfg->os.machine, sizeof(pc->cfg->os.machine)) < 0 ||
	    get_text(pc, node, text, sizeof(text)) < 0)
		return -1;
	if (strcmp(text, "hvm"))
		return parse_fail(pc, node, "<type>%s</type>: only 'hvm' is supported", show(b, text));
	return 0;
}

static int parse_path(struct parse_ctx *pc, xmlNode *node, char *out, size_t size)
{
	char b[SHOW_MAX];

	if (check_attrs(pc, node, no_attrs) < 0 || get_text(pc, node, out, size) < 0)
		return -1;
	if (out[0] != '/')
		return parse_fail(pc, node, "<%s>%s</%s>: expected an absolute path on the host",
				  node->name, show(b, out), node->name);
	return 0;
}

static int parse_kernel(struct parse_ctx *pc, xmlNode *node)
{
	return parse_path(pc, node, pc->cfg->os.kernel, sizeof(pc->cfg->os.kernel));
}

static int parse_initrd(struct parse_ctx *pc, xmlNode *node)
{
	return parse_path(pc, node, pc->cfg->os.initrd, sizeof(pc->cfg->os.initrd));
}

static int parse_cmdline(struct parse_ctx *pc, xmlNode *node)
{
	if (check_attrs(pc, node, no_attrs) < 0)
		return -1;
	return get_text(pc, node, pc->cfg->os.cmdline, sizeof(pc->cfg->os.cmdline));
}

/* Accepted for libvirt compatibility and ignored: with direct kernel boot there is nothing to choose. */
static int parse_boot(struct parse_ctx *pc, xmlNode *node)
{
	static const char *const attrs[] = { "dev", NULL };
	static const char *const devs[] = { "fd", "hd", "cdrom", "network" };
	int dev, r;

	if (check_attrs(pc, node, attrs) < 0 || expect_empty(pc, node) < 0 ||
	    (r = get_attr_token(pc, node, "dev", devs, 0, 4, &dev)) < 0)
		return -1;
	if (r == 0)
		return parse_fail(pc, node, "<boot>: missing attribute 'dev'");
	return 0;
}

#define NO_FIRMWARE "Bulkhead boots a kernel directly and has no firmware; use <kernel>"

static int parse_os(struct parse_ctx *pc, xmlNode *node)
{
	static const struct child_rule rules[] = {
		{ "type", parse_os_type, CHILD_REQUIRED, NULL },
		{ "kernel", parse_kernel, 0, NULL },
		{ "initrd", parse_initrd, 0, NULL },
		{ "cmdline", parse_cmdline, 0, NULL },
		{ "boot", parse_boot, CHILD_REPEAT, NULL },
		{ "loader", NULL, 0, NO_FIRMWARE },
		{ "nvram", NULL, 0, NO_FIRMWARE },
	};

	if (xmlHasProp(node, (const xmlChar *)"firmware"))
		return parse_fail(pc, node, "<os firmware=...>: " NO_FIRMWARE);
	if (check_attrs(pc, node, no_attrs) < 0 ||
	    parse_children(pc, node, rules, DOMAIN_ARRAY_SIZE(rules)) < 0)
		return -1;
	if (!pc->cfg->os.kernel[0])
		return parse_fail(pc, node, "<os>: missing <kernel> (" NO_FIRMWARE ")");
	return 0;
}

static int parse_action(struct parse_ctx *pc, xmlNode *node, enum domain_action *out, bool crash)
{
	char text[32], b[SHOW_MAX];
	int a;

	if (check_attrs(pc, node, no_attrs) < 0 || get_text(pc, node, text, sizeof(text)) < 0)
		return -1;
	a = domain_lookup(domain_action_names, 0, DOMAIN_ACTION_NR, text);
	switch (a) {
	case DOMAIN_ACTION_DESTROY:
	case DOMAIN_ACTION_RESTART:
	case DOMAIN_ACTION_PRESERVE:
		*out = (enum domain_action)a;
		return 0;
	case DOMAIN_ACTION_RENAME_RESTART:
		return parse_fail(pc, node, "<%s>%s</%s>: not supported (only libvirt's libxl driver "
				  "has it)", node->name, text, node->name);
	case DOMAIN_ACTION_COREDUMP_DESTROY:
	case DOMAIN_ACTION_COREDUMP_RESTART:
		if (crash)
			return parse_fail(pc, node, "<%s>%s</%s>: not supported yet (no core dumps)",
					  node->name, text, node->name);
		return parse_fail(pc, node, "<%s>%s</%s>: only <on_crash> takes coredump actions",
				  node->name, text, node->name);
	default:
		return parse_fail(pc, node, "<%s>%s</%s>: expected 'destroy', 'restart' or 'preserve'",
				  node->name, show(b, text), node->name);
	}
}

static int parse_on_poweroff(struct parse_ctx *pc, xmlNode *node)
{
	return parse_action(pc, node, &pc->cfg->on_poweroff, false);
}

static int parse_on_reboot(struct parse_ctx *pc, xmlNode *node)
{
	return parse_action(pc, node, &pc->cfg->on_reboot, false);
}

static int parse_on_crash(struct parse_ctx *pc, xmlNode *node)
{
	return parse_action(pc, node, &pc->cfg->on_crash, true);
}

/* Accepted and ignored: the device model is the partition's worker process, not a binary the XML names. */
static int parse_emulator(struct parse_ctx *pc, xmlNode *node)
{
	char path[DOMAIN_PATH_MAX + 1];

	return check_attrs(pc, node, no_attrs) < 0 ? -1 : get_text(pc, node, path, sizeof(path));
}

#define LATER "not supported yet (a later release maps disks and network interfaces)"

static int parse_devices(struct parse_ctx *pc, xmlNode *node)
{
	static const struct child_rule rules[] = {
		{ "emulator", parse_emulator, 0, NULL },
		{ "serial", parse_serial, CHILD_REPEAT, NULL },
		{ "console", parse_console, CHILD_REPEAT, NULL },
		{ "disk", NULL, 0, LATER },
		{ "interface", NULL, 0, LATER },
	};

	if (check_attrs(pc, node, no_attrs) < 0)
		return -1;
	return parse_children(pc, node, rules, DOMAIN_ARRAY_SIZE(rules));
}

static int parse_domain(struct parse_ctx *pc, xmlNode *root)
{
	static const char *const attrs[] = { "type", "id", NULL };
	static const char *const types[] = { "bulkhead", "kvm" };
	static const struct child_rule rules[] = {
		{ "name", parse_name, CHILD_REQUIRED, NULL },
		{ "uuid", parse_uuid, 0, NULL },
		{ "memory", parse_memory, CHILD_REQUIRED, NULL },
		{ "currentMemory", parse_current_memory, 0, NULL },
		{ "vcpu", parse_vcpu, 0, NULL },
		{ "os", parse_os, CHILD_REQUIRED, NULL },
		{ "features", parse_features, 0, NULL },
		{ "clock", parse_clock, 0, NULL },
		{ "on_poweroff", parse_on_poweroff, 0, NULL },
		{ "on_reboot", parse_on_reboot, 0, NULL },
		{ "on_crash", parse_on_crash, 0, NULL },
		{ "devices", parse_devices, 0, NULL },
	};
	struct domain_config *cfg = pc->cfg;
	int type;
	char b[SHOW_MAX];

	if (root->ns || strcmp((const char *)root->name, "domain"))
		return parse_fail(pc, root, "expected <domain> as the root element, not <%s>",
				  show(b, (const char *)root->name));
	/* type='kvm' is taken as "hardware virtualization" so XML written for KVM works; id is run-time only. */
	if (check_attrs(pc, root, attrs) < 0 ||
	    get_attr_token(pc, root, "type", types, 0, 2, &type) < 0)
		return -1;
	if (parse_children(pc, root, rules, DOMAIN_ARRAY_SIZE(rules)) < 0)
		return -1;
	if (!pc->current_memory_line)
		cfg->current_memory = cfg->memory;
	else if (cfg->current_memory > cfg->memory)
		return parse_fail_at(pc, pc->current_memory_line, "<currentMemory>: %llu KiB is more "
				     "than <memory> (%llu KiB)",
				     (unsigned long long)(cfg->current_memory >> 10),
				     (unsigned long long)(cfg->memory >> 10));
	if (!cfg->uuid_given && domain_uuid_generate(cfg->uuid) < 0)
		return parse_fail(pc, NULL, "cannot generate a UUID: %s", strerror(errno));
	return 0;
}

int domain_parse_buffer(const char *buf, size_t len, const char *name,
			struct domain_config *cfg, struct domain_error *err)
{
	struct parse_ctx pc = { .file = name ? name : "(buffer)", .cfg = cfg, .err = err };
	xmlDoc *doc;
	int ret;

	err->line = 0;
	err->message[0] = 0;
	domain_config_defaults(cfg);
	doc = domain_xml_read(&pc, buf, len);
	if (!doc)
		return -1;
	ret = parse_domain(&pc, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	return ret;
}

static int read_fail(struct domain_error *err, const char *path, const char *what)
{
	err->line = 0;
	snprintf(err->message, sizeof(err->message), "%s: %s", path, what);
	return -1;
}

/* Reads at most DOMAIN_XML_MAX + 1 bytes, so a file that grew past the limit is still refused. */
static int read_all(int fd, char *buf, size_t *len)
{
	*len = 0;
	while (*len <= DOMAIN_XML_MAX) {
		ssize_t n = read(fd, buf + *len, DOMAIN_XML_MAX + 1 - *len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		*len += (size_t)n;
	}
	return 0;
}

int domain_parse_file(const char *path, struct domain_config *cfg, struct domain_error *err)
{
	struct stat st;
	char *buf;
	size_t len;
	int fd, ret;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return read_fail(err, path, strerror(errno));
	if (fstat(fd, &st) < 0)
		ret = read_fail(err, path, strerror(errno));
	else if (!S_ISREG(st.st_mode))
		ret = read_fail(err, path, "not a regular file");
	else if (!(buf = malloc(DOMAIN_XML_MAX + 1)))
		ret = read_fail(err, path, "out of memory");
	else {
		if (read_all(fd, buf, &len) < 0)
			ret = read_fail(err, path, strerror(errno));
		else
			ret = domain_parse_buffer(buf, len, path, cfg, err);
		free(buf);
	}
	close(fd);
	return ret;
}
