/*
 * fault_ud.c — executing an invalid instruction (ud2) in user mode.
 * The kernel must report the fault naming the task, the fault and where, end the task,
 * and keep running (the idle loop still takes timer interrupts).
 */
//! expect_exit=idle
//! expect 'about to fault'
//! expect '^task 1 "fault_ud": invalid opcode \(#UD\) at rip 0x40[0-9a-f]+, rsp 0x7fff[0-9a-f]+, error code 0x0; task terminated$'
//! expect 'kernel: no user task left; idle'
//! expect 'kernel: still running, [0-9]+ timer ticks later'
//! reject 'not reached'
#include "guest.h"

int main(void)
{
	mach_print("about to fault\n");
	__asm__ volatile("ud2");
	mach_print("not reached\n");
	return 1;
}
