// SPDX-License-Identifier: GPL-2.0
/* hvctl info and hvctl log: the core's information and its log ring. */
#include "hvctl.h"
#include "../lib/bhdev.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define LOG_FOLLOW_INTERVAL_US 200000

static const char *virt_name(uint32_t virt)
{
	switch (virt) {
	case BH_VIRT_SVM: return "svm";
	case BH_VIRT_VMX: return "vmx";
	default:          return "unknown";
	}
}

static int info_run(int argc, char **argv)
{
	struct bh_hv_info info;
	uint64_t status = 0;
	int fd;

	if (argc > 1)
		return hvctl_usage(&cmd_info, "unexpected argument '%s'", argv[1]);
	fd = hvctl_open_device();
	if (fd < 0)
		return HVCTL_FAIL;
	if (bhdev_info(fd, &info, &status)) {
		close(fd);
		return errno && !status ? hvctl_fail("GET_INFO failed: %s", strerror(errno))
					: hvctl_fail("GET_INFO failed: %s", bhdev_status_name(status));
	}
	close(fd);
	info.version[sizeof(info.version) - 1] = 0;
	info.cpu_vendor[sizeof(info.cpu_vendor) - 1] = 0;
	printf("version: %s\n", info.version);
	printf("abi_version: %u\n", info.abi_version);
	printf("cpu_vendor: %s\n", info.cpu_vendor);
	printf("virtualization: %s\n", virt_name(info.virt));
	printf("logical_processors: %u\n", info.logical_processors);
	printf("hv_memory: 0x%llx-0x%llx\n", (unsigned long long)info.hv_mem_start,
	       (unsigned long long)info.hv_mem_end);
	printf("total_pages: %llu\n", (unsigned long long)info.total_pages);
	printf("free_pages: %llu\n", (unsigned long long)info.free_pages);
	printf("tsc_khz: %llu\n", (unsigned long long)info.tsc_khz);
	printf("svm_features: 0x%llx\n", (unsigned long long)info.svm_features);
	printf("log_bytes: %llu\n", (unsigned long long)info.log_bytes);
	printf("boot_tsc: loader_entry=%llu loader_exit=%llu core_entry=%llu root_entry=%llu\n",
	       (unsigned long long)info.boot_tsc.loader_entry,
	       (unsigned long long)info.boot_tsc.loader_exit,
	       (unsigned long long)info.boot_tsc.core_entry,
	       (unsigned long long)info.boot_tsc.root_entry);
	return HVCTL_OK;
}

const struct hvctl_cmd cmd_info = {
	"info", "", "show the hypervisor core's information",
	"Prints one 'key: value' per line: version, abi_version, cpu_vendor,\n"
	"virtualization, logical_processors, hv_memory (the physical range the core\n"
	"keeps for itself, inclusive), total_pages and free_pages (the core's page\n"
	"allocator), tsc_khz, svm_features, log_bytes and the boot time stamps.\n",
	info_run,
};

static int log_run(int argc, char **argv)
{
	struct bh_log_read_out out;
	uint64_t offset = 0, status = 0;
	int follow = 0, opt, fd;

	optind = 1;
	while ((opt = getopt(argc, argv, "f")) != -1) {
		if (opt != 'f')
			return hvctl_usage(&cmd_log, "unknown option");
		follow = 1;
	}
	if (optind < argc)
		return hvctl_usage(&cmd_log, "unexpected argument '%s'", argv[optind]);
	fd = hvctl_open_device();
	if (fd < 0)
		return HVCTL_FAIL;
	for (;;) {
		if (bhdev_read_log(fd, offset, &out, &status)) {
			close(fd);
			return status ? hvctl_fail("READ_LOG failed: %s", bhdev_status_name(status))
				      : hvctl_fail("READ_LOG failed: %s", strerror(errno));
		}
		if (out.lost)
			printf("[... %llu bytes of older log overwritten ...]\n",
			       (unsigned long long)out.lost);
		fwrite(out.data, 1, out.len, stdout);
		offset = out.next_offset;
		if (out.len)
			continue;
		if (!follow)
			break;
		fflush(stdout);
		usleep(LOG_FOLLOW_INTERVAL_US);
	}
	close(fd);
	return HVCTL_OK;
}

const struct hvctl_cmd cmd_log = {
	"log", "[-f]", "print the hypervisor core's log",
	"Prints the core's log ring buffer from its oldest byte still kept.\n"
	"  -f   keep printing new lines as the core logs them (like tail -f)\n",
	log_run,
};
