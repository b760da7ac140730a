# SPDX-License-Identifier: GPL-2.0
# Integration tests: boot the real stack under QEMU and read what it prints.
INTEG_TESTS += tests/integration/test_loader.py tests/integration/test_foundation.py \
               tests/integration/test_partitions.py
