/* SPDX-License-Identifier: GPL-2.0 */
/* What the domain XML parser's files share: the parse context, child-element tables, value helpers. */
#ifndef DOMAIN_INTERNAL_H
#define DOMAIN_INTERNAL_H

#include "domain.h"

#include <libxml/tree.h>

/* Spellings indexed by their enums (domain_util.c). */
extern const char *const domain_action_names[DOMAIN_ACTION_NR];
extern const char *const domain_hv_feature_names[DOMAIN_HV_NR];
extern const char *const domain_timer_names[DOMAIN_TIMER_NR];
extern const char *const domain_present_names[3];
extern const char *const domain_tickpolicy_names[5];
extern const char *const domain_track_names[5];
extern const char *const domain_clock_offset_names[2];
extern const char *const domain_hyperv_mode_names[2];

#define DOMAIN_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define DOMAIN_STR_(x)		#x
#define DOMAIN_STR(x)		DOMAIN_STR_(x)		/* a plain-number constant as a string */

struct parse_ctx {
	const char *file;			/* for messages */
	struct domain_config *cfg;
	struct domain_error *err;
	int hv_line[DOMAIN_HV_NR];		/* where each Hyper-V feature was set, for dependency errors */
	int current_memory_line;		/* where <currentMemory> was, 0 if absent */
	int serial_line, console_line;		/* where <serial> and <console> were, 0 if absent */
};

/* One permitted child element. A 'refusal' names a libvirt element we know but do not take. */
#define CHILD_REQUIRED	0x1U
#define CHILD_REPEAT	0x2U
struct child_rule {
	const char *name;
	int (*parse)(struct parse_ctx *pc, xmlNode *node);
	unsigned int flags;
	const char *refusal;
};

/*
 * Runs the rule for each element child of 'parent' (at most 32 rules; element-only content:
 * stray text, unknown, namespaced or repeated elements are errors), then
 * checks the required ones were there. Returns 0 or -1.
 */
int parse_children(struct parse_ctx *pc, xmlNode *parent, const struct child_rule *rules,
		   size_t nrules);

/* Parses 'len' bytes with libxml2 (see domain_xml.c for the options); NULL with pc->err filled on failure. */
xmlDoc *domain_xml_read(struct parse_ctx *pc, const char *buf, size_t len);

/* Records "file:line: <message>" for 'node' (NULL: the whole file); always returns -1. */
int parse_fail(struct parse_ctx *pc, const xmlNode *node, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same for a line number (0: the whole file). */
int parse_fail_at(struct parse_ctx *pc, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Fails on any attribute of 'node' not in the NULL-terminated 'allowed'. */
int check_attrs(struct parse_ctx *pc, xmlNode *node, const char *const *allowed);
/* Fails unless 'node' has no child elements and no text but white space. */
int expect_empty(struct parse_ctx *pc, xmlNode *node);
/*
 * Copies the text of 'node', white space trimmed, into 'out'; fails on child
 * elements, control characters, or overflow.
 */
int get_text(struct parse_ctx *pc, xmlNode *node, char *out, size_t size);
/* Copies attribute 'name' into 'out'. Returns 1, 0 when absent, or -1 (too long). */
int get_attr(struct parse_ctx *pc, xmlNode *node, const char *name, char *out, size_t size);
/*
 * Looks attribute 'name' up in names[first..n-1] and stores the index.
 * Returns 1, 0 when absent (*out untouched), or -1 for a value not in the list.
 */
int get_attr_token(struct parse_ctx *pc, xmlNode *node, const char *name,
		   const char *const *names, int first, int n, int *out);
/* get_attr_token for state='on|off', which must be present. Returns 0 or -1. */
int get_state(struct parse_ctx *pc, xmlNode *node, bool *on);

/* Renders 's' for a message: at most a few dozen characters, non-printables as '?'. */
#define SHOW_MAX 48
const char *show(char buf[SHOW_MAX], const char *s);
int node_line(const xmlNode *node);

/* Index of 's' in names[first..n-1], or -1. */
int domain_lookup(const char *const *names, int first, int n, const char *s);
/* Decimal digits only, no sign, no white space. Returns 0, -1 (not a number) or -2 (overflow). */
int domain_parse_u64(const char *s, uint64_t *out);
/* libvirt's memory units; "" is refused (absent means KiB). Returns 0 or -1. */
int domain_unit_scale(const char *unit, uint64_t *scale);
/* 8-4-4-4-12 or 32 hex digits; the nil UUID is refused. Returns 0 or -1. */
int domain_uuid_parse(const char *s, uint8_t uuid[DOMAIN_UUID_LEN]);
/* A random RFC 4122 version 4 UUID from getrandom(). Returns 0 or -1 (errno set). */
int domain_uuid_generate(uint8_t uuid[DOMAIN_UUID_LEN]);
/* NULL if 'name' is a valid domain name, else why not. */
const char *domain_name_problem(const char *name);

/* Element handlers in domain_features.c and domain_devices.c. */
int parse_features(struct parse_ctx *pc, xmlNode *node);
int parse_clock(struct parse_ctx *pc, xmlNode *node);
int parse_serial(struct parse_ctx *pc, xmlNode *node);
int parse_console(struct parse_ctx *pc, xmlNode *node);

#endif
