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

/*
 * Child partitions. An open file of /dev/bulkhead holds at most one
 * partition (BH_IOC_PARTITION_CREATE); closing the file destroys it, gives
 * its memory back to the root and unpins the pages. VPs are named by index.
 */
struct bh_ioc_partition_create {
	uint32_t max_vps;		/* in */
	uint32_t flags;			/* in: BH_PARTITION_* */
	uint64_t max_bytes;		/* in: most guest memory it will map */
	uint32_t partition_id;		/* out */
	uint32_t pad;
	uint64_t status;		/* out: hypercall status if the ioctl fails with EIO */
};
BH_ABI_ASSERT_SIZE(struct bh_ioc_partition_create, 32);

/* Maps the caller's memory [uaddr, uaddr + size) at guest-physical gpa (pinned until close). */
struct bh_ioc_map_memory {
	uint64_t uaddr;			/* page aligned */
	uint64_t size;			/* multiple of 4 KiB */
	uint64_t gpa;			/* page aligned */
	uint32_t flags;			/* BH_MAP_* */
	uint32_t pad;
	uint64_t status;		/* out */
};
BH_ABI_ASSERT_SIZE(struct bh_ioc_map_memory, 40);

struct bh_ioc_vp_state {
	uint32_t vp_index;		/* in */
	uint32_t pad;
	uint64_t status;		/* out */
	struct bh_vp_state state;	/* in (SET) or out (GET) */
};
BH_ABI_ASSERT_SIZE(struct bh_ioc_vp_state, 16 + sizeof(struct bh_vp_state));

/*
 * Runs the VP until an exit user space must handle. The module sleeps
 * through halts, host interrupts and waits for a SIPI; a signal makes it
 * return -EINTR (exit.reason NONE), with the completion not yet consumed.
 */
struct bh_ioc_vp_run {
	uint32_t vp_index;		/* in */
	uint32_t flags;			/* in: BH_RUN_* completing the previous exit */
	uint64_t value;			/* in: completion data */
	uint32_t cpuid[4];		/* in: CPUID completion */
	uint64_t status;		/* out */
	struct bh_vp_exit exit;		/* out */
};
BH_ABI_ASSERT_SIZE(struct bh_ioc_vp_run, 40 + sizeof(struct bh_vp_exit));

struct bh_ioc_intercepts {
	uint32_t kind;			/* enum bh_intercept_kind */
	uint32_t enable;
	uint32_t first;
	uint32_t count;
	uint64_t status;		/* out */
};
BH_ABI_ASSERT_SIZE(struct bh_ioc_intercepts, 24);

struct bh_ioc_interrupt {
	uint32_t dest;
	uint8_t vector;
	uint8_t delivery_mode;
	uint8_t dest_logical;
	uint8_t level_triggered;
	uint64_t status;		/* out */
};
BH_ABI_ASSERT_SIZE(struct bh_ioc_interrupt, 16);

struct bh_ioc_partition_info {
	uint64_t status;		/* out */
	struct bh_partition_info info;	/* out */
};
BH_ABI_ASSERT_SIZE(struct bh_ioc_partition_info, 8 + sizeof(struct bh_partition_info));

#define BH_IOC_GET_INFO      _IOR(BH_IOCTL_MAGIC, 0x00, struct bh_ioc_info)
#define BH_IOC_READ_LOG      _IOWR(BH_IOCTL_MAGIC, 0x01, struct bh_ioc_log)
#define BH_IOC_RAW_HYPERCALL _IOWR(BH_IOCTL_MAGIC, 0x02, struct bh_ioc_raw)
#define BH_IOC_PARTITION_CREATE _IOWR(BH_IOCTL_MAGIC, 0x10, struct bh_ioc_partition_create)
#define BH_IOC_MAP_MEMORY    _IOWR(BH_IOCTL_MAGIC, 0x11, struct bh_ioc_map_memory)
#define BH_IOC_VP_CREATE     _IOW(BH_IOCTL_MAGIC, 0x12, uint32_t)
#define BH_IOC_VP_GET_STATE  _IOWR(BH_IOCTL_MAGIC, 0x13, struct bh_ioc_vp_state)
#define BH_IOC_VP_SET_STATE  _IOWR(BH_IOCTL_MAGIC, 0x14, struct bh_ioc_vp_state)
#define BH_IOC_VP_RUN        _IOWR(BH_IOCTL_MAGIC, 0x15, struct bh_ioc_vp_run)
#define BH_IOC_SET_INTERCEPTS _IOWR(BH_IOCTL_MAGIC, 0x16, struct bh_ioc_intercepts)
#define BH_IOC_ASSERT_INTERRUPT _IOWR(BH_IOCTL_MAGIC, 0x17, struct bh_ioc_interrupt)
#define BH_IOC_PARTITION_INFO _IOR(BH_IOCTL_MAGIC, 0x18, struct bh_ioc_partition_info)
#define BH_IOC_VP_KICK       _IOW(BH_IOCTL_MAGIC, 0x19, uint32_t)

#endif
