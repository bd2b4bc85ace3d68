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

#endif
