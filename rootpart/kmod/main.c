// SPDX-License-Identifier: GPL-2.0
/*
 * Bulkhead root-partition bridge: /dev/bulkhead, whose ioctls (defined in
 * hv/abi/bulkhead/ioctl.h) become hypercalls to the core.
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <bulkhead/ioctl.h>
#include <bulkhead/version.h>
#include "bulkhead.h"

/* One set of hypercall pages, serialised: these calls are rare and cheap. */
static DEFINE_MUTEX(bh_lock);
static struct bh_hc_pages bh_pages;

static long bh_ioctl_info(void __user *arg)
{
	struct bh_ioc_info *r = kzalloc(sizeof(*r), GFP_KERNEL);
	long ret = 0;

	if (!r)
		return -ENOMEM;
	mutex_lock(&bh_lock);
	memset(bh_pages.out_va, 0, PAGE_SIZE);
	r->status = bh_hypercall(BH_HC_GET_INFO, 0, bh_pages.out_pa) & BH_HC_STATUS_MASK;
	memcpy(&r->info, bh_pages.out_va, sizeof(r->info));
	mutex_unlock(&bh_lock);
	if (copy_to_user(arg, r, sizeof(*r)))
		ret = -EFAULT;
	kfree(r);
	return ret;
}

static long bh_ioctl_log(void __user *arg)
{
	struct bh_ioc_log *r = kzalloc(sizeof(*r), GFP_KERNEL);
	struct bh_log_read_in *in;
	long ret = 0;

	if (!r)
		return -ENOMEM;
	if (copy_from_user(&r->offset, arg, sizeof(r->offset))) {
		kfree(r);
		return -EFAULT;
	}
	mutex_lock(&bh_lock);
	in = bh_pages.in_va;
	in->offset = r->offset;
	r->status = bh_hypercall(BH_HC_READ_LOG, bh_pages.in_pa, bh_pages.out_pa) &
		    BH_HC_STATUS_MASK;
	memcpy(&r->out, bh_pages.out_va, sizeof(r->out));
	mutex_unlock(&bh_lock);
	if (r->out.len > sizeof(r->out.data))
		r->out.len = 0;
	if (copy_to_user(arg, r, sizeof(*r)))
		ret = -EFAULT;
	kfree(r);
	return ret;
}

static long bh_ioctl_raw(void __user *arg)
{
	struct bh_ioc_raw *r;
	long ret = 0;

	if (!capable(CAP_SYS_RAWIO))
		return -EPERM;
	r = memdup_user(arg, sizeof(*r));
	if (IS_ERR(r))
		return PTR_ERR(r);
	if (r->in_offset > PAGE_SIZE - sizeof(r->in)) {
		kfree(r);
		return -EINVAL;
	}
	mutex_lock(&bh_lock);
	if (r->flags & BH_RAW_USE_PAGES) {
		memset(bh_pages.in_va, 0, PAGE_SIZE);
		memset(bh_pages.out_va, 0, PAGE_SIZE);
		memcpy((u8 *)bh_pages.in_va + r->in_offset, r->in, sizeof(r->in));
		r->result = bh_hypercall(r->control, bh_pages.in_pa + r->in_offset, bh_pages.out_pa);
		memcpy(r->out, bh_pages.out_va, sizeof(r->out));
	} else {
		r->result = bh_hypercall(r->control, r->rdx, r->r8);
	}
	mutex_unlock(&bh_lock);
	if (copy_to_user(arg, r, sizeof(*r)))
		ret = -EFAULT;
	kfree(r);
	return ret;
}

/* The file's partition; created once, by the first BH_IOC_PARTITION_CREATE. */
static DEFINE_MUTEX(bh_create_lock);

static long bh_ioctl_create(struct file *f, void __user *uarg)
{
	struct bh_ioc_partition_create req;
	struct bh_partition *p;
	long err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	mutex_lock(&bh_create_lock);
	if (f->private_data) {
		mutex_unlock(&bh_create_lock);
		return -EEXIST;
	}
	p = bh_partition_create(&req, &err);
	if (p)
		smp_store_release(&f->private_data, p);
	mutex_unlock(&bh_create_lock);
	if (copy_to_user(uarg, &req, sizeof(req)))
		return -EFAULT;
	return err;
}

/* Copies the request in, runs fn, copies the result out (also on failure, for the status). */
#define BH_CALL(type, fn)                                                       \
	({                                                                      \
		type req_;                                                      \
		long r_;                                                        \
		if (copy_from_user(&req_, uarg, sizeof(req_)))                  \
			return -EFAULT;                                         \
		r_ = fn;                                                        \
		if (copy_to_user(uarg, &req_, sizeof(req_)))                    \
			r_ = -EFAULT;                                           \
		r_;                                                             \
	})

static long bh_ioctl_partition(struct bh_partition *p, unsigned int cmd, void __user *uarg)
{
	u32 index;

	switch (cmd) {
	case BH_IOC_MAP_MEMORY:
		return BH_CALL(struct bh_ioc_map_memory, bh_partition_map(p, &req_));
	case BH_IOC_VP_CREATE:
		if (get_user(index, (u32 __user *)uarg))
			return -EFAULT;
		return bh_vp_create(p, index);
	case BH_IOC_VP_GET_STATE:
		return BH_CALL(struct bh_ioc_vp_state, bh_vp_state(p, &req_, false));
	case BH_IOC_VP_SET_STATE:
		return BH_CALL(struct bh_ioc_vp_state, bh_vp_state(p, &req_, true));
	case BH_IOC_VP_RUN:
		return BH_CALL(struct bh_ioc_vp_run, bh_vp_run(p, &req_));
	case BH_IOC_VP_KICK:
		if (get_user(index, (u32 __user *)uarg))
			return -EFAULT;
		return bh_vp_kick(p, index);
	case BH_IOC_SET_INTERCEPTS:
		return BH_CALL(struct bh_ioc_intercepts, bh_partition_intercepts(p, &req_));
	case BH_IOC_ASSERT_INTERRUPT:
		return BH_CALL(struct bh_ioc_interrupt, bh_partition_interrupt(p, &req_));
	case BH_IOC_PARTITION_INFO:
		return BH_CALL(struct bh_ioc_partition_info, bh_partition_info(p, &req_));
	default:
		return -ENOTTY;
	}
}

static long bh_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;
	struct bh_partition *p;

	switch (cmd) {
	case BH_IOC_GET_INFO:
		return bh_ioctl_info(uarg);
	case BH_IOC_READ_LOG:
		return bh_ioctl_log(uarg);
	case BH_IOC_RAW_HYPERCALL:
		return bh_ioctl_raw(uarg);
	case BH_IOC_PARTITION_CREATE:
		return bh_ioctl_create(f, uarg);
	default:
		p = smp_load_acquire(&f->private_data);
		return p ? bh_ioctl_partition(p, cmd, uarg) : -ENOTTY;
	}
}

static int bh_open(struct inode *inode, struct file *f)
{
	/* misc_open() leaves the miscdevice here; ours holds the file's partition, if any. */
	f->private_data = NULL;
	return nonseekable_open(inode, f);
}

static int bh_release(struct inode *inode, struct file *f)
{
	if (f->private_data)
		bh_partition_destroy(f->private_data);
	return 0;
}

static const struct file_operations bh_fops = {
	.owner = THIS_MODULE,
	.open = bh_open,
	.unlocked_ioctl = bh_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.release = bh_release,
};

static struct miscdevice bh_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "bulkhead",
	.fops = &bh_fops,
	.mode = 0600,
};

static int __init bh_init(void)
{
	int ret;

	if (!bh_detect()) {
		pr_err("bulkhead: not running on the Bulkhead core\n");
		return -ENODEV;
	}
	ret = bh_hc_pages_alloc(&bh_pages);
	if (ret)
		return ret;
	ret = bh_caps_discover(&bh_pages);
	if (ret) {
		pr_err("bulkhead: the core gave the root no control capability\n");
		bh_hc_pages_free(&bh_pages);
		return ret;
	}
	ret = misc_register(&bh_misc);
	if (ret) {
		bh_hc_pages_free(&bh_pages);
		return ret;
	}
	pr_info("bulkhead: hypercall bridge %s ready, hypercall ABI v%u\n", BH_VERSION_STRING,
		BH_HC_ABI_VERSION);
	return 0;
}

static void __exit bh_exit(void)
{
	misc_deregister(&bh_misc);
	bh_hc_pages_free(&bh_pages);
}

module_init(bh_init);
module_exit(bh_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Bulkhead root partition hypercall bridge");
MODULE_VERSION(BH_VERSION_STRING);
