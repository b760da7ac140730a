/* SPDX-License-Identifier: GPL-2.0 */
/* A child partition's configuration, read from and written as libvirt domain XML (docs/domain-xml.md). */
#ifndef DOMAIN_H
#define DOMAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Limits; each string field holds up to its maximum plus the NUL. */
#define DOMAIN_NAME_MAX		63
#define DOMAIN_PATH_MAX		1023
#define DOMAIN_CMDLINE_MAX	2047		/* Linux x86 COMMAND_LINE_SIZE less the NUL */
#define DOMAIN_MACHINE_MAX	63
#define DOMAIN_VENDOR_ID_MAX	12		/* libvirt: "up to 12 characters" */
#define DOMAIN_VCPUS_MAX	64
#define DOMAIN_MEMORY_MIN	(16ULL << 20)	/* 16 MiB */
#define DOMAIN_MEMORY_MAX	(1ULL << 40)	/* 1 TiB */
#define DOMAIN_SPINLOCK_RETRIES_MIN 4095	/* libvirt: "at least 4095" */
#define DOMAIN_XML_MAX		(1U << 20)	/* larger input is refused unread */
#define DOMAIN_UUID_LEN		16
#define DOMAIN_UUID_STRLEN	36		/* 8-4-4-4-12 hex digits */

/* What happens when the guest powers off, reboots or crashes (libvirt's values, in its order). */
enum domain_action {
	DOMAIN_ACTION_DESTROY,
	DOMAIN_ACTION_RESTART,
	DOMAIN_ACTION_PRESERVE,
	DOMAIN_ACTION_RENAME_RESTART,	/* never accepted: only libvirt's libxl driver has it */
	DOMAIN_ACTION_COREDUMP_DESTROY,	/* on_crash only; refused until dumps exist */
	DOMAIN_ACTION_COREDUMP_RESTART,	/* likewise */
	DOMAIN_ACTION_NR
};

/* The Hyper-V enlightenments of <features><hyperv>, one bit each in domain_hyperv.features. */
enum domain_hv_feature {
	DOMAIN_HV_RELAXED,
	DOMAIN_HV_VAPIC,
	DOMAIN_HV_SPINLOCKS,		/* with domain_hyperv.spinlock_retries */
	DOMAIN_HV_VPINDEX,
	DOMAIN_HV_RUNTIME,
	DOMAIN_HV_SYNIC,
	DOMAIN_HV_STIMER,		/* with domain_hyperv.stimer_direct */
	DOMAIN_HV_RESET,
	DOMAIN_HV_VENDOR_ID,		/* with domain_hyperv.vendor_id */
	DOMAIN_HV_FREQUENCIES,
	DOMAIN_HV_REENLIGHTENMENT,
	DOMAIN_HV_TLBFLUSH,
	DOMAIN_HV_IPI,
	DOMAIN_HV_EVMCS,		/* never accepted 'on': an Intel VMX feature */
	DOMAIN_HV_NR
};
#define DOMAIN_HV_BIT(f)	(1U << (f))

enum domain_hyperv_mode {
	DOMAIN_HYPERV_CUSTOM,		/* exactly the features in 'features' */
	DOMAIN_HYPERV_PASSTHROUGH,	/* every enlightenment the worker implements */
};

struct domain_hyperv {
	enum domain_hyperv_mode mode;
	uint32_t features;		/* DOMAIN_HV_BIT()s that are on; 0 in passthrough mode */
	uint32_t spinlock_retries;	/* when SPINLOCKS is on, else 0 */
	bool stimer_direct;		/* only when STIMER is on */
	char vendor_id[DOMAIN_VENDOR_ID_MAX + 1];	/* when VENDOR_ID is on, else "" */
};

enum domain_clock_offset {
	DOMAIN_CLOCK_UTC,
	DOMAIN_CLOCK_LOCALTIME,
};

/* The x86 timers <clock><timer name='...'> may name; recorded for the worker, not enforced here. */
enum domain_timer_name {
	DOMAIN_TIMER_HPET,
	DOMAIN_TIMER_KVMCLOCK,
	DOMAIN_TIMER_PIT,
	DOMAIN_TIMER_RTC,
	DOMAIN_TIMER_TSC,
	DOMAIN_TIMER_HYPERVCLOCK,
	DOMAIN_TIMER_NR
};

/* Attribute values of a <timer>; 0 always means "not given". */
enum domain_present { DOMAIN_PRESENT_UNSET, DOMAIN_PRESENT_NO, DOMAIN_PRESENT_YES };
enum domain_tickpolicy {
	DOMAIN_TICK_UNSET, DOMAIN_TICK_DELAY, DOMAIN_TICK_CATCHUP, DOMAIN_TICK_MERGE,
	DOMAIN_TICK_DISCARD,
};
enum domain_track {
	DOMAIN_TRACK_UNSET, DOMAIN_TRACK_BOOT, DOMAIN_TRACK_GUEST, DOMAIN_TRACK_WALL,
	DOMAIN_TRACK_REALTIME,
};

struct domain_timer {
	bool given;			/* a <timer> with this name was present */
	enum domain_present present;
	enum domain_tickpolicy tickpolicy;
	enum domain_track track;	/* rtc only */
};

struct domain_config {
	char name[DOMAIN_NAME_MAX + 1];
	uint8_t uuid[DOMAIN_UUID_LEN];
	bool uuid_given;		/* false: uuid was generated (RFC 4122 version 4) */
	uint64_t memory;		/* bytes, a multiple of 1 KiB; the boot-time maximum */
	uint64_t current_memory;	/* bytes, a multiple of 1 KiB, <= memory */
	unsigned int vcpus;		/* 1..DOMAIN_VCPUS_MAX, all online at boot */

	struct {			/* direct kernel boot only: there is no firmware */
		char machine[DOMAIN_MACHINE_MAX + 1];	/* recorded, "" if not given */
		char kernel[DOMAIN_PATH_MAX + 1];	/* absolute host path, required */
		char initrd[DOMAIN_PATH_MAX + 1];	/* absolute host path or "" */
		char cmdline[DOMAIN_CMDLINE_MAX + 1];
	} os;

	bool acpi, apic, pae;		/* <features> flags */
	struct domain_hyperv hyperv;

	struct {
		enum domain_clock_offset offset;
		struct domain_timer timers[DOMAIN_TIMER_NR];
	} clock;

	enum domain_action on_poweroff, on_reboot, on_crash;

	/*
	 * The one serial port: COM1 (target port 0) backed by a pty. libvirt's
	 * <console type='pty'><target type='serial'/> is the same device, so the
	 * console needs no field of its own: it exists exactly when this does.
	 */
	bool serial;
};

/* What a running partition adds to its XML; pass NULL for the inactive configuration. */
struct domain_runtime {
	int id;				/* the partition id, or -1 */
	const char *serial_pty;		/* e.g. "/dev/pts/3", or NULL */
};

/* A parse error: 'message' is complete, e.g. "demo.xml:12: <memory unit='XB'>: unknown unit 'XB'". */
struct domain_error {
	int line;			/* 1-based; 0 when the error concerns the whole file */
	char message[256];
};

/*
 * Parses domain XML into 'cfg' (defaults filled, uuid generated if absent).
 * 'name' labels the messages (NULL: "(buffer)"). Returns 0, or -1 with 'err'
 * filled and 'cfg' unspecified. Never prints, never touches the network,
 * refuses DTDs and anything above DOMAIN_XML_MAX bytes.
 */
int domain_parse_buffer(const char *buf, size_t len, const char *name,
			struct domain_config *cfg, struct domain_error *err);
/* The same for a file; messages use 'path' as given. */
int domain_parse_file(const char *path, struct domain_config *cfg, struct domain_error *err);

/*
 * Writes the effective XML (every default spelled out, memory in KiB) of
 * 'cfg', plus the facts in 'rt' if it is not NULL. Like snprintf: writes at
 * most 'len' bytes including a NUL and returns the length the whole document
 * needs, excluding the NUL. 'cfg' must have come from a parse (or
 * domain_config_defaults and valid changes); its strings are escaped.
 */
size_t domain_format_xml(const struct domain_config *cfg, const struct domain_runtime *rt,
			 char *buf, size_t len);
/* The same into a malloc'd string the caller frees; NULL when out of memory. */
char *domain_format_xml_alloc(const struct domain_config *cfg, const struct domain_runtime *rt);

/* Fills every default (what an XML with only the required elements gives); name, memory, kernel stay empty. */
void domain_config_defaults(struct domain_config *cfg);

/* Whether two configurations describe the same partition (uuid_given is not compared). */
bool domain_config_equal(const struct domain_config *a, const struct domain_config *b);

/* True when the guest sees Hyper-V: passthrough mode, or custom mode with any feature on. */
bool domain_is_enlightened(const struct domain_config *cfg);

/* Formats 'uuid' as 36 lower-case characters plus a NUL into 'out'. */
void domain_uuid_format(const uint8_t uuid[DOMAIN_UUID_LEN], char out[DOMAIN_UUID_STRLEN + 1]);

/* The XML spellings, e.g. "coredump-restart", "stimer", "hypervclock"; "?" when out of range. */
const char *domain_action_name(enum domain_action a);
const char *domain_hv_feature_name(enum domain_hv_feature f);
const char *domain_timer_name(enum domain_timer_name t);

#endif
