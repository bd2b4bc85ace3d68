/*
 * guest.c — see guest.h. Output goes through mach_print, the one console trap there is.
 */
#include "guest.h"

static int checks, failures;

void guest_print(const char *s)
{
	mach_print(s);
}

void guest_print_hex(unsigned long v)
{
	char buf[19] = "0x";
	int n = 0;
	char digits[16];
	do {
		digits[n++] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	for (int i = 0; i < n; i++)
		buf[2 + i] = digits[n - 1 - i];
	buf[2 + n] = '\0';
	mach_print(buf);
}

void guest_print_dec(long v)
{
	char buf[24];
	int i = sizeof(buf) - 1;
	unsigned long m = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
	buf[i] = '\0';
	do {
		buf[--i] = (char)('0' + m % 10);
		m /= 10;
	} while (m);
	if (v < 0)
		buf[--i] = '-';
	mach_print(buf + i);
}

static void fail_header(const char *file, int line)
{
	failures++;
	mach_print("FAIL: ");
	mach_print(file);
	mach_print(":");
	guest_print_dec(line);
	mach_print(": ");
}

void guest_check(int ok, const char *expr, const char *file, int line)
{
	checks++;
	if (ok)
		return;
	fail_header(file, line);
	mach_print(expr);
	mach_print("\n");
}

void guest_check_eq(long got, long want, const char *got_expr, const char *want_expr,
		    const char *file, int line)
{
	checks++;
	if (got == want)
		return;
	fail_header(file, line);
	mach_print(got_expr);
	mach_print(" is ");
	guest_print_dec(got);
	mach_print(", expected ");
	mach_print(want_expr);
	mach_print(" = ");
	guest_print_dec(want);
	mach_print("\n");
}

int guest_finish(void)
{
	mach_print("guest: ");
	guest_print_dec(checks);
	mach_print(" checks, ");
	guest_print_dec(failures);
	mach_print(" failed\n");
	return failures ? 1 : 0;
}
