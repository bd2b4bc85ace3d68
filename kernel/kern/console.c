/*
 * console.c — kprintf on top of the machine's console output.
 */
#include <kern/console.h>
#include <kern/format.h>

static void console_sink(void *arg, char c)
{
	(void)arg;
	machine_console_putc(c);
}

int kvprintf(const char *fmt, va_list ap)
{
	return kvformat(console_sink, NULL, fmt, ap);
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}

void console_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		machine_console_putc(s[i]);
}
