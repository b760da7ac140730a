// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl hypercall: issue one raw hypercall, for diagnostics and tests of
 * the core's argument checks. Needs CAP_SYS_RAWIO.
 */
#include "hvctl.h"
#include "../lib/bhdev.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int parse_u64(const char *s, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return errno || !*s || *end ? -1 : 0;
}

static int hypercall_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "rdx", required_argument, 0, 'd' },
		{ "r8", required_argument, 0, '8' },
		{ "pages", no_argument, 0, 'p' },
		{ "in-offset", required_argument, 0, 'o' },
		{ 0, 0, 0, 0 },
	};
	struct bh_ioc_raw raw;
	uint64_t v;
	int opt, fd;

	memset(&raw, 0, sizeof(raw));
	optind = 1;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'd':
			if (parse_u64(optarg, &raw.rdx))
				return hvctl_usage(&cmd_hypercall, "bad --rdx value '%s'", optarg);
			break;
		case '8':
			if (parse_u64(optarg, &raw.r8))
				return hvctl_usage(&cmd_hypercall, "bad --r8 value '%s'", optarg);
			break;
		case 'p':
			raw.flags |= BH_RAW_USE_PAGES;
			break;
		case 'o':
			if (parse_u64(optarg, &v) || v > 4096 - BH_RAW_DATA_MAX)
				return hvctl_usage(&cmd_hypercall, "bad --in-offset '%s'", optarg);
			raw.in_offset = (uint32_t)v;
			break;
		default:
			return hvctl_usage(&cmd_hypercall, "unknown option");
		}
	}
	if (optind != argc - 1 || parse_u64(argv[optind], &raw.control))
		return hvctl_usage(&cmd_hypercall, "expected one CONTROL value");
	fd = hvctl_open_device();
	if (fd < 0)
		return HVCTL_FAIL;
	if (bhdev_raw(fd, &raw) < 0) {
		int e = errno;
		close(fd);
		return hvctl_fail("hypercall ioctl failed: %s", strerror(e));
	}
	close(fd);
	uint64_t status = raw.result & BH_HC_STATUS_MASK;
	printf("status: %s (0x%llx)\n", bhdev_status_name(status), (unsigned long long)status);
	printf("result: 0x%llx\n", (unsigned long long)raw.result);
	return status == BH_STATUS_SUCCESS ? HVCTL_OK : HVCTL_FAIL;
}

const struct hvctl_cmd cmd_hypercall = {
	"hypercall", "[--rdx GPA] [--r8 GPA] [--pages [--in-offset N]] CONTROL",
	"issue one raw hypercall (diagnostics)",
	"Issues the hypercall whose control word (RCX) is CONTROL and prints the\n"
	"status the core returned. By default RDX and R8 carry the given values\n"
	"unchanged, so bad addresses reach the core as they are; with --pages the\n"
	"module passes its own input page (at byte --in-offset) and output page.\n"
	"Exits 0 only on SUCCESS. Needs CAP_SYS_RAWIO.\n",
	hypercall_run,
};
