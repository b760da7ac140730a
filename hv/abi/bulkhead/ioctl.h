/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * ioctl interface of /dev/bulkhead, the root partition's hypercall bridge.
 * The contract is docs/hypercall-abi.md, section "Root interface".
 */
#ifndef BULKHEAD_IOCTL_H
#define BULKHEAD_IOCTL_H

#include <bulkhead/abi_types.h>
#include <bulkhead/hypercall.h>

#ifdef __KERNEL__
#include <linux/ioctl.h>
#else
#include <sys/ioctl.h>
#endif

#define BH_DEVICE_PATH "/dev/bulkhead"
#define BH_IOCTL_MAGIC 0xB4

/* BH_IOC_GET_INFO: the core's information (BH_HC_GET_INFO). */
struct bh_ioc_info {
	uint64_t status;		/* out: enum bh_status of the hypercall */
	struct bh_hv_info info;		/* out */
};
BH_ABI_ASSERT_SIZE(struct bh_ioc_info, 264);

/* BH_IOC_READ_LOG: one page of the core's log (BH_HC_READ_LOG). */
struct bh_ioc_log {
	uint64_t offset;		/* in: log position to read from */
	uint64_t status;		/* out */
	struct bh_log_read_out out;	/* out */
};
BH_ABI_ASSERT_SIZE(struct bh_ioc_log, 16 + BH_HC_PAGE_SIZE);

/*
 * BH_IOC_RAW_HYPERCALL: issue a hypercall exactly as given, for tests and
 * diagnostics (needs CAP_SYS_RAWIO). With BH_RAW_USE_PAGES the module passes
 * its own input/output pages, filled from/copied to 'in'/'out'; otherwise
 * RDX and R8 carry 'rdx' and 'r8' unchanged, so the core's checks of bad
 * addresses can be exercised.
 */
#define BH_RAW_USE_PAGES (1u << 0)
#define BH_RAW_DATA_MAX  256

struct bh_ioc_raw {
	uint64_t control;		/* in: RCX */
	uint64_t rdx;			/* in: RDX unless BH_RAW_USE_PAGES */
	uint64_t r8;			/* in: R8 unless BH_RAW_USE_PAGES */
	uint32_t flags;			/* in: BH_RAW_* */
	uint32_t in_offset;		/* in: byte offset of the input inside the module's page */
	uint64_t result;		/* out: RAX */
	uint8_t in[BH_RAW_DATA_MAX];	/* in: copied to the input page at in_offset */
	uint8_t out[BH_RAW_DATA_MAX];	/* out: start of the output page */
};
BH_ABI_ASSERT_SIZE(struct bh_ioc_raw, 40 + 2 * BH_RAW_DATA_MAX);

#define BH_IOC_GET_INFO      _IOR(BH_IOCTL_MAGIC, 0x00, struct bh_ioc_info)
#define BH_IOC_READ_LOG      _IOWR(BH_IOCTL_MAGIC, 0x01, struct bh_ioc_log)
#define BH_IOC_RAW_HYPERCALL _IOWR(BH_IOCTL_MAGIC, 0x02, struct bh_ioc_raw)

#endif
