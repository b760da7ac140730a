/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The loader's plain-text configuration (efi/config.c), documented in
 * docs/boot-protocol.md: one "key=value" per line, '#' starts a comment.
 */
#ifndef EFI_CONFIG_H
#define EFI_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#define CFG_PATH_MAX    128
#define CFG_CMDLINE_MAX 2048
#define CFG_ERROR_MAX   160

#define CFG_DEFAULT_HV_MEMORY (64ull << 20)
#define CFG_MIN_HV_MEMORY     (16ull << 20)
#define CFG_DEFAULT_LOG_PORT  0x2F8	/* COM2 */
#define CFG_DEFAULT_CONSOLE_PORT 0x3F8	/* COM1 */

struct loader_config {
	char hv[CFG_PATH_MAX];		/* core ELF image */
	char kernel[CFG_PATH_MAX];	/* root bzImage */
	char initrd[CFG_PATH_MAX];	/* root initrd; empty: none */
	char cmdline[CFG_CMDLINE_MAX];	/* root kernel command line */
	uint64_t hv_memory;		/* bytes kept by the core, multiple of 2 MiB */
	uint16_t log_port;		/* 0: no log UART */
	uint16_t console_port;
	int verbose;
};

/*
 * Parses 'len' bytes of configuration text into 'cfg' (defaults first).
 * Returns 0, or -1 with a message naming the line in 'err'.
 */
int config_parse(const char *text, size_t len, struct loader_config *cfg,
		 char err[CFG_ERROR_MAX]);

#endif
