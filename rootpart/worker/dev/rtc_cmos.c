// SPDX-License-Identifier: GPL-2.0
/* MC146818 RTC/CMOS model: time from guest time plus an offset, BCD/12h views, interrupts. */
#include "rtc_cmos.h"

#include <string.h>

#include "platform.h"

#define SECS_PER_MIN     60
#define SECS_PER_HOUR    3600
#define SECS_PER_DAY     86400
#define MINS_PER_HOUR    60
#define HOURS_PER_DAY    24
#define HOURS_HALF_DAY   12
#define MONTHS           12
#define DAYS_PER_WEEK    7
#define EPOCH_WEEKDAY    4	/* 1970-01-01 was a Thursday (Sunday = 0) */
#define YEARS_PER_CENTURY 100
/* Proleptic Gregorian arithmetic with years starting in March. */
#define DAYS_PER_ERA     146097	/* 400 years */
#define YEARS_PER_ERA    400
#define EPOCH_SHIFT      719468	/* days from 0000-03-01 to 1970-01-01 */
#define BCD_RADIX        10
#define NIBBLE_BITS      4
#define NIBBLE_MASK      0x0F
#define RESET_REG_A      (RTC_A_DV_32KHZ | 0x06)	/* 1024 Hz, what firmware leaves */
#define RESET_REG_B      RTC_B_24H
#define RS_SLOW_ALIAS    6	/* RS 1 and 2 alias RS 7 and 8 on a 32.768 kHz base */
#define RS_FAST_MIN      3
#define ALARM_NONE       INT64_MAX

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int64_t rtc_days_from_civil(int64_t year, int month, int day)
{
	int64_t y = year - (month <= 2);
	int64_t era = floor_div(y, YEARS_PER_ERA);
	int64_t yoe = y - era * YEARS_PER_ERA;
	int64_t mp = (month + 9) % MONTHS;	/* March = 0 */
	int64_t doy = (153 * mp + 2) / 5 + day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * DAYS_PER_ERA + doe - EPOCH_SHIFT;
}

void rtc_civil_from_days(int64_t days, int64_t *year, int *month, int *day)
{
	int64_t z = days + EPOCH_SHIFT;
	int64_t era = floor_div(z, DAYS_PER_ERA);
	int64_t doe = z - era * DAYS_PER_ERA;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / (DAYS_PER_ERA - 1)) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;

	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = yoe + era * YEARS_PER_ERA + (*month <= 2);
}

/*
 * Seconds and the fraction are kept apart so that any date the registers can
 * hold (up to year 9999 and beyond) stays far from overflow.
 */
static int64_t wall_sec(const struct rtc_cmos *rtc, uint64_t now)
{
	return rtc->base_sec + (int64_t)(((uint64_t)rtc->base_frac_ns + now) / NSEC_PER_SEC);
}

static uint64_t wall_frac_ns(const struct rtc_cmos *rtc, uint64_t now)
{
	return ((uint64_t)rtc->base_frac_ns + now) % NSEC_PER_SEC;
}

static struct rtc_time time_of(int64_t secs)
{
	struct rtc_time t;
	int64_t days = floor_div(secs, SECS_PER_DAY), sod = secs - days * SECS_PER_DAY;

	rtc_civil_from_days(days, &t.year, &t.month, &t.day);
	t.hour = (int)(sod / SECS_PER_HOUR);
	t.minute = (int)(sod / SECS_PER_MIN % MINS_PER_HOUR);
	t.second = (int)(sod % SECS_PER_MIN);
	return t;
}

static int64_t secs_of(const struct rtc_time *t)
{
	int month = t->month < 1 ? 1 : t->month > MONTHS ? MONTHS : t->month;

	return rtc_days_from_civil(t->year, month, t->day) * SECS_PER_DAY +
	       (int64_t)t->hour * SECS_PER_HOUR + (int64_t)t->minute * SECS_PER_MIN + t->second;
}

static bool setting(const struct rtc_cmos *rtc)
{
	return rtc->ram[RTC_REG_B] & RTC_B_SET;
}

static struct rtc_time current_time(const struct rtc_cmos *rtc, uint64_t now)
{
	return setting(rtc) ? rtc->held : time_of(wall_sec(rtc, now));
}

/* Moves the RTC to 't', keeping the phase of the second (the divider chain is not reset). */
static void set_time(struct rtc_cmos *rtc, const struct rtc_time *t, uint64_t now)
{
	rtc->base_sec += secs_of(t) - wall_sec(rtc, now);
}

static uint8_t encode(const struct rtc_cmos *rtc, int64_t v)
{
	v %= YEARS_PER_CENTURY;
	if (v < 0)
		v += YEARS_PER_CENTURY;
	if (rtc->ram[RTC_REG_B] & RTC_B_DM_BINARY)
		return (uint8_t)v;
	return (uint8_t)((v / BCD_RADIX) << NIBBLE_BITS | v % BCD_RADIX);
}

static int decode(const struct rtc_cmos *rtc, uint8_t raw)
{
	if (rtc->ram[RTC_REG_B] & RTC_B_DM_BINARY)
		return raw;
	return (raw >> NIBBLE_BITS) * BCD_RADIX + (raw & NIBBLE_MASK);
}

static uint8_t encode_hour(const struct rtc_cmos *rtc, int hour)
{
	int h12;

	if (rtc->ram[RTC_REG_B] & RTC_B_24H)
		return encode(rtc, hour);
	h12 = hour % HOURS_HALF_DAY ? hour % HOURS_HALF_DAY : HOURS_HALF_DAY;
	return encode(rtc, h12) | (hour >= HOURS_HALF_DAY ? RTC_HOUR_PM : 0);
}

static int decode_hour(const struct rtc_cmos *rtc, uint8_t raw)
{
	if (rtc->ram[RTC_REG_B] & RTC_B_24H)
		return decode(rtc, raw);
	return decode(rtc, raw & ~RTC_HOUR_PM) % HOURS_HALF_DAY + (raw & RTC_HOUR_PM ? HOURS_HALF_DAY : 0);
}

static uint8_t read_time_reg(const struct rtc_cmos *rtc, uint8_t index, uint64_t now)
{
	struct rtc_time t = current_time(rtc, now);
	int64_t days;

	switch (index) {
	case RTC_SECONDS:	return encode(rtc, t.second);
	case RTC_MINUTES:	return encode(rtc, t.minute);
	case RTC_HOURS:		return encode_hour(rtc, t.hour);
	case RTC_DAY_OF_MONTH:	return encode(rtc, t.day);
	case RTC_MONTH:		return encode(rtc, t.month);
	case RTC_YEAR:		return encode(rtc, t.year);
	case RTC_CENTURY:	return encode(rtc, floor_div(t.year, YEARS_PER_CENTURY));
	default:
		days = rtc_days_from_civil(t.year, t.month, t.day) + EPOCH_WEEKDAY;
		return encode(rtc, days - floor_div(days, DAYS_PER_WEEK) * DAYS_PER_WEEK + 1);
	}
}

static bool is_time_reg(uint8_t index)
{
	return index == RTC_SECONDS || index == RTC_MINUTES || index == RTC_HOURS ||
	       (index >= RTC_DAY_OF_WEEK && index <= RTC_YEAR) || index == RTC_CENTURY;
}

/* The day of week is derived from the date here, so writes to it are dropped. */
static void write_time_reg(struct rtc_cmos *rtc, uint8_t index, uint8_t v, uint64_t now)
{
	struct rtc_time t = current_time(rtc, now);
	int64_t century = floor_div(t.year, YEARS_PER_CENTURY);

	switch (index) {
	case RTC_SECONDS:	t.second = decode(rtc, v); break;
	case RTC_MINUTES:	t.minute = decode(rtc, v); break;
	case RTC_HOURS:		t.hour = decode_hour(rtc, v); break;
	case RTC_DAY_OF_MONTH:	t.day = decode(rtc, v); break;
	case RTC_MONTH:		t.month = decode(rtc, v); break;
	case RTC_YEAR:		t.year = century * YEARS_PER_CENTURY + decode(rtc, v); break;
	case RTC_CENTURY:
		t.year += (decode(rtc, v) - century) * YEARS_PER_CENTURY;
		break;
	default:		return;
	}
	if (setting(rtc))
		rtc->held = t;
	else
		set_time(rtc, &t, now);
}

/* Periodic interrupt period in 32.768 kHz clocks, 0 if RS selects none (MC146818 table 5). */
static uint64_t periodic_ticks(const struct rtc_cmos *rtc)
{
	unsigned rs = rtc->ram[RTC_REG_A] & RTC_A_RS_MASK;

	if (rs == 0)
		return 0;
	if (rs < RS_FAST_MIN)
		rs += RS_SLOW_ALIAS;
	return 1ull << (rs - 1);
}

static uint64_t timebase_ticks(uint64_t ns)
{
	return dev_muldiv(ns, RTC_TIMEBASE_HZ, NSEC_PER_SEC);
}

/* An alarm byte against a time field: don't-care, or equal in the current format. */
static bool alarm_field_matches(const struct rtc_cmos *rtc, uint8_t raw, int value, bool hours)
{
	if ((raw & RTC_ALARM_DONT_CARE) == RTC_ALARM_DONT_CARE)
		return true;
	return (hours ? decode_hour(rtc, raw) : decode(rtc, raw)) == value;
}

/* The first wall second after 'after' at which the alarm matches, or ALARM_NONE (2 days ahead at most). */
static int64_t next_alarm_sec(const struct rtc_cmos *rtc, int64_t after)
{
	uint8_t ah = rtc->ram[RTC_HOURS_ALARM], am = rtc->ram[RTC_MINUTES_ALARM];
	uint8_t as = rtc->ram[RTC_SECONDS_ALARM];
	int64_t first = after + 1, day0 = floor_div(first, SECS_PER_DAY) * SECS_PER_DAY;

	for (int64_t day = day0; day <= day0 + SECS_PER_DAY; day += SECS_PER_DAY) {
		for (int h = 0; h < HOURS_PER_DAY; h++) {
			if (!alarm_field_matches(rtc, ah, h, true) ||
			    day + (h + 1) * SECS_PER_HOUR <= first)
				continue;
			for (int m = 0; m < MINS_PER_HOUR; m++) {
				int64_t minute = day + h * SECS_PER_HOUR + m * SECS_PER_MIN;
				int64_t lo = first > minute ? first - minute : 0;

				if (lo >= SECS_PER_MIN || !alarm_field_matches(rtc, am, m, false))
					continue;
				if ((as & RTC_ALARM_DONT_CARE) == RTC_ALARM_DONT_CARE)
					return minute + lo;
				if (decode(rtc, as) >= lo && decode(rtc, as) < SECS_PER_MIN)
					return minute + decode(rtc, as);
			}
		}
	}
	return ALARM_NONE;
}

/* Accounts the periodic, update and alarm events between checked_ns and 'now' into register C. */
static void update_flags(struct rtc_cmos *rtc, uint64_t now)
{
	uint64_t from = rtc->checked_ns, p = periodic_ticks(rtc);

	if (now <= from)
		return;
	if (p && timebase_ticks(now) / p > timebase_ticks(from) / p)
		rtc->ram[RTC_REG_C] |= RTC_C_PF;
	if (!setting(rtc)) {
		int64_t s0 = wall_sec(rtc, from), s1 = wall_sec(rtc, now);

		if (s1 > s0)
			rtc->ram[RTC_REG_C] |= RTC_C_UF;
		if (s1 > s0 && next_alarm_sec(rtc, s0) <= s1)
			rtc->ram[RTC_REG_C] |= RTC_C_AF;
	}
	rtc->checked_ns = now;
}

static void update_irq(struct rtc_cmos *rtc)
{
	uint8_t b = rtc->ram[RTC_REG_B], c = rtc->ram[RTC_REG_C] & ~RTC_C_IRQF;
	bool level = ((b & RTC_B_PIE) && (c & RTC_C_PF)) || ((b & RTC_B_AIE) && (c & RTC_C_AF)) ||
		     ((b & RTC_B_UIE) && (c & RTC_C_UF));

	rtc->ram[RTC_REG_C] = c | (level ? RTC_C_IRQF : 0);
	if (level != rtc->irq_level) {
		rtc->irq_level = level;
		dev_set_irq(&rtc->irq, rtc->gsi, level);
	}
}

void rtc_init(struct rtc_cmos *rtc, const struct dev_clock *clock, const struct dev_irq *irq,
	      unsigned gsi, int64_t host_unix_ns, int32_t utc_offset_s)
{
	uint64_t now = dev_now(clock);
	int64_t base = host_unix_ns + (int64_t)utc_offset_s * (int64_t)NSEC_PER_SEC - (int64_t)now;

	memset(rtc, 0, sizeof(*rtc));
	rtc->clock = *clock;
	rtc->irq = *irq;
	rtc->gsi = gsi;
	rtc->base_sec = floor_div(base, (int64_t)NSEC_PER_SEC);
	rtc->base_frac_ns = base - rtc->base_sec * (int64_t)NSEC_PER_SEC;
	rtc->ram[RTC_REG_A] = RESET_REG_A;
	rtc->ram[RTC_REG_B] = RESET_REG_B;
	rtc->ram[RTC_REG_D] = RTC_D_VRT;
	rtc->checked_ns = now;
}

void rtc_cmos_set_ram(struct rtc_cmos *rtc, uint8_t index, uint8_t value)
{
	if (index > RTC_REG_D && index < RTC_CMOS_SIZE && index != RTC_CENTURY)
		rtc->ram[index] = value;
}

bool rtc_nmi_masked(const struct rtc_cmos *rtc)
{
	return rtc->nmi_masked;
}

static uint8_t read_data(struct rtc_cmos *rtc, uint64_t now)
{
	uint8_t index = rtc->index, v;

	if (is_time_reg(index))
		return read_time_reg(rtc, index, now);
	switch (index) {
	case RTC_REG_A:
		v = rtc->ram[RTC_REG_A] & ~RTC_A_UIP;
		if (!setting(rtc) && wall_frac_ns(rtc, now) >= NSEC_PER_SEC - RTC_UIP_NS)
			v |= RTC_A_UIP;
		return v;
	case RTC_REG_C:
		v = rtc->ram[RTC_REG_C];
		rtc->ram[RTC_REG_C] = 0;	/* reading C clears every flag and IRQF */
		update_irq(rtc);
		return v;
	default:
		return rtc->ram[index];
	}
}

static void write_reg_b(struct rtc_cmos *rtc, uint8_t v, uint64_t now)
{
	bool was_setting = setting(rtc);

	if (v & RTC_B_SET) {
		if (!was_setting)
			rtc->held = current_time(rtc, now);
		v &= ~RTC_B_UIE;	/* SET clears UIE */
	}
	rtc->ram[RTC_REG_B] = v;
	if (was_setting && !(v & RTC_B_SET))
		set_time(rtc, &rtc->held, now);
}

static void write_data(struct rtc_cmos *rtc, uint8_t v, uint64_t now)
{
	uint8_t index = rtc->index;

	if (is_time_reg(index)) {
		write_time_reg(rtc, index, v, now);
		return;
	}
	switch (index) {
	case RTC_REG_A:
		rtc->ram[RTC_REG_A] = v & ~RTC_A_UIP;
		break;
	case RTC_REG_B:
		write_reg_b(rtc, v, now);
		break;
	case RTC_REG_C:
	case RTC_REG_D:
		break;	/* read-only */
	default:
		rtc->ram[index] = v;
		break;
	}
}

static uint8_t rtc_inb(void *opaque, uint16_t port)
{
	struct rtc_cmos *rtc = opaque;
	uint64_t now = dev_now(&rtc->clock);

	if (port != PLATFORM_RTC_DATA)
		return 0xFF;	/* the index port is write-only */
	update_flags(rtc, now);
	return read_data(rtc, now);
}

static void rtc_outb(void *opaque, uint16_t port, uint8_t value)
{
	struct rtc_cmos *rtc = opaque;
	uint64_t now = dev_now(&rtc->clock);

	if (port == PLATFORM_RTC_INDEX) {
		rtc->index = value & RTC_INDEX_MASK;
		rtc->nmi_masked = value & RTC_NMI_DISABLE;
		return;
	}
	if (port != PLATFORM_RTC_DATA)
		return;
	/* Events so far count under the old settings, later ones under the new. */
	update_flags(rtc, now);
	write_data(rtc, value, now);
	update_irq(rtc);
}

uint32_t rtc_read(struct rtc_cmos *rtc, uint16_t port, unsigned size)
{
	return dev_split_read(rtc_inb, rtc, port, size);
}

void rtc_write(struct rtc_cmos *rtc, uint16_t port, unsigned size, uint32_t value)
{
	dev_split_write(rtc_outb, rtc, port, size, value);
}

/* Guest time at which the RTC reaches wall second 'sec' (never before guest time 0). */
static uint64_t mono_of_wall_sec(const struct rtc_cmos *rtc, int64_t sec)
{
	int64_t ns = (sec - rtc->base_sec) * (int64_t)NSEC_PER_SEC - rtc->base_frac_ns;

	return ns < 0 ? 0 : (uint64_t)ns;
}

uint64_t rtc_next_deadline_ns(const struct rtc_cmos *rtc)
{
	uint8_t b = rtc->ram[RTC_REG_B];
	uint64_t best = DEV_NO_DEADLINE, p = periodic_ticks(rtc), t;
	int64_t s;

	if (rtc->irq_level)
		return DEV_NO_DEADLINE;	/* the line is up until the guest reads C */
	if ((b & RTC_B_PIE) && p) {
		t = dev_muldiv_up((timebase_ticks(rtc->checked_ns) / p + 1) * p, NSEC_PER_SEC,
				  RTC_TIMEBASE_HZ);
		best = t;
	}
	if (setting(rtc))
		return best;
	s = wall_sec(rtc, rtc->checked_ns);
	if ((b & RTC_B_UIE) && (t = mono_of_wall_sec(rtc, s + 1)) < best)
		best = t;
	if (b & RTC_B_AIE) {
		int64_t a = next_alarm_sec(rtc, s);

		if (a != ALARM_NONE && (t = mono_of_wall_sec(rtc, a)) < best)
			best = t;
	}
	return best;
}

void rtc_advance(struct rtc_cmos *rtc, uint64_t now_ns)
{
	update_flags(rtc, now_ns);
	update_irq(rtc);
}
