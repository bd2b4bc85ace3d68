/*
 * idle.c — the idle loop.
 */
#include <kern/idle.h>
#include <kern/console.h>
#include <kern/machine.h>
#include <kern/options.h>

void machine_idle_wait(void);   /* arch: enable interrupts and halt until one comes */

void kernel_idle(void)
{
	uint64_t start = machine_ticks();
	kprintf("kernel: no user task left; idle\n");
	for (;;) {
		machine_idle_wait();
		if (kernel_options.test && machine_ticks() - start >= 3) {
			kprintf("kernel: still running, %lu timer ticks later; ending the test run\n",
				(unsigned long)(machine_ticks() - start));
			machine_halt(EXIT_IDLE);
		}
	}
}
