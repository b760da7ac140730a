/* SPDX-License-Identifier: GPL-2.0 */
/* Motorola MC146818 RTC and 128 bytes of CMOS RAM, as the PC's ports 0x70/0x71 show them. */
#ifndef WORKER_RTC_CMOS_H
#define WORKER_RTC_CMOS_H

#include <stdbool.h>
#include <stdint.h>

#include "dev.h"

/* Address map (MC146818 data sheet, figure 3). */
#define RTC_SECONDS        0x00
#define RTC_SECONDS_ALARM  0x01
#define RTC_MINUTES        0x02
#define RTC_MINUTES_ALARM  0x03
#define RTC_HOURS          0x04
#define RTC_HOURS_ALARM    0x05
#define RTC_DAY_OF_WEEK    0x06	/* 1 = Sunday */
#define RTC_DAY_OF_MONTH   0x07
#define RTC_MONTH          0x08
#define RTC_YEAR           0x09
#define RTC_REG_A          0x0A
#define RTC_REG_B          0x0B
#define RTC_REG_C          0x0C
#define RTC_REG_D          0x0D
#define RTC_CENTURY        0x32	/* PC convention, named by FADT.CENTURY */
#define RTC_CMOS_SIZE      128
#define RTC_INDEX_MASK     0x7F
#define RTC_NMI_DISABLE    0x80	/* bit 7 of the index port */

#define RTC_A_UIP          0x80	/* update in progress */
#define RTC_A_DV_MASK      0x70
#define RTC_A_DV_32KHZ     0x20	/* the normal time base */
#define RTC_A_RS_MASK      0x0F	/* periodic rate select */
#define RTC_B_SET          0x80
#define RTC_B_PIE          0x40
#define RTC_B_AIE          0x20
#define RTC_B_UIE          0x10
#define RTC_B_SQWE         0x08
#define RTC_B_DM_BINARY    0x04
#define RTC_B_24H          0x02
#define RTC_B_DSE          0x01
#define RTC_C_IRQF         0x80
#define RTC_C_PF           0x40
#define RTC_C_AF           0x20
#define RTC_C_UF           0x10
#define RTC_D_VRT          0x80	/* valid RAM and time: the battery is good */
#define RTC_HOUR_PM        0x80	/* 12-hour mode */
#define RTC_ALARM_DONT_CARE 0xC0	/* alarm byte with both top bits set matches anything */

#define RTC_TIMEBASE_HZ    32768u
#define RTC_UIP_NS         244000u	/* UIP rises 244 us before each update */

struct rtc_time {
	int64_t year;
	int month, day, hour, minute, second;	/* month 1-12, day 1-31 */
};

struct rtc_cmos {
	struct dev_clock clock;
	struct dev_irq irq;
	unsigned gsi;
	uint8_t index;
	bool nmi_masked;
	uint8_t ram[RTC_CMOS_SIZE];	/* registers A-D, alarms and RAM; the time is computed */
	int64_t base_sec;	/* the RTC's time (Unix seconds, local) at guest time 0 ... */
	int64_t base_frac_ns;	/* ... plus this fraction, 0 to 1 s */
	struct rtc_time held;	/* what the time registers show while SET is 1 */
	uint64_t checked_ns;	/* flags in register C account for events up to here */
	bool irq_level;
};

/*
 * 'host_unix_ns' is the host's UTC time (CLOCK_REALTIME) when the call is
 * made; 'utc_offset_s' shifts it to the local time the guest expects (0 for
 * UTC). Powers on at 24-hour BCD, 1024 Hz rate selected, no interrupts.
 */
void rtc_init(struct rtc_cmos *rtc, const struct dev_clock *clock, const struct dev_irq *irq,
	      unsigned gsi, int64_t host_unix_ns, int32_t utc_offset_s);

/* Ports PLATFORM_RTC_INDEX and PLATFORM_RTC_DATA, by absolute port number. */
uint32_t rtc_read(struct rtc_cmos *rtc, uint16_t port, unsigned size);
void rtc_write(struct rtc_cmos *rtc, uint16_t port, unsigned size, uint32_t value);

/* Presets a CMOS RAM byte (0x0E-0x7F but the century) before the guest starts. */
void rtc_cmos_set_ram(struct rtc_cmos *rtc, uint8_t index, uint8_t value);
/* Whether the guest has set the NMI mask bit (no NMI source is wired here). */
bool rtc_nmi_masked(const struct rtc_cmos *rtc);

/* Periodic, alarm and update-ended interrupts, when enabled. */
uint64_t rtc_next_deadline_ns(const struct rtc_cmos *rtc);
void rtc_advance(struct rtc_cmos *rtc, uint64_t now_ns);

/* Calendar helpers, exposed for the tests: days since 1970-01-01 and back. */
int64_t rtc_days_from_civil(int64_t year, int month, int day);
void rtc_civil_from_days(int64_t days, int64_t *year, int *month, int *day);

#endif
