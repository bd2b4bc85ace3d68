/*
 * mach/x86_64/syscall_sw.h - how a user stub enters a Mach trap on x86_64.
 *
 * The trap number (negative) goes in rax; the C calling convention already put the
 * first arguments in rdi, rsi, rdx, rcx, r8, r9, but `syscall` overwrites rcx with the
 * return address, so the fourth argument moves to r10 first.  Arguments past the
 * sixth stay on the user stack where the kernel reads them.
 */
#ifndef _MACH_X86_64_SYSCALL_SW_H_
#define _MACH_X86_64_SYSCALL_SW_H_

#include <mach/machine/asm.h>

#define kernel_trap(trap_name, trap_number, number_args) \
ENTRY(trap_name) \
	movq	$ trap_number, %rax; \
	movq	%rcx, %r10; \
	syscall; \
	ret; \
END(trap_name)

#endif /* _MACH_X86_64_SYSCALL_SW_H_ */
