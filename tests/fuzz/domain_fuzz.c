// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the domain XML library: arbitrary bytes as a domain
 * XML file (hvctl create reads whatever the user gives it). A refusal must
 * come with a complete "name:..." message; an accepted document must format
 * to XML that parses back to an equal configuration and formats identically.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "domain.h"

#define NAME "fuzz.xml"

static void check(int cond)
{
	if (!cond)
		abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	xmlInitParser();
	return 0;
}

static void check_round_trip(const struct domain_config *cfg, const struct domain_runtime *rt)
{
	struct domain_config again;
	struct domain_error err;
	char *xml = domain_format_xml_alloc(cfg, rt), *xml2;

	check(xml != NULL);
	check(domain_parse_buffer(xml, strlen(xml), "formatted.xml", &again, &err) == 0);
	check(domain_config_equal(cfg, &again));
	xml2 = domain_format_xml_alloc(&again, rt);
	check(xml2 != NULL && strcmp(xml, xml2) == 0);
	free(xml);
	free(xml2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct domain_runtime rt = { 42, "/dev/pts/3" };
	struct domain_config cfg;
	struct domain_error err;

	memset(&err, 0x55, sizeof(err));	/* a parse must fill it, never leave it stale */
	if (domain_parse_buffer((const char *)data, size, NAME, &cfg, &err) != 0) {
		check(memchr(err.message, 0, sizeof(err.message)) != NULL);
		check(strncmp(err.message, NAME ":", strlen(NAME ":")) == 0);
		for (const char *p = err.message; *p; p++)	/* one line, ready to print */
			check((unsigned char)*p >= 0x20);
		check(err.line >= 0);
		return 0;
	}
	check(cfg.vcpus >= 1 && cfg.vcpus <= DOMAIN_VCPUS_MAX);
	check(cfg.memory >= DOMAIN_MEMORY_MIN && cfg.memory <= DOMAIN_MEMORY_MAX);
	check(cfg.current_memory >= DOMAIN_MEMORY_MIN && cfg.current_memory <= cfg.memory);
	check(cfg.os.kernel[0] == '/');
	check_round_trip(&cfg, NULL);
	check_round_trip(&cfg, &rt);
	return 0;
}
