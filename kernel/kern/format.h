/*
 * format.h — printf-style formatting for the kernel, into any character sink.
 *
 * Entry points: kvformat (the engine), vsnprintf/snprintf (into a buffer). Console
 * output (kprintf) lives in console.c. Portable: no arch code, unit-tested on the host.
 *
 * Conversions: %d %i %u %x %X %o %c %s %p %%, flags - 0 + space #, width and precision
 * (numbers or *), length modifiers hh h l ll z t j. An unknown conversion is printed
 * as is, so a bad format string shows up instead of corrupting the argument list
 * silently (the compiler's format checking catches most of them first).
 */
#ifndef KERN_FORMAT_H
#define KERN_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*format_sink_t)(void *arg, char c);

/* Returns the number of characters produced. */
int kvformat(format_sink_t sink, void *arg, const char *fmt, va_list ap);

/* As C's: always NUL-terminates when size > 0; returns the length the whole output
 * would have had. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
