/*
 * copy.h — the x86_64 copyin/copyout (declared in kern/copy.h): a range check, then
 * copy_user_bytes (copy_user.S), whose faults on user memory resume at an error return.
 */
#ifndef ARCH_X86_64_COPY_H
#define ARCH_X86_64_COPY_H

#include <arch/x86_64/layout.h>
#include <stddef.h>
#include <stdint.h>

long copy_user_bytes(void *dst, const void *src, size_t len);

static inline int copyin(uint64_t user_src, void *kernel_dst, size_t len)
{
	if (len == 0)
		return 0;
	if (!user_range_ok(user_src, len))
		return -1;
	return copy_user_bytes(kernel_dst, (const void *)user_src, len) ? -1 : 0;
}

static inline int copyout(const void *kernel_src, uint64_t user_dst, size_t len)
{
	if (len == 0)
		return 0;
	if (!user_range_ok(user_dst, len))
		return -1;
	return copy_user_bytes((void *)user_dst, kernel_src, len) ? -1 : 0;
}

/* Whole 8-byte words (len a multiple of 8), inline: one `rep movsq` listed in the
 * fault table like copy_user.S's, so the hot message copies make no call. */
static inline int copy_user_words(void *dst, const void *src, size_t len)
{
	int err = 0;
	size_t words = len / 8;
	__asm__ volatile("1:	rep movsq\n"
			 "2:\n"
			 "	.pushsection .copy_fixup, \"a\"\n"
			 "	.balign 8\n"
			 "	.quad 1b, 3f\n"
			 "	.popsection\n"
			 "	.pushsection .text.unlikely, \"ax\"\n"
			 "3:	movl $-1, %0\n"
			 "	jmp 2b\n"
			 "	.popsection\n"
			 : "+r"(err), "+D"(dst), "+S"(src), "+c"(words) : : "memory");
	return err;
}

static inline int copyin_words(uint64_t user_src, void *kernel_dst, size_t len)
{
	if (!user_range_ok(user_src, len))
		return -1;
	return copy_user_words(kernel_dst, (const void *)user_src, len);
}

static inline int copyout_words(const void *kernel_src, uint64_t user_dst, size_t len)
{
	if (!user_range_ok(user_dst, len))
		return -1;
	return copy_user_words((void *)user_dst, kernel_src, len);
}

static inline int copyin_words_small(uint64_t user_src, void *kernel_dst, size_t len)
{
	if (user_src - USER_MIN > USER_MAX - USER_MIN - COPY_SMALL_MAX)
		return -1;
	return copy_user_words(kernel_dst, (const void *)user_src, len);
}

static inline int copyout_words_small(const void *kernel_src, uint64_t user_dst, size_t len)
{
	if (len > COPY_SMALL_MAX)
		return copyout_words(kernel_src, user_dst, len);
	return copy_user_words((void *)user_dst, kernel_src, len);
}

#endif
