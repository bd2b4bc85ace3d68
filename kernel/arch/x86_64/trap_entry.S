/*
 * trap_entry.S — the 256 interrupt and exception entry stubs and the common path that
 * saves registers into a struct trap_frame (trap.h), calls trap_handler and returns.
 *
 * swapgs: %gs must hold the per-CPU block in the kernel. An entry from user mode
 * (CS.RPL = 3) swaps it in and the return swaps it back; entries from kernel mode leave
 * it alone. NMIs and double faults on their IST stacks go through the same test, which
 * is right as long as the kernel never runs with the user's %gs at CPL 0 with
 * interrupts on — true here: syscall_entry.S swaps with interrupts off.
 */
	.text
	.altmacro		/* lets %vec pass the vector's value to the macros */

.macro TRAP_STUB v
	.balign 16
trap_stub_\v:
	/* The CPU pushes an error code for 8, 10-14, 17, 21, 29, 30; the others get a 0. */
	.if ! ((\v == 8) || (\v == 10) || (\v == 11) || (\v == 12) || (\v == 13) || (\v == 14) || (\v == 17) || (\v == 21) || (\v == 29) || (\v == 30))
	pushq	$0
	.endif
	pushq	$\v
	jmp	trap_common
.endm

	.set	vec, 0
	.rept	256
	TRAP_STUB %vec
	.set	vec, vec + 1
	.endr

.macro STUB_ADDRESS v
	.quad	trap_stub_\v
.endm

/* The table idt.c reads: the address of each stub. */
	.section .rodata
	.balign 8
	.globl trap_stubs
trap_stubs:
	.set	vec, 0
	.rept	256
	STUB_ADDRESS %vec
	.set	vec, vec + 1
	.endr

	.text
trap_common:
	testb	$3, 24(%rsp)		/* CS of the interrupted context */
	jz	1f
	swapgs
1:	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	cld
	movq	%rsp, %rdi
	call	trap_handler
	/* fall through */

/* Restore the frame at %rsp and return with iretq. */
	.globl trap_return
trap_return:
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
	addq	$16, %rsp		/* vector, error */
	testb	$3, 8(%rsp)
	jz	2f
	swapgs
2:	iretq

/* trap_return_to(frame): continue with the given frame (first entry to user mode). */
	.globl trap_return_to
trap_return_to:
	movq	%rdi, %rsp
	jmp	trap_return

/* call_on_stack(stack_top, fn, arg) */
	.globl call_on_stack
call_on_stack:
	movq	%rdi, %rsp
	xorl	%ebp, %ebp
	movq	%rdx, %rdi
	call	*%rsi
3:	cli
	hlt
	jmp	3b
