/*
 * test_format.c — host tests of the kernel's printf engine (kernel/kern/format.c),
 * linked as k_snprintf/k_vsnprintf/kvformat (see krename.h).
 *
 * Where C defines the result, the kernel's output is compared byte for byte, return
 * value included, with glibc's snprintf: formats are generated from every combination
 * of flags, width, precision, length modifier and conversion, and printed with a list
 * of values chosen around the edges (0, ±1, type limits, values that hh and h cut).
 * Where C leaves the result to the implementation (%p, NULL for %s, a lone % at the
 * end, unknown conversions), the kernel's own documented output is checked instead.
 *
 * Mismatches are collected and printed (up to a limit) rather than stopping at the
 * first one, so one run shows the whole pattern of a bug.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include "ktest.h"
#include "khost.h"

#define BUFSZ 512

static char kbuf[BUFSZ], hbuf[BUFSZ];
static unsigned long compared, mismatches;
static char first_mismatch[1024];

/* Called after both printed the same format into kbuf and hbuf. */
static void same(int line, const char *fmt, int kn, int hn)
{
	compared++;
	if (kn == hn && hn >= 0 && hn < BUFSZ && memcmp(kbuf, hbuf, (size_t)hn + 1) == 0)
		return;
	if (mismatches++ < 20)
		fprintf(stderr, "line %d: format \"%s\": kernel %d \"%s\", glibc %d \"%s\"\n",
			line, fmt, kn, kbuf, hn, hbuf);
	if (mismatches == 1)
		snprintf(first_mismatch, sizeof(first_mismatch),
			 "line %d: format \"%.60s\": kernel %d \"%.200s\", glibc %d \"%.200s\"",
			 line, fmt, kn, kbuf, hn, hbuf);
}

/* Both printers, the same format and arguments. Arguments are evaluated twice. */
#define SAME(fmt, ...)                                                            \
	same(__LINE__, (fmt), k_snprintf(kbuf, BUFSZ, (fmt), __VA_ARGS__),        \
	     snprintf(hbuf, BUFSZ, (fmt), __VA_ARGS__))

/* For formats without conversions: an argument would be "too many" to -Wformat. */
#define SAME0(fmt)                                                                \
	same(__LINE__, (fmt), k_snprintf(kbuf, BUFSZ, (fmt)), snprintf(hbuf, BUFSZ, (fmt)))

static void reset(void)
{
	compared = mismatches = 0;
	first_mismatch[0] = '\0';
}

static void verdict(unsigned long at_least)
{
	ck_assert_msg(mismatches == 0, "%lu of %lu formats differ from glibc; first: %s",
		      mismatches, compared, first_mismatch);
	/* Guards the generator itself: a broken loop must not pass by testing nothing. */
	ck_assert_uint_ge(compared, at_least);
}

/* Every subset of `flags`, in order: "", "-", "0", "-0", ... */
static void subset(char *out, const char *flags, unsigned mask)
{
	size_t n = 0;
	for (size_t i = 0; flags[i]; i++)
		if (mask & (1u << i))
			out[n++] = flags[i];
	out[n] = '\0';
}

static const char *const widths[] = { "", "1", "6", "24" };
static const char *const precisions[] = { "", ".", ".0", ".1", ".4", ".22" };
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- signed conversions: %d %i ---- */

enum len { L_NONE, L_HH, L_H, L_L, L_LL, L_Z, L_T, L_J, L_COUNT };
static const char *const len_str[L_COUNT] = { "", "hh", "h", "l", "ll", "z", "t", "j" };

static const long long signed_values[] = {
	0, 1, -1, 7, -7, 42, -42, 99, 100, -100, 127, 128, -128, -129, 200, 255, 256,
	32767, 32768, -32768, -32769, 65535, 65536, 123456789, -987654321,
	INT_MAX, INT_MIN, (long long)INT_MAX + 1, (long long)INT_MIN - 1,
	LLONG_MAX, LLONG_MIN, LLONG_MIN + 1, 1000000000000LL, -1000000000000LL,
};

static void print_signed(const char *fmt, enum len len, long long v)
{
	switch (len) {
	case L_NONE: case L_HH: case L_H:
		/* hh and h take an int and cut it: pass values wider than the cut. */
		SAME(fmt, (int)v);
		break;
	case L_L: SAME(fmt, (long)v); break;
	case L_LL: SAME(fmt, v); break;
	case L_Z: SAME(fmt, (ssize_t)v); break;
	case L_T: SAME(fmt, (ptrdiff_t)v); break;
	case L_J: SAME(fmt, (intmax_t)v); break;
	default: ck_abort();
	}
}

START_TEST(test_signed_table)
{
	char flags[8], fmt[64];
	reset();
	for (enum len len = 0; len < L_COUNT; len++)
		for (unsigned m = 0; m < 16; m++)
			for (size_t w = 0; w < NELEM(widths); w++)
				for (size_t p = 0; p < NELEM(precisions); p++)
					for (const char *c = "di"; *c; c++) {
						subset(flags, "-0+ ", m);
						snprintf(fmt, sizeof(fmt), "<%%%s%s%s%s%c>", flags,
							 widths[w], precisions[p], len_str[len], *c);
						for (size_t v = 0; v < NELEM(signed_values); v++)
							print_signed(fmt, len, signed_values[v]);
					}
	verdict(100000);
}
END_TEST

/* ---- unsigned conversions: %u %x %X %o ---- */

static const unsigned long long unsigned_values[] = {
	0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 255, 256, 257, 4095, 65535, 65536, 0x7fffffff,
	0x80000000u, UINT_MAX, (unsigned long long)UINT_MAX + 1, 0x123456789abcdefull,
	0x8000000000000000ull, ULLONG_MAX - 1, ULLONG_MAX, 01234567, 0xdeadbeef,
};

static void print_unsigned(const char *fmt, enum len len, unsigned long long v)
{
	switch (len) {
	case L_NONE: case L_HH: case L_H: SAME(fmt, (unsigned)v); break;
	case L_L: SAME(fmt, (unsigned long)v); break;
	case L_LL: SAME(fmt, v); break;
	case L_Z: SAME(fmt, (size_t)v); break;
	case L_T: SAME(fmt, (size_t)v); break;   /* the unsigned type of ptrdiff_t's size */
	case L_J: SAME(fmt, (uintmax_t)v); break;
	default: ck_abort();
	}
}

START_TEST(test_unsigned_table)
{
	char flags[8], fmt[64];
	reset();
	for (enum len len = 0; len < L_COUNT; len++)
		for (unsigned m = 0; m < 32; m++)
			for (size_t w = 0; w < NELEM(widths); w++)
				for (size_t p = 0; p < NELEM(precisions); p++)
					for (const char *c = "uxXo"; *c; c++) {
						/* # is undefined for %u; + and space have no
						 * effect on unsigned conversions. */
						subset(flags, "-0#+ ", m);
						if (*c == 'u' && strchr(flags, '#'))
							continue;
						snprintf(fmt, sizeof(fmt), "<%%%s%s%s%s%c>", flags,
							 widths[w], precisions[p], len_str[len], *c);
						for (size_t v = 0; v < NELEM(unsigned_values); v++)
							print_unsigned(fmt, len, unsigned_values[v]);
					}
	verdict(300000);
}
END_TEST

/* ---- %c, %s, %% ---- */

START_TEST(test_char_table)
{
	static const int chars[] = { 'a', 'Z', ' ', '%', '0', '\n', 0, 127, 128, 255, 0x141 };
	static const char *const fmts[] = {
		"%c", "[%c]", "%1c", "%5c", "%-5c|", "%-1c|", "%c%c", "x%cy",
	};
	reset();
	for (size_t f = 0; f < NELEM(fmts); f++)
		for (size_t i = 0; i < NELEM(chars); i++)
			SAME(fmts[f], chars[i], chars[(i + 1) % NELEM(chars)]);
	verdict(80);
}
END_TEST

START_TEST(test_string_table)
{
	static const char *const strs[] = { "", "x", "hello", "hello, world", "tab\there",
					    "%d not a format", "\xff\x80 high bytes" };
	static const char *const swidths[] = { "", "1", "5", "12", "30" };
	static const char *const sprec[] = { "", ".", ".0", ".2", ".5", ".20" };
	char fmt[64];
	reset();
	for (int left = 0; left < 2; left++)
		for (size_t w = 0; w < NELEM(swidths); w++)
			for (size_t p = 0; p < NELEM(sprec); p++) {
				snprintf(fmt, sizeof(fmt), "[%%%s%s%ss]", left ? "-" : "",
					 swidths[w], sprec[p]);
				for (size_t i = 0; i < NELEM(strs); i++)
					SAME(fmt, strs[i]);
			}
	/* A precision stops reading: the array need not be terminated. */
	static const char unterminated[3] = { 'a', 'b', 'c' };
	SAME("%.3s", unterminated);
	SAME("%.2s|", unterminated);
	verdict(420);
}
END_TEST

START_TEST(test_percent_and_plain)
{
	reset();
	const char *volatile empty = "";   /* -Wformat rejects a literal "" */
	SAME0("%%");
	SAME0("100%%");
	SAME0("%%d%%");
	SAME("%d%%", 5);
	SAME("a%%%db", 7);
	SAME("%s", "");
	SAME0("no conversions at all");
	SAME0(empty);
	SAME("%d %s %c %x %o %u %%", -3, "two", 'c', 255u, 8u, 42u);
	SAME("%5d|%-5d|%05d|%+d|% d", 42, 42, 42, 42, 42);
	SAME("%lu %ld %llx %zu %td %jd", ULONG_MAX, LONG_MIN, ULLONG_MAX, (size_t)SIZE_MAX,
	     (ptrdiff_t)PTRDIFF_MIN, (intmax_t)INTMAX_MIN);
	SAME("%hhd %hhu %hd %hu %hhx %hx", 0x1ff, 0x1ff, 0x18000, 0x18000, -1, -1);
	SAME("%lld|%+lld|%25lld|%-25lld|%.20lld", (long long)INT64_MIN, (long long)INT64_MIN,
	     (long long)INT64_MIN, (long long)INT64_MIN, (long long)INT64_MIN);
	SAME("%" PRId64 " %" PRIu64 " %" PRIx64, INT64_MIN, UINT64_MAX, UINT64_MAX);
	SAME("%.0d|%.0i|%.0u|%.0x|%.0X|%.0o|%#.0x|%#.0o|%5.0d|", 0, 0, 0u, 0u, 0u, 0u, 0u, 0u, 0);
	SAME("%#o %#.3o %#.0o %#5o %#-5o| %#05o %#.5o", 8u, 8u, 8u, 8u, 8u, 8u, 8u);
	SAME("%#x %#X %#08x %#-8x| %#.6x %#10.6X", 255u, 255u, 255u, 255u, 255u, 255u);
	verdict(17);
}
END_TEST

/* ---- * for width and precision ---- */

START_TEST(test_star)
{
	static const int ws[] = { -30, -5, -1, 0, 1, 5, 30 };
	static const int ps[] = { -7, -1, 0, 1, 3, 10 };
	static const char *const fmts[] = {
		"[%*.*d]", "[%-*.*d]", "[%0*.*d]", "[%+*.*i]", "[%*.*u]", "[%*.*x]", "[%#*.*x]",
		"[%#*.*o]", "[% *.*d]", "[%*.*lld]",
	};
	static const long long vals[] = { 0, 1, -1, 42, -12345, 0x7fffffff };
	reset();
	for (size_t f = 0; f < NELEM(fmts); f++)
		for (size_t w = 0; w < NELEM(ws); w++)
			for (size_t p = 0; p < NELEM(ps); p++)
				for (size_t v = 0; v < NELEM(vals); v++) {
					if (strstr(fmts[f], "ll"))
						SAME(fmts[f], ws[w], ps[p], vals[v]);
					else
						SAME(fmts[f], ws[w], ps[p], (int)vals[v]);
				}
	for (size_t w = 0; w < NELEM(ws); w++) {
		SAME("[%*d]", ws[w], 42);
		SAME("[%-*d]", ws[w], 42);     /* - given twice: still left */
		SAME("[%0*d]", ws[w], -42);    /* a negative * width cancels 0 */
		SAME("[%*c]", ws[w], 'q');
		SAME("[%*s]", ws[w], "str");
		for (size_t p = 0; p < NELEM(ps); p++) {
			SAME("[%*.*s]", ws[w], ps[p], "string");
			SAME("[%.*s]", ps[p], "string");
			SAME("[%.*d]", ps[p], 0);
		}
	}
	verdict(2500);
}
END_TEST

/* ---- truncation and the returned length ---- */

START_TEST(test_truncation)
{
	static const char *const strs[] = { "", "a", "hello", "a longer string of text" };
	reset();
	for (size_t i = 0; i < NELEM(strs); i++) {
		int full = (int)strlen(strs[i]) + 8;   /* "[%5d]" of 123 adds 7, plus '|' */
		for (size_t size = 0; size <= (size_t)full + 2; size++) {
			memset(kbuf, '#', BUFSZ);
			memset(hbuf, '#', BUFSZ);
			int kn = k_snprintf(kbuf, size, "%s|[%5d]", strs[i], 123);
			int hn = snprintf(hbuf, size, "%s|[%5d]", strs[i], 123);
			ck_assert_int_eq(kn, hn);
			ck_assert_int_eq(kn, full);
			/* Equal up to and past `size`: nothing written beyond the buffer. */
			ck_assert_msg(memcmp(kbuf, hbuf, BUFSZ) == 0,
				      "size %zu: \"%.*s\" vs \"%.*s\"", size, (int)size, kbuf,
				      (int)size, hbuf);
			if (size)
				ck_assert_uint_eq(strlen(kbuf), (size_t)full < size ? (size_t)full
										 : size - 1);
			else
				ck_assert_int_eq(kbuf[0], '#');
			compared++;
		}
	}
	/* Size 0 with no buffer at all: only the length. */
	const char *volatile empty = "";
	ck_assert_int_eq(k_snprintf(NULL, 0, "%d-%s-%x", -12345, "abc", 0xbeefu), 15);
	ck_assert_int_eq(k_snprintf(NULL, 0, empty, 0), 0);
	ck_assert_int_eq(k_snprintf(NULL, 0, "%300d", 1), 300);
	/* Output longer than the buffer, numbers cut in the middle. */
	char small[4];
	ck_assert_int_eq(k_snprintf(small, sizeof(small), "%d", -123456), 7);
	ck_assert_str_eq(small, "-12");
	ck_assert_int_eq(k_snprintf(small, 1, "%s", "abc"), 3);
	ck_assert_str_eq(small, "");
	verdict(40);
}
END_TEST

static int kv(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = k_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static int hv(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

START_TEST(test_vsnprintf)
{
	static const char *const fmt = "%s=%-6d|%08.3x|%c|%lu";
	for (size_t size = 0; size < 40; size++) {
		memset(kbuf, '#', BUFSZ);
		memset(hbuf, '#', BUFSZ);
		int kn = kv(kbuf, size, fmt, "key", -17, 0xabu, 'z', 123456789012ul);
		int hn = hv(hbuf, size, fmt, "key", -17, 0xabu, 'z', 123456789012ul);
		ck_assert_int_eq(kn, hn);
		ck_assert_msg(memcmp(kbuf, hbuf, BUFSZ) == 0, "size %zu differs", size);
	}
}
END_TEST

/* kvformat with a sink of our own: it sees every character, in order, even the ones
 * a snprintf buffer would cut; the count it returns is the number delivered. */
struct collect {
	char buf[BUFSZ];
	int n;
};

static void collect_sink(void *arg, char c)
{
	struct collect *col = arg;
	if (col->n < BUFSZ)
		col->buf[col->n] = c;
	col->n++;
}

static int collect(struct collect *col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	col->n = 0;
	int n = kvformat(collect_sink, col, fmt, ap);
	va_end(ap);
	return n;
}

START_TEST(test_kvformat_sink)
{
	struct collect col;
	int n = collect(&col, "%s:%d:%c", "ab", -5, 0);
	ck_assert_int_eq(n, 7);     /* %c of 0 delivers a NUL character */
	ck_assert_int_eq(col.n, 7);
	ck_assert_int_eq(memcmp(col.buf, "ab:-5:\0", 7), 0);
	n = collect(&col, "%400d", 7);
	ck_assert_int_eq(n, 400);
	ck_assert_int_eq(col.n, 400);
	ck_assert_int_eq(col.buf[399], '7');
}
END_TEST

/* ---- implementation-defined: the kernel's own choices ---- */

START_TEST(test_pointer)
{
	/* %p: "0x" and 16 hex digits, so addresses line up in dumps. */
	char b[64];
	ck_assert_int_eq(k_snprintf(b, sizeof(b), "%p", (void *)0x1234), 18);
	ck_assert_str_eq(b, "0x0000000000001234");
	k_snprintf(b, sizeof(b), "%p", NULL);
	ck_assert_str_eq(b, "0x0000000000000000");
	k_snprintf(b, sizeof(b), "%p", (void *)UINTPTR_MAX);
	ck_assert_str_eq(b, "0xffffffffffffffff");
	k_snprintf(b, sizeof(b), "%p", (void *)0xffffffff80001000ull);
	ck_assert_str_eq(b, "0xffffffff80001000");
	k_snprintf(b, sizeof(b), "[%20p]", (void *)0xab);
	ck_assert_str_eq(b, "[  0x00000000000000ab]");
	k_snprintf(b, sizeof(b), "[%-20p]", (void *)0xab);
	ck_assert_str_eq(b, "[0x00000000000000ab  ]");
	k_snprintf(b, sizeof(b), "[%5p]", (void *)0xab);
	ck_assert_str_eq(b, "[0x00000000000000ab]");
}
END_TEST

START_TEST(test_null_string)
{
	char b[64];
	const char *volatile null = NULL;   /* hidden from -Wformat-overflow */
	ck_assert_int_eq(k_snprintf(b, sizeof(b), "%s", null), 6);
	ck_assert_str_eq(b, "(null)");
	k_snprintf(b, sizeof(b), "[%10s]", null);
	ck_assert_str_eq(b, "[    (null)]");
	k_snprintf(b, sizeof(b), "[%-8s]", null);
	ck_assert_str_eq(b, "[(null)  ]");
}
END_TEST

START_TEST(test_malformed_formats)
{
	/* Not valid C formats: hidden from the compiler's format check on purpose. */
	const char *volatile lone = "abc%";
	const char *volatile unknown = "a%yb%dc";
	const char *volatile unknown_flags = "<%-5q>%d";
	char b[64];
	/* A lone % at the end prints nothing. */
	ck_assert_int_eq(k_snprintf(b, sizeof(b), lone, 0), 3);
	ck_assert_str_eq(b, "abc");
	/* An unknown conversion prints its character and takes no argument, so the
	 * conversions after it still get the right ones. */
	ck_assert_int_eq(k_snprintf(b, sizeof(b), unknown, 77), 6);
	ck_assert_str_eq(b, "ayb77c");
	k_snprintf(b, sizeof(b), unknown_flags, 5);
	ck_assert_str_eq(b, "<q>5");
}
END_TEST

static Suite *format_suite(void)
{
	Suite *s = suite_create("format");
	TCase *tc = tcase_create("against glibc");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_signed_table);
	tcase_add_test(tc, test_unsigned_table);
	tcase_add_test(tc, test_char_table);
	tcase_add_test(tc, test_string_table);
	tcase_add_test(tc, test_percent_and_plain);
	tcase_add_test(tc, test_star);
	tcase_add_test(tc, test_truncation);
	tcase_add_test(tc, test_vsnprintf);
	suite_add_tcase(s, tc);

	tc = tcase_create("kernel-defined");
	tcase_add_test(tc, test_kvformat_sink);
	tcase_add_test(tc, test_pointer);
	tcase_add_test(tc, test_null_string);
	tcase_add_test(tc, test_malformed_formats);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return ktest_run(format_suite());
}
