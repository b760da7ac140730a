/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared-memory primitives for the ring: one-shot loads and stores, barriers, copy.
 *
 * Internal to vmbus/. Builds only on compiler builtins and inline asm so the
 * library stays freestanding.
 */
#ifndef BULKHEAD_VMBUS_RING_ARCH_H
#define BULKHEAD_VMBUS_RING_ARCH_H

#include <stddef.h>
#include <stdint.h>

/* Descriptor words are decoded with shifts: VMBus peers are little-endian. */
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "VMBus rings are little-endian"
#endif

/*
 * A peer-written field is read exactly once through these and the local copy
 * is what gets checked and used, so the compiler can neither re-load it after
 * the check nor tear it.
 */
static inline uint32_t shared_load(const uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static inline void shared_store(uint32_t *p, uint32_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELAXED);
}

/* Load of the peer's index that orders our later loads (or stores) of the ring
 * bytes it covers after it: acquire pairs with the peer's release store. */
static inline uint32_t shared_load_acquire(const uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

/* Store of our index that orders every earlier access to the ring bytes it
 * hands over before it: release pairs with the peer's acquire load (Linux
 * pairs its virt_load_acquire() with a full barrier or a release). */
static inline void shared_store_release(uint32_t *p, uint32_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELEASE);
}

/* Ring positions are 8-byte aligned (checked) and so is the data area, so a
 * descriptor or trailer is whole aligned words: one untearable access each. */
static inline uint64_t shared_load_word(const void *p)
{
	return __atomic_load_n((const uint64_t *)p, __ATOMIC_RELAXED);
}

static inline void shared_store_word(void *p, uint64_t v)
{
	__atomic_store_n((uint64_t *)p, v, __ATOMIC_RELAXED);
}

/*
 * Full barrier: orders an earlier store before a later load, the one
 * reordering x86 (TSO) allows and the one every "store my state, then look at
 * the peer's" handshake here depends on. On x86-64 a locked add to the stack
 * is as strong as mfence for ordinary memory and cheaper (Linux smp_mb()); it
 * adds zero, so the word below the stack pointer is left as it was even
 * without a red zone.
 */
static inline void ring_full_barrier(void)
{
#if defined(__x86_64__)
	__asm__ __volatile__("lock; addl $0,-4(%%rsp)" ::: "memory", "cc");
#else
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

/*
 * Copy routine for ring data. The freestanding core uses its own (rep movsb on
 * x86-64, fast with ERMS, which every x86-64 we target has; a word loop
 * elsewhere). A hosted build may define VMBUS_RING_USE_MEMCPY to use the C
 * library's memcpy: it is faster for small copies, and under AddressSanitizer
 * (fuzzers, sanitizer tests) memcpy is checked, where inline asm is not.
 */
#if defined(VMBUS_RING_USE_MEMCPY)
static inline void ring_copy(void *dst, const void *src, size_t len)
{
	__builtin_memcpy(dst, src, len);
}
#elif defined(__x86_64__)
static inline void ring_copy(void *dst, const void *src, size_t len)
{
	__asm__ __volatile__("rep movsb"
			     : "+D"(dst), "+S"(src), "+c"(len)
			     :
			     : "memory");
}
#else
static inline void ring_copy(void *dst, const void *src, size_t len)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	/* The empty asm keeps the compiler from turning the loop back into a
	 * call to memcpy, which a freestanding image may not have. */
	for (size_t i = 0; i < len; i++) {
		__asm__("" : "+r"(i));
		d[i] = s[i];
	}
}
#endif

#endif
