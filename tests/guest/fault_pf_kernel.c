/*
 * fault_pf_kernel.c — reading kernel memory from user mode (#PF, protection violation: kernel pages are not user-accessible).
 * The kernel must report the fault naming the task, the fault and where, end the task,
 * and keep running (the idle loop still takes timer interrupts).
 */
//! expect_exit=idle
//! expect 'about to fault'
//! expect '^task 1 "fault_pf_kernel": page fault \(#PF\) reading 0xffffffff80100000 \(protection violation\) at rip 0x40[0-9a-f]+, .*error code 0x5; task terminated$'
//! expect 'kernel: no user task left; idle'
//! expect 'kernel: still running, [0-9]+ timer ticks later'
//! reject 'not reached'
#include "guest.h"

int main(void)
{
	mach_print("about to fault\n");
	(void)*(volatile long *)0xffffffff80100000ul;
	mach_print("not reached\n");
	return 1;
}
