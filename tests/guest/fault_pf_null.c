/*
 * fault_pf_null.c — writing through a NULL pointer (#PF, page not present).
 * The kernel must report the fault naming the task, the fault and where, end the task,
 * and keep running (the idle loop still takes timer interrupts).
 */
//! expect_exit=idle
//! expect 'about to fault'
//! expect '^task 1 "fault_pf_null": page fault \(#PF\) writing 0x0 \(page not present\) at rip 0x40[0-9a-f]+, .*error code 0x6; task terminated$'
//! expect 'kernel: no user task left; idle'
//! expect 'kernel: still running, [0-9]+ timer ticks later'
//! reject 'not reached'
#include "guest.h"

int main(void)
{
	mach_print("about to fault\n");
	*(volatile int *)0 = 1;
	mach_print("not reached\n");
	return 1;
}
