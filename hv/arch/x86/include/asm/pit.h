/* SPDX-License-Identifier: GPL-2.0 */
/* The 8254 PIT as a calibration clock (Intel 8254 data sheet; PC/AT port 0x61). */
#ifndef ASM_PIT_H
#define ASM_PIT_H

#define PIT_HZ              1193182u
#define PIT_CH0_DATA        0x40
#define PIT_CMD_CH0_MODE0   0x30	/* channel 0, lo/hi byte, mode 0, binary */
#define PIT_CMD_CH0_LATCH   0x00	/* counter latch command for channel 0 */
#define PIT_COUNTER_MAX     0xFFFFu
#define PIT_CH2_DATA        0x42
#define PIT_COMMAND         0x43
#define PIT_CMD_CH2_MODE0   0xB0	/* channel 2, lo/hi byte, mode 0, binary */
#define PC_SPEAKER_PORT     0x61
#define PC_SPEAKER_GATE2    0x01	/* gate of PIT channel 2 */
#define PC_SPEAKER_DATA     0x02	/* speaker output enable */
#define PC_SPEAKER_OUT2     0x20	/* PIT channel 2 output (read) */

#endif
