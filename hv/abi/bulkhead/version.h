/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Bulkhead release version, shared by every component. */
#ifndef BULKHEAD_VERSION_H
#define BULKHEAD_VERSION_H

#define BH_VERSION_MAJOR 0
#define BH_VERSION_MINOR 1
#define BH_VERSION_PATCH 0
#define BH_VERSION_STRING "0.1.0"

/* CPUID 0x40000001.EAX encoding of the version. */
#define BH_VERSION_CODE \
	((BH_VERSION_MAJOR << 16) | (BH_VERSION_MINOR << 8) | BH_VERSION_PATCH)

#endif
