/*
 * guest.h — the little test library guest programs use: checks that print a line on
 * failure, number printing, and a summary that becomes the task's exit status.
 */
#ifndef GUEST_H
#define GUEST_H

#include "portico_traps.h"

void guest_print(const char *s);
void guest_print_dec(long v);
void guest_print_hex(unsigned long v);

void guest_check(int ok, const char *expr, const char *file, int line);
void guest_check_eq(long got, long want, const char *got_expr, const char *want_expr,
		    const char *file, int line);

#define CHECK(cond) guest_check(!!(cond), #cond, __FILE__, __LINE__)
#define CHECK_EQ(got, want) \
	guest_check_eq((long)(got), (long)(want), #got, #want, __FILE__, __LINE__)

/* Prints "guest: N checks, M failed" and returns the exit status (0 when none failed). */
int guest_finish(void);

#endif
