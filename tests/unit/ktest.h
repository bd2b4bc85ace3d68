/*
 * ktest.h — what every host unit test shares (kstubs.c): the host panic(), a way to
 * say which panic a test expects, and the runner.
 *
 * panic() prints its message to stderr and calls abort(), so a test registered with
 * tcase_add_test_raise_signal(tc, fn, SIGABRT) passes when the kernel code panics.
 * Check forks every test, so the abort ends only that test.
 */
#ifndef TESTS_UNIT_KTEST_H
#define TESTS_UNIT_KTEST_H

#include <check.h>

/* The next panic must contain `substr` in its message; any other panic ends the test
 * with exit status 1 instead of SIGABRT, which fails a test expecting SIGABRT. This way
 * a test of "double free" cannot pass by tripping over some other check. */
void kstub_expect_panic(const char *substr);

/* Runs every test of the suite (Check's default fork mode, verbosity from
 * CK_VERBOSITY) and returns the exit status for main. */
int ktest_run(Suite *s);

#endif
