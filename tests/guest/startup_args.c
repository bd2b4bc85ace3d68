/*
 * startup_args.c — the first task's initial stack: argc, argv from the module's command
 * line, an empty environment, and a 16-byte aligned stack pointer at entry.
 */
//! modules() { printf '%s|%s\n' "$test_path" "/boot/startup_args one two  three"; }
//! expect '^guest: [0-9]+ checks, 0 failed'
#include "guest.h"
#include <stdint.h>

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

int main(int argc, char **argv, char **envp)
{
	CHECK_EQ(argc, 4);
	CHECK(streq(argv[0], "/boot/startup_args"));
	CHECK(streq(argv[1], "one"));
	CHECK(streq(argv[2], "two"));
	CHECK(streq(argv[3], "three"));
	CHECK(argv[4] == 0);
	CHECK(envp == argv + 5 && envp[0] == 0);
	/* rsp pointed at argc, just below argv, and must be 16-byte aligned there. */
	CHECK_EQ(((uintptr_t)(argv - 1)) % 16, 0);
	return guest_finish();
}
