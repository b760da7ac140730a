// SPDX-License-Identifier: GPL-2.0
/* /dev/bulkhead wrappers. */
#include "bhdev.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int bhdev_open(char *err, size_t errlen)
{
	int fd = open(BH_DEVICE_PATH, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		snprintf(err, errlen, "cannot open %s: %s%s", BH_DEVICE_PATH, strerror(errno),
			 errno == ENOENT ? " (is the bulkhead module loaded?)" : "");
	return fd;
}

int bhdev_info(int fd, struct bh_hv_info *info, uint64_t *status)
{
	struct bh_ioc_info r;

	memset(&r, 0, sizeof(r));
	if (ioctl(fd, BH_IOC_GET_INFO, &r) < 0)
		return -1;
	*status = r.status;
	*info = r.info;
	return r.status == BH_STATUS_SUCCESS ? 0 : -1;
}

int bhdev_read_log(int fd, uint64_t offset, struct bh_log_read_out *out, uint64_t *status)
{
	static struct bh_ioc_log r;

	memset(&r, 0, sizeof(r));
	r.offset = offset;
	if (ioctl(fd, BH_IOC_READ_LOG, &r) < 0)
		return -1;
	*status = r.status;
	*out = r.out;
	return r.status == BH_STATUS_SUCCESS ? 0 : -1;
}

int bhdev_raw(int fd, struct bh_ioc_raw *raw)
{
	return ioctl(fd, BH_IOC_RAW_HYPERCALL, raw);
}

const char *bhdev_status_name(uint64_t status)
{
	switch (status) {
	case BH_STATUS_SUCCESS:                 return "SUCCESS";
	case BH_STATUS_INVALID_HYPERCALL_CODE:  return "INVALID_HYPERCALL_CODE";
	case BH_STATUS_INVALID_HYPERCALL_INPUT: return "INVALID_HYPERCALL_INPUT";
	case BH_STATUS_INVALID_ALIGNMENT:       return "INVALID_ALIGNMENT";
	case BH_STATUS_INVALID_PARAMETER:       return "INVALID_PARAMETER";
	case BH_STATUS_ACCESS_DENIED:           return "ACCESS_DENIED";
	case BH_STATUS_INVALID_PARTITION_STATE: return "INVALID_PARTITION_STATE";
	case BH_STATUS_OPERATION_DENIED:        return "OPERATION_DENIED";
	case BH_STATUS_INSUFFICIENT_MEMORY:     return "INSUFFICIENT_MEMORY";
	case BH_STATUS_INVALID_PARTITION_ID:    return "INVALID_PARTITION_ID";
	case BH_STATUS_INVALID_VP_INDEX:        return "INVALID_VP_INDEX";
	case BH_STATUS_INVALID_PORT_ID:         return "INVALID_PORT_ID";
	case BH_STATUS_INVALID_CONNECTION_ID:   return "INVALID_CONNECTION_ID";
	case BH_STATUS_INSUFFICIENT_BUFFERS:    return "INSUFFICIENT_BUFFERS";
	case BH_STATUS_INVALID_GPA:             return "INVALID_GPA";
	case BH_STATUS_CONTINUE:                return "CONTINUE";
	default:                                return "UNKNOWN_STATUS";
	}
}
