/*
 * panic.c — the one way the kernel stops on an internal error.
 */
#include <kern/panic.h>
#include <kern/console.h>
#include <kern/machine.h>

static int panicking;

void panic(const char *fmt, ...)
{
	va_list ap;

	/* A panic inside panic (a fault while printing the backtrace, say) must not loop:
	 * the second one only halts. */
	if (panicking++) {
		kprintf("\npanic: nested panic; halting\n");
		machine_halt(EXIT_PANIC);
	}
	kprintf("\npanic: ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	machine_dump_state();
	machine_backtrace();
	kprintf("panic: kernel halted\n");
	machine_halt(EXIT_PANIC);
}
