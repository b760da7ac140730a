/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the domain XML tests: a minimal document with known line numbers, and checked parse helpers. */
#ifndef DOMAIN_CASES_H
#define DOMAIN_CASES_H

#include "test.h"
#include "domain.h"

/*
 * The required elements, one per line (lines 1-7): whatever a test appends
 * starts on line 8. HEAD_NO_MEMORY is the same less <memory> (lines 1-6).
 */
#define HEAD_NO_MEMORY                                \
	"<domain type='bulkhead'>\n"                  \
	"  <name>t</name>\n"                          \
	"  <os>\n"                                    \
	"    <type>hvm</type>\n"                      \
	"    <kernel>/boot/vmlinuz</kernel>\n"        \
	"  </os>\n"
#define HEAD HEAD_NO_MEMORY "  <memory unit='MiB'>64</memory>\n"
#define TAIL "</domain>\n"
#define FIRST_LINE 8

#define TEST_FILE "t.xml"

static struct domain_error last_err;

/* Parses 'xml' (a C string) and fails the test on an error. */
static inline void parse_ok(const char *xml, struct domain_config *cfg)
{
	if (domain_parse_buffer(xml, strlen(xml), TEST_FILE, cfg, &last_err) != 0)
		TEST_FAIL("unexpected parse error: %s", last_err.message);
}

/* Parses 'xml' and checks it fails on 'line' with 'fragment' in a "t.xml:LINE: ..." message. */
static inline void parse_err_n(const char *xml, size_t len, int line, const char *fragment)
{
	struct domain_config cfg;
	char prefix[32];

	if (domain_parse_buffer(xml, len, TEST_FILE, &cfg, &last_err) == 0)
		TEST_FAIL("parsed, expected an error with '%s'", fragment);
	if (line > 0)
		snprintf(prefix, sizeof(prefix), TEST_FILE ":%d: ", line);
	else
		snprintf(prefix, sizeof(prefix), TEST_FILE ": ");
	if (last_err.line != line || strncmp(last_err.message, prefix, strlen(prefix)) != 0)
		TEST_FAIL("expected line %d, got %d: %s", line, last_err.line, last_err.message);
	if (!strstr(last_err.message, fragment))
		TEST_FAIL("expected '%s' in: %s", fragment, last_err.message);
}

static inline void parse_err(const char *xml, int line, const char *fragment)
{
	parse_err_n(xml, strlen(xml), line, fragment);
}

/* One test per error case: the body goes between HEAD and TAIL. */
#define ERR_CASE(name, line, fragment, body)                  \
	TEST(name)                                            \
	{                                                     \
		parse_err(HEAD body TAIL, line, fragment);    \
	}

/* One test per error case with the whole document given. */
#define ERR_DOC(name, line, fragment, doc)                    \
	TEST(name)                                            \
	{                                                     \
		parse_err(doc, line, fragment);               \
	}

#endif
