/*
 * util.c — allocation that cannot fail quietly, string helpers, and the one
 * place diagnostics are printed ("file:line: message").
 *
 * mig is a short-lived batch program: every allocation is chained on one
 * list and released together by mem_release_all(), which keeps ownership out
 * of every other file (and lets the fuzzer run many inputs in one process).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "mig.h"

int error_count;
bool quiet_warnings;
bool verbose;

/* Each block starts with a link to the previous one; max_align_t keeps the
 * caller's part aligned for anything. */
union block {
	union block *prev;
	max_align_t align;
};
static union block *last_block;

static void out_of_memory(void)
{
	fputs("mig: out of memory\n", stderr);
	exit(2);
}

void *xcalloc(size_t n, size_t size)
{
	union block *b;

	if (size && n > ((size_t)-1 - sizeof *b) / size)
		out_of_memory();
	b = calloc(1, sizeof *b + n * size);
	if (!b)
		out_of_memory();
	b->prev = last_block;
	last_block = b;
	return b + 1;
}

void *xmalloc(size_t n)
{
	return xcalloc(n, 1);
}

void mem_release_all(void)
{
	while (last_block) {
		union block *b = last_block;

		last_block = b->prev;
		free(b);
	}
}

bool too_many_errors(void)
{
	return error_count >= MAX_ERRORS;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *s;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

static void report(struct loc loc, const char *what, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s:%d: %s", loc.file ? loc.file : "<stdin>", loc.line, what);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void error_at(struct loc loc, const char *fmt, ...)
{
	va_list ap;

	/* A flood of errors helps nobody (a fuzzer's input can make thousands):
	 * past the limit, say so once; the lexer then ends the input. */
	if (too_many_errors())
		return;
	va_start(ap, fmt);
	report(loc, "", fmt, ap);
	va_end(ap);
	if (++error_count == MAX_ERRORS)
		fprintf(stderr, "%s:%d: too many errors, giving up\n",
			loc.file ? loc.file : "<stdin>", loc.line);
}

void warn_at(struct loc loc, const char *fmt, ...)
{
	va_list ap;

	if (quiet_warnings)
		return;
	va_start(ap, fmt);
	report(loc, "warning: ", fmt, ap);
	va_end(ap);
}
