// SPDX-License-Identifier: GPL-2.0
/*
 * Child partitions from the root: one per open file. The module names
 * every object by a capability slot in the root's CSpace, pins the worker's
 * guest memory and donates it, and runs VPs the way Hyper-V's root
 * scheduler does: a worker thread asks the core to run a VP and gets
 * control back on every exit, host interrupt and halt.
 */
#include <linux/bitmap.h>
#include <linux/hrtimer.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>
#include <asm/msr.h>
#include <asm/tsc.h>
#include <bulkhead/cap.h>
#include <bulkhead/ioctl.h>
#include "bulkhead.h"

#define ROOT_CSPACE_SLOTS   4096	/* the core's ROOT_CSPACE_BITS */
#define ROOT_BOOT_SLOTS     64		/* slots the core fills at boot */
#define MAX_UNTYPED         32
#define MAX_PIN_CHUNK       (1ul << 18)	/* pages pinned per batch (1 GiB) */

/* ---- the root's capabilities, found at load ---- */

struct bh_untyped {
	u64 cptr, base, npages;
};

static struct {
	u64 control_cptr;
	struct bh_untyped untyped[MAX_UNTYPED];
	unsigned nuntyped;
	DECLARE_BITMAP(used, ROOT_CSPACE_SLOTS);
	spinlock_t lock;
} caps = { .lock = __SPIN_LOCK_UNLOCKED(caps.lock) };

int bh_caps_discover(struct bh_hc_pages *pg)
{
	struct bh_cap_ref_in *in = pg->in_va;
	struct bh_cap_info *info = pg->out_va;
	u64 st;

	bitmap_fill(caps.used, ROOT_BOOT_SLOTS);
	for (u64 slot = 1; slot < ROOT_BOOT_SLOTS; slot++) {
		in->cptr = slot;
		st = bh_hypercall(BH_HC_CAP_IDENTIFY, pg->in_pa, pg->out_pa) & BH_HC_STATUS_MASK;
		if (st)
			continue;
		if (info->type == BH_CAP_CONTROL)
			caps.control_cptr = slot;
		if (info->type == BH_CAP_UNTYPED && caps.nuntyped < MAX_UNTYPED)
			caps.untyped[caps.nuntyped++] = (struct bh_untyped){ slot, info->base, info->npages };
	}
	pr_info("bulkhead: control capability in slot %llu, %u untyped\n", caps.control_cptr,
		caps.nuntyped);
	return caps.control_cptr ? 0 : -ENODEV;
}

static u64 slot_alloc(void)
{
	unsigned long s;

	spin_lock(&caps.lock);
	s = find_first_zero_bit(caps.used, ROOT_CSPACE_SLOTS);
	if (s < ROOT_CSPACE_SLOTS)
		set_bit(s, caps.used);
	spin_unlock(&caps.lock);
	return s < ROOT_CSPACE_SLOTS ? s : 0;
}

static void slot_free(u64 s)
{
	if (s >= ROOT_BOOT_SLOTS && s < ROOT_CSPACE_SLOTS)
		clear_bit(s, caps.used);
}

static const struct bh_untyped *untyped_for(u64 hpa)
{
	for (unsigned i = 0; i < caps.nuntyped; i++) {
		const struct bh_untyped *u = &caps.untyped[i];
		if (hpa >= u->base && hpa < u->base + (u->npages << PAGE_SHIFT))
			return u;
	}
	return NULL;
}

/* ---- partitions and VPs ---- */

struct bh_vp {
	u32 index;
	u64 cptr;
	struct bh_hc_pages pg;
	wait_queue_head_t wq;
	atomic_t wake_seq;
	struct task_struct *task;	/* the thread in BH_IOC_VP_RUN, if any */
	struct mutex run_lock;
};

struct bh_pin {
	struct page **pages;
	unsigned long n;
	struct bh_pin *next;
};

struct bh_partition {
	struct mutex lock;
	u64 cptr;
	u32 id;
	u32 max_vps;
	u64 max_pages, mapped_pages;
	struct bh_hc_pages pg;
	struct bh_vp *vps[BH_MAX_VPS_PER_PARTITION];
	struct bh_pin *pins;
};

static u64 call(struct bh_hc_pages *pg, u64 code, size_t in_len, size_t out_len, const void *in,
		void *out)
{
	u64 r;

	if (in_len)
		memcpy(pg->in_va, in, in_len);
	r = bh_hypercall(code, pg->in_pa, pg->out_pa);
	if (out_len)
		memcpy(out, pg->out_va, out_len);
	return r;
}

struct bh_partition *bh_partition_create(struct bh_ioc_partition_create *req, long *err)
{
	struct bh_partition *p = kzalloc(sizeof(*p), GFP_KERNEL);
	struct bh_partition_create_in in;
	struct bh_partition_create_out out;

	*err = -ENOMEM;
	if (!p)
		return NULL;
	mutex_init(&p->lock);
	if (req->max_vps == 0 || req->max_vps > BH_MAX_VPS_PER_PARTITION || !req->max_bytes) {
		*err = -EINVAL;
		goto fail;
	}
	if (bh_hc_pages_alloc(&p->pg))
		goto fail;
	p->cptr = slot_alloc();
	if (!p->cptr)
		goto fail;
	in = (struct bh_partition_create_in){ caps.control_cptr, p->cptr,
					      PAGE_ALIGN(req->max_bytes) >> PAGE_SHIFT,
					      req->max_vps, req->flags };
	req->status = call(&p->pg, BH_HC_PARTITION_CREATE, sizeof(in), sizeof(out), &in, &out) &
		      BH_HC_STATUS_MASK;
	if (req->status) {
		*err = -EIO;
		goto fail;
	}
	p->id = out.partition_id;
	p->max_vps = req->max_vps;
	p->max_pages = in.max_pages;
	req->partition_id = p->id;
	*err = 0;
	return p;
fail:
	slot_free(p->cptr);
	bh_hc_pages_free(&p->pg);
	kfree(p);
	return NULL;
}

void bh_partition_destroy(struct bh_partition *p)
{
	struct bh_cap_ref_in in = { p->cptr };
	u64 st;

	/* Bounded steps: the core says CONTINUE until everything is gone. */
	do {
		st = call(&p->pg, BH_HC_PARTITION_DESTROY, sizeof(in), 0, &in, NULL) & BH_HC_STATUS_MASK;
		cond_resched();
	} while (st == BH_STATUS_CONTINUE);
	if (st)
		pr_err("bulkhead: destroying partition %u failed with status %#llx; its memory stays pinned\n",
		       p->id, st);
	for (unsigned i = 0; i < BH_MAX_VPS_PER_PARTITION; i++) {
		struct bh_vp *vp = p->vps[i];
		if (!vp)
			continue;
		slot_free(vp->cptr);
		bh_hc_pages_free(&vp->pg);
		kfree(vp);
	}
	while (p->pins) {
		struct bh_pin *pin = p->pins;
		p->pins = pin->next;
		if (!st)
			unpin_user_pages(pin->pages, pin->n);
		kvfree(pin->pages);
		kfree(pin);
	}
	if (!st)
		slot_free(p->cptr);
	bh_hc_pages_free(&p->pg);
	kfree(p);
}

/* Donates pinned pages as runs: physically contiguous, inside one untyped, up to a frame's size. */
static long map_pages(struct bh_partition *p, struct page **pages, unsigned long n, u64 gpa,
		      u32 flags, u64 *status)
{
	struct bh_map_gpa_in *hdr = p->pg.in_va;
	unsigned long i = 0;

	while (i < n) {
		const struct bh_untyped *u = untyped_for(page_to_phys(pages[0 + i]));
		unsigned reps = 0;

		if (!u)
			return -EFAULT;	/* not root RAM the core knows */
		memset(hdr, 0, sizeof(*hdr));
		hdr->partition_cptr = p->cptr;
		hdr->untyped_cptr = u->cptr;
		hdr->map_flags = flags;
		while (i < n && reps < BH_MAP_GPA_MAX_REPS) {
			struct bh_gpa_range *r = &hdr->ranges[reps];
			u64 hpa = page_to_phys(pages[i]);
			if (untyped_for(hpa) != u)
				break;
			r->gpa = gpa + ((u64)i << PAGE_SHIFT);
			r->hpa = hpa;
			r->npages = 1;
			i++;
			while (i < n && page_to_phys(pages[i]) == hpa + (r->npages << PAGE_SHIFT) &&
			       r->npages < BH_CAP_FRAME_MAX_PAGES &&
			       hpa + ((r->npages + 1) << PAGE_SHIFT) <= u->base + (u->npages << PAGE_SHIFT)) {
				r->npages++;
				i++;
			}
			reps++;
		}
		/* A rep call may stop early; go on from where it stopped (TLFS rep semantics). */
		for (unsigned start = 0; start < reps;) {
			u64 ctl = BH_HC_MAP_GPA_RANGES | (u64)reps << BH_HC_REP_COUNT_SHIFT |
				  (u64)start << BH_HC_REP_START_SHIFT;
			u64 r = bh_hypercall(ctl, p->pg.in_pa, p->pg.out_pa);
			unsigned done = (r & BH_HC_REPS_DONE_MASK) >> BH_HC_REPS_DONE_SHIFT;
			*status = r & BH_HC_STATUS_MASK;
			if (*status)
				return -EIO;
			start += done;
			cond_resched();
		}
	}
	return 0;
}

long bh_partition_map(struct bh_partition *p, struct bh_ioc_map_memory *req)
{
	unsigned long n = req->size >> PAGE_SHIFT, done = 0;
	long ret = 0;

	if (!n || !PAGE_ALIGNED(req->uaddr | req->size | req->gpa) || n > p->max_pages - p->mapped_pages)
		return -EINVAL;
	mutex_lock(&p->lock);
	while (done < n && !ret) {
		unsigned long chunk = min(n - done, MAX_PIN_CHUNK);
		struct bh_pin *pin = kzalloc(sizeof(*pin), GFP_KERNEL);
		long got;

		if (pin)
			pin->pages = kvmalloc_array(chunk, sizeof(struct page *), GFP_KERNEL);
		if (!pin || !pin->pages) {
			kfree(pin);
			ret = -ENOMEM;
			break;
		}
		got = pin_user_pages_fast(req->uaddr + (done << PAGE_SHIFT), chunk,
					  FOLL_WRITE | FOLL_LONGTERM, pin->pages);
		if (got > 0)
			pin->n = got;
		/* Record the pin before mapping: only a destroyed partition may unpin. */
		pin->next = p->pins;
		p->pins = pin;
		if (got != (long)chunk) {
			ret = got < 0 ? got : -EFAULT;
			break;
		}
		ret = map_pages(p, pin->pages, chunk, req->gpa + (done << PAGE_SHIFT), req->flags,
				&req->status);
		done += chunk;
	}
	if (!ret)
		p->mapped_pages += n;
	mutex_unlock(&p->lock);
	return ret;
}

long bh_vp_create(struct bh_partition *p, u32 index)
{
	struct bh_vp_create_in in;
	struct bh_vp *vp;
	u64 st;

	if (index >= p->max_vps)
		return -EINVAL;
	vp = kzalloc(sizeof(*vp), GFP_KERNEL);
	if (!vp || bh_hc_pages_alloc(&vp->pg)) {
		kfree(vp);
		return -ENOMEM;
	}
	init_waitqueue_head(&vp->wq);
	mutex_init(&vp->run_lock);
	vp->index = index;
	mutex_lock(&p->lock);
	vp->cptr = p->vps[index] ? 0 : slot_alloc();
	in = (struct bh_vp_create_in){ p->cptr, vp->cptr, index, 0 };
	st = vp->cptr ? call(&p->pg, BH_HC_VP_CREATE, sizeof(in), 0, &in, NULL) & BH_HC_STATUS_MASK
		      : BH_STATUS_INVALID_VP_INDEX;
	if (!st)
		p->vps[index] = vp;
	mutex_unlock(&p->lock);
	if (st) {
		slot_free(vp->cptr);
		bh_hc_pages_free(&vp->pg);
		kfree(vp);
		return st == BH_STATUS_INVALID_VP_INDEX ? -EEXIST : -EIO;
	}
	return 0;
}

static struct bh_vp *vp_get(struct bh_partition *p, u32 index)
{
	return index < BH_MAX_VPS_PER_PARTITION ? READ_ONCE(p->vps[index]) : NULL;
}

long bh_vp_state(struct bh_partition *p, struct bh_ioc_vp_state *req, bool set)
{
	struct bh_vp *vp = vp_get(p, req->vp_index);
	struct bh_vp_set_state_in *in;

	if (!vp)
		return -ENOENT;
	mutex_lock(&vp->run_lock);
	in = vp->pg.in_va;
	in->vp_cptr = vp->cptr;
	if (set) {
		in->state = req->state;
		req->status = bh_hypercall(BH_HC_VP_SET_STATE, vp->pg.in_pa, 0) & BH_HC_STATUS_MASK;
	} else {
		req->status = bh_hypercall(BH_HC_VP_GET_STATE, vp->pg.in_pa, vp->pg.out_pa) &
			      BH_HC_STATUS_MASK;
		memcpy(&req->state, vp->pg.out_va, sizeof(req->state));
	}
	mutex_unlock(&vp->run_lock);
	return req->status ? -EIO : 0;
}

/* Makes a VP notice new work: wakes it if it sleeps, interrupts its processor if it runs. */
static void vp_kick(struct bh_vp *vp)
{
	struct task_struct *t;

	atomic_inc(&vp->wake_seq);
	wake_up_interruptible(&vp->wq);
	rcu_read_lock();
	t = READ_ONCE(vp->task);
	if (t)
		kick_process(t);
	rcu_read_unlock();
}

static void kick_mask(struct bh_partition *p, u64 mask)
{
	while (mask) {
		unsigned i = __ffs64(mask);
		struct bh_vp *vp = vp_get(p, i);
		mask &= mask - 1;
		if (vp)
			vp_kick(vp);
	}
}

long bh_vp_kick(struct bh_partition *p, u32 index)
{
	struct bh_vp *vp = vp_get(p, index);

	if (!vp)
		return -ENOENT;
	vp_kick(vp);
	return 0;
}

/* Sleeps until another VP or the worker kicks us, or until the TSC deadline. */
static int vp_sleep(struct bh_vp *vp, int seq, u64 deadline_tsc)
{
	if (deadline_tsc == U64_MAX || !tsc_khz)
		return wait_event_interruptible(vp->wq, atomic_read(&vp->wake_seq) != seq);
	u64 now = rdtsc();
	if (deadline_tsc <= now)
		return 0;
	u64 ns = mul_u64_u64_div_u64(deadline_tsc - now, 1000000ull, tsc_khz);
	return wait_event_interruptible_hrtimeout(vp->wq, atomic_read(&vp->wake_seq) != seq,
						 ns_to_ktime(ns)) == -ERESTARTSYS ? -ERESTARTSYS : 0;
}

long bh_vp_run(struct bh_partition *p, struct bh_ioc_vp_run *req)
{
	struct bh_vp *vp = vp_get(p, req->vp_index);
	struct bh_vp_run_in *in;
	struct bh_vp_exit *out;
	long ret = 0;

	if (!vp)
		return -ENOENT;
	if (!mutex_trylock(&vp->run_lock))
		return -EBUSY;
	in = vp->pg.in_va;
	out = vp->pg.out_va;
	memset(in, 0, sizeof(*in));
	in->vp_cptr = vp->cptr;
	in->flags = req->flags;
	in->value = req->value;
	memcpy(in->cpuid, req->cpuid, sizeof(in->cpuid));
	WRITE_ONCE(vp->task, current);
	for (;;) {
		int seq = atomic_read(&vp->wake_seq);
		u64 st;

		if (signal_pending(current)) {
			memset(&req->exit, 0, sizeof(req->exit));
			ret = -EINTR;
			break;
		}
		st = bh_hypercall(BH_HC_VP_RUN, vp->pg.in_pa, vp->pg.out_pa) & BH_HC_STATUS_MASK;
		in->flags = 0;	/* the completion is consumed */
		req->status = st;
		if (st) {
			ret = -EIO;
			break;
		}
		if (out->wake_vps)
			kick_mask(p, out->wake_vps);
		if (out->reason == BH_EXIT_INTERRUPTED) {
			cond_resched();
			continue;
		}
		if (out->reason == BH_EXIT_HALT || out->reason == BH_EXIT_WAIT_SIPI) {
			vp_sleep(vp, seq, out->reason == BH_EXIT_HALT ? out->timer_deadline : U64_MAX);
			continue;
		}
		req->exit = *out;
		break;
	}
	WRITE_ONCE(vp->task, NULL);
	mutex_unlock(&vp->run_lock);
	return ret;
}

long bh_partition_intercepts(struct bh_partition *p, struct bh_ioc_intercepts *req)
{
	struct bh_intercepts_in in = { p->cptr, req->kind, req->enable, req->first, req->count };

	mutex_lock(&p->lock);
	req->status = call(&p->pg, BH_HC_SET_INTERCEPTS, sizeof(in), 0, &in, NULL) & BH_HC_STATUS_MASK;
	mutex_unlock(&p->lock);
	return req->status ? -EIO : 0;
}

long bh_partition_interrupt(struct bh_partition *p, struct bh_ioc_interrupt *req)
{
	struct bh_interrupt_in in = { p->cptr, req->dest, req->vector, req->delivery_mode,
				      req->dest_logical, req->level_triggered };
	struct bh_interrupt_out out;

	mutex_lock(&p->lock);
	req->status = call(&p->pg, BH_HC_ASSERT_INTERRUPT, sizeof(in), sizeof(out), &in, &out) &
		      BH_HC_STATUS_MASK;
	mutex_unlock(&p->lock);
	if (req->status)
		return -EIO;
	kick_mask(p, out.wake_vps);
	return 0;
}

long bh_partition_info(struct bh_partition *p, struct bh_ioc_partition_info *req)
{
	struct bh_cap_ref_in in = { p->cptr };

	mutex_lock(&p->lock);
	req->status = call(&p->pg, BH_HC_PARTITION_INFO, sizeof(in), sizeof(req->info), &in,
			   &req->info) & BH_HC_STATUS_MASK;
	mutex_unlock(&p->lock);
	return req->status ? -EIO : 0;
}
