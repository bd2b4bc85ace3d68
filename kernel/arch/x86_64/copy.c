/*
 * copy.c — copyinstr_chunk and the fault recovery table (kern/copy.h; copyin and copyout
 * are inline in arch/x86_64/copy.h): range checks here, the faulting
 * instructions in copy_user.S, the recovery in trap.c (copy_fixup_lookup).
 */
#include <kern/copy.h>
#include <arch/x86_64/layout.h>

long copy_user_string(char *dst, const char *src, size_t max);

long copyinstr_chunk(uint64_t user_src, char *dst, size_t max)
{
	if (max == 0)
		return 0;
	if (!user_range_ok(user_src, 1))
		return -1;
	/* Never read past the end of user space: a string still running there is as bad as
	 * an unmapped one. */
	int clamped = max > USER_MAX - user_src;
	if (clamped)
		max = USER_MAX - user_src;
	long n = copy_user_string(dst, (const char *)user_src, max);
	if (clamped && n == (long)max)
		return -1;
	return n;
}

struct copy_fixup {
	uint64_t rip, resume;
};
extern const struct copy_fixup __copy_fixup_start[], __copy_fixup_end[];

uint64_t copy_fixup_lookup(uint64_t rip)
{
	for (const struct copy_fixup *f = __copy_fixup_start; f < __copy_fixup_end; f++)
		if (f->rip == rip)
			return f->resume;
	return 0;
}
