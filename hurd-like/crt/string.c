/*
 * string.c — the memory functions gcc may call on its own in freestanding user code.
 * Kept minimal: the C library (hurd-like) will bring the full set.
 */
#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n)
{
	char *d = dst;
	for (const char *s = src; n; n--)
		*d++ = *s++;
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	for (char *d = dst; n; n--)
		*d++ = (char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] - y[i];
	return 0;
}

size_t strlen(const char *s)
{
	const char *e = s;
	while (*e)
		e++;
	return (size_t)(e - s);
}

void *memmove(void *dst, const void *src, size_t n)
{
	char *d = dst;
	const char *s = src;
	if (d < s) {
		while (n--)
			*d++ = *s++;
	} else if (d > s) {
		while (n--)
			d[n] = s[n];
	}
	return dst;
}
