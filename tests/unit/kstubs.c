/*
 * kstubs.c — the host's stand-ins for kernel symbols the portable sources call, and the
 * runner shared by the unit tests (see ktest.h).
 *
 * panic() here formats with the host's vsnprintf (not the kernel's k_vsnprintf), so a
 * bug in kern/format.c cannot hide or garble a panic message in the tests.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <kern/panic.h>
#include "ktest.h"

static const char *expected_panic;

void kstub_expect_panic(const char *substr)
{
	expected_panic = substr;
}

void panic(const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "panic: %s\n", msg);
	if (expected_panic && !strstr(msg, expected_panic)) {
		fprintf(stderr, "panic: expected a panic saying \"%s\"\n", expected_panic);
		fflush(stderr);
		_exit(1);
	}
	fflush(stderr);
	abort();
}

int ktest_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
