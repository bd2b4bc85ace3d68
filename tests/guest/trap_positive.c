/*
 * trap_positive.c — a positive trap number: an invalid-opcode fault of the caller, as in GNU Mach.
 * The kernel must report the fault naming the task, the fault and where, end the task,
 * and keep running (the idle loop still takes timer interrupts).
 */
//! expect_exit=idle
//! expect 'about to fault'
//! expect '^task 1 "trap_positive": invalid opcode \(#UD\): unknown Mach trap 5 at rip 0x40[0-9a-f]+, .*task terminated$'
//! expect 'kernel: no user task left; idle'
//! expect 'kernel: still running, [0-9]+ timer ticks later'
//! reject 'not reached'
#include "guest.h"

int main(void)
{
	mach_print("about to fault\n");
	long rax = 5;
	__asm__ volatile("syscall" : "+a"(rax) :: "rcx", "r11", "memory");
	mach_print("not reached\n");
	return 1;
}
