/* SPDX-License-Identifier: GPL-2.0 */
/* Build-time limits of the core. */
#ifndef HV_CONFIG_H
#define HV_CONFIG_H

#define HV_MAX_CPUS 64		/* logical processors the core runs on */

#endif
