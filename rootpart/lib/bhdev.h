/* SPDX-License-Identifier: GPL-2.0 */
/* User-space access to /dev/bulkhead (rootpart/lib/bhdev.c), shared by hvctl and the worker. */
#ifndef BHDEV_H
#define BHDEV_H

#include <bulkhead/ioctl.h>
#include <stddef.h>

/* Opens the device; on failure returns -1 with a message in 'err'. */
int bhdev_open(char *err, size_t errlen);

/* Each returns 0, or -1 with errno set (ioctl failure) or a status in *status. */
int bhdev_info(int fd, struct bh_hv_info *info, uint64_t *status);
int bhdev_read_log(int fd, uint64_t offset, struct bh_log_read_out *out, uint64_t *status);
int bhdev_raw(int fd, struct bh_ioc_raw *raw);

/* The name of a hypercall status code, e.g. "INVALID_ALIGNMENT". */
const char *bhdev_status_name(uint64_t status);

#endif
