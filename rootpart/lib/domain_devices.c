// SPDX-License-Identifier: GPL-2.0
/* <serial> and <console>: one pty-backed COM1, which libvirt's serial console names a second time. */
#include "domain_internal.h"

#include <string.h>

#include <libxml/tree.h>

static int check_pty(struct parse_ctx *pc, xmlNode *node)
{
	char type[16], b[SHOW_MAX];
	int r = get_attr(pc, node, "type", type, sizeof(type));

	if (r < 0)
		return -1;
	if (r == 0)
		return parse_fail(pc, node, "<%s>: missing attribute type='pty'", node->name);
	if (strcmp(type, "pty"))
		return parse_fail(pc, node, "<%s type='%s'>: only type='pty' is supported", node->name,
				  show(b, type));
	return 0;
}

/* A pty's path is chosen when the partition starts; one in the input (dumpxml output) is ignored. */
static int parse_source(struct parse_ctx *pc, xmlNode *node)
{
	static const char *const attrs[] = { "path", NULL };

	if (check_attrs(pc, node, attrs) < 0)
		return -1;
	return expect_empty(pc, node);
}

static int check_port(struct parse_ctx *pc, xmlNode *node)
{
	char port[16], b[SHOW_MAX];
	int r = get_attr(pc, node, "port", port, sizeof(port));

	if (r > 0 && strcmp(port, "0"))
		return parse_fail(pc, node, "<target port='%s'>: only port 0 (the guest's COM1) is "
				  "supported", show(b, port));
	return r < 0 ? -1 : 0;
}

static int parse_serial_model(struct parse_ctx *pc, xmlNode *node)
{
	static const char *const attrs[] = { "name", NULL };
	static const char *const models[] = { "isa-serial" };
	int model, r;

	if (check_attrs(pc, node, attrs) < 0 || expect_empty(pc, node) < 0 ||
	    (r = get_attr_token(pc, node, "name", models, 0, 1, &model)) < 0)
		return -1;
	return r ? 0 : parse_fail(pc, node, "<model>: missing attribute name='isa-serial'");
}

static int parse_serial_target(struct parse_ctx *pc, xmlNode *node)
{
	static const char *const attrs[] = { "type", "port", NULL };
	static const struct child_rule rules[] = {
		{ "model", parse_serial_model, 0, NULL },
	};
	char type[32], b[SHOW_MAX];
	int r;

	if (check_attrs(pc, node, attrs) < 0 || (r = get_attr(pc, node, "type", type, sizeof(type))) < 0)
		return -1;
	if (r > 0 && strcmp(type, "isa-serial"))
		return parse_fail(pc, node, "<target type='%s'>: only 'isa-serial' (COM1) is supported",
				  show(b, type));
	if (check_port(pc, node) < 0)
		return -1;
	return parse_children(pc, node, rules, DOMAIN_ARRAY_SIZE(rules));
}

static int parse_console_target(struct parse_ctx *pc, xmlNode *node)
{
	static const char *const attrs[] = { "type", "port", NULL };
	char type[32], b[SHOW_MAX];
	int r;

	if (check_attrs(pc, node, attrs) < 0 || (r = get_attr(pc, node, "type", type, sizeof(type))) < 0)
		return -1;
	if (r > 0 && !strcmp(type, "virtio"))
		return parse_fail(pc, node, "<target type='virtio'>: virtio consoles are not supported "
				  "yet; use type='serial'");
	if (r > 0 && strcmp(type, "serial"))
		return parse_fail(pc, node, "<target type='%s'>: expected 'serial'", show(b, type));
	if (check_port(pc, node) < 0)
		return -1;
	return expect_empty(pc, node);
}

int parse_serial(struct parse_ctx *pc, xmlNode *node)
{
	static const char *const attrs[] = { "type", NULL };
	static const struct child_rule rules[] = {
		{ "source", parse_source, 0, NULL },
		{ "target", parse_serial_target, 0, NULL },
	};

	if (pc->serial_line)
		return parse_fail(pc, node, "<serial>: only one serial port (COM1) is supported; "
				  "the first is at line %d", pc->serial_line);
	pc->serial_line = node_line(node);
	if (check_attrs(pc, node, attrs) < 0 || check_pty(pc, node) < 0 ||
	    parse_children(pc, node, rules, DOMAIN_ARRAY_SIZE(rules)) < 0)
		return -1;
	pc->cfg->serial = true;
	return 0;
}

/*
 * libvirt: a console with target type 'serial' is not a device of its own but
 * serial port 0; given without a <serial>, it creates that port.
 */
int parse_console(struct parse_ctx *pc, xmlNode *node)
{
	static const char *const attrs[] = { "type", "tty", NULL };
	static const struct child_rule rules[] = {
		{ "source", parse_source, 0, NULL },
		{ "target", parse_console_target, 0, NULL },
	};

	if (pc->console_line)
		return parse_fail(pc, node, "<console>: only one console (serial port 0) is "
				  "supported; the first is at line %d", pc->console_line);
	pc->console_line = node_line(node);
	if (check_attrs(pc, node, attrs) < 0 || check_pty(pc, node) < 0 ||
	    parse_children(pc, node, rules, DOMAIN_ARRAY_SIZE(rules)) < 0)
		return -1;
	pc->cfg->serial = true;
	return 0;
}
