/* SPDX-License-Identifier: GPL-2.0 */
/* The odd ports a PC kernel touches: i8042 status and reset, POST codes, the 0xCF9 reset register. */
#ifndef WORKER_LEGACY_H
#define WORKER_LEGACY_H

#include <stdbool.h>
#include <stdint.h>

#include "dev.h"

/* i8042 status register (port 0x64 read), as an idle controller with nothing attached shows it. */
#define I8042_STR_OBF        0x01	/* output buffer full */
#define I8042_STR_IBF        0x02	/* input buffer full */
#define I8042_STR_SYSFLAG    0x04	/* self test passed */
#define I8042_STR_CMDDAT     0x08	/* last write was a command */
#define I8042_STR_KEYLOCK    0x10	/* 1: keyboard not inhibited */
#define I8042_CMD_WRITE_OUTPUT 0xD1	/* next data byte goes to the output port */
#define I8042_CMD_PULSE_BASE 0xF0	/* 0xF0-0xFF pulse output port bits 3:0 low for 6 us */
#define I8042_PULSE_MASK     0xF0
#define I8042_OUT_RESET      0x01	/* output port bit 0: CPU reset, active low */

/* PIIX/ICH reset control register at 0xCF9. */
#define RST_CNT_SYS_RST      0x02	/* full (hard) reset when RST_CPU fires */
#define RST_CNT_RST_CPU      0x04	/* 0 -> 1 starts the reset */
#define RST_CNT_FULL_RST     0x08
#define RST_CNT_WRITABLE     (RST_CNT_SYS_RST | RST_CNT_RST_CPU | RST_CNT_FULL_RST)

struct legacy_ops {
	/* The guest asked for a platform reset (8042 pulse or 0xCF9). */
	void (*reset)(void *opaque);
	void *opaque;
};

struct legacy {
	struct legacy_ops ops;
	uint8_t post_code;
	uint8_t rst_cnt;
	bool i8042_expect_output;	/* after I8042_CMD_WRITE_OUTPUT */
	uint8_t i8042_status;
};

void legacy_init(struct legacy *l, const struct legacy_ops *ops);

/*
 * Ports PLATFORM_I8042_DATA/CMD, PLATFORM_POST_PORT and PLATFORM_RESET_PORT
 * by absolute number. 0xCF9 decodes byte accesses only: a wider access there
 * belongs to the PCI configuration ports 0xCF8-0xCFF, which are not emulated.
 */
uint32_t legacy_read(struct legacy *l, uint16_t port, unsigned size);
void legacy_write(struct legacy *l, uint16_t port, unsigned size, uint32_t value);

/* The last byte written to the POST port. */
uint8_t legacy_post_code(const struct legacy *l);

#endif
