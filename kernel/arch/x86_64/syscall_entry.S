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
 * Frame offsets used here: r11 32, r10 40, r9 48, r8 56, rdi 72, rsi 80, rdx 88,
 * rcx 96, rax 112, error 128, rsp 160 (struct trap_frame).
 *
 * mach_msg (trap -25), the RPC path, skips the generic dispatch: its arguments are
 * already in the registers the C ABI wants (r10 moved to rcx), so mach_msg_trap_entry
 * is called with them directly and its result stored in the frame's rax. When it
 * answers MACH_MSG_TRAP_GENERAL (all ones, kern/trap.h) it has changed nothing, and
 * the trap goes through the generic dispatch, which reads the arguments from the frame.
 * The frame is complete either way, because a thread may wait inside mach_msg and be
 * examined (thread_get_state) or changed (thread_set_state) meanwhile.
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
	cmpq	$-1, %rax		/* MACH_MSG_TRAP_GENERAL */
	jne	2f
1:	movq	%rsp, %rdi
	call	syscall_handler
	movq	112(%rsp), %rax		/* the result, in the frame */

	/* rax: the result. A changed frame (FRAME_CHANGED) returns through iretq, with
	 * the result written into it (GNU Mach's order: a result produced after a
	 * thread_set_state still lands in rax), unless rax is MACH_MSG_TRAP_IN_FRAME:
	 * the result went into the frame before the thread stopped on its way out, and
	 * what thread_set_state did meanwhile stands. */
2:	cmpq	$0, 128(%rsp)		/* frame error: FRAME_CHANGED? */
	jne	3f
	movq	96(%rsp), %rcx		/* frame rcx: the user rip */
	movq	%rcx, %r11
	shrq	$47, %r11
	jnz	3f

	/* An unchanged frame: rbx, rbp and r12-r15 still hold what the entry saved (the
	 * C code preserved them), so only the registers C may clobber are reloaded. */
	movq	32(%rsp), %r11		/* == rflags */
	movq	40(%rsp), %r10
	movq	48(%rsp), %r9
	movq	56(%rsp), %r8
	movq	72(%rsp), %rdi
	movq	80(%rsp), %rsi
	movq	88(%rsp), %rdx
	movq	160(%rsp), %rsp		/* user rsp: the frame is not needed any more */
	swapgs
	sysretq

3:	cmpq	$-2, %rax		/* MACH_MSG_TRAP_IN_FRAME */
	je	trap_return
	movq	%rax, 112(%rsp)
	jmp	trap_return
