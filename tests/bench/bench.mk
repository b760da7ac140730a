# SPDX-License-Identifier: GPL-2.0
# Boot-time benchmark (issue 2): needs the ESP image.
BENCH_GROUPS += boot
.PHONY: bench-boot
bench-boot: $(B)/esp.img
	@tests/bench/boot_bench.py

# Child partitions (issue 5): create-to-init and intercept round trips.
BENCH_GROUPS += partition
.PHONY: bench-partition
bench-partition: $(B)/esp.img
	@tests/bench/partition_bench.py
