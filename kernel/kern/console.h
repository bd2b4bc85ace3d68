/*
 * console.h — the kernel console: kprintf and friends. Output goes to every console the
 * machine layer has (COM1 and VGA text on x86_64) through machine_console_putc.
 *
 * Locking: none yet. Portico runs one CPU and prints with interrupts off in every path
 * that matters (traps, panic); a second CPU will need a console lock here.
 */
#ifndef KERN_CONSOLE_H
#define KERN_CONSOLE_H

#include <stdarg.h>
#include <stddef.h>

int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap);
void console_write(const char *s, size_t len);

/* Provided by the machine layer. */
void machine_console_putc(char c);

#endif
