/*
 * syscall_entry.S — entry by the `syscall` instruction (Mach traps) and the fast return by
 * `sysret`.
 *
 * On entry rcx = user rip, r11 = user rflags, rsp = user stack, and FMASK has cleared
 * IF/DF/TF/AC: interrupts stay off for the whole trap. We build the same struct
 * trap_frame as an interrupt would (vector VECTOR_SYSCALL), so every kernel path sees
 * one frame layout.
 *
 * Return: sysret restores rip from rcx and rflags from r11, so it is exact only when
 * the frame's rcx == rip and r11 == rflags (the trap ABI clobbers both anyway) and rip
 * is a canonical user address (sysret to a non-canonical rip faults in ring 0 on Intel
 * CPUs, with the user's stack). The entry makes such a frame; whatever changes it
 * afterwards (thread_set_state, a trap pointed back at its instruction) marks it
 * FRAME_CHANGED in its error slot (trap.h), and it returns through iretq, which
 * restores everything. The canonical test of rcx stays as a second line of defence.
 *
 * mach_msg (trap -25), the RPC path, skips the generic dispatch: its six arguments are
 * already in the registers the C ABI wants (r10 moved to rcx), so mach_msg_trap_entry
 * is called with them directly and its result stored in the frame's rax. The frame is
 * still complete, because a thread may wait inside mach_msg and be examined
 * (thread_get_state) or changed (thread_set_state) meanwhile.
 */
	.text
	.globl syscall_entry
syscall_entry:
	swapgs
	movq	%rsp, %gs:16
	movq	%gs:8, %rsp
	pushq	$0x23			/* ss */
	pushq	%gs:16			/* rsp */
	pushq	%r11			/* rflags */
	pushq	$0x2b			/* cs */
	pushq	%rcx			/* rip */
	pushq	$0			/* error */
	pushq	$0x100			/* vector: VECTOR_SYSCALL */
	pushq	%rax
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
	cmpl	$-25, %eax		/* MACH_MSG_TRAP_NUMBER */
	jne	1f
	movq	%r10, %rcx
	call	mach_msg_trap_entry
	movq	%rax, 112(%rsp)		/* frame rax */
	jmp	2f
1:	movq	%rsp, %rdi
	call	syscall_handler
2:

	/* Frame offsets: rcx 96, error 128. */
	cmpq	$0, 128(%rsp)		/* FRAME_CHANGED? */
	jne	trap_return
	movq	96(%rsp), %rax
	shrq	$47, %rax
	jnz	trap_return

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
	movq	40(%rsp), %rsp		/* user rsp: the frame is not needed any more */
	swapgs
	sysretq
