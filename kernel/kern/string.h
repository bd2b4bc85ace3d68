/*
 * string.h — the C string and memory functions the kernel uses (string.c). The compiler
 * may also emit calls to memcpy/memset/memmove/memcmp on its own, so these names are
 * the standard ones.
 */
#ifndef KERN_STRING_H
#define KERN_STRING_H

#include <stddef.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
/* Copies at most size-1 characters and always terminates (size > 0); returns strlen(src)
 * so truncation shows as a result >= size. */
size_t strlcpy(char *dst, const char *src, size_t size);

/* -ffreestanding keeps gcc from expanding these itself; through the builtins, copies and
 * clears of a size known at compile time (headers, small structures) become a few
 * moves, and the rest still call the functions above. Not in the host tests. */
#if defined(PORTICO_KERNEL)
#define memcpy(d, s, n) __builtin_memcpy((d), (s), (n))
#define memset(d, c, n) __builtin_memset((d), (c), (n))
#define memmove(d, s, n) __builtin_memmove((d), (s), (n))
#endif

#endif
