// SPDX-License-Identifier: GPL-2.0
/* libxml2 behind the domain parser: a quiet, offline, DTD-free read, and checked access to elements, attributes, text. */
#include "domain_internal.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

/*
 * No network, no entity substitution, no DTD loading, no huge-document
 * relaxations; libxml2 never prints (errors come to read_error). NOCDATA
 * merges CDATA into text; BIG_LINES keeps line numbers past 65535.
 */
#define XML_READ_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | \
			  XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES)

struct read_state {
	bool failed;
	int line;
	char message[160];
	int dtd_line;			/* > 0: a <!DOCTYPE> was seen (and parsing stopped) */
};

#if LIBXML_VERSION >= 21200
#define XML_ERROR_ARG const xmlError *
#else
#define XML_ERROR_ARG xmlErrorPtr
#endif

/* Keeps the first error; libxml2 calls this with its parser context as 'data'. */
static void read_error(void *data, XML_ERROR_ARG e)
{
	xmlParserCtxtPtr ctxt = data;
	struct read_state *st = ctxt ? ctxt->_private : NULL;
	size_t n;

	if (!st || st->failed || !e || e->level < XML_ERR_ERROR)
		return;
	st->failed = true;
	st->line = e->line > 0 ? e->line : 0;
	snprintf(st->message, sizeof(st->message), "%s", e->message ? e->message : "parse error");
	/* Some messages span lines ("...encoding !\nBytes: 0xFF ..."): keep ours on one. */
	for (char *p = st->message; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = ' ';
	n = strlen(st->message);
	while (n && st->message[n - 1] == ' ')
		st->message[--n] = 0;
}

static void silent_generic_error(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

/* A DTD could declare entities (billion laughs, XXE): stop before any declaration is read. */
static void refuse_dtd(void *data, const xmlChar *name, const xmlChar *external_id,
		       const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = data;
	struct read_state *st = ctxt->_private;

	(void)name;
	(void)external_id;
	(void)system_id;
	st->dtd_line = ctxt->input && ctxt->input->line > 0 ? ctxt->input->line : 1;
	xmlStopParser(ctxt);
}

static xmlDoc *read_with(xmlParserCtxtPtr ctxt, struct read_state *st, const char *buf, int len,
			 const char *name)
{
	xmlGenericErrorFunc old_generic = xmlGenericError;
	void *old_generic_ctx = xmlGenericErrorContext;
	xmlStructuredErrorFunc old_structured = xmlStructuredError;
	void *old_structured_ctx = xmlStructuredErrorContext;
	xmlDoc *doc;

	ctxt->_private = st;
	ctxt->sax->initialized = XML_SAX2_MAGIC;
	ctxt->sax->serror = read_error;
	ctxt->sax->internalSubset = refuse_dtd;
	ctxt->sax->externalSubset = NULL;
	/* Some libxml2 paths report through the per-thread globals instead: catch those too. */
	xmlSetGenericErrorFunc(NULL, silent_generic_error);
	xmlSetStructuredErrorFunc(ctxt, read_error);
	doc = xmlCtxtReadMemory(ctxt, buf, len, name, NULL, XML_READ_OPTIONS);
	xmlSetStructuredErrorFunc(old_structured_ctx, old_structured);
	xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
	return doc;
}

xmlDoc *domain_xml_read(struct parse_ctx *pc, const char *buf, size_t len)
{
	struct read_state st = { 0 };
	xmlParserCtxtPtr ctxt;
	xmlDoc *doc;

	if (len > DOMAIN_XML_MAX) {
		parse_fail(pc, NULL, "larger than %u bytes", DOMAIN_XML_MAX);
		return NULL;
	}
	if (len == 0) {
		parse_fail(pc, NULL, "empty document");
		return NULL;
	}
	xmlInitParser();
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		parse_fail(pc, NULL, "out of memory");
		return NULL;
	}
	doc = read_with(ctxt, &st, buf, (int)len, pc->file);
	xmlFreeParserCtxt(ctxt);
	if (st.dtd_line)
		parse_fail_at(pc, st.dtd_line, "<!DOCTYPE>: DTDs are not accepted "
			      "(no entities, no external files)");
	else if (st.failed || !doc || !xmlDocGetRootElement(doc))
		parse_fail_at(pc, st.line, "malformed XML: %s",
			      st.failed ? st.message : "no root element");
	else
		return doc;
	xmlFreeDoc(doc);
	return NULL;
}

int node_line(const xmlNode *node)
{
	long line = node ? xmlGetLineNo(node) : 0;

	return line < 0 ? 0 : line > INT_MAX ? INT_MAX : (int)line;
}

/* Long messages are cut at the size of domain_error.message: the prefix always survives. */
static int vfail(struct parse_ctx *pc, int line, const char *fmt, va_list ap)
{
	char *msg = pc->err->message;
	size_t size = sizeof(pc->err->message);
	int n;

	pc->err->line = line;
	if (line > 0)
		n = snprintf(msg, size, "%s:%d: ", pc->file, line);
	else
		n = snprintf(msg, size, "%s: ", pc->file);
	if (n >= 0 && (size_t)n < size)
		vsnprintf(msg + n, size - (size_t)n, fmt, ap);
	return -1;
}

int parse_fail_at(struct parse_ctx *pc, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(pc, line, fmt, ap);
	va_end(ap);
	return -1;
}

int parse_fail(struct parse_ctx *pc, const xmlNode *node, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(pc, node_line(node), fmt, ap);
	va_end(ap);
	return -1;
}

const char *show(char buf[SHOW_MAX], const char *s)
{
	const size_t keep = SHOW_MAX - 4;	/* room for "..." and the NUL */
	size_t len = strlen(s), n = len;

	if (len > keep) {
		n = keep;
		while (n && ((unsigned char)s[n] & 0xc0) == 0x80)	/* never split a UTF-8 sequence */
			n--;
	}
	for (size_t i = 0; i < n; i++)
		buf[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
	strcpy(buf + n, n < len ? "..." : "");
	return buf;
}

static bool is_blank(const xmlChar *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

static bool has_control_char(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

/* Element-only content: blank text, comments and processing instructions are the only non-elements allowed. */
static int check_child_node(struct parse_ctx *pc, xmlNode *parent, xmlNode *c)
{
	char b[SHOW_MAX];

	switch (c->type) {
	case XML_ELEMENT_NODE:
	case XML_COMMENT_NODE:
	case XML_PI_NODE:
		return 0;
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		if (is_blank(c->content))
			return 0;
		return parse_fail(pc, c, "<%s>: unexpected text '%s'", parent->name,
				  show(b, (const char *)c->content + strspn((const char *)c->content,
									    " \t\r\n")));
	default:
		return parse_fail(pc, c, "<%s>: unexpected content", parent->name);
	}
}

static int unknown_element(struct parse_ctx *pc, xmlNode *parent, xmlNode *c)
{
	char b[SHOW_MAX];

	if (c->ns && c->ns->prefix)
		return parse_fail(pc, c, "unknown element <%s:%s> in <%s>",
				  show(b, (const char *)c->ns->prefix), c->name, parent->name);
	if (c->ns)
		return parse_fail(pc, c, "unknown element <%s> (in namespace '%s') in <%s>",
				  c->name, show(b, (const char *)c->ns->href), parent->name);
	return parse_fail(pc, c, "unknown element <%s> in <%s>", show(b, (const char *)c->name),
			  parent->name);
}

int parse_children(struct parse_ctx *pc, xmlNode *parent, const struct child_rule *rules,
		   size_t nrules)
{
	uint32_t seen = 0;
	size_t i;

	for (xmlNode *c = parent->children; c; c = c->next) {
		if (check_child_node(pc, parent, c) < 0)
			return -1;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		for (i = 0; i < nrules; i++)
			if (!c->ns && !strcmp((const char *)c->name, rules[i].name))
				break;
		if (i == nrules)
			return unknown_element(pc, parent, c);
		if (rules[i].refusal)
			return parse_fail(pc, c, "<%s>: %s", c->name, rules[i].refusal);
		if ((seen & (1U << i)) && !(rules[i].flags & CHILD_REPEAT))
			return parse_fail(pc, c, "<%s>: given twice in <%s>", c->name, parent->name);
		seen |= 1U << i;
		if (rules[i].parse(pc, c) < 0)
			return -1;
	}
	for (i = 0; i < nrules; i++)
		if ((rules[i].flags & CHILD_REQUIRED) && !(seen & (1U << i)))
			return parse_fail(pc, parent, "<%s>: missing <%s>", parent->name, rules[i].name);
	return 0;
}

int check_attrs(struct parse_ctx *pc, xmlNode *node, const char *const *allowed)
{
	char b[SHOW_MAX];

	for (xmlAttr *a = node->properties; a; a = a->next) {
		const char *const *p = allowed;

		if (a->ns)
			return parse_fail(pc, node, "<%s>: unknown attribute '%s:%s'", node->name,
					  show(b, (const char *)a->ns->prefix), a->name);
		while (*p && strcmp(*p, (const char *)a->name))
			p++;
		if (!*p)
			return parse_fail(pc, node, "<%s>: unknown attribute '%s'", node->name,
					  show(b, (const char *)a->name));
	}
	return 0;
}

int expect_empty(struct parse_ctx *pc, xmlNode *node)
{
	for (xmlNode *c = node->children; c; c = c->next) {
		if (check_child_node(pc, node, c) < 0)
			return -1;
		if (c->type == XML_ELEMENT_NODE)
			return unknown_element(pc, node, c);
	}
	return 0;
}

int get_text(struct parse_ctx *pc, xmlNode *node, char *out, size_t size)
{
	char *text, *start, *end;
	size_t len;
	char b[SHOW_MAX];
	int ret = 0;

	for (xmlNode *c = node->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return unknown_element(pc, node, c);
		else if (c->type == XML_ENTITY_REF_NODE)
			return parse_fail(pc, node, "<%s>: entity references are not accepted", node->name);
	text = (char *)xmlNodeGetContent(node);
	if (!text)
		return parse_fail(pc, node, "<%s>: out of memory", node->name);
	for (start = text; *start == ' ' || *start == '\t' || *start == '\n' || *start == '\r'; start++)
		;
	end = start + strlen(start);
	while (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		end--;
	*end = 0;
	len = (size_t)(end - start);
	if (len >= size)
		ret = parse_fail(pc, node, "<%s>: '%s' is longer than %zu bytes", node->name,
				 show(b, start), size - 1);
	else if (has_control_char(start))
		ret = parse_fail(pc, node, "<%s>: '%s' contains a line break or control character",
				 node->name, show(b, start));
	else
		memcpy(out, start, len + 1);
	xmlFree(text);
	return ret;
}

int get_attr(struct parse_ctx *pc, xmlNode *node, const char *name, char *out, size_t size)
{
	char *value = (char *)xmlGetNoNsProp(node, (const xmlChar *)name);
	char b[SHOW_MAX];
	int ret = 1;

	if (!value)
		return 0;
	if (strlen(value) >= size)
		ret = parse_fail(pc, node, "<%s %s='%s'>: longer than %zu bytes", node->name, name,
				 show(b, value), size - 1);
	else if (has_control_char(value))
		ret = parse_fail(pc, node, "<%s %s='%s'>: contains a control character", node->name,
				 name, show(b, value));
	else
		strcpy(out, value);
	xmlFree(value);
	return ret;
}

int get_attr_token(struct parse_ctx *pc, xmlNode *node, const char *name,
		   const char *const *names, int first, int n, int *out)
{
	char value[32], b[SHOW_MAX], list[160] = "";
	int r = get_attr(pc, node, name, value, sizeof(value)), i;

	if (r <= 0)
		return r;
	i = domain_lookup(names, first, n, value);
	if (i >= 0) {
		*out = i;
		return 1;
	}
	for (int k = first; k < n; k++)
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s'%s'",
			 k == first ? "" : k == n - 1 ? " or " : ", ", names[k]);
	return parse_fail(pc, node, "<%s %s='%s'>: expected %s", node->name, name, show(b, value),
			  list);
}

int get_state(struct parse_ctx *pc, xmlNode *node, bool *on)
{
	static const char *const states[] = { "off", "on" };
	int state;
	int r = get_attr_token(pc, node, "state", states, 0, 2, &state);

	if (r == 0)
		return parse_fail(pc, node, "<%s>: missing attribute state='on|off'", node->name);
	if (r < 0)
		return -1;
	*on = state == 1;
	return 0;
}
