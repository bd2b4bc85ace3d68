/*
 * test_string.c — host tests of the kernel's string and memory functions
 * (kernel/kern/string.c), linked as k_memcpy, k_strlen, ... (see krename.h).
 *
 * Results are checked against fixed expectations and, for every length and alignment
 * in a small range, against glibc's functions on the same input (signs only where C
 * leaves the magnitude open). Buffers carry guard bytes around the target so a write
 * one byte too far is caught.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ktest.h"
#include "khost.h"

#define GUARD 0xee

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

/* A pattern that differs at every offset, so a misplaced byte shows. */
static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 7 + (i >> 8));
}

/* ---- memcpy, memmove, memset ---- */

START_TEST(test_memcpy)
{
	unsigned char src[300], dst[300 + 32], expect[300 + 32];
	fill(src, sizeof(src), 3);
	for (size_t off = 0; off < 8; off++)
		for (size_t n = 0; n < 270; n++) {
			memset(dst, GUARD, sizeof(dst));
			memset(expect, GUARD, sizeof(expect));
			memcpy(expect + 16 + off, src + off, n);
			ck_assert_ptr_eq(k_memcpy(dst + 16 + off, src + off, n), dst + 16 + off);
			ck_assert_msg(memcmp(dst, expect, sizeof(dst)) == 0, "off %zu n %zu", off, n);
		}
}
END_TEST

/* memmove against a reference on a copy of the same buffer, for source before,
 * after and equal to the destination, overlapping and not. */
START_TEST(test_memmove_overlap)
{
	unsigned char buf[256], ref[256];
	for (size_t n = 0; n <= 64; n++)
		for (size_t src = 64; src <= 128; src += 1)
			for (int delta = -20; delta <= 20; delta++) {
				size_t dst = (size_t)((long)src + delta);
				fill(buf, sizeof(buf), (unsigned)n);
				memcpy(ref, buf, sizeof(ref));
				/* The reference: through a separate temporary, obviously right. */
				unsigned char tmp[64];
				memcpy(tmp, ref + src, n);
				memcpy(ref + dst, tmp, n);
				/* Plain ifs in hot loops: each ck_assert records its
				 * location through a system call. */
				if (k_memmove(buf + dst, buf + src, n) != buf + dst ||
				    memcmp(buf, ref, sizeof(buf)) != 0)
					ck_abort_msg("n %zu src %zu dst %zu", n, src, dst);
			}
}
END_TEST

START_TEST(test_memmove_fixed)
{
	char a[] = "abcdefghij";
	k_memmove(a + 2, a, 5);          /* forwards overlap: copy from the end */
	ck_assert_str_eq(a, "ababcdehij");
	char b[] = "abcdefghij";
	k_memmove(b, b + 3, 7);          /* backwards overlap: copy from the start */
	ck_assert_str_eq(b, "defghijhij");
	char c[] = "abc";
	ck_assert_ptr_eq(k_memmove(c, c, 3), c);
	ck_assert_str_eq(c, "abc");
	ck_assert_ptr_eq(k_memmove(c + 1, c, 0), c + 1);
	ck_assert_str_eq(c, "abc");
}
END_TEST

START_TEST(test_memset)
{
	unsigned char buf[200];
	static const int values[] = { 0, 1, 0x7f, 0x80, 0xff, 0x1ab, -1, -2 };
	for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++)
		for (size_t off = 0; off < 8; off++)
			for (size_t n = 0; n < 150; n++) {
				memset(buf, GUARD, sizeof(buf));
				ck_assert_ptr_eq(k_memset(buf + 16 + off, values[v], n), buf + 16 + off);
				for (size_t i = 0; i < sizeof(buf); i++) {
					int in = i >= 16 + off && i < 16 + off + n;
					/* The value is converted to unsigned char. */
					if (buf[i] != (in ? (unsigned char)values[v] : GUARD))
						ck_abort_msg("value %d off %zu n %zu: byte %zu is %#x",
							     values[v], off, n, i, buf[i]);
				}
			}
}
END_TEST

/* ---- comparisons ---- */

START_TEST(test_memcmp)
{
	unsigned char a[80], b[80];
	fill(a, sizeof(a), 9);
	for (size_t n = 0; n < 70; n++) {
		ck_assert_int_eq(k_memcmp(a, a, n), 0);
		memcpy(b, a, sizeof(b));
		ck_assert_int_eq(k_memcmp(a, b, n), 0);
		for (size_t pos = 0; pos < n; pos++) {
			memcpy(b, a, sizeof(b));
			b[pos] ^= 0x80;   /* also checks bytes compare as unsigned */
			ck_assert_int_eq(sign(k_memcmp(a, b, n)), sign(memcmp(a, b, n)));
			ck_assert_int_eq(sign(k_memcmp(b, a, n)), -sign(memcmp(a, b, n)));
			/* Only the first difference counts; bytes past n not at all. */
			ck_assert_int_eq(k_memcmp(a, b, pos), 0);
		}
	}
	ck_assert_int_lt(k_memcmp("\x01", "\xff", 1), 0);
	ck_assert_int_gt(k_memcmp("\x80", "\x7f", 1), 0);
	ck_assert_int_lt(k_memcmp("abc", "abd", 3), 0);
	ck_assert_int_eq(k_memcmp("abc", "abd", 2), 0);
}
END_TEST

static const char *const strs[] = {
	"", "a", "b", "ab", "abc", "abd", "abcd", "abcde", "hello", "hello world", "\x7f",
	"\x80", "\xff", "a\xff", "a\x01", "A", "Z", "zz", "zzz",
};
#define NSTRS (sizeof(strs) / sizeof(strs[0]))

START_TEST(test_strcmp)
{
	for (size_t i = 0; i < NSTRS; i++)
		for (size_t j = 0; j < NSTRS; j++) {
			int want = sign(strcmp(strs[i], strs[j]));
			ck_assert_msg(sign(k_strcmp(strs[i], strs[j])) == want,
				      "strcmp(\"%s\", \"%s\")", strs[i], strs[j]);
			ck_assert_int_eq(sign(k_strcmp(strs[j], strs[i])), -want);
		}
	ck_assert_int_eq(k_strcmp("", ""), 0);
	ck_assert_int_gt(k_strcmp("\xff", "a"), 0);    /* unsigned char, as in C */
}
END_TEST

START_TEST(test_strncmp)
{
	for (size_t i = 0; i < NSTRS; i++)
		for (size_t j = 0; j < NSTRS; j++)
			for (size_t n = 0; n < 14; n++) {
				int want = sign(strncmp(strs[i], strs[j], n));
				ck_assert_msg(sign(k_strncmp(strs[i], strs[j], n)) == want,
					      "strncmp(\"%s\", \"%s\", %zu)", strs[i], strs[j], n);
			}
	/* Stops at the terminator: the bytes after it are never compared. */
	char a[8] = { 'x', 0, 'a' }, b[8] = { 'x', 0, 'b' };
	ck_assert_int_eq(k_strncmp(a, b, 8), 0);
	ck_assert_int_eq(k_strncmp("abc", "abd", 0), 0);
	ck_assert_int_eq(k_strncmp("abc", "abd", SIZE_MAX), k_strcmp("abc", "abd"));
}
END_TEST

/* ---- lengths ---- */

START_TEST(test_strlen_strnlen)
{
	char buf[100];
	for (size_t len = 0; len < 90; len++) {
		memset(buf, 'q', sizeof(buf));
		buf[len] = '\0';
		ck_assert_uint_eq(k_strlen(buf), len);
		for (size_t max = 0; max < 95; max++)
			ck_assert_uint_eq(k_strnlen(buf, max), len < max ? len : max);
	}
	/* strnlen must not look past max: no terminator in reach. */
	char unterminated[4] = { 'a', 'b', 'c', 'd' };
	ck_assert_uint_eq(k_strnlen(unterminated, 4), 4);
	ck_assert_uint_eq(k_strnlen(unterminated, 2), 2);
	ck_assert_uint_eq(k_strlen("\xff\x80"), 2);
}
END_TEST

/* ---- searches ---- */

START_TEST(test_strchr_strrchr)
{
	const char *s = "hello, world";
	ck_assert_ptr_eq(k_strchr(s, 'o'), s + 4);
	ck_assert_ptr_eq(k_strrchr(s, 'o'), s + 8);
	ck_assert_ptr_eq(k_strchr(s, 'h'), s);
	ck_assert_ptr_eq(k_strrchr(s, 'h'), s);
	ck_assert_ptr_eq(k_strchr(s, 'd'), s + 11);
	ck_assert_ptr_null(k_strchr(s, 'z'));
	ck_assert_ptr_null(k_strrchr(s, 'z'));
	/* The terminator is part of the string. */
	ck_assert_ptr_eq(k_strchr(s, '\0'), s + 12);
	ck_assert_ptr_eq(k_strrchr(s, '\0'), s + 12);
	ck_assert_ptr_eq(k_strchr("", '\0'), k_strrchr("", '\0'));
	ck_assert_ptr_null(k_strchr("", 'a'));
	/* c is converted to char: 0x100 + 'l' finds 'l', 0xff finds byte 0xff. */
	ck_assert_ptr_eq(k_strchr(s, 0x100 + 'l'), s + 2);
	const char *hi = "a\xff" "b\xff";
	ck_assert_ptr_eq(k_strchr(hi, 0xff), hi + 1);
	ck_assert_ptr_eq(k_strrchr(hi, 0xff), hi + 3);
	ck_assert_ptr_eq(k_strchr(hi, -1), hi + 1);
	/* Against glibc for every string and character in it. */
	for (size_t i = 0; i < NSTRS; i++)
		for (int c = 0; c < 256; c++) {
			ck_assert_ptr_eq(k_strchr(strs[i], c), strchr(strs[i], c));
			ck_assert_ptr_eq(k_strrchr(strs[i], c), strrchr(strs[i], c));
		}
}
END_TEST

/* ---- strlcpy ---- */

START_TEST(test_strlcpy)
{
	char dst[40];
	for (size_t i = 0; i < NSTRS; i++) {
		size_t len = strlen(strs[i]);
		for (size_t size = 0; size < 16; size++) {
			memset(dst, GUARD, sizeof(dst));
			ck_assert_uint_eq(k_strlcpy(dst + 8, strs[i], size), len);
			for (size_t j = 0; j < sizeof(dst); j++) {
				unsigned char c = (unsigned char)dst[j];
				if (j < 8 || j >= 8 + size) {
					ck_assert_msg(c == GUARD, "\"%s\" size %zu: byte %zu written",
						      strs[i], size, j);
					continue;
				}
				size_t k = j - 8, copied = len < size - 1 ? len : size - 1;
				if (k < copied)
					ck_assert_uint_eq(c, (unsigned char)strs[i][k]);
				else if (k == copied)
					ck_assert_uint_eq(c, 0);
				else
					ck_assert_uint_eq(c, GUARD);
			}
		}
	}
	/* Truncation shows as a result >= size. */
	char small[4];
	ck_assert_uint_eq(k_strlcpy(small, "overflow", sizeof(small)), 8);
	ck_assert_str_eq(small, "ove");
	ck_assert_uint_eq(k_strlcpy(small, "ok", sizeof(small)), 2);
	ck_assert_str_eq(small, "ok");
	/* size 0 writes nothing, so dst may be NULL. */
	ck_assert_uint_eq(k_strlcpy(NULL, "abc", 0), 3);
}
END_TEST

static Suite *string_suite(void)
{
	Suite *s = suite_create("string");
	TCase *tc = tcase_create("memory");
	tcase_add_test(tc, test_memcpy);
	tcase_add_test(tc, test_memmove_overlap);
	tcase_add_test(tc, test_memmove_fixed);
	tcase_add_test(tc, test_memset);
	tcase_add_test(tc, test_memcmp);
	suite_add_tcase(s, tc);

	tc = tcase_create("strings");
	tcase_add_test(tc, test_strcmp);
	tcase_add_test(tc, test_strncmp);
	tcase_add_test(tc, test_strlen_strnlen);
	tcase_add_test(tc, test_strchr_strrchr);
	tcase_add_test(tc, test_strlcpy);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return ktest_run(string_suite());
}
