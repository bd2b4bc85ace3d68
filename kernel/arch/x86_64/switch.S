/*
 * switch.S — switching kernel stacks between threads, and where new threads start.
 *
 * switch_stacks(save_ksp, load_ksp, prev) saves the callee-saved registers on the
 * current stack, stores rsp in *save_ksp, loads load_ksp, restores that stack's
 * registers and returns there with rax = prev (the thread switched away from). The
 * caller-saved registers need no saving: switch_stacks is an ordinary call.
 *
 * A new thread's stack (thread_machine.c) holds six zeroed registers and a return
 * address pointing at one of the trampolines below, so its first switch "returns" into
 * them.
 */
	.text
	.globl switch_stacks
switch_stacks:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, (%rdi)
	movq	%rsi, %rsp
	movq	%rdx, %rax
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret

/* First run of a user thread: rsp is its trap frame. */
	.globl thread_start_user
thread_start_user:
	movq	%rax, %rdi
	call	thread_first_run
	jmp	trap_return

/* First run of a kernel thread: r12 is the function to run. */
	.globl thread_start_kernel
thread_start_kernel:
	movq	%rax, %rdi
	call	sched_after_switch
	call	*%r12
	ud2				/* kernel threads never return */
