/*
 * fault_pf_text.c — writing into the program's own read-only text (#PF, protection violation).
 * The kernel must report the fault naming the task, the fault and where, end the task,
 * and keep running (the idle loop still takes timer interrupts).
 */
//! expect_exit=idle
//! expect 'about to fault'
//! expect '^task 1 "fault_pf_text": page fault \(#PF\) writing 0x40[0-9a-f]+ \(protection violation\) at rip 0x40[0-9a-f]+, .*error code 0x7; task terminated$'
//! expect 'kernel: no user task left; idle'
//! expect 'kernel: still running, [0-9]+ timer ticks later'
//! reject 'not reached'
#include "guest.h"

int main(void)
{
	mach_print("about to fault\n");
	*(volatile char *)(void *)main = 0;
	mach_print("not reached\n");
	return 1;
}
