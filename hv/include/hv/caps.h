/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The core's use of the capability library (hv/core/caps.c): one context,
 * one lock, the root's CSpace with its boot capabilities, and the hooks that
 * free partitions and unmap frames. The model is docs/capabilities.md.
 */
#ifndef HV_CAPS_H
#define HV_CAPS_H

#include <bulkhead/bootinfo.h>
#include <bulkhead/cap.h>
#include <cap.h>
#include <hv/spinlock.h>
#include <stdint.h>

/* The root's CSpace at boot: slot 0 stays empty, 1 is control, then one untyped per RAM range. */
#define ROOT_CSPACE_BITS       12
#define ROOT_SLOT_CONTROL      1
#define ROOT_SLOT_FIRST_UNTYPED 2

/* Capability operations deleted per hypercall before it returns CONTINUE. */
#define CAP_REVOKE_BUDGET      256

extern struct spinlock cap_lock;
extern struct cap_ctx cap_context;

struct partition;

/* Builds the root's CSpace over its RAM ranges (USABLE ones become untyped). */
void caps_boot_root(const struct bh_mem_range *ram, unsigned count);

/* The CSpace of a partition (only the root has one in ABI v0), or NULL. */
struct cspace *caps_cspace_of(struct partition *p);

/* A hypercall status for a capability error. */
uint16_t caps_status(enum bh_cap_error err);

/*
 * Looks up cptr in 'p''s CSpace: a capability of 'type' with 'rights'.
 * Call with cap_lock held. Returns a status; *slot on success.
 */
uint16_t caps_lookup(struct partition *p, uint64_t cptr, unsigned type, unsigned rights,
		     struct cap_slot **slot);
uint16_t caps_lookup_empty(struct partition *p, uint64_t cptr, struct cap_slot **slot);

/* Makes sure the object pool has room for 'n' more objects (cap_lock held). */
bool caps_reserve_objects(size_t n);

#endif
