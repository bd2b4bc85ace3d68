/*
 * fault_ioport.c — port I/O without permission in user mode (#GP): user tasks get no I/O ports by default.
 * The kernel must report the fault naming the task, the fault and where, end the task,
 * and keep running (the idle loop still takes timer interrupts).
 */
//! expect_exit=idle
//! expect 'about to fault'
//! expect '^task 1 "fault_ioport": general protection fault \(#GP\) at rip 0x40[0-9a-f]+, .*task terminated$'
//! expect 'kernel: no user task left; idle'
//! expect 'kernel: still running, [0-9]+ timer ticks later'
//! reject 'not reached'
#include "guest.h"

int main(void)
{
	mach_print("about to fault\n");
	__asm__ volatile("outb %%al, $0xf4" :: "a"(0x10));
	mach_print("not reached\n");
	return 1;
}
