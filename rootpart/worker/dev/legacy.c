// SPDX-License-Identifier: GPL-2.0
/* i8042 status and reset line, POST code sink, PIIX-style reset control register. */
#include "legacy.h"

#include <string.h>

#include "platform.h"

void legacy_init(struct legacy *l, const struct legacy_ops *ops)
{
	memset(l, 0, sizeof(*l));
	l->ops = *ops;
	l->i8042_status = I8042_STR_SYSFLAG | I8042_STR_KEYLOCK;
}

static void request_reset(struct legacy *l)
{
	if (l->ops.reset)
		l->ops.reset(l->ops.opaque);
}

static void i8042_command(struct legacy *l, uint8_t cmd)
{
	l->i8042_status |= I8042_STR_CMDDAT;
	l->i8042_expect_output = cmd == I8042_CMD_WRITE_OUTPUT;
	/* Linux's reboot=k writes 0xFE: pulse bit 0, the CPU reset line. */
	if ((cmd & I8042_PULSE_MASK) == I8042_CMD_PULSE_BASE && !(cmd & I8042_OUT_RESET))
		request_reset(l);
}

static void i8042_data(struct legacy *l, uint8_t v)
{
	l->i8042_status &= ~I8042_STR_CMDDAT;
	if (l->i8042_expect_output && !(v & I8042_OUT_RESET))
		request_reset(l);
	l->i8042_expect_output = false;
}

static uint8_t legacy_inb(void *opaque, uint16_t port)
{
	struct legacy *l = opaque;

	switch (port) {
	case PLATFORM_I8042_CMD:
		return l->i8042_status;
	case PLATFORM_I8042_DATA:
		return 0;	/* the output buffer is never full */
	case PLATFORM_POST_PORT:
		return l->post_code;
	case PLATFORM_RESET_PORT:
		return l->rst_cnt;
	default:
		return 0xFF;
	}
}

static void legacy_outb(void *opaque, uint16_t port, uint8_t v)
{
	struct legacy *l = opaque;
	bool rising;

	switch (port) {
	case PLATFORM_I8042_CMD:
		i8042_command(l, v);
		break;
	case PLATFORM_I8042_DATA:
		i8042_data(l, v);
		break;
	case PLATFORM_POST_PORT:
		l->post_code = v;
		break;
	case PLATFORM_RESET_PORT:
		rising = (v & RST_CNT_RST_CPU) && !(l->rst_cnt & RST_CNT_RST_CPU);
		l->rst_cnt = v & RST_CNT_WRITABLE;
		if (rising) {
			l->rst_cnt &= ~RST_CNT_RST_CPU;	/* self-clearing */
			request_reset(l);
		}
		break;
	}
}

/* Only a byte access decodes to RST_CNT; wider ones over 0xCF9 are PCI configuration cycles. */
static bool claims(uint16_t port, unsigned size)
{
	unsigned n = dev_access_bytes(size);

	return n == 1 || PLATFORM_RESET_PORT < port || PLATFORM_RESET_PORT >= port + n;
}

uint32_t legacy_read(struct legacy *l, uint16_t port, unsigned size)
{
	if (!claims(port, size))
		return dev_ones(size);
	return dev_split_read(legacy_inb, l, port, size);
}

void legacy_write(struct legacy *l, uint16_t port, unsigned size, uint32_t value)
{
	if (claims(port, size))
		dev_split_write(legacy_outb, l, port, size, value);
}

uint8_t legacy_post_code(const struct legacy *l)
{
	return l->post_code;
}
