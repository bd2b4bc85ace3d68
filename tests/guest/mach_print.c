/*
 * mach_print.c — the mach_print trap (-30) with good strings, and with every kind of
 * bad pointer: each must return KERN_INVALID_ADDRESS, print nothing, and leave the
 * kernel serving the next call.
 */
//! expect 'hello from mach_print'
//! expect 'xxxxxxxxxxEND-OF-LONG-STRING'
//! expect 'still serving after bad pointers'
//! expect '^guest: [0-9]+ checks, 0 failed'
//! reject 'mach_printZ'
#include "guest.h"
#include <stddef.h>

#define KERN_SUCCESS 0
#define KERN_INVALID_ADDRESS 1

static char long_string[6000];

static void check_long_string(void)
{
	/* Longer than the kernel's copy chunk, across several pages. */
	size_t i;
	for (i = 0; i < 5000; i++)
		long_string[i] = 'x';
	const char *tail = "END-OF-LONG-STRING\n";
	while (*tail)
		long_string[i++] = *tail++;
	long_string[i] = '\0';
	CHECK_EQ(mach_print(long_string), KERN_SUCCESS);
}

static void check_bad_pointers(void)
{
	CHECK_EQ(mach_print(NULL), KERN_INVALID_ADDRESS);
	CHECK_EQ(mach_print((const char *)0x10000000), KERN_INVALID_ADDRESS);          /* unmapped */
	CHECK_EQ(mach_print((const char *)0xffffffff80100000ul), KERN_INVALID_ADDRESS); /* kernel image */
	CHECK_EQ(mach_print((const char *)0xffff800000000000ul), KERN_INVALID_ADDRESS); /* direct map */
	CHECK_EQ(mach_print((const char *)0x0000800000000000ul), KERN_INVALID_ADDRESS); /* non-canonical */
	CHECK_EQ(mach_print((const char *)-1l), KERN_INVALID_ADDRESS);
}

/* The last argument string is the top of the stack: its NUL is the last mapped byte.
 * Without it, the string runs into unmapped memory. */
static void check_unterminated(char *last_arg)
{
	size_t n = 0;
	while (last_arg[n])
		n++;
	last_arg[n] = 'Z';
	CHECK_EQ(mach_print(last_arg), KERN_INVALID_ADDRESS);
	last_arg[n] = '\0';
}

int main(int argc, char **argv)
{
	CHECK_EQ(mach_print("hello from mach_print\n"), KERN_SUCCESS);
	CHECK_EQ(mach_print(""), KERN_SUCCESS);
	check_long_string();
	check_bad_pointers();
	check_unterminated(argv[argc - 1]);
	CHECK_EQ(mach_print("still serving after bad pointers\n"), KERN_SUCCESS);
	return guest_finish();
}
