/*
 * fault_pf_nx.c — jumping into the stack, which is not executable (#PF on instruction fetch).
 * The kernel must report the fault naming the task, the fault and where, end the task,
 * and keep running (the idle loop still takes timer interrupts).
 */
//! expect_exit=idle
//! expect 'about to fault'
//! expect '^task 1 "fault_pf_nx": page fault \(#PF\) executing 0x7fff[0-9a-f]+ \(protection violation\) at rip 0x7fff[0-9a-f]+, .*error code 0x15; task terminated$'
//! expect 'kernel: no user task left; idle'
//! expect 'kernel: still running, [0-9]+ timer ticks later'
//! reject 'not reached'
#include "guest.h"

int main(void)
{
	mach_print("about to fault\n");
	unsigned char code[16] = { 0xc3 };   /* ret */
	((void (*)(void))(void *)code)();
	mach_print("not reached\n");
	return 1;
}
