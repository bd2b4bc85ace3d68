/*
 * copy.h — moving bytes between the kernel and the current task's user memory.
 *
 * Every user address goes through these. They check the range lies in user space, then
 * copy with a recovery point: a fault on the user side (unmapped, not writable) makes
 * them return an error instead of panicking the kernel. Implemented by the machine layer.
 */
#ifndef KERN_COPY_H
#define KERN_COPY_H

#include <stddef.h>
#include <stdint.h>

/* 0 on success, -1 on a bad address. Inline (arch/x86_64/copy.h): every message is
 * copied in and out through them. */
static inline int copyin(uint64_t user_src, void *kernel_dst, size_t len);
static inline int copyout(const void *kernel_src, uint64_t user_dst, size_t len);

/* The same for lengths that are multiples of 8 (messages), copied inline. */
static inline int copyin_words(uint64_t user_src, void *kernel_dst, size_t len);
static inline int copyout_words(const void *kernel_src, uint64_t user_dst, size_t len);

/* copyin_words for len <= COPY_SMALL_MAX with a one-compare check: it also fails (-1)
 * for a buffer that starts less than COPY_SMALL_MAX bytes below the top of user space,
 * whatever len, so a caller that gets -1 takes a path with the exact check. Then
 * copyout_words_small to that same user address needs no check for len <=
 * COPY_SMALL_MAX (larger ones are checked). */
#define COPY_SMALL_MAX 512
static inline int copyin_words_small(uint64_t user_src, void *kernel_dst, size_t len);
static inline int copyout_words_small(const void *kernel_src, uint64_t user_dst, size_t len);

/* Copies up to max bytes of a NUL-terminated user string. Returns its length when the
 * NUL was found within max bytes (dst then holds it, terminated), max when it was not
 * (dst holds max bytes, unterminated), or -1 on a bad address. */
long copyinstr_chunk(uint64_t user_src, char *dst, size_t max);

#include <arch/x86_64/copy.h>

#endif
