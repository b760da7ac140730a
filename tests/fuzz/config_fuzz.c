// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for efi/config.c: any text either parses into a
 * configuration within every documented limit or is refused with a
 * terminated message naming the line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_string(const char *s, size_t cap, int must_be_set)
{
	size_t n = strnlen(s, cap);

	if (n == cap || (must_be_set && n == 0))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size copy: reading past 'size' is caught. */
	char *text = malloc(size ? size : 1);
	struct loader_config cfg;
	char err[CFG_ERROR_MAX];

	memcpy(text, data, size);
	memset(err, 0x7f, sizeof(err));
	int rc = config_parse(text, size, &cfg, err);
	if (rc == 0) {
		check_string(cfg.hv, sizeof(cfg.hv), 1);
		check_string(cfg.kernel, sizeof(cfg.kernel), 1);
		check_string(cfg.initrd, sizeof(cfg.initrd), 0);
		check_string(cfg.cmdline, sizeof(cfg.cmdline), 0);
		if (cfg.hv_memory < CFG_MIN_HV_MEMORY || cfg.hv_memory > (4ull << 30) ||
		    cfg.hv_memory % (2u << 20) || cfg.log_port > 0xfff8 ||
		    cfg.console_port > 0xfff8 || (cfg.verbose != 0 && cfg.verbose != 1) || err[0])
			abort();
	} else if (rc == -1) {
		check_string(err, sizeof(err), 1);
		if (strncmp(err, "line ", 5) && strcmp(err, "the configuration must name 'hv' and 'kernel'"))
			abort();
	} else {
		abort();
	}
	free(text);
	return 0;
}
