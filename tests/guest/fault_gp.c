/*
 * fault_gp.c — dereferencing a non-canonical address in user mode (#GP).
 * The kernel must report the fault naming the task, the fault and where, end the task,
 * and keep running (the idle loop still takes timer interrupts).
 */
//! expect_exit=idle
//! expect 'about to fault'
//! expect '^task 1 "fault_gp": general protection fault \(#GP\) at rip 0x40[0-9a-f]+, .*task terminated$'
//! expect 'kernel: no user task left; idle'
//! expect 'kernel: still running, [0-9]+ timer ticks later'
//! reject 'not reached'
#include "guest.h"

int main(void)
{
	mach_print("about to fault\n");
	(void)*(volatile long *)0x8000000000000000ul;
	mach_print("not reached\n");
	return 1;
}
