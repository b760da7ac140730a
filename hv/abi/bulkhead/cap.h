/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Capability ABI: object types, rights, error codes and the capability
 * description a hypercall returns. The contract is docs/capabilities.md.
 *
 * Shared by the core, the root's kernel module, hvctl and tests; this is the
 * one definition of capability types and rights.
 */
#ifndef BULKHEAD_CAP_H
#define BULKHEAD_CAP_H

#include <bulkhead/abi_types.h>

#define BH_CAP_ABI_VERSION 1

/* Object types. A slot whose type is BH_CAP_NULL is empty. */
enum bh_cap_type {
	BH_CAP_NULL       = 0,
	BH_CAP_UNTYPED    = 1,	/* physical pages a holder may retype */
	BH_CAP_FRAME      = 2,	/* 1..BH_CAP_FRAME_MAX_PAGES contiguous pages */
	BH_CAP_PARTITION  = 3,
	BH_CAP_VP         = 4,	/* virtual processor */
	BH_CAP_MSG_PORT   = 5,	/* SynIC message connection */
	BH_CAP_EVENT_PORT = 6,	/* SynIC event connection */
	BH_CAP_CONTROL    = 7,	/* the root's authority to create partitions */
	BH_CAP_NTYPES
};

/*
 * Rights. What each right allows depends on the object type (table in
 * docs/capabilities.md); GRANT is the right to derive (copy or mint).
 */
#define BH_CAP_RIGHT_READ   0x1u
#define BH_CAP_RIGHT_WRITE  0x2u
#define BH_CAP_RIGHT_EXEC   0x4u
#define BH_CAP_RIGHT_GRANT  0x8u
#define BH_CAP_RIGHTS_ALL   0xfu
#define BH_CAP_RIGHTS_MAP   (BH_CAP_RIGHT_READ | BH_CAP_RIGHT_WRITE | BH_CAP_RIGHT_EXEC)

/* Memory objects are counted in pages of this size. */
#define BH_CAP_PAGE_SHIFT 12
#define BH_CAP_PAGE_SIZE  (1ull << BH_CAP_PAGE_SHIFT)

/* Largest frame: 1 GiB, so one retype checks at most 4,096 bitmap words. */
#define BH_CAP_FRAME_MAX_PAGES (1ull << 18)

/* Untyped retyped from untyped: at most this many levels below a boot untyped. */
#define BH_CAP_UNTYPED_MAX_DEPTH 3

/* Largest CSpace: 2^24 slots. A CPtr is resolved with depth == its bits. */
#define BH_CAP_CSPACE_MAX_BITS 24

/* Badge 0 means "no badge". */
#define BH_CAP_BADGE_NONE 0

/*
 * Why a capability operation failed. The hypercall layer maps these to its
 * status codes; docs/capabilities.md has the suggested table.
 */
enum bh_cap_error {
	BH_CAP_OK             = 0,
	BH_CAP_ERR_DEPTH      = 1,	/* depth is not the CSpace's number of bits */
	BH_CAP_ERR_CPTR       = 2,	/* CPtr has bits set above depth */
	BH_CAP_ERR_EMPTY      = 3,	/* the slot holds no capability */
	BH_CAP_ERR_TYPE       = 4,	/* the capability has another type */
	BH_CAP_ERR_RIGHTS     = 5,	/* the capability lacks a needed right */
	BH_CAP_ERR_SLOT_FULL  = 6,	/* destination slot is not empty */
	BH_CAP_ERR_ARG        = 7,	/* malformed argument (unknown bits, zero size, misalignment) */
	BH_CAP_ERR_RANGE      = 8,	/* range outside the untyped, too large, or wrapping */
	BH_CAP_ERR_OVERLAP    = 9,	/* some page of the range is already retyped */
	BH_CAP_ERR_BADGE      = 10,	/* badge on a type without badges, or rebadging */
	BH_CAP_ERR_MAPPED     = 11,	/* the frame capability is already mapped */
	BH_CAP_ERR_NOT_MAPPED = 12,	/* the frame capability is not mapped */
	BH_CAP_ERR_NO_OBJECT  = 13,	/* the object pool is exhausted */
	BH_CAP_ERR_TOO_DEEP   = 14,	/* untyped nested deeper than BH_CAP_UNTYPED_MAX_DEPTH */
	BH_CAP_PREEMPTED      = 15,	/* bounded step done, more work left: call again */
	BH_CAP_NERRORS
};

/* Description of one capability, as a "identify capability" call returns it. */
struct bh_cap_info {
	uint8_t type;		/* enum bh_cap_type */
	uint8_t rights;		/* BH_CAP_RIGHT_* */
	uint8_t map_rights;	/* frames: rights of the recorded mapping, 0 if unmapped */
	uint8_t reserved[5];
	uint64_t badge;		/* ports: badge, BH_CAP_BADGE_NONE if none */
	uint64_t base;		/* untyped, frame: first physical address */
	uint64_t npages;	/* untyped, frame: size in pages */
	uint64_t map_gpa;	/* frames: guest-physical address of the mapping */
};
BH_ABI_ASSERT_SIZE(struct bh_cap_info, 40);

#endif
